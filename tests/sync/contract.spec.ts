/**
 * The sync server's contract: the HTTP calls the app's client makes (src/lib/sync/couch.ts),
 * and what the server must refuse. Runs against the stand-in (scripts/sync-server.mjs) in
 * `npm test`, and against a real CouchDB 3 when COUCHDB_URL is set, e.g.
 * `COUCHDB_URL=http://admin:secret@127.0.0.1:5984 npx vitest run tests/sync` (an admin URL:
 * the suite creates two throwaway accounts; with `couch_peruser` on, CouchDB makes their
 * databases).
 *
 * The product's security is CouchDB's; the gate in front of the stand-in only imitates it.
 * This suite is what says the imitation and the real thing answer alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Couch, SyncError, userDbName, type CouchDb } from '../../src/lib/sync/couch';
import { startSyncServer } from '../../scripts/sync-server.mjs';
import { cookieFetch } from './cookie-fetch';

const external = process.env.COUCHDB_URL;
let base = '';
let admin: { user: string; password: string } | null = null;
let stop: (() => Promise<void>) | null = null;

const run = Date.now().toString(36);
const alice = { name: `alice-${run}`, password: 'correct horse' };
const bob = { name: `bob-${run}`, password: 'battery staple' };

async function problemOf(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
		return 'none';
	} catch (error) {
		if (error instanceof SyncError) return error.problem;
		throw error;
	}
}

/** An account, created as the operator would (admin) or by sign-up (stand-in). */
async function createAccount(who: { name: string; password: string }) {
	if (!admin) return new Couch(base, cookieFetch()).signUp(who.name, who.password);
	const res = await fetch(`${base}/_users/org.couchdb.user:${encodeURIComponent(who.name)}`, {
		method: 'PUT',
		headers: {
			'content-type': 'application/json',
			authorization: `Basic ${btoa(`${admin.user}:${admin.password}`)}`
		},
		body: JSON.stringify({ name: who.name, password: who.password, roles: [], type: 'user' })
	});
	expect(res.status).toBe(201);
}

async function signedIn(who: { name: string; password: string }): Promise<CouchDb> {
	const couch = new Couch(base, cookieFetch());
	await couch.signIn(who.name, who.password);
	const db = couch.db(userDbName(who.name));
	// couch_peruser makes the database shortly after the account: the client's own wait.
	expect(await db.whenExists()).toBe(true);
	return db;
}

beforeAll(async () => {
	if (external) {
		const url = new URL(external);
		if (url.username)
			admin = {
				user: decodeURIComponent(url.username),
				password: decodeURIComponent(url.password)
			};
		url.username = '';
		url.password = '';
		base = url.toString().replace(/\/+$/, '');
	} else {
		const server = await startSyncServer({ port: 0 });
		base = server.url;
		stop = server.close;
	}
	await createAccount(alice);
	await createAccount(bob);
});

afterAll(async () => {
	await stop?.();
});

describe('accounts and sessions', () => {
	it('signs in with a cookie session, names the account, and signs out', async () => {
		const couch = new Couch(base, cookieFetch());
		expect(await couch.session()).toBeNull();
		await couch.signIn(alice.name, alice.password);
		expect(await couch.session()).toBe(alice.name);
		await couch.signOut();
		expect(await couch.session()).toBeNull();
	});

	it('refuses a wrong password as such', async () => {
		const couch = new Couch(base, cookieFetch());
		expect(await problemOf(couch.signIn(alice.name, 'not it'))).toBe('wrong-password');
		expect(await problemOf(couch.signIn(`nobody-${run}`, 'x'))).toBe('wrong-password');
	});

	it('refuses to sign up a name that is taken', async () => {
		const couch = new Couch(base, cookieFetch());
		const problem = await problemOf(couch.signUp(alice.name, 'another'));
		expect(problem).toBe('name-taken');
	});

	it('answers "signed out" once the session is gone', async () => {
		const db = await signedIn(alice);
		await db.allDocs(['x']);
		const fresh = new Couch(base, cookieFetch()).db(userDbName(alice.name));
		expect(await problemOf(fresh.allDocs(['x']))).toBe('signed-out');
	});
});

