import { withDb, write } from '$lib/db';
import { skillEvents } from '$lib/db/events';
import type { CheckpointRecord } from '$lib/db/schema';
import { EMPTY_FOLD, foldEvents, sortEvents, type Fold } from './model';
import { toPracticeEvents, type SkillHistory } from './log';

/** A device clock that moved back by less than this cannot hide an edit from a checkpoint. */
const CLOCK_SLACK_MS = 86_400_000;

/**
 * Each skill's history split at `through`: the replay of every event up to it (from a stored
 * checkpoint when that is provably still valid, else recomputed and stored) and the newer
 * events in time order. When the split moves on (a new week), the checkpoint is carried
 * forward with the week's events: ten years of history are folded once, not every week.
 *
 * A checkpoint is valid when the skill still has exactly as many event records (tombstones
 * included) up to `through`, and none of them changed since it was made — both answered by
 * index queries that read no old event. Importing a backup clears all checkpoints (an import
 * can bring edits whose `updatedAt` predates the checkpoint).
 */
export async function historiesAt(
	skillIds: readonly string[],
	through: number,
	now: number
): Promise<Map<string, SkillHistory>> {
	const out = new Map<string, SkillHistory>();
	const fresh: CheckpointRecord[] = [];
	await withDb(async (db) => {
		const tx = db.transaction(['events', 'checkpoints'], 'readonly');
		const byAt = tx.objectStore('events').index('by-skill-at');
		// Checkpoint validity reads the event indexes directly (a count and a changed-since
		// range); issue 14 replaces it with a change sequence. Events themselves come through
		// db/events.ts.
		const byUpdated = tx.objectStore('events').index('by-skill-updated');
		const checkpoints = tx.objectStore('checkpoints');
		// Every skill's requests are issued at once: one transaction pipelines them, where
		// awaiting each in turn cost a round trip per request (~400 for 100 skills).
		const one = async (id: string) => {
			const [cp, recent] = await Promise.all([
				checkpoints.get(id),
				skillEvents(tx, id, { after: through })
			]);
			let fold: Fold | null = null;
			// A checkpoint at this split or an earlier one (last week's) can be used while the
			// events up to it are unchanged; from an earlier one, only the events between are folded.
			if (cp && cp.through <= through) {
				const [count, changed] = await Promise.all([
					byAt.count(IDBKeyRange.bound([id, -Infinity], [id, cp.through])),
					byUpdated.getAll(IDBKeyRange.bound([id, cp.madeAt - CLOCK_SLACK_MS], [id, Infinity]))
				]);
				if (count === cp.count && !changed.some((e) => e.at <= cp.through)) {
					fold = { state: cp.state, prevKey: cp.prevKey, repeats: cp.repeats };
					if (cp.through < through) {
						const between = await skillEvents(tx, id, { after: cp.through, through });
						fold = foldEvents(fold, sortEvents(toPracticeEvents(between)));
						fresh.push({
							skillId: id,
							through,
							count: cp.count + between.length,
							madeAt: now,
							...fold
						});
					}
				}
			}
			if (!fold) {
				const old = await skillEvents(tx, id, { through });
				fold = foldEvents(EMPTY_FOLD, sortEvents(toPracticeEvents(old)));
				fresh.push({ skillId: id, through, count: old.length, madeAt: now, ...fold });
			}
			const history: SkillHistory = {
				fold,
				recent: [...sortEvents(toPracticeEvents(recent))],
				records: recent
			};
			return [id, history] as const;
		};
		// In the order asked, whatever order the requests finish in.
		for (const [id, history] of await Promise.all(skillIds.map(one))) out.set(id, history);
		await tx.done;
	});
	if (fresh.length > 0) {
		await write(['checkpoints'], async (tx) => {
			for (const c of fresh) await tx.objectStore('checkpoints').put(c);
		});
	}
	return out;
}
