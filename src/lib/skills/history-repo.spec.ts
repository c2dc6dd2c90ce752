import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, withDb } from '$lib/db';
import { resetDatabase, storedEvents } from '$lib/db/testing';
import { blockMonthOf, monthStart } from '$lib/db/blocks';
import { historiesAt } from './history-repo';
import { foldEvents, replay } from './model';
import { deletePractice, ensureSkill, logPractice, updatePractice } from './repo';
import { toPracticeEvents } from './log';

const NOW = Date.UTC(2026, 10, 22, 12);
const DAY = 86_400_000;
const THROUGH = NOW - 30 * DAY;
/** Where a split's checkpoint sits: the end of the quarter before the split's. */
const markOf = (through: number) => monthStart(blockMonthOf(through)) - 1;

beforeEach(resetDatabase);
afterEach(() => closeDb());

async function seed() {
	const s = await ensureSkill('Listening', NOW - 400 * DAY);
	const ids: string[] = [];
	for (const d of [300, 200, 100, 40, 10, 2]) {
		const e = await logPractice(
			{ skillId: s.id, at: NOW - d * DAY, minutes: 10, rating: 3, note: '' },
			NOW - d * DAY
		);
		ids.push(e.id);
	}
	return { skill: s, ids };
}

async function fullState(skillId: string) {
	const all = (await storedEvents()).filter((e) => e.skillId === skillId);
	return replay(toPracticeEvents(all.sort((a, b) => a.at - b.at)));
}

/** Mark the stored checkpoint (peak 99): if it is reused rather than recomputed, 99 shows. */
async function tamper(skillId: string) {
	await withDb(async (db) => {
		const cp = (await db.get('checkpoints', skillId))!;
		await db.put('checkpoints', { ...cp, state: { ...cp.state, peak: 99 } });
	});
}

const resumed = (
	h: Awaited<ReturnType<typeof historiesAt>> extends Map<string, infer H> ? H : never
) => foldEvents(h.fold, h.recent).state;

describe('skill checkpoints', () => {
	it('split a history where asked and resume to exactly the full replay', async () => {
		const { skill } = await seed();
		const h = (await historiesAt([skill.id], THROUGH)).get(skill.id)!;
		expect(h.recent.map((e) => Math.round((NOW - e.at) / DAY))).toEqual([10, 2]);
		expect(h.fold.state.sessions).toBe(4);
		expect(resumed(h)).toEqual(await fullState(skill.id));
		// 23 October: the checkpoint sits at the end of September, before the event of 13 October.
		expect(await withDb((db) => db.get('checkpoints', skill.id))).toMatchObject({
			through: markOf(THROUGH),
			seq: expect.any(Number)
		});
		expect(markOf(THROUGH)).toBe(Date.UTC(2026, 9, 1) - 1);
	});

	it('reuse a valid checkpoint without reading old events again', async () => {
		const { skill } = await seed();
		await historiesAt([skill.id], THROUGH);
		// Tamper with the stored checkpoint: if it is reused, the tampered state shows.
		await tamper(skill.id);
		const h = (await historiesAt([skill.id], THROUGH)).get(skill.id)!;
		expect(h.fold.state.peak).toBe(99);
	});

	it('stay valid while only the split’s quarter and later ones are written (today’s practice)', async () => {
		const { skill, ids } = await seed();
		await historiesAt([skill.id], THROUGH);
		await tamper(skill.id);
		await logPractice({ skillId: skill.id, at: NOW, minutes: 5, rating: 2, note: '' }, NOW);
		// An event of the split's own quarter, after the checkpoint: folded on top, not a reason.
		await updatePractice(
			{ id: ids[3], skillId: skill.id },
			{ at: NOW - 40 * DAY, minutes: 30, rating: 4, note: '' },
			NOW + DAY
		);
		const h = (await historiesAt([skill.id], THROUGH)).get(skill.id)!;
		expect(h.fold.state.peak).toBe(99);
		expect(h.fold.state.sessions).toBe(4);
		expect(h.recent).toHaveLength(3);
	});

	it.each([
		[
			'an old event edited',
			async (ids: string[], skillId: string) =>
				updatePractice(
					{ id: ids[1], skillId },
					{ at: NOW - 200 * DAY, minutes: 40, rating: 4, note: '' },
					NOW + DAY
				)
		],
		[
			'an old event moved to a later month',
			async (ids: string[], skillId: string) =>
				updatePractice(
					{ id: ids[1], skillId },
					{ at: NOW - 5 * DAY, minutes: 10, rating: 3, note: '' },
					NOW + DAY
				)
		],
		[
			'an old event deleted',
			async (ids: string[], skillId: string) => deletePractice({ id: ids[0], skillId }, NOW + DAY)
		],
		[
			'a back-dated event added',
			async (_ids: string[], skillId: string) =>
				logPractice({ skillId, at: NOW - 150 * DAY, minutes: 5, rating: 2, note: '' }, NOW + DAY)
		]
	])('are recomputed when %s', async (_what, change) => {
		const { skill, ids } = await seed();
		await historiesAt([skill.id], THROUGH);
		await tamper(skill.id);
		await change(ids, skill.id);
		const h = (await historiesAt([skill.id], THROUGH)).get(skill.id)!;
		expect(h.fold.state.peak).not.toBe(99);
		expect(resumed(h)).toEqual(await fullState(skill.id));
	});

	it('are recomputed for an earlier split time', async () => {
		const { skill } = await seed();
		await historiesAt([skill.id], THROUGH);
		const h = (await historiesAt([skill.id], THROUGH - 100 * DAY)).get(skill.id)!;
		expect(h.fold.state.sessions).toBe(2);
		expect(resumed(h)).toEqual(await fullState(skill.id));
	});

	it('are carried forward to a later split with only the events between', async () => {
		const { skill } = await seed();
		await historiesAt([skill.id], THROUGH - 100 * DAY);
		const exact = (await historiesAt([skill.id], THROUGH)).get(skill.id)!;
		expect(exact.fold.state.sessions).toBe(4);
		expect(resumed(exact)).toEqual(await fullState(skill.id));
		expect(await withDb((db) => db.get('checkpoints', skill.id))).toMatchObject({
			through: markOf(THROUGH)
		});

		// Carried forward, not recomputed: a tampered older checkpoint shows through.
		await historiesAt([skill.id], THROUGH - 100 * DAY);
		await tamper(skill.id);
		const h = (await historiesAt([skill.id], THROUGH)).get(skill.id)!;
		expect(h.fold.state.peak).toBe(99);
		expect(h.fold.state.sessions).toBe(4);

		// …unless an event up to the older checkpoint changed since it was made.
		await historiesAt([skill.id], THROUGH - 100 * DAY);
		await tamper(skill.id);
		const oldest = (await storedEvents()).sort((a, b) => a.at - b.at)[0];
		await deletePractice(oldest, NOW + DAY);
		const after = (await historiesAt([skill.id], THROUGH)).get(skill.id)!;
		expect(after.fold.state.peak).not.toBe(99);
		expect(resumed(after)).toEqual(await fullState(skill.id));
	});
});
