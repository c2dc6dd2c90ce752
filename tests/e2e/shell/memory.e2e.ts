import { expect, test } from '@playwright/test';
import { waitForApp } from '../utils';

test('when IndexedDB cannot be opened, the app says so and keeps working in memory', async ({
	page
}) => {
	await page.addInitScript(() => {
		// What some private modes do: every open fails.
		IDBFactory.prototype.open = function () {
			throw new DOMException(
				'The user denied permission to access the database.',
				'InvalidStateError'
			);
		};
	});
	await page.goto('/data');
	await waitForApp(page);
	await expect(
		page.getByRole('alert').filter({ hasText: /won't let Whetstone store data/ })
	).toBeVisible();
	await expect(page.getByText(/lasts only until the\s+tab\s+closes/)).toBeVisible();
});
