import { QUESTIONS, STRATEGIES } from '$lib/reading/model';
import { formatDate } from '$lib/time/format';
import { fnv1a } from '$lib/text/hash';
import { dayKey } from '$lib/time/day';

/**
 * What a revisit asks and what it keeps: the day's prompt for a passage, the margin note with a
 * line added, the id of the practice it logs. Apart from `model.ts`, which the home screen
 * loads: none of this is needed to know what is due.
 */

/** A prompt for `passageId` on the day of `now`: a reading question or a reading strategy. */
export function revisitPrompt(passageId: string, now: number): string {
	const prompts = [...QUESTIONS.map((q) => q.ask), ...STRATEGIES];
	return prompts[fnv1a(`${passageId}|${dayKey(new Date(now))}`) % prompts.length];
}

/** The id of the practice a revisit of `passageId` logs on the day of `now`: one a day. */
export function revisitEventId(passageId: string, now: number): string {
	return `revisit:${passageId}:${dayKey(new Date(now))}`;
}

/** The margin note with a one-line answer added (dated): the note keeps a person's words. */
export function noteWithAnswer(note: string, answer: string, now: number): string {
	const line = `${formatDate(now)}: ${answer.trim().replace(/\s+/g, ' ')}`;
	return note.trim() === '' ? line : `${note.trimEnd()}\n${line}`;
}
