import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventRecord } from '$lib/testing/records';
import { makeBlock, monthOf } from './blocks';
import { mergeBlocks, newerCopy } from './block-merge';
import type { EventBlockRecord, PracticeEventRecord } from './records';

const AT = Date.UTC(2025, 2, 10);
const MONTH = monthOf(AT);

/** Copies of a few events, with few distinct times: ties and deletions happen often. */
const copy = fc
	.record({
		id: fc.constantFrom('e1', 'e2', 'e3', 'e4'),
		updatedAt: fc.integer({ min: 1, max: 4 }),
		deleted: fc.boolean(),
		minutes: fc.integer({ min: 1, max: 3 }),
		day: fc.integer({ min: 0, max: 5 })
	})
	.map(({ id, updatedAt, deleted, minutes, day }) =>
		eventRecord('s', AT + day * 86_400_000, {
			id,
			createdAt: 1,
			updatedAt,
			deletedAt: deleted ? updatedAt : null,
			minutes
		})
	);

/** One device's version of the block: at most one copy of each event. */
const version = fc.array(copy, { maxLength: 6 }).map((events) => {
	const byId = new Map<string, PracticeEventRecord>();
	for (const e of events) byId.set(e.id, e);
	return makeBlock('s', MONTH, [...byId.values()]);
});

describe('merging two versions of a block (sync)', () => {
	it('is commutative, associative and idempotent over random edit histories', () => {
		fc.assert(
			fc.property(version, version, version, (a, b, c) => {
				expect(mergeBlocks(a, b)).toEqual(mergeBlocks(b, a));
				expect(mergeBlocks(mergeBlocks(a, b), c)).toEqual(mergeBlocks(a, mergeBlocks(b, c)));
				expect(mergeBlocks(a, a)).toEqual(a);
			}),
			{ numRuns: 500 }
		);
	});

	it('keeps every event either side has, the newer copy of each; a deletion is an update', () => {
		const [x, y] = ['x', 'y'];
		const mine: EventBlockRecord = makeBlock('s', MONTH, [
			eventRecord('s', AT, { id: x, updatedAt: 5, minutes: 10 }),
			eventRecord('s', AT, { id: y, updatedAt: 5 })
		]);
		const theirs: EventBlockRecord = makeBlock('s', MONTH, [
			eventRecord('s', AT, { id: x, updatedAt: 7, minutes: 30 }),
			eventRecord('s', AT, { id: y, updatedAt: 6, deletedAt: 6 }),
			eventRecord('s', AT + 1, { id: 'z', updatedAt: 1 })
		]);
		const merged = mergeBlocks(mine, theirs);
		expect(merged.events.map((e) => [e.id, e.minutes, e.deletedAt])).toEqual([
			[x, 30, null],
			[y, 10, 6],
			['z', 10, null]
		]);
	});

	it('picks the same copy of a tie whichever comes first, and never a move’s tombstone over the event', () => {
		const a = eventRecord('s', AT, { id: 'x', updatedAt: 5, minutes: 10 });
		const b = { ...a, minutes: 20 };
		expect(newerCopy(a, b)).toBe(newerCopy(b, a));
		const left = { ...a, deletedAt: 5 };
		expect(newerCopy(left, a)).toBe(a);
		expect(newerCopy(a, left)).toBe(a);
	});
});
