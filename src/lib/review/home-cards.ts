import { hasDrills, listDrills } from '$lib/drills/repo';
import { historiesAt } from '$lib/skills/history-repo';
import { listSkills } from '$lib/skills/repo';
import { planProgress, reviewDue, suggestions, type Suggestion } from './plan';
import { getPlan, getReviewDay, isReviewDone } from './repo';
import { rustingSoon } from './rusting';
import { reviewSplit, shiftWeek, weekOf, type WeekStart } from './week';

// Kept apart from queries.ts: the home screen loads this (after its first paint), and nothing
// of the review page's reading (passages, reading sessions) comes with it.

export interface HomeCards {
	suggestions: Suggestion[];
	reviewReady: boolean;
}

/** What the home screen shows from the plan and the review day, at time `at`. */
export async function homeCards(at: number, weekStartsOn: WeekStart): Promise<HomeCards> {
	const week = weekOf(at, weekStartsOn);
	const next = shiftWeek(week, 1, weekStartsOn);
	const [skills, thisPlan, nextPlan, reviewDay, done] = await Promise.all([
		listSkills(),
		getPlan(week.key),
		getPlan(next.key),
		getReviewDay(),
		isReviewDone(week.key)
	]);
	// This week's plan; or, right after this week's review, the plan just made for next week.
	const plan = thisPlan ?? nextPlan;
	const until = thisPlan ? week.end : next.end;
	// Only the drills the plan counts are read: years of drills are not the home screen's.
	const drills = plan ? await listDrills(plan.createdAt) : [];
	// The same split as the review page, so both share the skills' checkpoints.
	const histories = await historiesAt(
		skills.map((s) => s.id),
		reviewSplit(week, weekStartsOn)
	);
	const practised = [...histories.values()].some(
		(h) => h.fold.state.sessions > 0 || h.recent.length > 0
	);
	const hasData = practised || (await hasDrills());
	const rusting = rustingSoon(skills, [], at, 30, histories);
	return {
		suggestions: plan ? suggestions(planProgress(plan, drills, until), rusting, at) : [],
		reviewReady: hasData && reviewDue({ reviewDay, week, now: at, doneForWeek: done })
	};
}
