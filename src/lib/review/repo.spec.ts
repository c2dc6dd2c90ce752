import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, write } from '$lib/db';
import { resetDatabase } from '$lib/db/testing';
import { getPlan, savePlan } from './repo';

beforeEach(() => resetDatabase());
afterEach(() => closeDb());

describe('stored plans', () => {
	it('come back as saved', async () => {
		const plan = {
			weekKey: '2026-11-30',
			items: [{ skillId: 's1', skillName: 'Listening', targetDrills: 3 }],
			createdAt: 1
		};
		await savePlan(plan, '2026-11-23', 1);
		expect(await getPlan('2026-11-30')).toEqual(plan);
	});

	it('that are not plans (an odd import, an older version) are no plan, not a crash later', async () => {
		for (const value of [
			'a plan',
			{ weekKey: '2026-11-30', items: 'none', createdAt: 1 },
			{ weekKey: '2026-11-30', items: [{ skillId: 's1', targetDrills: 99 }], createdAt: 1 }
		]) {
			await write(['meta'], (tx) =>
				tx.objectStore('meta').put({ key: 'plan:2026-11-30', value, updatedAt: 1 })
			);
			expect(await getPlan('2026-11-30')).toBeNull();
		}
	});
});
