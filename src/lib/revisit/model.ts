import { startOfDay } from 'date-fns';
import { fnv1a } from '$lib/text/hash';
import { dayKey } from '$lib/time/day';
import type { BookRecord, PassageRecord, RevisitRecord } from '$lib/db/schema';

/**
 * Revisit: a few passages a day come back, chosen by a spaced schedule (FSRS, in
 * `scheduler.ts`, loaded only when a response is saved). Pure: time is an argument.
 *
 * - A passage's schedule lives on it (`revisit`), so it syncs and backs up with it.
 * - Each day offers at most `perDay` passages, counting the ones already answered today: a
 *   missed week means the same handful, never a pile (the rest wait for later days).
 * - Passages due come first (the longest overdue first); then, while there is room, passages
 *   never shown yet, at most `NEW_PER_DAY` a day, so a large library mixes in gradually.
 * - A passage, or a whole book, can be left out.
 */

export type RevisitResponse = 'true' | 'changed' | 'not-now' | 'answered';

export const RESPONSES: readonly { value: Exclude<RevisitResponse, 'answered'>; label: string }[] =
	[
		{ value: 'true', label: 'Still rings true' },
		{ value: 'changed', label: 'Changed my mind' },
		{ value: 'not-now', label: 'Not useful now' }
	];

export const DEFAULT_PER_DAY = 5;
export const PER_DAY_CHOICES = [3, 5, 10, 20] as const;
/** Passages never shown before, at most this many a day. */
export const NEW_PER_DAY = 2;
/** A passage captured today waits until tomorrow. */
const SETTLE_MS = 12 * 3_600_000;
/** "Not useful now": not before this long. */
export const NOT_NOW_DAYS = 180;
/** The minutes a revisit counts for in the linked skill's log (less than a worked passage). */
export const REVISIT_MINUTES = 1;

/** Whether Revisit may show `p` at all (live, has words, not left out, nor its book). */
export function revisitable(p: PassageRecord, leftOutBooks: ReadonlySet<string>): boolean {
	return (
		p.deletedAt === null &&
		p.text.trim() !== '' &&
		!p.revisit?.excluded &&
		!leftOutBooks.has(p.bookId)
	);
}

/** Books the person left out of Revisit. */
export function leftOutBooks(books: readonly BookRecord[]): Set<string> {
	return new Set(books.filter((b) => b.deletedAt === null && b.noRevisit).map((b) => b.id));
}

/** Never shown in Revisit, and not captured in the last hours (it waits until tomorrow). */
export function isNew(p: PassageRecord, now: number): boolean {
	return !p.revisit && p.createdAt <= now - SETTLE_MS;
}

/** Whether `p` was answered in Revisit on the local day of `now`. */
export function answeredToday(p: PassageRecord, now: number): boolean {
	const last = p.revisit?.last ?? null;
	return last !== null && last >= startOfDay(now).getTime() && last <= now;
}

/**
 * Today's passages, in order: what is due (oldest due first), then never-shown ones. `passages`
 * may be any superset of the candidates (the repo reads due ones by index and a slice of the
 * never-shown ones); `answered` counts the ones already answered today.
 */
export function revisitQueue(
	passages: readonly PassageRecord[],
	{
		now,
		perDay,
		answered,
		newAnswered,
		leftOut
	}: {
		now: number;
		perDay: number;
		/** Answered today, all kinds. */
		answered: number;
		/** Answered today for the first time ever. */
		newAnswered: number;
		leftOut: ReadonlySet<string>;
	}
): PassageRecord[] {
	const room = Math.max(0, perDay - answered);
	if (room === 0) return [];
	const candidates = passages.filter((p) => revisitable(p, leftOut));
	const due = candidates
		.filter((p) => p.revisit?.due != null && p.revisit.due <= now)
		.sort((a, b) => a.revisit!.due! - b.revisit!.due! || (a.id < b.id ? -1 : 1))
		.slice(0, room);
	const newRoom = Math.min(room - due.length, Math.max(0, NEW_PER_DAY - newAnswered));
	// Never shown: in the order given (the repo starts at a different place each day).
	const fresh = newRoom <= 0 ? [] : candidates.filter((p) => isNew(p, now)).slice(0, newRoom);
	return [...due, ...fresh];
}

/** A passage left out of Revisit (its schedule kept, should it come back). */
export function leftOut(state: RevisitRecord | undefined): RevisitRecord {
	return { ...(state ?? emptyRevisit()), excluded: true, due: null };
}

/** Back in Revisit: due now, as if never shown when it never was. */
export function broughtBack(state: RevisitRecord | undefined, now: number): RevisitRecord {
	return { ...(state ?? emptyRevisit()), excluded: false, due: now };
}

export function emptyRevisit(): RevisitRecord {
	return {
		due: null,
		last: null,
		stability: 0,
		difficulty: 0,
		reps: 0,
		lapses: 0,
		state: 0,
		excluded: false,
		response: null
	};
}

/** A day's starting point among passage ids (never-shown passages are taken from there). */
export function dayStart(now: number): string {
	return fnv1a(`start|${dayKey(new Date(now))}`)
		.toString(16)
		.padStart(8, '0');
}
