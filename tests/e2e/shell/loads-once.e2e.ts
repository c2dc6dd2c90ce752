import { expect, test } from '@playwright/test';
import { waitForApp } from '../utils';

// A page's data load must not re-trigger itself (an effect that reads what its load writes):
// the Review once loaded four times per visit, each load competing with the others.
test('the review reads its data once per visit', async ({ page }) => {
	await page.goto('/review');
	await waitForApp(page);
	await page.waitForFunction(() => performance.getEntriesByName('whetstone:shown:review').length);
	await page.waitForTimeout(500);
	const loads = await page.evaluate(
		() => performance.getEntriesByName('whetstone:review-read').length
	);
	expect(loads).toBe(1);
});
