import { expect, test } from '@playwright/test';
import { waitForApp } from '../utils';

// A page's data load must not re-trigger itself (an effect that reads what its load writes):
// the Review once loaded four times per visit, each load competing with the others.
test('the review reads its data once per visit', async ({ page }) => {
	await page.goto('/review');
	await waitForApp(page);
	await page.waitForFunction(() => performance.getEntriesByName('whetstone:shown:review').length);
	// A load that re-triggers itself starts again in the same turn as the first one's result is
	// applied (effects run in microtasks), so by the next task every load has begun.
	const loads = await page.evaluate(
		() =>
			new Promise<number>((resolve) =>
				setTimeout(() =>
					resolve(performance.getEntriesByName('whetstone:review-read:start').length)
				)
			)
	);
	expect(loads).toBe(1);
});
