import { query } from '$lib/db/query';
import { SYNCED_KINDS } from './merge';
import { countPending, readKeys, readSyncState, type SyncState } from './repo';

export type { SyncState };

/**
 * This device's sync state, whether its keys are unlocked and how many local changes the
 * server has yet to receive — counted from the records themselves on every write (index counts), so the
 * status never says "synced" while a change made offline is still only here.
 */
export const syncStatus = query(['sync', ...SYNCED_KINDS], async () => {
	const state = await readSyncState();
	return {
		state,
		unlocked: (await readKeys()) !== null,
		// A first sync's restore shows its own progress; what it writes is not "waiting".
		waiting: state && !state.restoring ? await countPending(state.pushedSeq) : 0
	};
});
