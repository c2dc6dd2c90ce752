// A small static server for the built app (build/), used by `npm start` and the e2e tests.
// It serves prerendered pages for clean URLs (/drill → drill.html) as a static host would.
//
// Test hook: a request for /sw.js carrying the cookie `whetstone-sw=next` gets the worker
// script with a trailing comment, i.e. a byte-different "new version", so the update prompt
// can be tested without a second build. Browsers do not send that cookie on their own.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const root = join(import.meta.dirname, '..', 'build');
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8',
	'.woff2': 'font/woff2'
};

async function isFile(path) {
	try {
		return (await stat(path)).isFile();
	} catch {
		return false;
	}
}

async function resolve(pathname) {
	const clean = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
	const base = join(root, clean);
	if (!base.startsWith(root)) return null;
	for (const candidate of [base, `${base}.html`, join(base, 'index.html')]) {
		if (await isFile(candidate)) return candidate;
	}
	return null;
}

const server = createServer(async (req, res) => {
	try {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const file = await resolve(url.pathname);
		if (!file) {
			res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
			res.end('Not found');
			return;
		}
		let body = await readFile(file);
		const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
		if (url.pathname.startsWith('/_app/immutable/')) {
			headers['cache-control'] = 'public, max-age=31536000, immutable';
		} else {
			headers['cache-control'] = 'no-cache';
		}
		if (url.pathname === '/sw.js' && /(?:^|;\s*)whetstone-sw=next/.test(req.headers.cookie ?? '')) {
			body = Buffer.concat([body, Buffer.from('\n// next version\n')]);
		}
		res.writeHead(200, headers);
		res.end(req.method === 'HEAD' ? undefined : body);
	} catch (error) {
		res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
		res.end(String(error));
	}
});

server.listen(port, host, () => {
	console.log(
		`Whetstone is running at http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`
	);
});
