import { expect, test } from '@playwright/test';
import { waitForActivatedWorker } from '../utils';

// This test is about the service worker (blocked by default in playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

test('the app is installable', async ({ page, context }) => {
	await page.goto('/');
	await waitForActivatedWorker(page);
	const cdp = await context.newCDPSession(page);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	// Playwright's contexts are always incognito; that one is not ours to fix.
	const ours = installabilityErrors.filter((e) => e.errorId !== 'in-incognito');
	expect(ours).toEqual([]);

	const manifest = await (await page.request.get('/manifest.webmanifest')).json();
	expect(manifest).toMatchObject({
		display: 'standalone',
		start_url: '/',
		short_name: 'Whetstone'
	});
	const sizes = manifest.icons.map(
		(i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`
	);
	expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
});
