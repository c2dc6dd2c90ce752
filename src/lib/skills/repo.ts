import { withDb, write } from '$lib/db';
import { baseRecord } from '$lib/db/record';
import type { PracticeEventRecord, SkillRecord } from '$lib/db/schema';
import { cleanName, nameKey, skillNameProblem } from './names';

/** Live (not deleted) skills, archived ones included, by name. */
export async function listSkills(): Promise<SkillRecord[]> {
	const all = await withDb((db) => db.getAll('skills'));
	return all
		.filter((s) => s.deletedAt === null)
		.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}

export async function getSkill(id: string): Promise<SkillRecord | undefined> {
	const s = await withDb((db) => db.get('skills', id));
	return s && s.deletedAt === null ? s : undefined;
}

/**
 * The skill called `name` (matched case- and space-insensitively), created if there is none.
 * An archived skill of that name is brought back rather than duplicated.
 */
export async function ensureSkill(name: string, at: number): Promise<SkillRecord> {
	const problem = skillNameProblem(name);
	if (problem) throw new Error(problem);
	const key = nameKey(name);
	return write(['skills'], async (tx) => {
		const store = tx.objectStore('skills');
		const existing = (await store.index('by-nameKey').getAll(key)).find(
			(s) => s.deletedAt === null
		);
		if (existing) {
			if (existing.archivedAt === null) return existing;
			const revived = { ...existing, archivedAt: null, updatedAt: at };
			await store.put(revived);
			return revived;
		}
		const created: SkillRecord = {
			...baseRecord(at),
			name: cleanName(name),
			nameKey: key,
			archivedAt: null
		};
		await store.add(created);
		return created;
	});
}

/** Every live practice event (the skill log's input), oldest first. */
export async function listEvents(): Promise<PracticeEventRecord[]> {
	const all = await withDb((db) => db.getAllFromIndex('events', 'by-at'));
	return all.filter((e) => e.deletedAt === null);
}
