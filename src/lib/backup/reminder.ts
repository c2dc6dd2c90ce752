import { DAY } from '$lib/time/units';
export const BACKUP_REMINDER_DAYS = 14;

/**
 * Records (drills, passages, months of a skill's practice) from which a journal is worth a
 * backup: one drill makes two (the drill and its practice), so a first try is not nagged.
 */
export const WORTH_KEEPING = 3;

/**
 * Remind to back up when the browser may clear our data (storage not persistent) and the
 * last backup is older than 14 days (or there never was one) — but only once there is
 * something worth keeping (`kept`: drills, passages and blocks of practice stored).
 */
export function backupReminderDue(input: {
	persisted: boolean;
	kept: number;
	lastBackupAt: number | null;
	now: number;
}): boolean {
	if (input.persisted || input.kept < WORTH_KEEPING) return false;
	if (input.lastBackupAt === null) return true;
	return input.now - input.lastBackupAt > BACKUP_REMINDER_DAYS * DAY;
}
