import { describe, expect, it } from 'vitest';
import type { PassageRecord } from '$lib/db/schema';
import { bookRecord, passageRecord } from '$lib/testing/records';
import { DAY } from '$lib/time/units';
import {
	DEFAULT_PER_DAY,
	NEW_PER_DAY,
	NOT_NOW_DAYS,
	answeredToday,
	broughtBack,
	leftOut,
	leftOutBooks,
	revisitQueue
} from './model';
import { noteWithAnswer, revisitPrompt } from './prompts';
import { formatDate } from '$lib/time/format';
import { nextVisit } from './scheduler';

const NOW = new Date(2026, 11, 3, 9, 0).getTime();

/** A passage captured `daysAgo`, scheduled by answering it `responses` (oldest first). */
function passage(id: string, daysAgo: number, over: Partial<PassageRecord> = {}): PassageRecord {
	return { ...passageRecord(id, 'b1', over), createdAt: NOW - daysAgo * DAY };
}

/** `p` as answered with `response` at `at`. */
function answered(p: PassageRecord, at: number, response: 'true' | 'changed' | 'not-now' = 'true') {
	return { ...p, revisit: nextVisit(p.id, p.revisit, response, at) };
}

const queue = (passages: PassageRecord[], at = NOW, leftOutIds: ReadonlySet<string> = new Set()) =>
	revisitQueue(passages, {
		now: at,
		perDay: DEFAULT_PER_DAY,
		answered: passages.filter((p) => answeredToday(p, at)).length,
		newAnswered: passages.filter((p) => answeredToday(p, at) && p.revisit!.reps === 1).length,
		leftOut: leftOutIds
	}).map((p) => p.id);

describe('which passages come back today', () => {
	it('mixes never-shown passages in a few a day, not the ones captured today', () => {
		const all = [passage('today', 0.1), passage('a', 40), passage('b', 300), passage('c', 3)];
		expect(queue(all)).toEqual(['a', 'b']);
		expect(NEW_PER_DAY).toBe(2);
	});

	it('brings a passage back when its schedule says so, and not before', () => {
		const first = answered(passage('a', 40), NOW - 30 * DAY);
		const due = first.revisit!.due!;
		expect(due).toBeGreaterThan(NOW - 30 * DAY);
		expect(queue([first], due - 1)).toEqual([]);
		expect(queue([first], due + 1)).toEqual(['a']);
	});

	it('lets passages found useful come back less and less often', () => {
		let p = passage('a', 400);
		const gaps: number[] = [];
		let at = NOW - 300 * DAY;
		for (let i = 0; i < 4; i++) {
			p = answered(p, at);
			gaps.push(p.revisit!.due! - at);
			at = p.revisit!.due!;
		}
		for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]);
		// "Changed my mind" brings it back sooner than "still rings true" would have.
		const changed = answered(p, at, 'changed');
		const rang = answered(p, at, 'true');
		expect(changed.revisit!.due!).toBeLessThan(rang.revisit!.due!);
	});

	it('pushes "not useful now" far out', () => {
		const p = answered(passage('a', 40), NOW, 'not-now');
		expect(p.revisit!.due!).toBeGreaterThanOrEqual(NOW + NOT_NOW_DAYS * DAY);
		expect(p.revisit!.response).toBe('not-now');
		expect(queue([p], NOW + 30 * DAY)).toEqual([]);
	});

	it('shows a handful a day, counting what was answered today: a missed week is no pile', () => {
		// Twelve passages all due a week ago.
		const all = Array.from({ length: 12 }, (_, i) => {
			const p = answered(passage(`p${i}`, 100), NOW - 40 * DAY - i * 1000);
			return { ...p, revisit: { ...p.revisit!, due: NOW - 7 * DAY + i } };
		});
		const today = queue(all);
		expect(today).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
		// Two answered this morning: three left for today, the rest wait.
		const later = all.map((p, i) => (i < 2 ? answered(p, NOW - 3_600_000) : p));
		expect(queue(later)).toEqual(['p2', 'p3', 'p4']);
		const done = all.map((p, i) => (i < 5 ? answered(p, NOW - 3_600_000) : p));
		expect(queue(done)).toEqual([]);
		// Tomorrow: again a handful, not seven days' worth.
		expect(queue(done, NOW + DAY)).toHaveLength(DEFAULT_PER_DAY);
	});

	it('spreads passages answered together over nearby days', () => {
		// Thirty passages met on the same days: their next visits do not all fall on one day.
		const all = Array.from({ length: 30 }, (_, i) => {
			const once = answered(passage(`p${i}`, 200), NOW);
			return answered(once, NOW + 3 * DAY);
		});
		const days = new Set(all.map((p) => Math.floor(p.revisit!.due! / DAY)));
		expect(days.size).toBeGreaterThan(2);
	});

	it('leaves out a passage, or every passage of a book, until brought back', () => {
		const a = passage('a', 40);
		const b = { ...passage('b', 50), bookId: 'b2' };
		const out = { ...a, revisit: leftOut(a.revisit) };
		expect(queue([out, b])).toEqual(['b']);
		const books = [bookRecord('b1'), { ...bookRecord('b2'), noRevisit: true }];
		expect(queue([a, b], NOW, leftOutBooks(books))).toEqual(['a']);
		const back = { ...out, revisit: broughtBack(out.revisit, NOW) };
		expect(queue([back])).toEqual(['a']);
	});

	it('never shows deleted or empty passages', () => {
		expect(
			queue([passage('a', 40, { deletedAt: NOW - DAY }), passage('b', 40, { text: ' ' })])
		).toEqual([]);
	});
});

describe('what a revisit asks and keeps', () => {
	it('asks one prompt per passage and day, from the reading questions and strategies', () => {
		expect(revisitPrompt('a', NOW)).toBe(revisitPrompt('a', NOW + 3_600_000));
		const prompts = new Set(
			Array.from({ length: 40 }, (_, i) => revisitPrompt(`p${i}`, NOW + i * DAY))
		);
		expect(prompts.size).toBeGreaterThan(4);
	});

	it('adds a written line to the margin note, dated, keeping what was there', () => {
		const day = formatDate(NOW);
		expect(noteWithAnswer('', '  still   true ', NOW)).toBe(`${day}: still true`);
		expect(noteWithAnswer('My note.\n', 'More.', NOW)).toBe(`My note.\n${day}: More.`);
	});
});
