import { isMemoryMode, withDb, write } from '$lib/db';
import type {
	BookRecord,
	DrillRecord,
	PassageRecord,
	SearchIndexBody,
	SearchIndexHead,
	SkillRecord
} from '$lib/db/schema';

/** What the search index is made of. */
/** True when the database lives only in this page's memory (opening it first, to know). */
export async function storageIsMemoryOnly(): Promise<boolean> {
	await withDb(async () => undefined);
	return isMemoryMode();
}

export interface SearchSource {
	drills: DrillRecord[];
	passages: PassageRecord[];
	skills: SkillRecord[];
	books: BookRecord[];
}

/**
 * Records created, changed or removed (tombstones) at or after `since`, or all of them.
 * Drills and passages come through their `updatedAt` indexes; skills and books are few.
 * Passages of a changed book come too: their documents carry the book's title.
 */
export async function readSearchSource(since?: number): Promise<SearchSource> {
	return withDb(async (db) => {
		const tx = db.transaction(['drills', 'passages', 'skills', 'books'], 'readonly');
		const range = since === undefined ? undefined : IDBKeyRange.lowerBound(since);
		const [drills, passages, skills, books] = await Promise.all([
			tx.objectStore('drills').index('by-updatedAt').getAll(range),
			tx.objectStore('passages').index('by-updatedAt').getAll(range),
			tx.objectStore('skills').getAll(),
			tx.objectStore('books').getAll()
		]);
		const changedBooks =
			since === undefined ? [] : books.filter((b) => b.updatedAt >= since).map((b) => b.id);
		const seen = new Set(passages.map((p) => p.id));
		for (const bookId of changedBooks) {
			for (const p of await tx.objectStore('passages').index('by-book').getAll(bookId)) {
				if (!seen.has(p.id)) passages.push(p);
			}
		}
		await tx.done;
		return {
			drills,
			passages,
			skills: since === undefined ? skills : skills.filter((s) => s.updatedAt >= since),
			books
		};
	});
}

/** Which index is stored (the small record only). */
export async function loadHead(): Promise<SearchIndexHead | undefined> {
	return (await withDb((db) => db.get('searchIndex', 'head'))) as SearchIndexHead | undefined;
}

/** The stored head, and the index itself when it is present and matches the head. */
export async function loadSnapshot(): Promise<
	{ head: SearchIndexHead; json: string | null } | undefined
> {
	return withDb(async (db) => {
		const tx = db.transaction('searchIndex');
		const [head, body] = (await Promise.all([tx.store.get('head'), tx.store.get('body')])) as [
			SearchIndexHead | undefined,
			SearchIndexBody | undefined
		];
		if (!head) return undefined;
		const json = !head.cleared && body?.madeAt === head.madeAt ? body.json : null;
		return { head, json };
	});
}

export type SaveResult =
	{ result: 'saved' } | { result: 'cleared' } | { result: 'other'; madeAt: number };

/**
 * Store an index, unless the stored one is no longer the one this index started from
 * (`basedOn`: its `madeAt`, or null if there was none). An import leaves a cleared head
 * ('cleared': this index predates the import and must be rebuilt, never written back);
 * another tab may have saved one meanwhile ('other': equally valid, kept).
 */
export async function saveSnapshot(
	snapshot: Omit<SearchIndexHead, 'key' | 'cleared'> & { json: string },
	basedOn: number | null
): Promise<SaveResult> {
	return write(['searchIndex'], async (tx) => {
		const store = tx.objectStore('searchIndex');
		const current = (await store.get('head')) as SearchIndexHead | undefined;
		if (current?.cleared && current.madeAt !== basedOn) return { result: 'cleared' };
		if (basedOn !== null && !current) return { result: 'cleared' };
		if (current && current.madeAt !== basedOn) return { result: 'other', madeAt: current.madeAt };
		const { json, ...head } = snapshot;
		await store.put({ key: 'head', ...head, cleared: false });
		await store.put({ key: 'body', madeAt: head.madeAt, json });
		return { result: 'saved' };
	});
}
