import { errorText } from '$lib/errors';
import { MAX_BACKUP_BYTES, parseBackupInSteps } from './format';
import { exportBackup, importBackup, type ImportSummary } from './repo';

/**
 * A whole import or export, from the file to the database and back: what the backup worker
 * runs (`worker.ts`), off the page's thread — parsing or writing 110 MB of JSON is one long
 * piece of work no page can cut into slices. When data lives only in the page's memory, the
 * page runs the same functions itself.
 */

export type Phase = 'read' | 'check' | 'write';

/** How far the job is; `between` lets a page-run job give the thread back between steps. */
export interface JobProgress {
	progress(phase: Phase, done: number, total: number): void;
	between(): Promise<void>;
}

export type ImportResult =
	| { ok: true; summary: ImportSummary; timings: Record<Phase, number> }
	| { ok: false; error: string };

export async function runImport(file: Blob, job: JobProgress): Promise<ImportResult> {
	try {
		if (file.size === 0) return { ok: false, error: 'The file is empty. Nothing was changed.' };
		if (file.size > MAX_BACKUP_BYTES) {
			return {
				ok: false,
				error: `That file is ${Math.round(file.size / 1_048_576)} MB, more than a backup can be (200 MB). Nothing was changed.`
			};
		}
		const t0 = performance.now();
		job.progress('read', 0, 0);
		let text: string | null = await file.text();
		const t1 = performance.now();
		const parsed = await parseBackupInSteps(text, async (checked, total) => {
			job.progress('check', checked, total);
			await job.between();
		});
		text = null; // not kept alive through the (long) write
		const t2 = performance.now();
		if (!parsed.ok) return parsed;
		job.progress('write', 0, 0);
		const summary = await importBackup(parsed.backup, (done, total) =>
			job.progress('write', done, total)
		);
		const timings = { read: t1 - t0, check: t2 - t1, write: performance.now() - t2 };
		return { ok: true, summary, timings };
	} catch (e) {
		return { ok: false, error: errorText(e) };
	}
}

export type ExportResult = { ok: true; file: Blob; ms: number } | { ok: false; error: string };

/** Everything as one JSON file (a Blob: handed to the page without copying 110 MB). */
export async function runExport(at: number): Promise<ExportResult> {
	try {
		const t0 = performance.now();
		const file = new Blob([JSON.stringify(await exportBackup(at))], { type: 'application/json' });
		return { ok: true, file, ms: performance.now() - t0 };
	} catch (e) {
		return { ok: false, error: errorText(e) };
	}
}
