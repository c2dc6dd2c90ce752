import { query } from '$lib/db/query';
import { readKeys, readSyncState, type SyncState } from './repo';

export type { SyncState };

/** This device's sync state and whether its keys are unlocked; live across tabs. */
export const syncStatus = query(['sync'], async () => ({
	state: await readSyncState(),
	unlocked: (await readKeys()) !== null
}));
