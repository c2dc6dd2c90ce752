import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, importFile, waitForApp } from '../utils';

const DAY = 86_400_000;
// Wednesday 18 Nov 2026, noon (browser time zone); en-US weeks start on Sunday the 15th.
const T0 = new Date('2026-11-18T12:00:00').getTime();

function backup({ longAgo = false } = {}) {
	const base = (id: string, at: number) => ({ id, createdAt: at, updatedAt: at, deletedAt: null });
	const skill = (id: string, name: string) => ({
		...base(id, T0 - 30 * DAY),
		name,
		nameKey: name.toLowerCase(),
		archivedAt: null,
		line: null
	});
	const event = (
		id: string,
		skillId: string,
		at: number,
		minutes: number,
		sourceId: string | null = null
	) => ({
		...base(id, at),
		skillId,
		at,
		minutes,
		rating: 3,
		promptKey: null,
		source: sourceId ? 'drill' : 'manual',
		sourceId,
		note: ''
	});
	const drill = (id: string, skillId: string, skillName: string, at: number) => ({
		...base(id, at),
		kind: 'write-x',
		templateId: null,
		skillId,
		skillName,
		otherSkillName: null,
		subject: null,
		prompt: `${skillName}: how do you do it? Explain it to yourself.`,
		promptKey: `write-x|${skillName.toLowerCase()}`,
		reflectionQuestions: [],
		text: `Notes on ${skillName} ${id}`,
		wordCount: 4,
		startedAt: at,
		finishedAt: at + 5 * 60_000,
		durationMs: 300_000,
		activeMs: 300_000,
		overtimeMs: 0,
		endedEarly: false,
		reflections: [],
		rating: 3
	});
	return {
		format: 'whetstone-backup',
		version: 3,
		exportedAt: T0,
		stores: {
			skills: [
				skill('s-fb', 'Giving feedback'),
				skill('s-ls', 'Listening'),
				...(longAgo ? [skill('s-ng', 'Negotiating')] : [])
			],
			drills: [
				drill('d1', 's-fb', 'Giving feedback', T0 - DAY),
				drill('d2', 's-fb', 'Giving feedback', T0 - 2 * DAY),
				drill('d3', 's-ls', 'Listening', T0 - 9 * DAY)
			],
			events: [
				event('e1', 's-fb', T0 - DAY, 5, 'd1'),
				event('e2', 's-fb', T0 - 2 * DAY, 5, 'd2'),
				event('e3', 's-ls', T0 - 9 * DAY, 5, 'd3'),
				event('e4', 's-ls', T0 - 16 * DAY, 30),
				event('e5', 's-ls', T0 - 45 * DAY, 20),
				...(longAgo ? [event('e6', 's-ng', T0 - 60 * DAY, 30)] : [])
			]
		}
	};
}

/** Freeze the clock at T0 and load three weeks of activity through the app's own import. */
async function seed(page: Page, options?: { longAgo?: boolean }) {
	await page.clock.install({ time: T0 });
	await importFile(page, {
		name: 'seed.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(backup(options)))
	});
	await expect(page.getByRole('status').filter({ hasText: 'Import finished.' })).toBeVisible();
}

test('the weekly review matches the seeded weeks; a plan drives the home screen and is tracked next week', async ({
	page,
	context
}) => {
	await seed(page);

	await page.goto('/review');
	await waitForApp(page);
	await expect(page.getByTestId('week-label')).toHaveText(/This week · Nov 15 – Nov 21/);
	const totals = page.getByTestId('totals');
	await expect(totals.getByText('Minutes').locator('..')).toContainText('10');
	await expect(totals.getByText('Drills').locator('..')).toContainText('2');
	await expect(
		page
			.getByRole('region', { name: 'Skills' })
			.getByRole('listitem')
			.filter({ hasText: /^Giving feedback/ })
	).toContainText(/0 → \d+\s+\(\+\d+\) · 10 min/);
	await expect(page.getByRole('img', { name: /Minutes practised per week/ })).toBeVisible();
	await expectAccessible(page);

	// Last week: one drill, 5 minutes of Listening.
	await page.getByRole('link', { name: '← Earlier' }).click();
	await expect(page.getByTestId('week-label')).toHaveText(/Week of · Nov 8 – Nov 14/);
	await expect(totals.getByText('Minutes').locator('..')).toContainText('5');
	await expect(totals.getByText('Drills').locator('..')).toContainText('1');
	await page.getByRole('link', { name: 'Later →' }).click();
	await expect(page.getByTestId('week-label')).toHaveText(/This week/);

	// Plan: two drills of Giving feedback.
	const plan = page.getByRole('form', { name: "Next week's plan" });
	await plan.getByRole('checkbox', { name: 'Giving feedback' }).check();
	await plan.getByLabel('Drills for Giving feedback').fill('2');
	await plan.getByRole('button', { name: 'Save plan' }).click();
	await expect(plan.getByRole('status')).toHaveText(/Plan saved/);

	await page.goto('/');
	await waitForApp(page);
	const suggestion = page.getByRole('link', { name: /^Today: 5 minutes on Giving feedback/ });
	await expect(suggestion).toBeVisible();
	await expectAccessible(page);
	await suggestion.click();
	await expect(page).toHaveURL('/drill/run');
	// The kind of drill changes from day to day: explain it, or argue it is another skill.
	await expect(page.getByRole('heading', { level: 2 })).toHaveText(
		/^Giving feedback(: how do you do it| is really )/
	);
	await page.getByLabel('Your writing').fill('Ask first, then tell.');
	await page.getByRole('button', { name: 'End now' }).click();
	await page.getByRole('button', { name: 'Save drill' }).click();
	await expect(page).toHaveURL(/\/drill\/view/);

	// A week later, the review shows progress against the plan.
	await context.clock.setSystemTime(T0 + 7 * DAY);
	await page.goto('/review');
	await waitForApp(page);
	await expect(page.getByTestId('week-label')).toHaveText(/This week · Nov 22 – Nov 28/);
	await expect(page.getByTestId('plan-progress')).toHaveText(/Giving feedback: 1 of 2 drills/);
});

