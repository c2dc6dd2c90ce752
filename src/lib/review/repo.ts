import { withDb, write } from '$lib/db';
import type { PlanItem, WeekPlan } from './plan';

/**
 * A stored plan, checked on the way out: the meta store holds free-form values (an import, or
 * an older version, may have put anything there), and a plan that is not one is no plan.
 * Written by hand, not with valibot: this runs on the home screen, where valibot's 2.1 KB
 * would take the first load over its 60 KB budget.
 */
function isWeekPlan(value: unknown): value is WeekPlan {
	if (typeof value !== 'object' || value === null) return false;
	const p = value as Record<string, unknown>;
	return (
		typeof p.weekKey === 'string' &&
		typeof p.createdAt === 'number' &&
		Number.isFinite(p.createdAt) &&
		Array.isArray(p.items) &&
		p.items.every(
			(i: unknown) =>
				typeof i === 'object' &&
				i !== null &&
				typeof (i as PlanItem).skillId === 'string' &&
				typeof (i as PlanItem).skillName === 'string' &&
				Number.isInteger((i as PlanItem).targetDrills) &&
				(i as PlanItem).targetDrills >= 1 &&
				(i as PlanItem).targetDrills <= 14
		)
	);
}

const PLAN = (weekKey: string) => `plan:${weekKey}`;
const DONE = (weekKey: string) => `reviewed:${weekKey}`;
const REVIEW_DAY = 'reviewDay';

export async function getPlan(weekKey: string): Promise<WeekPlan | null> {
	const rec = await withDb((db) => db.get('meta', PLAN(weekKey)));
	return isWeekPlan(rec?.value) ? rec.value : null;
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
