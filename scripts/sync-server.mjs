// eslint-disable-next-line @typescript-eslint/ban-ts-comment -- untyped test infrastructure
// @ts-nocheck -- plain JavaScript; its HTTP answers are checked by the contract suite.
// A stand-in for Apache CouchDB 3, for tests and local try-outs of sync: `npm run sync:server`
// (port 5984, or PORT), and Playwright's webServer in `npm test` (port 5985).
//
// CouchDB cannot be installed on these machines; express-pouchdb (PouchDB 7.3.1, memory
// adapter) speaks its replication protocol. Stock, it lets any caller read any database and
// crashes on some authenticated requests, so everything passes through a small gate that
// plays the parts of CouchDB the app relies on for accounts:
// - `PUT /_users/org.couchdb.user:<name>` signs up (as CouchDB allows by default) and creates
//   the person's database `userdb-<hex of name>`, as `couch_peruser` does;
// - `/_session` (cookie sessions, 10 minutes sliding, like CouchDB's default) and Basic auth;
// - a caller reaches only their own database, and inside it not `_security` or `_design`;
//   everything else is refused with CouchDB's own answers (401 anonymous, 403 others);
// - CORS for the app's origins (SYNC_ORIGINS), with credentials;
// - a long poll with nothing new is answered "nothing new" once its `timeout` has passed.
// The gate is test infrastructure, not the product's security: production relies on
// CouchDB's per-user databases (docs/sync-server.md); the contract suite
// (tests/sync/contract.spec.ts) checks the same answers against a real CouchDB.
// Data lives in memory: stopping the server forgets every account.
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import memory from 'pouchdb-adapter-memory';
import mapreduce from 'pouchdb-mapreduce';
import replication from 'pouchdb-replication';
import { pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const SESSION_MS = 10 * 60 * 1000;

const json = (res, status, body, headers = {}) => {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
};

const unauthorized = (res, reason = 'You are not authorized to access this db.') =>
	json(res, 401, { error: 'unauthorized', reason });
const forbidden = (res, reason = 'You are not allowed to access this db.') =>
	json(res, 403, { error: 'forbidden', reason });

/** The database `couch_peruser` makes for `name`. */
export const userDbName = (name) => `userdb-${Buffer.from(name, 'utf8').toString('hex')}`;

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

async function readJson(req) {
	const text = await readBody(req);
	if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(text));
	}
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

function cookies(req) {
	const out = {};
	for (const part of (req.headers.cookie ?? '').split(';')) {
		const i = part.indexOf('=');
		if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
	}
	return out;
}

/**
 * Start the stand-in on `port` (0: any free port) of loopback. Returns the URL and `close`.
 */
