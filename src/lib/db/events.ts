import type { IDBPTransaction } from 'idb';
import type { PracticeEventRecord } from './records';
import type { WhetstoneSchema } from './schema';

/**
 * Practice events, read and written inside the caller's transaction (a finished drill and
 * its event, a passage and its event, commit together). Every feature goes through these
 * few functions, so how events are stored — one record each today; grouped per skill and
 * month next (issue 14) — is this file's business alone. Tombstones are included: callers
 * that show events filter them (`liveOnly`).
 */
// idb types a transaction by the exact list of stores it spans; these functions take any
// transaction (that spans `events`: IndexedDB throws at once if not, and every caller's tests
// would fail), so the list is left open.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tx<M extends IDBTransactionMode> = IDBPTransaction<WhetstoneSchema, any, M>;
type AnyTx = Tx<IDBTransactionMode>;

const store = (tx: AnyTx) => tx.objectStore<'events'>('events');

/**
 * One skill's events in time order, with `after < at <= through` (all of them by default).
 */
export function skillEvents(
	tx: AnyTx,
	skillId: string,
	{ after = -Infinity, through = Infinity }: { after?: number; through?: number } = {}
): Promise<PracticeEventRecord[]> {
	const range = IDBKeyRange.bound([skillId, after], [skillId, through], after !== -Infinity);
	return store(tx).index('by-skill-at').getAll(range);
}

/** The events a drill or a passage logged (`sourceId`: its id). */
export function sourceEvents(tx: AnyTx, sourceId: string): Promise<PracticeEventRecord[]> {
	return store(tx).index('by-sourceId').getAll(sourceId);
}

export function getEvent(tx: AnyTx, id: string): Promise<PracticeEventRecord | undefined> {
	return store(tx).get(id);
}

/** Store a new event or a changed one (a tombstone is a change). */
export async function putEvent(tx: Tx<'readwrite'>, event: PracticeEventRecord): Promise<void> {
	await tx.objectStore<'events'>('events').put(event);
}
