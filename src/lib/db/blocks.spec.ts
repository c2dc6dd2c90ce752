import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventRecord } from '$lib/testing/records';
import {
	compactBlock,
	compactEvent,
	expandBlock,
	expandEvent,
	blockMonth,
	blockMonthOf,
	groupIntoBlocks,
	makeBlock,
	monthOf,
	monthStart,
	replacing
} from './blocks';
import { blockProblem, copiesById, inQuarter, intoMonths, resolveEvents } from './block-merge';

describe('block months', () => {
	it('are UTC calendar months, the same in every time zone', () => {
		expect(monthOf(Date.UTC(1970, 0, 1))).toBe(0);
		expect(monthOf(Date.UTC(1969, 11, 31, 23, 59))).toBe(-1);
		expect(monthOf(Date.UTC(2024, 2, 31, 23, 59, 59, 999))).toBe(54 * 12 + 2);
		// 31 March, 8 pm in New York is already April in UTC: filed under April everywhere.
		expect(monthOf(Date.parse('2024-03-31T20:00:00-05:00'))).toBe(54 * 12 + 3);
		expect(monthStart(54 * 12 + 3)).toBe(Date.UTC(2024, 3, 1));
		expect(monthStart(-1)).toBe(Date.UTC(1969, 11, 1));
	});

	it('hold every time between their first moment and the next month’s', () => {
		fc.assert(
			fc.property(fc.integer({ min: -8.6e15, max: 8.6e15 }), (t) => {
				const m = monthOf(t);
				expect(monthStart(m)).toBeLessThanOrEqual(t);
				expect(monthStart(m + 1)).toBeGreaterThan(t);
			})
		);
	});

	it('start in the right century for the years 0–99 too', () => {
		// The moment before 1 January 100: December of the year 99, not of 1999 (the
		// property above found it once in 100 runs).
		const t = -59011459200001;
		expect(monthStart(monthOf(t))).toBeLessThanOrEqual(t);
		expect(monthStart(monthOf(t) + 1)).toBe(t + 1);
		expect(new Date(monthStart(monthOf(t))).getUTCFullYear()).toBe(99);
	});

	it('make quarters keyed by their first month, before 1970 too', () => {
		expect(blockMonthOf(Date.UTC(2024, 0, 1))).toBe(54 * 12);
		expect(blockMonthOf(Date.UTC(2024, 2, 31, 23, 59))).toBe(54 * 12);
		expect(blockMonthOf(Date.UTC(2024, 3, 1))).toBe(54 * 12 + 3);
		expect(blockMonthOf(Date.UTC(1969, 11, 31))).toBe(-3);
		fc.assert(
			fc.property(fc.integer({ min: -3_300_000, max: 3_300_000 }), (m) => {
				const first = blockMonth(m);
				expect(first).toBeLessThanOrEqual(m);
				expect(m - first).toBeLessThan(3);
				expect(((first % 3) + 3) % 3).toBe(0);
				expect(blockMonth(first)).toBe(first);
			})
		);
	});

	it('file out-of-range times at the ends instead of failing', () => {
		expect(Number.isInteger(monthOf(1e300))).toBe(true);
		expect(Number.isInteger(monthOf(-Infinity))).toBe(true);
	});
});

