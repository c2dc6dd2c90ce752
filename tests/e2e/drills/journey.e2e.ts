import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, saveQuickDrill, startWriteX, waitForApp } from '../utils';

async function finishWriting(page: Page) {
	await page.getByRole('button', { name: /^(Done|End now)$/ }).click();
	await expect(page.getByRole('heading', { name: 'Drill done' })).toBeVisible();
}

test('a Write-X drill from start to history, with its practice event, then a re-drill', async ({
	page
}) => {
	await page.clock.install();
	await page.goto('/drill');
	await waitForApp(page);
	await expectAccessible(page);

	await startWriteX(page, { skill: 'Giving feedback', preset: '10 s' });
	await expectAccessible(page);
	await page
		.getByLabel('Your writing')
		.fill('Name the behaviour. Say its effect. Ask what they think. <b>not bold</b>');
	await page.clock.fastForward('00:11');
	await expect(page.getByRole('timer').getByText('Time is up')).toBeVisible();
	await finishWriting(page);
	await expectAccessible(page);

	await page.getByLabel('Which part was hardest to put into words?').fill('The asking part.');
	await page.getByRole('radio', { name: 'Good' }).check();
	await page.getByRole('button', { name: 'Save drill' }).click();

	await expect(page).toHaveURL(/\/drill\/view\?id=/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Giving feedback: how do you do it? Explain it to yourself.'
	);
	// User text is shown as text: the tag is visible, not interpreted.
	await expect(page.getByText('<b>not bold</b>', { exact: false })).toBeVisible();
	await expect(page.locator('article b')).toHaveCount(0);
	await expect(page.getByText('The asking part.')).toBeVisible();
	// What the drill did to the skill, in a person's words, and focus on it after saving.
	await expect(page.getByTestId('practice-logged')).toHaveText(
		/^Giving feedback \d+ → \d+ · (under a minute|\d+ minutes?) of practice logged\.$/
	);
	await expect(page.getByTestId('practice-logged')).toBeFocused();
	await expectAccessible(page);
});

test('a saved drill counts as practice, is listed in history and can be re-drilled', async ({
	page
}) => {
	await saveQuickDrill(page, {
		skill: 'Giving feedback',
		text: 'Name the behaviour. Say its effect. Ask what they think.'
	});

	// The skill was created by typing its name, and the drill counts as practice.
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Skills' })
		.click();
	const skillCard = page.getByRole('listitem').filter({ hasText: 'Giving feedback' });
	await expect(skillCard).toContainText(/Growing/);
	await expect(skillCard.getByLabel(/Level \d+ of 100/)).toBeVisible();
	await page.goBack();
	await expect(page).toHaveURL(/\/drill\/view\?id=/);

	await page.getByRole('link', { name: 'All past drills' }).click();
	await expect(page.getByRole('link', { name: /Giving feedback: how do you do it/ })).toHaveCount(
		1
	);
	await expectAccessible(page);

	await page.getByRole('link', { name: /Giving feedback: how do you do it/ }).click();
	await page.getByRole('link', { name: 'Re-drill this prompt' }).click();
	await expect(page.getByRole('heading', { name: /Re-drill: the same prompt/ })).toBeVisible();
	await expect(page.getByTestId('last-time')).toHaveText('Last time: 10 words.');
	await expect(page.getByLabel('Skill', { exact: true })).toHaveValue('Giving feedback');
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(page).toHaveURL('/drill/run');
	const earlier = page.getByText('Earlier attempts at this prompt (1)');
	await expect(earlier).toBeVisible();
	await earlier.click();
	await expect(page.getByText(/Name the behaviour\. Say its effect\./)).toBeVisible();
});

test('a re-drill opens with what the writer meant to try, in their own words', async ({ page }) => {
	await startWriteX(page, { skill: 'Listening', preset: '10 s' });
	await page.getByLabel('Your writing').fill('Wait before answering. Repeat the last words.');
	await finishWriting(page);
	await page
		.getByLabel('What is one thing you will try next time?')
		.fill('Ask one more question <before> advising.');
	await page.getByRole('button', { name: 'Save drill' }).click();
	await expect(page).toHaveURL(/\/drill\/view/);
	await page.getByRole('link', { name: 'Re-drill this prompt' }).click();
	await expect(page.getByTestId('last-time')).toHaveText('Last time: 7 words. You meant to try:');
	// The answer is shown as the writer typed it (text, never markup).
	await expect(
		page.locator('.redrill blockquote', { hasText: 'Ask one more question <before> advising.' })
	).toBeVisible();
	await expectAccessible(page);
});

