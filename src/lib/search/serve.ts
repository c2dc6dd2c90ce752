import { errorText } from '$lib/errors';
import { now } from '$lib/time/clock';
import { SearchEngine } from './engine';
import type { SearchRequest, SearchResponse } from './protocol';

/** A quiet moment after changes before the (large) index snapshot is written. */
const SAVE_AFTER_MS = 2000;
const messageOf = (e: unknown) => errorText(e);

/**
 * Answers search requests with one engine: syncs and saves run one at a time, in order;
 * queries are answered at once from the current index. Runs in the search worker — or in
 * the page when the data lives only in the page's memory (IndexedDB refused), where a
 * worker would see an empty database and there is nothing to save.
 */
export function searchServer(
	post: (message: SearchResponse) => void,
	{ save = true }: { save?: boolean } = {}
): (message: SearchRequest) => void {
	const engine = new SearchEngine();
	let queue: Promise<unknown> = Promise.resolve();
	let saveTimer: ReturnType<typeof setTimeout> | undefined;

	function scheduleSave() {
		clearTimeout(saveTimer);
		if (!save || !engine.dirty) return;
		saveTimer = setTimeout(() => {
			// A snapshot that cannot be stored (storage full) only means the next tab rebuilds.
			queue = queue.then(() => engine.save(now())).catch(() => false);
		}, SAVE_AFTER_MS);
	}

	return (msg) => {
		if (msg.type === 'query') {
			try {
				post({ type: 'hits', id: msg.id, hits: engine.query(msg.q, msg.filters) });
			} catch (e) {
				post({ type: 'error', id: msg.id, message: messageOf(e) });
			}
			return;
		}
		clearTimeout(saveTimer);
		queue = queue.then(async () => {
			try {
				const how = await engine.sync();
				post({ type: 'synced', id: msg.id, how, timings: engine.timings });
			} catch (e) {
				post({ type: 'error', id: msg.id, message: messageOf(e) });
			}
			scheduleSave();
		});
	};
}
