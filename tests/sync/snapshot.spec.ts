import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, withDb, write } from '../../src/lib/db';
import { intoMonths } from '../../src/lib/db/block-merge';
import { compactBlock, groupIntoBlocks, monthOf } from '../../src/lib/db/blocks';
import { resetDatabase, storedEvents } from '../../src/lib/db/testing';
import { Couch, userDbName, type CouchDb } from '../../src/lib/sync/couch';
import { createKeyring, openBytes, seal, sealBytes, type Keys } from '../../src/lib/sync/crypto';
import { checkedItem } from '../../src/lib/sync/engine';
import { NewerFormatError } from '../../src/lib/sync/format';
import { beginSync, readSyncState } from '../../src/lib/sync/repo';
import { loadSnapshot, makeSnapshot, readManifest } from '../../src/lib/sync/snapshot';
import { drillRecord, eventRecord, skillRecord } from '../../src/lib/testing/records';
import { startSyncServer } from '../../scripts/sync-server.mjs';
import { cookieFetch } from './cookie-fetch';

/**
 * The encrypted snapshot against the stand-in server: made in version 2 (practice as stored),
 * read back whole on an empty device, and an account's earlier version 1 snapshot still read,
 * then replaced.
 */

let base = '';
let stop: (() => Promise<void>) | null = null;
let keys: Keys;
let n = 0;
const DAY = 86_400_000;
const T = Date.UTC(2026, 5, 1);

beforeAll(async () => {
	const server = await startSyncServer({ port: 0 });
	base = server.url;
	stop = server.close;
	keys = (await createKeyring('a passphrase for tests', { iterations: 1000 })).keys;
});
afterAll(async () => {
	await stop?.();
});
beforeEach(resetDatabase);

async function account(): Promise<CouchDb> {
	const name = `snap-${Date.now().toString(36)}-${++n}`;
	const couch = new Couch(base, cookieFetch());
	await couch.signUp(name, 'a password');
	await couch.signIn(name, 'a password');
	const db = couch.db(userDbName(name));
	await db.whenExists();
	await beginSync(base, name, userDbName(name));
	return db;
}

const events = [
	eventRecord('s1', T, { id: 'e1' }),
	eventRecord('s1', T + DAY, { id: 'e2', note: 'tired', updatedAt: T + 2 * DAY }),
	eventRecord('s1', T + 40 * DAY, { id: 'e3', deletedAt: T + 41 * DAY, updatedAt: T + 41 * DAY })
];

async function journal() {
	await write(['skills', 'drills', 'events'], async (tx) => {
		await tx.objectStore('skills').put(skillRecord('s1', { name: 'Listening' }));
		await tx.objectStore('drills').put(drillRecord('s1', T, { id: 'd1', text: 'Words.' }));
		for (const block of groupIntoBlocks(events)) await tx.objectStore('events').put(block);
	});
}

/** A record without this device's change sequence. */
function unstamped<T extends object>(record: T): T {
	const { seq: _seq, ...rest } = record as T & { seq?: number };
	return rest as T;
}

const held = async () => ({
	skills: (await withDb((db) => db.getAll('skills'))).map(unstamped),
	drills: (await withDb((db) => db.getAll('drills'))).map(unstamped),
	events: (await storedEvents()).sort((a, b) => a.id.localeCompare(b.id))
});

