import { write } from '$lib/db';
import { isObject, isTime, metaKey, metaRecord, readMeta, writeMeta } from '$lib/db/meta';
import type { PlanItem, WeekPlan } from './plan';

/** A stored plan: what `plan:<week>` must hold (see db/meta.ts for why checks are by hand). */
function isWeekPlan(value: unknown): value is WeekPlan {
	return (
		isObject(value) &&
		typeof value.weekKey === 'string' &&
		isTime(value.createdAt) &&
		Array.isArray(value.items) &&
		value.items.every(isPlanItem)
	);
}

function isPlanItem(value: unknown): value is PlanItem {
	return (
		isObject(value) &&
		typeof value.skillId === 'string' &&
		typeof value.skillName === 'string' &&
		Number.isInteger(value.targetDrills) &&
		(value.targetDrills as number) >= 1 &&
		(value.targetDrills as number) <= 14
	);
}

function isWeekday(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 6;
}

/** The plan made for a week. */
const PLAN = (weekKey: string) => metaKey(`plan:${weekKey}`, isWeekPlan);
/** When a week's review was done. */
const REVIEWED = (weekKey: string) => metaKey(`reviewed:${weekKey}`, isTime);
/** The day of the week the user reviews on, 0 (Sunday) … 6. */
const REVIEW_DAY = metaKey('reviewDay', isWeekday);

export async function getPlan(weekKey: string): Promise<WeekPlan | null> {
	return readMeta(PLAN(weekKey));
}

/** Save the plan for a week; making a plan also marks the current week's review done. */
export async function savePlan(plan: WeekPlan, reviewedWeekKey: string, at: number): Promise<void> {
	await write(['meta'], async (tx) => {
		const meta = tx.objectStore('meta');
		await meta.put(metaRecord(PLAN(plan.weekKey), plan, at));
		await meta.put(metaRecord(REVIEWED(reviewedWeekKey), at, at));
	});
}

export async function isReviewDone(weekKey: string): Promise<boolean> {
	return (await readMeta(REVIEWED(weekKey))) !== null;
}

export async function markReviewDone(weekKey: string, at: number): Promise<void> {
	await writeMeta(REVIEWED(weekKey), at, at);
}

/** The user's review day, 0 (Sunday) … 6; Sunday unless they chose otherwise. */
export async function getReviewDay(): Promise<number> {
	return (await readMeta(REVIEW_DAY)) ?? 0;
}

export async function setReviewDay(day: number, at: number): Promise<void> {
	if (!isWeekday(day)) throw new Error('Pick a day of the week.');
	await writeMeta(REVIEW_DAY, day, at);
}
