import type { IDBPTransaction } from 'idb';
import { currentSeq, seqOf, withDb, write } from '$lib/db';
import type { WhetstoneSchema } from '$lib/db/schema';
import { putMany } from '$lib/db/bulk';
import { inQuarter } from '$lib/db/block-merge';
import { blockKeyText, expandBlock, type StoredBlock } from '$lib/db/blocks';
import { query } from '$lib/db/query';
import type { Keyring, Keys } from './crypto';
import { isSyncedMeta, mergeRecord, sameRecord, SYNCED_KINDS, type SyncedKind } from './merge';

/**
 * Sync's side of the database: this device's sync state (the `sync` store: never synced, never
 * backed up, never stamped), what is waiting to be pushed (records stamped after the last
 * push), and merging what comes from the server into the stores (`applyRemote`).
 */

/** Where this device syncs, and how far it has come. */
export interface SyncState {
	key: 'state';
	server: string;
	account: string;
	database: string;
	keyring: Keyring | null;
	/** Every local change stamped up to here is on the server. */
	pushedSeq: number;
	/** The server's change-feed position this device has merged up to. */
	since: string;
	lastSyncedAt: number | null;
	/** The last problem, in words, or null. */
	problem: string | null;
	online: boolean;
	/** The server ended the session: sync waits for the account password again. */
	needsSignIn?: boolean;
	/** When this device last looked at (or made) the account's snapshot. */
	snapshotCheckedAt?: number;
	/** A first sync bringing the snapshot in: pieces done of all. */
	restoring?: { done: number; total: number } | null;
}

/** One record as sync moves it: its kind, its key within the kind, the record itself. */
export interface Item {
	kind: SyncedKind;
	key: string;
	record: Record<string, unknown>;
}

const STATE = 'state';
const KEYS = 'keys';

export async function readSyncState(): Promise<SyncState | null> {
	const rec = await withDb((db) => db.get('sync', STATE));
	return (rec as SyncState | undefined) ?? null;
}

/** The sync state, live on the Sync page (any tab's change re-reads it). */
export const syncStateQuery = query(['sync'], readSyncState);

export async function saveSyncState(patch: Partial<SyncState>): Promise<SyncState | null> {
	return write(['sync'], async (tx) => {
		const store = tx.objectStore('sync');
		const current = (await store.get(STATE)) as SyncState | undefined;
		if (!current && !('server' in patch)) return null;
		const next = { ...(current as SyncState), ...patch, key: STATE } as SyncState;
		await store.put(next as never);
		return next;
	});
}

/** Start syncing with a new server or account: nothing pushed or pulled yet. */
export async function beginSync(
	server: string,
	account: string,
	database: string
): Promise<SyncState> {
	const state: SyncState = {
		key: 'state',
		server,
		account,
		database,
		keyring: null,
		pushedSeq: 0,
		since: '0',
		lastSyncedAt: null,
		problem: null,
		online: true
	};
	await write(['sync'], async (tx) => {
		await tx.objectStore('sync').put(state as never);
	});
	return state;
}

/** The unlocked keys, kept as non-extractable CryptoKeys: no page script can read them out. */
export async function saveKeys(keys: Keys): Promise<void> {
	await write(['sync'], async (tx) => {
		await tx.objectStore('sync').put({ key: KEYS, data: keys.data, ids: keys.ids });
	});
}

export async function readKeys(): Promise<Keys | null> {
	const rec = (await withDb((db) => db.get('sync', KEYS))) as
		{ data?: CryptoKey; ids?: CryptoKey } | undefined;
	return rec?.data && rec.ids ? { data: rec.data, ids: rec.ids } : null;
}

/** Stop syncing on this device: the state and keys go; the journal stays. */
export async function endSync(): Promise<void> {
	await write(['sync'], async (tx) => {
		await tx.objectStore('sync').clear();
	});
}

