// Lighthouse (mobile) on the five main pages of a running build; fails under the floor.
// Usage: npm start (in another shell), then `npm run audit`. Needs Chromium (see browser.mjs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from './browser.mjs';

const FLOOR = 0.95;
const base = process.env.AUDIT_URL ?? 'http://localhost:4173';
const pages = ['/', '/drill', '/read', '/skills', '/review'];
const out = mkdtempSync(join(tmpdir(), 'whetstone-lh-'));
let failed = false;
for (const path of pages) {
	const file = join(out, `${path.replace(/\W/g, '_') || 'home'}.json`);
	execFileSync(
		'npx',
		[
			'-y',
			'lighthouse@12.8.2',
			base + path,
			'--quiet',
			'--only-categories=performance,accessibility,best-practices,seo',
			'--output=json',
			`--output-path=${file}`,
			'--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run'
		],
		{ stdio: 'inherit', env: { ...process.env, CHROME_PATH: findChromium() ?? undefined } }
	);
	const report = JSON.parse(readFileSync(file, 'utf8'));
	const scores = Object.values(report.categories).map((c) => [c.id, c.score]);
	const low = scores.filter(([, s]) => s < FLOOR);
	console.log(
		`${path.padEnd(8)} ${scores.map(([id, s]) => `${id} ${Math.round(s * 100)}`).join('  ')}`
	);
	if (low.length) failed = true;
}
if (failed) {
	console.error(`Some scores are under ${FLOOR * 100}.`);
	process.exit(1);
}
