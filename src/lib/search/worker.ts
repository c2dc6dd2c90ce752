/// <reference lib="webworker" />
import { now } from '$lib/time/clock';
import { SearchEngine } from './engine';
import type { SearchRequest, SearchResponse } from './protocol';

/**
 * The search index lives here, off the page's thread: building it (seconds, at ten years of
 * writing), loading and saving its snapshot never hold up typing or scrolling.
 */
const engine = new SearchEngine();
/** Syncs and saves run one at a time, in order. */
let queue: Promise<unknown> = Promise.resolve();
let saveTimer: ReturnType<typeof setTimeout> | undefined;
/** A quiet moment after changes before the (large) snapshot is written. */
const SAVE_AFTER_MS = 2000;

const post = (message: SearchResponse) => postMessage(message);
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

function scheduleSave() {
	clearTimeout(saveTimer);
	if (!engine.dirty) return;
	saveTimer = setTimeout(() => {
		// A snapshot that cannot be stored (storage full) only means the next tab rebuilds.
		queue = queue.then(() => engine.save(now())).catch(() => false);
	}, SAVE_AFTER_MS);
}

self.onmessage = (event: MessageEvent<SearchRequest>) => {
	const msg = event.data;
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
