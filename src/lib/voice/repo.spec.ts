import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb } from '$lib/db';
import { resetDatabase } from '$lib/db/testing';
import {
	addChunk,
	deleteRecording,
	deleteRecordingsOf,
	finishRecording,
	listRecordings,
	ownerOf,
	recordingAudio,
	recordingUsage,
	startRecording
} from './repo';

beforeEach(resetDatabase);
afterEach(() => closeDb());

const owner = ownerOf('passage', 'p1');
const piece = (text: string) => new Blob([text], { type: 'audio/webm' });

describe('recordings on this device', () => {
	it('stores each piece as it comes, joins them for playback, and counts them', async () => {
		await startRecording('r1', owner, 'audio/webm', 1000);
		await addChunk('r1', 0, piece('abc'));
		await addChunk('r1', 1, piece('de'));
		// Cut short here (a reload): what was stored is there, its length estimated.
		let [head] = await listRecordings(owner);
		expect(head).toMatchObject({ complete: false, chunks: 2, bytes: 5, durationMs: null });
		const audio = await recordingAudio('r1');
		expect(audio?.type).toBe('audio/webm');
		expect(await audio?.text()).toBe('abcde');
		await finishRecording('r1', 2100);
		[head] = await listRecordings(owner);
		expect(head).toMatchObject({ complete: true, durationMs: 2100, cutShort: null });
		expect(await recordingUsage()).toEqual({ count: 1, bytes: 5 });
	});

	it('keeps recordings apart by owner, oldest first, and deletes one with all its pieces', async () => {
		await startRecording('r2', owner, 'audio/webm', 2000);
		await startRecording('r1', owner, 'audio/webm', 1000);
		await startRecording('x', ownerOf('passage', 'p2'), 'audio/webm', 1500);
		await addChunk('r1', 0, piece('a'));
		expect((await listRecordings(owner)).map((r) => r.id)).toEqual(['r1', 'r2']);
		await deleteRecording('r1');
		expect((await listRecordings(owner)).map((r) => r.id)).toEqual(['r2']);
		expect(await recordingAudio('r1')).toBeNull();
		// A piece arriving after its recording was deleted is dropped, not orphaned.
		await addChunk('r1', 1, piece('b'));
		expect(await recordingAudio('r1')).toBeNull();
	});

	it("deletes all of one owner's recordings and no one else's", async () => {
		const drill = ownerOf('drill', 'd1');
		await startRecording('a', drill, 'audio/webm', 1000);
		await startRecording('b', drill, 'audio/webm', 2000);
		await startRecording('keep', owner, 'audio/webm', 1500);
		for (const id of ['a', 'b', 'keep']) await addChunk(id, 0, piece(id));
		await deleteRecordingsOf(drill);
		expect(await listRecordings(drill)).toEqual([]);
		expect(await recordingAudio('a')).toBeNull();
		expect(await recordingAudio('b')).toBeNull();
		expect(await (await recordingAudio('keep'))?.text()).toBe('keep');
	});
});
