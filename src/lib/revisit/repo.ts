import { startOfDay } from 'date-fns';
import { withDb, write } from '$lib/db';
import { metaKey, readMeta, writeMeta } from '$lib/db/meta';
import { liveOnly, touched } from '$lib/db/record';
import type { DrillRecord, PassageRecord } from '$lib/db/schema';
import { earlierYears, laterAttempt, nearerDays, type DayWindow } from './on-this-day';
import {
	broughtBack,
	dayStart,
	DEFAULT_PER_DAY,
	isNew,
	leftOut,
	leftOutBooks,
	NEW_PER_DAY,
	PER_DAY_CHOICES,
	revisitable,
	revisitQueue
} from './model';

/** How many passages a day Revisit offers (a setting that follows the person). */
export const PER_DAY = metaKey<number>(
	'revisitPerDay',
	(v): v is number => typeof v === 'number' && (PER_DAY_CHOICES as readonly number[]).includes(v)
);

/** Never-shown passages looked at per day at most (a library of tens of thousands). */
const SCAN_LIMIT = 3000;

export interface RevisitDay {
	/** Today's passages still to answer, in order, with their books' titles. */
	passages: { passage: PassageRecord; bookTitle: string }[];
	perDay: number;
	/** Answered today already. */
	answered: number;
}

/**
 * Today's Revisit at `now`, read through the schedule's indexes (never every passage): what was
 * answered today, what is due, and a few never-shown passages from the day's starting point.
 */
export async function revisitDay(now: number): Promise<RevisitDay> {
	const perDay = (await readMeta(PER_DAY)) ?? DEFAULT_PER_DAY;
	return withDb(async (db) => {
		const tx = db.transaction(['passages', 'books'], 'readonly');
		const store = tx.objectStore('passages');
		const books = await tx.objectStore('books').getAll();
		const out = leftOutBooks(books);
		const today = liveOnly(
			await store.index('by-revisit-last').getAll(IDBKeyRange.bound(startOfDay(now).getTime(), now))
		);
		const answered = today.length;
		const newAnswered = today.filter((p) => p.revisit?.reps === 1).length;
		// Candidates only: how many of each today's queue takes is `revisitQueue`'s to say.
		const found: PassageRecord[] = [];
		if (answered < perDay) {
			const due = store.index('by-revisit-due');
			found.push(
				...(await take(due, IDBKeyRange.upperBound(now), perDay, (p) => revisitable(p, out)))
			);
			// Never shown: from the day's starting point to the end of the ids, then the rest.
			const fresh = (p: PassageRecord) => isNew(p, now) && revisitable(p, out);
			const start = dayStart(now);
			const after = await take(store, IDBKeyRange.lowerBound(start), NEW_PER_DAY, fresh);
			found.push(...after);
			if (after.length < NEW_PER_DAY) {
				const before = IDBKeyRange.upperBound(start, true);
				found.push(...(await take(store, before, NEW_PER_DAY - after.length, fresh)));
			}
		}
		const titles = new Map(books.map((b) => [b.id, b.title]));
		const passages = revisitQueue(found, {
			now,
			perDay,
			answered,
			newAnswered,
			leftOut: out
		}).map((passage) => ({ passage, bookTitle: titles.get(passage.bookId) ?? '' }));
		await tx.done;
		return { passages, perDay, answered };
	});
}

/**
 * Up to `count` passages of `range` that pass `accept`, in key order, reading at most
 * SCAN_LIMIT (a library where nearly every passage was already shown).
 */
async function take(
	source: { openCursor(range: IDBKeyRange): Promise<PassageCursor | null> },
	range: IDBKeyRange,
	count: number,
	accept: (p: PassageRecord) => boolean
): Promise<PassageRecord[]> {
	const out: PassageRecord[] = [];
	let cursor = await source.openCursor(range);
	for (let read = 0; cursor && out.length < count && read < SCAN_LIMIT; read++) {
		if (accept(cursor.value)) out.push(cursor.value);
		cursor = await cursor.continue();
	}
	return out;
}

interface PassageCursor {
	value: PassageRecord;
	continue(): Promise<PassageCursor | null>;
}

/** Leave a passage out of Revisit, or bring it back (due at once). */
export async function setPassageLeftOut(id: string, out: boolean, now: number): Promise<void> {
	await write(['passages'], async (tx) => {
		const passage = await tx.objectStore('passages').get(id);
		if (!passage || passage.deletedAt !== null) throw new Error('That passage no longer exists.');
		const revisit = out ? leftOut(passage.revisit) : broughtBack(passage.revisit, now);
		await tx.objectStore('passages').put(touched(passage, now, { revisit }));
	});
}

/** Leave a whole book out of Revisit, or bring it back. */
export async function setBookLeftOut(id: string, out: boolean, now: number): Promise<void> {
	await write(['books'], async (tx) => {
		const book = await tx.objectStore('books').get(id);
		if (!book || book.deletedAt !== null) throw new Error('That book no longer exists.');
		await tx.objectStore('books').put(touched(book, now, { noRevisit: out }));
	});
}

export async function setPerDay(n: number, now: number): Promise<void> {
	if (!PER_DAY.check(n)) throw new Error('Choose how many passages a day.');
	await writeMeta(PER_DAY, n, now);
}

export interface OnThisDayGroup {
	label: string;
	drills: { then: DrillRecord; now: DrillRecord | null }[];
	passages: { passage: PassageRecord; bookTitle: string }[];
}

/**
 * "On this day" at `now`: groups for each earlier year that holds drills or passages from this
 * date; when none does, a month ago, else a week ago. Reads by day (indexes), never everything.
 */
export async function onThisDay(now: number): Promise<OnThisDayGroup[]> {
	return withDb(async (db) => {
		const tx = db.transaction(['drills', 'passages', 'books'], 'readonly');
		const drills = tx.objectStore('drills');
		const passages = tx.objectStore('passages');
		const titles = new Map((await tx.objectStore('books').getAll()).map((b) => [b.id, b.title]));
		const read = async (w: DayWindow): Promise<OnThisDayGroup> => {
			const range = IDBKeyRange.bound(w.start, w.end);
			const [d, p] = await Promise.all([
				drills.index('by-startedAt').getAll(range),
				passages.index('by-createdAt').getAll(range)
			]);
			const then = liveOnly(d);
			const pairs = await Promise.all(
				then.map(async (t) => ({
					then: t,
					now: t.skillId ? laterAttempt(t, await drills.index('by-skill').getAll(t.skillId)) : null
				}))
			);
			return {
				label: w.label,
				drills: pairs,
				passages: liveOnly(p).map((passage) => ({
					passage,
					bookTitle: titles.get(passage.bookId) ?? ''
				}))
			};
		};
		const filled = (g: OnThisDayGroup) => g.drills.length + g.passages.length > 0;
		let groups = (await Promise.all(earlierYears(now).map(read))).filter(filled);
		if (groups.length === 0) {
			for (const w of nearerDays(now)) {
				const g = await read(w);
				if (filled(g)) {
					groups = [g];
					break;
				}
			}
		}
		await tx.done;
		return groups;
	});
}
