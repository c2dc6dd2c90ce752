import { currentSeq, seqOf, withDb, write } from '$lib/db';
import { ofBook } from '$lib/db/ranges';
import type {
	BookRecord,
	DrillRecord,
	PassageRecord,
	SearchIndexBody,
	SearchIndexHead,
	SkillRecord
} from '$lib/db/schema';

export interface SearchSource {
	drills: DrillRecord[];
	passages: PassageRecord[];
	skills: SkillRecord[];
	books: BookRecord[];
	/** The change sequence these records are complete up to. */
	seq: number;
}

/**
 * Records written (created, changed, removed: tombstones) after change `since`, or all of
 * them. Drills and passages come through their change-sequence indexes; skills and books are
 * few. Passages of a changed book come too: their documents carry the book's title.
 */
export async function readSearchSource(since?: number): Promise<SearchSource> {
	return withDb(async (db) => {
		const tx = db.transaction(['drills', 'passages', 'skills', 'books', 'sequence'], 'readonly');
		const after = since === undefined ? undefined : IDBKeyRange.lowerBound(since, true);
		const [drills, passages, skills, books, seq] = await Promise.all([
			after
				? tx.objectStore('drills').index('by-seq').getAll(after)
				: tx.objectStore('drills').getAll(),
			after
				? tx.objectStore('passages').index('by-seq').getAll(after)
				: tx.objectStore('passages').getAll(),
			tx.objectStore('skills').getAll(),
			tx.objectStore('books').getAll(),
			currentSeq(tx)
		]);
		const changed = (r: object) => since === undefined || seqOf(r) > since;
		const changedBooks = since === undefined ? [] : books.filter(changed).map((b) => b.id);
		const seen = new Set(passages.map((p) => p.id));
		for (const bookId of changedBooks) {
			for (const p of await tx
				.objectStore('passages')
				.index('by-book-seq')
				.getAll(ofBook(bookId))) {
				if (!seen.has(p.id)) passages.push(p);
			}
		}
		await tx.done;
		return { drills, passages, skills: skills.filter(changed), books, seq };
	});
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
		const json = body?.madeAt === head.madeAt ? body.json : null;
		return { head, json };
	});
}

export type SaveResult = { result: 'saved' } | { result: 'other'; madeAt: number };

/**
 * Store an index, unless the stored one is no longer the one this index started from
 * (`basedOn`: its `madeAt`, or null if there was none): another tab may have saved one
 * meanwhile ('other': equally valid, kept; both catch up by change sequence).
 */
export async function saveSnapshot(
	snapshot: Omit<SearchIndexHead, 'key'> & { json: string },
	basedOn: number | null
): Promise<SaveResult> {
	return write(['searchIndex'], async (tx) => {
		const store = tx.objectStore('searchIndex');
		const current = (await store.get('head')) as SearchIndexHead | undefined;
		if (current && current.madeAt !== basedOn) return { result: 'other', madeAt: current.madeAt };
		const { json, ...head } = snapshot;
		await store.put({ key: 'head', ...head });
		await store.put({ key: 'body', madeAt: head.madeAt, json });
		return { result: 'saved' };
	});
}
