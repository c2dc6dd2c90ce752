import { expect, test } from '@playwright/test';
import { waitForActivatedWorker, waitForApp } from '../utils';

// This test is about the service worker (blocked by default in playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

test('the service worker activates and the app works with no network', async ({
	page,
	context
}) => {
	await page.goto('/');
	await waitForApp(page);
	await waitForActivatedWorker(page);

	await context.setOffline(true);
	try {
		await page.reload();
		await waitForApp(page);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

		const nav = page.getByRole('navigation', { name: 'Main' });
		for (const [label, heading] of [
			['Skills', 'Skills'],
			['Data', 'Your data'],
			['Drill', /drill/i]
		] as const) {
			await nav.getByRole('link', { name: label }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		}
		// A full navigation (not client-side routing) is served from the precache too.
		await page.goto('/review');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(/review/i);
	} finally {
		await context.setOffline(false);
	}
});
