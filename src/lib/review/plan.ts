import type { DrillRecord } from '$lib/db/schema';
import { formatNear, formatWeekday } from '$lib/time/format';
import type { Rusting } from './rusting';
import { drillIdea } from '$lib/home/model';
import type { Week } from './week';

export interface PlanItem {
	skillId: string;
	skillName: string;
	/** Drills to do that week; 1–14. */
	targetDrills: number;
}

export interface WeekPlan {
	/** The week the plan is for (its key). */
	weekKey: string;
	items: PlanItem[];
	createdAt: number;
}

export function planProblem(items: readonly PlanItem[]): string | null {
	if (items.length === 0) return 'Pick at least one skill to focus on.';
	for (const i of items) {
		if (!Number.isInteger(i.targetDrills) || i.targetDrills < 1 || i.targetDrills > 14) {
			return `Aim for 1 to 14 drills for ${i.skillName}.`;
		}
	}
	return null;
}

export interface PlanProgress extends PlanItem {
	done: number;
}

/**
 * Drills done for each planned skill since the plan was made, up to `until` (the end of the
 * week it was made for): a plan made on Sunday for next week also counts Sunday's drills.
 */
export function planProgress(
	plan: WeekPlan,
	drills: readonly DrillRecord[],
	until: number
): PlanProgress[] {
	return plan.items.map((item) => ({
		...item,
		done: drills.filter(
			(d) =>
				d.deletedAt === null &&
				d.skillId === item.skillId &&
				d.startedAt >= plan.createdAt &&
				d.startedAt < until
		).length
	}));
}

export interface Suggestion {
	skillId: string;
	skillName: string;
	text: string;
	/** Today's drill for it (the kind varies from day to day). */
	idea: string;
	href: string;
}

/**
 * The home screen's suggestions: planned skills still short of their target, the one rusting
 * soonest first, each a one-tap 5-minute drill.
 */
export function suggestions(
	progress: readonly PlanProgress[],
	rusting: readonly Rusting[],
	now: number
): Suggestion[] {
	const rustAt = new Map(rusting.map((r) => [r.skill.id, r.at]));
	const below = new Set(rusting.filter((r) => r.below).map((r) => r.skill.id));
	return progress
		.filter((p) => p.done < p.targetDrills)
		.sort(
			(a, b) =>
				(rustAt.get(a.skillId) ?? Infinity) - (rustAt.get(b.skillId) ?? Infinity) ||
				a.done / a.targetDrills - b.done / b.targetDrills
		)
		.map((p) => {
			const at = rustAt.get(p.skillId);
			const why =
				at === undefined
					? `${p.done} of ${p.targetDrills} drills this week`
					: below.has(p.skillId)
						? `under its line since ${formatNear(at, now)}`
						: at - now < 7 * 86_400_000
							? `rusting by ${formatWeekday(at)}`
							: `rusting by ${formatNear(at, now)}`;
			const idea = drillIdea(p.skillName, now);
			return {
				skillId: p.skillId,
				skillName: p.skillName,
				text: `Today: 5 minutes on ${p.skillName} — ${why}`,
				idea: idea.text,
				href: idea.href
			};
		});
}

/**
 * The "weekly review is ready" card: from the review day of the current week until the
 * review of that week is marked done. `reviewDay` is 0 (Sunday) … 6.
 */
export function reviewDue(input: {
	reviewDay: number;
	week: Week;
	now: number;
	doneForWeek: boolean;
}): boolean {
	if (input.doneForWeek) return false;
	const dayIndex = input.week.days.findIndex(
		(start) => new Date(start).getDay() === input.reviewDay
	);
	if (dayIndex < 0) return false;
	return input.now >= input.week.days[dayIndex];
}
