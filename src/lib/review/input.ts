import { withDb } from '$lib/db';
import { listDrills } from '$lib/drills/repo';
import { passagesChangedSince } from '$lib/reading/repo';
import { historiesAt } from '$lib/skills/checkpoints';
import type { SkillHistory } from '$lib/skills/log';
import { listSkills } from '$lib/skills/repo';
import type { ReviewInput } from './model';
import { reviewSplit, weekOf, type WeekStart } from './week';

/**
 * What the review reads: only the 12-week window after `through`. Practice events come as
 * per-skill histories split at `through` (checkpointed), so ten years of events are not read
 * on every visit (`input.events` is left empty); drills are those started in the window and
 * passages those created or changed in it — all a review and its plan progress count.
 */
export async function loadReviewData(
	through: number,
	now: number
): Promise<{ input: ReviewInput; histories: Map<string, SkillHistory> }> {
	// The histories (the largest read) start as soon as the skills are known, alongside the rest.
	const skillsRead = listSkills();
	const [skills, histories, drills, passages, readingSessions] = await Promise.all([
		skillsRead,
		skillsRead.then((list) =>
			historiesAt(
				list.map((s) => s.id),
				through,
				now
			)
		),
		listDrills(through + 1),
		passagesChangedSince(through),
		withDb((db) => db.getAll('readingSessions'))
	]);
	return { input: { skills, events: [], drills, passages, readingSessions }, histories };
}

/**
 * Fold every skill's history up to this week's split now, so the next page that needs it
 * (Home, Skills, Review) does not: after an import replaced all checkpoints, that first fold
 * reads every event (seconds at ten years). Called while the import summary is being read.
 */
export async function prepareHistories(now: number, weekStartsOn: WeekStart): Promise<void> {
	const skills = await listSkills();
	await historiesAt(
		skills.map((s) => s.id),
		reviewSplit(weekOf(now, weekStartsOn), weekStartsOn),
		now
	);
}