test('history filters by skill and kind', async ({ page }) => {
	for (const skill of ['Listening', 'Small talk']) {
		await startWriteX(page, { skill, preset: '10 s' });
		await page.getByLabel('Your writing').fill(`Notes on ${skill}`);
		await finishWriting(page);
		await page.getByRole('button', { name: 'Save drill' }).click();
		await expect(page).toHaveURL(/\/drill\/view/);
	}
	await page.goto('/drill/history');
	await waitForApp(page);
	await expect(page.getByRole('status')).toHaveText('2 of 2 drills');
	await page.getByLabel('Skill').selectOption('Listening');
	await expect(page.getByRole('status')).toHaveText('1 of 2 drills');
	await expect(page.getByText('Notes on Listening')).toBeVisible();
	await expect(page.getByText('Notes on Small talk')).toHaveCount(0);
	await page.getByLabel('Skill').selectOption('');
	await page.getByLabel('Kind').selectOption('sprint');
	await expect(page.getByRole('status')).toHaveText('0 of 2 drills');
});

test('X-is-really-Y reminds the writer it is a beginner’s brainstorm', async ({ page }) => {
	await page.goto('/drill');
	await waitForApp(page);
	await page.getByRole('radio', { name: /^X is really Y/ }).check();
	await page.getByLabel('X: the skill to improve').fill('Networking');
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText(/already good at/);
	await page.getByRole('button', { name: 'Shuffle' }).nth(1).click();
	await expect(page.getByLabel('Y: a skill you are already good at')).not.toHaveValue('');
	await page.getByLabel('Y: a skill you are already good at').fill('Cooking');
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(
		page.getByRole('heading', { name: 'Networking is really Cooking. Show how.' })
	).toBeVisible();
	await page.getByLabel('Your writing').fill('Mise en place = research who is coming.');
	await finishWriting(page);
	await expect(page.getByText(/as a beginner in this skill/)).toBeVisible();
	await page.getByRole('button', { name: 'Save drill' }).click();
	await expect(page.getByText(/as a beginner in this skill/)).toBeVisible();
});

