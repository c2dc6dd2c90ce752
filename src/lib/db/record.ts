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

/** A copy of `record` with `changes` applied and `updatedAt` moved to `at`. */
export function touched<T extends BaseRecord>(record: T, at: number, changes: Partial<T> = {}): T {
	return { ...record, ...changes, updatedAt: Math.max(at, record.updatedAt) };
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
