import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, withDb } from '$lib/db';
import { resetDatabase } from '$lib/db/testing';
import { blockMonthOf, expandBlock, monthStart } from '$lib/db/blocks';
import { importBackup } from '$lib/backup/repo';
import { largeBackup } from '$lib/seed/large';
import { loadReviewData, prepareHistories } from './queries';
import { buildReview } from './model';
import { reviewSplit, shiftWeek, weekOf } from './week';

const DAY = 86_400_000;
const options = { seed: 5, days: 200, skills: 5, drills: 60, books: 4, passages: 120 };
const backup = largeBackup(options);
const now = backup.exportedAt;

beforeEach(async () => {
	await resetDatabase();
	await importBackup(backup);
});
afterEach(() => closeDb());

/** Lists in a fixed order: the database hands them over in index order, not by id. */
const inIdOrder = (r: ReturnType<typeof buildReview>) => ({
	...r,
	drills: [...r.drills].sort((a, b) => a.id.localeCompare(b.id)),
	passagesCaptured: [...r.passagesCaptured].sort((a, b) => a.id.localeCompare(b.id))
});

describe('what the review reads', () => {
	it('gives the same review as reading every record, for this week and past ones', async () => {
		const all = await withDb(async (db) => ({
			skills: await db.getAll('skills'),
			events: (await db.getAll('events')).flatMap((b) => expandBlock(b).events),
			drills: await db.getAll('drills'),
			passages: await db.getAll('passages'),
			readingSessions: await db.getAll('readingSessions')
		}));
		for (const back of [0, 3, 15]) {
			const week = shiftWeek(weekOf(now - DAY, 1), -back, 1);
			const { input, histories } = await loadReviewData(reviewSplit(week, 1));
			// Only the window was read…
			expect(input.drills.length).toBeLessThan(all.drills.length);
			expect(input.passages.length).toBeLessThan(all.passages.length);
			// …and the review is the same as from everything.
			const fromWindow = buildReview(input, week, 1, undefined, histories);
			const fromAll = buildReview(all, week, 1);
			expect(inIdOrder(fromWindow)).toEqual(inIdOrder(fromAll));
			expect(fromAll.drills.length + fromAll.passagesCaptured.length).toBeGreaterThan(0);
		}
	});
});

describe('after an import', () => {
	it('prepares every skill’s checkpoint at this week’s split', async () => {
		expect(await withDb((db) => db.count('checkpoints'))).toBe(0); // none made yet
		await prepareHistories(now, 1);
		const split = reviewSplit(weekOf(now, 1), 1);
		const stored = await withDb((db) => db.getAll('checkpoints'));
		expect(stored.map((c) => c.skillId).sort()).toEqual(
			backup.stores.skills.map((s) => s.id).sort()
		);
		// Each at the end of the quarter before the split's, where the blocks of events part.
		const mark = monthStart(blockMonthOf(split)) - 1;
		expect(stored.every((c) => c.through === mark)).toBe(true);
	});
});
