import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, withDb, write } from '$lib/db';
import { historiesAt } from './history-repo';
import { putEvent } from '$lib/db/events';
import { tombstoned } from '$lib/db/record';
import type { SkillRecord } from '$lib/db/schema';
import { drillRecord, eventRecord } from '$lib/testing/records';
import { resetDatabase, storedEvents } from '$lib/db/testing';
import { capturePassage, listPassages, saveBook, updatePassage } from '$lib/reading/repo';
import {
	deletePractice,
	ensureSkill,
	eventsForSkill,
	followMerges,
	listSkills,
	logPractice,
	mergeSkills,
	renameSkill,
	setArchived,
	updatePractice
} from './repo';

const NOW = Date.UTC(2026, 10, 22, 12);
const DAY = 86_400_000;

beforeEach(resetDatabase);
afterEach(() => closeDb());

describe('skills', () => {
	it('creates a skill once per name, whatever the case and spacing', async () => {
		const a = await ensureSkill('Giving feedback', NOW);
		const b = await ensureSkill('  giving   FEEDBACK ', NOW + 1);
		expect(b.id).toBe(a.id);
		expect(await listSkills()).toHaveLength(1);
	});

	it('brings an archived skill back instead of duplicating it', async () => {
		const a = await ensureSkill('Listening', NOW);
		await setArchived(a.id, true, NOW + 1);
		const again = await ensureSkill('listening', NOW + 2);
		expect(again.id).toBe(a.id);
		expect(again.archivedAt).toBeNull();
	});

	it('refuses a rename onto another skill’s name', async () => {
		const a = await ensureSkill('Listening', NOW);
		await ensureSkill('Small talk', NOW);
		await expect(renameSkill(a.id, 'small  talk', NOW + 1)).rejects.toThrow(/Merge the two/);
		await renameSkill(a.id, 'Active listening', NOW + 1);
		expect((await listSkills()).map((s) => s.name)).toEqual(['Active listening', 'Small talk']);
	});
});

