import { query } from '$lib/db/query';
import { reviewSplit, weekOf, type WeekStart } from '$lib/review/week';
import { now } from '$lib/time/clock';
import { historiesAt } from './history-repo';
import { eventsForSkill, listSkills } from './repo';

/**
 * Every skill, with the histories of the active ones split where the review and home screen
 * split (so all three share the checkpoints), at the moment of reading.
 */
export const skillOverview = query(['skills', 'events'], async (weekStartsOn: WeekStart) => {
	const at = now();
	const split = reviewSplit(weekOf(at, weekStartsOn), weekStartsOn);
	const skills = await listSkills();
	const histories = await historiesAt(
		skills.filter((s) => s.archivedAt === null).map((s) => s.id),
		split
	);
	return { skills, histories, split, at };
});

/** One skill (null when there is none with this id), every skill (to merge into), its events. */
export const skillDetail = query(['skills', 'events'], async (id: string) => {
	const [skills, events] = await Promise.all([listSkills(), eventsForSkill(id)]);
	const skill = skills.find((s) => s.id === id) ?? null;
	return skill ? { skill, skills, events, at: now() } : null;
});
