import { hasDrills, listDrills } from '$lib/drills/repo';
import { historiesAt } from '$lib/skills/history-repo';
import { listSkills } from '$lib/skills/repo';
import { foldEvents } from '$lib/skills/model';
import { drillIdea, type DrillIdea } from '$lib/home/model';
import { formatNear, formatWeekday } from '$lib/time/format';
import { DAY } from '$lib/time/units';
import { planProgress, reviewDue, suggestions, type PlanProgress, type Suggestion } from './plan';
import { getPlan, getReviewDay, isReviewDone } from './repo';
import { rustingSoon } from './rusting';
import { reviewSplit, shiftWeek, weekOf, type WeekStart } from './week';

// Kept apart from queries.ts: the home screen loads this (after its first paint), and nothing
// of the review page's reading (passages, reading sessions) comes with it.

/** A skill near or under its line that no plan suggestion covers, with a drill for today. */
export interface DueSkill {
	skillId: string;
	skillName: string;
	/** "under its line since …", "rusting by Friday". */
	why: string;
	idea: DrillIdea;
}

export interface HomeCards {
	suggestions: Suggestion[];
	reviewReady: boolean;
	/** Anything practised or written yet (passages: the home screen's Revisit query says). */
	hasData: boolean;
	/** The latest practice of any skill, or null. */
	lastPracticedAt: number | null;
	due: DueSkill[];
	/** This week's plan and how far it got (null when there is no plan). */
	progress: PlanProgress[] | null;
}

/** How many skills the home screen lists as due (the review page has them all). */
const DUE_SHOWN = 3;

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
	const progress = plan ? planProgress(plan, drills, until) : null;
	const suggested = progress ? suggestions(progress, rusting, at) : [];
	let lastPracticedAt: number | null = null;
	for (const h of histories.values()) {
		const last = foldEvents(h.fold, h.recent).state.lastPracticedAt;
		if (last !== null && (lastPracticedAt === null || last > lastPracticedAt))
			lastPracticedAt = last;
	}
	// Due: under the line, or crossing it within a week; what the plan suggests is not repeated.
	const planned = new Set(suggested.map((s) => s.skillId));
	const due = rusting
		.filter((r) => !planned.has(r.skill.id) && (r.below || r.at - at < 7 * DAY))
		.slice(0, DUE_SHOWN)
		.map((r) => ({
			skillId: r.skill.id,
			skillName: r.skill.name,
			why: r.below
				? `under its line since ${formatNear(r.at, at)}`
				: `drops under its line by ${formatWeekday(r.at)}`,
			idea: drillIdea(r.skill.name, at)
		}));
	return {
		suggestions: suggested,
		reviewReady: hasData && reviewDue({ reviewDay, week, now: at, doneForWeek: done }),
		hasData,
		lastPracticedAt,
		due,
		progress
	};
}
