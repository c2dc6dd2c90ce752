import * as v from 'valibot';
import { onChange } from '$lib/db/changes';
import { blockProblem } from '$lib/db/block-merge';
import { RECORD_SCHEMAS, type EventBlockRecord } from '$lib/db/records';
import { followMerges, mergeSkills } from '$lib/skills/repo';
import { now } from '$lib/time/clock';
import { Couch, SyncError, userDbName, type CouchDb, type ServerDoc } from './couch';
import { deleteLocalDatabase } from '$lib/db';
import {
	DamagedDocumentError,
	changePassphrase,
	createKeyring,
	parseRecoveryKey,
	documentId,
	open,
	seal,
	unlock,
	type Keyring,
	type Keys,
	type Secret
} from './crypto';
import { DOC_FORMAT, KEYRING_FORMAT, NewerFormatError, refuseNewer } from './format';
import { SYNCED_KINDS, mergeRecord, sameRecord, type SyncedKind } from './merge';
import * as repo from './repo';
import { isSnapshotDoc, loadSnapshot, makeSnapshot, readManifest } from './snapshot';
import { measured } from '$lib/app/perf';

/**
 * Sync's engine, loaded only once sync is switched on (Home never downloads it). One tab
 * leads (Web Locks): it pushes this device's changes and pulls the server's; other tabs see
 * the results through the change feed like any other write.
 *
 * Push: records stamped after the last push are read, the server's current version of each is
 * fetched (`_all_docs`), merged with ours (merge.ts), and written back with its revision
 * (`_bulk_docs`); a revision conflict means another device wrote first — it is pulled and
 * merged on the next round. Nothing the server already holds is written again.
 * Pull: the change feed after the last position, then a long poll; every document is
 * decrypted, checked against the record schemas, and merged into the stores.
 */

export const SYNC_FLAG = 'whetstone-sync';
const KEYRING_ID = 'keyring';
const BATCH = 100;
const PUSH_DELAY_MS = 800;
const LONG_POLL_MS = 25_000;
const MAX_BACKOFF_MS = 60_000;
const DAY_MS = 86_400_000;
/** A snapshot older than this, with changes since, is replaced (by whichever device looks). */
const SNAPSHOT_AGE_MS = 7 * DAY_MS;

function isKeyring(value: unknown): value is Keyring {
	const k = value as Keyring | null;
	return (
		!!k &&
		k.version === KEYRING_FORMAT &&
		typeof k.salt === 'string' &&
		typeof k.iterations === 'number' &&
		typeof k.byPassphrase === 'string' &&
		typeof k.byRecoveryKey === 'string'
	);
}

/**
 * The keyring a server document holds, or null when it holds none this version can use; one
 * of a later version stops here (`NewerFormatError`).
 */
function keyringIn(doc: ServerDoc | undefined): Keyring | null {
	const keyring = doc?.keyring as { version?: unknown } | undefined;
	refuseNewer(keyring?.version, KEYRING_FORMAT);
	return isKeyring(keyring) ? keyring : null;
}

function dbOf(state: repo.SyncState): CouchDb {
	return new Couch(state.server).db(state.database);
}

async function requireState(): Promise<repo.SyncState> {
	const state = await repo.readSyncState();
	if (!state) throw new Error('Sync is not set up on this device.');
	return state;
}

// ── Setting up (the Sync page) ──────────────────────────────────────────────────────────

/** A server address as typed, or a clear refusal. */
export function serverAddress(text: string): string {
	let url: URL;
	try {
		url = new URL(text.trim());
	} catch {
		throw new Error('Type the server’s full address, starting with https://');
	}
	const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
		throw new Error(
			'The server’s address must start with https:// (your data travels encrypted, but your password must too).'
		);
	}
	return url.toString().replace(/\/+$/, '');
}

/**
 * Sign in (creating the account first when asked) and find out whether this account already
 * has a keyring (another device set up sync): then the person unlocks it, else makes one.
 */
