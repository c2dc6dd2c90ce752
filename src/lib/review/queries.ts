import { measured } from '$lib/app/perf';
import { query } from '$lib/db/query';
import { listDrills } from '$lib/drills/repo';
import { passagesChangedSince, readingSessions } from '$lib/reading/repo';
import { historiesAt } from '$lib/skills/history-repo';
import type { SkillHistory } from '$lib/skills/log';
import { listSkills } from '$lib/skills/repo';
import { now } from '$lib/time/clock';
import type { ReviewInput } from './model';
import type { WeekPlan } from './plan';
import { getPlan, getReviewDay } from './repo';
import { reviewSplit, shiftWeek, weekFromKey, weekOf, type Week, type WeekStart } from './week';

/**
 * What the review reads: only the 12-week window after `through`. Practice events come as
 * per-skill histories split at `through` (checkpointed), so ten years of events are not read
 * on every visit (`input.events` is left empty); drills are those started in the window and
 * passages those created or changed in it — all a review and its plan progress count.
 */
export async function loadReviewData(
	through: number
): Promise<{ input: ReviewInput; histories: Map<string, SkillHistory> }> {
	// The histories (the largest read) start as soon as the skills are known, alongside the rest.
	const skillsRead = listSkills();
	const [skills, histories, drills, passages, sessions] = await Promise.all([
		skillsRead,
		skillsRead.then((list) =>
			historiesAt(
				list.map((s) => s.id),
				through
			)
		),
		listDrills(through + 1),
		passagesChangedSince(through),
		readingSessions()
	]);
	return { input: { skills, events: [], drills, passages, readingSessions: sessions }, histories };
}

export interface ReviewPage {
	/** When it was read: "now" for everything the page says. */
	at: number;
	/** The week shown (the one asked for, or this week when it asked for none or a later one). */
	week: Week;
	/** This week. */
	current: Week;
	input: ReviewInput;
	histories: Map<string, SkillHistory>;
	plan: WeekPlan | null;
	nextPlan: WeekPlan | null;
}

/** Every store a review counts. */
const REVIEW_STORES = [
	'skills',
	'events',
	'drills',
	'passages',
	'readingSessions',
	'meta'
] as const;

/** The weekly review of the week `weekKey` (null: this week). */
export const weeklyReview = query(
	REVIEW_STORES,
	async ({
		weekKey,
		weekStartsOn
	}: {
		weekKey: string | null;
		weekStartsOn: WeekStart;
	}): Promise<ReviewPage> => {
		const at = now();
		const current = weekOf(at, weekStartsOn);
		const asked = weekKey ? weekFromKey(weekKey, weekStartsOn) : null;
		const week = asked && asked.start <= current.start ? asked : current;
		const next = shiftWeek(current, 1, weekStartsOn);
		const [data, plan, nextPlan] = await Promise.all([
			measured('review-read', () => loadReviewData(reviewSplit(week, weekStartsOn))),
			getPlan(week.key),
			getPlan(next.key)
		]);
		return { at, week, current, ...data, plan, nextPlan };
	}
);

/** The user's review day, 0 (Sunday) … 6. */
export const reviewDay = query(['meta'], () => getReviewDay());

/**
 * Fold every skill's history up to this week's split now, so the next page that needs it
 * (Home, Skills, Review) does not: after an import brought events into old months, that
 * first fold reads every event of the skills concerned (seconds at ten years). Called while
 * the import summary is being read.
 */
export async function prepareHistories(at: number, weekStartsOn: WeekStart): Promise<void> {
	const skills = await listSkills();
	await historiesAt(
		skills.map((s) => s.id),
		reviewSplit(weekOf(at, weekStartsOn), weekStartsOn)
	);
}
