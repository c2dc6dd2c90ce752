import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, write } from '$lib/db';
import { resetDatabase } from '$lib/db/testing';
import { tombstoned } from '$lib/db/record';
import { largeDataset } from '$lib/seed/large';
import { finishDrill, hasDrills, listDrills } from './repo';

const data = largeDataset({ seed: 1, days: 30, skills: 3, drills: 10, books: 1, passages: 2 });

beforeEach(resetDatabase);
afterEach(() => closeDb());

describe('drill lists', () => {
	it('lists live drills newest first, or only those since a moment', async () => {
		for (const d of data.drills) await finishDrill(d, null);
		const gone = data.drills[9];
		await write(['drills'], (tx) =>
			tx.objectStore('drills').put(tombstoned(gone, gone.startedAt + 1))
		);
		const all = await listDrills();
		expect(all.map((d) => d.id)).toEqual(
			data.drills
				.slice(0, 9)
				.reverse()
				.map((d) => d.id)
		);
		const since = data.drills[6].startedAt;
		expect((await listDrills(since)).map((d) => d.id)).toEqual(
			[data.drills[8], data.drills[7], data.drills[6]].map((d) => d.id)
		);
	});

	it('knows whether any live drill exists', async () => {
		expect(await hasDrills()).toBe(false);
		const [d] = data.drills;
		await finishDrill(d, null);
		expect(await hasDrills()).toBe(true);
		await write(['drills'], (tx) => tx.objectStore('drills').put(tombstoned(d, d.startedAt + 1)));
		expect(await hasDrills()).toBe(false);
	});
});
