import { expect, test } from '@playwright/test';
import { expectAccessible, waitForApp } from '../utils';

const DAY = 86_400_000;
const T0 = new Date('2026-11-02T10:00:00').getTime();

test('log practice for a new skill, then watch it rust (but not below its floor) over 60 days', async ({
	page,
	context
}) => {
	await page.clock.install({ time: T0 });
	await page.goto('/skills');
	await waitForApp(page);
	await page.getByLabel('Skill name').fill('Public speaking');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	const card = page.getByRole('listitem').filter({ hasText: 'Public speaking' });
	await expect(card).toContainText('not practised yet');
	await expectAccessible(page);

	await page.getByLabel('Skill', { exact: true }).selectOption({ label: 'Public speaking' });
	await page.getByLabel('Minutes').fill('45');
	await page.getByRole('radio', { name: 'Easy' }).check();
	await page.getByLabel('Note (optional)').fill('Lightning talk at the meetup');
	await page.getByRole('button', { name: 'Log practice' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Logged.' })).toBeVisible();
	await expect(card).toContainText('Growing');

	await card.getByRole('link').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Public speaking');
	const level0 = Number(await page.getByTestId('level').textContent());
	const floor = Number(await page.getByTestId('floor').textContent());
	expect(level0).toBeGreaterThan(floor);
	await expect(page.getByText('Lightning talk at the meetup')).toBeVisible();
	await expect(page.getByText(/45 min · Easy · Logged/)).toBeVisible();
	await expect(page.getByRole('img', { name: /Level of Public speaking over time/ })).toBeVisible();
	const forecast0 = await page.getByTestId('forecast').textContent();
	await expect(page.getByTestId('reasons')).toContainText('Last practised today');
	await expectAccessible(page);

	// Sixty days pass.
	await context.clock.setSystemTime(T0 + 60 * DAY);
	await page.reload();
	await waitForApp(page);
	const level60 = Number(await page.getByTestId('level').textContent());
	expect(level60).toBeLessThan(level0);
	expect(level60).toBeGreaterThanOrEqual(floor);
	await expect(page.getByTestId('reasons')).toContainText('Last practised 2 months ago');
	await expect(page.getByTestId('reasons')).toContainText(/Holds \d+% of its gains/);
	await expect(page.getByTestId('reasons')).toContainText(/back to it in about \d+ sessions?/);
	expect(await page.getByTestId('forecast').textContent()).not.toBe(forecast0);
});

test('bad practice input is refused with a message and saves nothing', async ({ page }) => {
	await page.goto('/skills');
	await waitForApp(page);
	await page.getByLabel('Skill name').fill('Chairing');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await page.getByRole('listitem').filter({ hasText: 'Chairing' }).getByRole('link').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chairing');

	for (const [minutes, message] of [
		['0', /more than 0/],
		['-10', /more than 0/],
		['2000', /24 hours/],
		['lots', /how many minutes/]
	] as const) {
		await page.getByLabel('Minutes').fill(minutes);
		await page.getByRole('button', { name: 'Log practice' }).click();
		await expect(page.getByRole('alert')).toHaveText(message);
	}
	await page.getByLabel('Minutes').fill('20');
	await page.getByLabel('When').fill('2099-01-01T10:00');
	await page.getByRole('button', { name: 'Log practice' }).click();
	await expect(page.getByRole('alert')).toHaveText(/future/);
	await expect(page.getByRole('heading', { name: 'Practice (0)' })).toBeVisible();
});

test('edit and delete a practice; rename, archive and merge skills', async ({ page }) => {
	await page.goto('/skills');
	await waitForApp(page);
	for (const name of ['Networking', 'Working the room']) {
		await page.getByLabel('Skill name').fill(name);
		await page.getByRole('button', { name: 'Add', exact: true }).click();
		await expect(page.getByRole('listitem').filter({ hasText: name })).toBeVisible();
	}
	await page
		.getByRole('listitem')
		.filter({ hasText: 'Working the room' })
		.getByRole('link')
		.click();
	// The list has a log form of its own (with a skill to choose): wait for the skill's page,
	// or a slow navigation lets the next steps fill and submit the list's form instead.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Working the room');
	await page.getByLabel('Minutes').fill('30');
	await page.getByRole('button', { name: 'Log practice' }).click();
	// Saved first, then listed: a failure says which of the two did not happen.
	await expect(page.getByRole('status').filter({ hasText: 'Logged.' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Practice (1)' })).toBeVisible();

	await page.getByRole('button', { name: /^Edit practice/ }).click();
	await page.getByLabel('Minutes', { exact: true }).last().fill('40');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByText(/40 min · Good · Logged/)).toBeVisible();

	await page.getByText('Rename, set its line, archive or merge').click();
	await page.getByLabel('Name', { exact: true }).fill('networking');
	await page.getByRole('button', { name: 'Rename' }).click();
	await expect(page.getByRole('alert')).toHaveText(/Merge the two instead/);

	page.once('dialog', (d) => d.accept());
	await page.getByLabel(/Merge into another skill/).selectOption({ label: 'Networking' });
	await page.getByRole('button', { name: 'Merge' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Networking');
	await expect(page.getByRole('heading', { name: 'Practice (1)' })).toBeVisible();

	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: /^Delete practice/ }).click();
	await expect(page.getByRole('heading', { name: 'Practice (0)' })).toBeVisible();

	await page.getByText('Rename, set its line, archive or merge').click();
	await page.getByRole('button', { name: 'Archive' }).click();
	await expect(page.getByText(/archived/).first()).toBeVisible();
	await page.goto('/skills');
	await waitForApp(page);
	await expect(page.getByRole('listitem').filter({ hasText: 'Networking' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Show archived skills (1)' })).toBeVisible();
});

test('the model explanation page passes the accessibility scan', async ({ page }) => {
	await page.goto('/skills/model');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('How the skill model works');
	await expectAccessible(page);
});

test('a skill’s own line changes the date it is forecast to cross it', async ({ page }) => {
	await page.goto('/skills');
	await waitForApp(page);
	await page.getByLabel('Skill name').fill('Facilitation');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await page.getByRole('listitem').filter({ hasText: 'Facilitation' }).getByRole('link').click();
	// The list has a practice form too: fill the skill page's, once it is there.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Facilitation');
	await page.getByLabel('Minutes').fill('60');
	await page.getByRole('button', { name: 'Log practice' }).click();
	await expect(page.getByRole('heading', { name: 'Practice (1)' })).toBeVisible();
	const byDefault = await page.getByTestId('forecast').textContent();

	await page.getByText('Rename, set its line, archive or merge').click();
	await page.getByLabel('Line to stay above (1–99)').fill('1');
	await page.getByRole('button', { name: 'Save line' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Line saved.' })).toBeVisible();
	await expect(page.getByTestId('forecast')).toHaveText(/Stays above its line \(1\)/);
	expect(byDefault).toMatch(/Drops below its line/);

	await page.getByLabel('Line to stay above (1–99)').fill('150');
	await page.getByRole('button', { name: 'Save line' }).click();
	await expect(page.getByRole('alert')).toHaveText(/between 1 and 99/);
});

test('two practices logged in the same minute: the skill page shows both and its chart', async ({
	page
}) => {
	// The form records times to the minute, so two quick logs share a time.
	await page.clock.install({ time: T0 });
	await page.clock.pauseAt(T0 + 1000);
	await page.goto('/skills');
	await waitForApp(page);
	await page.getByLabel('Skill name').fill('Storytelling');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	for (const minutes of ['10', '20']) {
		await page.getByLabel('Skill', { exact: true }).selectOption({ label: 'Storytelling' });
		await page.getByLabel('Minutes').fill(minutes);
		await page.getByRole('button', { name: 'Log practice' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Logged.' })).toBeVisible();
	}
	await page.clock.resume();
	await page.getByRole('listitem').filter({ hasText: 'Storytelling' }).getByRole('link').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Storytelling');
	const chart = page.getByRole('img', { name: /Level of Storytelling over time/ });
	await expect(chart).toBeVisible();
	// Both sessions sit on the line, and the scale fits a young skill (not 0–100).
	await expect(chart.locator('circle.session')).toHaveCount(2);
	const ticks = (await chart.locator('text.tick').allTextContents())
		.map(Number)
		.filter(Number.isFinite);
	expect(Math.max(...ticks)).toBeLessThan(100);
	await expect(page.getByText(/10 min ·/)).toBeVisible();
	await expect(page.getByText(/20 min ·/)).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);
});
