import { expect, test } from '@playwright/test';
import { journal, seedJournal } from '../journal';
import { captureInNewBook, expectAccessible, waitForApp } from '../utils';

const DAY = 86_400_000;

test('a first visit explains the three parts, and shows nothing of a journal yet', async ({
	page
}) => {
	await page.goto('/');
	await waitForApp(page);
	// The journal's parts have been read (and found empty) before anything is judged absent.
	await expect(page.locator('html[data-shown="home"]')).toBeAttached();
	const intro = page.locator('.intro');
	await expect(intro.getByText('Drill.', { exact: true })).toBeVisible();
	await expect(intro.getByText('Read.', { exact: true })).toBeVisible();
	await expect(intro.getByText('Watch your skills.', { exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Start a drill' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Your year of practice' })).toHaveCount(0);
	await expect(intro).not.toHaveClass(/\bcard\b/);
	await expect(page.getByRole('heading', { name: 'Revisit', exact: true })).toHaveCount(0);
	await expectAccessible(page);
});

test('a reader who has only captured passages is welcomed as a returning one', async ({ page }) => {
	await captureInNewBook(page);
	await page.goto('/');
	await waitForApp(page);
	// The introduction folds into a card with its own heading (a first visit shows it bare).
	await expect(page.locator('.intro')).toHaveClass(/\bcard\b/);
	await expect(page.getByRole('link', { name: 'Start a drill' })).toBeVisible();
	await expectAccessible(page);
});

test('with a journal: the year of practice, today’s Revisit, the introduction folded away', async ({
	page
}) => {
	const now = Date.now();
	const backup = journal(now);
	await seedJournal(page, backup);
	await page.goto('/');
	await waitForApp(page);

	// Days with practice, counted here from the records themselves (local days).
	const days = new Set(
		backup.stores.events
			.flatMap((b) => b.events)
			.filter((e) => e.deletedAt === null && e.at > now - 365 * DAY)
			.map((e) => new Date(e.at).toDateString())
	);
	await expect(page.getByTestId('year-summary')).toContainText(`Practised on ${days.size} days`);
	await expect(
		page.getByRole('img', { name: /Practice per day over the last year/ })
	).toBeVisible();

	const reading = page.locator('section', {
		has: page.getByRole('heading', { name: 'Revisit', exact: true })
	});
	await expect(reading).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Welcome back' })).toHaveCount(0);
	await expect(page.getByRole('heading', { name: 'How Whetstone works' })).toBeVisible();
	await expectAccessible(page);

	// Today's Revisit: its first passage here, the same one first on its page.
	const excerpt = (await reading.locator('blockquote').textContent())!.trim();
	await reading.getByRole('link', { name: 'Revisit today’s 2 passages' }).click();
	await expect(page).toHaveURL(/\/read\/revisit$/);
	await expect(page.getByTestId('revisit-text')).toContainText(excerpt.replace(/…$/, ''));
});

test('after two months away, a welcome back and no pile of guilt', async ({ page }) => {
	const end = Date.now();
	await seedJournal(page, journal(end));
	await page.clock.install({ time: end + 60 * DAY });
	await page.goto('/');
	await waitForApp(page);
	const welcome = page.locator('section', {
		has: page.getByRole('heading', { name: 'Welcome back' })
	});
	await expect(welcome).toContainText(/(6\d) days since your last practice/);
	await expect(welcome).toContainText('every skill keeps its floor');
	await expect(page.getByText(/streak/i)).toHaveCount(0);
});
