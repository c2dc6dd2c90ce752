import type { SyncState } from './repo';

/** "Synced 2 minutes ago · 3 changes waiting · offline": sync's state in words. */
export function syncWords(state: SyncState, waiting: number, now: number): string {
	const parts: string[] = [];
	if (state.lastSyncedAt === null) parts.push('Not synced yet');
	else {
		const minutes = Math.floor((now - state.lastSyncedAt) / 60_000);
		parts.push(
			minutes < 1
				? 'Synced just now'
				: minutes < 60
					? `Synced ${minutes} minute${minutes === 1 ? '' : 's'} ago`
					: `Synced ${Math.floor(minutes / 60)} h ago`
		);
	}
	if (waiting > 0) {
		parts.push(`${waiting} change${waiting === 1 ? '' : 's'} waiting`);
	}
	if (!state.online) parts.push('offline');
	return parts.join(' · ');
}
