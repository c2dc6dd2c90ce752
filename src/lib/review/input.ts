import { withDb } from '$lib/db';
import { listDrills } from '$lib/drills/repo';
import { listPassages } from '$lib/reading/repo';
import { listEvents, listSkills } from '$lib/skills/repo';
import type { ReviewInput } from './model';

/** Everything the review reads, in one go. */
export async function loadReviewInput(): Promise<ReviewInput> {
	const [skills, events, drills, passages, readingSessions] = await Promise.all([
		listSkills(),
		listEvents(),
		listDrills(),
		listPassages(),
		withDb((db) => db.getAll('readingSessions'))
	]);
	return { skills, events, drills, passages, readingSessions };
}
