import { withDb } from '$lib/db';

/**
 * The home screen's own reads of the reading stores (kept apart from `reading/repo.ts`, whose
 * capture and import code the home screen does not need).
 */

/** Whether any live passage exists (stops at the first one). */
export async function hasPassages(): Promise<boolean> {
	return withDb(async (db) => {
		let cursor = await db.transaction('passages').store.openCursor();
		while (cursor) {
			if (cursor.value.deletedAt === null) return true;
			cursor = await cursor.continue();
		}
		return false;
	});
}
