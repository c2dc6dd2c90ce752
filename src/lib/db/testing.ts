import { DB_NAME, closeDb } from './index';

/** Tests only: close the app's connection and delete the database (on fake-indexeddb). */
export async function resetDatabase(): Promise<void> {
	await closeDb();
	await new Promise<void>((resolve) => {
		const r = indexedDB.deleteDatabase(DB_NAME);
		r.onsuccess = r.onerror = r.onblocked = () => resolve();
	});
}
