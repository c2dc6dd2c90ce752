import 'fake-indexeddb/auto';
import { openDB, type IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	DB_NAME,
	DB_VERSION,
	closeDb,
	onBeforeVersionClose,
	onDbEvent,
	openWhetstoneDb,
	currentSeq,
	seqOf,
	withDb,
	write
} from './index';
import { expandBlock, groupIntoBlocks } from './blocks';
import { putMany } from './bulk';
import { resetDatabase } from './testing';
import { LAST_VERSION, MIGRATIONS } from './migrations';
import { onChange } from './changes';
import { DERIVED_STORES, STORE_NAMES } from './schema';
import { NewerDatabaseError, QUOTA_MESSAGE, StorageFullError, isQuotaError } from './errors';
import { eventRecord, passageRecord } from '$lib/testing/records';

let n = 0;
const freshName = () => `test-db-${++n}-${Math.random()}`;

afterEach(async () => {
	vi.restoreAllMocks();
	await closeDb();
});

describe('migrations', () => {
	it('are numbered 1..N in order with unique names', () => {
		expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
		expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
		expect(DB_VERSION).toBe(MIGRATIONS.length);
		expect(LAST_VERSION).toBe(DB_VERSION);
	});

	it('end in exactly the shape a new database is made in', async () => {
		/** Every store's key path and indexes, and the change sequence's counter. */
		const shapeOf = async (db: IDBPDatabase<unknown>) => {
			const names = [...db.objectStoreNames].sort();
			const tx = db.transaction(names as never, 'readonly');
			const stores = names.map((name) => {
				const store = tx.objectStore(name as never) as unknown as IDBObjectStore;
				const indexes = [...store.indexNames].sort().map((i) => {
					const index = store.index(i);
					return [i, index.keyPath, index.unique, index.multiEntry];
				});
				return [name, store.keyPath, store.autoIncrement, indexes];
			});
			const seq = await (
				tx.objectStore('sequence' as never) as unknown as { get(k: string): Promise<unknown> }
			).get('seq');
			return { version: db.version, stores, seq };
		};
		const fresh = await openWhetstoneDb(freshName());
		const name = freshName();
		const migrated = await openDB(name, DB_VERSION, {
			async upgrade(db, _from, _to, tx) {
				for (const m of MIGRATIONS) await m.up(db, tx, () => {});
			}
		});
		expect(await shapeOf(fresh as never)).toEqual(await shapeOf(migrated));
		fresh.close();
		migrated.close();
	});

	it('are loaded when an older database is met, and run', async () => {
		const name = freshName();
		const old = await openDB(name, 3, {
			async upgrade(db, _from, _to, tx) {
				for (const m of MIGRATIONS.filter((m) => m.version <= 3)) await m.up(db, tx, () => {});
			}
		});
		await old.put('skills', { id: 's1', name: 'Listening', nameKey: 'listening', line: null });
		old.close();
		// A new copy of the module, whose migrations are not loaded yet: the upgrade meets the
		// old database, stops, loads them and tries again.
		vi.resetModules();
		const fresh = (await import('./index')) as typeof import('./index');
		const db = await fresh.openWhetstoneDb(name);
		expect(db.version).toBe(DB_VERSION);
		expect(await db.get('skills', 's1')).toMatchObject({ name: 'Listening' });
		db.close();
	});

	it('upgrade a version-7 database: every store keeps its records, and sync gets its store', async () => {
		const name = freshName();
		const old = await openDB(name, 7, {
			async upgrade(db, _from, _to, tx) {
				for (const m of MIGRATIONS.filter((m) => m.version <= 7)) await m.up(db, tx, () => {});
			}
		});
		const block = { skillId: 's1', month: 600, events: [], seq: 3 };
		await old.put('events', block);
		await old.put('meta', { key: 'reviewDay', value: 1, updatedAt: 5, seq: 2 });
		await old.put('sequence', { key: 'seq', value: 3 });
		expect([...old.objectStoreNames]).not.toContain('sync');
		old.close();

		const db = await openWhetstoneDb(name);
		expect(db.version).toBe(DB_VERSION);
		expect(await db.getAll('events')).toEqual([block]);
		expect(await db.get('meta', 'reviewDay')).toMatchObject({ value: 1, seq: 2 });
		expect(await db.get('sequence', 'seq')).toEqual({ key: 'seq', value: 3 });
		expect(await db.getAll('sync')).toEqual([]);
		db.close();
	});

	it('upgrade a version-9 database: every store keeps its records, and recordings get theirs', async () => {
		const name = freshName();
		const old = await openDB(name, 9, {
			async upgrade(db, _from, _to, tx) {
				for (const m of MIGRATIONS.filter((m) => m.version <= 9)) await m.up(db, tx, () => {});
			}
		});
		const passage = { ...passageRecord('p1', 'b1'), seq: 2 };
		await old.put('passages', passage);
		expect([...old.objectStoreNames]).not.toContain('recordings');
		old.close();

		const db = await openWhetstoneDb(name);
		expect(db.version).toBe(DB_VERSION);
		expect(await db.getAll('passages')).toEqual([passage]);
		expect(await db.getAll('recordings')).toEqual([]);
		expect(await db.getAll('recordingChunks')).toEqual([]);
		expect([...db.transaction('recordings').store.indexNames]).toEqual(['by-owner']);
		db.close();
	});

	it('upgrade a version-8 database: passages keep their records and gain the Revisit and On-this-day indexes', async () => {
		const name = freshName();
		const old = await openDB(name, 8, {
			async upgrade(db, _from, _to, tx) {
				for (const m of MIGRATIONS.filter((m) => m.version <= 8)) await m.up(db, tx, () => {});
			}
		});
		const plain = { ...passageRecord('p1', 'b1'), seq: 2 };
		const scheduled = {
			...passageRecord('p2', 'b1'),
			seq: 3,
			revisit: {
				due: 500,
				last: 100,
				stability: 3,
				difficulty: 5,
				reps: 1,
				lapses: 0,
				state: 2,
				excluded: false,
				response: 'true'
			}
		};
		await old.put('passages', plain);
		await old.put('passages', scheduled);
		expect([...old.transaction('passages').store.indexNames]).not.toContain('by-revisit-due');
		old.close();

		const db = await openWhetstoneDb(name);
		expect(db.version).toBe(DB_VERSION);
		expect(await db.count('passages')).toBe(2);
		// Only the scheduled passage is in the indexes; the other is met as never shown.
		expect(await db.getAllKeysFromIndex('passages', 'by-revisit-due')).toEqual(['p2']);
		expect((await db.getAllKeysFromIndex('passages', 'by-createdAt')).sort()).toEqual(['p1', 'p2']);
		expect([...db.transaction('passages').store.indexNames]).not.toContain('by-importKey');
		expect(
			await db.getAllKeysFromIndex('passages', 'by-revisit-last', IDBKeyRange.lowerBound(100))
		).toEqual(['p2']);
		db.close();
	});

	it('upgrade a version-1 database with data to the current shape', async () => {
		const name = freshName();
		// Build the version-1 shape by hand, as the released v1 code left it on disk.
		const old = await openDB(name, 1, {
			upgrade(db) {
				db.createObjectStore('meta', { keyPath: 'key' });
				db.createObjectStore('skills', { keyPath: 'id' });
			}
		});
		await old.put('skills', {
			id: 's1',
			name: '  Giving   Feedback ',
			createdAt: 1,
			updatedAt: 2,
			deletedAt: null
		});
		await old.put('meta', { key: 'persistRequested', value: true, updatedAt: 3 });
		old.close();

		const db = await openWhetstoneDb(name);
		expect(db.version).toBe(DB_VERSION);
		const skill = await db.get('skills', 's1');
		expect(skill).toMatchObject({
			id: 's1',
			name: '  Giving   Feedback ',
			nameKey: 'giving feedback',
			archivedAt: null,
			line: null,
			createdAt: 1,
			updatedAt: 2
		});
		expect(await db.getFromIndex('skills', 'by-nameKey', 'giving feedback')).toMatchObject({
			id: 's1'
		});
		expect(await db.get('meta', 'persistRequested')).toMatchObject({ value: true });
		expect([...db.objectStoreNames].sort()).toEqual(
			[
				...STORE_NAMES,
				...DERIVED_STORES,
				'sequence',
				'sync',
				'recordings',
				'recordingChunks'
			].sort()
		);
		db.close();
	});

	it('upgrade a version-2 database: skills keep their data and gain a default line', async () => {
		const name = freshName();
		// The version-2 shape, written by hand as v2 code left it.
		const old = await openDB(name, 2, {
			upgrade(db) {
				db.createObjectStore('meta', { keyPath: 'key' });
				db.createObjectStore('skills', { keyPath: 'id' }).createIndex('by-nameKey', 'nameKey');
				db.createObjectStore('drafts', { keyPath: 'id' });
				const drills = db.createObjectStore('drills', { keyPath: 'id' });
				drills.createIndex('by-startedAt', 'startedAt');
				drills.createIndex('by-skill', 'skillId');
				drills.createIndex('by-promptKey', 'promptKey');
				const events = db.createObjectStore('events', { keyPath: 'id' });
				events.createIndex('by-skill', 'skillId');
				events.createIndex('by-at', 'at');
				events.createIndex('by-sourceId', 'sourceId');
				db.createObjectStore('templates', { keyPath: 'id' });
			}
		});
		const skill = {
			id: 's2',
			name: 'Listening',
			nameKey: 'listening',
			archivedAt: 5,
			createdAt: 1,
			updatedAt: 2,
			deletedAt: null
		};
		await old.put('skills', skill);
		await old.put('events', { id: 'e1', skillId: 's2', at: 10, minutes: 5, rating: 3 });
		old.close();

		const db = await openWhetstoneDb(name);
		expect(await db.get('skills', 's2')).toEqual({ ...skill, line: null });
		// 007: the event is in its skill's block of January 1970 (it happened at time 10).
		expect((await db.get('events', ['s2', 0]))?.events.map((e) => e.id)).toEqual(['e1']);
		// Later migrations ran too: the reading stores exist and work.
		await db.put('books', {
			id: 'b1',
			title: 'T',
			titleKey: 't',
			author: '',
			color: null,
			status: 'reading',
			skillIds: [],
			createdAt: 1,
			updatedAt: 1,
			deletedAt: null
		});
		expect(await db.getFromIndex('books', 'by-titleKey', 't')).toMatchObject({ id: 'b1' });
		db.close();
	});

	it('upgrade a version-5 database: drills and passages are then followed by change sequence', async () => {
		const name = freshName();
		// Version 5 as released: every migration up to 005, then data written by that code.
		const old = await openDB(name, 5, {
			async upgrade(db, _from, _to, tx) {
				for (const m of MIGRATIONS.filter((m) => m.version <= 5)) await m.up(db, tx, () => {});
			}
		});
		await old.put('drills', {
			id: 'd1',
			startedAt: 5,
			skillId: null,
			promptKey: 'k',
			updatedAt: 50
		});
		await old.put('passages', {
			id: 'p1',
			bookId: 'b',
			importKey: null,
			skillId: null,
			updatedAt: 70
		});
		old.close();

		const db = await openWhetstoneDb(name);
		expect(await db.get('drills', 'd1')).toMatchObject({ updatedAt: 50 });
		expect(
			await db.getAllFromIndex('passages', 'by-updatedAt', IDBKeyRange.lowerBound(40))
		).toMatchObject([{ id: 'p1' }]);
		expect(await db.count('searchIndex')).toBe(0);
		expect([...db.transaction('drills').store.indexNames].sort()).toEqual([
			'by-promptKey',
			'by-seq',
			'by-skill',
			'by-startedAt'
		]);
		expect([...db.transaction('passages').store.indexNames].sort()).toEqual([
			'by-book-seq',
			'by-createdAt',
			'by-revisit-due',
			'by-revisit-last',
			'by-seq',
			'by-skill',
			'by-updatedAt'
		]);
		expect([...db.transaction('events').store.indexNames]).toEqual(['by-skill-seq']);
		expect(await db.get('sequence', 'seq')).toEqual({ key: 'seq', value: 0 });
		db.close();
	});

	it('refuses a database written by a newer version, and leaves it alone', async () => {
		const name = freshName();
		const future = await openDB(name, DB_VERSION + 5, {
			upgrade(db) {
				db.createObjectStore('from-the-future');
			}
		});
		future.close();

		const error = await openWhetstoneDb(name).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NewerDatabaseError);
		expect((error as Error).message).toMatch(/newer version of Whetstone/);
		expect((error as Error).message).toMatch(/Nothing was changed/);

		const again = await openDB(name);
		expect(again.version).toBe(DB_VERSION + 5);
		expect([...again.objectStoreNames]).toEqual(['from-the-future']);
		again.close();
	});

	it('closes when another connection asks for a higher version, so the upgrade never hangs', async () => {
		const name = freshName();
		let told = 0;
		const ours = await openWhetstoneDb(name, { onVersionChange: () => told++ });
		expect(ours.version).toBe(DB_VERSION);

		let blocked = false;
		const newer = await Promise.race([
			openDB(name, DB_VERSION + 1, {
				blocked() {
					blocked = true;
				}
			}),
			new Promise<null>((resolve) => setTimeout(() => resolve(null), 2000))
		]);
		expect(newer, 'the newer connection hung').not.toBeNull();
		expect(newer!.version).toBe(DB_VERSION + 1);
		expect(told).toBe(1);
		expect(blocked).toBe(false);
		newer!.close();
	});
});

