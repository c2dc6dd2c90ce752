import { withDb, write, type WriteTx } from '$lib/db';
import { getEvent, mergedAway, putEvent, skillEvents } from '$lib/db/events';
import { baseRecord, liveOnly, tombstoned, touched } from '$lib/db/record';
import type { IDBPTransaction } from 'idb';
import type { PracticeEventRecord, Rating, SkillRecord, WhetstoneSchema } from '$lib/db/schema';
import { practiceProblem } from './log';
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
			const revived = touched(existing, at, { archivedAt: null });
			await store.put(revived);
			return revived;
		}
		const created: SkillRecord = {
			...baseRecord(at),
			name: cleanName(name),
			nameKey: key,
			archivedAt: null,
			line: null
		};
		await store.add(created);
		return created;
	});
}

/** Every live skill's live events with `after < at <= through` (one transaction, pipelined). */
export async function eventsBetween(
	after: number,
	through: number
): Promise<PracticeEventRecord[]> {
	return withDb(async (db) => {
		const tx = db.transaction(['skills', 'events'], 'readonly');
		const skills = liveOnly(await tx.objectStore('skills').getAll());
		const lists = await Promise.all(skills.map((s) => skillEvents(tx, s.id, { after, through })));
		return liveOnly(lists.flat());
	});
}

/** Every event of one skill, in time order. */
export async function eventsForSkill(skillId: string): Promise<PracticeEventRecord[]> {
	return liveOnly(await withDb((db) => skillEvents(db.transaction(['skills', 'events']), skillId)));
}

export interface LogInput {
	skillId: string;
	at: number;
	minutes: number;
	rating: number;
	note: string;
}

/** Record practice done elsewhere. Refuses bad input and unknown skills; saves nothing then. */
export async function logPractice(input: LogInput, now: number): Promise<PracticeEventRecord> {
	const problem = practiceProblem(input, now);
	if (problem) throw new Error(problem);
	return write(['skills', 'events'], async (tx) => {
		const skill = await tx.objectStore('skills').get(input.skillId);
		if (!skill || skill.deletedAt !== null) throw new Error('That skill does not exist any more.');
		const event: PracticeEventRecord = {
			...baseRecord(now),
			skillId: input.skillId,
			at: input.at,
			minutes: input.minutes,
			rating: input.rating as Rating,
			promptKey: null,
			source: 'manual',
			sourceId: null,
			note: input.note.trim()
		};
		await putEvent(tx, event);
		return event;
	});
}

/** Which logged practice: its id and its skill's. */
export type PracticeRef = Pick<PracticeEventRecord, 'id' | 'skillId'>;

/** Change a logged practice (date, minutes, rating, note). */
export async function updatePractice(
	ref: PracticeRef,
	changes: Omit<LogInput, 'skillId'>,
	now: number
): Promise<void> {
	const problem = practiceProblem(changes, now);
	if (problem) throw new Error(problem);
	await write(['skills', 'events'], async (tx) => {
		const event = await getEvent(tx, ref);
		if (!event || event.deletedAt !== null) throw new Error('That practice was deleted meanwhile.');
		const changed = touched(event, now, {
			at: changes.at,
			minutes: changes.minutes,
			rating: changes.rating as Rating,
			note: changes.note.trim()
		});
		await putEvent(tx, changed, event);
	});
}

/** Delete a practice (a tombstone: the level is recomputed without it). */
export async function deletePractice(ref: PracticeRef, now: number): Promise<void> {
	await write(['skills', 'events'], async (tx) => {
		const event = await getEvent(tx, ref);
		if (event && event.deletedAt === null) await putEvent(tx, tombstoned(event, now));
	});
}

/** Rename a skill; refuses a name another skill already has (merge them instead). */
export async function renameSkill(id: string, name: string, now: number): Promise<void> {
	const problem = skillNameProblem(name);
	if (problem) throw new Error(problem);
	const key = nameKey(name);
	await write(['skills'], async (tx) => {
		const store = tx.objectStore('skills');
		const skill = await store.get(id);
		if (!skill || skill.deletedAt !== null) throw new Error('That skill does not exist any more.');
		const clash = (await store.index('by-nameKey').getAll(key)).find(
			(s) => s.id !== id && s.deletedAt === null
		);
		if (clash) {
			throw new Error(`You already have a skill called “${clash.name}”. Merge the two instead.`);
		}
		await store.put(touched(skill, now, { name: cleanName(name), nameKey: key }));
	});
}

