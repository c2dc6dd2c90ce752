import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { captureInNewBook, dumpDatabase, expectAccessible, waitForApp } from '../utils';

// Recordings travel in a second kind of backup: a ZIP with the JSON backup and the audio.

async function recordVoiceNote(page: Page) {
	await captureInNewBook(page);
	const notes = page.locator('section', {
		has: page.getByRole('heading', { name: 'Voice notes' })
	});
	await notes.getByRole('button', { name: 'Record a voice note' }).click();
	await expect(notes.getByRole('timer', { name: 'Recording time' })).toContainText(
		/Recording 0:0[2-9]/
	);
	await notes.getByRole('button', { name: 'Stop recording' }).click();
	await expect(notes.getByTestId('voice-note')).toHaveCount(1);
	return { url: page.url(), length: (await notes.getByTestId('voice-length').textContent())! };
}

const exportButton = (page: Page) =>
	page.getByRole('button', { name: 'Export backup with recordings' });

test('a backup with recordings brings the audio to another device, once', async ({
	page,
	browser
}) => {
	// Where there is no save dialog, the ZIP is offered as a download.
	await page.addInitScript(() => {
		delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
	});
	const { url: passageUrl, length } = await recordVoiceNote(page);
	const original = (await dumpDatabase(page)).recordings[0] as Record<string, unknown>;
	await page.goto('/data');
	await waitForApp(page);
	await expect(page.getByTestId('recordings-export')).toContainText(
		'export a ZIP file with the backup and your recording ('
	);
	const [download] = await Promise.all([page.waitForEvent('download'), exportButton(page).click()]);
	expect(download.suggestedFilename()).toMatch(
		/^whetstone-backup-\d{4}-\d\d-\d\d-with-recordings\.zip$/
	);
	const zip = await readFile((await download.path())!);
	expect(zip.subarray(0, 2).toString()).toBe('PK');
	await expect(page.getByTestId('last-backup')).toContainText('Last backup:');

	// Another device: the passage and its voice note arrive together.
	const other = await browser.newContext();
	const device = await other.newPage();
	await device.goto('/data');
	await waitForApp(device);
	const file = { name: download.suggestedFilename(), mimeType: 'application/zip', buffer: zip };
	await device.getByLabel('Import a backup').setInputFiles(file);
	await expect(device.getByText('Import finished.')).toBeVisible();
	await expect(device.getByTestId('recordings-restored')).toHaveText('Recordings: 1 added.');
	await expect(device.getByTestId('voice-usage')).toContainText('1 voice recording');
	await expectAccessible(device);
	await device.goto(new URL(passageUrl).pathname + new URL(passageUrl).search);
	const note = device.getByTestId('voice-note');
	await expect(note).toHaveCount(1);
	await expect(note.getByTestId('voice-length')).toHaveText(length);
	await expect(note.getByTestId('voice-talk')).toBeVisible();
	const copied = (await dumpDatabase(device)).recordings[0];
	expect(copied).toMatchObject({
		id: original.id,
		owner: original.owner,
		bytes: original.bytes,
		durationMs: original.durationMs
	});

	// The same file again adds nothing.
	await device.goto('/data');
	await waitForApp(device);
	await device.getByLabel('Import a backup').setInputFiles(file);
	await expect(device.getByTestId('recordings-restored')).toHaveText(
		'Recordings: 0 added, 1 already here.'
	);
	expect((await dumpDatabase(device)).recordingChunks).toHaveLength(1);
	await other.close();
});

test('where the browser has a save dialog, the ZIP is written to the file as a stream', async ({
	page
}) => {
	// A stand-in for the dialog's file: it counts the pieces written to it.
	await page.addInitScript(() => {
		const w = window as unknown as {
			showSaveFilePicker: unknown;
			saved: { name: string; pieces: number; bytes: number; first: number[]; closed: boolean };
		};
		w.showSaveFilePicker = async ({ suggestedName }: { suggestedName: string }) => {
			w.saved = { name: suggestedName, pieces: 0, bytes: 0, first: [], closed: false };
			return {
				createWritable: async () =>
					new WritableStream<Uint8Array>({
						write(chunk) {
							if (w.saved.pieces === 0) w.saved.first = [...chunk.slice(0, 2)];
							w.saved.pieces++;
							w.saved.bytes += chunk.byteLength;
						},
						close() {
							w.saved.closed = true;
						}
					})
			};
		};
	});
	await recordVoiceNote(page);
	const { recordings } = await dumpDatabase(page);
	await page.goto('/data');
	await waitForApp(page);
	let downloads = 0;
	page.on('download', () => downloads++);
	await exportButton(page).click();
	const saved = () =>
		page.evaluate(() => (window as unknown as { saved?: { closed: boolean } }).saved);
	await expect.poll(async () => (await saved())?.closed).toBe(true);
	const result = (await page.evaluate(() => (window as unknown as { saved: object }).saved)) as {
		name: string;
		pieces: number;
		bytes: number;
		first: number[];
	};
	expect(result.name).toMatch(/-with-recordings\.zip$/);
	expect(result.first).toEqual([0x50, 0x4b]);
	// Written in many pieces, and holding at least the audio.
	expect(result.pieces).toBeGreaterThan(3);
	expect(result.bytes).toBeGreaterThan((recordings[0] as { bytes: number }).bytes);
	await expect(page.getByTestId('last-backup')).toContainText('Last backup:');
	expect(downloads).toBe(0);
});

test('a ZIP that is not a backup with recordings is refused in words, and changes nothing', async ({
	page
}) => {
	await page.goto('/data');
	await waitForApp(page);
	// An empty ZIP archive: just its end record.
	const empty = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
	await page
		.getByLabel('Import a backup')
		.setInputFiles({ name: 'photos.zip', mimeType: 'application/zip', buffer: empty });
	await expect(page.getByRole('alert')).toHaveText(
		'This ZIP file is not a Whetstone backup with recordings (it has no whetstone-backup.json). Nothing was changed.'
	);
	const db = await dumpDatabase(page);
	expect(db.recordings).toEqual([]);
	expect(db.skills).toEqual([]);
});
