/**
 * A thin client of CouchDB's documented HTTP API: exactly the calls sync makes, nothing more
 * (`_session`, sign-up through `_users`, the person's own database with `_all_docs`,
 * `_bulk_docs`, `_changes` and `_local` documents). Every answer is checked before it is
 * believed; every failure becomes a `SyncError` whose message a person can act on.
 *
 * Why not PouchDB: it keeps a second database of every document beside ours (measured here:
 * 128 s to bring ten years into IndexedDB) and would replicate our records one by one; we
 * need a few hundred lines of protocol, the merge is ours anyway (the server sees only
 * ciphertext, so it can never merge), and this stays a few KB, loaded only when sync is on.
 *
 * The contract suite (tests/sync/contract.spec.ts) runs these calls against the stand-in and,
 * with COUCHDB_URL set, against a real CouchDB.
 */

export type SyncProblem =
	| 'offline' // the server could not be reached
	| 'wrong-password'
	| 'signed-out' // the session ended (expired, revoked): sign in again
	| 'forbidden'
	| 'name-taken'
	| 'sign-up-closed'
	| 'full' // the server refused to store more
	| 'garbage' // the server answered something that is not CouchDB's answer
	| 'server'; // the server failed (5xx)

export class SyncError extends Error {
	constructor(
		readonly problem: SyncProblem,
		message: string
	) {
		super(message);
		this.name = 'SyncError';
	}
}

const MESSAGES: Record<SyncProblem, string> = {
	offline:
		'The sync server cannot be reached. Your changes are kept here and sync when it is back.',
	'wrong-password': 'That account name and password do not match an account on this server.',
	'signed-out': 'You were signed out of the sync server. Sign in again to go on syncing.',
	forbidden: 'The sync server refused this account access to its data.',
	'name-taken': 'That account name is already taken on this server. Choose another, or sign in.',
	'sign-up-closed':
		'This server does not let people create accounts. Ask whoever runs it for an account.',
	full: 'The sync server is full and refused new changes. Your changes are kept here.',
	garbage:
		'The sync server answered something that is not a sync server’s answer. Check its address.',
	server: 'The sync server had a problem. Your changes are kept here; sync will try again.'
};

export function syncError(problem: SyncProblem): SyncError {
	return new SyncError(problem, MESSAGES[problem]);
}

/** A document as the server holds it: our sealed body plus CouchDB's id and revision. */
export interface ServerDoc {
	_id: string;
	_rev?: string;
	_deleted?: boolean;
	[field: string]: unknown;
}

export interface Change {
	id: string;
	seq: string;
	deleted: boolean;
	doc: ServerDoc | null;
}

export interface Changes {
	results: Change[];
	lastSeq: string;
	/** More than 0 when the server has changes after `lastSeq` (a `limit` was reached). */
	pending: number;
}

export type WriteResult = { id: string; rev: string } | { id: string; error: string };

type Fetch = typeof fetch;

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** CouchDB sequences are strings in 2.x+ and numbers in PouchDB: we keep them as text. */
const seqText = (v: unknown): string | null =>
	typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;

/** The database CouchDB's `couch_peruser` makes for `name`: `userdb-` + hex of its UTF-8. */
export function userDbName(name: string): string {
	return `userdb-${[...new TextEncoder().encode(name)]
		.map((b) => b.toString(16).padStart(2, '0'))
		.join('')}`;
}

/** The one message for a refused request. */
function failure(status: number, json: unknown): SyncError {
	const reason = isObject(json) ? `${json.error ?? ''} ${json.reason ?? ''}` : '';
	if (status === 401) return syncError('signed-out');
	if (status === 413 || status === 507 || /quota|full|space/i.test(reason)) {
		return syncError('full');
	}
	if (status === 403) return syncError('forbidden');
	if (status >= 500) return syncError('server');
	return syncError('garbage');
}

export class Couch {
	readonly url: string;

	constructor(
		serverUrl: string,
		private readonly fetcher: Fetch = (...args) => globalThis.fetch(...args)
	) {
		this.url = serverUrl.replace(/\/+$/, '');
	}

	/** One request; JSON in and out. Network faults and odd answers become SyncErrors. */
	async request(
		method: string,
		path: string,
		{
			body,
			bytes,
			signal,
			ok = []
		}: { body?: unknown; bytes?: Uint8Array<ArrayBuffer>; signal?: AbortSignal; ok?: number[] } = {}
	): Promise<{ status: number; json: unknown }> {
		const response = await this.#send(method, path, { body, bytes, signal });
		let json: unknown;
		try {
			json = JSON.parse(await response.text());
		} catch (error) {
			if (signal?.aborted) throw error;
			if (response.status >= 500) throw syncError('server');
			throw syncError('garbage');
		}
		if (response.ok || ok.includes(response.status)) return { status: response.status, json };
		throw failure(response.status, json);
	}

