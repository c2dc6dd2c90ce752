import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The in-browser benchmark (`npm run bench`): one worker, so nothing competes with what is
// measured; never part of `npm test`.
export default defineConfig({
	...base,
	testDir: 'bench/browser',
	testMatch: '**/*.browser.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 20 * 60_000,
	use: {
		...base.use,
		launchOptions: {
			...base.use?.launchOptions,
			args: [
				...(base.use?.launchOptions?.args ?? []),
				'--enable-precise-memory-info',
				'--js-flags=--expose-gc'
			]
		}
	}
});