/**
 * A record's name within its kind, as its server document is named: a block of practice by
 * skill and first month — of its quarter (this version's documents and stored blocks), or of
 * the one month an earlier version's document holds.
 */
const keyOf = (kind: SyncedKind, record: Record<string, unknown>): string =>
	kind === 'events'
		? blockKeyText(record.skillId as string, record.month as number)
		: kind === 'meta'
			? (record.key as string)
			: (record.id as string);

/** Where a record sits in its store (a block of practice: in its quarter's block). */
const storeKey = (kind: SyncedKind, record: Record<string, unknown>): IDBValidKey =>
	kind === 'events'
		? [record.skillId as string, record.month as number]
		: ((kind === 'meta' ? record.key : record.id) as string);

/** `storeKey` as one string, for sets and maps (a record's name, with its kind). */
const storeKeyText = (kind: SyncedKind, record: Record<string, unknown>): string =>
	`${kind}\u0000${keyOf(kind, record)}`;

const withoutSeq = ({ seq: _seq, ...record }: Record<string, unknown>) => record;

/** A record as sync merges it: without this device's sequence, a block with whole events. */
function outward(kind: SyncedKind, stored: Record<string, unknown>): Record<string, unknown> {
	const record = withoutSeq(stored);
	return kind === 'events' ? expandBlock(record as unknown as StoredBlock) : record;
}

/**
 * A record as it came from the server (checked: `fromWire` has read a quarter's `from` as
 * its `month`), ready to merge: named as its document is, a block of practice stored in its
 * quarter's block (an earlier version's month joins it).
 */
export function itemOf(kind: SyncedKind, record: Record<string, unknown>): Item {
	const rest = withoutSeq(record);
	return {
		kind,
		key: keyOf(kind, record),
		record: kind === 'events' ? inQuarter(rest as { month: number }) : rest
	};
}

/** A record as this version's server document holds it (`fromWire` reads it back). */
export function wireRecord(
	kind: SyncedKind,
	record: Record<string, unknown>
): Record<string, unknown> {
	if (kind !== 'events') return record;
	const { month, ...rest } = record;
	return { ...rest, from: month };
}

/**
 * A server document's record (unchecked) as this version names its fields, and which block it
 * is if practice: a quarter's (`from`, this version's) or one month's (`month`, an earlier
 * version's). The inverse of `wireRecord`.
 */
export function fromWire(
	kind: SyncedKind,
	record: unknown
): { record: unknown; grain: 'month' | 'quarter' } {
	if (kind !== 'events' || !record || typeof record !== 'object' || !('from' in record)) {
		return { record, grain: 'month' };
	}
	const { from, ...rest } = record as Record<string, unknown>;
	return { record: { ...rest, month: from }, grain: 'quarter' };
}

/** A stored record as sync carries it. */
function storedItem(kind: SyncedKind, stored: Record<string, unknown>): Item {
	return { kind, key: keyOf(kind, stored), record: outward(kind, stored) };
}

/**
 * Local records stamped after `since` (what the server may not have), and the sequence they
 * were read at: once they are on the server, everything up to `upTo` is.
 */
export async function pendingSince(since: number): Promise<{ items: Item[]; upTo: number }> {
	const { items, upTo } = await readPending(since, false);
	return { items: items!, upTo };
}

/**
 * How many records `pendingSince` would return, without reading them (index counts): cheap
 * enough for the status on every write, even when a whole journal is waiting.
 */
export async function countPending(since: number): Promise<number> {
	return (await readPending(since, true)).count;
}

