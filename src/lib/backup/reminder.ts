import { DAY } from '$lib/time/units';
export const BACKUP_REMINDER_DAYS = 14;

/**
 * Remind to back up when the browser may clear our data (storage not persistent) and the
 * last backup is older than 14 days (or there never was one) — but only once there is
 * something worth keeping.
 */
export function backupReminderDue(input: {
	persisted: boolean;
	hasData: boolean;
	lastBackupAt: number | null;
	now: number;
}): boolean {
	if (input.persisted || !input.hasData) return false;
	if (input.lastBackupAt === null) return true;
	return input.now - input.lastBackupAt > BACKUP_REMINDER_DAYS * DAY;
}