export async function setArchived(id: string, archived: boolean, now: number): Promise<void> {
	await write(['skills'], async (tx) => {
		const store = tx.objectStore('skills');
		const skill = await store.get(id);
		if (!skill || skill.deletedAt !== null) throw new Error('That skill does not exist any more.');
		await store.put(touched(skill, now, { archivedAt: archived ? now : null }));
	});
}

/** Set the level a skill should stay above (null: back to the default). */
export async function setLine(id: string, line: number | null, now: number): Promise<void> {
	if (line !== null && !(Number.isFinite(line) && line > 0 && line < 100)) {
		throw new Error('The line is a level between 1 and 99.');
	}
	await write(['skills'], async (tx) => {
		const store = tx.objectStore('skills');
		const skill = await store.get(id);
		if (!skill || skill.deletedAt !== null) throw new Error('That skill does not exist any more.');
		await store.put(touched(skill, now, { line }));
	});
}

/**
 * Merge skill `fromId` into `intoId`: its drills and passages move over, and it is removed (as a
 * tombstone that remembers where it went). Its practice is not rewritten: its blocks stay under
 * its id and are read as `intoId`'s from now on (`filedAs` in db/events), so a merge costs the
 * same for a week of practice as for ten years, and sync carries no rewritten blocks. One
 * transaction: all of it happens or none.
 */
export async function mergeSkills(fromId: string, intoId: string, now: number): Promise<void> {
	if (fromId === intoId) throw new Error('Choose a different skill to merge into.');
	await write(['skills', 'events', 'drills', 'passages'], async (tx) => {
		const skills = tx.objectStore('skills');
		const from = await skills.get(fromId);
		const into = await skills.get(intoId);
		if (!from || from.deletedAt !== null || !into || into.deletedAt !== null) {
			throw new Error('One of the two skills does not exist any more.');
		}
		await moveFiled(tx, fromId, into, now);
		await skills.put({ ...tombstoned(from, now), mergedInto: intoId });
	});
}

type MergeTx = WriteTx<['skills', 'events', 'drills', 'passages']>;

/** The live drills and passages filed under `fromId`, onto `into`. */
async function moveFiled(
	tx: MergeTx,
	fromId: string,
	into: SkillRecord,
	now: number
): Promise<number> {
	let count = 0;
	const drills = tx.objectStore('drills');
	for (const d of liveOnly(await drills.index('by-skill').getAll(fromId))) {
		await drills.put(touched(d, now, { skillId: into.id, skillName: into.name }));
		count++;
	}
	// Passages follow too: a passage's practice is filed under the passage's skill.
	const passages = tx.objectStore('passages');
	for (const p of liveOnly(await passages.index('by-skill').getAll(fromId))) {
		await passages.put(touched(p, now, { skillId: into.id }));
		count++;
	}
	return count;
}

/**
 * After records came from elsewhere (sync): drills and passages still filed under a skill that
 * was merged away — another device's, made before it heard of the merge, or this device's own
 * when it heard of the merge from another — move to where that skill went (following merges of
 * merges). Practice needs no move: a merged skill's blocks are read as its destination's.
 * Writes nothing when nothing needs to move. Returns how many records moved.
 */
export async function followMerges(now: number): Promise<number> {
	// The read spans only what it reads: a write of practice need not wait for it.
	if (!(await withDb((db) => strays(db.transaction(['skills', 'drills', 'passages']))))) return 0;
	return write(['skills', 'events', 'drills', 'passages'], async (tx) => {
		let moved = 0;
		for (const { gone, into } of mergedAway(await tx.objectStore('skills').getAll())) {
			moved += await moveFiled(tx, gone.id, into, now);
		}
		return moved;
	});
}

/** True when any live record is filed under a skill merged away (a read; nothing changes). */
async function strays(
	tx: IDBPTransaction<WhetstoneSchema, ['skills', 'drills', 'passages'], 'readonly'>
): Promise<boolean> {
	for (const { gone } of mergedAway(await tx.objectStore('skills').getAll())) {
		for (const store of ['drills', 'passages'] as const) {
			const filed = await tx.objectStore(store).index('by-skill').getAll(gone.id);
			if (liveOnly(filed).length > 0) return true;
		}
	}
	return false;
}