async function readPending(
	since: number,
	countOnly: boolean
): Promise<{ items: Item[] | null; count: number; upTo: number }> {
	return withDb(async (db) => {
		const tx = db.transaction([...SYNCED_KINDS, 'sequence'], 'readonly');
		const upTo = await currentSeq(tx);
		const items: Item[] = [];
		let count = 0;
		const after = IDBKeyRange.lowerBound(since, true);
		for (const kind of SYNCED_KINDS) {
			// A count reads no record where an index can count (the ranges of `stampedIn`).
			if (countOnly && (kind === 'drills' || kind === 'passages')) {
				count += await tx.objectStore(kind).index('by-seq').count(after);
				continue;
			}
			if (countOnly && kind === 'events') {
				const index = tx.objectStore('events').index('by-skill-seq');
				for (const skillId of await tx.objectStore('skills').getAllKeys()) {
					count += await index.count(
						IDBKeyRange.bound([skillId, since], [skillId, Infinity], true)
					);
				}
				continue;
			}
			for (const r of await stampedIn(tx, kind, since + 1, Infinity)) {
				if (kind === 'meta' && !isSyncedMeta(r.key as string)) continue;
				count++;
				if (!countOnly) items.push(storedItem(kind, r));
			}
		}
		await tx.done;
		return { items: countOnly ? null : items, count, upTo };
	});
}

/**
 * Records of `kind` stamped with a change sequence from `from` to `to`, through the indexes
 * that hold it: drills and passages by sequence, blocks of practice by skill and sequence (a
 * range per skill, not every block); the other kinds are few.
 */
async function stampedIn(
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	tx: IDBPTransaction<WhetstoneSchema, any, IDBTransactionMode>,
	kind: SyncedKind,
	from: number,
	to: number
): Promise<Record<string, unknown>[]> {
	if (kind === 'drills' || kind === 'passages') {
		return tx.objectStore(kind).index('by-seq').getAll(IDBKeyRange.bound(from, to));
	}
	if (kind === 'events') {
		const index = tx.objectStore<'events'>('events').index('by-skill-seq');
		const blocks: Record<string, unknown>[] = [];
		for (const skillId of await tx.objectStore('skills').getAllKeys()) {
			const range = IDBKeyRange.bound([skillId, from], [skillId, to]);
			blocks.push(...((await index.getAll(range)) as unknown as Record<string, unknown>[]));
		}
		return blocks;
	}
	const all = (await tx.objectStore(kind).getAll()) as Record<string, unknown>[];
	return all.filter((r) => seqOf(r) >= from && seqOf(r) <= to);
}

/**
 * `items` with each record once: two copies of one record (two revisions of one document in a
 * page of the feed) are merged first, since the stores are read once for all of them.
 */
function oneEach(items: readonly Item[]): readonly Item[] {
	const byKey = new Map<string, Item>();
	for (const item of items) {
		// By where it is stored: an earlier version's months of one quarter go into one block.
		const id = storeKeyText(item.kind, item.record);
		const seen = byKey.get(id);
		byKey.set(
			id,
			seen ? { ...item, record: mergeRecord(item.kind, seen.record, item.record) } : item
		);
	}
	return byKey.size === items.length ? items : [...byKey.values()];
}

/**
 * A first sync under way (`loadSnapshot`): what it may store without reading first. Kept in
 * step by `applyRemote`, one piece at a time.
 */
export interface Restore {
	/**
	 * Kinds that held no record when it began: their records are taken as new, unread, unless
	 * this restore met the same key before (a snapshot's pieces can part one quarter's months).
	 */
	fresh: Set<SyncedKind>;
	/** The change sequence when it began, then that of its own last write. */
	seq: number;
	/** Its writes (by change sequence) that hold only what the server holds. */
	clean: number[];
	/**
	 * Every record it wrote or found here, by `storeKeyText`: the change sequence the record had
	 * when it matched the server's copy (changed here since, it must go back all the same), or
	 * -1 when it did not.
	 */
	seen: Map<string, number>;
}

/**
 * Begin a first sync: the synced kinds this device holds no record of, and the change sequence
 * then, read together (a write between the two cannot slip through).
 */
