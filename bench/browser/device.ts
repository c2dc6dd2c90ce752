import {
	chromium,
	test as base,
	type BrowserContext,
	type BrowserContextOptions
} from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
	const context = await chromium.launchPersistentContext(dir, {
		...config.use?.launchOptions,
		serviceWorkers: 'block',
		...options
	});
	profileOf.set(context, dir);
	return context;
}

const profileOf = new WeakMap<BrowserContext, string>();

/**
 * Bytes the device's browser process has written into files so far (Linux's `write_bytes`,
 * counted as pages are dirtied, files deleted later included): where IndexedDB's database
 * lives, so the difference across a step is what LevelDB wrote for it, logs and compactions
 * included. Null where /proc cannot tell.
 */
export function bytesWritten(context: BrowserContext): number | null {
	const dir = profileOf.get(context);
	if (!dir) return null;
	try {
		for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
			let cmd: string;
			try {
				cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
			} catch {
				continue; // Gone meanwhile.
			}
			// The browser process itself: its children are started with a --type.
			if (!cmd.includes(`--user-data-dir=${dir}`) || cmd.includes('--type=')) continue;
			const io = /^write_bytes: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
			return io ? Number(io[1]) : null;
		}
	} catch {
		// No /proc here.
	}
	return null;
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
