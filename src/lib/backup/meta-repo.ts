import { withDb } from '$lib/db';
import { isTime, metaKey, readMeta, writeMeta } from '$lib/db/meta';

// Kept apart from the import/export code so the home page can check the backup reminder
// without loading the backup parser.

/** When the user last saved a backup file. */
export const LAST_BACKUP = metaKey('lastBackupAt', isTime);

export async function lastBackupAt(): Promise<number | null> {
	return readMeta(LAST_BACKUP);
}

/** Remember when the user last saved a backup file (for the reminder). */
export async function markBackedUp(at: number): Promise<void> {
	await writeMeta(LAST_BACKUP, at, at);
}

/** How much is stored that a backup would keep: drills, passages and blocks of practice. */
export async function keptRecords(): Promise<number> {
	return withDb(async (db) => {
		const [drills, passages, events] = await Promise.all([
			db.count('drills'),
			db.count('passages'),
			db.count('events')
		]);
		return drills + passages + events;
	});
}
