import { hasDrills, listDrills } from '$lib/drills/repo';
import { historiesAt } from '$lib/skills/checkpoints';
import { listSkills } from '$lib/skills/repo';
import { isReviewDone, getPlan, getReviewDay } from './repo';
import { rustingSoon } from './rusting';
import { planProgress, reviewDue, suggestions, type Suggestion } from './plan';
import { reviewSplit, shiftWeek, weekOf, type WeekStart } from './week';

export interface HomeCards {
	suggestions: Suggestion[];
	reviewReady: boolean;
}

/** What the home screen shows from the plan and the review day, at time `now`. */
export async function homeCards(now: number, weekStartsOn: WeekStart): Promise<HomeCards> {
	const week = weekOf(now, weekStartsOn);
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
		reviewSplit(week, weekStartsOn),
		now
	);
	const practised = [...histories.values()].some(
		(h) => h.fold.state.sessions > 0 || h.recent.length > 0
	);
	const hasData = practised || (await hasDrills());
	const rusting = rustingSoon(skills, [], now, 30, histories);
	return {
		suggestions: plan ? suggestions(planProgress(plan, drills, until), rusting, now) : [],
		reviewReady: hasData && reviewDue({ reviewDay, week, now, doneForWeek: done })
	};
}
