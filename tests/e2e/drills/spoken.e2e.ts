import { expect, test, type Page } from '@playwright/test';
import { diskFullAfterPieces, dumpDatabase, expectAccessible, waitForApp } from '../utils';

// Chromium's fake microphone (a beep about once a second, no prompt: playwright.config.ts)
// stands in for a voice.

async function stored(page: Page) {
	const db = await dumpDatabase(page);
	return {
		heads: db.recordings as { id: string; complete: boolean; owner: string; chunks: number }[],
		pieces: db.recordingChunks.length as number
	};
}

/** Waits until at least `n` pieces of audio are in the database. */
async function piecesStored(page: Page, n: number) {
	await expect
		.poll(async () => (await stored(page)).pieces, { timeout: 15_000 })
		.toBeGreaterThanOrEqual(n);
	return (await stored(page)).pieces;
}

/** The setup form filled for a short (10 s) sprint; `Speak it` is the sprint's default. */
async function setUpShortSprint(page: Page) {
	await page.goto('/drill');
	await waitForApp(page);
	await page.getByRole('radio', { name: /^Description sprint/ }).check();
	await expect(page.getByRole('radio', { name: 'Speak it' })).toBeChecked();
	await page.getByRole('radio', { name: /Short · 10 s/ }).check();
	await page.getByLabel('What will you describe?').fill('a lighthouse in fog');
}

const recordingTime = (page: Page) => page.getByRole('timer', { name: 'Recording time' });

test('a spoken sprint: the clock starts with the microphone, recording runs into overtime until stopped, and it plays back with its marks', async ({
	page
}) => {
	await setUpShortSprint(page);
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(page).toHaveURL('/drill/run');
	await expect(recordingTime(page)).toContainText(/Recording 0:0[1-9]/);
	await expect(page.getByRole('meter', { name: 'Microphone level' })).toBeVisible();
	await expect(page.getByText('left', { exact: true })).toBeVisible();
	await expectAccessible(page);

	// Time runs out; the soft signal fires and the microphone stays on.
	await expect(page.getByText('Time is up', { exact: true })).toBeVisible({ timeout: 20_000 });
	await expect(page.locator('[data-end-signals="1"]')).toBeAttached();
	await expect(recordingTime(page)).toContainText(/Recording 0:1[2-9]/);
	await page.getByRole('button', { name: 'Done' }).click();

	await expect(page.getByRole('heading', { name: 'Drill done' })).toBeVisible();
	// The recording was stored to its last second before the reflection opened.
	expect((await stored(page)).heads).toEqual([expect.objectContaining({ complete: true })]);
	await expect(page.getByTestId('summary')).toHaveText(
		/^Spoken · 10 s of 10 s\s\+ \d+ s over time$/
	);
	const player = page.getByTestId('recording');
	await expect(player).toHaveCount(1);
	await expect(player.getByTestId('voice-length')).toHaveText(/^0:1[2-9]$/);
	await expect(player.getByTestId('voice-talk')).toHaveText(/^Talk 0:\d\d · silence 0:\d\d/);
	await expect(player).not.toContainText('kept up to where it stopped');
	await expectAccessible(page);

	// The countdown's end is marked; jumping there plays from there.
	const audio = player.locator('audio');
	await expect
		.poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState))
		.toBeGreaterThanOrEqual(1);
	await player.getByRole('button', { name: '0:10 (time up)' }).click();
	await expect
		.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime))
		.toBeCloseTo(10, 0);
	await audio.evaluate((a: HTMLAudioElement) => (a.muted = true));
	await player.getByRole('button', { name: 'Play recording' }).click();
	await expect(player.getByRole('button', { name: 'Pause recording' })).toBeVisible();
	await expect
		.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime))
		.toBeGreaterThan(10.3);
	await expect(player.getByTestId('position')).toHaveText(/^0:1\d \/ 0:1\d$/);

	await page.getByLabel('What was I saying, and why?').fill('The fog, to make the light matter.');
	await page.getByLabel('Notes').fill('Slow down at the start.');
	await page.getByRole('button', { name: 'Save drill' }).click();
	await expect(page).toHaveURL(/\/drill\/view\?id=/);
	await expect(page.getByTestId('drill-meta')).toHaveText(/^Spoken · /);
	await expect(page.getByText('Slow down at the start.')).toBeVisible();
	const saved = page.getByTestId('recording');
	await expect(saved).toHaveCount(1);
	const { heads } = await stored(page);
	const drillId = new URL(page.url()).searchParams.get('id');
	expect(heads).toEqual([expect.objectContaining({ owner: `drill:${drillId}`, complete: true })]);
	await page.goto('/drill/history');
	await expect(page.getByRole('link', { name: /a lighthouse in fog/ })).toContainText('spoken, ');

	// Deleted from the drill's page (asked once): the audio goes, the drill stays.
	await page.goBack();
	await waitForApp(page);
	await saved.getByRole('button', { name: 'Delete…' }).click();
	await saved.getByRole('button', { name: 'Delete this recording' }).click();
	await expect(page.getByTestId('no-recording')).toBeVisible();
	expect(await stored(page)).toEqual({ heads: [], pieces: 0 });
	await expect(page.getByTestId('drill-meta')).toHaveText(/^Spoken · /);
});

