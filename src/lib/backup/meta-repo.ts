import { withDb, write } from '$lib/db';

// Kept apart from the import/export code so the home page can check the backup reminder
// without loading the backup parser.

export const LAST_BACKUP_KEY = 'lastBackupAt';

export async function lastBackupAt(): Promise<number | null> {
	const rec = await withDb((db) => db.get('meta', LAST_BACKUP_KEY));
	return typeof rec?.value === 'number' ? rec.value : null;
}

/** Remember when the user last saved a backup file (for the reminder). */
export async function markBackedUp(at: number): Promise<void> {
	await write(['meta'], async (tx) => {
		await tx.objectStore('meta').put({ key: LAST_BACKUP_KEY, value: at, updatedAt: at });
	});
}

/** Whether there is anything worth backing up yet. */
export async function hasAnyData(): Promise<boolean> {
	return withDb(async (db) => {
		const [skills, drills, events] = await Promise.all([
			db.count('skills'),
			db.count('drills'),
			db.count('events')
		]);
		return skills + drills + events > 0;
	});
}
