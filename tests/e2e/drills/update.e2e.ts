import { expect, test } from '@playwright/test';
import { startWriteX, waitForActivatedWorker, waitForApp } from '../utils';

// This test is about the service worker (blocked by default in playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

test('an update arriving mid-drill waits for the user, then restores the same draft', async ({
	page,
	context,
	baseURL
}) => {
	await page.goto('/');
	await waitForApp(page);
	await waitForActivatedWorker(page);
	await startWriteX(page, { skill: 'Running a meeting' });
	const text = 'Start with the decision you need. End with who does what.';
	await page.getByLabel('Your writing').fill(text);

	// Marks this document: a reload (even one that restores the text) would lose it.
	await page.evaluate(
		() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true)
	);
	const sameDocument = () =>
		page.evaluate(
			() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true
		);

	// Publish a "new version": the same worker script, byte-different.
	// (scripts/serve.mjs serves a byte-different worker to requests with this cookie.)
	await context.addCookies([{ name: 'whetstone-sw', value: 'next', url: baseURL! }]);
	await page.evaluate(async () => {
		const reg = await navigator.serviceWorker.getRegistration();
		await reg?.update();
	});

	const prompt = page.getByRole('status').filter({ hasText: 'Update ready.' });
	await expect(prompt).toBeVisible();
	// Never by itself: the new version waits (installed, not active) and the page is the same
	// document, through the whole time the writer goes on typing.
	await expect
		.poll(() =>
			page.evaluate(async () => {
				const reg = await navigator.serviceWorker.getRegistration();
				return reg?.waiting?.state ?? 'none';
			})
		)
		.toBe('installed');
	await page.getByLabel('Your writing').pressSequentially(' Then stop.', { delay: 5 });
	expect(await sameDocument()).toBe(true);
	await expect(page.getByLabel('Your writing')).toHaveValue(text + ' Then stop.');
	await prompt.getByRole('button', { name: 'Reload to update' }).click();
	await page.waitForEvent('load');
	await waitForApp(page);
	expect(await sameDocument()).toBe(false);
	await expect(page.getByLabel('Your writing')).toHaveValue(text + ' Then stop.');
	await expect(page.getByRole('status').filter({ hasText: 'Update ready.' })).toHaveCount(0);
});
