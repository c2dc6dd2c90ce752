import type { BaseRecord } from './records';

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

/**
 * A copy of `record` with `changes` applied and `updatedAt` moved to `at` — and always past
 * the version it was made from, even when this device's clock is behind the one that wrote
 * that version (a hybrid logical clock, per record): an edit made after seeing another
 * device's version always wins over it, and a device whose clock runs fast cannot win forever.
 * Each changed field's clock gets the new time in front (sync tells descendants from rivals).
 */
export function touched<T extends BaseRecord>(record: T, at: number, changes: Partial<T> = {}): T {
	const updatedAt = Math.max(at, record.updatedAt + 1);
	let clock = record.clock;
	for (const key of Object.keys(changes) as (keyof T & string)[]) {
		if (key === 'updatedAt' || key === 'clock' || key === 'seq') continue;
		if (JSON.stringify(changes[key]) === JSON.stringify(record[key])) continue;
		const before = clock?.[key] ?? [record.createdAt];
		clock = { ...clock, [key]: [updatedAt, ...before].slice(0, CLOCK_DEPTH) };
	}
	return { ...record, ...changes, updatedAt, ...(clock ? { clock } : {}) };
}

/** A tombstoned copy of `record`. */
export function tombstoned<T extends BaseRecord>(record: T, at: number): T {
	return touched(record, at, { deletedAt: at } as Partial<T>);
}

/** True for a record not deleted (tombstones stay stored, for merges and sync). */
export function isLive(record: Pick<BaseRecord, 'deletedAt'>): boolean {
	return record.deletedAt === null;
}

/** The records of `all` that are not deleted. */
export function liveOnly<T extends Pick<BaseRecord, 'deletedAt'>>(all: readonly T[]): T[] {
	return all.filter(isLive);
}
