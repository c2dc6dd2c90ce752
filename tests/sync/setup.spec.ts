/**
 * `npm run sync:setup` (scripts/sync-setup.mjs): it writes each setting through CouchDB's
 * config API, reads every one back and fails when one did not stick or when an anonymous
 * caller can list databases. CouchDB cannot be installed here, so it runs against a small
 * imitation of the admin API that keeps what it is told (and, for the failure cases, forgets
 * one setting or lets anyone list databases). Against a real server, the script's own
 * read-back is the check: it prints each setting as the server holds it.
 */
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

const ADMIN = `Basic ${Buffer.from('admin:s3cret pw').toString('base64')}`;
const ORIGIN = 'https://whetstone.example.org';

interface Imitation {
	url: string;
	config: Map<string, Map<string, string>>;
	/** Every config write, as `section/key = body`. */
	writes: string[];
	databases: Set<string>;
}

let server: Server | null = null;
afterEach(async () => {
	await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
	server = null;
});

const body = (req: IncomingMessage) =>
	new Promise<string>((resolve) => {
		let text = '';
		req.on('data', (chunk) => (text += chunk));
		req.on('end', () => resolve(text));
	});

/** CouchDB's admin API, as much of it as the script uses. */
async function imitation({
	forget = '',
	openListing = false
}: { forget?: string; openListing?: boolean } = {}): Promise<Imitation> {
	const config = new Map<string, Map<string, string>>();
	const writes: string[] = [];
	const databases = new Set<string>();
	server = createServer(async (req, res) => {
		const send = (status: number, json: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(json));
		};
		const path = new URL(req.url!, 'http://x').pathname;
		const admin = req.headers.authorization === ADMIN;
		if (path === '/_all_dbs' && !admin && !openListing) {
			return send(401, { error: 'unauthorized', reason: 'You are not a server admin.' });
		}
		if (path === '/_all_dbs') return send(200, [...databases]);
		if (!admin)
			return send(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' });
		if (path === '/' && req.method === 'GET') return send(200, { couchdb: 'Welcome' });
		const setting = /^\/_node\/_local\/_config\/([^/]+)(?:\/([^/]+))?$/.exec(path);
		if (setting && req.method === 'PUT' && setting[2]) {
			const [, section, key] = setting;
			const text = await body(req);
			writes.push(`${section}/${key} = ${text}`);
			const value = JSON.parse(text);
			if (typeof value !== 'string') return send(400, { error: 'bad_request' });
			const old = config.get(section)?.get(key) ?? '';
			if (`${section}/${key}` !== forget) {
				config.set(section, (config.get(section) ?? new Map()).set(key, value));
			}
			return send(200, old);
		}
		if (setting && req.method === 'GET' && !setting[2]) {
			return send(200, Object.fromEntries(config.get(setting[1]) ?? []));
		}
		const db = /^\/(_users|_replicator)$/.exec(path);
		if (db && req.method === 'PUT') {
			if (databases.has(db[1])) return send(412, { error: 'file_exists' });
			databases.add(db[1]);
			return send(201, { ok: true });
		}
		send(404, { error: 'not_found' });
	});
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://admin:s3cret%20pw@127.0.0.1:${port}`, config, writes, databases };
}

/** Run the script; its exit code and what it printed. */
function setup(...args: string[]): Promise<{ code: number; out: string }> {
	return new Promise((resolve) => {
		execFile(process.execPath, ['scripts/sync-setup.mjs', ...args], (error, stdout, stderr) => {
			resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr });
		});
	});
}

describe('sync:setup', () => {
	it('writes every setting, reads each back, and says the server is ready', async () => {
		const couch = await imitation();
		const { code, out } = await setup(couch.url, ORIGIN);
		expect(out).toContain('This CouchDB is ready for Whetstone.');
		expect(code).toBe(0);
		expect(out).not.toContain('FAIL');
		// Values go as JSON strings, which is how CouchDB's config API takes them.
		expect(couch.writes).toEqual(
			expect.arrayContaining([
				'couch_peruser/enable = "true"',
				'couch_peruser/delete_dbs = "false"',
				'chttpd/require_valid_user = "false"',
				'chttpd/enable_cors = "true"',
				'chttpd_auth/timeout = "2592000"',
				`cors/origins = "${ORIGIN}"`,
				'cors/credentials = "true"'
			])
		);
		expect(couch.config.get('cors')?.get('origins')).toBe(ORIGIN);
		expect([...couch.databases].sort()).toEqual(['_replicator', '_users']);
		expect(out).toMatch(/ok {3}an anonymous caller cannot list databases \(401\)/);
	});

	it('closes sign-up with --closed, and a second run changes nothing and passes', async () => {
		const couch = await imitation();
		expect((await setup(couch.url, ORIGIN, '--closed')).code).toBe(0);
		expect(couch.config.get('chttpd')?.get('require_valid_user')).toBe('true');
		const held = () => JSON.stringify([...couch.config].map(([s, keys]) => [s, [...keys]]));
		const before = held();
		const again = await setup(couch.url, ORIGIN, '--closed');
		expect(again.code).toBe(0);
		expect(again.out).toContain('ready for Whetstone');
		expect(held()).toBe(before);
	});

	it('fails, naming the setting, when one does not stick', async () => {
		const couch = await imitation({ forget: 'cors/origins' });
		const { code, out } = await setup(couch.url, ORIGIN);
		expect(code).toBe(1);
		expect(out).toContain(`FAIL [cors] origins = (unset) (want ${ORIGIN})`);
		expect(out).toContain('1 setting(s) need attention.');
	});

	it('fails when anyone can list the databases', async () => {
		const couch = await imitation({ openListing: true });
		const { code, out } = await setup(couch.url, ORIGIN);
		expect(code).toBe(1);
		expect(out).toContain('FAIL an anonymous caller cannot list databases (200)');
	});

	it('stops at once on a wrong admin password, changing nothing', async () => {
		const couch = await imitation();
		const { code, out } = await setup(couch.url.replace('s3cret%20pw', 'wrong'), ORIGIN);
		expect(code).toBe(1);
		expect(out).toMatch(/^Could not use http:\/\/127\.0\.0\.1:\d+ as its admin: GET \/: 401/);
		expect(couch.writes).toEqual([]);
	});

	it('asks for the admin URL when given none', async () => {
		const { code, out } = await setup();
		expect(code).toBe(2);
		expect(out).toContain('Usage: npm run sync:setup');
	});
});
