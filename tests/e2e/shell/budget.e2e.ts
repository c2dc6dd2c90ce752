import { expect, test } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { waitForActivatedWorker, waitForApp } from '../utils';

// This test is about the service worker (blocked by default in playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

/**
 * Client JS of Home, gzipped, in two parts.
 * - First load: what the prerendered page names (its module preloads and entry imports) —
 *   everything the browser fetches before Home can hydrate and respond. At most 45 KB: a bare
 *   SvelteKit + Svelte page is ~33 KB of it; the layout, the database core and the clock the
 *   rest. (62 KB until the home screen's journal-dependent parts moved after the first paint.)
 * - Everything Home loads until the network is idle (a first visit, service worker excluded):
 *   the first load plus what loads after the first paint — the drill in progress, the plan,
 *   due skills, the backup reminder, today's Revisit (the year's heatmap loads only once there
 *   is practice). At most 70 KB (68 until Revisit's daily read, 1.4 KB, joined it: 68.4 KB).
 */
const FIRST_LOAD_BUDGET_BYTES = 45 * 1024;
const UNTIL_IDLE_BUDGET_BYTES = 70 * 1024;

test('the first load of Home stays within the JS budget', async ({ page, request }) => {
	const scripts = new Map<string, number>();
	page.on('response', async (response) => {
		const url = new URL(response.url());
		if (!url.pathname.endsWith('.js') || response.status() !== 200) return;
		// The service worker's own scripts are not page JS.
		if (/\/(sw|workbox-[\w-]+)\.js$/.test(url.pathname)) return;
		const body = await response.body().catch(() => null);
		if (body) scripts.set(url.pathname, gzipSync(body, { level: 9 }).length);
	});
	await page.goto('/');
	await waitForApp(page);
	await waitForActivatedWorker(page);
	await page.waitForLoadState('networkidle');

	// What the prerendered page itself names: preloads and the entry's imports.
	const html = await (await request.get('/')).text();
	const named = new Set(
		[...html.matchAll(/(?:href="|import\(")\.?(\/_app\/[^"]+\.js)"/g)].map((m) => m[1])
	);
	expect(named.size).toBeGreaterThan(0);
	const first = [...named].reduce((n, path) => {
		const size = scripts.get(path);
		expect(size, `${path} was named by the page and loaded`).toBeDefined();
		return n + (size ?? 0);
	}, 0);
	const total = [...scripts.values()].reduce((a, b) => a + b, 0);
	console.log(
		`Home JS: first load ${(first / 1024).toFixed(1)} KB (${first} bytes) gzipped in ${named.size} files; ` +
			`${(total / 1024).toFixed(1)} KB in ${scripts.size} files until idle`
	);
	expect(first).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
	expect(total).toBeLessThanOrEqual(UNTIL_IDLE_BUDGET_BYTES);
});