export async function connect(
	server: string,
	account: string,
	password: string,
	{ create }: { create: boolean }
): Promise<{ hasKeyring: boolean }> {
	const name = account.trim();
	if (!name) throw new Error('Type an account name.');
	if (!password) throw new Error('Type the account’s password.');
	const couch = new Couch(server);
	if (create) await couch.signUp(name, password);
	await couch.signIn(name, password);
	const db = couch.db(userDbName(name));
	await db.whenExists();
	const keyring = keyringIn((await db.allDocs([KEYRING_ID], true)).get(KEYRING_ID));
	await repo.beginSync(server, name, userDbName(name));
	if (keyring) {
		await repo.saveSyncState({ keyring });
		return { hasKeyring: true };
	}
	return { hasKeyring: false };
}

function checkPassphrase(passphrase: string): void {
	if (passphrase.length < 10) {
		throw new Error(
			'Choose a passphrase of at least 10 characters: a few words you will remember.'
		);
	}
}

/** First device: make the keyring under `passphrase`; returns the recovery key to show once. */
export async function choosePassphrase(passphrase: string): Promise<string> {
	checkPassphrase(passphrase);
	const state = await requireState();
	const { keyring, keys, recoveryKey } = await createKeyring(passphrase);
	const [result] = await dbOf(state).bulkDocs([{ _id: KEYRING_ID, keyring }]);
	if ('error' in result) {
		throw new Error(
			'Another device has just set up sync for this account. Start again and type its passphrase.'
		);
	}
	await repo.saveKeys(keys);
	await repo.saveSyncState({ keyring });
	return recoveryKey;
}

/** Another device: unlock the account's keyring with the passphrase or the recovery key. */
export async function unlockWith(secret: Secret): Promise<void> {
	const state = await requireState();
	if (!state.keyring) throw new Error('This account has no passphrase yet.');
	const keys = await unlock(state.keyring, secret);
	await repo.saveKeys(keys);
}

/** Keys unlocked and saved: sync from now on, in this tab and whenever the app opens. */
export function switchOn(): void {
	localStorage.setItem(SYNC_FLAG, 'on');
	startSync();
}

/** Stop syncing here: sign out of the server; every record stays on this device. */
export async function signOut(): Promise<void> {
	localStorage.removeItem(SYNC_FLAG);
	stopSync();
	const state = await repo.readSyncState();
	if (state) await new Couch(state.server).signOut().catch(() => undefined);
	await repo.endSync();
}

/** The server ended the session (it expired, or was revoked): sign in again; keys stay. */
export async function signInAgain(password: string): Promise<void> {
	if (!password) throw new Error('Type the account’s password.');
	const state = await requireState();
	await new Couch(state.server).signIn(state.account, password);
	await repo.saveSyncState({ problem: null, needsSignIn: false });
	syncNow();
}

/**
 * A new passphrase, proven by the current one or the recovery key (typed in one field): the
 * data key is re-wrapped, nothing is re-encrypted, and the keyring goes to the server, where
 * the other devices pick it up (they stay unlocked).
 */
export async function newPassphrase(current: string, next: string): Promise<void> {
	checkPassphrase(next);
	const state = await requireState();
	const db = dbOf(state);
	const found = (await db.allDocs([KEYRING_ID], true)).get(KEYRING_ID);
	// A later version's keyring is never written over with this version's.
	const keyring = keyringIn(found) ?? state.keyring;
	if (!keyring) throw new Error('This account has no passphrase yet.');
	const changed = await changePassphrase(keyring, { passphrase: current }, next).catch(
		(error: unknown) => {
			// The one field also takes the recovery key.
			if (!parseRecoveryKey(current)) throw error;
			return changePassphrase(keyring, { recoveryKey: current }, next);
		}
	);
	const doc = { _id: KEYRING_ID, ...(found?._rev ? { _rev: found._rev } : {}), keyring: changed };
	const [result] = await db.bulkDocs([doc]);
	if ('error' in result) {
		throw new Error('Another device changed the passphrase at the same moment. Try again.');
	}
	await repo.saveSyncState({ keyring: changed });
}

/**
 * Forget this device's copy: only once everything made here is on the server (else a clear
 * refusal: nothing is lost), sign out and delete the whole journal on this device. The
 * account and the other devices keep everything.
 */
