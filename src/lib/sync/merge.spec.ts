import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tombstoned, touched } from '$lib/db/record';
import type { PassageRecord } from '$lib/db/schema';
import { drillRecord, passageRecord, skillRecord } from '$lib/testing/records';
import { isSyncedMeta, mergeRecord, sameRecord, wordsIn } from './merge';

const DAY = 86_400_000;
const T = Date.UTC(2026, 10, 2, 9);

const drill = () => drillRecord('s1', T - 10 * 60_000, { text: 'The first words.' });
const passage = () => passageRecord('p1', 'b1', { text: 'A passage.', createdAt: T, updatedAt: T });

describe('drills: words are never dropped', () => {
	it('keeps the losing text of two edits made beside each other, on both devices alike', () => {
		const base = drill();
		const phone = touched(base, T + 1000, { text: 'Written on the phone.' });
		const laptop = touched(base, T + 2000, { text: 'Written on the laptop.' });
		const merged = mergeRecord('drills', phone, laptop);
		expect(merged.text).toBe('Written on the laptop.');
		expect(merged.conflicts).toEqual([
			{
				id: `text@${T + 1000}`,
				field: 'text',
				value: 'Written on the phone.',
				at: T + 1000,
				lineage: [T + 1000, base.createdAt],
				resolvedAt: null
			}
		]);
		expect(sameRecord(mergeRecord('drills', laptop, phone), merged)).toBe(true);
	});

	it('takes an edit made on top of the other version with no conflict', () => {
		const base = drill();
		const phone = touched(base, T + 1000, { text: 'Phone.' });
		const later = touched(phone, T + 5000, { text: 'Phone, then laptop.' });
		const merged = mergeRecord('drills', phone, later);
		expect(merged.text).toBe('Phone, then laptop.');
		expect(merged.conflicts).toBeUndefined();
	});

	it('lets an edit made after seeing a version win even from a clock a day behind', () => {
		const base = drill();
		const ahead = touched(base, T + DAY, { text: 'From the fast clock.' });
		const behind = touched(ahead, T, { text: 'Made after reading it, a day behind.' });
		expect(behind.updatedAt).toBeGreaterThan(ahead.updatedAt);
		expect(mergeRecord('drills', ahead, behind).text).toBe('Made after reading it, a day behind.');
	});

	it('keeps a drill alive when it was edited on one device while deleted on another', () => {
		const base = drill();
		const gone = tombstoned(base, T + 5000);
		const edited = touched(base, T + 1000, { text: 'Still writing this.' });
		const merged = mergeRecord('drills', gone, edited);
		expect(merged.deletedAt).toBeNull();
		expect(merged.text).toBe('Still writing this.');
		// Deleted after the edit was seen: the deletion stands.
		const seenThenGone = tombstoned(mergeRecord('drills', edited, base), T + 9000);
		expect(mergeRecord('drills', seenThenGone, edited).deletedAt).toBe(T + 9000);
	});
});

describe('passages merge field by field', () => {
	it('takes each side’s change when they changed different fields', () => {
		const base = passage();
		const phone = touched(base, T + 1000, { note: 'Why does this work?' });
		const laptop = touched(base, T + 2000, { location: 'p. 42', reaction: 'insight' });
		const merged = mergeRecord('passages', phone, laptop);
		expect(merged).toMatchObject({
			note: 'Why does this work?',
			location: 'p. 42',
			reaction: 'insight'
		});
		expect(merged.conflicts).toBeUndefined();
		expect(sameRecord(merged, mergeRecord('passages', laptop, phone))).toBe(true);
	});

	it('keeps both answers when one question was answered on two devices', () => {
		const base = passage();
		const answer = (text: string) =>
			base.answers.map((a, i) => (i === 2 ? { status: 'answered' as const, text } : a));
		const phone = touched(base, T + 1000, { answers: answer('On the bus.') });
		const laptop = touched(base, T + 2000, { answers: answer('At my desk.') });
		const merged = mergeRecord('passages', phone, laptop);
		expect(merged.answers[2].text).toBe('At my desk.');
		expect(
			merged.conflicts?.map((c) => [c.field, wordsIn(c.field, c.value).get('answers.2')])
		).toEqual([['answers', 'On the bus.']]);
	});
});

describe('other records and settings', () => {
	it('take the newer version, the same whichever side is asked first', () => {
		const a = skillRecord('s1', { name: 'Listening', updatedAt: 5 });
		const b = skillRecord('s1', { name: 'Active listening', updatedAt: 9 });
		expect(mergeRecord('skills', a, b).name).toBe('Active listening');
		expect(mergeRecord('skills', b, a).name).toBe('Active listening');
		const tie = skillRecord('s1', { name: 'Tied', updatedAt: 9 });
		expect(mergeRecord('skills', b, tie)).toEqual(mergeRecord('skills', tie, b));
	});

	it('sync settings that follow the person, and keep device-only ones home', () => {
		expect(isSyncedMeta('plan:2026-W48')).toBe(true);
		expect(isSyncedMeta('reviewDay')).toBe(true);
		for (const key of ['lastBackupAt', 'readingSession', 'persistRequestedAt']) {
			expect(isSyncedMeta(key)).toBe(false);
		}
	});
});