	/** One request whose answer is bytes (an attachment); failures as `request`. */
	async bytes(path: string, { signal }: { signal?: AbortSignal } = {}): Promise<Uint8Array> {
		const response = await this.#send('GET', path, { signal });
		if (!response.ok) {
			const json = await response.json().catch(() => null);
			if (json === null && response.status < 500) throw syncError('garbage');
			throw failure(response.status, json);
		}
		try {
			return new Uint8Array(await response.arrayBuffer());
		} catch (error) {
			if (signal?.aborted) throw error;
			throw syncError('offline');
		}
	}

	async #send(
		method: string,
		path: string,
		{
			body,
			bytes,
			signal
		}: { body?: unknown; bytes?: Uint8Array<ArrayBuffer>; signal?: AbortSignal }
	): Promise<Response> {
		try {
			return await this.fetcher(`${this.url}${path}`, {
				method,
				credentials: 'include',
				headers: {
					accept: 'application/json',
					...(bytes
						? { 'content-type': 'application/octet-stream' }
						: body === undefined
							? {}
							: { 'content-type': 'application/json' })
				},
				body: bytes ?? (body === undefined ? undefined : JSON.stringify(body)),
				signal
			});
		} catch (error) {
			if (signal?.aborted) throw error;
			throw syncError('offline');
		}
	}

	/** Create an account (CouchDB allows it unless the operator closed sign-up). */
	async signUp(name: string, password: string): Promise<void> {
		try {
			const { status } = await this.request(
				'PUT',
				`/_users/org.couchdb.user:${encodeURIComponent(name)}`,
				{
					body: { _id: `org.couchdb.user:${name}`, name, password, roles: [], type: 'user' },
					ok: [409]
				}
			);
			if (status === 409) throw syncError('name-taken');
		} catch (error) {
			if (error instanceof SyncError && error.problem === 'forbidden') {
				throw syncError('sign-up-closed');
			}
			if (error instanceof SyncError && error.problem === 'signed-out') {
				throw syncError('sign-up-closed');
			}
			throw error;
		}
	}

	/** Start a cookie session. */
	async signIn(name: string, password: string): Promise<void> {
		const { status, json } = await this.request('POST', '/_session', {
			body: { name, password },
			ok: [401]
		});
		if (status === 401) throw syncError('wrong-password');
		if (!isObject(json) || json.ok !== true) throw syncError('garbage');
	}

	/** The signed-in account's name, or null. */
	async session(): Promise<string | null> {
		const { json } = await this.request('GET', '/_session');
		if (!isObject(json) || !isObject(json.userCtx)) throw syncError('garbage');
		const name = json.userCtx.name;
		return typeof name === 'string' ? name : null;
	}

	async signOut(): Promise<void> {
		await this.request('DELETE', '/_session');
	}

	db(name: string): CouchDb {
		return new CouchDb(this, `/${encodeURIComponent(name)}`);
	}
}

export class CouchDb {
	constructor(
		private readonly couch: Couch,
		readonly path: string
	) {}

	/** Whether the database exists and this account may read it. */
	async exists(): Promise<boolean> {
		const { status } = await this.couch.request('GET', this.path, { ok: [404] });
		return status !== 404;
	}

	/**
	 * Waits for the database to exist (a new account's is made by the server shortly after the
	 * account: `couch_peruser`), asking every `every` ms for at most `within` ms; false if not.
	 */
	async whenExists({ within = 10_000, every = 250 } = {}): Promise<boolean> {
		const until = Date.now() + within;
		for (;;) {
			if (await this.exists()) return true;
			if (Date.now() >= until) return false;
			await new Promise((r) => setTimeout(r, every));
		}
	}

	/** The current revision (and, with `docs`, the body) of each id; missing ids are left out. */
	async allDocs(ids: readonly string[], docs = false): Promise<Map<string, ServerDoc>> {
		const out = new Map<string, ServerDoc>();
		if (ids.length === 0) return out;
		const { json } = await this.couch.request(
			'POST',
			`${this.path}/_all_docs${docs ? '?include_docs=true' : ''}`,
			{ body: { keys: ids } }
		);
		if (!isObject(json) || !Array.isArray(json.rows)) throw syncError('garbage');
		for (const row of json.rows) {
			if (!isObject(row) || typeof row.key !== 'string') throw syncError('garbage');
			if (row.error || !isObject(row.value) || row.value.deleted) continue;
			if (typeof row.value.rev !== 'string') throw syncError('garbage');
			const doc = docs && isObject(row.doc) ? (row.doc as ServerDoc) : null;
			out.set(row.key, doc ?? { _id: row.key, _rev: row.value.rev });
		}
		return out;
	}

