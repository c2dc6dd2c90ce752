import {
	BLOCK_MONTHS,
	blockKeyText,
	blockKeyTextOf,
	blockMonth,
	blockMonthOf,
	groupIntoBlocks,
	makeBlock,
	monthOf,
	monthStart,
	movedAway,
	newer
} from './blocks';
import type { EventBlockRecord, PracticeEventRecord } from './records';

/**
 * Checking and merging blocks of events that come from outside (a backup file today, another
 * device next): pure, and kept apart from `blocks.ts` so the pages that only read and write
 * practice never download it.
 */

/**
 * A problem with a block (a quarter's keyed by another month than its first, events filed
 * under the wrong key, an id twice), or null. Whole events or stored ones (`StoredEvent`: an
 * event without `skillId` is the block's). `grain`: 'month' for a block of one month (a backup
 * file, an earlier version's document), 'quarter' for a block as this version stores and
 * sends it. A first sync checks 365,000
 * events: the time is a range test, a date only for times outside it.
 */
export function blockProblem(
	block: {
		skillId: string;
		month: number;
		events: readonly { id: string; at: number; skillId?: string }[];
	},
	grain: 'month' | 'quarter' = 'month'
): string | null {
	if (grain === 'quarter' && blockMonth(block.month) !== block.month) {
		return 'it is not keyed by the first month of its quarter';
	}
	const ids = new Set<string>();
	const span = grain === 'month' ? 1 : BLOCK_MONTHS;
	const from = monthStart(block.month);
	const to = monthStart(block.month + span);
	const keyOf = grain === 'month' ? monthOf : blockMonthOf;
	for (const e of block.events) {
		if (e.skillId !== undefined && e.skillId !== block.skillId) {
			return 'it holds practice of another skill';
		}
		if (!(e.at >= from && e.at < to) && keyOf(e.at) !== block.month) {
			return `it holds practice from another ${grain}`;
		}
		if (ids.has(e.id)) return 'it holds one practice entry twice';
		ids.add(e.id);
	}
	return null;
}

/** JSON with keys in order: two devices may hold one record with its fields in another order. */
export function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * Which of two copies of one event counts: the newer; at the same moment, the live one (a
 * move's tombstone never beats the moved event); at the same moment and state, the larger in
 * canonical JSON — a total order, so every device picks the same copy whatever order copies
 * arrive in.
 */
export function newerCopy(a: PracticeEventRecord, b: PracticeEventRecord): PracticeEventRecord {
	if (a.updatedAt !== b.updatedAt || (a.deletedAt === null) !== (b.deletedAt === null)) {
		return newer(a, b);
	}
	return canonical(a) >= canonical(b) ? a : b;
}

/**
 * Two versions of one block (same skill and key: this device's and another's) as one: the
 * union of their events by id, the newer copy of each (`newerCopy`). Commutative, associative
 * and idempotent (tested with random histories), so copies of a block converge however often
 * and in whatever order they meet.
 */
export function mergeBlocks(a: EventBlockRecord, b: EventBlockRecord): EventBlockRecord {
	const byId = new Map(a.events.map((e) => [e.id, e]));
	for (const e of b.events) {
		const mine = byId.get(e.id);
		byId.set(e.id, mine ? newerCopy(mine, e) : e);
	}
	return makeBlock(a.skillId, a.month, [...byId.values()]);
}

/** Events grouped into blocks of one month each, sorted: a backup file's form (format 4). */
export function intoMonths(events: Iterable<PracticeEventRecord>): EventBlockRecord[] {
	return groupIntoBlocks(events, monthOf);
}

/**
 * A block of one month (a backup file's, an earlier version's sync document or snapshot) as
 * part of its quarter's block: the same events under the quarter's key. A block already keyed
 * by its quarter is returned as it is.
 */
export function inQuarter<B extends { month: number }>(block: B): B {
	const month = blockMonth(block.month);
	return month === block.month ? block : { ...block, month };
}

/**
 * Blocks of any size (a backup file's months, this version's quarters) as the quarter blocks
 * this version stores: the blocks of one quarter merged by event id (`mergeBlocks`), so an event
 * moved between two months of a quarter is there once, its newer copy.
 */
export function intoQuarters(blocks: Iterable<EventBlockRecord>): EventBlockRecord[] {
	const byKey = new Map<string, EventBlockRecord>();
	for (const block of blocks) {
		const quarter = inQuarter(block);
		const key = blockKeyText(quarter.skillId, quarter.month);
		const seen = byKey.get(key);
		byKey.set(key, seen ? mergeBlocks(seen, quarter) : quarter);
	}
	return [...byKey.values()];
}

/** Event copies by id (usually one each; two after a move: the tombstone and the event). */
export function copiesById(
	events: Iterable<PracticeEventRecord>
): Map<string, PracticeEventRecord[]> {
	const out = new Map<string, PracticeEventRecord[]>();
	for (const e of events) {
		const list = out.get(e.id);
		if (list) list.push(e);
		else out.set(e.id, [e]);
	}
	return out;
}

/**
 * Merge two sets of event copies (ours, as stored, by id: `copiesById`; and theirs, from a file or a device) by
 * event id: the newer copy of each event wins (tombstones win over older versions); it is
 * filed in its own block, and any other block holding a live copy of that event gets a
 * tombstone of it. Returns the copies to store (each in the block of its skill and quarter);
 * events where ours is as new or newer are left as they are.
 */
export function resolveEvents(
	ours: ReadonlyMap<string, readonly PracticeEventRecord[]>,
	theirs: Iterable<PracticeEventRecord>
): {
	put: PracticeEventRecord[];
	added: number;
	updated: number;
	skipped: { same: number; 'yours-newer': number };
} {
	const incoming = copiesById(theirs);
	const out = {
		put: [] as PracticeEventRecord[],
		added: 0,
		updated: 0,
		skipped: { same: 0, 'yours-newer': 0 }
	};
	for (const [id, copies] of incoming) {
		const stored = ours.get(id) ?? [];
		const theirBest = copies.reduce(newerCopy);
		const ourBest = stored.length > 0 ? stored.reduce(newerCopy) : undefined;
		if (ourBest) {
			const winner = newerCopy(ourBest, theirBest);
			if (winner === ourBest) {
				if (theirBest.updatedAt === ourBest.updatedAt) out.skipped.same++;
				else out.skipped['yours-newer']++;
				continue;
			}
			out.updated++;
		} else {
			out.added++;
		}
		out.put.push(theirBest);
		// Every other block that holds a live copy of ours: the event moved from there.
		const filedAt = blockKeyTextOf(theirBest);
		for (const copy of stored) {
			if (copy.deletedAt === null && blockKeyTextOf(copy) !== filedAt) {
				out.put.push(movedAway(copy, theirBest.updatedAt));
			}
		}
	}
	return out;
}