export async function forgetThisDevice(): Promise<void> {
	const state = await requireState();
	const { items } = await repo.pendingSince(state.pushedSeq);
	if (items.length > 0) {
		syncNow();
		throw new Error(
			`${items.length === 1 ? 'One change' : `${items.length} changes`} made here ${items.length === 1 ? 'has' : 'have'} not reached the server yet, so this copy is the only one. Sync first (check the connection), then try again.`
		);
	}
	await signOut();
	for (const key of Object.keys(localStorage)) {
		if (key.startsWith('whetstone')) localStorage.removeItem(key);
	}
	await deleteLocalDatabase();
}

/** Push and pull now (the "Sync now" button; also wakes a waiting retry). */
export function syncNow(): void {
	engine?.wake(true);
	if (!engine) startSync();
}

// ── Running ─────────────────────────────────────────────────────────────────────────────

let engine: Engine | null = null;
let starting = false;

/** Run the engine in this tab when it holds the sync lock (one tab per device leads). */
export function startSync(): void {
	if (engine || starting) return;
	starting = true;
	const run = async () => {
		engine = new Engine();
		try {
			await engine.run();
		} finally {
			engine = null;
			starting = false;
		}
	};
	if (typeof navigator !== 'undefined' && navigator.locks) {
		void navigator.locks.request('whetstone-sync', run);
	} else void run();
}

export function stopSync(): void {
	engine?.stop();
}

const sleep = (ms: number, signal: AbortSignal) =>
	new Promise<void>((resolve) => {
		const t = setTimeout(resolve, ms);
		signal.addEventListener('abort', () => {
			clearTimeout(t);
			resolve();
		});
	});

class Engine {
	#stopped = false;
	/** Aborted to cut a long poll or a wait short (a local change, "sync now", online). */
	#nap = new AbortController();
	#woken = false;
	#pushSoon: ReturnType<typeof setTimeout> | null = null;
	#pushWanted = true;
	/** Revisions this engine wrote: their echo in the change feed is not opened again. */
	#ours = new Map<string, string>();

	/** Aborted only when the engine stops: a wake-up must not cut a restore short. */
	#halt = new AbortController();

	stop() {
		this.#stopped = true;
		this.#halt.abort();
		this.#nap.abort();
	}

	wake(push = false) {
		if (push) this.#pushWanted = true;
		// Heard by the next round even when it lands between two waits (no nap to cut short).
		this.#woken = true;
		this.#nap.abort();
	}