describe('upgrade in another tab', () => {
	it('lets pending work save before the connection closes, then refuses writes', async () => {
		const off = onBeforeVersionClose(async () => {
			await write(['meta'], async (tx) => {
				await tx.objectStore('meta').put({ key: 'last-words', value: 'saved', updatedAt: 1 });
			});
		});
		const events: string[] = [];
		const offEvents = onDbEvent((e) => events.push(e.type));
		await withDb(async () => undefined); // open the app's connection
		const newer = await openDB(DB_NAME, DB_VERSION + 1);
		expect(await newer.get('meta', 'last-words')).toMatchObject({ value: 'saved' });
		newer.close();
		expect(events).toContain('versionchange');
		await expect(withDb(async () => undefined)).rejects.toThrow(/Reload this tab/);
		off();
		offEvents();
		// Put the real database back to the version this code knows, for the other tests.
		await closeDb();
		await new Promise<void>((resolve) => {
			const r = indexedDB.deleteDatabase(DB_NAME);
			r.onsuccess = r.onerror = () => resolve();
		});
	});
});

describe('quota errors', () => {
	it.each([
		['Chromium', new DOMException('full', 'QuotaExceededError')],
		['Firefox', { name: 'NS_ERROR_DOM_QUOTA_REACHED', message: 'quota' }],
		['old WebKit', { name: 'Error', code: 22 }]
	])('recognises the %s spelling', (_browser, error) => {
		expect(isQuotaError(error)).toBe(true);
	});

	it('does not mistake other errors for a full disk', () => {
		expect(isQuotaError(new DOMException('x', 'AbortError'))).toBe(false);
		expect(isQuotaError(new Error('boom'))).toBe(false);
		expect(isQuotaError(null)).toBe(false);
	});

	it.each([
		new DOMException('full', 'QuotaExceededError'),
		Object.assign(new Error('quota'), { name: 'NS_ERROR_DOM_QUOTA_REACHED' }),
		Object.assign(new Error('quota'), { code: 22 })
	])(
		'a write that hits the quota reports the user message and changes nothing (%#)',
		async (quota) => {
			const failures: string[] = [];
			const off = onDbEvent((e) => {
				if (e.type === 'write-failed') failures.push(e.message);
			});
			const error = await write(['meta'], async (tx) => {
				await tx.objectStore('meta').put({ key: 'probe', value: 1, updatedAt: 1 });
				throw quota;
			}).catch((e: unknown) => e);
			off();
			expect(error).toBeInstanceOf(StorageFullError);
			expect((error as Error).message).toBe(QUOTA_MESSAGE);
			expect(failures).toEqual([QUOTA_MESSAGE]);
			expect(await withDb((db) => db.get('meta', 'probe'))).toBeUndefined();
		}
	);
});

