/// <reference lib="webworker" />
import { runExport, runImport } from './jobs';
import type { BackupReply, BackupRequest } from './protocol';

/**
 * Imports and exports run here, off the page's thread (see `jobs.ts`). One job per worker:
 * the page starts a worker for a job and ends it after the answer, which frees the memory a
 * 110 MB file took.
 */
const reply = (message: BackupReply) => postMessage(message);

self.onmessage = async (event: MessageEvent<BackupRequest>) => {
	const request = event.data;
	if (request.type === 'import') {
		const result = await runImport(request.file, {
			progress: (phase, done, total) => reply({ type: 'progress', phase, done, total }),
			between: async () => undefined
		});
		reply({ type: 'done', result });
	} else {
		reply({ type: 'done', result: await runExport(request.at) });
	}
};
