import type { EventBlockRecord, PracticeEventRecord } from './records';

/**
 * Practice events are stored in blocks: one record per skill and calendar month, holding that
 * month's events of that skill (ten years of daily practice of 100 skills: 12,000 records, not
 * 365,000 — IndexedDB's cost is per record). Pure functions; `events.ts` reads and writes.
 *
 * Months are UTC. A block's key must be the same on every device and every day: a phone and a
 * laptop in different time zones, or one person travelling, would otherwise file one event
 * under two keys, and the two copies could never be merged by key. Which month an event falls
 * in is bookkeeping only — nothing a person sees is grouped by these months.
 *
 * An event lives in one block. When an edit moves it to another (a new skill, a date in another
 * month), the old block keeps a tombstone of it, so a device that still has the old copy learns
 * that it left (see `resolveEvents`).
 */

/** The Date range: times outside it are filed under its first or last month. */
const LIMIT = 8.64e15;

/** The block month of a time: months since January 1970, UTC (negative before). */
export function monthOf(at: number): number {
	const d = new Date(Math.min(LIMIT, Math.max(-LIMIT, at)));
	return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
}

/** The first moment of a block month (UTC). */
export function monthStart(month: number): number {
	return Date.UTC(1970 + Math.floor(month / 12), ((month % 12) + 12) % 12, 1);
}

export type BlockKey = [skillId: string, month: number];

export function blockKeyOf(event: Pick<PracticeEventRecord, 'skillId' | 'at'>): BlockKey {
	return [event.skillId, monthOf(event.at)];
}

export function sameBlock(a: PracticeEventRecord, b: PracticeEventRecord): boolean {
	return a.skillId === b.skillId && monthOf(a.at) === monthOf(b.at);
}

/** Events in the order a skill's replay reads them: by time, then by id (as the old index did). */
export function byTime(a: PracticeEventRecord, b: PracticeEventRecord): number {
	return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A block holding `events` (which must all belong to it), sorted. */
export function makeBlock(skillId: string, month: number, events: PracticeEventRecord[]) {
	return { skillId, month, events: [...events].sort(byTime) } satisfies EventBlockRecord;
}

/** `block` with `event` in place of its copy of the same id (or added). */
export function withEvent(
	block: EventBlockRecord | undefined,
	event: PracticeEventRecord
): EventBlockRecord {
	const [skillId, month] = blockKeyOf(event);
	const others = (block?.events ?? []).filter((e) => e.id !== event.id);
	others.push(event);
	return makeBlock(skillId, month, others);
}

/** `block` with each of `events` (all of this block) in place of its copy of the same id. */
export function withEvents(
	block: EventBlockRecord | undefined,
	events: readonly PracticeEventRecord[]
): EventBlockRecord {
	const byId = new Map((block?.events ?? []).map((e) => [e.id, e]));
	for (const e of events) byId.set(e.id, e);
	const [skillId, month] = blockKeyOf(events[0]);
	return makeBlock(skillId, month, [...byId.values()]);
}

/** Events grouped by block, each group sorted. */
export function groupIntoBlocks(events: Iterable<PracticeEventRecord>): EventBlockRecord[] {
	const groups = new Map<string, PracticeEventRecord[]>();
	for (const e of events) {
		const key = `${e.skillId}\u0000${monthOf(e.at)}`;
		const list = groups.get(key);
		if (list) list.push(e);
		else groups.set(key, [e]);
	}
	return [...groups.values()].map((list) => makeBlock(list[0].skillId, monthOf(list[0].at), list));
}

/** A problem with a block's contents (events filed under the wrong key, an id twice), or null. */
export function blockProblem(block: EventBlockRecord): string | null {
	const ids = new Set<string>();
	for (const e of block.events) {
		if (e.skillId !== block.skillId) return 'it holds practice of another skill';
		if (monthOf(e.at) !== block.month) return 'it holds practice from another month';
		if (ids.has(e.id)) return 'it holds one practice entry twice';
		ids.add(e.id);
	}
	return null;
}

/** Which of two copies of one event counts: the newer; at the same moment, the live one. */
export function newerCopy(a: PracticeEventRecord, b: PracticeEventRecord): PracticeEventRecord {
	if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
	if ((a.deletedAt === null) !== (b.deletedAt === null)) return a.deletedAt === null ? a : b;
	return a;
}

/** The tombstone a block keeps of an event that moved to another block at `at`. */
export function movedAway(event: PracticeEventRecord, at: number): PracticeEventRecord {
	return { ...event, deletedAt: at, updatedAt: at };
}

/**
 * The copies to store when `before` becomes `after`: `after`, and a tombstone in the old
 * block when the change moved it to another skill or month.
 */
export function replacing(
	before: PracticeEventRecord | undefined,
	after: PracticeEventRecord
): PracticeEventRecord[] {
	return before && !sameBlock(before, after)
		? [movedAway(before, after.updatedAt), after]
		: [after];
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
 * tombstone of it. Returns the copies to store (each in the block of its skill and month);
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
		const filedAt = keyString(theirBest);
		for (const copy of stored) {
			if (copy.deletedAt === null && keyString(copy) !== filedAt) {
				out.put.push(movedAway(copy, theirBest.updatedAt));
			}
		}
	}
	return out;
}

function keyString(e: PracticeEventRecord): string {
	return `${e.skillId}\u0000${monthOf(e.at)}`;
}
