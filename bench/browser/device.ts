import {
	chromium,
	test as base,
	type BrowserContext,
	type BrowserContextOptions
} from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import config from '../../playwright.bench.config';

/**
 * A device for the benchmarks: its own browser with a profile on disk, as a phone or a laptop
 * has. A test's usual context is off the record, and there Chromium keeps IndexedDB in memory:
 * a first sync measured 9.2–9.9 s there and 12–15 s on disk, same build, within minutes. The
 * profiles are removed when the worker ends (the browser may still be writing one just after
 * its context closes).
 */
export async function device(options: BrowserContextOptions): Promise<BrowserContext> {
	const dir = mkdtempSync(join(tmpdir(), 'whetstone-device-'));
	profiles.push(dir);
	return chromium.launchPersistentContext(dir, {
		...config.use?.launchOptions,
		serviceWorkers: 'block',
		...options
	});
}

const profiles: string[] = [];
process.on('exit', () => {
	for (const dir of profiles) rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
});

/** Playwright's `test` whose `context` and `page` are such a device, with the config's options. */
export const test = base.extend({
	context: async ({ baseURL, viewport, isMobile, hasTouch, userAgent, deviceScaleFactor }, use) => {
		const context = await device({
			baseURL,
			viewport,
			isMobile,
			hasTouch,
			userAgent,
			deviceScaleFactor
		});
		await use(context);
		await context.close();
	},
	page: async ({ context }, use) => {
		await use(context.pages()[0] ?? (await context.newPage()));
	}
});