describe('blocks', () => {
	it('group events by skill and quarter, each sorted by time then id', () => {
		const jan = Date.UTC(2024, 0, 15);
		const feb = Date.UTC(2024, 1, 15);
		const apr = Date.UTC(2024, 3, 15);
		const events = [
			eventRecord('a', apr, { id: 'e5' }),
			eventRecord('a', feb, { id: 'e3' }),
			eventRecord('a', jan, { id: 'e2' }),
			eventRecord('a', jan, { id: 'e1' }),
			eventRecord('b', jan, { id: 'e4' })
		];
		const blocks = groupIntoBlocks(events);
		expect(blocks.map((b) => [b.skillId, b.month, b.events.map((e) => e.id)])).toEqual([
			['a', monthOf(apr), ['e5']],
			['a', monthOf(jan), ['e1', 'e2', 'e3']],
			['b', monthOf(jan), ['e4']]
		]);
		expect(blocks.map((b) => blockProblem(b, 'quarter'))).toEqual([null, null, null]);
		// A file's form: a month each; each one fits whole in its quarter's block.
		const months = intoMonths(events);
		expect(months.map((b) => [b.skillId, b.month, b.events.map((e) => e.id)])).toEqual([
			['a', monthOf(apr), ['e5']],
			['a', monthOf(feb), ['e3']],
			['a', monthOf(jan), ['e1', 'e2']],
			['b', monthOf(jan), ['e4']]
		]);
		expect(months.map((b) => blockProblem(b))).toEqual([null, null, null, null]);
		expect(months.map((b) => inQuarter(b).month)).toEqual([
			monthOf(apr),
			monthOf(jan),
			monthOf(jan),
			monthOf(jan)
		]);
		expect(inQuarter(blocks[1])).toBe(blocks[1]);
	});

	it('say what is wrong with a block whose events do not belong together', () => {
		const jan = Date.UTC(2024, 0, 15);
		const e = eventRecord('a', jan);
		expect(blockProblem(makeBlock('b', monthOf(jan), [e]))).toMatch(/another skill/);
		expect(blockProblem(makeBlock('a', monthOf(jan) + 1, [e]))).toMatch(/another month/);
		expect(blockProblem(makeBlock('a', monthOf(jan), [e, e]))).toMatch(/twice/);
		// Stored form: events without their block's skill, the same checks otherwise.
		const stored = compactEvent(e);
		expect(blockProblem({ skillId: 'a', month: monthOf(jan), events: [stored] })).toBeNull();
		expect(blockProblem({ skillId: 'a', month: monthOf(jan) + 1, events: [stored] })).toMatch(
			/another month/
		);
		expect(blockProblem({ skillId: 'a', month: monthOf(jan), events: [stored, stored] })).toMatch(
			/twice/
		);
		// Times beyond the Date range are filed at its ends (`monthOf`), and found there.
		const late = eventRecord('a', 1e300);
		expect(blockProblem(makeBlock('a', monthOf(1e300), [late]))).toBeNull();
		// A quarter's block holds its three months, keyed by the first.
		const mar = eventRecord('a', Date.UTC(2024, 2, 15));
		expect(blockProblem(makeBlock('a', monthOf(jan), [e, mar]), 'quarter')).toBeNull();
		expect(blockProblem(makeBlock('a', monthOf(jan), [e, mar]))).toMatch(/another month/);
		expect(blockProblem(makeBlock('a', monthOf(jan) + 3, [e]), 'quarter')).toMatch(
			/another quarter/
		);
		// Keyed by its second month, it holds what that month's key would not say.
		expect(blockProblem(makeBlock('a', monthOf(jan) + 1, [mar]), 'quarter')).toMatch(
			/not keyed by the first month/
		);
	});

	it('keep a tombstone where a moved event was', () => {
		const e = eventRecord('a', Date.UTC(2024, 0, 15), { updatedAt: 10 });
		expect(replacing(e, { ...e, minutes: 5, updatedAt: 20 })).toHaveLength(1);
		const [left, moved] = replacing(e, { ...e, skillId: 'b', updatedAt: 20 });
		expect(left).toMatchObject({ skillId: 'a', deletedAt: 20, updatedAt: 20 });
		expect(moved).toMatchObject({ skillId: 'b', deletedAt: null });
		expect(replacing(undefined, e)).toEqual([e]);
	});
});

