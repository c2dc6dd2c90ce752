import { expect, test } from '@playwright/test';
import { countVibrations, setVisibility, startFrozenDrill } from '../utils';

const T0 = new Date('2026-11-23T08:00:00Z').getTime();

test('a 5-minute drill fast-forwarded ends once, with a visible change and a vibration', async ({
	page
}) => {
	const vibrations = await countVibrations(page);
	// A frozen clock: on a busy machine a running one let real seconds pass between the jump
	// and the page's tick, and the end then counted as unseen.
	await startFrozenDrill(page, { skill: 'Giving feedback', at: T0 });
	const remaining = page.getByTestId('remaining');
	await page.getByLabel('Your writing').fill('Say what you saw, then what it did.');

	await page.clock.fastForward('05:01');
	await expect(page.getByRole('timer').getByText('Time is up')).toBeVisible();
	await expect(page.locator('[data-end-signals]')).toHaveAttribute('data-end-signals', '1');
	await expect(page.getByRole('button', { name: 'Done' })).toBeVisible();
	expect(await vibrations()).toBe(1);

	// Writing on into overtime: the clock counts up, the end does not fire again.
	await page.clock.fastForward('00:10');
	await page.getByLabel('Your writing').press('End');
	await page.getByLabel('Your writing').pressSequentially(' Then ask.');
	await page.clock.fastForward('00:20');
	await expect(remaining).toHaveText(/^\+0:3\d$/);
	await expect(page.locator('[data-end-signals]')).toHaveAttribute('data-end-signals', '1');
	expect(await vibrations()).toBe(1);
});

test('hidden for 3 minutes of a 5-minute drill: 2:00 remains when shown again', async ({
	page
}) => {
	await startFrozenDrill(page, { skill: 'Listening', at: T0 });

	await setVisibility(page, 'hidden');
	await page.clock.fastForward('03:00');
	await setVisibility(page, 'visible');
	await expect(page.getByTestId('remaining')).toHaveText('2:00');
});

test('pause and resume: paused time does not count', async ({ page }) => {
	await startFrozenDrill(page, { skill: 'Listening', at: T0 });
	await page.clock.fastForward('01:00');
	await expect(page.getByTestId('remaining')).toHaveText('4:00');
	await page.getByRole('button', { name: 'Pause' }).click();
	await page.clock.fastForward('10:00');
	await expect(page.getByTestId('remaining')).toHaveText('4:00');
	await expect(page.getByRole('timer')).toContainText('Paused');
	await page.getByRole('button', { name: 'Resume' }).click();
	await page.clock.fastForward('01:00');
	await expect(page.getByTestId('remaining')).toHaveText('3:00');
});

test('time is up, then the phone is locked for an hour: the hour is not logged as practice', async ({
	page
}) => {
	await startFrozenDrill(page, { skill: 'Saying no', at: T0 });
	await page.getByLabel('Your writing').fill('No, and here is what I can do instead.');

	await page.clock.fastForward('05:00');
	await expect(page.getByRole('timer').getByText('Time is up')).toBeVisible();
	// Finishing the sentence ten seconds into overtime, then the phone is locked.
	await page.clock.fastForward('00:10');
	await page.getByLabel('Your writing').press('End');
	await page.getByLabel('Your writing').pressSequentially(' Thanks for asking.');
	await setVisibility(page, 'hidden');
	await page.clock.fastForward('01:00:00');
	await setVisibility(page, 'visible');
	await expect(page.getByTestId('remaining')).toHaveText(/^\+0:1\d$/);

	await page.getByRole('button', { name: 'Done' }).click();
	await page.getByRole('button', { name: 'Save drill' }).click();
	const logged = page.getByTestId('practice-logged');
	await expect(logged).toHaveText(/^Saying no \d+ → \d+ · 5 minutes of practice logged\.$/);
	const minutes = Number(await logged.getAttribute('data-minutes'));
	expect(minutes).toBeGreaterThanOrEqual(5);
	expect(minutes).toBeLessThan(5.5);
});
