import { QUESTIONS, STRATEGIES } from '$lib/reading/model';
import { formatDate } from '$lib/time/format';

/**
 * What a revisit asks and what it keeps: the day's prompt for a passage, the margin note with a
 * line added, the id of the practice it logs. Apart from `model.ts`, which the home screen
 * loads: none of this is needed to know what is due.
 */

/** The local calendar day of `at`, as 2026-12-03. */
function dayKey(at: number): string {
	const d = new Date(at);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** A prompt for `passageId` on the day of `now`: a reading question or a reading strategy. */
export function revisitPrompt(passageId: string, now: number): string {
	const prompts = [...QUESTIONS.map((q) => q.ask), ...STRATEGIES];
	return prompts[hash(`${passageId}|${dayKey(now)}`) % prompts.length];
}

/** A day's starting point among passage ids (never-shown passages are taken from there). */
export function dayStart(now: number): string {
	return hash(`start|${dayKey(now)}`)
		.toString(16)
		.padStart(8, '0');
}

/** The id of the practice a revisit of `passageId` logs on the day of `now`: one a day. */
export function revisitEventId(passageId: string, now: number): string {
	return `revisit:${passageId}:${dayKey(now)}`;
}

/** The margin note with a one-line answer added (dated): the note keeps a person's words. */
export function noteWithAnswer(note: string, answer: string, now: number): string {
	const line = `${formatDate(now)}: ${answer.trim().replace(/\s+/g, ' ')}`;
	return note.trim() === '' ? line : `${note.trimEnd()}\n${line}`;
}

function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
	return h >>> 0;
}
