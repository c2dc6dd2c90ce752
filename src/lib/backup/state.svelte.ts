import { errorText } from '$lib/errors';
import { now } from '$lib/time/clock';
import { downloadBlob, downloadText, pickSaveTarget } from '$lib/ui/download';
import { listDrills } from '$lib/drills/repo';
import { storageIsMemoryOnly } from '$lib/storage/memory';
import { drillsToMarkdown } from './markdown';
import { markBackedUp } from './meta-repo';
import type { ExportResult, ImportResult, Phase } from './jobs';
import type { BackupReply, BackupRequest } from './protocol';
import type { ImportSummary } from './repo';
import type { RecordingsRestored } from './recordings';
import { looksLikeZip } from './zip';

/** What the page says while a job runs. */
const PHASES: Record<Phase, string> = {
	read: 'Reading the file…',
	check: 'Checking every record…',
	write: 'Merging into your data…'
};

/** A new task (a message to ourselves: no timer, so a faked clock cannot hold it up). */
const nextTask = () =>
	new Promise<void>((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => resolve();
		channel.port2.postMessage(null);
	});

const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Export and import, one at a time, with progress a person can see. */
class BackupTask {
	busy = $state(false);
	phase = $state('');
	done = $state(0);
	total = $state(0);
	error = $state<string | null>(null);
	summary = $state<ImportSummary | null>(null);
	/** What the last import of a backup with recordings did with them. */
	recordings = $state<RecordingsRestored | null>(null);
	lastExport = $state<number | null>(null);

	async #run(phase: string, work: () => Promise<void>): Promise<void> {
		if (this.busy) return; // never two at once
		this.busy = true;
		this.phase = phase;
		this.done = 0;
		this.total = 0;
		this.error = null;
		try {
			await work();
		} catch (e) {
			this.error = errorText(e);
		} finally {
			this.busy = false;
			this.phase = '';
		}
	}

	exportJson(): Promise<void> {
		return this.#run('Preparing your backup…', async () => {
			const at = now();
			const t0 = performance.now();
			const result = await this.#exportJob(at);
			if (!result.ok) throw new Error(result.error);
			downloadBlob(`whetstone-backup-${stamp(at)}.json`, result.file);
			// For the benchmark: click to download, and the worker's read and serialise.
			performance.measure('whetstone:export', { start: t0, end: performance.now() });
			performance.measure('whetstone:export-make', { start: 0, duration: result.ms });
			await markBackedUp(at);
			this.lastExport = at;
		});
	}

	/**
	 * The backup and every recording on this device, as one ZIP written as a stream: each
	 * recording is read when the stream reaches it, and (where the browser has a save dialog)
	 * written straight to the file.
	 */
	exportWithRecordings(): Promise<void> {
		return this.#run('Preparing your backup with recordings…', async () => {
			const at = now();
			const name = `whetstone-backup-${stamp(at)}-with-recordings.zip`;
			const target = await pickSaveTarget(
				name,
				'Whetstone backup with recordings',
				'application/zip'
			);
			if (target === 'cancelled') return;
			const result = await this.#exportJob(at);
			if (!result.ok) {
				await target?.abort().catch(() => undefined);
				throw new Error(result.error);
			}
			this.phase = 'Adding your recordings…';
			const { zipWithRecordings } = await import('./recordings');
			const zip = zipWithRecordings(result.file, at);
			if (target) await zip.pipeTo(target);
			else downloadBlob(name, await new Response(zip).blob());
			await markBackedUp(at);
			this.lastExport = at;
		});
	}

	exportMarkdown(): Promise<void> {
		return this.#run('Writing your drills as Markdown…', async () => {
			const at = now();
			downloadText(
				`whetstone-drills-${stamp(at)}.md`,
				'text/markdown',
				drillsToMarkdown(await listDrills(), at)
			);
		});
	}

	importFile(file: File): Promise<void> {
		return this.#run('Reading the file…', async () => {
			this.summary = null;
			this.recordings = null;
			// A backup with recordings: its JSON is imported as any backup, then the audio.
			const zip = (await looksLikeZip(file))
				? await (await import('./recordings')).openZip(file)
				: null;
			const result = await this.#importJob(zip ? zip.backup : file);
			if (!result.ok) throw new Error(result.error);
			for (const [phase, ms] of Object.entries(result.timings)) {
				performance.measure(`whetstone:import-${phase}`, { start: 0, duration: ms });
			}
			if (zip) {
				this.phase = 'Restoring your recordings…';
				this.recordings = await zip.restore((done, total) => {
					this.done = done;
					this.total = total;
				});
			}
			this.summary = result.summary;
		});
	}

	#showProgress(phase: Phase, done: number, total: number): void {
		this.phase = PHASES[phase];
		this.done = done;
		this.total = total;
	}

	// Each job runs in a backup worker, or in this page when the data lives only in its memory
	// (a worker would open a database of its own and see none of it).

	async #importJob(file: Blob): Promise<ImportResult> {
		if (!(await storageIsMemoryOnly())) return this.#inWorker({ type: 'import', file });
		const { runImport } = await import('./jobs');
		return runImport(file, {
			progress: (phase, done, total) => this.#showProgress(phase, done, total),
			between: nextTask
		});
	}

	async #exportJob(at: number): Promise<ExportResult> {
		if (!(await storageIsMemoryOnly())) return this.#inWorker({ type: 'export', at });
		const { runExport } = await import('./jobs');
		return runExport(at);
	}

	/** One job in a new backup worker, ended after its answer (freeing the file's memory). */
	async #inWorker<R extends ImportResult | ExportResult>(request: BackupRequest): Promise<R> {
		const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
		try {
			return await new Promise<R>((resolve, reject) => {
				worker.onmessage = (e: MessageEvent<BackupReply>) => {
					const reply = e.data;
					if (reply.type === 'progress') this.#showProgress(reply.phase, reply.done, reply.total);
					else resolve(reply.result as R);
				};
				worker.onerror = () =>
					reject(new Error('The backup could not run in this browser. Nothing was changed.'));
				worker.postMessage(request);
			});
		} finally {
			worker.terminate();
		}
	}
}

export const backupTask = new BackupTask();