test('overtime counts for as long as the speaker talks; a reload mid-recording keeps every stored second, and recording can go on', async ({
	page
}) => {
	await page.clock.install({ time: new Date('2026-12-03T09:00:00').getTime() });
	await setUpShortSprint(page);
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(recordingTime(page)).toBeVisible();
	await piecesStored(page, 2);

	// Past the end, and well past the half minute that one keystroke keeps overtime going:
	// each stored second of speech keeps it counting.
	await page.clock.fastForward(11_000);
	await expect(page.getByText('Time is up', { exact: true })).toBeVisible();
	let pieces = await piecesStored(page, (await stored(page)).pieces + 1);
	for (let i = 0; i < 2; i++) {
		await page.clock.fastForward(25_000);
		// A second of speech stored after the jump (not one already on its way before it).
		pieces = await piecesStored(page, (await stored(page)).pieces + 1);
	}
	const over = (await page.getByTestId('remaining').textContent())!;
	const [m, s] = /^\+(\d+):(\d\d)$/.exec(over)!.slice(1).map(Number);
	expect(m * 60 + s).toBeGreaterThan(45);

	await page.reload();
	await waitForApp(page);
	await expect(page.getByText('Time is up', { exact: true })).toBeVisible();
	await expect(page.getByTestId('recorded-so-far')).toContainText(
		'recorded so far (kept up to where it stopped)'
	);
	const before = await stored(page);
	expect(before.heads).toEqual([expect.objectContaining({ complete: false })]);
	expect(before.heads[0].chunks).toBeGreaterThanOrEqual(pieces);

	await page.getByRole('button', { name: 'Record more' }).click();
	await expect(recordingTime(page)).toBeVisible();
	await piecesStored(page, before.pieces + 1);
	await page.getByRole('button', { name: 'Done' }).click();
	await expect(page.getByRole('heading', { name: 'Drill done' })).toBeVisible();
	const players = page.getByTestId('recording');
	await expect(players).toHaveCount(2);
	await expect(players.first()).toContainText('kept up to where it stopped');
	await expect(players.nth(1)).not.toContainText('kept up to where it stopped');
	await expect(players.first().locator('audio')).toBeAttached();
});

