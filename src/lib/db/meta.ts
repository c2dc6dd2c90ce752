import { withDb, write } from './index';
import type { MetaRecord } from './records';

/**
 * Typed keys for the `meta` store. The store holds free-form values (a backup, another
 * device or an older version may have put anything under a key), so each key comes with the
 * check its value must pass on the way out: a value that fails it reads as absent, never as
 * a wrongly typed value. The checks are written by hand, not with valibot: some run on the
 * home screen, whose first load has a budget (valibot would add 2.1 KB).
 *
 * Keys in use (each declared beside the code that owns it): `lastBackupAt` (backup/meta-repo),
 * `reviewDay`, `plan:<week>`, `reviewed:<week>` (review/repo), `readingSession`
 * (reading/repo), `persistRequestedAt` (storage/persistence), `revisitPerDay` (revisit/repo).
 */
export interface MetaKey<T> {
	readonly key: string;
	readonly check: (value: unknown) => value is T;
}

export function metaKey<T>(key: string, check: (value: unknown) => value is T): MetaKey<T> {
	return { key, check };
}

/** The value under `k`, or null when there is none or it fails the key's check. */
export async function readMeta<T>(k: MetaKey<T>): Promise<T | null> {
	const rec = await withDb((db) => db.get('meta', k.key));
	return rec !== undefined && k.check(rec.value) ? rec.value : null;
}

/** The record that stores `value` under `k`, for a transaction that writes more than meta. */
export function metaRecord<T>(k: MetaKey<T>, value: T, at: number): MetaRecord {
	return { key: k.key, value, updatedAt: at };
}

/** Store `value` under `k`, alone in its transaction. */
export async function writeMeta<T>(k: MetaKey<T>, value: T, at: number): Promise<void> {
	await write(['meta'], async (tx) => {
		await tx.objectStore('meta').put(metaRecord(k, value, at));
	});
}

// Checks shared by several keys.

/** An epoch-milliseconds time. */
export function isTime(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

export function isBoolean(value: unknown): value is boolean {
	return typeof value === 'boolean';
}

/** A plain object (not null, not an array), to read fields from. */
export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
