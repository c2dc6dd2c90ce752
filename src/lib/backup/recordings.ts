import { makeZip } from 'client-zip';
import * as v from 'valibot';
import { dayKey } from '$lib/time/day';
import { allRecordings, recordingAudio, restoreRecording } from '$lib/voice/repo';
import type { RecordingRecord } from '$lib/db/schema';
import { zipEntries } from './zip';

/**
 * A backup with recordings: one ZIP holding the usual JSON backup, a list of the recordings,
 * and each recording's audio as a file a person can play outside Whetstone. Written as a
 * stream — each recording is read from the database when the stream reaches it, and the
 * stored audio is never copied into the page's memory — and read back through the ZIP's
 * index, each file a slice of the one chosen. Loaded only when someone asks for one.
 */

export const BACKUP_FILE = 'whetstone-backup.json';
export const LIST_FILE = 'recordings.json';

const EXTENSIONS: Record<string, string> = { webm: 'webm', ogg: 'ogg', mp4: 'm4a', mpeg: 'mp3' };

/** `recordings/2026-12-03 drill 1b2c….webm`: by date, whose, and the recording's id. */
export function fileOf(r: RecordingRecord): string {
	const subtype = /^audio\/([a-z0-9]+)/.exec(r.mimeType)?.[1] ?? '';
	const kind = r.owner.split(':')[0] === 'drill' ? 'drill' : 'passage';
	return `recordings/${dayKey(new Date(r.createdAt))} ${kind} ${r.id}.${EXTENSIONS[subtype] ?? 'audio'}`;
}

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const time = v.pipe(v.number(), v.finite(), v.minValue(0));
const listed = v.object({
	id: text(100),
	owner: v.pipe(text(200), v.regex(/^(drill|passage):/)),
	createdAt: time,
	mimeType: text(100),
	durationMs: v.nullable(time),
	bytes: time,
	chunks: v.pipe(v.number(), v.integer(), v.minValue(0)),
	complete: v.boolean(),
	cutShort: v.nullable(text(500)),
	file: v.pipe(text(300), v.startsWith('recordings/'))
});
const list = v.object({ version: v.literal(1), recordings: v.array(listed) });

/** The ZIP as a stream: the backup `json`, the list, then the recordings one by one. */
export function zipWithRecordings(json: Blob, at: number): ReadableStream<Uint8Array> {
	async function* files() {
		const lastModified = new Date(at);
		yield { name: BACKUP_FILE, input: json, lastModified };
		const heads = await allRecordings();
		const recordings = heads.map((r) => ({ ...r, file: fileOf(r) }));
		yield {
			name: LIST_FILE,
			input: JSON.stringify({ version: 1, recordings }, null, 1),
			lastModified
		};
		for (const r of recordings) {
			const audio = await recordingAudio(r.id);
			if (audio) yield { name: r.file, input: audio, lastModified: new Date(r.createdAt) };
		}
	}
	return makeZip(files());
}

export interface OpenedZip {
	/** The JSON backup inside, for the usual import. */
	backup: Blob;
	/** Restores the recordings (after the backup's import): how many were added and kept. */
	restore(progress: (done: number, total: number) => void): Promise<RecordingsRestored>;
}

export interface RecordingsRestored {
	added: number;
	/** Already on this device (the same file imported twice). */
	already: number;
	/** Listed but their audio was not in the file. */
	missing: number;
}

/** Opens a backup with recordings; throws, in words, when it is not one. */
export async function openZip(file: Blob): Promise<OpenedZip> {
	const entries = await zipEntries(file);
	const backup = entries.get(BACKUP_FILE);
	const listFile = entries.get(LIST_FILE);
	if (!backup || !listFile) {
		throw new Error(
			`This ZIP file is not a Whetstone backup with recordings (it has no ${!backup ? BACKUP_FILE : LIST_FILE}). Nothing was changed.`
		);
	}
	let parsed: v.InferOutput<typeof list>;
	try {
		parsed = v.parse(list, JSON.parse(await listFile.text()));
	} catch {
		throw new Error(
			`The list of recordings in this file (${LIST_FILE}) is damaged. Nothing was changed.`
		);
	}
	return {
		backup,
		async restore(progress) {
			const done: RecordingsRestored = { added: 0, already: 0, missing: 0 };
			const total = parsed.recordings.length;
			for (const [i, { file: name, ...head }] of parsed.recordings.entries()) {
				const audio = entries.get(name);
				if (!audio) done.missing++;
				else if (await restoreRecording(head, new Blob([audio], { type: head.mimeType })))
					done.added++;
				else done.already++;
				progress(i + 1, total);
			}
			return done;
		}
	};
}
