import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, write } from '$lib/db';
import { resetDatabase } from '$lib/db/testing';
import { bookRecord, drillRecord, passageRecord } from '$lib/testing/records';
import { DAY } from '$lib/time/units';
import { earlierYears, laterAttempt, nearerDays } from './on-this-day';
import { onThisDay } from './repo';

const NOW = new Date(2026, 11, 3, 9, 0).getTime();

describe('the days "On this day" looks at', () => {
	it('is this date in each earlier year, nearest first, whole local days', () => {
		const years = earlierYears(NOW, 3);
		expect(years.map((w) => w.label)).toEqual(['1 year ago', '2 years ago', '3 years ago']);
		expect(new Date(years[0].start)).toEqual(new Date(2025, 11, 3));
		expect(years[0].end - years[0].start).toBe(DAY - 1);
		expect(new Date(years[2].start)).toEqual(new Date(2023, 11, 3));
	});

	it('puts 29 February on the 28th in other years', () => {
		const [last] = earlierYears(new Date(2028, 1, 29, 12).getTime(), 1);
		expect(new Date(last.start)).toEqual(new Date(2027, 1, 28));
	});

	it('falls back to a month ago, then a week ago', () => {
		expect(nearerDays(NOW).map((w) => [w.label, new Date(w.start)])).toEqual([
			['A month ago', new Date(2026, 10, 3)],
			['A week ago', new Date(2026, 10, 26)]
		]);
	});

	it('pairs a drill with the latest later attempt of its skill and kind, not the same sitting', () => {
		const then = drillRecord('s1', NOW - 365 * DAY);
		const sameDay = drillRecord('s1', NOW - 365 * DAY + 3_600_000);
		const mid = drillRecord('s1', NOW - 100 * DAY);
		const latest = drillRecord('s1', NOW - DAY);
		const otherKind = { ...drillRecord('s1', NOW), kind: 'sprint' as const };
		const deleted = { ...drillRecord('s1', NOW), deletedAt: NOW };
		expect(laterAttempt(then, [then, sameDay, mid, latest, otherKind, deleted])?.id).toBe(
			latest.id
		);
		expect(laterAttempt(latest, [then, mid, latest])).toBeNull();
	});
});

describe('"On this day", stored', () => {
	beforeEach(resetDatabase);
	afterEach(() => closeDb());

	it('finds a year-old drill with its later attempt and a passage captured that day', async () => {
		const yearAgo = new Date(2025, 11, 3, 18, 30).getTime();
		const then = drillRecord('s1', yearAgo);
		const later = drillRecord('s1', NOW - 2 * DAY);
		const passage = { ...passageRecord('p1', 'b1'), createdAt: yearAgo + 60_000 };
		const elsewhere = { ...passageRecord('p2', 'b1'), createdAt: yearAgo - 2 * DAY };
		await write(['drills', 'passages', 'books'], async (tx) => {
			await tx.objectStore('drills').put(then);
			await tx.objectStore('drills').put(later);
			await tx.objectStore('passages').put(passage);
			await tx.objectStore('passages').put(elsewhere);
			await tx.objectStore('books').put({ ...bookRecord('b1'), title: 'Just Listen' });
		});
		const groups = await onThisDay(NOW);
		expect(groups).toHaveLength(1);
		expect(groups[0].label).toBe('1 year ago');
		expect(groups[0].drills.map((d) => [d.then.id, d.now?.id])).toEqual([[then.id, later.id]]);
		expect(groups[0].passages.map((p) => [p.passage.id, p.bookTitle])).toEqual([
			['p1', 'Just Listen']
		]);
	});

	it('shows a week ago when no earlier year holds anything, and nothing when that is empty too', async () => {
		expect(await onThisDay(NOW)).toEqual([]);
		const weekAgo = drillRecord('s1', new Date(2026, 10, 26, 8).getTime());
		await write(['drills'], async (tx) => {
			await tx.objectStore('drills').put(weekAgo);
		});
		const groups = await onThisDay(NOW);
		expect(groups.map((g) => [g.label, g.drills.length, g.passages.length])).toEqual([
			['A week ago', 1, 0]
		]);
	});
});
