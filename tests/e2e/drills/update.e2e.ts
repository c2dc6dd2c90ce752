import { expect, test } from '@playwright/test';
import { startWriteX, waitForActivatedWorker, waitForApp } from '../utils';

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

	// Publish a "new version": the same worker script, byte-different.
	// (scripts/serve.mjs serves a byte-different worker to requests with this cookie.)
	await context.addCookies([{ name: 'whetstone-sw', value: 'next', url: baseURL! }]);
	await page.evaluate(async () => {
		const reg = await navigator.serviceWorker.getRegistration();
		await reg?.update();
	});

	const prompt = page.getByRole('status').filter({ hasText: 'Update ready.' });
	await expect(prompt).toBeVisible({ timeout: 15_000 });
	// Never by itself: the drill is still here a moment later.
	await page.waitForTimeout(500);
	await expect(page.getByLabel('Your writing')).toHaveValue(text);

	await page.getByLabel('Your writing').pressSequentially(' Then stop.', { delay: 5 });
	await prompt.getByRole('button', { name: 'Reload to update' }).click();
	await page.waitForEvent('load');
	await waitForApp(page);
	await expect(page.getByLabel('Your writing')).toHaveValue(text + ' Then stop.');
	await expect(page.getByRole('status').filter({ hasText: 'Update ready.' })).toHaveCount(0);
});
