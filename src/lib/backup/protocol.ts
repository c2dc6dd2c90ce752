import type { ExportResult, ImportResult, Phase } from './jobs';

/** Messages to the backup worker. */
export type BackupRequest = { type: 'import'; file: Blob } | { type: 'export'; at: number };

/** Messages from it: progress, then one answer. */
export type BackupReply =
	| { type: 'progress'; phase: Phase; done: number; total: number }
	| { type: 'imported'; result: ImportResult }
	| { type: 'exported'; result: ExportResult };
