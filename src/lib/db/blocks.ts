import type { EventBlockRecord, PracticeEventRecord } from './records';

/**
 * A practice event as its block stores it: without the block's own `skillId`, and without
 * the fields that hold their usual value (`createdAt` = `at`, `updatedAt` = `createdAt`, no
 * deletion, no prompt, no source record, no note). Ten years of practice are 365,000 events:
 * what each one does not store is bytes IndexedDB and a first sync do not move (a new device
 * wrote its blocks in 2.0 s instead of 4.1 s, measured). Any other field (`clock`, one added
 * later) is kept as it is. A full event is a valid stored event too: `expandEvent` reads both.
 */
export type StoredEvent = Omit<
	PracticeEventRecord,
	'skillId' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'promptKey' | 'sourceId' | 'note'
> &
	Partial<PracticeEventRecord>;

/** A block as stored: its events in their stored form. */
export interface StoredBlock {
	skillId: string;
	month: number;
	events: StoredEvent[];
}

/** Fields a stored event leaves out when they hold these values (see `StoredEvent`). */
const USUAL: Record<string, unknown> = {
	deletedAt: null,
	promptKey: null,
	sourceId: null,
	note: ''
};

/** `event` as its block stores it (see `StoredEvent`): `event` itself when it already is. */
export function compactEvent(event: StoredEvent): StoredEvent {
	const createdAt = event.createdAt ?? event.at;
	const usual = (key: string, value: unknown) =>
		key === 'skillId' ||
		value === undefined ||
		(key === 'createdAt' && value === event.at) ||
		(key === 'updatedAt' && value === createdAt) ||
		USUAL[key] === value;
	const fields = event as Record<string, unknown>;
	// Most events come stored already (a snapshot, a block read back): nothing to copy.
	for (const key in fields) {
		if (!usual(key, fields[key])) continue;
		const out: Record<string, unknown> = {};
		for (const [k, value] of Object.entries(fields)) if (!usual(k, value)) out[k] = value;
		return out as StoredEvent;
	}
	return event;
}

/** The whole event a block of skill `skillId` stores as `stored` (either form). */
export function expandEvent(skillId: string, stored: StoredEvent): PracticeEventRecord {
	const createdAt = stored.createdAt ?? stored.at;
	return {
		...(USUAL as Pick<PracticeEventRecord, 'deletedAt' | 'promptKey' | 'sourceId' | 'note'>),
		...stored,
		createdAt,
		updatedAt: stored.updatedAt ?? createdAt,
		skillId
	};
}

/** `block` as stored (other fields, such as the change sequence, kept). */
export function compactBlock<B extends StoredBlock>(block: B): B {
	return { ...block, events: block.events.map(compactEvent) };
}

/** A stored block (either form) with its whole events (other fields kept). */
export function expandBlock<B extends StoredBlock>(
	block: B
): Omit<B, 'events'> & { events: PracticeEventRecord[] } {
	return { ...block, events: block.events.map((e) => expandEvent(block.skillId, e)) };
}

/**
 * Practice events are stored in blocks: one record per skill and calendar quarter, holding that
 * quarter's events of that skill (ten years of daily practice of 100 skills: 4,000 records, not
 * 365,000 — IndexedDB's cost is per record: measured, 12,000 monthly blocks took 2.4–2.7 s to
 * write and the same events in quarterly ones 1.1–1.2 s). A block is keyed by its first month
 * (`month`: January, April, July or October). Pure functions; `events.ts` reads and writes.
 *
 * Until version 13 blocks held one month; backup files (format 4) and the sync documents and
 * snapshots of earlier versions still do. Such a block fits in its quarter's block whole, and a
 * file is still written in months (`inQuarter`, `intoMonths` in `block-merge.ts`).
 *
 * Months are UTC. A block's key must be the same on every device and every day: a phone and a
 * laptop in different time zones, or one person travelling, would otherwise file one event
 * under two keys, and the two copies could never be merged by key. Which block an event falls
 * in is bookkeeping only — nothing a person sees is grouped by these quarters.
 *
 * An event lives in one block. When an edit moves it to another (a new skill, a date in another
 * quarter), the old block keeps a tombstone of it, so a device that still has the old copy
 * learns that it left (see `resolveEvents` in `block-merge.ts`, which merges copies from
 * outside).
 */

