import { expect, test } from '@playwright/test';
import { startWriteX, waitForApp } from '../utils';

// Chromium 156 ignores CDP's Storage.overrideQuotaForOrigin (checked: estimate() keeps the full
// quota, in incognito and persistent contexts alike), so the disk "fills" by making IndexedDB
// refuse writes with the browser's own QuotaExceededError.
test('storage full while typing: a visible warning, the text stays, and it is saved once space returns', async ({
	page
}) => {
	await page.addInitScript(() => {
		const put = IDBObjectStore.prototype.put;
		IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
			if ((window as unknown as { __diskFull?: boolean }).__diskFull) {
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			}
			return put.apply(this, args);
		};
	});
	await startWriteX(page, { skill: 'Staying calm under pressure' });
	await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = true));

	const text = 'Breathe out longer than in. '.repeat(40).trim();
	await page.getByLabel('Your writing').fill(text);
	const warning = page.getByRole('alert').filter({ hasText: /out of space/ });
	await expect(warning).toBeVisible();
	await expect(page.getByLabel('Your writing')).toHaveValue(text);

	// Space comes back: the automatic retry saves it and the warning goes away.
	await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = false));
	await expect(warning).toHaveCount(0, { timeout: 10_000 });
	await page.reload();
	await waitForApp(page);
	await expect(page.getByLabel('Your writing')).toHaveValue(text);
});