describe('write', () => {
	it('asks for strict durability and announces the change to this tab and the others', async () => {
		const asked: unknown[] = [];
		const open = IDBDatabase.prototype.transaction;
		const spy = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
			this: IDBDatabase,
			...args: Parameters<typeof open>
		) {
			if (args[1] === 'readwrite') asked.push(args[2]);
			return open.apply(this, args);
		});
		const changed: string[][] = [];
		const heard: { stores: string[]; origin: string }[] = [];
		const off = onDbEvent((e) => {
			if (e.type === 'written') changed.push(e.stores);
		});
		const offChange = onChange((c) => heard.push({ stores: [...c.stores], origin: c.origin }));
		const otherTab = new BroadcastChannel('whetstone-data');
		const broadcast = new Promise<unknown>(
			(resolve) => (otherTab.onmessage = (e) => resolve(e.data))
		);
		try {
			await write(['meta'], async (tx) => {
				await tx.objectStore('meta').put({ key: 'k', value: 'v', updatedAt: 1 });
			});
		} finally {
			spy.mockRestore();
			off();
			offChange();
		}
		expect(asked).toEqual([{ durability: 'strict' }]);
		expect(await withDb((db) => db.get('meta', 'k'))).toMatchObject({ value: 'v' });
		expect(changed).toEqual([['meta']]);
		expect(heard).toEqual([{ stores: ['meta'], origin: 'here' }]);
		expect(await broadcast).toEqual({ type: 'changed', stores: ['meta'] });
		otherTab.close();
	});

	it('does not announce its own refusals as storage faults', async () => {
		const failures: string[] = [];
		const off = onDbEvent((e) => {
			if (e.type === 'write-failed') failures.push(e.message);
		});
		await expect(
			write(['meta'], async () => {
				throw new Error('That name is taken.');
			})
		).rejects.toThrow('That name is taken.');
		off();
		expect(failures).toEqual([]);
	});

	it('opens the database every earlier version wrote to', async () => {
		// Renaming it would greet every user with an empty journal: their data stays under this name.
		const db = await withDb(async (d) => d);
		expect(db.name).toBe('whetstone');
	});
});

