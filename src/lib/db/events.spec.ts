import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, seqOf, withDb, write } from '$lib/db';
import { resetDatabase, storedEvents } from '$lib/db/testing';
import { eventRecord } from '$lib/testing/records';
import { tombstoned } from './record';
import { monthOf } from './blocks';
import { getEvent, putEvent, putEvents, skillEvents, sourceEvents } from './events';

// The contract of db/events.ts: what features see, whatever the blocks underneath.

beforeEach(() => resetDatabase());
afterEach(() => closeDb());

const read = <T>(fn: (tx: Parameters<typeof skillEvents>[0]) => Promise<T>) =>
	withDb((db) => fn(db.transaction(['skills', 'events'])));

const day = (y: number, m: number, d: number, h = 12) => Date.UTC(y, m - 1, d, h);

describe('practice events', () => {
	it('come back by skill in time order across months, within (after, through], tombstones included', async () => {
		const times = [day(2024, 3, 2), day(2024, 1, 31), day(2024, 2, 1), day(2024, 5, 9)];
		const a = times.map((at) => eventRecord('a', at));
		const b = eventRecord('b', day(2024, 2, 10));
		const gone = tombstoned(eventRecord('a', day(2024, 3, 20)), day(2024, 6, 1));
		await write(['events'], async (tx) => {
			for (const e of [...a, b, gone]) await putEvent(tx, e);
		});
		const ats = async (range?: { after?: number; through?: number }) =>
			(await read((tx) => skillEvents(tx, 'a', range))).map((e) => new Date(e.at).toISOString());
		const iso = (t: number) => new Date(t).toISOString();
		const all = [
			day(2024, 1, 31),
			day(2024, 2, 1),
			day(2024, 3, 2),
			day(2024, 3, 20),
			day(2024, 5, 9)
		];
		expect(await ats()).toEqual(all.map(iso));
		expect(await ats({ after: day(2024, 2, 1) })).toEqual(all.slice(2).map(iso));
		expect(await ats({ through: day(2024, 2, 1) })).toEqual(all.slice(0, 2).map(iso));
		expect(await ats({ after: day(2024, 1, 31), through: day(2024, 3, 20) })).toEqual(
			all.slice(1, 4).map(iso)
		);
		// Bounds inside a month: the same block, cut at the exact moment.
		expect(await ats({ after: day(2024, 3, 2) - 1, through: day(2024, 3, 2) })).toEqual([
			iso(day(2024, 3, 2))
		]);
		expect(
			(await read((tx) => skillEvents(tx, 'a'))).find((e) => e.id === gone.id)?.deletedAt
		).toBe(day(2024, 6, 1));
		expect((await read((tx) => skillEvents(tx, 'b'))).map((e) => e.id)).toEqual([b.id]);
		expect(await read((tx) => skillEvents(tx, 'nobody'))).toEqual([]);
	});

	it('are stored one block per skill and UTC quarter', async () => {
		const events = [
			eventRecord('a', day(2024, 1, 3)),
			eventRecord('a', day(2024, 3, 31, 23)),
			eventRecord('a', day(2024, 4, 1, 0)),
			eventRecord('a', day(2024, 5, 28)),
			eventRecord('b', day(2024, 5, 28))
		];
		await write(['events'], (tx) => putEvents(tx, events));
		const blocks = await withDb((db) => db.getAll('events'));
		expect(blocks.map((b) => [b.skillId, b.month, b.events.length])).toEqual([
			['a', monthOf(day(2024, 1, 1)), 2],
			['a', monthOf(day(2024, 4, 1)), 2],
			['b', monthOf(day(2024, 4, 1)), 1]
		]);
		expect(await storedEvents()).toHaveLength(5);
	});

	it('are found by id and by the drill or passage that logged them, within their skill', async () => {
		const e = eventRecord('a', day(2024, 1, 10), { source: 'drill', sourceId: 'd1' });
		await write(['events'], (tx) => putEvent(tx, e));
		expect(await read((tx) => getEvent(tx, e))).toEqual(e);
		expect(await read((tx) => getEvent(tx, { id: e.id, skillId: 'b' }))).toBeUndefined();
		expect(await read((tx) => sourceEvents(tx, 'd1', 'a'))).toEqual([e]);
		expect(await read((tx) => sourceEvents(tx, 'd2', 'a'))).toEqual([]);
		expect(await read((tx) => sourceEvents(tx, 'd1', null))).toEqual([]);
	});

	it('moved to another skill or month leave a tombstone behind; the newest copy is the one found', async () => {
		const e = eventRecord('a', day(2024, 1, 10), { updatedAt: 100 });
		await write(['events'], (tx) => putEvent(tx, e));
		// Another month, same skill (a date edit).
		const later = { ...e, at: day(2024, 4, 2), updatedAt: 200 };
		await write(['events'], (tx) => putEvent(tx, later, e));
		const inA = await read((tx) => skillEvents(tx, 'a'));
		expect(inA.map((x) => [x.at, x.deletedAt])).toEqual([
			[e.at, 200],
			[later.at, null]
		]);
		expect(await read((tx) => getEvent(tx, e))).toEqual(later);
		// Another skill (a merge).
		const moved = { ...later, skillId: 'b', updatedAt: 300 };
		await write(['events'], (tx) => putEvent(tx, moved, later));
		expect((await read((tx) => skillEvents(tx, 'a'))).every((x) => x.deletedAt !== null)).toBe(
			true
		);
		expect(await read((tx) => skillEvents(tx, 'b'))).toEqual([moved]);
		expect(await read((tx) => getEvent(tx, moved))).toEqual(moved);
		// Without `before`, a change in place replaces the copy in its block.
		const edited = { ...moved, minutes: 25, updatedAt: 400 };
		await write(['events'], (tx) => putEvent(tx, edited));
		expect(await read((tx) => skillEvents(tx, 'b'))).toEqual([edited]);
	});

	it('moved within their quarter stay one copy in its block, no tombstone', async () => {
		const e = eventRecord('a', day(2024, 1, 10), { updatedAt: 100 });
		await write(['events'], (tx) => putEvent(tx, e));
		const later = { ...e, at: day(2024, 3, 2), updatedAt: 200 };
		await write(['events'], (tx) => putEvent(tx, later, e));
		expect(await read((tx) => skillEvents(tx, 'a'))).toEqual([later]);
		expect(await withDb((db) => db.count('events'))).toBe(1);
	});

	it('are stamped with a rising change sequence on every write', async () => {
		const e = eventRecord('a', day(2024, 1, 10));
		await write(['events'], (tx) => putEvent(tx, e));
		const key: [string, number] = ['a', monthOf(e.at)];
		const first = seqOf((await withDb((db) => db.get('events', key)))!);
		await write(['events'], (tx) => putEvent(tx, { ...e, minutes: 20 }));
		const second = seqOf((await withDb((db) => db.get('events', key)))!);
		expect(first).toBeGreaterThan(0);
		expect(second).toBeGreaterThan(first);
		// The caller's record is not changed by the stamp.
		expect(e).not.toHaveProperty('seq');
	});
});
