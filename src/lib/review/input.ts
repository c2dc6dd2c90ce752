import { withDb } from '$lib/db';
import { listDrills } from '$lib/drills/repo';
import { listPassages } from '$lib/reading/repo';
import { historiesAt } from '$lib/skills/checkpoints';
import type { SkillHistory } from '$lib/skills/log';
import { listSkills } from '$lib/skills/repo';
import type { ReviewInput } from './model';

/**
 * What the review reads. Practice events come as per-skill histories split at `through`
 * (checkpointed), so ten years of events are not read on every visit; `input.events` is
 * left empty.
 */
export async function loadReviewData(
	through: number,
	now: number
): Promise<{ input: ReviewInput; histories: Map<string, SkillHistory> }> {
	const [skills, drills, passages, readingSessions] = await Promise.all([
		listSkills(),
		listDrills(),
		listPassages(),
		withDb((db) => db.getAll('readingSessions'))
	]);
	const histories = await historiesAt(
		skills.map((s) => s.id),
		through,
		now
	);
	return { input: { skills, events: [], drills, passages, readingSessions }, histories };
}