describe('putMany', () => {
	beforeEach(resetDatabase);
	const DAY = 86_400_000;
	const passages = (count: number) =>
		Array.from({ length: count }, (_, i) => passageRecord(`p${i}`, 'b1'));

	it('stamps every record like any write, and stores blocks of practice compactly', async () => {
		const events = [eventRecord('s1', 5 * DAY), eventRecord('s1', 6 * DAY)];
		const seq = await write(['passages', 'events'], async (tx) => {
			await putMany(tx, 'passages', passages(3));
			await putMany(tx, 'events', groupIntoBlocks(events));
			return currentSeq(tx);
		});
		const stored = await withDb((db) => db.getAll('passages'));
		expect(stored.map((p) => [p.id, seqOf(p)])).toEqual([
			['p0', seq],
			['p1', seq],
			['p2', seq]
		]);
		const [block] = await withDb((db) => db.getAll('events'));
		expect(block.seq).toBe(seq);
		expect(block.events[0]).not.toHaveProperty('skillId');
		expect(expandBlock(block).events).toEqual(events);
	});

	it('finishes when the page’s turn falls on its last record', async () => {
		// Every put "takes" 50 ms: the page gets a turn after each one, the last one included.
		let clock = 0;
		vi.spyOn(performance, 'now').mockImplementation(() => (clock += 50));
		await write(['passages'], (tx) => putMany(tx, 'passages', passages(5)));
		vi.restoreAllMocks();
		expect(await withDb((db) => db.count('passages'))).toBe(5);
	});

	it('writes nothing when one record cannot be stored', async () => {
		const broken = { ...passageRecord('bad', 'b1'), id: undefined } as never;
		await expect(
			write(['passages'], (tx) => putMany(tx, 'passages', [...passages(3), broken]))
		).rejects.toThrow();
		expect(await withDb((db) => db.count('passages'))).toBe(0);
	});

	it('refuses a transaction `write` did not open', async () => {
		await expect(
			withDb((db) => putMany(db.transaction('passages', 'readwrite') as never, 'passages', []))
		).rejects.toThrow('not a write');
	});
});
