import { withDb, write } from '$lib/db';
import type {
	BookRecord,
	DrillRecord,
	PassageRecord,
	SearchSnapshotRecord,
	SkillRecord
} from '$lib/db/schema';

/** What the search index is made of. */
export interface SearchSource {
	drills: DrillRecord[];
	passages: PassageRecord[];
	skills: SkillRecord[];
	books: BookRecord[];
}

const KEY = 'index';

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

export async function loadSnapshot(): Promise<SearchSnapshotRecord | undefined> {
	return withDb((db) => db.get('searchIndex', KEY));
}

export type SaveResult =
	{ result: 'saved' } | { result: 'cleared' } | { result: 'other'; madeAt: number };

/**
 * Store a snapshot, unless the stored one is no longer the one this index started from
 * (`basedOn`: its `madeAt`, or null if there was none). An import replaces the snapshot
 * with an empty marker ('cleared': this index predates the import and must be rebuilt,
 * never written back);
 * another tab may have saved one meanwhile ('other': equally valid, kept).
 */
export async function saveSnapshot(
	snapshot: Omit<SearchSnapshotRecord, 'key'>,
	basedOn: number | null
): Promise<SaveResult> {
	return write(['searchIndex'], async (tx) => {
		const store = tx.objectStore('searchIndex');
		const current = await store.get(KEY);
		// An import leaves an empty marker: every index not built after it is out of date.
		if (current && current.json === '' && current.madeAt !== basedOn) return { result: 'cleared' };
		if (basedOn !== null && !current) return { result: 'cleared' };
		if (current && current.madeAt !== basedOn) return { result: 'other', madeAt: current.madeAt };
		await store.put({ key: KEY, ...snapshot });
		return { result: 'saved' };
	});
}
