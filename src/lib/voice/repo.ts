import { withDb, write } from '$lib/db';
import type { RecordingRecord } from '$lib/db/schema';

/**
 * Recordings on this device: a head per recording and its audio in pieces, each piece stored
 * as it arrives (a reload or a full disk loses at most the last one). Never synced; deleting
 * a recording deletes its pieces in the same transaction.
 */

export function ownerOf(kind: 'passage' | 'drill', id: string): string {
	return `${kind}:${id}`;
}

export async function startRecording(
	id: string,
	owner: string,
	mimeType: string,
	at: number
): Promise<void> {
	const head: RecordingRecord = {
		id,
		owner,
		createdAt: at,
		mimeType,
		durationMs: null,
		bytes: 0,
		chunks: 0,
		complete: false,
		cutShort: null
	};
	await write(['recordings'], async (tx) => {
		await tx.objectStore('recordings').put(head);
	});
}

/** Store the next piece (`n` from 0) and count it on the head, in one transaction. */
export async function addChunk(id: string, n: number, blob: Blob): Promise<void> {
	await write(['recordings', 'recordingChunks'], async (tx) => {
		const head = await tx.objectStore('recordings').get(id);
		if (!head) return; // Deleted meanwhile.
		await tx.objectStore('recordingChunks').put({ recordingId: id, n, blob });
		await tx
			.objectStore('recordings')
			.put({ ...head, bytes: head.bytes + blob.size, chunks: Math.max(head.chunks, n + 1) });
	});
}

/** Stopped: its length is known. `cutShort` says why it ended early, when it did. */
export async function finishRecording(
	id: string,
	durationMs: number | null,
	cutShort: string | null = null
): Promise<void> {
	await write(['recordings'], async (tx) => {
		const head = await tx.objectStore('recordings').get(id);
		if (!head) return;
		await tx.objectStore('recordings').put({ ...head, durationMs, complete: true, cutShort });
	});
}

/** The recordings of `owner`, oldest first, without their audio. */
export async function listRecordings(owner: string): Promise<RecordingRecord[]> {
	const all = await withDb((db) => db.getAllFromIndex('recordings', 'by-owner', owner));
	return all.sort((a, b) => a.createdAt - b.createdAt);
}

/** A recording's audio, its pieces joined (null when it has none). */
export async function recordingAudio(id: string): Promise<Blob | null> {
	return withDb(async (db) => {
		const tx = db.transaction(['recordings', 'recordingChunks'], 'readonly');
		const head = await tx.objectStore('recordings').get(id);
		const range = IDBKeyRange.bound([id, 0], [id, Infinity]);
		const pieces = await tx.objectStore('recordingChunks').getAll(range);
		await tx.done;
		if (!head || pieces.length === 0) return null;
		return new Blob(
			pieces.map((p) => p.blob),
			{ type: head.mimeType }
		);
	});
}

export async function deleteRecording(id: string): Promise<void> {
	await write(['recordings', 'recordingChunks'], async (tx) => {
		await tx.objectStore('recordings').delete(id);
		await tx.objectStore('recordingChunks').delete(IDBKeyRange.bound([id, 0], [id, Infinity]));
	});
}

/** Every recording of `owner` (a discarded drill's), pieces and all, in one transaction. */
export async function deleteRecordingsOf(owner: string): Promise<void> {
	await write(['recordings', 'recordingChunks'], async (tx) => {
		const heads = tx.objectStore('recordings');
		for (const id of await heads.index('by-owner').getAllKeys(owner)) {
			await heads.delete(id);
			await tx.objectStore('recordingChunks').delete(IDBKeyRange.bound([id, 0], [id, Infinity]));
		}
	});
}

/** Every recording's head (a backup with recordings lists them), oldest first. */
export async function allRecordings(): Promise<RecordingRecord[]> {
	const all = await withDb((db) => db.getAll('recordings'));
	return all.sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * A recording from a backup, its audio as one piece. False (and nothing written) when this
 * device already has it: importing the same file twice changes nothing.
 */
export async function restoreRecording(head: RecordingRecord, audio: Blob): Promise<boolean> {
	return write(['recordings', 'recordingChunks'], async (tx) => {
		if (await tx.objectStore('recordings').get(head.id)) return false;
		await tx.objectStore('recordingChunks').put({ recordingId: head.id, n: 0, blob: audio });
		await tx.objectStore('recordings').put({ ...head, bytes: audio.size });
		return true;
	});
}

/** How many recordings this device holds, and their bytes (the Data page's usage). */
export async function recordingUsage(): Promise<{ count: number; bytes: number }> {
	const all = await withDb((db) => db.getAll('recordings'));
	return { count: all.length, bytes: all.reduce((n, r) => n + r.bytes, 0) };
}