	/** Write documents; each gets its new revision or its error (e.g. 'conflict'). */
	async bulkDocs(docs: readonly ServerDoc[]): Promise<WriteResult[]> {
		if (docs.length === 0) return [];
		const { json } = await this.couch.request('POST', `${this.path}/_bulk_docs`, {
			body: { docs }
		});
		if (!Array.isArray(json)) throw syncError('garbage');
		return json.map((r) => {
			if (!isObject(r) || typeof r.id !== 'string') throw syncError('garbage');
			if (typeof r.error === 'string') {
				if (r.error === 'forbidden' && /quota|full|space/i.test(String(r.reason))) {
					throw syncError('full');
				}
				return { id: r.id, error: r.error };
			}
			if (typeof r.rev !== 'string') throw syncError('garbage');
			return { id: r.id, rev: r.rev };
		});
	}

	/**
	 * Changes after `since`, with documents. With `wait`, a long poll: the server holds the
	 * request until something changes or `wait` ms pass (we also give up ourselves a little
	 * later, as some servers and proxies forget the timeout).
	 */
	async changes({
		since,
		limit = 500,
		wait,
		signal
	}: {
		since: string;
		limit?: number;
		wait?: number;
		signal?: AbortSignal;
	}): Promise<Changes> {
		const query = new URLSearchParams({
			since,
			limit: String(limit),
			include_docs: 'true',
			seq_interval: String(limit)
		});
		if (wait !== undefined) {
			query.set('feed', 'longpoll');
			query.set('timeout', String(wait));
		}
		const giveUp = new AbortController();
		const timer = wait !== undefined ? setTimeout(() => giveUp.abort(), wait + 5000) : null;
		const both = signal ? AbortSignal.any([signal, giveUp.signal]) : giveUp.signal;
		try {
			const { json } = await this.couch.request('GET', `${this.path}/_changes?${query}`, {
				signal: both
			});
			return readChanges(json, limit);
		} catch (error) {
			// Our own give-up on a forgotten long poll is "nothing new", not a failure.
			if (giveUp.signal.aborted && !signal?.aborted)
				return { results: [], lastSeq: since, pending: 0 };
			throw error;
		} finally {
			if (timer) clearTimeout(timer);
		}
	}

	/** Store `bytes` as attachment `name` of document `id` (made if new); its new revision. */
	async putAttachment(
		id: string,
		name: string,
		rev: string | null,
		bytes: Uint8Array<ArrayBuffer>
	): Promise<string> {
		const query = rev ? `?rev=${encodeURIComponent(rev)}` : '';
		const { json } = await this.couch.request(
			'PUT',
			`${this.path}/${encodeURIComponent(id)}/${encodeURIComponent(name)}${query}`,
			{ bytes }
		);
		if (!isObject(json) || typeof json.rev !== 'string') throw syncError('garbage');
		return json.rev;
	}

	/** Attachment `name` of document `id`, as stored. */
	getAttachment(id: string, name: string, signal?: AbortSignal): Promise<Uint8Array> {
		return this.couch.bytes(`${this.path}/${encodeURIComponent(id)}/${encodeURIComponent(name)}`, {
			signal
		});
	}

	async getLocal(id: string): Promise<ServerDoc | null> {
		const { status, json } = await this.couch.request('GET', `${this.path}/_local/${id}`, {
			ok: [404]
		});
		if (status === 404) return null;
		if (!isObject(json)) throw syncError('garbage');
		return json as ServerDoc;
	}

	async putLocal(id: string, body: Record<string, unknown>): Promise<void> {
		const current = await this.getLocal(id);
		await this.couch.request('PUT', `${this.path}/_local/${id}`, {
			body: { ...body, ...(current?._rev ? { _rev: current._rev } : {}) }
		});
	}
}

function readChanges(json: unknown, limit: number): Changes {
	if (!isObject(json) || !Array.isArray(json.results)) throw syncError('garbage');
	const lastSeq = seqText(json.last_seq);
	if (lastSeq === null) throw syncError('garbage');
	const results = json.results.map((r): Change => {
		const seq = isObject(r) ? seqText(r.seq) : null;
		if (!isObject(r) || typeof r.id !== 'string' || seq === null) throw syncError('garbage');
		return {
			id: r.id,
			seq,
			deleted: r.deleted === true,
			doc: isObject(r.doc) ? (r.doc as ServerDoc) : null
		};
	});
	// CouchDB says how many are left; PouchDB does not, so a full page means "ask again".
	const pending = typeof json.pending === 'number' ? json.pending : results.length >= limit ? 1 : 0;
	return { results, lastSeq, pending };
}
