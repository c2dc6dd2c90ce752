import { listDrills } from '$lib/drills/repo';
import { listEvents, listSkills } from '$lib/skills/repo';
import { isReviewDone, getPlan, getReviewDay } from './repo';
import { rustingSoon } from './rusting';
import { planProgress, reviewDue, suggestions, type Suggestion } from './plan';
import { shiftWeek, weekOf, type WeekStart } from './week';

export interface HomeCards {
	suggestions: Suggestion[];
	reviewReady: boolean;
}

/** What the home screen shows from the plan and the review day, at time `now`. */
export async function homeCards(now: number, weekStartsOn: WeekStart): Promise<HomeCards> {
	const week = weekOf(now, weekStartsOn);
	const next = shiftWeek(week, 1, weekStartsOn);
	const [skills, events, drills, thisPlan, nextPlan, reviewDay, done] = await Promise.all([
		listSkills(),
		listEvents(),
		listDrills(),
		getPlan(week.key),
		getPlan(next.key),
		getReviewDay(),
		isReviewDone(week.key)
	]);
	// This week's plan; or, right after this week's review, the plan just made for next week.
	const plan = thisPlan ?? nextPlan;
	const until = thisPlan ? week.end : next.end;
	const hasData = events.length > 0 || drills.length > 0;
	const rusting = rustingSoon(skills, events, now);
	return {
		suggestions: plan ? suggestions(planProgress(plan, drills, until), rusting, now) : [],
		reviewReady: hasData && reviewDue({ reviewDay, week, now, doneForWeek: done })
	};
}
