import { LIMITS, tooLong } from '$lib/db/limits';
import { currentSeq, withDb, write, type WriteTx } from '$lib/db';
import { resolveCopy } from '$lib/db/conflicts';
import { putEvent, sourceEvents } from '$lib/db/events';
import { isObject, isTime, metaKey, readMeta, writeMeta } from '$lib/db/meta';
import { ofBook } from '$lib/db/ranges';
import { baseRecord, liveOnly, tombstoned, touched } from '$lib/db/record';
import type {
	BookRecord,
	BookStatus,
	PassageRecord,
	PracticeEventRecord,
	ReactionRecord,
	ReadingSessionRecord,
	BookStatsRecord
} from '$lib/db/schema';
import type { ImportPlan } from './importer';
import {
	READING_RATING,
	answeredCount,
	isWebLink,
	emptyAnswers,
	isWorkedThrough,
	readingPracticeMinutes,
	titleKey
} from './model';

export async function listBooks(): Promise<BookRecord[]> {
	const all = liveOnly(await withDb((db) => db.getAll('books')));
	return all.sort((a, b) => a.title.localeCompare(b.title, undefined, { sensitivity: 'base' }));
}

export async function getBook(id: string): Promise<BookRecord | undefined> {
	const b = await withDb((db) => db.get('books', id));
	return b && b.deletedAt === null ? b : undefined;
}

export interface BookInput {
	title: string;
	author: string;
	color: string | null;
	status: BookStatus;
	skillIds: string[];
}

