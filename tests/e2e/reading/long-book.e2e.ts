import { expect, test } from '@playwright/test';
import { largeBackup } from '../../../src/lib/seed/large';
import { expectAccessible, importFile } from '../utils';

test('a book with hundreds of passages shows them 50 at a time, in reading order', async ({
	page
}) => {
	// One book, 130 passages, made by the seed generator and loaded through the Data page.
	const backup = largeBackup({ seed: 9, days: 30, skills: 2, drills: 2, books: 1, passages: 130 });
	await importFile(page, {
		name: 'long-book.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(backup))
	});
	await expect(page.getByText('What the import did')).toBeAttached();

	await page.goto('/read/book?id=seed-book-0');
	const items = page
		.getByRole('list')
		.filter({ has: page.locator('a.item') })
		.getByRole('listitem');
	await expect(items).toHaveCount(50);
	await expect(items.first()).toContainText('p. 1');
	await page.getByRole('button', { name: /Show more \(80 more\)/ }).click();
	await expect(items).toHaveCount(100);
	await page.getByRole('button', { name: /Show more \(30 more\)/ }).click();
	await expect(items).toHaveCount(130);
	await expect(page.getByRole('button', { name: /Show more/ })).toHaveCount(0);
	await expectAccessible(page);
});

test('the book list counts passages and keeps the count right as passages are added', async ({
	page
}) => {
	const backup = largeBackup({ seed: 9, days: 30, skills: 2, drills: 2, books: 1, passages: 130 });
	const worked = backup.stores.passages.filter((p) =>
		p.answers.every((a) => a.status !== 'open')
	).length;
	await importFile(page, {
		name: 'long-book.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(backup))
	});
	await expect(page.getByText('What the import did')).toBeAttached();

	const book = page.getByRole('link', { name: backup.stores.books[0].title });
	await page.goto('/read');
	await expect(book).toContainText(`130 passages, ${worked} worked through`);
	// Counted once and stored; a new passage makes the book count again.
	await page.goto('/read/capture?book=seed-book-0');
	await page.getByLabel('Passage (or your paraphrase)').fill('One more, for the count.');
	await page.getByRole('button', { name: 'Save passage' }).click();
	await expect(page.getByTestId('passage-text')).toBeVisible();
	await page.goto('/read');
	await expect(book).toContainText(`131 passages, ${worked} worked through`);
});