/**
 * Random edit histories: three devices start from one record, edit fields (at random times:
 * clocks disagree), delete, and now and then merge with each other, as sync would.
 */
type Op =
	| { kind: 'edit'; device: number; field: 'text' | 'note' | 'location'; words: string; at: number }
	| { kind: 'delete'; device: number; at: number }
	| { kind: 'sync'; from: number; to: number };

const op: fc.Arbitrary<Op> = fc.oneof(
	fc.record({
		kind: fc.constant('edit' as const),
		device: fc.integer({ min: 0, max: 2 }),
		field: fc.constantFrom('text' as const, 'note' as const, 'location' as const),
		words: fc.constantFrom('alpha', 'beta', 'gamma', 'delta', ''),
		at: fc.integer({ min: 1, max: 40 })
	}),
	fc.record({
		kind: fc.constant('delete' as const),
		device: fc.integer({ min: 0, max: 2 }),
		at: fc.integer({ min: 1, max: 40 })
	}),
	fc.record({
		kind: fc.constant('sync' as const),
		from: fc.integer({ min: 0, max: 2 }),
		to: fc.integer({ min: 0, max: 2 })
	})
);

/**
 * The devices' records at the end, and the words each device itself last wrote, if it still
 * holds them and no other device has seen them yet.
 */
function play(ops: Op[]): PassageRecord[] & { own: (string | null)[] } {
	const base = passageRecord('p1', 'b1', { text: 'start', createdAt: 0, updatedAt: 0 });
	const devices = Object.assign([base, base, base], {
		own: [null, null, null] as (string | null)[]
	});
	// Two devices never stamp a change at the very same millisecond (clocks still disagree).
	for (const [i, o] of ops.entries()) {
		const at = o.kind === 'sync' ? 0 : o.at * 100 + i;
		if (o.kind === 'edit') {
			// The app offers no editing of a deleted passage.
			if (devices[o.device].deletedAt !== null) continue;
			const changed = devices[o.device][o.field] !== o.words;
			devices[o.device] = touched(devices[o.device], at, { [o.field]: o.words });
			if (o.field === 'text' && changed) devices.own[o.device] = o.words;
		} else if (o.kind === 'delete') {
			if (devices[o.device].deletedAt === null) {
				devices[o.device] = tombstoned(devices[o.device], at);
				devices.own[o.device] = null; // deleted knowingly
			}
		} else {
			devices[o.to] = mergeRecord('passages', devices[o.to], devices[o.from]);
			if (devices[o.to].text !== devices.own[o.to]) devices.own[o.to] = null;
			// Seen by another device, the words may be edited over there, knowingly.
			if (o.to !== o.from) devices.own[o.from] = null;
		}
	}
	return devices;
}

const merge = (a: PassageRecord, b: PassageRecord) => mergeRecord('passages', a, b);
const same = (a: unknown, b: unknown) => expect(sameRecord(a, b)).toBe(true);

describe('merging random edit histories', () => {
	it('is commutative, associative and idempotent', () => {
		fc.assert(
			fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
				const [a, b, c] = play(ops);
				same(merge(a, b), merge(b, a));
				same(merge(merge(a, b), c), merge(a, merge(b, c)));
				same(merge(a, a), a);
				same(merge(merge(a, b), b), merge(a, b));
			}),
			{ numRuns: 500 }
		);
	});

	it('merges alike in any grouping when only one side has (an empty list of) kept copies', () => {
		// Found by the property above (1 run in ~15): `conflicts: []` on one side only.
		const ops: Op[] = [
			{ kind: 'delete', device: 0, at: 2 },
			{ kind: 'edit', device: 2, field: 'text', words: 'alpha', at: 1 },
			{ kind: 'edit', device: 1, field: 'note', words: 'alpha', at: 1 },
			{ kind: 'sync', from: 0, to: 2 },
			{ kind: 'sync', from: 1, to: 0 },
			{ kind: 'edit', device: 0, field: 'note', words: 'delta', at: 1 },
			{ kind: 'edit', device: 2, field: 'note', words: 'delta', at: 1 }
		];
		const [a, b, c] = play(ops);
		same(merge(merge(a, b), c), merge(a, merge(b, c)));
		const empty = { ...a, conflicts: [] };
		same(merge(empty, b), merge(a, b));
	});

	it('loses no words no other device had seen: each is the merged text or a kept copy', () => {
		fc.assert(
			fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
				const devices = play(ops);
				const all = merge(merge(devices[0], devices[1]), devices[2]);
				const kept = new Set([all.text, ...(all.conflicts ?? []).map((c) => c.value)]);
				for (const words of devices.own) if (words) expect(kept).toContain(words);
				// And what a device wrote is not hidden by a deletion that never saw it.
				if (devices.own.some((w) => w) && all.deletedAt !== null) {
					expect(devices.some((d) => d.deletedAt !== null && d.text === all.text)).toBe(true);
				}
			}),
			{ numRuns: 500 }
		);
	});

	it('ends with every device holding the same record once all have met', () => {
		fc.assert(
			fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
				const [a, b, c] = play(ops);
				const everyone = merge(merge(a, b), c);
				same(merge(a, everyone), everyone);
				same(merge(everyone, c), everyone);
			}),
			{ numRuns: 300 }
		);
	});
});
