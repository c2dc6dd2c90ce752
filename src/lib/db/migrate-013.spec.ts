import 'fake-indexeddb/auto';
import { openDB, type IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, closeDb, onDbEvent, withDb } from './index';
import { MIGRATIONS } from './migrations';
import { intoMonths } from './block-merge';
import { compactEvent, expandBlock, movedAway } from './blocks';
import { skillEvents } from './events';
import { resetDatabase } from './testing';
import { eventRecord } from '$lib/testing/records';
import type { PracticeEventRecord } from './records';

/**
 * Migration 013 (practice blocks hold a quarter, not a month), from the shape version 12 left
 * on disk, built by the released migrations themselves, with blocks of a month each in the
 * compact form version 11 stores, change sequences, and an event that moved between two
 * months of one quarter (a tombstone in one block, the event in the other).
 */

afterEach(resetDatabase);

const DAY = 86_400_000;
const T = Date.UTC(2025, 0, 10); // January: a quarter's first month

function events(): PracticeEventRecord[] {
	const out: PracticeEventRecord[] = [];
	for (let s = 0; s < 6; s++) {
		// Ten months of practice every third day: eleven months, four quarters, the last one partial.
		for (let d = 0; d < 100; d++) {
			const at = T + d * 3 * DAY + s * 1000;
			const e = eventRecord(`skill-${s}`, at, { id: `e-${s}-${d}` });
			out.push(d % 9 === 4 ? { ...e, note: 'tired', updatedAt: at + DAY } : e);
		}
	}
	return out;
}

/** `e-0-1` (10 January) moved to 20 February: version 12 kept a tombstone in January's block. */
function withMove(list: PracticeEventRecord[]): PracticeEventRecord[] {
	const before = list.find((e) => e.id === 'e-0-1')!;
	const at = Date.UTC(2025, 1, 20);
	const moved = { ...before, at, updatedAt: at + DAY };
	return [...list.filter((e) => e !== before), movedAway(before, moved.updatedAt), moved];
}

async function versionTwelve(list: PracticeEventRecord[]) {
	await resetDatabase();
	const old: IDBPDatabase = await openDB(DB_NAME, 12, {
		async upgrade(db, _from, _to, tx) {
			for (const m of MIGRATIONS.filter((m) => m.version <= 12)) await m.up(db, tx, () => {});
		}
	});
	const blocks = intoMonths(list).map((b, i) => ({
		skillId: b.skillId,
		month: b.month,
		events: b.events.map(compactEvent),
		seq: i + 1
	}));
	const tx = old.transaction(['events', 'sequence'], 'readwrite');
	for (const b of blocks) void tx.objectStore('events').put(b);
	await tx.objectStore('sequence').put({ key: 'seq', value: blocks.length });
	await tx.done;
	old.close();
	return blocks;
}

describe('migration 013: practice blocks by quarter', () => {
	it('merges each skill’s months into quarters, keeps every event once, and the newest change sequence', async () => {
		const list = withMove(events());
		const months = await versionTwelve(list);
		const progress: [number, number][] = [];
		const stop = onDbEvent((e) => {
			if (e.type === 'upgrading') progress.push([e.done, e.total]);
		});
		const after = await withDb((db) => db.getAll('events'));
		stop();

		// Six skills, each with the quarters starting January, April, July and October 2025.
		expect(months.length).toBe(66);
		expect(after.map((b) => `${b.skillId} ${b.month}`)).toEqual(
			[0, 1, 2, 3, 4, 5].flatMap((s) => [660, 663, 666, 669].map((m) => `skill-${s} ${m}`))
		);
		for (const block of after) {
			const merged = months.filter(
				(m) => m.skillId === block.skillId && m.month - (m.month % 3) === block.month
			);
			expect(block.seq).toBe(Math.max(...merged.map((m) => m.seq)));
		}
		// Every event once, whole when read, in time order; the move kept as the event itself.
		const expected = [...new Map(list.map((e) => [e.id, e])).values()];
		const read = await withDb(async (db) => {
			const tx = db.transaction(['skills', 'events']);
			return (
				await Promise.all([0, 1, 2, 3, 4, 5].map((s) => skillEvents(tx as never, `skill-${s}`)))
			).flat();
		});
		expect(read).toHaveLength(expected.length);
		expect(read.find((e) => e.id === 'e-0-1')).toMatchObject({
			at: Date.UTC(2025, 1, 20),
			deletedAt: null
		});
		expect(new Set(read.map((e) => e.id)).size).toBe(read.length);
		for (const block of after.map(expandBlock)) {
			const times = block.events.map((e) => e.at);
			expect(times).toEqual([...times].sort((a, b) => a - b));
		}
		expect(progress.at(-1)).toEqual([66, 66]);
		await closeDb();
	});

	it('leaves a database with no practice, or blocks already by quarter, as it was', async () => {
		await versionTwelve([]);
		expect(await withDb((db) => db.count('events'))).toBe(0);
		await closeDb();
		const quarterOnly = events().filter((e) => e.at < Date.UTC(2025, 1, 1)); // January only
		const months = await versionTwelve(quarterOnly);
		const after = await withDb((db) => db.getAll('events'));
		expect(after).toEqual(months);
		await closeDb();
	});
});
