import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, withDb, write } from '$lib/db';
import { resetDatabase } from '$lib/db/testing';
import { eventRecord } from '$lib/testing/records';
import { tombstoned } from './record';
import { getEvent, putEvent, skillEvents, sourceEvents } from './events';

// The contract of db/events.ts, whatever the storage underneath (one record per event today,
// blocks per skill and month next): these must keep passing unchanged.

beforeEach(() => resetDatabase());
afterEach(() => closeDb());

const read = <T>(fn: (tx: Parameters<typeof skillEvents>[0]) => Promise<T>) =>
	withDb((db) => fn(db.transaction('events')));

describe('practice events', () => {
	it('come back by skill in time order, within (after, through], tombstones included', async () => {
		const a = [30, 10, 20, 40].map((at) => eventRecord('a', at));
		const b = eventRecord('b', 25);
		const gone = tombstoned(eventRecord('a', 35), 99);
		await write(['events'], async (tx) => {
			for (const e of [...a, b, gone]) await putEvent(tx, e);
		});
		const ats = async (range?: { after?: number; through?: number }) =>
			(await read((tx) => skillEvents(tx, 'a', range))).map((e) => e.at);
		expect(await ats()).toEqual([10, 20, 30, 35, 40]);
		expect(await ats({ after: 20 })).toEqual([30, 35, 40]);
		expect(await ats({ through: 20 })).toEqual([10, 20]);
		expect(await ats({ after: 10, through: 35 })).toEqual([20, 30, 35]);
		expect(
			(await read((tx) => skillEvents(tx, 'a'))).find((e) => e.id === gone.id)?.deletedAt
		).toBe(99);
		expect((await read((tx) => skillEvents(tx, 'b'))).map((e) => e.id)).toEqual([b.id]);
		expect(await read((tx) => skillEvents(tx, 'nobody'))).toEqual([]);
	});

	it('are found by id and by the drill or passage that logged them, and change in place', async () => {
		const e = eventRecord('a', 10, { source: 'drill', sourceId: 'd1' });
		await write(['events'], (tx) => putEvent(tx, e));
		expect(await read((tx) => getEvent(tx, e.id))).toEqual(e);
		expect(await read((tx) => sourceEvents(tx, 'd1'))).toEqual([e]);
		expect(await read((tx) => sourceEvents(tx, 'd2'))).toEqual([]);
		// Moved to another skill and time (a merge, an edit): found there, not here.
		const moved = { ...e, skillId: 'b', at: 50, updatedAt: 60 };
		await write(['events'], (tx) => putEvent(tx, moved));
		expect(await read((tx) => skillEvents(tx, 'a'))).toEqual([]);
		expect(await read((tx) => skillEvents(tx, 'b'))).toEqual([moved]);
		expect(await read((tx) => getEvent(tx, e.id))).toEqual(moved);
	});
});