/** The Date range: times outside it are filed under its first or last month. */
const LIMIT = 8.64e15;

/** The block month of a time: months since January 1970, UTC (negative before). */
export function monthOf(at: number): number {
	const d = new Date(Math.min(LIMIT, Math.max(-LIMIT, at)));
	return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
}

/** Months a block holds. */
export const BLOCK_MONTHS = 3;

/** The first month of the block (quarter) that month `month` belongs to. */
export function blockMonth(month: number): number {
	return month - (((month % BLOCK_MONTHS) + BLOCK_MONTHS) % BLOCK_MONTHS);
}

/** The key month of the block an event at `at` belongs in (see `blockMonth`). */
export function blockMonthOf(at: number): number {
	return blockMonth(monthOf(at));
}

/** The first moment of a month (UTC). */
export function monthStart(month: number): number {
	// Not Date.UTC: it reads the years 0–99 as 1900–1999.
	const d = new Date(0);
	d.setUTCFullYear(1970 + Math.floor(month / 12), ((month % 12) + 12) % 12, 1);
	return d.getTime();
}

export type BlockKey = [skillId: string, month: number];

export function blockKeyOf(event: Pick<PracticeEventRecord, 'skillId' | 'at'>): BlockKey {
	return [event.skillId, blockMonthOf(event.at)];
}

/** A block's key as one string, for sets and maps. */
export function blockKeyText(skillId: string, month: number): string {
	return `${skillId}\u0000${month}`;
}

/** The block an event belongs in, as `blockKeyText`. */
export function blockKeyTextOf(event: Pick<PracticeEventRecord, 'skillId' | 'at'>): string {
	return blockKeyText(event.skillId, blockMonthOf(event.at));
}

export function sameBlock(a: PracticeEventRecord, b: PracticeEventRecord): boolean {
	return blockKeyTextOf(a) === blockKeyTextOf(b);
}

/**
 * Which of two copies of one event is the newer: the later `updatedAt`; at the same moment,
 * the live one (a move's tombstone never beats the moved event); else `a`.
 */
export function newer(a: PracticeEventRecord, b: PracticeEventRecord): PracticeEventRecord {
	if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
	if ((a.deletedAt === null) !== (b.deletedAt === null)) return a.deletedAt === null ? a : b;
	return a;
}

/** Events in the order a skill's replay reads them: by time, then by id (as the old index did). */
export function byTime(a: PracticeEventRecord, b: PracticeEventRecord): number {
	return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A block holding `events` (which must all belong to it), sorted. */
export function makeBlock(skillId: string, month: number, events: PracticeEventRecord[]) {
	return { skillId, month, events: [...events].sort(byTime) } satisfies EventBlockRecord;
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

/**
 * Events grouped by the block each belongs in (in the order first met), unsorted. `keyMonth`:
 * which block month a time falls in (a quarter's first month; a backup file's form: its month).
 */
export function groupByBlock(
	events: Iterable<PracticeEventRecord>,
	keyMonth = blockMonthOf
): PracticeEventRecord[][] {
	const groups = new Map<string, PracticeEventRecord[]>();
	for (const e of events) {
		const key = blockKeyText(e.skillId, keyMonth(e.at));
		const list = groups.get(key);
		if (list) list.push(e);
		else groups.set(key, [e]);
	}
	return [...groups.values()];
}

/** Events grouped into blocks, each sorted (`keyMonth` as in `groupByBlock`). */
export function groupIntoBlocks(
	events: Iterable<PracticeEventRecord>,
	keyMonth = blockMonthOf
): EventBlockRecord[] {
	return groupByBlock(events, keyMonth).map((list) =>
		makeBlock(list[0].skillId, keyMonth(list[0].at), list)
	);
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
