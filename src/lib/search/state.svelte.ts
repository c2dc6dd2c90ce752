import { errorText } from '$lib/errors';
import { query } from '$lib/db/query';
import { onChange } from '$lib/db/changes';
import { storageIsMemoryOnly } from '$lib/storage/memory';
import type { Hit, SearchFilters } from './index';
import type { SearchRequest, SearchResponse } from './protocol';

/** The stores whose records are searched (or name what the filters offer). */
const SEARCHED_STORES = ['drills', 'passages', 'skills', 'books'] as const;

type Ask<T> = T extends SearchRequest ? Omit<T, 'id'> : never;

/**
 * The page's side of search: the index lives in a worker (`worker.ts`), started on first
 * use (only the search page loads it), synced on every data change, asked per keystroke.
 */
class SearchState {
	/** The index answers queries. */
	ready = $state(false);
	error = $state<string | null>(null);
	#next = 0;
	#waiting = new Map<number, (r: SearchResponse) => void>();
	#syncing: Promise<void> | null = null;

	#send: Promise<(message: SearchRequest) => void> | null = null;

	/** The worker, or — when data lives only in this page's memory — the engine in the page. */
	async #connect(): Promise<(message: SearchRequest) => void> {
		const deliver = (r: SearchResponse) => {
			this.#waiting.get(r.id)?.(r);
			this.#waiting.delete(r.id);
		};
		if (await storageIsMemoryOnly()) {
			const { searchServer } = await import('./serve');
			return searchServer(deliver, { save: false });
		}
		const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (e: MessageEvent<SearchResponse>) => deliver(e.data);
		worker.onerror = () => {
			// A worker that failed (to load, or later) answers nothing more: settle whatever
			// waits on it with an error, and start a new one on the next request.
			worker.terminate();
			this.#send = null;
			this.ready = false;
			const message = 'it stopped working. Leave this page and come back to try again.';
			for (const [id, resolve] of this.#waiting) resolve({ type: 'error', id, message });
			this.#waiting.clear();
		};
		return (message) => worker.postMessage(message);
	}

	async #ask(message: Ask<SearchRequest>): Promise<SearchResponse> {
		this.#send ??= this.#connect().catch((e: unknown) => {
			this.#send = null;
			throw e;
		});
		const send = await this.#send;
		const id = ++this.#next;
		return new Promise((resolve) => {
			this.#waiting.set(id, resolve);
			send({ ...message, id } as SearchRequest);
		});
	}

	/** Build or load the index, or bring it up to date. */
	sync(): Promise<void> {
		this.#syncing ??= this.#sync().finally(() => (this.#syncing = null));
		return this.#syncing;
	}

	async #sync(): Promise<void> {
		const start = performance.now();
		let r: SearchResponse;
		try {
			r = await this.#ask({ type: 'sync' });
		} catch (e) {
			// The database could not be opened (the banner above says why).
			this.error = `Search is not available: ${errorText(e)}`;
			return;
		}
		performance.measure('whetstone:search-sync', { start, end: performance.now() });
		if (r.type === 'error') {
			this.error = `Search is not up to date: ${r.message}`;
			return;
		}
		if (r.type === 'synced' && r.how !== 'updated') {
			// For the benchmark: reading the records (or saved index), then indexing (or loading).
			performance.measure(`whetstone:search-${r.how}-read`, { start: 0, duration: r.timings.read });
			performance.measure(`whetstone:search-${r.how}-index`, {
				start: 0,
				duration: r.timings.index
			});
		}
		this.error = null;
		this.ready = true;
	}

	/** True when a searched record changed since the index was last brought up to date. */
	#behind = true;
	#listening = false;

	/**
	 * The hits for a query and filters: a live query re-asks when a searched record changes,
	 * after bringing the index up to date.
	 */
	hits = query(
		SEARCHED_STORES,
		async ({ q, filters }: { q: string; filters: SearchFilters }): Promise<Hit[]> => {
			if (!this.#listening) {
				this.#listening = true;
				onChange((change) => {
					if (SEARCHED_STORES.some((s) => change.stores.has(s))) this.#behind = true;
				});
			}
			if (this.#behind || !this.ready) {
				this.#behind = false;
				await this.sync();
			}
			return this.query(q, filters);
		}
	);

	/** Matching records for `q` (empty when the index is not ready yet). */
	async query(q: string, filters: SearchFilters): Promise<Hit[]> {
		if (!this.ready || !q.trim()) return [];
		const start = performance.now();
		const r = await this.#ask({ type: 'query', q, filters: $state.snapshot(filters) }).catch(
			() => null
		);
		performance.measure('whetstone:search-query', { start, end: performance.now() });
		return r?.type === 'hits' ? r.hits : [];
	}
}

export const searchState = new SearchState();