describe("a person's database", () => {
	it('writes, reads revisions and bodies, and answers a stale revision with a conflict', async () => {
		const db = await signedIn(alice);
		const [first] = await db.bulkDocs([{ _id: 'doc-a', iv: 'aa', data: 'bb' }]);
		expect(first).toMatchObject({ id: 'doc-a', rev: expect.stringMatching(/^1-/) });
		const stored = await db.allDocs(['doc-a', 'missing'], true);
		expect([...stored.keys()]).toEqual(['doc-a']);
		expect(stored.get('doc-a')).toMatchObject({ iv: 'aa', data: 'bb' });

		const rev = (first as { rev: string }).rev;
		const [second] = await db.bulkDocs([{ _id: 'doc-a', _rev: rev, iv: 'cc', data: 'dd' }]);
		expect(second).toMatchObject({ rev: expect.stringMatching(/^2-/) });
		// A writer that has not seen revision 2 is told so, and nothing changes.
		const [stale] = await db.bulkDocs([{ _id: 'doc-a', _rev: rev, iv: 'ee', data: 'ff' }]);
		expect(stale).toEqual({ id: 'doc-a', error: 'conflict' });
		const [noRev] = await db.bulkDocs([{ _id: 'doc-a', iv: 'ee', data: 'ff' }]);
		expect(noRev).toEqual({ id: 'doc-a', error: 'conflict' });
		expect((await db.allDocs(['doc-a'], true)).get('doc-a')).toMatchObject({ iv: 'cc' });
	});

	it('lists changes after a position, page by page, and a long poll wakes on a write', async () => {
		const db = await signedIn(alice);
		const start = (await db.changes({ since: 'now' as string, limit: 1 })).lastSeq;
		await db.bulkDocs([
			{ _id: 'feed-1', iv: '1', data: '1' },
			{ _id: 'feed-2', iv: '2', data: '2' },
			{ _id: 'feed-3', iv: '3', data: '3' }
		]);
		const page1 = await db.changes({ since: start, limit: 2 });
		expect(page1.results.map((c) => c.id)).toEqual(['feed-1', 'feed-2']);
		expect(page1.pending).toBeGreaterThan(0);
		expect(page1.results[0].doc).toMatchObject({ _id: 'feed-1', iv: '1' });
		const page2 = await db.changes({ since: page1.lastSeq, limit: 2 });
		expect(page2.results.map((c) => c.id)).toEqual(['feed-3']);
		expect(page2.pending).toBe(0);
		const caughtUp = await db.changes({ since: page2.lastSeq });
		expect(caughtUp.results).toEqual([]);

		// A long poll from the latest position holds until something is written, then answers
		// with it: started first and awaited after the write, it must bring exactly that write
		// (if it reached the server after the write, it answers with it at once, as it should).
		const waiting = db.changes({ since: page2.lastSeq, wait: 20_000 });
		await db.bulkDocs([{ _id: 'feed-4', iv: '4', data: '4' }]);
		expect((await waiting).results.map((c) => c.id)).toEqual(['feed-4']);
		// And with nothing written it holds, answering "nothing new" only once the wait is over.
		const held = Date.now();
		const quiet = await db.changes({
			since: (await db.changes({ since: page2.lastSeq })).lastSeq,
			wait: 300
		});
		expect(quiet.results).toEqual([]);
		expect(Date.now() - held).toBeGreaterThanOrEqual(300);
		// Answered by the server itself, not by the client giving up 5 s after the wait.
		expect(Date.now() - held).toBeLessThan(5000);
	});

	it('stores bytes as attachments of one document (the snapshot), and lists them as stubs only', async () => {
		const db = await signedIn(alice);
		const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256);
		const rev1 = await db.putAttachment('snap-t', 'p0', null, bytes);
		const rev2 = await db.putAttachment('snap-t', 'p1', rev1, bytes.slice(0, 10));
		expect(rev2).not.toBe(rev1);
		// A stale revision is refused, and writes nothing.
		expect(await problemOf(db.putAttachment('snap-t', 'p2', rev1, bytes))).not.toBe('none');
		expect(await problemOf(db.getAttachment('snap-t', 'p2'))).not.toBe('none');
		expect([...(await db.getAttachment('snap-t', 'p0'))]).toEqual([...bytes]);
		expect([...(await db.getAttachment('snap-t', 'p1'))]).toEqual([...bytes.slice(0, 10)]);
		// The feed carries the document, not its bytes.
		const feed = await db.changes({ since: '0', limit: 10_000 });
		const entry = JSON.stringify(feed.results.find((c) => c.id === 'snap-t')?.doc);
		expect(entry).toContain('"stub":true');
		expect(entry.length).toBeLessThan(1000);
	});

	it('keeps a checkpoint in a _local document, which never appears in the feed', async () => {
		const db = await signedIn(alice);
		const before = (await db.changes({ since: '0', limit: 10_000 })).results.length;
		await db.putLocal('device-x', { since: '12' });
		await db.putLocal('device-x', { since: '13' });
		expect(await db.getLocal('device-x')).toMatchObject({ since: '13' });
		expect((await db.changes({ since: '0', limit: 10_000 })).results.length).toBe(before);
	});
});