export async function startSyncServer({
	port = 5984,
	host = '127.0.0.1',
	origins = ['http://localhost:4173', 'http://127.0.0.1:4173'],
	signUp = true
} = {}) {
	const Pouch = PouchDB.plugin(memory)
		.plugin(mapreduce)
		.plugin(replication)
		.defaults({ adapter: 'memory' });
	/** name → { salt, hash } */
	const users = new Map();
	/** token → { name, expires } */
	const sessions = new Map();

	const hash = (password, salt) => pbkdf2Sync(password, salt, 10_000, 32, 'sha256');
	const checkPassword = (name, password) => {
		const user = users.get(name);
		if (!user || typeof password !== 'string') return false;
		return timingSafeEqual(user.hash, hash(password, user.salt));
	};

	/** Who is calling: a live session cookie or Basic auth; null for anonymous. */
	function caller(req) {
		const token = cookies(req).AuthSession;
		const session = token && sessions.get(token);
		if (session && session.expires > Date.now()) {
			session.expires = Date.now() + SESSION_MS;
			return session.name;
		}
		const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
		if (basic) {
			const [name, ...rest] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
			if (checkPassword(name, rest.join(':'))) return name;
		}
		return null;
	}

	const app = express();
	app.disable('x-powered-by');

	app.use((req, res, next) => {
		const origin = req.headers.origin;
		if (origin && origins.includes(origin)) {
			res.setHeader('access-control-allow-origin', origin);
			res.setHeader('access-control-allow-credentials', 'true');
			res.setHeader('vary', 'Origin');
			if (req.method === 'OPTIONS') {
				res.writeHead(204, {
					'access-control-allow-methods': 'GET, PUT, POST, DELETE, HEAD',
					'access-control-allow-headers': 'accept, authorization, content-type',
					'access-control-max-age': '600'
				});
				res.end();
				return;
			}
		}
		next();
	});

	app.all('/', (req, res) =>
		json(res, 200, { couchdb: 'Welcome', version: '3-standin', vendor: { name: 'Whetstone' } })
	);

	app.all('/_session', async (req, res) => {
		if (req.method === 'GET') {
			return json(res, 200, {
				ok: true,
				userCtx: { name: caller(req), roles: [] },
				info: { authentication_handlers: ['cookie', 'default'], authentication_db: '_users' }
			});
		}
		if (req.method === 'DELETE') {
			const token = cookies(req).AuthSession;
			if (token) sessions.delete(token);
			return json(res, 200, { ok: true }, { 'set-cookie': 'AuthSession=; Path=/; Max-Age=0' });
		}
		if (req.method !== 'POST') return json(res, 405, { error: 'method_not_allowed' });
		const body = await readJson(req);
		if (!body || !checkPassword(body.name, body.password)) {
			return unauthorized(res, 'Name or password is incorrect.');
		}
		const token = randomBytes(24).toString('base64url');
		sessions.set(token, { name: body.name, expires: Date.now() + SESSION_MS });
		return json(
			res,
			200,
			{ ok: true, name: body.name, roles: [] },
			{ 'set-cookie': `AuthSession=${token}; Version=1; Path=/; HttpOnly; SameSite=Lax` }
		);
	});

	app.put(/^\/_users\/org\.couchdb\.user:(.+)$/, async (req, res) => {
		const name = decodeURIComponent(req.params[0]);
		if (!signUp) return forbidden(res, 'Sign-up is closed on this server.');
		const body = await readJson(req);
		if (!body || body.name !== name || body.type !== 'user' || typeof body.password !== 'string') {
			return json(res, 400, { error: 'bad_request', reason: 'Not a user document.' });
		}
		if (Array.isArray(body.roles) && body.roles.length > 0) {
			return forbidden(res, 'Only _admin may set roles');
		}
		if (users.has(name))
			return json(res, 409, { error: 'conflict', reason: 'Document update conflict.' });
		const salt = randomBytes(16);
		users.set(name, { salt, hash: hash(body.password, salt) });
		await new Pouch(userDbName(name)).info();
		return json(res, 201, { ok: true, id: `org.couchdb.user:${name}`, rev: '1-standin' });
	});

	app.use((req, res, next) => {
		const name = caller(req);
		const [, db = '', sub = ''] = /^\/([^/?]*)\/?([^?]*)/.exec(req.url) ?? [];
		if (!db.startsWith('userdb-')) {
			return name ? forbidden(res, 'You are not a server admin.') : unauthorized(res);
		}
		if (!name) return unauthorized(res);
		if (decodeURIComponent(db) !== userDbName(name)) return forbidden(res);
		// The database itself is made and removed by the server, as with couch_peruser.
		if (!sub && req.method !== 'GET' && req.method !== 'HEAD') {
			return forbidden(res, 'You are not a server admin.');
		}
		if (sub.startsWith('_security') || (sub.startsWith('_design') && req.method !== 'GET')) {
			return forbidden(res, 'Only admins can change this.');
		}
		// The engine behind the gate knows nothing of accounts: it gets no credentials.
		delete req.headers.authorization;
		delete req.headers.cookie;
		next();
	});

	// A long poll with nothing new: CouchDB holds it until something is written or `timeout`
	// ms pass, then answers "nothing new". express-pouchdb never times out (it writes a newline
	// every 6 s until a write comes), so the gate does the waiting and hands the request on as
	// an ordinary one once there is something to send.
	const polled = new Map();
	app.get(/^\/(userdb-[0-9a-f]+)\/_changes$/, async (req, res, next) => {
		if (req.query.feed !== 'longpoll') return next();
		const name = req.params[0];
		if (!polled.has(name)) polled.set(name, new Pouch(name));
		const db = polled.get(name);
		const since = /^\d+$/.test(String(req.query.since ?? '0'))
			? Number(req.query.since ?? 0)
			: req.query.since;
		const timeout = Math.min(Number(req.query.timeout) || 60_000, 60_000);
		delete req.query.feed;
		delete req.query.timeout;
		delete req.query.heartbeat;
		let head;
		try {
			head = await db.changes({ since, limit: 1 });
		} catch {
			return next(); // The engine answers with its own error.
		}
		if (head.results.length > 0) return next();
		const arrived = await new Promise((resolve) => {
			const feed = db.changes({ since: head.last_seq, live: true });
			const done = (value) => {
				clearTimeout(timer);
				feed.cancel();
				res.off('close', gone);
				resolve(value);
			};
			const timer = setTimeout(() => done(false), timeout);
			const gone = () => done(null);
			feed.on('change', () => done(true));
			feed.on('error', () => done(true));
			res.on('close', gone);
		});
		if (arrived === null) return; // The caller went away.
		if (arrived) return next();
		return json(res, 200, { results: [], last_seq: head.last_seq, pending: 0 });
	});

	app.use(
		expressPouchDB(Pouch, {
			mode: 'minimumForPouchDB',
			inMemoryConfig: true,
			logPath: '/dev/null'
		})
	);

	const server = await new Promise((resolve) => {
		const s = app.listen(port, host, () => resolve(s));
	});
	const url = `http://${host}:${server.address().port}`;
	return {
		url,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			})
	};
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const port = Number(process.env.PORT ?? 5984);
	const origins = (process.env.SYNC_ORIGINS ?? 'http://localhost:4173,http://127.0.0.1:4173')
		.split(',')
		.map((o) => o.trim())
		.filter(Boolean);
	const { url } = await startSyncServer({ port, origins, signUp: process.env.SIGN_UP !== 'off' });
	console.log(`Sync stand-in (CouchDB protocol, in memory) on ${url} for ${origins.join(', ')}`);
}
