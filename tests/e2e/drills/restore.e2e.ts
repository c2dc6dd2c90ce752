import { expect, test } from '@playwright/test';
import { startFrozenDrill, startWriteX, waitForApp, waitForDraftSaved } from '../utils';

const T0 = new Date('2026-11-23T08:00:00Z').getTime();

test('closing the page within 100 ms of the last keystroke keeps the text and the drill', async ({
	context,
	page
}) => {
	await startWriteX(page, { skill: 'Saying no' });
	const words = 'First, thank them. Then say no once, kindly, without a list of excuses.';
	await page.getByLabel('Your writing').pressSequentially(words, { delay: 5 });
	// Closed at once, with the last write possibly still in flight.
	await page.close({ runBeforeUnload: false });

	const again = await context.newPage();
	await again.goto('/drill/run');
	await waitForApp(again);
	await expect(again.getByLabel('Your writing')).toHaveValue(words);
	await expect(again.getByRole('heading', { level: 2 })).toHaveText(/Saying no/);
	await expect(again.getByTestId('remaining')).toHaveText(/^4:\d\d$/);
});

test('words whose database write never landed come back after a reload', async ({ page }) => {
	// The page is navigated away (or killed) while its IndexedDB write is still in flight:
	// simulated deterministically by making the draft writes of the first page fail.
	await page.addInitScript(() => {
		const put = IDBObjectStore.prototype.put;
		IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
			const w = window as unknown as { __dropDraftWrites?: boolean };
			if (w.__dropDraftWrites && this.name === 'drafts') {
				throw new DOMException('The write did not land.', 'UnknownError');
			}
			return put.apply(this, args);
		};
	});
	await startWriteX(page, { skill: 'Listening' });
	await page.evaluate(
		() => ((window as unknown as { __dropDraftWrites: boolean }).__dropDraftWrites = true)
	);
	await page.getByLabel('Your writing').fill('Every word counts.');
	await page.goto('/drill/run');
	await waitForApp(page);
	await expect(page.getByLabel('Your writing')).toHaveValue('Every word counts.');
	// The recovered words reach the database, so finishing keeps them.
	await page.getByRole('button', { name: 'End now' }).click();
	await page.getByRole('button', { name: 'Save drill' }).click();
	await expect(page.getByText('Every word counts.')).toBeVisible();
});

test('reloading keeps the text and the right remaining time', async ({ page }) => {
	await startFrozenDrill(page, { skill: 'Small talk', at: T0 });
	await page.getByLabel('Your writing').fill('Ask about the room, not the résumé.');
	await page.clock.fastForward('01:30');
	await page.reload();
	await waitForApp(page);
	await expect(page.getByLabel('Your writing')).toHaveValue('Ask about the room, not the résumé.');
	await expect(page.getByTestId('remaining')).toHaveText('3:30');
});

test('reopened after the deadline passed while closed: time is up, text intact', async ({
	context,
	page
}) => {
	await page.clock.install({ time: T0 });
	await page.goto('/drill');
	await waitForApp(page);
	await page.getByLabel('Skill', { exact: true }).fill('Negotiating');
	await page.getByRole('radio', { name: '1 min', exact: true }).check();
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await page.getByLabel('Your writing').fill('Anchor first, then trade.');
	await waitForDraftSaved(page);
	await page.close();

	// Ten minutes pass with no page open.
	await context.clock.setSystemTime(T0 + 10 * 60_000);
	const again = await context.newPage();
	await again.goto('/drill/run');
	await waitForApp(again);
	await expect(again.getByRole('timer').getByText('Time is up')).toBeVisible();
	await expect(again.getByLabel('Your writing')).toHaveValue('Anchor first, then trade.');
	// The closed time is not counted as overtime.
	await expect(again.getByTestId('remaining')).toHaveText(/^\+0:0\d$/);
});

test('the home screen offers to continue a drill in progress', async ({ page }) => {
	await startWriteX(page, { skill: 'Delegating' });
	await page.getByLabel('Your writing').fill('Hand over the outcome, not the steps.');
	await page.goto('/');
	await waitForApp(page);
	await expect(page.getByRole('heading', { name: 'Your drill is waiting' })).toBeVisible();
	await page.getByRole('link', { name: 'Continue' }).click();
	await expect(page.getByLabel('Your writing')).toHaveValue(
		'Hand over the outcome, not the steps.'
	);
});
