// `npm run sync:setup -- <admin URL> [app origin] [--closed]`: configure an Apache CouchDB 3 for
// Whetstone's sync through its HTTP API, then read every setting back and say what is wrong.
// Example: npm run sync:setup -- https://admin:secret@couch.example.org https://whetstone.example.org
// With --closed, people cannot create accounts themselves (the operator makes them).
// See docs/sync-server.md. Idempotent: run it again after an upgrade to check the settings.
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const closed = process.argv.includes('--closed');
if (!args[0]) {
	console.error('Usage: npm run sync:setup -- <admin URL> [app origin] [--closed]');
	process.exit(2);
}
const admin = new URL(args[0]);
const origin = args[1] ?? 'https://whetstone.example.org';
const auth = `Basic ${Buffer.from(`${decodeURIComponent(admin.username)}:${decodeURIComponent(admin.password)}`).toString('base64')}`;
admin.username = '';
admin.password = '';
const base = admin.toString().replace(/\/+$/, '');

async function call(method, path, body) {
	const res = await fetch(`${base}${path}`, {
		method,
		headers: { authorization: auth, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
	return JSON.parse(text);
}

/** section → key → value: what Whetstone needs. */
const SETTINGS = {
	couch_peruser: { enable: 'true', delete_dbs: 'false', q: '1' },
	chttpd: { require_valid_user: closed ? 'true' : 'false', enable_cors: 'true' },
	chttpd_auth: { timeout: '2592000', allow_persistent_cookies: 'true', same_site: 'Lax' },
	cors: {
		origins: origin,
		credentials: 'true',
		methods: 'GET, PUT, POST, HEAD, DELETE',
		headers: 'accept, authorization, content-type, origin, referer'
	},
	couchdb: { max_document_size: '8000000' }
};

const node = '/_node/_local/_config';
try {
	await call('GET', '/');
} catch (error) {
	// Nothing is changed on a server we cannot reach or sign in to as its admin.
	console.error(`Could not use ${base} as its admin: ${error.message}`);
	process.exit(1);
}
for (const [section, keys] of Object.entries(SETTINGS)) {
	for (const [key, value] of Object.entries(keys)) {
		await call('PUT', `${node}/${section}/${key}`, value);
	}
}
for (const db of ['_users', '_replicator']) {
	await fetch(`${base}/${db}`, { method: 'PUT', headers: { authorization: auth } });
}

let wrong = 0;
for (const [section, keys] of Object.entries(SETTINGS)) {
	const actual = await call('GET', `${node}/${section}`);
	for (const [key, value] of Object.entries(keys)) {
		const ok = actual[key] === value;
		if (!ok) wrong++;
		console.log(
			`${ok ? 'ok  ' : 'FAIL'} [${section}] ${key} = ${actual[key] ?? '(unset)'}${ok ? '' : ` (want ${value})`}`
		);
	}
}
const anonymous = await fetch(`${base}/_all_dbs`);
const refused = anonymous.status === 401 || anonymous.status === 403;
if (!refused) wrong++;
console.log(
	`${refused ? 'ok  ' : 'FAIL'} an anonymous caller cannot list databases (${anonymous.status})`
);
console.log(
	wrong === 0 ? '\nThis CouchDB is ready for Whetstone.' : `\n${wrong} setting(s) need attention.`
);
process.exit(wrong === 0 ? 0 : 1);
