import { expect, test, type Page } from '@playwright/test';
import {
	captureInNewBook,
	dumpDatabase,
	expectAccessible,
	saveQuickDrill,
	waitForApp
} from '../utils';

const DAY = 86_400_000;

/** Kindle clippings of `n` highlights from one book. */
function clippings(n: number): string {
	return Array.from({ length: n }, (_, i) =>
		[
			i === 0
				? '\uFEFFCrucial Conversations (Kerry Patterson)'
				: 'Crucial Conversations (Kerry Patterson)',
			`- Your Highlight on page ${i + 1} | Location ${i * 10}-${i * 10 + 2} | Added on Monday, 3 March 2025 21:04:11`,
			'',
			`Highlight number ${i + 1}: start with heart.`,
			'=========='
		].join('\n')
	).join('\n');
}

async function importHighlights(page: Page, n: number) {
	await page.goto('/read/import');
	await waitForApp(page);
	await page.getByLabel('Choose a file').setInputFiles({
		name: 'My Clippings.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from(clippings(n))
	});
	await page.getByRole('button', { name: `Import ${n} passages` }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `Imported ${n} passages` })
	).toBeVisible();
}

async function openRevisit(page: Page) {
	await page.goto('/read/revisit');
	await waitForApp(page);
	await expect(page.getByText('Loading…')).toHaveCount(0);
}

/** The passage shown now, by its text. */
const shownText = (page: Page) => page.getByTestId('revisit-text').textContent();

async function stored(page: Page, text: string) {
	const { passages } = await dumpDatabase(page);
	return (passages as { text: string; note: string; revisit?: { due: number | null } }[]).find(
		(p) => p.text === text
	)!;
}

test('passages from weeks ago come back a few a day, and each answer moves the next visit', async ({
	page
}) => {
	const today = Date.now();
	await page.clock.install({ time: today - 40 * DAY });
	await importHighlights(page, 12);

	// Forty days later, Revisit offers two never-shown passages (not all twelve).
	await page.clock.setSystemTime(today);
	await openRevisit(page);
	await expect(page.getByTestId('revisit-left')).toContainText('2 to go today');
	await expectAccessible(page);
	const first = (await shownText(page))!;
	await page.getByRole('button', { name: 'Still rings true' }).click();
	await expect(page.getByRole('status')).toContainText('Kept');
	await expect(page.getByTestId('revisit-left')).toContainText('1 to go today');
	const kept = await stored(page, first);
	expect(kept.revisit!.due!).toBeGreaterThan(today + DAY);

	const second = (await shownText(page))!;
	expect(second).not.toBe(first);
	await page.getByRole('textbox', { name: /./ }).fill('Still true: I went quiet in the meeting.');
	await page.getByRole('button', { name: 'Save my line' }).click();
	await expect(page.getByRole('heading', { name: 'Done for today' })).toBeVisible();
	expect((await stored(page, second)).note).toMatch(/Still true: I went quiet in the meeting\.$/);
	await expectAccessible(page);

	// "Not useful now" sends one far away.
	await page.clock.setSystemTime(today + DAY);
	await openRevisit(page);
	const third = (await shownText(page))!;
	await page.getByRole('button', { name: 'Not useful now' }).click();
	await expect(page.getByRole('status')).toContainText('Set aside');
	expect((await stored(page, third)).revisit!.due!).toBeGreaterThan(today + 150 * DAY);

	// Three more days of answering what comes (two new ones a day)…
	for (let d = 2; d <= 4; d++) {
		await page.clock.setSystemTime(today + d * DAY);
		await answerAll(page);
	}
	// …then three weeks away: nine are due, and a handful is offered, never a pile.
	await page.clock.setSystemTime(today + 25 * DAY);
	await openRevisit(page);
	await expect(page.getByTestId('revisit-left')).toContainText('5 to go today');
	// Fewer a day, if the person says so.
	await page.getByLabel('Passages a day').selectOption('3');
	await expect(page.getByTestId('revisit-left')).toContainText('3 to go today');
	const offered = await answerAll(page);
	expect(offered).toHaveLength(3);
	expect(offered).not.toContain(third);
});

