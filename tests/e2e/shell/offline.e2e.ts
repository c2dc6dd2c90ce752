import { expect, test, type Request } from '@playwright/test';
import { openShare, waitForActivatedWorker, waitForApp } from '../utils';

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

test('a first visit through the share target installs the one worker; then Home, Drill and the passage open offline', async ({
	page,
	context,
	baseURL
}) => {
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	const failed: string[] = [];
	page.on('response', (r) => {
		if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
	});
	const loading = new Set<Request>();
	page.on('request', (r) => loading.add(r));
	page.on('requestfinished', (r) => loading.delete(r));
	page.on('requestfailed', (r) => {
		loading.delete(r);
		failed.push(`${r.failure()?.errorText} ${r.url()}`);
	});
	await openShare(page, { title: 'A Book Met Offline', text: 'Shared on the very first visit.' });
	await waitForActivatedWorker(page);
	const reg = await page.evaluate(async () => {
		const r = await navigator.serviceWorker.getRegistration();
		return { scope: r?.scope, script: r?.active?.scriptURL };
	});
	expect(reg).toEqual({ scope: `${baseURL}/`, script: `${baseURL}/sw.js` });

	await expect(page.getByLabel('Title of the new book')).toHaveValue('A Book Met Offline');
	await page.getByRole('button', { name: 'Save passage' }).click();
	await expect(page.getByTestId('passage-text')).toHaveText('Shared on the very first visit.');
	const passageUrl = page.url();

	// This first page is not the worker's (it loaded before it): a request of its own still
	// under way (a link under the pointer preloads its page) would fail the moment the network
	// goes — the browser's doing, not the app's. Go offline once it has nothing loading.
	await expect.poll(() => loading.size).toBe(0);
	await context.setOffline(true);
	try {
		await page.goto('/');
		await waitForApp(page);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await page.goto('/drill');
		await waitForApp(page);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(/drill/i);
		await page.goto(passageUrl);
		await waitForApp(page);
		await expect(page.getByTestId('passage-text')).toHaveText('Shared on the very first visit.');
	} finally {
		await context.setOffline(false);
	}
	expect(failed).toEqual([]);
	expect(errors, JSON.stringify(errors)).toEqual([]);
});
