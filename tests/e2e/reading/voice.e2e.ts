import { expect, test, type Page } from '@playwright/test';
import {
	captureInNewBook,
	diskFullAfterPieces,
	dumpDatabase,
	expectAccessible,
	waitForApp
} from '../utils';

// Chromium's fake microphone (a tone, no prompt: playwright.config.ts) stands in for a voice.

const voice = (page: Page) =>
	page.locator('section', { has: page.getByRole('heading', { name: 'Voice notes' }) });

async function stored(page: Page) {
	const db = await dumpDatabase(page);
	return { heads: db.recordings as { complete: boolean }[], pieces: db.recordingChunks.length };
}

test('a voice note: recorded with a live level, played back, deleted', async ({ page }) => {
	await captureInNewBook(page);
	const notes = voice(page);
	await notes.getByRole('button', { name: 'Record a voice note' }).click();
	await expect(notes.getByRole('timer', { name: 'Recording time' })).toContainText(
		/Recording 0:0[3-9]/
	);
	await expect(notes.getByRole('meter', { name: 'Microphone level' })).toBeVisible();
	await expectAccessible(page);
	await notes.getByRole('button', { name: 'Stop recording' }).click();

	const note = notes.getByTestId('voice-note');
	await expect(note).toHaveCount(1);
	await expect(note.getByTestId('voice-length')).toHaveText(/^0:0[3-9]$/);
	await expect(note).not.toContainText('kept up to where it stopped');
	// Worked out from the audio here: the fake microphone beeps about once a second, so there
	// is talk, silence between the beeps, and the two add up to the recording's length.
	const talk = note.getByTestId('voice-talk');
	await expect(talk).toHaveText(/^Talk 0:0\d\s·\ssilence 0:0\d\s·\slongest pause \d\.\d s$/);
	const [t, s] = [...(await talk.textContent())!.matchAll(/0:0(\d)/g)].map((m) => Number(m[1]));
	const length = Number(
		/0:0(\d)/.exec((await note.getByTestId('voice-length').textContent())!)![1]
	);
	expect(t).toBeGreaterThan(0);
	expect(Math.abs(t + s - length)).toBeLessThanOrEqual(1);
	const audio = note.locator('audio');
	await expect
		.poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState))
		.toBeGreaterThanOrEqual(1);
	await audio.evaluate((a: HTMLAudioElement) => {
		a.muted = true;
		return a.play();
	});
	await expect
		.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime))
		.toBeGreaterThan(0);
	const { heads, pieces } = await stored(page);
	expect(heads).toEqual([expect.objectContaining({ complete: true })]);
	expect(pieces).toBeGreaterThanOrEqual(3);

	// The Data page counts it in this device's usage.
	const passageUrl = page.url();
	await page.goto('/data');
	await expect(page.getByTestId('voice-usage')).toContainText('1 voice recording take');
	await page.goto(passageUrl);
	await waitForApp(page);
	await expect(note.getByTestId('voice-talk')).toBeVisible();
	await note.getByRole('button', { name: 'Delete…' }).click();
	await note.getByRole('button', { name: 'Delete this recording' }).click();
	await expect(note).toHaveCount(0);
	expect(await stored(page)).toEqual({ heads: [], pieces: 0 });
});

test('holding the button records for as long as it is held', async ({ page }) => {
	await captureInNewBook(page);
	const notes = voice(page);
	await notes.getByRole('button', { name: 'Record a voice note' }).hover();
	await page.mouse.down();
	await expect(notes.getByRole('timer', { name: 'Recording time' })).toContainText(
		/Recording 0:0[2-9]/
	);
	await page.mouse.up();
	const note = notes.getByTestId('voice-note');
	await expect(note).toHaveCount(1);
	await expect(note.getByTestId('voice-length')).toHaveText(/^0:0[2-9]$/);
	await expect(notes.getByRole('button', { name: 'Record a voice note' })).toBeVisible();
});

test('a reload mid-recording keeps what was recorded up to the last second stored', async ({
	page
}) => {
	await captureInNewBook(page);
	const notes = voice(page);
	await notes.getByRole('button', { name: 'Record a voice note' }).click();
	await expect(notes.getByRole('timer', { name: 'Recording time' })).toContainText(
		/Recording 0:0[4-9]/
	);
	await page.reload();
	const note = voice(page).getByTestId('voice-note');
	await expect(note).toHaveCount(1);
	await expect(note).toContainText('kept up to where it stopped');
	await expect(note.getByTestId('voice-length')).toHaveText(/^0:0[2-9]$/);
	await expect
		.poll(() => note.locator('audio').evaluate((a: HTMLAudioElement) => a.readyState))
		.toBeGreaterThanOrEqual(1);
});

test('a full disk while recording keeps what was stored and says so', async ({ page }) => {
	await diskFullAfterPieces(page, 2);
	await captureInNewBook(page);
	const notes = voice(page);
	await notes.getByRole('button', { name: 'Record a voice note' }).click();
	await expect(notes.getByRole('alert')).toHaveText(/device is full: the recording was kept/);
	await expect(notes.getByRole('button', { name: 'Record a voice note' })).toBeVisible();
	const note = notes.getByTestId('voice-note');
	await expect(note).toHaveCount(1);
	await expect(note).toContainText('kept up to where it stopped');
	expect((await stored(page)).pieces).toBe(2);
});

test('a refused microphone, or a browser that cannot record, gets one clear message', async ({
	page
}) => {
	await page.addInitScript(() => {
		navigator.mediaDevices.getUserMedia = () =>
			Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
	});
	await captureInNewBook(page);
	const notes = voice(page);
	await notes.getByRole('button', { name: 'Record a voice note' }).click();
	await expect(notes.getByRole('alert')).toHaveText(/microphone was not allowed/);
	await expect(notes.getByTestId('voice-note')).toHaveCount(0);
	expect((await stored(page)).heads).toEqual([]);
	await expectAccessible(page);

	await page.addInitScript(() => {
		// @ts-expect-error: a browser without MediaRecorder.
		delete window.MediaRecorder;
	});
	await page.reload();
	await voice(page).getByRole('button', { name: 'Record a voice note' }).click();
	await expect(voice(page).getByRole('alert')).toHaveText(/browser cannot record audio/);
});
