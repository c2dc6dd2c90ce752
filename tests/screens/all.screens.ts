import { test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { journal, screens, seedJournal } from '../e2e/journal';

const OUT = join(import.meta.dirname, '..', '..', 'docs', 'screens');
const WIDTHS = [360, 1280] as const;
const SCHEMES = ['light', 'dark'] as const;
const MAX_HEIGHT = 2400;
const backup = journal(Date.now());

for (const width of WIDTHS) {
	for (const scheme of SCHEMES) {
		test(`${width} px, ${scheme}`, async ({ browser }) => {
			test.setTimeout(5 * 60_000);
			const context = await browser.newContext({
				viewport: { width, height: width < 600 ? 740 : 800 },
				colorScheme: scheme
			});
			const page = await context.newPage();
			await seedJournal(page, backup);
			const dir = join(OUT, `${width}-${scheme}`);
			mkdirSync(dir, { recursive: true });
			for (const screen of screens(backup)) {
				await screen.open(page);
				// Nothing half-drawn: fonts in, charts loaded, no animation caught mid-way.
				await page.evaluate(() => document.fonts.ready);
				await page.waitForLoadState('networkidle');
				// The whole page, up to about three screens' worth (a long history is a long list).
				const height = await page.evaluate(() => document.documentElement.scrollHeight);
				await page.screenshot({
					path: join(dir, `${screen.name}.jpg`),
					fullPage: true,
					clip: { x: 0, y: 0, width, height: Math.min(height, MAX_HEIGHT) },
					type: 'jpeg',
					quality: 60,
					animations: 'disabled'
				});
			}
			await context.close();
		});
	}
}

test.afterAll(() => {
	const names = screens(backup).map((s) => s.name);
	const lines = [
		'# Every screen',
		'',
		'Written by `npm run screens` (a few months of generated records; dates follow the day it',
		'ran). Phone: 360 px wide; laptop: 1280 px. Light and dark follow the system setting. Long\npages are cut after 2,400 px.',
		''
	];
	for (const name of names) {
		lines.push(`## ${name}`, '');
		for (const width of WIDTHS) {
			lines.push(
				SCHEMES.map((s) => `![${name}, ${width} px, ${s}](${width}-${s}/${name}.jpg)`).join(' '),
				''
			);
		}
	}
	writeFileSync(join(OUT, 'README.md'), lines.join('\n'));
});
