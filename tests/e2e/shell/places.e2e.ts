import { expect, test } from '@playwright/test';
import { PLACES, expectAccessible, waitForApp } from '../utils';

test('home loads and passes the accessibility scan', async ({ page }) => {
	await page.goto('/');
	await waitForApp(page);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expectAccessible(page);
});

for (const place of PLACES) {
	test(`${place.nav} loads from the navigation and passes the accessibility scan`, async ({
		page
	}) => {
		await page.goto('/');
		await waitForApp(page);
		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: place.nav })
			.click();
		await expect(page).toHaveURL(place.path);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(place.heading);
		await expect(
			page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: place.nav })
		).toHaveAttribute('aria-current', 'page');
		await expectAccessible(page);
	});
}

test.describe('dark theme', () => {
	test.use({ colorScheme: 'dark' });
	test('follows the system setting and stays accessible', async ({ page }) => {
		await page.goto('/data');
		await waitForApp(page);
		const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
		expect(bg).toBe('rgb(17, 23, 25)');
		await expectAccessible(page);
	});
});

test('desktop width shows the navigation beside the content', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.goto('/skills');
	const nav = await page.getByRole('navigation', { name: 'Main' }).boundingBox();
	const main = await page.locator('main').boundingBox();
	expect(nav && main && nav.x + nav.width <= main.x).toBe(true);
});
