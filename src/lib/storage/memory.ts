import { isMemoryMode, withDb } from '$lib/db';

/**
 * True when the database lives only in this page's memory (opening it first, to know). Work
 * that would run in a worker (search, backups) must then run in the page: a worker would open
 * a database of its own and see none of this page's data.
 */
export async function storageIsMemoryOnly(): Promise<boolean> {
	await withDb(async () => undefined);
	return isMemoryMode();
}