export function bookProblem(
	input: Pick<BookInput, 'title' | 'color'> & { author?: string }
): string | null {
	if (!input.title.trim()) return 'Give the book a title.';
	if (input.title.trim().length > LIMITS.bookTitle)
		return `That title is too long (${LIMITS.bookTitle} characters at most).`;
	if (input.color !== null && !/^#[0-9a-f]{6}$/i.test(input.color)) return 'Pick a colour.';
	if (input.author !== undefined && input.author.trim().length > LIMITS.author)
		return `That author's name is too long (${LIMITS.author} characters at most).`;
	return null;
}

/** Create a book, or return the one with the same title and author. */
export async function saveBook(input: BookInput, now: number, id?: string): Promise<BookRecord> {
	const problem = bookProblem(input);
	if (problem) throw new Error(problem);
	const key = titleKey(input.title, input.author);
	return write(['books'], async (tx) => {
		const store = tx.objectStore('books');
		if (id) {
			const existing = await store.get(id);
			if (!existing || existing.deletedAt !== null) throw new Error('That book no longer exists.');
			const updated = touched(existing, now, {
				...input,
				title: input.title.trim(),
				author: input.author.trim(),
				titleKey: key
			});
			await store.put(updated);
			return updated;
		}
		const same = liveOnly(await store.index('by-titleKey').getAll(key))[0];
		if (same) return same;
		const book: BookRecord = {
			...baseRecord(now),
			...input,
			title: input.title.trim(),
			author: input.author.trim(),
			titleKey: key
		};
		await store.add(book);
		return book;
	});
}

export interface BookStats {
	total: number;
	worked: number;
}

/**
 * Each book's live passages and how many are worked through. Stored per book and reused
 * while none of the book's passages was written since (an index count over the change
 * sequence, no passage read, whatever `updatedAt` an import brought); a book whose passages
 * changed is counted again.
 */
export async function bookStats(bookIds: readonly string[]): Promise<Map<string, BookStats>> {
	const out = new Map<string, BookStats>();
	const fresh: BookStatsRecord[] = [];
	await withDb(async (db) => {
		const tx = db.transaction(['passages', 'bookStats', 'sequence'], 'readonly');
		const written = tx.objectStore('passages').index('by-book-seq');
		const stored = tx.objectStore('bookStats');
		const seqPromise = currentSeq(tx);
		const one = async (id: string): Promise<[string, BookStats]> => {
			const [cached, seq] = await Promise.all([stored.get(id), seqPromise]);
			if (cached) {
				const since = IDBKeyRange.bound([id, cached.seq], [id, Infinity], true);
				if ((await written.count(since)) === 0) return [id, cached];
			}
			const passages = liveOnly(await written.getAll(ofBook(id)));
			const stats = { total: passages.length, worked: passages.filter(isWorkedThrough).length };
			fresh.push({ bookId: id, seq, ...stats });
			return [id, stats];
		};
		for (const [id, stats] of await Promise.all(bookIds.map(one))) {
			out.set(id, { total: stats.total, worked: stats.worked });
		}
		await tx.done;
	});
	if (fresh.length > 0) {
		await write(['bookStats'], async (tx) => {
			for (const r of fresh) await tx.objectStore('bookStats').put(r);
		});
	}
	return out;
}

export async function listPassages(bookId?: string): Promise<PassageRecord[]> {
	const all = await withDb((db) =>
		bookId ? db.getAllFromIndex('passages', 'by-book-seq', ofBook(bookId)) : db.getAll('passages')
	);
	return liveOnly(all);
}

/** Live passages created or changed after `since` (by the `updatedAt` index: no full read). */
export async function passagesChangedSince(since: number): Promise<PassageRecord[]> {
	const range = IDBKeyRange.lowerBound(since, true);
	return liveOnly(await withDb((db) => db.getAllFromIndex('passages', 'by-updatedAt', range)));
}

export async function getPassage(id: string): Promise<PassageRecord | undefined> {
	const p = await withDb((db) => db.get('passages', id));
	return p && p.deletedAt === null ? p : undefined;
}

export interface CaptureInput {
	bookId: string;
	text: string;
	location: string;
	reaction: string | null;
	note: string;
	skillId: string | null;
	source: PassageRecord['source'];
	sourceUrl?: string | null;
}

export function captureProblem(
	input: Pick<CaptureInput, 'bookId' | 'text' | 'location' | 'note' | 'sourceUrl'>
): string | null {
	if (input.sourceUrl && (!isWebLink(input.sourceUrl) || input.sourceUrl.length > LIMITS.url))
		return 'The link must be a web address starting with http:// or https://.';
	if (!input.bookId) return 'Choose the book, or add it.';
	if (!input.text.trim() && !input.note.trim() && !input.location.trim()) {
		return 'Type or paste the passage, or at least where it is and what it says.';
	}
	if (input.location.length > LIMITS.location)
		return `Keep the location short (${LIMITS.location} characters at most).`;
	return (
		tooLong('passageText', input.text, 'This passage') ?? tooLong('note', input.note, 'The note')
	);
}

export async function capturePassage(input: CaptureInput, now: number): Promise<PassageRecord> {
	const problem = captureProblem(input);
	if (problem) throw new Error(problem);
	return write(['books', 'passages'], async (tx) => {
		const book = await tx.objectStore('books').get(input.bookId);
		if (!book || book.deletedAt !== null) throw new Error('That book no longer exists.');
		const passage: PassageRecord = {
			...baseRecord(now),
			bookId: input.bookId,
			text: input.text.trim(),
			location: input.location.trim(),
			reaction: input.reaction,
			note: input.note.trim(),
			skillId: input.skillId,
			answers: emptyAnswers(),
			source: input.source,
			importKey: null,
			sourceUrl: input.sourceUrl?.trim() || null
		};
		await tx.objectStore('passages').add(passage);
		return passage;
	});
}

/**
 * Change a passage. When it is linked to a skill and has written answers, its practice event
 * (one per passage, scored below a drill) is created or updated in the same transaction.
 */
export async function updatePassage(
	id: string,
	changes: Partial<
		Pick<PassageRecord, 'text' | 'location' | 'reaction' | 'note' | 'skillId' | 'answers'>
	>,
	now: number
): Promise<PassageRecord> {
	const problem = passageChangeProblem(changes);
	if (problem) throw new Error(problem);
	return write(['passages', 'events', 'skills'], async (tx) => {
		const store = tx.objectStore('passages');
		const passage = await store.get(id);
		if (!passage || passage.deletedAt !== null) throw new Error('That passage no longer exists.');
		const updated = touched<PassageRecord>(passage, now, changes);
		await store.put(updated);
		await fileReadingPractice(tx, passage, updated, now);
		return updated;
	});
}

/** The id of a passage's reading-practice event: the same on every device. */
export function readingEventId(passageId: string): string {
	return `reading:${passageId}`;
}

/**
 * Keeps a passage's practice event in step with it (in the caller's transaction): linked to a
 * skill and with written answers, it has one event (scored below a drill); otherwise none.
 */
async function fileReadingPractice(
	tx: WriteTx<['passages', 'events', 'skills']>,
	passage: PassageRecord,
	updated: PassageRecord,
	now: number
): Promise<void> {
	const id = passage.id;
	// Its event is filed under the skill the passage had until now.
	const existing = liveOnly(await sourceEvents(tx, id, passage.skillId));
	const answered = answeredCount(updated);
	if (updated.skillId && answered > 0) {
		const minutes = readingPracticeMinutes(answered);
		const [first, ...extra] = existing;
		if (first) {
			if (first.minutes !== minutes || first.skillId !== updated.skillId) {
				await putEvent(tx, touched(first, now, { minutes, skillId: updated.skillId }), first);
			}
		} else {
			const event: PracticeEventRecord = {
				// Its id comes from the passage: two devices answering it apart make the same
				// event, which sync merges into one (not a practice counted twice).
				...baseRecord(now, readingEventId(id)),
				skillId: updated.skillId,
				at: now,
				minutes,
				rating: READING_RATING,
				promptKey: `passage|${id}`,
				source: 'reading',
				sourceId: id,
				note: ''
			};
			await putEvent(tx, event);
		}
		for (const e of extra) await putEvent(tx, tombstoned(e, now));
	} else {
		for (const e of existing) await putEvent(tx, tombstoned(e, now));
	}
}

/**
 * The person's choice between this passage and a version of its words another device wrote
 * beside it (`resolveCopy`): with `use`, those words come back; either way the version closes.
 */
export async function choosePassageVersion(
	id: string,
	copyId: string,
	use: boolean,
	now: number
): Promise<void> {
	await write(['passages', 'events', 'skills'], async (tx) => {
		const passage = await tx.objectStore('passages').get(id);
		if (!passage || passage.deletedAt !== null) throw new Error('That passage no longer exists.');
		const updated = resolveCopy(passage, copyId, use, now);
		if (!updated) return; // Already chosen, here or on another device.
		await tx.objectStore('passages').put(updated);
		await fileReadingPractice(tx, passage, updated, now);
	});
}

/** Null when the changed fields fit their limits, else what to tell the reader. */
export function passageChangeProblem(
	changes: Partial<Pick<PassageRecord, 'text' | 'location' | 'note' | 'answers'>>
): string | null {
	if (changes.location !== undefined && changes.location.length > LIMITS.location)
		return `Keep the location short (${LIMITS.location} characters at most).`;
	if (changes.text !== undefined) {
		const p = tooLong('passageText', changes.text, 'This passage');
		if (p) return p;
	}
	if (changes.note !== undefined) {
		const p = tooLong('note', changes.note, 'The note');
		if (p) return p;
	}
	for (const a of changes.answers ?? []) {
		const p = tooLong('answer', a.text, 'This answer');
		if (p) return p;
	}
	return null;
}

export async function deletePassage(id: string, now: number): Promise<void> {
	await write(['passages', 'events', 'skills'], async (tx) => {
		const passage = await tx.objectStore('passages').get(id);
		if (!passage || passage.deletedAt !== null) return;
		await tx.objectStore('passages').put(tombstoned(passage, now));
		for (const e of liveOnly(await sourceEvents(tx, id, passage.skillId))) {
			await putEvent(tx, tombstoned(e, now));
		}
	});
}

export async function listReactions(): Promise<ReactionRecord[]> {
	return liveOnly(await withDb((db) => db.getAll('reactions'))).sort((a, b) =>
		a.name.localeCompare(b.name)
	);
}

export async function addReaction(
	name: string,
	color: string,
	now: number
): Promise<ReactionRecord> {
	const clean = name.trim();
	if (!clean) throw new Error('Name the reaction.');
	if (clean.length > 60) throw new Error('Keep the name under 60 characters.');
	if (!/^#[0-9a-f]{6}$/i.test(color)) throw new Error('Pick a colour.');
	return write(['reactions'], async (tx) => {
		const reaction: ReactionRecord = { ...baseRecord(now), name: clean, color };
		await tx.objectStore('reactions').add(reaction);
		return reaction;
	});
}

export async function removeReaction(id: string, now: number): Promise<void> {
	await write(['reactions'], async (tx) => {
		const r = await tx.objectStore('reactions').get(id);
		if (r) await tx.objectStore('reactions').put(tombstoned(r, now));
	});
}

/** Import keys of every passage ever imported (tombstoned ones too: a deleted highlight stays deleted). */
export async function existingImportKeys(): Promise<Set<string>> {
	const all = await withDb((db) => db.getAll('passages'));
	return new Set(all.map((p) => p.importKey).filter((k): k is string => k !== null));
}

/** Save an import plan in ONE transaction: books first, then passages. */
export async function applyReadingImport(
	plan: ImportPlan,
	source: 'kindle' | 'csv',
	now: number,
	onProgress?: (done: number, total: number) => void
): Promise<{ books: number; passages: number }> {
	return write(['books', 'passages'], async (tx) => {
		const books = tx.objectStore('books');
		const ids = new Map<string, string>();
		let created = 0;
		for (const b of plan.books) {
			const existing = b.existingId ? await books.get(b.existingId) : undefined;
			if (existing && existing.deletedAt === null) {
				ids.set(b.key, existing.id);
				// A match found without an author learns it from the file.
				if (!existing.author.trim() && b.author.trim()) {
					await books.put(
						touched(existing, now, {
							author: b.author.trim(),
							titleKey: titleKey(existing.title, b.author)
						})
					);
				}
				continue;
			}
			const book: BookRecord = {
				...baseRecord(now),
				title: b.title.slice(0, LIMITS.bookTitle),
				author: b.author.slice(0, LIMITS.author),
				titleKey: b.titleKey,
				color: null,
				status: 'reading',
				skillIds: []
			};
			await books.add(book);
			ids.set(b.key, book.id);
			created++;
		}
		const passages = tx.objectStore('passages');
		const total = plan.passages.length;
		let done = 0;
		for (const p of plan.passages) {
			const passage: PassageRecord = {
				...baseRecord(now),
				// The capture date is when the highlight was made, where the file says.
				...(p.capturedAt !== undefined && p.capturedAt <= now ? { createdAt: p.capturedAt } : {}),
				bookId: ids.get(p.bookKey)!,
				text: p.text,
				location: p.location.slice(0, LIMITS.location),
				reaction: null,
				note: p.note,
				skillId: null,
				answers: emptyAnswers(),
				source,
				importKey: p.importKey
			};
			await passages.add(passage);
			if (++done % 200 === 0) onProgress?.(done, total);
		}
		onProgress?.(total, total);
		return { books: created, passages: total };
	});
}

/** Every timed reading session (the review counts the week's). */
export async function readingSessions(): Promise<ReadingSessionRecord[]> {
	return withDb((db) => db.getAll('readingSessions'));
}

export async function readingMinutes(bookId: string): Promise<number> {
	const all = liveOnly(
		await withDb((db) => db.getAllFromIndex('readingSessions', 'by-book', bookId))
	);
	return all.reduce((n, s) => n + s.minutes, 0);
}

interface RunningSession {
	bookId: string;
	startedAt: number;
}

/** The reading session in progress (kept in the database so a reload does not lose it). */
const RUNNING_SESSION = metaKey(
	'readingSession',
	(v): v is RunningSession => isObject(v) && typeof v.bookId === 'string' && isTime(v.startedAt)
);

export function runningReadingSession(): Promise<RunningSession | null> {
	return readMeta(RUNNING_SESSION);
}

export async function startReadingSession(bookId: string, at: number): Promise<void> {
	await writeMeta(RUNNING_SESSION, { bookId, startedAt: at }, at);
}

/** Stop the running session and record it if it lasted at least a minute. */
export async function stopReadingSession(at: number): Promise<number> {
	const running = await runningReadingSession();
	if (!running) return 0;
	const minutes = Math.min(24 * 60, Math.round(((at - running.startedAt) / 60_000) * 10) / 10);
	await write(['meta', 'readingSessions'], async (tx) => {
		if (minutes >= 1) {
			const session: ReadingSessionRecord = {
				...baseRecord(at),
				bookId: running.bookId,
				startedAt: running.startedAt,
				minutes
			};
			await tx.objectStore('readingSessions').add(session);
		}
		await tx.objectStore('meta').delete(RUNNING_SESSION.key);
	});
	return minutes;
}
