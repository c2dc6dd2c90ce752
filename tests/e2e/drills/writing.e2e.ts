import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, waitForApp } from '../utils';

/** What pushes a writer along: options set once on the setup page, then a drill. */

const T0 = new Date('2026-11-23T08:00:00Z').getTime();

async function setUp(page: Page, skill: string) {
	await page.clock.install({ time: T0 });
	await page.clock.pauseAt(T0 + 60_000);
	await page.goto('/drill');
	await waitForApp(page);
	await page.getByLabel('Skill', { exact: true }).fill(skill);
	await page.getByText('Writing options').click();
}

async function start(page: Page) {
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(page).toHaveURL('/drill/run');
}

test('the clock can wait for the first keystroke; words, pace and a word goal show as you write', async ({
	page
}) => {
	await setUp(page, 'Listening');
	await page.getByLabel('Start the clock on my first keystroke').check();
	await page.getByLabel('Word goal (optional)').fill('8');
	await start(page);

	// Reading the prompt costs nothing.
	const timer = page.getByRole('timer');
	await expect(timer).toContainText('starts when you type');
	await page.clock.fastForward('00:30');
	await expect(page.getByTestId('remaining')).toHaveText('5:00');

	const box = page.getByLabel('Your writing');
	await box.pressSequentially('Listen for what');
	await expect(timer).not.toContainText('starts when you type');
	await page.clock.fastForward('00:30');
	await expect(page.getByTestId('remaining')).toHaveText('4:30');
	await expect(page.getByTestId('words')).toHaveText('3 words');
	await expect(page.getByText('5 to 8')).toBeVisible();
	await expect(page.getByText('6 per minute')).toBeVisible();

	await box.pressSequentially(' they leave out, then ask.');
	await expect(page.getByText('Goal of 8 reached')).toBeVisible();
	// The scan waits on timers of its own: let the clock run again.
	await page.clock.resume();
	await expectAccessible(page);

	// The options stay for the next drill on this device.
	await page.goto('/drill');
	await waitForApp(page);
	await page.getByText('Writing options').click();
	await expect(page.getByLabel('Start the clock on my first keystroke')).toBeChecked();
	await expect(page.getByLabel('Word goal (optional)')).toHaveValue('8');
});

test('Ctrl+Enter ends; focus moves to the first question, then to what the drill did', async ({
	page
}) => {
	await setUp(page, 'Asking questions');
	await start(page);
	const box = page.getByLabel('Your writing');
	await box.fill('Ask one thing, then wait.');
	await page.clock.fastForward('00:20');
	await box.press('Control+Enter');
	await expect(page.getByRole('heading', { name: 'Drill done' })).toBeVisible();
	await expect(page.getByLabel('Which part was hardest to put into words?')).toBeFocused();
	await page.getByRole('button', { name: 'Save drill' }).click();
	await expect(page.getByTestId('practice-logged')).toBeFocused();
	await expect(page.getByTestId('practice-logged')).toHaveText(
		/^Asking questions 0 → \d+ · under a minute of practice logged\.$/
	);
});

test('focus mode shows only the prompt, the text and the time', async ({ page }) => {
	await setUp(page, 'Small talk');
	await start(page);
	await page.getByLabel('Your writing').fill('Start with the place we are both in.');
	await expect(page.getByRole('link', { name: 'Whetstone' })).toBeVisible();
	await expect(page.getByTestId('words')).toBeVisible();

	await page.getByRole('button', { name: 'Focus' }).click();
	await expect(page.getByRole('link', { name: 'Whetstone' })).toBeHidden();
	await expect(page.getByTestId('words')).toBeHidden();
	await expect(page.getByText('How this drill works')).toBeHidden();
	await expect(page.getByRole('heading', { name: /Small talk: how do you do it/ })).toBeVisible();
	await expect(page.getByLabel('Your writing')).toBeFocused();
	await expect(page.getByTestId('remaining')).toBeVisible();

	await page.getByRole('button', { name: 'Leave focus' }).click();
	await expect(page.getByRole('link', { name: 'Whetstone' })).toBeVisible();
	await expect(page.getByTestId('words')).toBeVisible();
});

test('gentle pressure warms the screen when typing stops, and never touches the text', async ({
	page
}) => {
	await setUp(page, 'Saying no');
	await page
		.getByLabel('When I stop typing')
		.selectOption({ label: 'The screen warms after 5 seconds' });
	await start(page);
	const box = page.getByLabel('Your writing');
	await box.pressSequentially('Thank them first');
	const warmth = page.locator('.warmth');
	await expect(warmth).toHaveCount(0);

	await page.clock.fastForward('00:08');
	await expect(warmth).toHaveCount(1);
	expect(Number(await warmth.evaluate((el) => getComputedStyle(el).opacity))).toBeGreaterThan(0);
	await expect(box).toHaveValue('Thank them first');

	await box.pressSequentially('.');
	await expect(warmth).toHaveCount(0);
	// Paused, nothing pushes.
	await page.getByRole('button', { name: 'Pause' }).click();
	await page.clock.fastForward('00:30');
	await expect(warmth).toHaveCount(0);
});

test('an empty skill is marked, focused and explained beside it; Start stays in reach', async ({
	page
}) => {
	await page.goto('/drill');
	await waitForApp(page);
	const start = page.getByRole('button', { name: 'Start', exact: true });
	// On a phone the form is longer than the screen, and Start is still on it.
	await expect(start).toBeInViewport();
	await start.click();
	const skill = page.getByLabel('Skill', { exact: true });
	await expect(skill).toBeFocused();
	await expect(skill).toHaveAttribute('aria-invalid', 'true');
	await expect(skill).toHaveAccessibleDescription(/Choose the skill you want to write about/);
	await expect(page).toHaveURL('/drill');
	await expectAccessible(page);
});
