import { errorText } from '$lib/errors';
import { now } from '$lib/time/clock';
import { measured } from '$lib/app/perf';
import { downloadText } from '$lib/ui/download';
import { listDrills } from '$lib/drills/repo';
import { MAX_BACKUP_BYTES, parseBackupInSteps } from './format';
import { drillsToMarkdown } from './markdown';
import { markBackedUp } from './meta-repo';
import { exportBackup, importBackup, type ImportSummary } from './repo';

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
			await measured('export', async () => {
				const backup = await exportBackup(at);
				downloadText(
					`whetstone-backup-${stamp(at)}.json`,
					'application/json',
					JSON.stringify(backup)
				);
			});
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
			if (file.size === 0) throw new Error('The file is empty. Nothing was changed.');
			if (file.size > MAX_BACKUP_BYTES) {
				throw new Error(
					`That file is ${Math.round(file.size / 1_048_576)} MB, more than a backup can be (200 MB). Nothing was changed.`
				);
			}
			let text: string | null = await measured('import-read', () => file.text());
			this.phase = 'Checking every record…';
			const parsed = await measured('import-check', async () => {
				// Between slices the page gets the thread back and shows how far the check is.
				const result = await parseBackupInSteps(text!, async (checked, total) => {
					this.done = checked;
					this.total = total;
					await nextTask();
				});
				text = null; // not kept alive through the (long) write
				return result;
			});
			this.done = 0;
			this.total = 0;
			if (!parsed.ok) throw new Error(parsed.error);
			this.phase = 'Merging into your data…';
			this.summary = await measured('import-write', () =>
				importBackup(parsed.backup, (done, total) => {
					this.done = done;
					this.total = total;
				})
			);
		});
	}
}

export const backupTask = new BackupTask();