describe('logged practice', () => {
	it('logs, edits and deletes (as a tombstone) practice', async () => {
		const s = await ensureSkill('Public speaking', NOW);
		const e = await logPractice(
			{ skillId: s.id, at: NOW - DAY, minutes: 45, rating: 4, note: ' Meetup talk ' },
			NOW
		);
		expect(e).toMatchObject({ source: 'manual', minutes: 45, note: 'Meetup talk' });
		await updatePractice(e, { at: NOW - 2 * DAY, minutes: 30, rating: 3, note: '' }, NOW + 1);
		expect(await eventsForSkill(s.id)).toEqual([
			expect.objectContaining({ minutes: 30, at: NOW - 2 * DAY, updatedAt: NOW + 1 })
		]);
		await deletePractice(e, NOW + 2);
		expect(await eventsForSkill(s.id)).toEqual([]);
		expect(await storedEvents()).toEqual([
			expect.objectContaining({ id: e.id, deletedAt: NOW + 2 })
		]);
	});

	it('an edit into another month moves the practice, leaving a tombstone behind', async () => {
		const s = await ensureSkill('Public speaking', NOW);
		const e = await logPractice(
			{ skillId: s.id, at: NOW - DAY, minutes: 45, rating: 4, note: '' },
			NOW
		);
		await updatePractice(e, { at: NOW - 60 * DAY, minutes: 45, rating: 4, note: '' }, NOW + 1);
		expect((await eventsForSkill(s.id)).map((x) => x.at)).toEqual([NOW - 60 * DAY]);
		const copies = (await storedEvents()).filter((x) => x.id === e.id);
		expect(copies.map((x) => [x.at, x.deletedAt])).toEqual(
			expect.arrayContaining([
				[NOW - DAY, NOW + 1],
				[NOW - 60 * DAY, null]
			])
		);
		// Edited again from the page's copy (the live one): found, and moved back.
		const [live] = await eventsForSkill(s.id);
		await updatePractice(live, { at: NOW - DAY, minutes: 10, rating: 2, note: '' }, NOW + 2);
		expect((await eventsForSkill(s.id)).map((x) => [x.at, x.minutes])).toEqual([[NOW - DAY, 10]]);
	});

	it('saves nothing for bad input or an unknown skill', async () => {
		const s = await ensureSkill('Negotiating', NOW);
		const ok = { skillId: s.id, at: NOW - DAY, minutes: 10, rating: 3, note: '' };
		await expect(logPractice({ ...ok, minutes: 0 }, NOW)).rejects.toThrow(/more than 0/);
		await expect(logPractice({ ...ok, minutes: 2000 }, NOW)).rejects.toThrow(/24 hours/);
		await expect(logPractice({ ...ok, at: NOW + DAY }, NOW)).rejects.toThrow(/future/);
		await expect(logPractice({ ...ok, rating: 7 }, NOW)).rejects.toThrow(/how it went/);
		await expect(logPractice({ ...ok, skillId: 'nope' }, NOW)).rejects.toThrow(/does not exist/);
		expect(await withDb((db) => db.count('events'))).toBe(0);
	});

	it('merging files the practice under the skill it joins without rewriting it, and removes the merged skill', async () => {
		const a = await ensureSkill('Networking', NOW);
		const b = await ensureSkill('Networking at events', NOW);
		await logPractice({ skillId: a.id, at: NOW - DAY, minutes: 10, rating: 3, note: '' }, NOW);
		await logPractice(
			{ skillId: b.id, at: NOW - DAY + 60_000, minutes: 20, rating: 3, note: '' },
			NOW
		);
		const blocks = () => withDb((db) => db.getAll('events'));
		const before = await blocks();
		await mergeSkills(b.id, a.id, NOW + 1);
		const joined = await eventsForSkill(a.id);
		expect(joined.map((e) => [e.minutes, e.skillId])).toEqual([
			[10, a.id],
			[20, a.id]
		]);
		// Not one block written: B's practice stays where it was, read as A's.
		expect(await blocks()).toEqual(before);
		expect((await listSkills()).map((s) => s.name)).toEqual(['Networking']);
		await expect(mergeSkills(a.id, a.id, NOW)).rejects.toThrow(/different skill/);

		// Edited or deleted after the merge, a copy of it is written under A, and that one counts.
		const [, fromB] = joined;
		await updatePractice(
			{ id: fromB.id, skillId: a.id },
			{ at: fromB.at, minutes: 25, rating: 4, note: 'edited' },
			NOW + 2
		);
		expect((await eventsForSkill(a.id)).map((e) => [e.minutes, e.note])).toEqual([
			[10, ''],
			[25, 'edited']
		]);
		await deletePractice({ id: fromB.id, skillId: a.id }, NOW + 3);
		expect((await eventsForSkill(a.id)).map((e) => e.minutes)).toEqual([10]);
	});

	it('a merge counts in the skill’s stored replay (checkpoint) at once', async () => {
		const a = await ensureSkill('Networking', NOW);
		const b = await ensureSkill('Networking at events', NOW);
		const old = NOW - 90 * DAY;
		await logPractice({ skillId: a.id, at: old, minutes: 10, rating: 3, note: '' }, NOW);
		await logPractice({ skillId: b.id, at: old, minutes: 30, rating: 4, note: '' }, NOW);
		const sessions = async () => (await historiesAt([a.id], NOW)).get(a.id)!.fold.state.sessions;
		expect(await sessions()).toBe(1);
		expect(await withDb((db) => db.get('checkpoints', a.id))).toBeTruthy();
		await mergeSkills(b.id, a.id, NOW + 1);
		expect(await sessions()).toBe(2);
		// Old practice filed under B by a device that had not heard of the merge: it counts too.
		await arrives({ events: [eventRecord(b.id, old + DAY, { id: 'late' })] });
		expect(await sessions()).toBe(3);
	});

	it('merging moves passages too, so their practice is still found from the passage', async () => {
		const a = await ensureSkill('Listening', NOW);
		const b = await ensureSkill('Listening well', NOW);
		const book = await saveBook(
			{ title: 'Just Listen', author: '', color: null, status: 'reading', skillIds: [] },
			NOW
		);
		const p = await capturePassage(
			{
				bookId: book.id,
				text: 'Listen first.',
				location: '',
				reaction: null,
				note: '',
				skillId: b.id,
				source: 'typed'
			},
			NOW
		);
		const answers = p.answers.map((x, i) =>
			i === 0 ? { status: 'answered' as const, text: 'Yes.' } : x
		);
		await updatePassage(p.id, { answers }, NOW + 1);
		await mergeSkills(b.id, a.id, NOW + 2);
		expect((await listPassages(book.id)).map((x) => x.skillId)).toEqual([a.id]);
		// Answering more updates the one practice entry, now under the skill it joined.
		await updatePassage(
			p.id,
			{ answers: answers.map((x) => ({ ...x, status: 'answered', text: 'More.' })) },
			NOW + 3
		);
		const practice = (await eventsForSkill(a.id)).filter((e) => e.sourceId === p.id);
		expect(practice).toHaveLength(1);
	});

	/** As sync stores what another device wrote: straight into the stores. */
	const arrives = (records: {
		skills?: SkillRecord[];
		drills?: ReturnType<typeof drillRecord>[];
		events?: ReturnType<typeof eventRecord>[];
	}) =>
		write(['skills', 'drills', 'events'], async (tx) => {
			for (const s of records.skills ?? []) await tx.objectStore('skills').put(s);
			for (const d of records.drills ?? []) await tx.objectStore('drills').put(d);
			for (const e of records.events ?? []) await putEvent(tx, e);
		});

	it('what another device filed under a merged skill, arriving later, follows the merge', async () => {
		const a = await ensureSkill('Networking', NOW);
		const b = await ensureSkill('Networking at events', NOW);
		await mergeSkills(b.id, a.id, NOW + 1);
		expect(await withDb((db) => db.get('skills', b.id))).toMatchObject({ mergedInto: a.id });
		// Made on a device that had not heard of the merge yet.
		await arrives({
			drills: [drillRecord(b.id, NOW - DAY, { id: 'late-drill' })],
			events: [eventRecord(b.id, NOW - DAY, { id: 'late-event' })]
		});
		expect(await followMerges(NOW + 2)).toBe(1);
		expect((await eventsForSkill(a.id)).map((e) => e.id)).toContain('late-event');
		expect((await withDb((db) => db.get('drills', 'late-drill')))?.skillId).toBe(a.id);
		// Nothing left to move: nothing is written at all.
		const before = await withDb((db) => db.getAll('sequence'));
		expect(await followMerges(NOW + 3)).toBe(0);
		expect(await withDb((db) => db.getAll('sequence'))).toEqual(before);
	});

	it('hearing of a merge from another device moves this device’s own records, through merges of merges', async () => {
		const a = await ensureSkill('Listening', NOW);
		const b = await ensureSkill('Listening well', NOW);
		const c = await ensureSkill('Deep listening', NOW);
		await logPractice({ skillId: a.id, at: NOW - DAY, minutes: 10, rating: 3, note: '' }, NOW);
		await arrives({ drills: [drillRecord(a.id, NOW - DAY, { id: 'mine' })] });
		// Elsewhere: A was merged into B, then B into C; only the tombstones reach us.
		await arrives({
			skills: [
				{ ...tombstoned(a, NOW + 5), mergedInto: b.id },
				{ ...tombstoned(b, NOW + 6), mergedInto: c.id }
			]
		});
		expect(await followMerges(NOW + 7)).toBe(1);
		expect((await withDb((db) => db.get('drills', 'mine')))?.skillId).toBe(c.id);
		expect((await eventsForSkill(c.id)).map((e) => e.skillId)).toEqual([c.id]);
		expect((await listSkills()).map((s) => s.name)).toEqual(['Deep listening']);
	});
});