	async run(): Promise<void> {
		const state = await repo.readSyncState();
		const keys = await repo.readKeys();
		if (!state || !keys || !state.keyring) return;
		const db = dbOf(state);
		const synced = new Set<string>(SYNCED_KINDS);
		const unsubscribe = onChange((change) => {
			if (change.origin === 'sync' || ![...change.stores].some((s) => synced.has(s))) return;
			if (this.#pushSoon) clearTimeout(this.#pushSoon);
			// Batched: a burst of writes (typing saves, an import) goes up together.
			this.#pushSoon = setTimeout(() => this.wake(true), PUSH_DELAY_MS);
		});
		const online = () => this.wake(true);
		globalThis.addEventListener?.('online', online);
		let backoff = 0;
		/** The last long poll ended with nothing new: the next round need not ask again first. */
		let quiet = false;
		try {
			while (!this.#stopped) {
				this.#nap = new AbortController();
				// Woken: ask the feed at once, whatever the last wait said.
				if (this.#woken) quiet = false;
				this.#woken = false;
				// Signed out (or forgotten) in another tab: nothing left to sync.
				if (!(await repo.readSyncState())) return;
				try {
					// A first sync starts from the account's snapshot when there is one.
					if ((await requireState()).since === '0') {
						await measured('sync-restore', () =>
							loadSnapshot(db, keys, checkedItem, this.#halt.signal)
						);
					}
					if (!quiet) await measured('sync-pull', () => this.#pull(db, keys, 0));
					quiet = false;
					let pushed = 0;
					if (this.#pushWanted) {
						this.#pushWanted = false;
						pushed = await measured('sync-push', () => this.#push(db, keys));
					}
					await repo.saveSyncState({ lastSyncedAt: now(), problem: null, online: true });
					backoff = 0;
					// All caught up (nothing pushed that the feed has yet to bring back).
					if (pushed === 0) await this.#maybeSnapshot(db, keys);
					quiet = (await this.#pull(db, keys, LONG_POLL_MS)) === 0;
				} catch (error) {
					if (this.#nap.signal.aborted && !(error instanceof SyncError)) continue;
					this.#pushWanted = true;
					const offline = error instanceof SyncError && error.problem === 'offline';
					const message =
						error instanceof SyncError ||
						error instanceof DamagedDocumentError ||
						error instanceof NewerFormatError
							? error.message
							: `Sync stopped: ${error instanceof Error ? error.message : String(error)}`;
					const signedOut = error instanceof SyncError && error.problem === 'signed-out';
					await repo
						.saveSyncState({ problem: message, online: !offline, needsSignIn: signedOut })
						.catch(() => null);
					if (signedOut) return;
					backoff = Math.min(MAX_BACKOFF_MS, backoff ? backoff * 2 : 2000);
					await sleep(backoff, this.#nap.signal);
				}
			}
		} finally {
			unsubscribe();
			globalThis.removeEventListener?.('online', online);
			if (this.#pushSoon) clearTimeout(this.#pushSoon);
		}
	}

	/**
	 * Look at the account's snapshot once a day; when there is none, or it is a week old and
	 * things changed since, this device makes the next one (it has everything up to its feed
	 * position: nothing of its own is waiting).
	 */
	async #maybeSnapshot(db: CouchDb, keys: Keys): Promise<void> {
		const state = await requireState();
		const at = now();
		if (state.snapshotCheckedAt !== undefined && at - state.snapshotCheckedAt < DAY_MS) return;
		const found = await readManifest(db, keys);
		await repo.saveSyncState({ snapshotCheckedAt: at });
		if (found) {
			const { made, since } = found.manifest;
			if (at - made < SNAPSHOT_AGE_MS || since === state.since) return;
		}
		await makeSnapshot(db, keys, at);
	}

	/** Everything stamped since the last push, merged with the server's copy, written back. */
	async #push(db: CouchDb, keys: Keys): Promise<number> {
		const state = await requireState();
		const { items, upTo } = await repo.pendingSince(state.pushedSeq);
		let clean = true;
		for (let i = 0; i < items.length; i += BATCH) {
			const batch = items.slice(i, i + BATCH);
			const ids = await Promise.all(batch.map((it) => documentId(keys, it.kind, it.key)));
			const remote = await db.allDocs(ids, true);
			const docs: ServerDoc[] = [];
			const mergedHere: repo.Item[] = [];
			for (const [n, item] of batch.entries()) {
				const theirs = remote.get(ids[n]);
				const theirRecord = theirs ? (await readDoc(keys, theirs))?.record : undefined;
				const merged = theirRecord ? mergeRecord(item.kind, item.record, theirRecord) : item.record;
				if (theirRecord && sameRecord(merged, theirRecord)) continue;
				if (!sameRecord(merged, item.record)) mergedHere.push({ ...item, record: merged });
				const record = repo.wireRecord(item.kind, merged);
				const sealed = await seal(keys, ids[n], { kind: item.kind, record });
				docs.push({
					_id: ids[n],
					...(theirs?._rev ? { _rev: theirs._rev } : {}),
					v: DOC_FORMAT,
					...sealed
				});
			}
			const results = await db.bulkDocs(docs);
			for (const r of results) {
				if ('error' in r) clean = false;
				else this.#ours.set(r.id, r.rev);
			}
			if (mergedHere.length > 0) await repo.applyRemote(mergedHere);
		}
		if (clean) {
			const latest = await requireState();
			if (latest.pushedSeq < upTo) await repo.saveSyncState({ pushedSeq: upTo });
		} else {
			// Someone wrote first: pull their version, merge, and push again.
			this.#pushWanted = true;
		}
		return items.length;
	}

	/**
	 * The change feed after our position (with `wait`, one long poll), merged in. Returns how
	 * many changes its last page held (0 after a long poll: nothing new).
	 */
	async #pull(db: CouchDb, keys: Keys, wait: number): Promise<number> {
		for (;;) {
			const state = await requireState();
			const feed = await db.changes({
				since: state.since,
				limit: 200,
				...(wait ? { wait, signal: this.#nap.signal } : {})
			});
			const items: repo.Item[] = [];
			for (const change of feed.results) {
				if (!change.doc || change.deleted || isSnapshotDoc(change.id)) continue;
				// Our own write coming back: nothing new to open or merge.
				if (this.#ours.get(change.id) === change.doc._rev) continue;
				if (change.id === KEYRING_ID) {
					const keyring = keyringIn(change.doc);
					if (keyring) await repo.saveSyncState({ keyring });
					continue;
				}
				const item = await readDoc(keys, change.doc);
				if (item) items.push(item);
			}
			const { differ } = await repo.applyRemote(items, feed.lastSeq);
			if (differ > 0) this.#pushWanted = true;
			// The same skill made here and elsewhere becomes one; what another device filed under
			// a skill merged away (or we did, before hearing of its merge) follows the merge. What
			// either writes here goes up in this round's push (not after a timer's wake-up).
			const joined = items.some((i) => i.kind === 'skills') ? await joinSameNamedSkills(items) : 0;
			const moved = items.length > 0 ? await followMerges(now()) : 0;
			if (joined + moved > 0) this.#pushWanted = true;
			if (feed.pending === 0 || wait) return feed.results.length;
		}
	}
}

/**
 * A record as sync carries it (`{ kind, record }`), checked against its schema; or null. A
 * block of practice comes as a quarter (`from`: its first month) or, from an earlier version,
 * as one month (`month`); either must hold only its own skill's events of its own time.
 */
export function checkedItem(value: unknown): repo.Item | null {
	const body = value as { kind?: unknown; record?: unknown } | null;
	const kind = body?.kind as SyncedKind;
	if (!SYNCED_KINDS.includes(kind)) return null;
	const { record, grain } = repo.fromWire(kind, body?.record);
	const checked = v.safeParse(RECORD_SCHEMAS[kind], record);
	if (!checked.success) return null;
	if (kind === 'events' && blockProblem(checked.output as EventBlockRecord, grain)) return null;
	return repo.itemOf(kind, checked.output as Record<string, unknown>);
}

/** A server document opened and checked: what it holds, or a refusal naming the fault. */
async function readDoc(keys: Keys, doc: ServerDoc): Promise<repo.Item | null> {
	refuseNewer(doc.v, DOC_FORMAT);
	if (typeof doc.iv !== 'string' || typeof doc.data !== 'string') {
		throw new DamagedDocumentError();
	}
	const item = checkedItem(await open(keys, doc._id, { iv: doc.iv, data: doc.data }));
	if (!item) throw new DamagedDocumentError();
	// The id is bound into the ciphertext, and must also be this record's own name.
	if ((await documentId(keys, item.kind, item.key)) !== doc._id) throw new DamagedDocumentError();
	return item;
}

/**
 * The same skill made on two devices (two ids, one name) becomes one, as an import joins
 * them: every device keeps the older one (then the smaller id), so all make the same choice.
 * No block of practice is rewritten (see `mergeSkills`). Returns how many skills were joined.
 */
async function joinSameNamedSkills(items: readonly repo.Item[]): Promise<number> {
	let joined = 0;
	const all = await repo.liveSkills();
	const byName = new Map<string, { id: string; createdAt: number }[]>();
	for (const s of all) byName.set(s.nameKey, [...(byName.get(s.nameKey) ?? []), s]);
	const touchedNames = new Set(
		items.filter((i) => i.kind === 'skills').map((i) => i.record.nameKey as string)
	);
	for (const name of touchedNames) {
		const same = (byName.get(name) ?? []).sort(
			(a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)
		);
		for (const extra of same.slice(1)) {
			// Refused when one of them went meanwhile: the next pull sees the new state.
			const merged = await mergeSkills(extra.id, same[0].id, now()).then(
				() => true,
				() => false
			);
			if (merged) joined++;
		}
	}
	return joined;
}
