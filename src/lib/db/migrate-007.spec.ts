import 'fake-indexeddb/auto';
import { openDB, type IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DB_VERSION, closeDb, onDbEvent, openWhetstoneDb } from './index';
import { MIGRATIONS } from './migrations';
import { MigrationError } from './errors';
import { blockMonthOf, expandBlock } from './blocks';
import { blockProblem } from './block-merge';
import { eventRecord } from '$lib/testing/records';
import { rng } from '$lib/seed/large';
import type { PracticeEventRecord } from './records';

/**
 * Migration 007 (events into blocks per skill and month), from the shape version 6 left on
 * disk, built by the released migrations themselves (they never change: released.spec.ts).
 */

let n = 0;
const freshName = () => `migrate-007-${++n}-${Math.random()}`;
const DAY = 86_400_000;

afterEach(async () => {
	vi.restoreAllMocks();
	await closeDb();
});

/** 30 skills × 200 events over 2¾ years, some tombstones, some ties: as version 6 stored them. */
function oldEvents(): PracticeEventRecord[] {
	const random = rng(7);
	const start = Date.UTC(2025, 0, 20);
	const out: PracticeEventRecord[] = [];
	for (let s = 0; s < 30; s++) {
		for (let d = 0; d < 200; d++) {
			const at = start + d * 5 * DAY + Math.floor(random() * DAY);
			const e = eventRecord(`skill-${s}`, at, { minutes: 1 + (d % 50), note: `day ${d}` });
			out.push(random() < 0.05 ? { ...e, deletedAt: at + DAY, updatedAt: at + DAY } : e);
		}
		// Two events at the same moment: both kept, in id order.
		out.push(eventRecord(`skill-${s}`, start, { id: `tie-${s}-b` }));
		out.push(eventRecord(`skill-${s}`, start, { id: `tie-${s}-a` }));
	}
	return out;
}

