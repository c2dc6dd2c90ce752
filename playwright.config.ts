import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { CHROMIUM_FLAGS } from './scripts/browser.mjs';

// Debian's Chromium on machines without Playwright's download (see scripts/browser.mjs);
// elsewhere Playwright's own browser.
const debianChromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find(
	(p) => p && existsSync(p)
);

// Timeouts follow the machine: a 2-core CI box that is also running other work gets twice
// the time of a developer's 4-core laptop (and never less). They bound how long a broken
// test takes to fail; a passing test waits on what the app does and is never slowed by them.
// Two workers even on 2 cores: measured beside two CPU-bound processes, the suite took
// 7.0 min with two and 8.8 min with one (more runnable threads get a larger share of a busy
// machine); the timeouts above leave room for the slower single test.
/** Where the sync tests find the stand-in sync server (tests/e2e/sync). */
const SYNC_PORT = 5985;

const cores = availableParallelism();
const slow = Math.max(1, 4 / cores) * Number(process.env.WHETSTONE_TEST_SLOWDOWN ?? 1);

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: true,
	forbidOnly: !!process.env.CI,
	retries: process.env.CI ? 1 : 0,
	workers: Math.min(2, cores),
	reporter: [['list']],
	timeout: 60_000 * slow,
	expect: { timeout: 10_000 * slow },
	use: {
		baseURL: 'http://localhost:4173',
		trace: 'on-first-retry',
		actionTimeout: 15_000 * slow,
		navigationTimeout: 20_000 * slow,
		// Installing the service worker precaches every page and script: a burst of work in
		// each new browser context. Tests that are about offline use or updates allow it
		// (`test.use({ serviceWorkers: 'allow' })`); the rest test the app without it.
		serviceWorkers: 'block',
		// Mobile first: the narrowest phone we design for. At one device pixel per CSS pixel:
		// the Pixel's 2.6 made Chromium (software rendering here) paint seven times the pixels
		// for every frame, and no test looks at pixel density.
		...devices['Pixel 7'],
		viewport: { width: 360, height: 740 },
		deviceScaleFactor: 1,
		launchOptions: {
			executablePath: debianChromium,
			// A fake microphone (a tone) that needs no permission prompt: the recording tests.
			args: [
				...CHROMIUM_FLAGS,
				'--disable-quic',
				'--use-fake-device-for-media-stream',
				'--use-fake-ui-for-media-stream'
			]
		}
	},
	webServer: [
		{
			// The build comes first in `npm test`; here we only serve build/ as a static host would.
			command: 'node scripts/serve.mjs',
			port: 4173,
			reuseExistingServer: !process.env.CI
		},
		{
			// The sync server's stand-in (CouchDB's protocol, in memory), for the sync tests.
			command: 'node scripts/sync-server.mjs',
			port: SYNC_PORT,
			env: { PORT: String(SYNC_PORT) },
			reuseExistingServer: !process.env.CI
		}
	]
});
