import { withDb } from '$lib/db';
import { listDrills } from '$lib/drills/repo';
import { passagesChangedSince } from '$lib/reading/repo';
import { historiesAt } from '$lib/skills/checkpoints';
import type { SkillHistory } from '$lib/skills/log';
import { listSkills } from '$lib/skills/repo';
import type { ReviewInput } from './model';

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