async function versionSix(name: string, events: PracticeEventRecord[]): Promise<void> {
	const old: IDBPDatabase = await openDB(name, 6, {
		async upgrade(db, _from, _to, tx) {
			for (const m of MIGRATIONS.filter((m) => m.version <= 6)) await m.up(db, tx, () => {});
		}
	});
	const tx = old.transaction(['events', 'checkpoints', 'bookStats', 'searchIndex'], 'readwrite');
	for (const e of events) void tx.objectStore('events').put(e);
	// Derived data of version 6, kept by time: it must not survive into a sequence world.
	void tx.objectStore('checkpoints').put({ skillId: 'skill-0', through: 1, count: 1, madeAt: 1 });
	void tx.objectStore('bookStats').put({ bookId: 'b', madeAt: 1, total: 1, worked: 0 });
	void tx.objectStore('searchIndex').put({ key: 'head', version: 1, syncedUpTo: 1, madeAt: 1 });
	await tx.done;
	old.close();
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('migration 007: events into blocks', () => {
	it('files every event, tombstones included, unchanged, in its skill’s block of its UTC quarter', async () => {
		const name = freshName();
		const events = oldEvents();
		await versionSix(name, events);
		const progress: [number, number][] = [];
		const stop = onDbEvent((e) => {
			if (e.type === 'upgrading') progress.push([e.done, e.total]);
		});
		const db = await openWhetstoneDb(name);
		stop();

		// Stored compactly since 011: read as the app reads them.
		const blocks = (await db.getAll('events')).map(expandBlock);
		const stored = blocks.flatMap((b) => b.events);
		expect(stored).toHaveLength(events.length);
		expect([...stored].sort(byId)).toEqual([...events].sort(byId));
		expect(stored.filter((e) => e.deletedAt !== null).length).toBeGreaterThan(100);
		// By month from 007, merged into quarters by 013.
		for (const b of blocks) {
			expect(blockProblem(b, 'quarter')).toBeNull();
			expect(b.events.every((e) => blockMonthOf(e.at) === b.month)).toBe(true);
		}
		// One block per skill and quarter that has events: 20 January 2025 to mid-October 2027.
		const quarters = new Set(events.map((e) => `${e.skillId} ${blockMonthOf(e.at)}`));
		expect(blocks.length).toBe(quarters.size);
		expect(quarters.size).toBe(30 * 12);
		const first = expandBlock(
			(await db.get('events', ['skill-3', blockMonthOf(Date.UTC(2025, 0, 20))]))!
		);
		expect(first.events.slice(0, 2).map((e) => e.id)).toEqual(['tie-3-a', 'tie-3-b']);

		// The old store is gone; derived data will be rebuilt; the change sequence starts.
		expect([...db.objectStoreNames]).not.toContain('events-v6');
		expect(await db.count('checkpoints')).toBe(0);
		expect(await db.count('bookStats')).toBe(0);
		expect(await db.count('searchIndex')).toBe(0);
		expect(await db.get('sequence', 'seq')).toEqual({ key: 'seq', value: 0 });

		// Progress was told as it went, skill by skill, up to every event (later migrations tell
		// theirs after it).
		const end = progress.findIndex(([d, t]) => d === events.length && t === events.length);
		expect(end).toBeGreaterThan(30);
		const own = progress.slice(0, end + 1).map(([d]) => d);
		expect(own).toEqual([...own].sort((a, b) => a - b));
		db.close();
	});

	it('keeps events the old index could not hold (no usable time) rather than drop them', async () => {
		const name = freshName();
		const normal = eventRecord('skill-x', Date.UTC(2025, 5, 1));
		const odd = { ...eventRecord('skill-x', 0), at: 'yesterday' } as unknown as PracticeEventRecord;
		await versionSix(name, [normal, odd]);
		const db = await openWhetstoneDb(name);
		const stored = (await db.getAll('events')).flatMap((b) => expandBlock(b).events);
		expect(stored.map((e) => e.id).sort()).toEqual([normal.id, odd.id].sort());
		// Filed under time 0 (January 1970), the rest of it as it was.
		expect(stored.find((e) => e.id === odd.id)).toEqual({ ...odd, at: 0 });
		db.close();
	});

	it('stopped midway leaves version 6 exactly as it was, and runs again on the next open', async () => {
		const name = freshName();
		const events = oldEvents();
		await versionSix(name, events);
		// The tab closes while the blocks are being written: the browser aborts the upgrade.
		// Here, the 100th block write fails the way a full disk makes it fail.
		const put = IDBObjectStore.prototype.put;
		let blockWrites = 0;
		vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
			this: IDBObjectStore,
			...args: Parameters<IDBObjectStore['put']>
		) {
			if (this.name === 'events' && ++blockWrites === 100) {
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			}
			return put.apply(this, args);
		});
		const error = await openWhetstoneDb(name).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(MigrationError);
		expect((error as Error).message).toMatch(/ran out of space/);
		expect((error as Error).message).toMatch(/Nothing was lost/);
		vi.restoreAllMocks();

		// Version 6, its events store and every event, untouched.
		const old = await openDB(name);
		expect(old.version).toBe(6);
		expect([...old.objectStoreNames].sort()).not.toContain('sequence');
		expect([...old.objectStoreNames]).not.toContain('events-v6');
		const kept = (await old.getAll('events')) as PracticeEventRecord[];
		expect(kept.sort(byId)).toEqual([...events].sort(byId));
		expect([...old.transaction('events').store.indexNames].sort()).toEqual([
			'by-skill-at',
			'by-skill-updated',
			'by-sourceId'
		]);
		old.close();

		// The next open upgrades it completely.
		const db = await openWhetstoneDb(name);
		expect(db.version).toBe(DB_VERSION);
		expect((await db.getAll('events')).flatMap((b) => b.events)).toHaveLength(events.length);
		db.close();
	});
});
