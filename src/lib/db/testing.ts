import { DB_NAME, closeDb, withDb } from './index';
import { expandBlock } from './blocks';
import type { PracticeEventRecord } from './records';

/** Tests only: close the app's connection and delete the database (on fake-indexeddb). */
export async function resetDatabase(): Promise<void> {
	await closeDb();
	await new Promise<void>((resolve) => {
		const r = indexedDB.deleteDatabase(DB_NAME);
		r.onsuccess = r.onerror = r.onblocked = () => resolve();
	});
}

/** Tests only: every stored practice event (tombstones included), read out of its block. */
export async function storedEvents(): Promise<PracticeEventRecord[]> {
	const blocks = await withDb((db) => db.getAll('events'));
	return blocks.flatMap((b) => expandBlock(b).events);
}
