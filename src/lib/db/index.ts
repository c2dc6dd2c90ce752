import { errorText } from '$lib/errors';
import { openDB, unwrap, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { DB_VERSION, createCurrentShape } from './shape';
import type { Migration } from './migrations';
import { STORE_NAMES, type WhetstoneSchema } from './schema';
import {
	MigrationError,
	NeedsReloadError,
	NewerDatabaseError,
	StorageFullError,
	isQuotaError,
	toStorageError
} from './errors';
import { committed } from './changes';
import { compactBlock, type StoredBlock } from './blocks';

export type Db = IDBPDatabase<WhetstoneSchema>;
export type Store = StoreNames<WhetstoneSchema>;
export { DB_VERSION };
export const DB_NAME = 'whetstone';

/** What the database tells the app shell, so it can tell the user. */
export type DbEvent =
	| { type: 'blocked' } // another tab holds an older version open
	| { type: 'versionchange' } // another tab wants a newer version: we closed, reload needed
	| { type: 'terminated' } // the browser closed the connection (we reopen once)
	| { type: 'memory'; reason: string } // IndexedDB unusable: data lives only in this tab
	| { type: 'write-failed'; message: string }
	| { type: 'written'; stores: Store[] } // a write of this tab committed (storage works again)
	| { type: 'upgrading'; done: number; total: number }; // a migration is converting records

type Listener = (event: DbEvent) => void;
const listeners = new Set<Listener>();

/** Subscribe to database events; returns the unsubscribe function. */
export function onDbEvent(listener: Listener): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

function emit(event: DbEvent) {
	for (const l of listeners) l(event);
}

/** The named migrations, loaded only when a database on disk is older than this code. */
let migrations: readonly Migration[] | null = null;
async function loadMigrations(): Promise<readonly Migration[]> {
	migrations ??= (await import('./migrations')).MIGRATIONS;
	return migrations;
}

/**
 * Open (and upgrade) the database `name`. Exported for tests; the app uses `getDb()`.
 * An unknown newer on-disk version is refused, never guessed at. A new database is made in
 * its current shape at once; an older one is migrated step by step: the first try stops at
 * the upgrade, the migrations are loaded, and the second try runs them (a current database,
 * every visit but the first after an update, neither loads them nor pays a second open).
 */
export async function openWhetstoneDb(
	name: string,
	hooks: { onVersionChange?: () => void; onTerminated?: () => void } = {}
): Promise<Db> {
	try {
		return await openOnce(name, hooks);
	} catch (error) {
		if (!(error instanceof MigrationsNotLoaded)) throw error;
		await loadMigrations();
		return openOnce(name, hooks);
	}
}

/** The upgrade met an older database before its migrations were loaded: load, then retry. */
class MigrationsNotLoaded extends Error {}

async function openOnce(
	name: string,
	hooks: { onVersionChange?: () => void; onTerminated?: () => void }
): Promise<Db> {
	let migrationFailure: MigrationError | null = null;
	let notLoaded = false;
	try {
		const db = await openDB<WhetstoneSchema>(name, DB_VERSION, {
			upgrade(database, oldVersion, _newVersion, tx) {
				// An aborted upgrade is reported by `openDB` itself (below), not by `done`.
				tx.done.catch(() => undefined);
				if (oldVersion === 0) {
					createCurrentShape(database as never, tx as never);
					return;
				}
				if (!migrations) {
					notLoaded = true;
					tx.abort();
					return;
				}
				const pending = migrations.filter((m) => m.version > oldVersion);
				// Chain the migrations on the upgrade transaction; awaiting only its requests
				// keeps it alive. A failing step aborts everything, leaving the old data as it was.
				let chain = Promise.resolve();
				for (const m of pending) {
					chain = chain.then(() =>
						// Migrations see loosely typed stores: the shape of their own time.
						m.up(database as never, tx as never, (done, total) =>
							emit({ type: 'upgrading', done, total })
						)
					);
					chain = chain.catch((cause) => {
						if (!migrationFailure) migrationFailure = new MigrationError(m.name, cause);
						throw cause;
					});
				}
				chain.catch(() => {
					try {
						tx.abort();
					} catch {
						// Already aborted by the failing request.
					}
				});
			},
			blocked() {
				emit({ type: 'blocked' });
			},
			blocking() {
				// A newer version is waiting for us: save what is pending (briefly), then step
				// aside so it never hangs.
				void runBeforeClose().finally(() => {
					db.close();
					hooks.onVersionChange?.();
					emit({ type: 'versionchange' });
				});
			},
			terminated() {
				hooks.onTerminated?.();
				emit({ type: 'terminated' });
			}
		});
		return db;
	} catch (error) {
		if (notLoaded) throw new MigrationsNotLoaded();
		if (migrationFailure) throw migrationFailure;
		if (error instanceof DOMException && error.name === 'VersionError') {
			const found = await existingVersion(name);
			throw new NewerDatabaseError(found ?? DB_VERSION + 1, DB_VERSION);
		}
		throw error;
	}
}

async function existingVersion(name: string): Promise<number | null> {
	try {
		const all = await indexedDB.databases?.();
		return all?.find((d) => d.name === name)?.version ?? null;
	} catch {
		return null;
	}
}

type BeforeClose = () => Promise<void>;
const beforeClose = new Set<BeforeClose>();
const BEFORE_CLOSE_LIMIT_MS = 1500;

/**
 * Work to finish (e.g. saving the drill draft) when another tab needs this connection closed
 * for an upgrade. Gets at most 1.5 s; returns the unregister function.
 */
export function onBeforeVersionClose(hook: BeforeClose): () => void {
	beforeClose.add(hook);
	return () => beforeClose.delete(hook);
}

async function runBeforeClose(): Promise<void> {
	const all = Promise.allSettled([...beforeClose].map((h) => h()));
	await Promise.race([all, new Promise((r) => setTimeout(r, BEFORE_CLOSE_LIMIT_MS))]);
}

let dbPromise: Promise<Db> | null = null;
let closedForUpgrade = false;
let memoryMode = false;

/** True when IndexedDB could not be used and data lives only in this tab. */
export function isMemoryMode(): boolean {
	return memoryMode;
}

async function openWithFallback(): Promise<Db> {
	const hooks = {
		onVersionChange: () => {
			closedForUpgrade = true;
			dbPromise = null;
		},
		onTerminated: () => {
			dbPromise = null;
		}
	};
	const start = performance.now();
	try {
		if (typeof indexedDB === 'undefined') throw new Error('This browser has no IndexedDB.');
		const db = await openWhetstoneDb(DB_NAME, hooks);
		// For the benchmark: opening includes any upgrade of the stored data.
		performance.measure('whetstone:db-open', { start, end: performance.now() });
		return db;
	} catch (error) {
		if (error instanceof NewerDatabaseError || error instanceof MigrationError) throw error;
		if (isQuotaError(error)) throw toStorageError(error);
		// Some private modes refuse IndexedDB outright. Keep the app usable for this visit
		// with an in-memory database behind the same code, and say so.
		await import('fake-indexeddb/auto');
		memoryMode = true;
		emit({ type: 'memory', reason: errorText(error) });
		return openWhetstoneDb(DB_NAME, hooks);
	}
}

/** The app's database connection, opened on first use (never on import). */
export function getDb(): Promise<Db> {
	if (closedForUpgrade) return Promise.reject(new NeedsReloadError());
	if (!dbPromise) {
		dbPromise = openWithFallback();
		dbPromise.catch(() => {
			dbPromise = null;
		});
	}
	return dbPromise;
}

function isClosedConnection(error: unknown): boolean {
	return error instanceof DOMException && error.name === 'InvalidStateError';
}

/**
 * Run `fn` against the database. If the browser closed the connection under us
 * (`terminated`), reopen and retry once; errors come back in words a user understands.
 */
export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
	try {
		return await fn(await getDb());
	} catch (error) {
		if (isClosedConnection(error) && !closedForUpgrade) {
			dbPromise = null;
			try {
				return await fn(await getDb());
			} catch (retryError) {
				throw toStorageError(retryError);
			}
		}
		if (isClosedConnection(error) && closedForUpgrade) throw new NeedsReloadError();
		throw toStorageError(error);
	}
}