export async function beginRestore(): Promise<Restore> {
	return withDb(async (db) => {
		const tx = db.transaction([...SYNCED_KINDS, 'sequence'], 'readonly');
		const fresh = new Set<SyncedKind>();
		for (const kind of SYNCED_KINDS) {
			if (kind !== 'meta' && (await tx.objectStore(kind).count()) === 0) fresh.add(kind);
		}
		const seq = await currentSeq(tx);
		await tx.done;
		return { fresh, seq, clean: [], seen: new Map() };
	});
}

/**
 * Merge records from the server into the stores, in one transaction (origin 'sync': open
 * pages refresh like after any write). Returns how many merged versions differ from the
 * server's (they must be pushed back) and how many local records changed.
 */
export async function applyRemote(
	items: readonly Item[],
	since?: string,
	{
		restore,
		state: patch = {}
	}: {
		/** A piece of a first sync (`beginRestore`); updated as it is written. */
		restore?: Restore;
		/** Also written to the sync state, in the same transaction (a restore's progress). */
		state?: Partial<SyncState>;
	} = {}
): Promise<{ differ: number; changed: number }> {
	let differ = 0;
	let changed = 0;
	if (items.length === 0) {
		const next = since === undefined ? patch : { ...patch, since };
		if (Object.keys(next).length > 0) await saveSyncState(next);
		return { differ, changed };
	}
	const unique = oneEach(items);
	const stores = [...new Set(unique.map((i) => i.kind))];
	let wroteAt = 0;
	await write(
		[...stores, 'sync'],
		async (tx) => {
			const seq = await currentSeq(tx);
			// Anything else written since this restore's last write (practice logged meanwhile,
			// here or in another tab) may share a key with what comes: from now on, every record
			// is read and merged. Every owned write takes the next number of the sequence inside
			// its own transaction, so none can come between this check and these writes.
			if (restore && seq !== restore.seq + 1) restore.fresh.clear();
			wroteAt = seq;
			const fresh: ReadonlySet<SyncedKind> = restore?.fresh ?? new Set();
			const storeOf = new Map(stores.map((kind) => [kind, tx.objectStore(kind as SyncedKind)]));
			// Every read is asked for at once, then every write: IndexedDB answers requests in
			// order within a transaction, and not waiting on each one before asking the next
			// saves a round trip per record (most of a first sync's time).
			const stored = await Promise.all(
				unique.map((item) =>
					// `fresh`: kinds a first sync brings into stores that held none of them.
					fresh.has(item.kind) && !restore?.seen.has(storeKeyText(item.kind, item.record))
						? undefined
						: (storeOf.get(item.kind)!.get(storeKey(item.kind, item.record) as never) as Promise<
								Record<string, unknown> | undefined
							>)
				)
			);
			const toWrite = new Map<SyncedKind, Record<string, unknown>[]>(stores.map((k) => [k, []]));
			for (const [i, item] of unique.entries()) {
				const found = stored[i];
				if (!found) {
					// New here: taken as it is (a first sync is almost only this).
					toWrite.get(item.kind)!.push(item.record);
					restore?.seen.set(storeKeyText(item.kind, item.record), seq);
					changed++;
					continue;
				}
				const local = outward(item.kind, found);
				// Sync merges whole events (a snapshot's come compact).
				const theirs = item.kind === 'events' ? outward(item.kind, item.record) : item.record;
				const merged = mergeRecord(item.kind, local, theirs);
				const sameAsServer = sameRecord(merged, theirs);
				if (!sameAsServer) differ++;
				// Written when it changed here, or when the server must get it back (a new stamp).
				const rewritten = !sameRecord(merged, local) || !sameAsServer;
				if (rewritten) {
					toWrite.get(item.kind)!.push(merged);
					changed++;
				}
				const asServer = !sameAsServer ? -1 : rewritten ? seq : seqOf(found);
				restore?.seen.set(storeKeyText(item.kind, item.record), asServer);
			}
			if (differ === 0) restore?.clean.push(seq);
			for (const [kind, records] of toWrite) await putMany(tx, kind, records);
			const state = (await tx.objectStore('sync').get(STATE)) as SyncState | undefined;
			if (state) {
				const next = { ...state, ...patch };
				if (since !== undefined) next.since = since;
				// Nothing of ours was waiting and nothing needs pushing back: still all pushed.
				if (differ === 0 && state.pushedSeq >= seq - 1) next.pushedSeq = seq;
				await tx.objectStore('sync').put(next);
			}
		},
		// A restore's piece can be fetched again, and what it merges with was already stored
		// for good: it need not wait for the disk on each piece.
		{ origin: 'sync', durability: restore ? 'relaxed' : 'strict' }
	);
	if (restore) restore.seq = wroteAt;
	return { differ, changed };
}