test('a re-drill hears how the last spoken attempt began, beside the new one', async ({ page }) => {
	await setUpShortSprint(page);
	await page.getByRole('radio', { name: 'Write it' }).check();
	await page.getByRole('radio', { name: 'Speak it' }).check();
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await piecesStored(page, 2);
	await page.getByRole('button', { name: 'End now' }).click();
	await page.getByRole('button', { name: 'Save drill' }).click();
	await expect(page).toHaveURL(/\/drill\/view\?id=/);
	const first = (await stored(page)).heads[0];

	await page.getByRole('link', { name: 'Re-drill this prompt' }).click();
	await expect(page.getByTestId('last-time')).toHaveText(/^Last time: spoken, /);
	await expect(page.getByRole('button', { name: 'Play last time' })).toBeVisible();
	await expect(page.getByRole('radio', { name: 'Speak it' })).toBeChecked();
	// The same length as last time, shown as such.
	await expect(page.getByRole('radio', { name: /Short · 10 s/ })).toBeChecked();
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(recordingTime(page)).toBeVisible();
	await expect(page.getByTestId('remaining')).toHaveText(/^0:(10|0\d)$/);
	await page.getByRole('button', { name: 'End now' }).click();
	await expect(page.getByRole('heading', { name: 'This time' })).toBeVisible();
	const last = page.getByTestId('last-time-recording');
	await expect(last.getByTestId('recording')).toHaveAttribute('data-recording-id', first.id);
	await expect(last.getByRole('button', { name: 'Play last time' })).toBeVisible();
	// Last time's recording is not this drill's to delete.
	await expect(last.getByRole('button', { name: 'Delete…' })).toHaveCount(0);
	await expectAccessible(page);
	// On a laptop the two stand side by side.
	await page.setViewportSize({ width: 1280, height: 800 });
	const now = await page.getByRole('heading', { name: 'This time' }).boundingBox();
	const then = await page.getByRole('heading', { name: 'Last time' }).boundingBox();
	expect(then!.x).toBeGreaterThan(now!.x + 200);
	expect(Math.abs(then!.y - now!.y)).toBeLessThan(5);
	await expectAccessible(page);
});

test('a refused microphone gets one clear message, and the drill can be written instead', async ({
	page
}) => {
	await page.addInitScript(() => {
		navigator.mediaDevices.getUserMedia = () =>
			Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
	});
	await setUpShortSprint(page);
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText(/microphone was not allowed/);
	// Nothing recorded, so the clock has not started.
	await expect(page.getByText('starts when you record or type')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Write instead' }).click();
	await expect(page.getByLabel('Your writing')).toBeFocused();
	await page.getByLabel('Your writing').pressSequentially('Grey on grey.');
	await expect(page.getByText('left', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'End now' }).click();
	await expect(page.getByTestId('summary')).toHaveText(/^3 words/);
	expect((await stored(page)).heads).toEqual([]);
});

test('a full disk mid-sprint keeps what was recorded, says so, and the drill goes on', async ({
	page
}) => {
	await diskFullAfterPieces(page, 2);
	await setUpShortSprint(page);
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(page.getByRole('region', { name: 'Speaking' }).getByRole('alert')).toHaveText(
		/device is full: the recording was kept/
	);
	await expect(page.getByTestId('recorded-so-far')).toContainText('kept up to where it stopped');
	await expect(page.getByText('left', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'End now' }).click();
	await expect(page.getByTestId('recording')).toContainText('kept up to where it stopped');
	expect((await stored(page)).pieces).toBe(2);
});

test('a spoken drill thrown away takes its recording with it', async ({ page }) => {
	await setUpShortSprint(page);
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await piecesStored(page, 2);
	// Another drill is started while this one runs: the person discards this one.
	await setUpShortSprint(page);
	await expect(page.getByRole('region', { name: 'Drill in progress' })).toContainText(
		'left · spoken'
	);
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: 'A drill is already in progress' });
	await expect(dialog).toContainText('spoken (discarding it deletes its recording)');
	await dialog.getByRole('button', { name: 'Discard it, start the new one' }).click();
	await expect(page).toHaveURL('/drill/run');
	await expect(recordingTime(page)).toBeVisible();
	const { heads } = await stored(page);
	// Only the new drill's recording is left.
	expect(heads).toHaveLength(1);
	const drafts = (await dumpDatabase(page)).drafts as { id: string }[];
	expect(heads[0].owner).toBe(`drill:${drafts[0].id}`);
});