export type WriteTx<S extends Store[]> = IDBPTransaction<WhetstoneSchema, S, 'readwrite'>;

/** The stores whose records carry the change sequence: every store a person owns. */
const SEQUENCED: ReadonlySet<Store> = new Set(STORE_NAMES);

/**
 * Take the next number of the change sequence, inside `tx` (which spans `sequence`): writes
 * that share a store are serialised by IndexedDB, so no two get the same number, whichever
 * tab they come from.
 */
async function nextSeq(tx: IDBPTransaction<WhetstoneSchema, Store[], 'readwrite'>) {
	const seq = (await currentSeq(tx)) + 1;
	await tx.objectStore('sequence').put({ key: 'seq', value: seq });
	return seq;
}

/** Calls `fn` on `target` itself: idb's wrappers look their object up by identity. */
function forward(target: object, prop: string | symbol) {
	const value = Reflect.get(target, prop, target);
	return typeof value === 'function' ? value.bind(target) : value;
}

/**
 * `tx` as the feature code sees it: every record put or added to an owned store is stamped
 * with `seq` (a copy: the caller's object is left alone), and a block of practice is stored
 * in its compact form (`compactBlock`). No feature can forget either.
 */
function stamping<T extends object>(tx: T, seq: number): T {
	const stamp = (store: object, name: Store) =>
		new Proxy(store, {
			get(target, prop) {
				if (prop !== 'put' && prop !== 'add') return forward(target, prop);
				const method = Reflect.get(target, prop, target) as (v: object, k?: unknown) => unknown;
				return (value: object, key?: unknown) =>
					method.call(target, stored(name, value, seq), ...(key === undefined ? [] : [key]));
			}
		});
	const view = new Proxy(tx, {
		get(target, prop) {
			if (prop !== 'objectStore') return forward(target, prop);
			return (name: Store) => {
				const store = (target as unknown as WriteTx<Store[]>).objectStore(name);
				return SEQUENCED.has(name) ? stamp(store, name) : store;
			};
		}
	});
	stamps.set(view, { seq, raw: unwrap(tx as unknown as IDBPTransaction) });
	return view;
}

