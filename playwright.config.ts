import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

// Debian's Chromium on machines without Playwright's download (see scripts/browser.mjs);
// elsewhere Playwright's own browser.
const debianChromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find(
	(p) => p && existsSync(p)
);

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: true,
	forbidOnly: !!process.env.CI,
	retries: process.env.CI ? 1 : 0,
	workers: 2,
	reporter: process.env.CI ? [['list']] : [['list']],
	timeout: 30_000,
	use: {
		baseURL: 'http://localhost:4173',
		trace: 'on-first-retry',
		actionTimeout: 10_000,
		// Mobile first: the narrowest phone we design for.
		...devices['Pixel 7'],
		viewport: { width: 360, height: 740 },
		launchOptions: {
			executablePath: debianChromium,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	},
	webServer: {
		// The build comes first in `npm test`; here we only serve build/ as a static host would.
		command: 'node scripts/serve.mjs',
		port: 4173,
		reuseExistingServer: !process.env.CI
	}
});
