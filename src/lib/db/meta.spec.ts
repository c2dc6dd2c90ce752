import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, withDb, write } from '$lib/db';
import { resetDatabase } from '$lib/db/testing';
import { isObject, isTime, metaKey, metaRecord, readMeta, writeMeta } from './meta';

beforeEach(() => resetDatabase());
afterEach(() => closeDb());

const WHEN = metaKey('test:when', isTime);
const PAIR = metaKey(
	'test:pair',
	(v): v is { a: string } => isObject(v) && typeof v.a === 'string'
);

async function putRaw(key: string, value: unknown) {
	await write(['meta'], (tx) => tx.objectStore('meta').put({ key, value, updatedAt: 1 }));
}

describe('typed meta keys', () => {
	it('read back what was written, with its time', async () => {
		await writeMeta(WHEN, 1234, 99);
		expect(await readMeta(WHEN)).toBe(1234);
		expect(await withDb((db) => db.get('meta', 'test:when'))).toEqual({
			key: 'test:when',
			value: 1234,
			updatedAt: 99,
			seq: expect.any(Number)
		});
	});

	it('read as absent when nothing is stored', async () => {
		expect(await readMeta(WHEN)).toBeNull();
	});

	it('read a value that fails its check (an odd import, another version) as absent', async () => {
		for (const bad of ['1234', Number.NaN, null, { at: 1 }, [1]]) {
			await putRaw('test:when', bad);
			expect(await readMeta(WHEN)).toBeNull();
		}
		for (const bad of [{ a: 1 }, ['a'], 'a']) {
			await putRaw('test:pair', bad);
			expect(await readMeta(PAIR)).toBeNull();
		}
		await putRaw('test:pair', { a: 'yes', extra: 1 });
		expect(await readMeta(PAIR)).toEqual({ a: 'yes', extra: 1 });
	});

	it('build records for transactions that write more than meta', () => {
		expect(metaRecord(PAIR, { a: 'x' }, 5)).toEqual({
			key: 'test:pair',
			value: { a: 'x' },
			updatedAt: 5
		});
	});
});
