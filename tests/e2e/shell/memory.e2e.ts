import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
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

test('with data only in the page, a backup is made and read in the page (a worker would see none of it)', async ({
	page
}) => {
	await page.addInitScript(() => {
		IDBFactory.prototype.open = function () {
			throw new DOMException('Denied.', 'InvalidStateError');
		};
	});
	// One document throughout: a reload would start an empty memory again.
	await page.goto('/skills');
	await waitForApp(page);
	await page.getByLabel('Skill name').fill('Chairing meetings');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByRole('listitem').filter({ hasText: 'Chairing meetings' })).toBeVisible();
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Your data' })).toBeVisible();

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export backup' }).click()
	]);
	const file = JSON.parse(await readFile((await download.path())!, 'utf8'));
	expect(file.stores.skills.map((s: { name: string }) => s.name)).toEqual(['Chairing meetings']);

	// The same file with one more skill, imported into this page's memory.
	const other = {
		...file.stores.skills[0],
		id: 'from-file',
		name: 'Small talk',
		nameKey: 'small talk'
	};
	file.stores.skills.push(other);
	await page.getByLabel('Import a backup').setInputFiles({
		name: 'backup.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(file))
	});
	await expect(page.getByRole('status').filter({ hasText: 'Import finished.' })).toBeVisible();
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Skills' })
		.click();
	await expect(page.getByRole('listitem').filter({ hasText: 'Small talk' })).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: 'Chairing meetings' })).toBeVisible();
});