describe('merging event copies by id', () => {
	const jan = Date.UTC(2024, 0, 15);
	const apr = Date.UTC(2024, 3, 15);

	it('adds new events, takes newer ones, keeps ours when as new or newer', () => {
		const ours = [
			eventRecord('a', jan, { id: 'same', updatedAt: 5 }),
			eventRecord('a', jan, { id: 'older-here', updatedAt: 5 }),
			eventRecord('a', jan, { id: 'newer-here', updatedAt: 9 })
		];
		const theirs = [
			eventRecord('a', jan, { id: 'same', updatedAt: 5 }),
			eventRecord('a', jan, { id: 'older-here', updatedAt: 7, minutes: 30 }),
			eventRecord('a', jan, { id: 'newer-here', updatedAt: 8 }),
			eventRecord('a', jan, { id: 'new', updatedAt: 1 })
		];
		const r = resolveEvents(copiesById(ours), theirs);
		expect(r.put.map((e) => e.id).sort()).toEqual(['new', 'older-here']);
		expect(r.put.find((e) => e.id === 'older-here')?.minutes).toBe(30);
		expect([r.added, r.updated, r.skipped]).toEqual([1, 1, { same: 1, 'yours-newer': 1 }]);
	});

	it('lets a newer tombstone win, and never an older one', () => {
		const live = eventRecord('a', jan, { id: 'x', updatedAt: 5 });
		const deleted = { ...live, deletedAt: 6, updatedAt: 6 };
		expect(resolveEvents(copiesById([live]), [deleted]).put).toEqual([deleted]);
		expect(resolveEvents(copiesById([deleted]), [{ ...live, updatedAt: 4 }]).put).toEqual([]);
	});

	it('files an event where its newest copy says, with a tombstone where ours was', () => {
		const ours = eventRecord('a', jan, { id: 'x', updatedAt: 5 });
		// Theirs moved it to April and to skill b (a file from a device that edited it).
		const theirs = { ...ours, skillId: 'b', at: apr, updatedAt: 8 };
		const r = resolveEvents(copiesById([ours]), [theirs]);
		expect(r.put).toEqual([theirs, { ...ours, deletedAt: 8, updatedAt: 8 }]);
	});

	it('reads a moved event in a file (tombstone and live copy at one moment) as live', () => {
		const before = eventRecord('a', jan, { id: 'x', updatedAt: 5 });
		const [left, moved] = replacing(before, { ...before, at: apr, updatedAt: 8 });
		const r = resolveEvents(copiesById([before]), [left, moved]);
		expect(r.put).toEqual([moved, { ...before, deletedAt: 8, updatedAt: 8 }]);
		// And importing the same file again changes nothing.
		const again = resolveEvents(copiesById(r.put), [left, moved]);
		expect(again.put).toEqual([]);
		expect(again.skipped.same).toBe(1);
	});
});

describe('events as their block stores them', () => {
	const time = fc.integer({ min: -8.6e15, max: 8.6e15 });
	const anEvent = fc
		.record({
			at: time,
			createdAt: fc.option(time, { nil: undefined }),
			updatedAt: fc.option(time, { nil: undefined }),
			deletedAt: fc.option(time, { nil: null }),
			minutes: fc.integer({ min: 1, max: 1440 }),
			rating: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>,
			promptKey: fc.option(fc.string(), { nil: null }),
			source: fc.constantFrom('drill', 'reading', 'manual') as fc.Arbitrary<
				'drill' | 'reading' | 'manual'
			>,
			sourceId: fc.option(fc.string({ minLength: 1 }), { nil: null }),
			note: fc.oneof(fc.constant(''), fc.string()),
			clock: fc.option(fc.dictionary(fc.string(), fc.array(time)), { nil: undefined })
		})
		.map(({ createdAt, updatedAt, clock, ...rest }) => {
			// Often at their usual values (what compaction leaves out), sometimes not.
			const created = createdAt ?? rest.at;
			return eventRecord('skill-a', rest.at, {
				...rest,
				createdAt: created,
				updatedAt: updatedAt ?? created,
				...(clock ? { clock } : {})
			});
		});

	it('come back whole, whatever their fields hold', () => {
		fc.assert(
			fc.property(anEvent, (e) => {
				expect(expandEvent('skill-a', compactEvent(e))).toEqual(e);
				// Compacting twice is compacting once (a block already stored, written again),
				// and copies nothing the second time.
				const once = compactEvent(e);
				expect(compactEvent(once)).toBe(once);
			})
		);
	});

	it('store only what is not the usual value, and never the block’s skill', () => {
		const plain = eventRecord('skill-a', 1000, { id: 'e1', minutes: 5, rating: 2 });
		expect(compactEvent(plain)).toEqual({
			id: 'e1',
			at: 1000,
			minutes: 5,
			rating: 2,
			source: 'manual'
		});
		const edited = { ...plain, updatedAt: 2000, note: 'tired', promptKey: 'write-x|listening' };
		expect(compactEvent(edited)).toEqual({
			id: 'e1',
			at: 1000,
			updatedAt: 2000,
			minutes: 5,
			rating: 2,
			source: 'manual',
			note: 'tired',
			promptKey: 'write-x|listening'
		});
		// A block stored before compaction reads the same.
		expect(expandEvent('skill-a', plain)).toEqual(plain);
	});

	it('keep a block’s other fields, and read whole blocks of either form', () => {
		const events = [eventRecord('skill-a', 1000), eventRecord('skill-a', 2000, { note: 'x' })];
		const block = { ...makeBlock('skill-a', 0, events), seq: 7 };
		const stored = compactBlock(block);
		expect(stored.seq).toBe(7);
		expect(stored.events.every((e) => !('skillId' in e))).toBe(true);
		expect(expandBlock(stored)).toEqual(block);
		expect(expandBlock(block)).toEqual(block);
	});
});
