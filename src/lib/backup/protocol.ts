import type { ExportResult, ImportResult, Phase } from './jobs';

/** Messages to the backup worker. */
export type BackupRequest = { type: 'import'; file: Blob } | { type: 'export'; at: number };

/** Messages from it: progress, then the job's result (an `ImportResult` or `ExportResult`). */
export type BackupReply =
	| { type: 'progress'; phase: Phase; done: number; total: number }
	| { type: 'done'; result: ImportResult | ExportResult };
