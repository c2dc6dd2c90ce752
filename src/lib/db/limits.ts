import { formatInteger } from '$lib/text/count';

/**
 * How long each piece of text may be — one list for the editors, the repos and the backup
 * check, so that whatever the app lets someone store, its own backup restores, and whatever
 * a backup refuses, the editor refused first with a message.
 */
export const LIMITS = {
	skillName: 200,
	drillText: 1_000_000,
	prompt: 10_000,
	subject: 2_000,
	/** Keys built from a subject or names (a subject at its limit plus a prefix fits). */
	promptKey: 5_000,
	question: 2_000,
	answer: 50_000,
	note: 50_000,
	templateName: 200,
	bookTitle: 500,
	author: 500,
	/** A title and an author, folded, with a separator. */
	titleKey: 1_100,
	passageText: 1_000_000,
	location: 200,
	reactionName: 60,
	/** Ids of records and of reactions. */
	id: 200,
	importKey: 5_000,
	url: 2_000,
	metaKey: 200
} as const;

export type LimitName = keyof typeof LIMITS;

/** "1,234", "1,071,411": exact, so a count just over a limit never reads as the limit. */
export function characters(n: number): string {
	return formatInteger(n);
}

/**
 * Null when `text` fits its limit; otherwise what to tell the person, e.g. "This passage
 * is 1,071,411 characters long; it can hold at most 1,000,000."
 */
export function tooLong(field: LimitName, text: string, what: string): string | null {
	const max = LIMITS[field];
	if (text.length <= max) return null;
	return `${what} is ${characters(text.length)} characters long; it can hold at most ${characters(max)}.`;
}
