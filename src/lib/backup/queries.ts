import { query } from '$lib/db/query';
import { storageInfo } from '$lib/storage/persistence';
import { now } from '$lib/time/clock';
import { keptRecords, lastBackupAt } from './meta-repo';
import { backupReminderDue } from './reminder';

/** When the last backup was exported (null: never). */
export const lastBackup = query(['meta'], () => lastBackupAt());

/** Whether to remind the user to export a backup (data at risk, none exported lately). */
export const backupReminder = query(['meta', 'drills', 'passages', 'events'], async () => {
	const [info, kept, last] = await Promise.all([storageInfo(), keptRecords(), lastBackupAt()]);
	return backupReminderDue({ persisted: info.persisted, kept, lastBackupAt: last, now: now() });
});