/**
 * End a first sync at feed position `since`, with exactly what the server lacks waiting to be
 * pushed. A device that held records of its own, or was written on meanwhile, cannot count
 * the restore's writes as pushed by moving `pushedSeq` past them (what waits lies below and
 * between them): instead its records the server lacks, or holds otherwise, are stamped again
 * in this one transaction, above a `pushedSeq` that now covers the rest. Otherwise the first
 * push would send the whole journal back through the server's comparison (a minute or more).
 */
export async function finishRestore(restore: Restore, since: string): Promise<void> {
	const before = await readSyncState();
	if (!before || before.pushedSeq >= restore.seq) {
		await saveSyncState({ since, restoring: null });
		return;
	}
	await write(
		[...SYNCED_KINDS, 'sync'],
		async (tx) => {
			const seq = await currentSeq(tx);
			const state = (await tx.objectStore('sync').get(STATE)) as SyncState | undefined;
			if (!state) return;
			for (const [from, to] of gapsBetween(state.pushedSeq + 1, seq - 1, restore.clean)) {
				for (const kind of SYNCED_KINDS) {
					const again = (await stampedIn(tx, kind, from, to)).filter(
						(r) =>
							(kind !== 'meta' || isSyncedMeta(r.key as string)) &&
							restore.seen.get(storeKeyText(kind, r)) !== seqOf(r)
					);
					await putMany(tx, kind, again);
				}
			}
			await tx.objectStore('sync').put({
				...state,
				since,
				restoring: null,
				pushedSeq: Math.max(state.pushedSeq, seq - 1)
			});
		},
		{ origin: 'sync' }
	);
}

/** The runs of whole numbers in [from, to] that `skip` (ascending) leaves. */
export function gapsBetween(from: number, to: number, skip: readonly number[]): [number, number][] {
	const out: [number, number][] = [];
	let start = from;
	for (const n of skip) {
		if (n < start) continue;
		if (n > to) break;
		if (n > start) out.push([start, n - 1]);
		start = n + 1;
	}
	if (start <= to) out.push([start, to]);
	return out;
}

/**
 * Every synced record on this device (tombstones too) and the change-feed position they
 * include, read together: what a snapshot holds. Blocks of practice come as stored (compact:
 * a version 2 snapshot carries them so).
 */
export async function everything(): Promise<{ items: Item[]; since: string }> {
	return withDb(async (db) => {
		const tx = db.transaction([...SYNCED_KINDS, 'sync'], 'readonly');
		const state = (await tx.objectStore('sync').get(STATE)) as SyncState | undefined;
		const items: Item[] = [];
		for (const kind of SYNCED_KINDS) {
			for (const r of (await tx.objectStore(kind).getAll()) as Record<string, unknown>[]) {
				if (kind === 'meta' && !isSyncedMeta(r.key as string)) continue;
				items.push(itemOf(kind, r));
			}
		}
		await tx.done;
		return { items, since: state?.since ?? '0' };
	});
}

/** Live skills, for joining the same skill made on two devices. */
export async function liveSkills(): Promise<{ id: string; nameKey: string; createdAt: number }[]> {
	const all = await withDb((db) => db.getAll('skills'));
	return all.filter((s) => s.deletedAt === null);
}
