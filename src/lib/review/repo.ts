import * as v from 'valibot';
import { withDb, write } from '$lib/db';
import type { WeekPlan } from './plan';

/**
 * A stored plan, checked on the way out: the meta store holds free-form values (an import, or
 * an older version, may have put anything there), and a plan that is not one is no plan.
 */
const storedPlan = v.object({
	weekKey: v.string(),
	items: v.array(
		v.object({
			skillId: v.string(),
			skillName: v.string(),
			targetDrills: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(14))
		})
	),
	createdAt: v.pipe(v.number(), v.finite())
}) satisfies v.GenericSchema<unknown, WeekPlan>;

const PLAN = (weekKey: string) => `plan:${weekKey}`;
const DONE = (weekKey: string) => `reviewed:${weekKey}`;
const REVIEW_DAY = 'reviewDay';

export async function getPlan(weekKey: string): Promise<WeekPlan | null> {
	const rec = await withDb((db) => db.get('meta', PLAN(weekKey)));
	const parsed = v.safeParse(storedPlan, rec?.value);
	return parsed.success ? parsed.output : null;
}

/** Save the plan for a week; making a plan also marks the current week's review done. */
export async function savePlan(plan: WeekPlan, reviewedWeekKey: string, at: number): Promise<void> {
	await write(['meta'], async (tx) => {
		const meta = tx.objectStore('meta');
		await meta.put({ key: PLAN(plan.weekKey), value: plan, updatedAt: at });
		await meta.put({ key: DONE(reviewedWeekKey), value: at, updatedAt: at });
	});
}

export async function isReviewDone(weekKey: string): Promise<boolean> {
	return !!(await withDb((db) => db.get('meta', DONE(weekKey))));
}

export async function markReviewDone(weekKey: string, at: number): Promise<void> {
	await write(['meta'], async (tx) => {
		await tx.objectStore('meta').put({ key: DONE(weekKey), value: at, updatedAt: at });
	});
}

/** The user's review day, 0 (Sunday) … 6; Sunday unless they chose otherwise. */
export async function getReviewDay(): Promise<number> {
	const rec = await withDb((db) => db.get('meta', REVIEW_DAY));
	const v = rec?.value;
	return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 6 ? v : 0;
}

export async function setReviewDay(day: number, at: number): Promise<void> {
	if (!(Number.isInteger(day) && day >= 0 && day <= 6)) throw new Error('Pick a day of the week.');
	await write(['meta'], async (tx) => {
		await tx.objectStore('meta').put({ key: REVIEW_DAY, value: day, updatedAt: at });
	});
}
