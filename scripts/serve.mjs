// The static server for the built app (build/), used by `npm start` and the e2e tests: sirv
// (the server SvelteKit's own node adapter uses) over the prerendered pages, with clean URLs
// (/drill → drill.html) as a static host would, and the brotli or gzip files the build wrote
// beside each one (`precompress` in vite.config.ts) sent to browsers that accept them.
//
// Test hook: a request for /sw.js carrying the cookie `whetstone-sw=next` gets the worker
// script with a trailing comment, i.e. a byte-different "new version", so the update prompt
// can be tested without a second build. Browsers do not send that cookie on their own.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sirv from 'sirv';

const root = join(import.meta.dirname, '..', 'build');
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';

const files = sirv(root, {
	brotli: true,
	gzip: true,
	extensions: ['html'],
	etag: true,
	setHeaders(res, pathname) {
		res.setHeader(
			'cache-control',
			pathname.startsWith('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache'
		);
	}
});

function notFound(res) {
	res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
	res.end('Not found');
}

const server = createServer(async (req, res) => {
	try {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (url.pathname === '/sw.js' && /(?:^|;\s*)whetstone-sw=next/.test(req.headers.cookie ?? '')) {
			const body = Buffer.concat([
				await readFile(join(root, 'sw.js')),
				Buffer.from('\n// next version\n')
			]);
			res.writeHead(200, {
				'content-type': 'text/javascript; charset=utf-8',
				'cache-control': 'no-cache'
			});
			res.end(req.method === 'HEAD' ? undefined : body);
			return;
		}
		files(req, res, () => notFound(res));
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
