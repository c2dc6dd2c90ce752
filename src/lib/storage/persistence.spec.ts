import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDb, write } from '$lib/db';
import { resetDatabase } from '$lib/db/testing';
import { requestPersistenceOnce } from './persistence';

let asked = 0;
beforeEach(async () => {
	asked = 0;
	vi.stubGlobal('navigator', {
		storage: {
			persist: async () => {
				asked++;
				return true;
			}
		}
	});
	await resetDatabase();
});
afterEach(async () => {
	vi.unstubAllGlobals();
	await closeDb();
});

describe('asking for persistent storage', () => {
	it('happens once: the answer is remembered and the browser is not asked again', async () => {
		expect(await requestPersistenceOnce(1)).toBe(true);
		expect(await requestPersistenceOnce(2)).toBeNull();
		expect(asked).toBe(1);
	});

	it('asks again when what is stored under its key is not an answer', async () => {
		await write(['meta'], (tx) =>
			tx.objectStore('meta').put({ key: 'persistRequestedAt', value: 'yes', updatedAt: 1 })
		);
		expect(await requestPersistenceOnce(2)).toBe(true);
		expect(asked).toBe(1);
	});

	it('says nothing where the browser cannot be asked', async () => {
		vi.stubGlobal('navigator', {});
		expect(await requestPersistenceOnce(1)).toBeNull();
	});
});
