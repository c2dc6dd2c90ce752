import { expect, test } from '@playwright/test';
import {
	addSkill,
	expectAccessible,
	savedSearchIndexLength,
	startWriteX,
	waitForApp
} from '../utils';

test('type to search: partial words and typos find drills, HTML stays text, a result opens the item', async ({
	page
}) => {
	await startWriteX(page, { skill: 'Giving feedback' });
	await page
		.getByLabel('Your writing')
		.fill('Say <b>exactly</b> what you observed, then stop talking.');
	await page.getByRole('button', { name: 'End now' }).click();
	await page.getByRole('button', { name: 'Save drill' }).click();
	await expect(page).toHaveURL(/\/drill\/view/);
	await addSkill(page, 'Observation');

	// "/" opens search from anywhere.
	await page.goto('/');
	await waitForApp(page);
	await page.keyboard.press('/');
	await expect(page).toHaveURL('/search');
	const box = page.getByLabel('Search drills, passages, notes and skills');
	await expect(box).toBeFocused();
	await expectAccessible(page);

	await box.fill('observ');
	await expect(page.getByRole('status')).toHaveText('2 found');
	await box.fill('observd'); // a typo
	await expect(page.getByRole('link', { name: /exactly/ })).toBeVisible();
	await expect(page.locator('mark').first()).toHaveText(/observed/i);
	await expect(page.getByText('<b>exactly</b>', { exact: false })).toBeVisible();
	await expect(page.locator('.hit b')).toHaveCount(0);

	await box.fill('observ');
	await page.getByText('Filters').click();
	await page.getByLabel('Kind').selectOption('skill');
	await expect(page.getByRole('status')).toHaveText('1 found');
	await page.getByLabel('Kind').selectOption('drill');
	await expectAccessible(page);
	await page.getByRole('link', { name: /exactly/ }).click();
	await expect(page).toHaveURL(/\/drill\/view\?id=/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Giving feedback/);
});

test('a new tab loads the saved index and catches up with what changed since', async ({
	page,
	context
}) => {
	await addSkill(page, 'Quietly negotiating');
	await page.goto('/search');
	const box = page.getByLabel('Search drills, passages, notes and skills');
	await box.fill('negotiat');
	await expect(page.getByRole('status')).toHaveText('1 found');
	// The index is saved after a quiet moment.
	await expect.poll(() => savedSearchIndexLength(page), { timeout: 15_000 }).toBeGreaterThan(0);

	// Meanwhile another skill is added; a new tab must find both.
	await addSkill(page, 'Negotiating upwards');
	const second = await context.newPage();
	await second.goto('/search');
	await waitForApp(second);
	await second.getByLabel('Search drills, passages, notes and skills').fill('negotiat');
	await expect(second.getByRole('status')).toHaveText('2 found');
	const loaded = await second.evaluate(
		() => performance.getEntriesByName('whetstone:search-loaded-index').length
	);
	expect(loaded).toBe(1); // it loaded the saved index rather than building a new one
});

test('a search worker that fails says so instead of waiting forever', async ({ page }) => {
	await page.addInitScript(() => {
		// A worker that cannot start (a browser without module workers, a crash).
		class Broken {
			onerror: ((e: Event) => void) | null = null;
			onmessage: unknown = null;
			constructor() {
				setTimeout(() => this.onerror?.(new Event('error')), 10);
			}
			postMessage() {}
			terminate() {}
		}
		(window as unknown as { Worker: unknown }).Worker = Broken;
	});
	await page.goto('/search');
	await waitForApp(page);
	await page.getByLabel('Search drills, passages, notes and skills').fill('anything');
	await expect(page.getByRole('alert')).toHaveText(/Search is not up to date: it stopped working/);
	await expectAccessible(page);
});
