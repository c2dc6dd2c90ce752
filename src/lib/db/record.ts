import type { BaseRecord } from './records';
import { fnv1a } from '$lib/text/hash';

export type { BaseRecord };

/** A new random id; `crypto.randomUUID` exists in every browser we support and in Node. */
export function newId(): string {
	return crypto.randomUUID();
}

/** The base fields of a record created at `at`. */
export function baseRecord(at: number, id: string = newId()): BaseRecord {
	return { id, createdAt: at, updatedAt: at, deletedAt: null };
}

/** How many earlier change times a field's clock keeps (see `touched`). */
export const CLOCK_DEPTH = 16;

/** Bookkeeping, not the person's data: these fields carry no clock of their own. */
export const BOOKKEEPING = new Set(['id', 'createdAt', 'updatedAt', 'clock', 'conflicts', 'seq']);

/**
 * A copy of `record` with `changes` applied and `updatedAt` moved to `at` — and always past
 * the version it was made from, even when this device's clock is behind the one that wrote
 * that version (a hybrid logical clock, per record): an edit made after seeing another
 * device's version always wins over it, and a device whose clock runs fast cannot win forever.
 * Each changed field's clock gets the new time in front (sync tells descendants from rivals).
 */
export function touched<T extends BaseRecord>(record: T, at: number, changes: Partial<T> = {}): T {
	const updatedAt = Math.max(at, record.updatedAt + 1);
	const clock = { ...record.clock };
	const before = record as Record<string, unknown>;
	for (const [key, value] of Object.entries(changes)) {
		if (BOOKKEEPING.has(key) || JSON.stringify(value) === JSON.stringify(before[key])) continue;
		clock[key] = [updatedAt, ...(clock[key] ?? [record.createdAt])].slice(0, CLOCK_DEPTH);
	}
	return { ...record, ...changes, updatedAt, ...(Object.keys(clock).length ? { clock } : {}) };
}

/**
 * A short, stable number for a field's version: its name, the time it was written and its
 * value (FNV-1a). Two devices behind a faster clock can stamp different words with the same
 * time; this tells those versions apart.
 */
export function versionMark(field: string, at: number, value: unknown): number {
	return fnv1a(`${field}\u0000${at}\u0000${JSON.stringify(value)}`);
}

/**
 * A tombstoned copy of `record`. Its clock remembers which version of each field the deletion
 * saw (`deletedAt.seen`, as `versionMark`s): sync keeps a record alive when another device
 * wrote words this deletion never saw (sync/merge.ts).
 */
export function tombstoned<T extends BaseRecord>(record: T, at: number): T {
	const gone = touched(record, at, { deletedAt: Math.max(at, record.updatedAt + 1) } as Partial<T>);
	const seen = Object.entries(record)
		.filter(([f]) => !BOOKKEEPING.has(f))
		.map(([f, v]) => versionMark(f, record.clock?.[f]?.[0] ?? record.createdAt, v));
	return {
		...gone,
		clock: { ...gone.clock, 'deletedAt.seen': [...new Set(seen)].sort((a, b) => a - b) }
	};
}

/** True for a record not deleted (tombstones stay stored, for merges and sync). */
export function isLive(record: Pick<BaseRecord, 'deletedAt'>): boolean {
	return record.deletedAt === null;
}

/** The records of `all` that are not deleted. */
export function liveOnly<T extends Pick<BaseRecord, 'deletedAt'>>(all: readonly T[]): T[] {
	return all.filter(isLive);
}
