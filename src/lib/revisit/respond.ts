import { write } from '$lib/db';
import { getEvent, putEvent } from '$lib/db/events';
import { baseRecord, touched } from '$lib/db/record';
import type { PassageRecord, PracticeEventRecord } from '$lib/db/schema';
import { READING_RATING } from '$lib/reading/model';
import { REVISIT_MINUTES, type RevisitResponse } from './model';
import { noteWithAnswer, revisitEventId } from './prompts';

// Apart from repo.ts (what the home screen reads): saving a response needs the scheduler and
// the reading model, which only the Revisit page loads.

/**
 * The person's response to a passage in Revisit: its next visit (FSRS), the line they wrote
 * (added to the margin note, dated) and, when the passage speaks to a skill, a minute of reading
 * practice for it (one a day per passage: two devices revisiting it the same day log one).
 */
export async function respond(
	passageId: string,
	response: RevisitResponse,
	now: number,
	answer = ''
): Promise<PassageRecord> {
	const { nextVisit } = await import('./scheduler');
	return write(['passages', 'events', 'skills'], async (tx) => {
		const store = tx.objectStore('passages');
		const passage = await store.get(passageId);
		if (!passage || passage.deletedAt !== null) throw new Error('That passage no longer exists.');
		const changes: Partial<PassageRecord> = {
			revisit: nextVisit(passage.id, passage.revisit, response, now)
		};
		if (answer.trim() !== '') changes.note = noteWithAnswer(passage.note, answer, now);
		const updated = touched(passage, now, changes);
		await store.put(updated);
		if (passage.skillId) {
			const id = revisitEventId(passage.id, now);
			if (!(await getEvent(tx, { id, skillId: passage.skillId }))) {
				const event: PracticeEventRecord = {
					...baseRecord(now, id),
					skillId: passage.skillId,
					at: now,
					minutes: REVISIT_MINUTES,
					rating: READING_RATING,
					promptKey: `revisit|${passage.id}`,
					source: 'reading',
					// Not the passage's own reading event (that one follows its answers).
					sourceId: null,
					note: ''
				};
				await putEvent(tx, event);
			}
		}
		return updated;
	});
}
