import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, write } from '$lib/db';
import { resetDatabase } from '$lib/db/testing';
import {
	getPlan,
	getReviewDay,
	isReviewDone,
	markReviewDone,
	savePlan,
	setReviewDay
} from './repo';

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

describe('the review day', () => {
	it('is Sunday until chosen, then the chosen day; an odd stored value reads as Sunday', async () => {
		expect(await getReviewDay()).toBe(0);
		await setReviewDay(3, 1);
		expect(await getReviewDay()).toBe(3);
		await expect(setReviewDay(7, 2)).rejects.toThrow(/day of the week/);
		expect(await getReviewDay()).toBe(3);
		await write(['meta'], (tx) =>
			tx.objectStore('meta').put({ key: 'reviewDay', value: 2.5, updatedAt: 3 })
		);
		expect(await getReviewDay()).toBe(0);
	});
});

describe('a week marked reviewed', () => {
	it('is remembered by week, and making a plan marks the reviewed week', async () => {
		expect(await isReviewDone('2026-11-23')).toBe(false);
		await markReviewDone('2026-11-23', 5);
		expect(await isReviewDone('2026-11-23')).toBe(true);
		await savePlan({ weekKey: '2026-12-07', items: [], createdAt: 6 }, '2026-11-30', 6);
		expect(await isReviewDone('2026-11-30')).toBe(true);
		expect(await isReviewDone('2026-12-07')).toBe(false);
	});
});