/** A record as an owned store keeps it: stamped, and a block of practice in compact form. */
export function stored(name: Store, value: object, seq: number): object {
	return { ...(name === 'events' ? compactBlock(value as StoredBlock) : value), seq };
}

/** Each `write` transaction's stamp and plain IndexedDB transaction (for `putMany`). */
const stamps = new WeakMap<object, { seq: number; raw: IDBTransaction }>();

/**
 * What `tx` (a `write` transaction) stamps records with, and its plain IndexedDB transaction;
 * null for any other. For `putMany` (bulk.ts), which writes past idb's wrappers.
 */
export function stampOf(tx: object): { seq: number; raw: IDBTransaction } | null {
	return stamps.get(tx) ?? null;
}

/**
 * One read-write transaction over `stores` with strict durability (the journal's words are
 * flushed to disk before we report success). Throwing inside `fn` aborts the whole thing.
 * Records written to owned stores are stamped with the change sequence (`Sequenced`).
 */
export async function write<S extends Store[], T>(
	stores: S,
	fn: (tx: WriteTx<S>) => Promise<T>,
	{
		origin = 'here',
		durability = 'strict'
	}: {
		origin?: 'here' | 'sync';
		/** 'relaxed' only for what can be fetched again (a snapshot coming from the server). */
		durability?: 'strict' | 'relaxed';
	} = {}
): Promise<T> {
	const sequenced = stores.some((s) => SEQUENCED.has(s));
	const scope: Store[] = sequenced ? [...stores, 'sequence'] : stores;
	try {
		const result = await withDb(async (db) => {
			const tx = db.transaction(scope, 'readwrite', { durability });
			try {
				const view = sequenced ? stamping(tx, await nextSeq(tx)) : tx;
				const value = await fn(view as unknown as WriteTx<S>);
				await tx.done;
				return value;
			} catch (error) {
				// The aborted transaction's `done` rejects too; we report `error` instead.
				tx.done.catch(() => undefined);
				try {
					tx.abort();
				} catch {
					// The transaction already finished or aborted on its own.
				}
				// Prefer the transaction's own error (e.g. QuotaExceededError) when there is one.
				throw tx.error ?? error;
			}
		});
		emit({ type: 'written', stores });
		committed(stores, origin);
		return result;
	} catch (error) {
		const err = toStorageError(error);
		// Storage faults are announced app-wide; a refusal from our own checks inside the
		// transaction (a plain Error) is the caller's to show beside its form.
		const storageFault =
			err instanceof StorageFullError ||
			err instanceof NeedsReloadError ||
			error instanceof DOMException;
		if (storageFault) emit({ type: 'write-failed', message: err.message });
		throw err;
	}
}

/** Close the connection (tests, and before a deliberate reload). */
export async function closeDb(): Promise<void> {
	const pending = dbPromise;
	dbPromise = null;
	closedForUpgrade = false;
	if (pending) (await pending.catch(() => null))?.close();
}

/**
 * Delete this device's whole database: the Sync page's "forget this device's copy", once the
 * journal is safe on the server. Other tabs get a `versionchange` and close their connection
 * (see `blocking` above); until they have, the deletion waits.
 */
export async function deleteLocalDatabase(): Promise<void> {
	await closeDb();
	await new Promise<void>((resolve, reject) => {
		const request = indexedDB.deleteDatabase(DB_NAME);
		request.onsuccess = () => resolve();
		request.onerror = () => reject(toStorageError(request.error));
	});
}

/**
 * The change sequence as of `tx` (which must span `sequence`): every record written so far is
 * stamped at or below it. Derived data made in the same transaction remembers it.
 */
export async function currentSeq(
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	tx: IDBPTransaction<WhetstoneSchema, any, IDBTransactionMode>
): Promise<number> {
	return ((await tx.objectStore<'sequence'>('sequence').get('seq'))?.value ?? 0) as number;
}

/** The change sequence a record was stamped with (0: before there was one). */
export function seqOf(record: object): number {
	return (record as { seq?: number }).seq ?? 0;
}
