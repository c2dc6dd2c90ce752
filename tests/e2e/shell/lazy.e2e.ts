import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { addSkill, waitForApp } from '../utils';

/**
 * Heavy libraries load only where they are used: charts (d3) on Review and a skill's page
 * after their text, on Skills only once there is a skill to draw; the search index
 * (MiniSearch, in a worker) on Search; Papa Parse on a CSV import. The chunk files are found
 * in the build's manifest.
 */
const manifest = JSON.parse(
	readFileSync('.svelte-kit/output/client/.vite/manifest.json', 'utf8')
) as Record<string, { file: string; name?: string }>;
const fileOf = (pred: (key: string, name?: string) => boolean) =>
	Object.entries(manifest)
		.filter(([key, v]) => pred(key, v.name))
		.map(([, v]) => `/${v.file}`);
const HEAVY = {
	charts: fileOf((_, name) => name === 'd3-scale' || name === 'd3-shape'),
	csv: fileOf((key) => key === 'src/lib/reading/csv.ts'),
	search: ['/_app/immutable/workers/']
};

/** Scripts `path` requests until the network is idle — and, if given, until `shown` is visible. */
async function loadedScripts(page: Page, path: string, shown?: string): Promise<string[]> {
	const urls: string[] = [];
	const listen = (r: { url(): string }) => urls.push(new URL(r.url()).pathname);
	page.on('request', listen);
	await page.goto(path);
	await waitForApp(page);
	// A page that draws once its data is read may ask for the chart code after a quiet moment.
	if (shown) await expect(page.locator(shown)).toBeVisible();
	await page.waitForLoadState('networkidle');
	page.off('request', listen);
	return urls;
}

const uses = (urls: string[], files: string[]) =>
	files.some((f) => urls.some((u) => u.startsWith(f)));

test('pages load no chart, search or CSV library they do not need', async ({ page }) => {
	expect(HEAVY.charts).toHaveLength(2);
	expect(HEAVY.csv).toHaveLength(1);
	for (const path of [
		'/',
		'/drill',
		'/drill/history',
		'/read',
		'/read/import',
		'/data',
		'/skills'
	]) {
		const urls = await loadedScripts(page, path);
		expect({ path, charts: uses(urls, HEAVY.charts) }).toEqual({ path, charts: false });
		expect({ path, search: uses(urls, HEAVY.search) }).toEqual({ path, search: false });
		expect({ path, csv: uses(urls, HEAVY.csv) }).toEqual({ path, csv: false });
	}
	// …and they do load where they are used, so the checks above can fail.
	expect(uses(await loadedScripts(page, '/review'), HEAVY.charts)).toBe(true);
	await addSkill(page, 'Listening');
	expect(uses(await loadedScripts(page, '/skills', '.spark svg'), HEAVY.charts)).toBe(true);
	expect(uses(await loadedScripts(page, '/search'), HEAVY.search)).toBe(true);
});