describe('the snapshot', () => {
	it('carries practice as stored, Home’s records first, and brings everything back whole on an empty device', async () => {
		const db = await account();
		await journal();
		const before = await held();
		await makeSnapshot(db, keys, T);

		const found = (await readManifest(db, keys))!;
		expect(found.pointer).toBe('snap-latest');
		expect(found.manifest).toMatchObject({ v: 3, records: 4, pieces: ['p0'] });
		const piece = await db.getAttachment(found.manifest.doc, 'p0');
		const text = await openBytes(keys, `${found.manifest.doc}/p0`, piece);
		expect(text).not.toContain('"skillId":"s1","at"');
		expect(text).toContain('"note":"tired"');
		// What Home shows comes first: skills and their practice, then drills.
		expect((JSON.parse(text) as { kind: string }[]).map((item) => item.kind)).toEqual([
			'skills',
			'events',
			'events',
			'drills'
		]);

		await closeDb();
		await resetDatabase();
		await beginSync(base, 'someone', 'elsewhere');
		expect(await loadSnapshot(db, keys, checkedItem)).toBe(true);
		expect(await held()).toEqual(before);
		expect((await readSyncState())?.since).toBe(found.manifest.since);
	});

	it('still reads an earlier version’s snapshot (whole events), and replaces it with its own', async () => {
		const db = await account();
		await journal();
		const before = await held();
		// What version 1 left on the server: whole blocks, under the pointer `snapshot`.
		const whole = [
			{ kind: 'skills', key: 's1', record: before.skills[0] },
			{ kind: 'drills', key: 'd1', record: before.drills[0] },
			...intoMonths(events).map((b) => ({ kind: 'events', key: 'x', record: b }))
		];
		const rev = await db.putAttachment(
			'snap-old',
			'p0',
			null,
			await sealBytes(keys, 'snap-old/p0', JSON.stringify(whole))
		);
		expect(rev).toBeTruthy();
		const manifest = { v: 1, doc: 'snap-old', since: '0', pieces: ['p0'], made: T, records: 4 };
		await db.bulkDocs([{ _id: 'snapshot', v: 1, ...(await seal(keys, 'snapshot', manifest)) }]);

		await closeDb();
		await resetDatabase();
		await beginSync(base, 'someone', 'elsewhere');
		expect(await loadSnapshot(db, keys, checkedItem)).toBe(true);
		expect(await held()).toEqual(before);

		// The next snapshot made is version 2, and version 1's documents are gone.
		await makeSnapshot(db, keys, T + DAY);
		expect((await readManifest(db, keys))?.pointer).toBe('snap-latest');
		const left = await db.allDocs(['snapshot', 'snap-old']);
		expect(left.size).toBe(0);
	});

	/** Leave a version 2 snapshot of `items` (as a device would write them) on the server. */
	async function leaveV2(db: CouchDb, doc: string, items: unknown[], version = 2) {
		await db.putAttachment(
			doc,
			'p0',
			null,
			await sealBytes(keys, `${doc}/p0`, JSON.stringify(items))
		);
		const manifest = {
			v: version,
			doc,
			since: '0',
			pieces: ['p0'],
			made: T,
			records: items.length
		};
		await db.bulkDocs([
			{ _id: 'snap-latest', v: 1, ...(await seal(keys, 'snap-latest', manifest)) }
		]);
	}

	// Two months of one skill, stored compactly: June's block, and July's where the fault goes.
	const stored = { id: 'e9', at: T, minutes: 5, rating: 2, source: 'manual' };
	const july = { ...stored, id: 'e10', at: Date.UTC(2026, 6, 2) };
	const other = { ...july, id: 'e11' };
	const piece = (fault?: unknown) => [
		{ kind: 'events', key: 'a', record: { skillId: 's1', month: monthOf(T), events: [stored] } },
		{
			kind: 'events',
			key: 'x',
			record: {
				skillId: 's1',
				month: monthOf(july.at),
				events: fault === undefined ? [july] : [july, fault]
			}
		}
	];

	it('takes a version 2 piece of two good months', async () => {
		const db = await account();
		await leaveV2(db, `snap-good${++n}`, piece());
		expect(await loadSnapshot(db, keys, checkedItem)).toBe(true);
		expect((await storedEvents()).map((e) => e.id).sort()).toEqual(['e10', 'e9']);
	});

	it.each([
		['not an event', 7],
		['a rating out of range', { ...other, rating: 9 }],
		['no time', { ...other, at: undefined }],
		['a note that is not text', { ...other, note: 5 }],
		['an unknown source', { ...other, source: 'dream' }],
		['an entry from another month', { ...other, at: T }],
		['one entry twice', july]
	])('refuses a version 2 piece whose practice holds %s, and writes nothing', async (_, bad) => {
		const db = await account();
		await leaveV2(db, `snap-bad${++n}`, piece(bad));
		await expect(loadSnapshot(db, keys, checkedItem)).rejects.toThrow();
		expect(await withDb((db) => db.count('events'))).toBe(0);
	});

	it('takes a version 3 piece’s quarter whole, and refuses one holding another quarter’s entry or keyed by its second month', async () => {
		const db = await account();
		const Q2 = monthOf(Date.UTC(2026, 3, 1)); // April to June
		const quarter = (events: unknown[], month = Q2) => [
			{ kind: 'events', key: 'q', record: { skillId: 's1', month, events } }
		];
		const april = { ...stored, id: 'e12', at: Date.UTC(2026, 3, 9) };
		await leaveV2(db, `snap-q${++n}`, quarter([april, stored]), 3);
		expect(await loadSnapshot(db, keys, checkedItem)).toBe(true);
		expect((await storedEvents()).map((e) => e.id).sort()).toEqual(['e12', 'e9']);
		await resetDatabase();
		const other = await account(); // a pointer of its own
		await leaveV2(other, `snap-q${++n}`, quarter([april, july]), 3);
		await expect(loadSnapshot(other, keys, checkedItem)).rejects.toThrow();
		expect(await withDb((db) => db.count('events'))).toBe(0);
		// Keyed by May, a block would be stored where no read of the quarter looks.
		await resetDatabase();
		const third = await account();
		const may = { ...stored, id: 'e13', at: Date.UTC(2026, 4, 9) };
		await leaveV2(third, `snap-q${++n}`, quarter([may], Q2 + 1), 3);
		await expect(loadSnapshot(third, keys, checkedItem)).rejects.toThrow();
		expect(await withDb((db) => db.count('events'))).toBe(0);
	});

	it.each([
		['its pointer document', { envelope: 3, manifest: 3 }],
		['its manifest', { envelope: 2, manifest: 4 }]
	])(
		'stops with "update the app" when %s is of a later version, and writes nothing',
		async (_, { envelope, manifest: form }) => {
			const db = await account();
			const doc = `snap-later${++n}`;
			await db.putAttachment(doc, 'p0', null, await sealBytes(keys, `${doc}/p0`, '[]'));
			const manifest = { v: form, doc, since: '0', pieces: ['p0'], made: T, records: 0 };
			await db.bulkDocs([
				{ _id: 'snap-latest', v: envelope, ...(await seal(keys, 'snap-latest', manifest)) }
			]);
			const before = await readSyncState();
			await expect(loadSnapshot(db, keys, checkedItem)).rejects.toBeInstanceOf(NewerFormatError);
			expect(await readSyncState()).toEqual(before);
		}
	);

	/** Leave a version 3 snapshot whose pieces hold `pieces` (a piece is a list of items). */
	async function leavePieces(db: CouchDb, doc: string, pieces: unknown[][], damaged = -1) {
		const names = pieces.map((_, i) => `p${i}`);
		let rev: string | null = null;
		for (const [i, items] of pieces.entries()) {
			const bytes = await sealBytes(keys, `${doc}/p${i}`, JSON.stringify(items));
			// A piece sealed for another place: it cannot be opened where it is.
			const sealedFor = i === damaged ? await sealBytes(keys, `${doc}/elsewhere`, '[]') : bytes;
			rev = await db.putAttachment(doc, names[i], rev, sealedFor);
		}
		const manifest = { v: 3, doc, since: '42-x', pieces: names, made: T, records: 0 };
		await db.bulkDocs([
			{ _id: 'snap-latest', v: 2, ...(await seal(keys, 'snap-latest', manifest)) }
		]);
	}
	const drillsOf = (piece: number) =>
		Array.from({ length: 3 }, (_, k) => {
			const record = drillRecord('s1', T + (piece * 3 + k) * DAY, {
				id: `d-${piece}-${k}`,
				text: `Piece ${piece}, drill ${k}.`
			});
			return { kind: 'drills', key: record.id, record };
		});
	const storedDrillIds = async () =>
		(await withDb((db) => db.getAll('drills'))).map((d) => d.id).sort();

	it('brings a snapshot of many pieces back whole, in order', async () => {
		const db = await account();
		const pieces = Array.from({ length: 9 }, (_, i) => drillsOf(i));
		await leavePieces(db, `snap-many${++n}`, pieces);
		expect(await loadSnapshot(db, keys, checkedItem)).toBe(true);
		const all = pieces.flatMap((p) => p.map((item) => item.key)).sort();
		expect(await storedDrillIds()).toEqual(all);
		expect(await readSyncState()).toMatchObject({ since: '42-x', restoring: null });
	});

	it('stops at a piece that cannot be opened: nothing from it or after it, and the feed position unmoved', async () => {
		const db = await account();
		const pieces = Array.from({ length: 9 }, (_, i) => drillsOf(i));
		await leavePieces(db, `snap-cut${++n}`, pieces, 5);
		await expect(loadSnapshot(db, keys, checkedItem)).rejects.toThrow();
		const taken = await storedDrillIds();
		// Pieces are written in order: what was taken is a run of whole pieces from the first.
		const before = pieces.slice(0, taken.length / 3).flatMap((p) => p.map((item) => item.key));
		expect(taken).toEqual(before.sort());
		expect(taken.length).toBeLessThanOrEqual(15);
		expect((await readSyncState())?.since).toBe('0');
	});

	it('merges a version 2 snapshot’s practice into blocks this device already holds', async () => {
		const db = await account();
		await journal();
		// The server's copy: e1 edited later elsewhere, e2 as it was before this device's edit,
		// and e4 practised elsewhere.
		const theirs = [
			eventRecord('s1', T, { id: 'e1', note: 'rested', updatedAt: T + 5 * DAY }),
			eventRecord('s1', T + DAY, { id: 'e2' }),
			eventRecord('s1', T + 2 * DAY, { id: 'e4', minutes: 12 })
		];
		await leaveV2(
			db,
			`snap-more${++n}`,
			intoMonths(theirs).map((b) => ({ kind: 'events', key: 'x', record: compactBlock(b) }))
		);
		expect(await loadSnapshot(db, keys, checkedItem)).toBe(true);
		expect(await storedEvents()).toEqual(
			expect.arrayContaining([theirs[0], events[1], events[2], theirs[2]])
		);
		expect(await storedEvents()).toHaveLength(4);
	});
});