test('a description sprint has one length control; ten seconds ask two quick self-checks, a minute four', async ({
	page
}) => {
	await page.goto('/drill');
	await waitForApp(page);
	await page.getByRole('radio', { name: /^Description sprint/ }).check();
	// Written this time (a sprint is spoken unless the writer says otherwise).
	await page.getByRole('radio', { name: 'Write it' }).check();
	await page.getByRole('radio', { name: /Short · 10 s/ }).check();
	// The sprint's length is its time: no second control saying the same thing.
	await expect(page.getByRole('group', { name: 'Time' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Shuffle' }).first().click();
	await expect(page.getByLabel('What will you describe?')).not.toHaveValue('');
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(page.getByTestId('remaining')).toHaveText(/^0:(10|09)$/);
	await finishWriting(page);
	await expect(page.getByLabel('What was I saying, and why?')).toBeFocused();
	await expect(page.getByLabel('Did it end with a clear hand-back?')).toBeVisible();
	await expect(page.getByLabel('Did it stay focused?')).toHaveCount(0);
	// Nothing written: the user decides; here they keep it (it was spoken aloud).
	await expect(page.getByRole('heading', { name: 'Nothing written' })).toBeVisible();
	await page.getByRole('button', { name: 'Keep it' }).click();
	await expect(page).toHaveURL(/\/drill\/view/);

	await page.goto('/drill');
	await waitForApp(page);
	await page.getByRole('radio', { name: /^Description sprint/ }).check();
	// Written this time (a sprint is spoken unless the writer says otherwise).
	await page.getByRole('radio', { name: 'Write it' }).check();
	await page.getByRole('radio', { name: /Medium · 1 min/ }).check();
	await page.getByLabel('What will you describe?').fill('a market at dawn');
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(page.getByTestId('remaining')).toHaveText(/^(1:00|0:59)$/);
	await finishWriting(page);
	for (const q of [
		'What was I actually saying?',
		'Why was I saying it?',
		'Did it stay focused?',
		'Did it end with a clear hand-back?'
	]) {
		await expect(page.getByLabel(q)).toBeVisible();
	}
});

test('an empty drill can be discarded without ceremony', async ({ page }) => {
	await startWriteX(page, { skill: 'Apologising well' });
	await finishWriting(page);
	await page.getByRole('button', { name: 'Discard' }).click();
	// Back where a new drill starts, with the navigation in reach.
	await expect(page).toHaveURL('/drill');
	await expect(page.getByRole('heading', { name: 'Start a drill' })).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Drill in progress' })).toHaveCount(0);
	await page.goto('/drill/history');
	await expect(page.getByRole('heading', { name: 'No drills yet' })).toBeVisible();
});

test('bad lengths get a clear message and start nothing', async ({ page }) => {
	await page.goto('/drill');
	await waitForApp(page);
	await page.getByLabel('Skill', { exact: true }).fill('Listening');
	await page.getByRole('radio', { name: 'Other' }).check();
	for (const [input, message] of [
		['0', /at least one second/],
		['-5', /negative/],
		['soon', /not a length/],
		['181', /3 hours or less/]
	] as const) {
		await page.getByLabel('Custom length').fill(input);
		await page.getByRole('button', { name: 'Start', exact: true }).click();
		await expect(page.getByRole('alert')).toHaveText(message);
		await expect(page).toHaveURL('/drill');
	}
	await page.getByLabel('Custom length').fill('1:30');
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(page.getByTestId('remaining')).toHaveText(/^1:(30|29)$/);
});

test('custom drills: create, use, edit and remove a template', async ({ page }) => {
	await page.goto('/drill/templates');
	await waitForApp(page);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page.getByRole('alert')).toHaveText(/name/);
	await page.getByLabel('Name').fill('Table intro');
	await page.getByLabel('Prompt').fill('Introduce a new character in three sentences.');
	await page.getByLabel('Default length').fill('2');
	await page.getByLabel(/Questions for afterwards/).fill('Was the voice clear?\nWhat stuck?');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page.getByRole('heading', { name: 'Table intro' })).toBeVisible();
	await expect(page.getByText('2 min · 2 questions')).toBeVisible();

	await page.getByRole('button', { name: 'Edit Table intro' }).click();
	await page.getByLabel('Default length').fill('3');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByText('3 min · 2 questions')).toBeVisible();

	await page.getByRole('link', { name: 'Use' }).click();
	await expect(page.getByLabel('Your drill')).toHaveValue(/.+/);
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(
		page.getByRole('heading', { name: 'Introduce a new character in three sentences.' })
	).toBeVisible();
	await expect(page.getByTestId('remaining')).toHaveText(/^(3:00|2:59)$/);
	await finishWriting(page);
	await expect(page.getByLabel('Was the voice clear?')).toBeVisible();
	await page.getByRole('button', { name: 'Discard' }).click();

	await page.goto('/drill/templates');
	page.once('dialog', (d) => d.accept());
	await page.getByRole('button', { name: 'Remove Table intro' }).click();
	await expect(page.getByText('No custom drills yet.')).toBeVisible();
});

test('starting a second drill asks what to do with the first', async ({ page }) => {
	await startWriteX(page, { skill: 'Listening' });
	await page.getByLabel('Your writing').fill('Summarise before answering.');
	await page.goto('/drill');
	await waitForApp(page);
	await expect(page.getByRole('heading', { name: 'Drill in progress' })).toBeVisible();
	await page.getByLabel('Skill', { exact: true }).fill('Small talk');
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: 'A drill is already in progress' });
	await expect(dialog).toBeVisible();
	await expectAccessible(page);
	await dialog.getByRole('button', { name: 'Save it as finished, start the new one' }).click();
	await expect(page.getByRole('heading', { name: /Small talk/ })).toBeVisible();
	await page.goto('/drill/history');
	await expect(page.getByText('Summarise before answering.')).toBeVisible();
});
