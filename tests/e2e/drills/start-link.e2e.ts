import { expect, test } from '@playwright/test';
import { dumpDatabase, waitForApp } from '../utils';

// A home-screen suggestion is a link with start=1: one tap starts the drill. On a slow phone
// the page takes seconds to come alive; the start must still happen, exactly once.
test('a start link on a slow phone starts the drill, once', async ({ page }) => {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
	await page.goto(
		'/drill?kind=write-x&skill=' + encodeURIComponent('Giving feedback') + '&start=1'
	);
	await expect(page).toHaveURL('/drill/run');
	await expect(page.getByLabel('Your writing')).toBeVisible();
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
	await expect(page.getByRole('heading', { level: 2 })).toHaveText(
		/^Giving feedback: how do you do it/
	);
	await page.getByLabel('Your writing').fill('Ask first.');
	await page.getByRole('button', { name: 'End now' }).click();
	await page.getByRole('button', { name: 'Save drill' }).click();
	await expect(page).toHaveURL(/\/drill\/view\?id=/);

	// Back through history to the setup page: the start link is not followed a second time.
	await page.goBack();
	await page.goBack();
	await expect(page).toHaveURL(/\/drill\?kind=write-x/);
	await waitForApp(page);
	await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Drill in progress' })).toHaveCount(0);
	const drafts = (await dumpDatabase(page)).drafts as { deletedAt: number | null }[];
	expect(drafts.filter((d) => d.deletedAt === null)).toEqual([]);
});

test('a start link that cannot start says why instead of doing nothing', async ({ page }) => {
	await page.goto('/drill?kind=x-is-y&skill=' + encodeURIComponent('Listening') + '&start=1');
	await waitForApp(page);
	await expect(page.getByRole('alert')).toHaveText(/Choose a skill you are already good at/);
	await expect(page).toHaveURL(/\/drill\?/);
});