describe('what the server must refuse', () => {
	it("lets another account neither read nor write a person's database", async () => {
		await (await signedIn(alice)).bulkDocs([{ _id: 'private', iv: 'x', data: 'y' }]);
		const mallory = new Couch(base, cookieFetch());
		await mallory.signIn(bob.name, bob.password);
		const theirs = mallory.db(userDbName(alice.name));
		expect(await problemOf(theirs.allDocs(['private'], true))).toBe('forbidden');
		expect(await problemOf(theirs.changes({ since: '0' }))).toBe('forbidden');
		expect(await problemOf(theirs.bulkDocs([{ _id: 'planted', iv: 'x', data: 'y' }]))).toBe(
			'forbidden'
		);
		expect(await problemOf(theirs.getLocal('device-x'))).toBe('forbidden');
		const bulkGet = await mallory.request('POST', `/${userDbName(alice.name)}/_bulk_get`, {
			body: { docs: [{ id: 'private' }] },
			ok: [401, 403]
		});
		expect(bulkGet.status).toBe(403);
		expect(await problemOf(theirs.getAttachment('snap-t', 'p0'))).toBe('forbidden');
		expect(
			await problemOf(theirs.putAttachment('snap-t', 'p9', null, new Uint8Array([1, 2, 3])))
		).toBe('forbidden');
		expect((await (await signedIn(alice)).allDocs(['planted'])).size).toBe(0);
	});

	it('lets an anonymous caller read, write or create nothing, and stays up', async () => {
		const anonymous = new Couch(base, cookieFetch());
		const theirs = anonymous.db(userDbName(alice.name));
		expect(await problemOf(theirs.allDocs(['private'], true))).toBe('signed-out');
		expect(await problemOf(theirs.bulkDocs([{ _id: 'planted' }]))).toBe('signed-out');
		expect(await problemOf(theirs.changes({ since: '0' }))).toBe('signed-out');
		expect(await problemOf(theirs.getAttachment('snap-t', 'p0'))).toBe('signed-out');
		for (const [method, path] of [
			['PUT', '/made-by-anyone'],
			['DELETE', `/${userDbName(alice.name)}`],
			['GET', '/_all_dbs'],
			['GET', `/_users/org.couchdb.user:${alice.name}`]
		]) {
			const { status } = await anonymous.request(method, path, { ok: [401, 403, 404] });
			expect([401, 403]).toContain(status);
		}
		// Still serving.
		expect(await problemOf((await signedIn(alice)).allDocs(['private']))).toBe('none');
	});

	it('does not let a person delete their database or change who may read it', async () => {
		const couch = new Couch(base, cookieFetch());
		await couch.signIn(alice.name, alice.password);
		const path = `/${userDbName(alice.name)}`;
		for (const [method, sub, body] of [
			['DELETE', '', undefined],
			['PUT', '/_security', { members: { names: [bob.name] } }]
		] as const) {
			const { status } = await couch.request(method, `${path}${sub}`, { body, ok: [401, 403] });
			expect([401, 403]).toContain(status);
		}
		expect(await couch.db(userDbName(alice.name)).exists()).toBe(true);
	});
});
