// Lighthouse (mobile) on the five main pages of the built app; fails under the floor.
// Part of `npm test` (after the build). Serves build/ itself unless AUDIT_URL points at a
// running server. Needs Chromium (see browser.mjs) and the npm registry for `npx`.
//
// Scores move a point or two between runs on a busy machine, so a page under the floor is
// measured twice more and judged by the median of its three runs (Lighthouse's own advice
// for variance); the table shows every run.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from './browser.mjs';

const FLOOR = 0.95;
const PAGES = ['/', '/drill', '/read', '/skills', '/review'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const out = mkdtempSync(join(tmpdir(), 'whetstone-lh-'));

async function up(url) {
	try {
		return (await fetch(url)).ok;
	} catch {
		return false;
	}
}

let server = null;
let base = process.env.AUDIT_URL;
if (!base) {
	base = 'http://127.0.0.1:4174';
	server = spawn(process.execPath, ['scripts/serve.mjs'], {
		env: { ...process.env, PORT: '4174' },
		stdio: 'ignore'
	});
	for (let i = 0; i < 50 && !(await up(base)); i++) await new Promise((r) => setTimeout(r, 100));
}

function lighthouse(path, run) {
	const file = join(out, `${path.replace(/\W/g, '_') || 'home'}-${run}.json`);
	execFileSync(
		'npx',
		[
			'-y',
			'lighthouse@12.8.2',
			base + path,
			'--quiet',
			`--only-categories=${CATEGORIES.join(',')}`,
			'--output=json',
			`--output-path=${file}`,
			'--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run'
		],
		{ stdio: 'inherit', env: { ...process.env, CHROME_PATH: findChromium() ?? undefined } }
	);
	const report = JSON.parse(readFileSync(file, 'utf8'));
	return Object.fromEntries(CATEGORIES.map((c) => [c, report.categories[c].score]));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let failed = false;
try {
	for (const path of PAGES) {
		const runs = [lighthouse(path, 1)];
		if (CATEGORIES.some((c) => runs[0][c] < FLOOR))
			runs.push(lighthouse(path, 2), lighthouse(path, 3));
		const judged = Object.fromEntries(CATEGORIES.map((c) => [c, median(runs.map((r) => r[c]))]));
		const low = CATEGORIES.filter((c) => judged[c] < FLOOR);
		if (low.length) failed = true;
		const shown = CATEGORIES.map(
			(c) => `${c} ${runs.map((r) => Math.round(r[c] * 100)).join('/')}`
		).join('  ');
		console.log(`${path.padEnd(8)} ${shown}${low.length ? `  ← under ${FLOOR * 100}` : ''}`);
	}
} finally {
	server?.kill();
	rmSync(out, { recursive: true, force: true });
}
if (failed) {
	console.error(`Lighthouse: some scores are under ${FLOOR * 100}.`);
	process.exit(1);
}
console.log(`Lighthouse: every page scores at least ${FLOOR * 100} in every category.`);
