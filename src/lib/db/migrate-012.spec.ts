import 'fake-indexeddb/auto';
import { openDB, type IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, closeDb, onDbEvent, withDb } from './index';
import { MIGRATIONS } from './migrations';
import { resetDatabase } from './testing';
import { bookStats, listPassages } from '$lib/reading/repo';
import { readSearchSource } from '$lib/search/repo';
import { bookRecord, passageRecord } from '$lib/testing/records';

/**
 * Migration 012 (a book's passages read through `by-book-seq`; `by-book` gone), from the shape
 * version 11 left on disk, built by the released migrations themselves, with passages written
 * before version 7 (no change sequence) beside later ones.
 */

afterEach(resetDatabase);

async function versionEleven() {
	await resetDatabase();
	const old: IDBPDatabase = await openDB(DB_NAME, 11, {
		async upgrade(db, _from, _to, tx) {
			for (const m of MIGRATIONS.filter((m) => m.version <= 11)) await m.up(db, tx, () => {});
		}
	});
	const tx = old.transaction(['books', 'passages', 'sequence'], 'readwrite');
	await tx.objectStore('books').put({ ...bookRecord('b1'), seq: 1 });
	// Renamed at 5: search reads its passages again (they carry its title).
	await tx.objectStore('books').put({ ...bookRecord('b2'), seq: 5 });
	for (let i = 0; i < 1200; i++) {
		const { seq: _none, ...early } = { ...passageRecord(`old-${i}`, i % 2 ? 'b1' : 'b2'), seq: 0 };
		// Written before version 7: no change sequence at all.
		await tx.objectStore('passages').put(early);
	}
	await tx.objectStore('passages').put({ ...passageRecord('new-1', 'b1'), seq: 4 });
	await tx.objectStore('passages').put({ ...passageRecord('new-2', 'b2'), seq: 5 });
	await tx.objectStore('sequence').put({ key: 'seq', value: 5 });
	await tx.done;
	old.close();
}

describe('migration 012: a book’s passages through by-book-seq', () => {
	it('stamps passages without a change sequence 0, keeps the others, and drops by-book', async () => {
		await versionEleven();
		const progress: [number, number][] = [];
		const stop = onDbEvent((e) => {
			if (e.type === 'upgrading') progress.push([e.done, e.total]);
		});
		const indexes = await withDb(async (db) => [...db.transaction('passages').store.indexNames]);
		stop();
		expect(indexes).not.toContain('by-book');
		expect(indexes).toContain('by-book-seq');
		const all = (await withDb((db) => db.getAll('passages'))) as { id: string; seq?: number }[];
		expect(all).toHaveLength(1202);
		expect(all.filter((p) => p.id.startsWith('old-')).every((p) => p.seq === 0)).toBe(true);
		expect(
			Object.fromEntries(all.filter((p) => p.id.startsWith('new')).map((p) => [p.id, p.seq]))
		).toEqual({ 'new-1': 4, 'new-2': 5 });
		expect(progress.at(-1)).toEqual([1202, 1202]);
		await closeDb();
	});

	it('leaves every passage where a book’s readers find it', async () => {
		await versionEleven();
		const b1 = await listPassages('b1');
		expect(b1).toHaveLength(601);
		expect(b1.map((p) => p.id)).toContain('old-1');
		expect(b1.map((p) => p.id)).toContain('new-1');
		expect((await bookStats(['b1', 'b2'])).get('b2')).toEqual({ total: 601, worked: 0 });
		const source = await readSearchSource(4);
		expect(source.passages.filter((p) => p.bookId === 'b2')).toHaveLength(601);
	});
});
