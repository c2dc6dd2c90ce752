import { expect, test } from '@playwright/test';
import { saveQuickDrill } from '../utils';

test('a drill follows the link to an earlier attempt, and shows a change made in another tab, without a reload', async ({
	page,
	context
}) => {
	await saveQuickDrill(page, { skill: 'Listening', text: 'First try: nod and wait.' });
	await page.getByRole('link', { name: 'Re-drill this prompt' }).click();
	await expect(page.getByLabel('Skill', { exact: true })).toHaveValue('Listening');
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await page.getByLabel('Your writing').fill('Second try: repeat back what I heard.');
	await page.getByRole('button', { name: 'End now' }).click();
	await page.getByRole('button', { name: 'Save drill' }).click();
	await expect(page).toHaveURL(/\/drill\/view\?id=/);
	await expect(page.getByText('Second try: repeat back what I heard.')).toBeVisible();
	const second = page.url();

	// A mark that a reload would wipe.
	await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
	await page
		.getByRole('group')
		.filter({ hasText: 'Earlier attempts at this prompt (1)' })
		.getByRole('link')
		.click();
	await expect(page).not.toHaveURL(second);
	await expect(page.getByTestId('drill-meta')).toContainText('5 words');
	await expect(page.locator('article').getByText('First try: nod and wait.')).toBeVisible();
	await expect(page.getByText('Second try: repeat back what I heard.')).toHaveCount(0);
	expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

	// Back to the second attempt; another tab saves a third at the same prompt: the list of
	// earlier attempts on this page does not change (the third is later), but the history does.
	await page.goBack();
	await expect(page.getByText('Second try: repeat back what I heard.').first()).toBeVisible();
	const other = await context.newPage();
	await other.goto('/drill/history');
	const history = await context.newPage();
	await history.goto('/drill/history');
	await expect(history.getByRole('status')).toHaveText('2 of 2 drills');
	await saveQuickDrill(other, { skill: 'Small talk', text: 'Ask about the weekend.' });
	await expect(history.getByRole('status')).toHaveText('3 of 3 drills');
	expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});
