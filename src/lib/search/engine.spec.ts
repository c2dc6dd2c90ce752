import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, withDb, write } from '$lib/db';
import { resetDatabase } from '$lib/db/testing';
import { tombstoned } from '$lib/db/record';
import { finishDrill } from '$lib/drills/repo';
import { importBackup } from '$lib/backup/repo';
import { saveBook, updatePassage } from '$lib/reading/repo';
import { largeBackup } from '$lib/seed/large';
import { SearchEngine } from './engine';
import { INDEX_VERSION } from './index';
import type { SearchIndexBody, SearchIndexHead } from '$lib/db/schema';

const backup = largeBackup({ seed: 2, days: 40, skills: 3, drills: 8, books: 2, passages: 10 });
const { drills, passages, books } = backup.stores;
const NOW = backup.exportedAt;

beforeEach(async () => {
	await resetDatabase();
	await importBackup(backup);
});
afterEach(() => closeDb());

const ids = (engine: SearchEngine, q: string) => engine.query(q).map((h) => h.recordId);
const drill = (id: string, text: string, at: number) => ({
	...drills[0],
	id,
	text,
	createdAt: at,
	updatedAt: at,
	startedAt: at
});
const head = async () =>
	(await withDb((db) => db.get('searchIndex', 'head'))) as SearchIndexHead | undefined;
const body = async () =>
	(await withDb((db) => db.get('searchIndex', 'body'))) as SearchIndexBody | undefined;

describe('the search engine', () => {
	it('builds once, saves, and a new tab loads the saved index instead of rebuilding', async () => {
		const first = new SearchEngine();
		expect(await first.sync()).toBe('built');
		await finishDrill(drill('mine', 'Quokka reflections on pausing', NOW), null);
		expect(await first.sync()).toBe('updated');
		expect(ids(first, 'quokka')).toEqual(['mine']);
		expect(await first.save(NOW)).toBe(true);
		expect(await head()).toMatchObject({ version: INDEX_VERSION });
		expect((await body())?.madeAt).toBe((await head())?.madeAt);

		const second = new SearchEngine();
		expect(await second.sync()).toBe('loaded');
		expect(ids(second, 'quokka')).toEqual(['mine']);
		expect(ids(second, drills[3].text.split(' ')[5])).toContain(drills[3].id);
		expect(await second.save(NOW + 1)).toBe(false); // nothing changed: nothing written
	});

	it('applies changes since the snapshot: new, edited, removed, and a renamed book', async () => {
		const first = new SearchEngine();
		await first.sync();
		await first.save(NOW);
		await finishDrill(drill('d-new', 'Wombat meeting notes', NOW + 10), null);
		await write(['drills'], (tx) => tx.objectStore('drills').put(tombstoned(drills[0], NOW + 11)));
		await updatePassage(passages[1].id, { note: 'Platypus idea' }, NOW + 12);
		await saveBook(
			{ ...books[1], title: 'Numbat field guide', color: books[1].color },
			NOW + 13,
			books[1].id
		);

		const later = new SearchEngine();
		expect(await later.sync()).toBe('loaded');
		expect(ids(later, 'wombat')).toEqual(['d-new']);
		expect(ids(later, 'platypus')).toEqual([passages[1].id]);
		expect(ids(later, drills[0].id)).toEqual([]);
		expect(later.query(drills[0].text).map((h) => h.recordId)).not.toContain(drills[0].id);
		const inBook = passages.filter((p) => p.bookId === books[1].id).map((p) => p.id);
		expect(ids(later, 'numbat').sort()).toEqual(inBook.sort());
		expect(later.dirty).toBe(true);
	});

	it('still sees a change dated before the last one (a clock set back, another device)', async () => {
		const engine = new SearchEngine();
		await engine.sync();
		await finishDrill(drill('late', 'Echidna', NOW - 400 * 86_400_000), null);
		await engine.sync();
		expect(ids(engine, 'echidna')).toEqual(['late']);
	});

	it('marks nothing to save when the writes since touched nothing searchable', async () => {
		const engine = new SearchEngine();
		await engine.sync();
		await engine.save(NOW);
		await write(['meta'], (tx) =>
			tx.objectStore('meta').put({ key: 'x', value: 1, updatedAt: NOW })
		);
		expect(await engine.sync()).toBe('updated');
		expect(engine.dirty).toBe(false);
	});

	it('catches up with an import without rebuilding, however old the imported records', async () => {
		const engine = new SearchEngine();
		await engine.sync();
		await engine.save(NOW);
		// Another device's drill, last changed long ago, arrives by import.
		const old = drill('imported', 'Axolotl habits', NOW - 30 * 86_400_000);
		await importBackup({ ...backup, stores: { ...backup.stores, drills: [old] } });
		expect(await engine.sync()).toBe('updated');
		expect(ids(engine, 'axolotl')).toEqual(['imported']);
		expect(engine.dirty).toBe(true);

		// A tab that loads the snapshot saved before the import catches up the same way.
		const other = new SearchEngine();
		expect(await other.sync()).toBe('loaded');
		expect(ids(other, 'axolotl')).toEqual(['imported']);
	});

	it('keeps another tab’s snapshot when both saved, and follows it', async () => {
		const one = new SearchEngine();
		const two = new SearchEngine();
		await one.sync();
		await two.sync();
		expect(await one.save(NOW)).toBe(true);
		expect(await two.save(NOW + 1)).toBe(false);
		expect((await head())?.madeAt).toBe(NOW);
	});

	it('rebuilds a snapshot of an older index version', async () => {
		await withDb(async (db) => {
			await db.put('searchIndex', {
				key: 'head',
				version: INDEX_VERSION - 1,
				syncedUpTo: 0,
				madeAt: NOW
			});
			await db.put('searchIndex', { key: 'body', madeAt: NOW, json: '{}' });
		});
		const engine = new SearchEngine();
		expect(await engine.sync()).toBe('built');
		expect(await engine.save(NOW + 1)).toBe(true);
		expect((await head())?.version).toBe(INDEX_VERSION);
	});
});