test('an empty week is friendly, and the review-ready card appears on the review day until done', async ({
	page,
	context
}) => {
	await seed(page);

	// Sunday (the default review day) of the following week: nothing logged that week yet.
	await context.clock.setSystemTime(new Date('2026-11-22T10:00:00').getTime());
	await page.goto('/');
	await waitForApp(page);
	await expect(page.getByRole('heading', { name: 'Weekly review is ready' })).toBeVisible();
	await page.getByRole('link', { name: 'Open the review' }).click();
	await expect(page.getByText(/Nothing logged this week yet/)).toBeVisible();

	const plan = page.getByRole('form', { name: "Next week's plan" });
	await plan.getByRole('checkbox', { name: 'Listening' }).check();
	await plan.getByRole('button', { name: 'Save plan' }).click();
	await expect(plan.getByRole('status')).toHaveText(/Plan saved/);
	await page.goto('/');
	await waitForApp(page);
	await expect(page.getByRole('link', { name: /^Today: 5 minutes on Listening/ })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Weekly review is ready' })).toHaveCount(0);

	// The calendar file for the reminder.
	await page.goto('/review');
	await waitForApp(page);
	await page.getByText(/^Weekly reminder/).click();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Add to my calendar (.ics)' }).click()
	]);
	expect(download.suggestedFilename()).toBe('whetstone-weekly-review.ics');
});

test('a skill that fell under its line weeks ago says when, and what brings it back; changes match the levels', async ({
	page
}) => {
	await seed(page, { longAgo: true });
	await page.goto('/review');
	await waitForApp(page);
	const item = page.getByTestId('rusting').getByRole('listitem').filter({ hasText: 'Negotiating' });
	await expect(item).toHaveText(
		/Negotiating fell below \d+ on [A-Z][a-z]{2} \d+ — .* brings? it back above\./
	);
	const [, month, dayOfMonth] = (await item.textContent())!.match(/on ([A-Z][a-z]{2}) (\d+)/)!;
	const crossed = new Date(`${month} ${dayOfMonth}, 2026 12:00`).getTime();
	expect(crossed).toBeLessThan(T0 - 14 * DAY);
	expect(crossed).toBeGreaterThan(T0 - 60 * DAY);

	// The 12-week chart's axis labels never overlap on a phone.
	const chart = page.getByRole('img', { name: /Minutes practised per week/ });
	await expect(chart).toBeVisible();
	const boxes = await chart.locator('text.axis:not(.y)').evaluateAll((els) =>
		els.map((e) => {
			const r = e.getBoundingClientRect();
			return [r.left, r.right];
		})
	);
	expect(boxes.length).toBeGreaterThan(2);
	for (let i = 1; i < boxes.length; i++) expect(boxes[i][0]).toBeGreaterThan(boxes[i - 1][1]);

	// "a → b (±c)" always adds up.
	const changes = await page
		.getByRole('region', { name: 'Skills' })
		.getByText(/\d+ → \d+ \([+−±]\d+\)/)
		.allTextContents();
	expect(changes.length).toBeGreaterThan(0);
	for (const c of changes) {
		const [, a, b, sign, d] = c.match(/(\d+) → (\d+) \(([+−±])(\d+)\)/)!;
		expect((sign === '−' ? -1 : 1) * Number(d)).toBe(Number(b) - Number(a));
	}
	await expectAccessible(page);
});
