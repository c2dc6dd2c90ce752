import 'fake-indexeddb/auto';
import { openDB, type IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDb, onDbEvent, openWhetstoneDb } from './index';
import { MIGRATIONS } from './migrations';
import { intoMonths } from './block-merge';
import { blockMonth, expandBlock } from './blocks';
import { skillEvents } from './events';
import { eventRecord } from '$lib/testing/records';
import type { PracticeEventRecord } from './records';

/**
 * Migration 011 (practice blocks stored compactly), from the shape version 10 left on disk,
 * built by the released migrations themselves, with blocks as version 10 wrote them (a month
 * each; 013 then merges them into quarters, still compact).
 */

let n = 0;
const freshName = () => `migrate-011-${++n}-${Math.random()}`;
const DAY = 86_400_000;

afterEach(async () => {
	await closeDb();
});

function oldEvents(): PracticeEventRecord[] {
	const start = Date.UTC(2025, 0, 20);
	const out: PracticeEventRecord[] = [];
	for (let s = 0; s < 12; s++) {
		for (let d = 0; d < 100; d++) {
			const at = start + d * 3 * DAY + s * 1000;
			const e = eventRecord(`skill-${s}`, at, { id: `e-${s}-${d}` });
			if (d % 10 === 1) out.push({ ...e, deletedAt: at + DAY, updatedAt: at + DAY });
			else if (d % 10 === 2) out.push({ ...e, note: 'a note', clock: { note: [at + 5] } });
			else if (d % 10 === 3) out.push({ ...e, source: 'drill', sourceId: 'd1', promptKey: 'p' });
			else out.push(e);
		}
	}
	return out;
}

async function versionTen(name: string, events: PracticeEventRecord[]) {
	const old: IDBPDatabase = await openDB(name, 10, {
		async upgrade(db, _from, _to, tx) {
			for (const m of MIGRATIONS.filter((m) => m.version <= 10)) await m.up(db, tx, () => {});
		}
	});
	const blocks = intoMonths(events).map((b, i) => ({ ...b, seq: i + 1 }));
	const tx = old.transaction('events', 'readwrite');
	for (const b of blocks) void tx.store.put(b);
	await tx.done;
	old.close();
	return blocks;
}

describe('migration 011: practice blocks stored compactly', () => {
	it('stores each event without its block’s skill or its usual values, and reads them back whole', async () => {
		const name = freshName();
		const events = oldEvents();
		const before = await versionTen(name, events);
		expect(before.length).toBeGreaterThan(100);
		const progress: [number, number][] = [];
		const stop = onDbEvent((e) => {
			if (e.type === 'upgrading') progress.push([e.done, e.total]);
		});
		const db = await openWhetstoneDb(name);
		stop();

		const after = await db.getAll('events');
		const plain = (await db.get('events', ['skill-0', blockMonth(before[0].month)]))!.events.find(
			(e) => e.id === 'e-0-0'
		);
		expect(plain).toEqual({
			id: 'e-0-0',
			at: events[0].at,
			minutes: 10,
			rating: 3,
			source: 'manual'
		});
		for (const block of after) {
			expect(block.events.some((e) => 'skillId' in e || ('note' in e && e.note === ''))).toBe(
				false
			);
		}
		// Whole again when read.
		const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
		expect(after.flatMap((b) => expandBlock(b).events).sort(byId)).toEqual(
			before.flatMap((b) => b.events).sort(byId)
		);
		const tx = db.transaction(['skills', 'events']);
		const read = await skillEvents(tx as never, 'skill-3');
		expect(read).toEqual(events.filter((e) => e.skillId === 'skill-3'));
		expect(progress.at(-1)).toEqual([before.length, before.length]);
		db.close();
	});
});
