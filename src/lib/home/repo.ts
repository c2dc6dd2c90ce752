import { withDb } from '$lib/db';
import { liveOnly } from '$lib/db/record';
import type { PassageRecord } from '$lib/db/schema';

/**
 * The home screen's own reads of the reading stores (kept apart from `reading/repo.ts`, whose
 * capture and import code the home screen does not need).
 */

/**
 * Up to `count` live passages spread over the whole collection, which ones depending on
 * `seed` (a day number), with their books' titles: a sample to choose from without reading
 * every passage.
 */
export async function samplePassages(
	count: number,
	seed: number
): Promise<{ passages: PassageRecord[]; titles: Map<string, string> }> {
	return withDb(async (db) => {
		const tx = db.transaction(['passages', 'books'], 'readonly');
		const passagesStore = tx.objectStore('passages');
		const keys = await passagesStore.getAllKeys();
		const step = Math.max(1, Math.floor(keys.length / count));
		const picked: IDBValidKey[] = [];
		for (let i = seed % step; i < keys.length && picked.length < count; i += step) {
			picked.push(keys[i]);
		}
		const found = await Promise.all(picked.map((k) => passagesStore.get(k as string)));
		const passages = liveOnly(found.filter((p): p is PassageRecord => p !== undefined));
		const books = await Promise.all(
			[...new Set(passages.map((p) => p.bookId))].map((id) => tx.objectStore('books').get(id))
		);
		const titles = new Map(books.flatMap((b) => (b ? [[b.id, b.title] as const] : [])));
		return { passages, titles };
	});
}

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