/** Answers every passage Revisit offers today with "Still rings true"; returns their texts. */
async function answerAll(page: Page): Promise<string[]> {
	await openRevisit(page);
	const offered: string[] = [];
	const left = page.getByTestId('revisit-left');
	if ((await left.count()) === 0) return offered;
	const n = Number(/^(\d+) to go/.exec((await left.textContent())!.trim())![1]);
	for (let i = n; i > 0; i--) {
		await expect(left).toContainText(`${i} to go today`);
		offered.push((await shownText(page))!);
		await page.getByRole('button', { name: 'Still rings true' }).click();
	}
	await expect(page.getByRole('heading', { name: 'Done for today' })).toBeVisible();
	return offered;
}

test('a passage or a whole book can be left out of Revisit, and brought back', async ({ page }) => {
	const today = Date.now();
	await page.clock.install({ time: today - 10 * DAY });
	await importHighlights(page, 3);
	await page.clock.setSystemTime(today);
	await openRevisit(page);
	const first = (await shownText(page))!;
	await page.getByText('Stop showing…').click();
	await page.getByRole('button', { name: 'This passage' }).click();
	await expect(page.getByRole('status')).toContainText('will not come back');
	await expect(page.getByTestId('revisit-text')).not.toHaveText(first);

	await page.getByText('Stop showing…').click();
	await page.getByRole('button', { name: 'Every passage of this book' }).click();
	await expect(page.getByRole('heading', { name: 'Nothing to revisit today' })).toBeVisible();

	// The book's page says so and brings them back.
	await page.goto('/read');
	await waitForApp(page);
	await page.getByRole('link', { name: /Crucial Conversations/ }).click();
	await expect(page.getByTestId('book-left-out')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Bring them back' }).click();
	await expect(page.getByTestId('book-left-out')).toHaveCount(0);

	// The passage's own page says it is left out, and brings it back (due at once).
	await page.getByRole('link', { name: new RegExp(first.slice(0, 18)) }).click();
	const state = page.getByTestId('passage-revisit');
	await expect(state).toHaveText(/Left out of Revisit\./);
	await state.getByRole('button', { name: 'Bring it back' }).click();
	await expect(state).toHaveText(/Comes back in Revisit around/);
	await expect(state.getByRole('button', { name: 'Leave out of Revisit' })).toBeVisible();
	// Back in Revisit, due now: it comes first.
	await openRevisit(page);
	await expect(page.getByTestId('revisit-text')).toHaveText(first);
});

test('On this day: a year-old drill beside the latest one of its skill, and a passage from that day', async ({
	page
}) => {
	const today = Date.now();
	await page.clock.install({ time: today - 365 * DAY });
	await saveQuickDrill(page, { skill: 'Listening', text: 'Back then: nod and wait.' });
	await captureInNewBook(page);

	await page.clock.setSystemTime(today - 2 * DAY);
	await saveQuickDrill(page, {
		skill: 'Listening',
		text: 'Now: repeat their last words, then ask.'
	});

	await page.clock.setSystemTime(today);
	await openRevisit(page);
	const past = page.locator('section', { has: page.getByRole('heading', { name: 'On this day' }) });
	await expect(past.getByRole('heading', { name: '1 year ago' })).toBeVisible();
	const pair = past.getByTestId('then-and-now');
	await expect(pair).toContainText('Then');
	await expect(pair).toContainText('Back then: nod and wait.');
	await expect(pair).toContainText('Now: repeat their last words, then ask.');
	await expect(past.getByText('Be more interested than interesting.')).toBeVisible();
	await expectAccessible(page);
	// On a wide screen, then and now stand side by side (on a phone, one above the other).
	await page.setViewportSize({ width: 1920, height: 1000 });
	const [a, b] = await pair.locator('.pair > div').all();
	const [boxA, boxB] = [await a.boundingBox(), await b.boundingBox()];
	expect(Math.abs(boxA!.y - boxB!.y)).toBeLessThan(2);
	expect(boxB!.x).toBeGreaterThan(boxA!.x + boxA!.width - 1);
});
