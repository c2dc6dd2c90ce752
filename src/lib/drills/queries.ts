import { query } from '$lib/db/query';
import { eventsForSkill, listSkills } from '$lib/skills/repo';
import { levelChange } from '$lib/skills/log';
import { listRecordings, ownerOf } from '$lib/voice/repo';
import { attemptsAt, eventsFor, getDrill, listDrills, listTemplates } from './repo';

/** Every finished drill, newest first (the history page). */
export const drillHistory = query(['drills'], () => listDrills());

/** The custom drills (templates). */
export const templateList = query(['templates'], () => listTemplates());

/** What the setup form offers: the skills (for names) and the custom drills. */
export const drillChoices = query(['skills', 'templates'], async () => {
	const [skills, templates] = await Promise.all([listSkills(), listTemplates()]);
	return { skills, templates };
});

/** The drills at a prompt, oldest first (the earlier attempts beside a drill). */
export const attemptsAtPrompt = query(['drills'], (promptKey: string) => attemptsAt(promptKey));

/**
 * One finished drill, its practice events, the attempts at the same prompt before it, and
 * what its practice did to the skill (the level just before and just after it).
 */
export const drillDetail = query(['drills', 'events'], async (id: string) => {
	const drill = await getDrill(id);
	if (!drill) return null;
	const [events, attempts] = await Promise.all([eventsFor(drill), attemptsAt(drill.promptKey)]);
	const practice = events.find((e) => e.deletedAt === null) ?? null;
	const effect = practice ? levelChange(await eventsForSkill(practice.skillId), practice) : null;
	return {
		drill,
		events,
		effect,
		earlier: attempts.filter((a) => a.startedAt < drill.startedAt)
	};
});

/**
 * The latest attempt at `promptKey` before `before` that was spoken and whose recording is on
 * this device, with its first recording: a re-drill plays its start beside the new one.
 */
export const earlierSpoken = query(
	['drills', 'recordings'],
	async ({ promptKey, before }: { promptKey: string; before: number }) => {
		const attempts = await attemptsAt(promptKey);
		for (const drill of attempts.reverse()) {
			if (!drill.spoken || drill.startedAt >= before) continue;
			const [first] = await listRecordings(ownerOf('drill', drill.id));
			if (first) return { drill, recording: first };
		}
		return null;
	}
);
