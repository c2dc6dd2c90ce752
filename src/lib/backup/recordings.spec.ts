import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeZip } from 'client-zip';
import { closeDb } from '$lib/db';
import { resetDatabase } from '$lib/db/testing';
import {
	addChunk,
	finishRecording,
	listRecordings,
	ownerOf,
	recordingAudio,
	startRecording
} from '$lib/voice/repo';
import { fileOf, openZip, zipWithRecordings } from './recordings';

beforeEach(resetDatabase);
afterEach(() => closeDb());

const AT = new Date('2026-12-03T10:00:00').getTime();
const json = new Blob(['{"format":"whetstone-backup"}'], { type: 'application/json' });

async function record(id: string, owner: string, pieces: string[], durationMs: number | null) {
	await startRecording(id, owner, 'audio/webm;codecs=opus', AT);
	for (const [n, p] of pieces.entries()) await addChunk(id, n, new Blob([p]));
	if (durationMs !== null) await finishRecording(id, durationMs);
}

describe('a backup with recordings', () => {
	it('holds the backup and every recording, and restores them on another device, once', async () => {
		await record('r1', ownerOf('drill', 'd1'), ['one ', 'two'], 2100);
		// Cut short by a reload: kept as it was, its length still estimated from its pieces.
		await record('r2', ownerOf('passage', 'p1'), ['a', 'b', 'c'], null);
		const file = await new Response(zipWithRecordings(json, AT)).blob();

		await resetDatabase();
		const opened = await openZip(file);
		expect(await opened.backup.text()).toBe('{"format":"whetstone-backup"}');
		const seen: number[] = [];
		expect(await opened.restore((done) => seen.push(done))).toEqual({
			added: 2,
			already: 0,
			missing: 0
		});
		expect(seen).toEqual([1, 2]);
		expect(await (await recordingAudio('r1'))!.text()).toBe('one two');
		expect((await recordingAudio('r1'))!.type).toBe('audio/webm;codecs=opus');
		expect(await listRecordings(ownerOf('drill', 'd1'))).toEqual([
			expect.objectContaining({ id: 'r1', durationMs: 2100, complete: true, bytes: 7 })
		]);
		expect(await listRecordings(ownerOf('passage', 'p1'))).toEqual([
			expect.objectContaining({ id: 'r2', durationMs: null, complete: false, chunks: 3 })
		]);

		// The same file again changes nothing.
		expect(await (await openZip(file)).restore(() => undefined)).toEqual({
			added: 0,
			already: 2,
			missing: 0
		});
	});

	it('names each audio file by day, owner and id, with an extension players know', () => {
		const head = {
			id: 'r9',
			owner: 'drill:d1',
			createdAt: AT,
			mimeType: 'audio/mp4',
			durationMs: 1000,
			bytes: 1,
			chunks: 1,
			complete: true,
			cutShort: null
		};
		expect(fileOf(head)).toBe('recordings/2026-12-03 drill r9.m4a');
		expect(fileOf({ ...head, owner: 'passage:p', mimeType: 'audio/webm;codecs=opus' })).toBe(
			'recordings/2026-12-03 passage r9.webm'
		);
	});

	it('says what is wrong with a ZIP that is not one, and restores nothing', async () => {
		const other = await new Response(makeZip([{ name: 'photo.jpg', input: 'x' }])).blob();
		await expect(openZip(other)).rejects.toThrow(
			'This ZIP file is not a Whetstone backup with recordings (it has no whetstone-backup.json). Nothing was changed.'
		);
		const damaged = await new Response(
			makeZip([
				{ name: 'whetstone-backup.json', input: '{}' },
				{ name: 'recordings.json', input: '{"version":1,"recordings":[{"id":1}]}' }
			])
		).blob();
		await expect(openZip(damaged)).rejects.toThrow(/list of recordings in this file .* is damaged/);
		expect(await listRecordings(ownerOf('drill', 'd1'))).toEqual([]);
	});
});
