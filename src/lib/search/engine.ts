import {
	INDEX_VERSION,
	createIndex,
	documentsFor,
	loadIndex,
	search,
	serializeIndex,
	updateIndex,
	type Hit,
	type Index,
	type SearchFilters
} from './index';
import { loadSnapshot, readSearchSource, saveSnapshot, type SearchSource } from './repo';

/**
 * The search index of one tab (it runs in a worker: see `worker.ts`). The first sync loads
 * the saved snapshot — or builds the index once and saves it — then every sync applies only
 * the records changed since. `save()` stores the index again after changes.
 */
export class SearchEngine {
	#index: Index | null = null;
	#syncedUpTo = 0;
	/** `madeAt` of the stored snapshot this index matches, or null if none was seen. */
	#basedOn: number | null = null;
	#dirty = false;
	/** Where the last sync spent its time (ms), for the benchmark. */
	timings = { read: 0, index: 0 };

	get ready(): boolean {
		return this.#index !== null;
	}

	get dirty(): boolean {
		return this.#dirty;
	}

	/** Bring the index up to date with the database. Returns how it got there. */
	async sync(): Promise<'built' | 'loaded' | 'updated'> {
		let how: 'built' | 'loaded' | 'updated' = 'updated';
		const t0 = performance.now();
		if (!this.#index) {
			const stored = await loadSnapshot();
			if (stored?.json && stored.head.version === INDEX_VERSION) {
				const t1 = performance.now();
				this.#index = loadIndex(stored.json);
				this.timings = { read: t1 - t0, index: performance.now() - t1 };
				this.#syncedUpTo = stored.head.syncedUpTo;
				this.#basedOn = stored.head.madeAt;
				how = 'loaded';
			} else {
				const all = await readSearchSource();
				const t1 = performance.now();
				this.#index = createIndex(documentsFor(live(all)));
				this.timings = { read: t1 - t0, index: performance.now() - t1 };
				this.#syncedUpTo = all.seq;
				this.#basedOn = stored?.head.madeAt ?? null;
				this.#dirty = true;
				return 'built';
			}
		}
		const changed = await readSearchSource(this.#syncedUpTo);
		const removed = [
			...changed.drills.filter((d) => d.deletedAt !== null).map((d) => `drill:${d.id}`),
			...changed.passages.filter((p) => p.deletedAt !== null).map((p) => `passage:${p.id}`),
			...changed.skills.filter((s) => s.deletedAt !== null).map((s) => `skill:${s.id}`)
		];
		const docs = documentsFor(live(changed));
		// Most writes (a draft saved as you type) touch nothing searchable: no new snapshot then.
		if (docs.length > 0 || removed.length > 0) this.#dirty = true;
		updateIndex(this.#index, docs, removed);
		this.#syncedUpTo = changed.seq;
		return how;
	}

	query(q: string, filters: SearchFilters = {}): Hit[] {
		return this.#index ? search(this.#index, q, filters) : [];
	}

	/** Store the index if it changed since it was loaded or last saved. */
	async save(now: number): Promise<boolean> {
		if (!this.#index || !this.#dirty) return false;
		const madeAt = Math.max(now, (this.#basedOn ?? 0) + 1);
		const saved = await saveSnapshot(
			{
				version: INDEX_VERSION,
				json: serializeIndex(this.#index),
				syncedUpTo: this.#syncedUpTo,
				madeAt
			},
			this.#basedOn
		);
		// Another tab's snapshot of the same data stays; from now on this index follows it.
		this.#basedOn = saved.result === 'saved' ? madeAt : saved.madeAt;
		this.#dirty = false;
		return saved.result === 'saved';
	}
}

const live = (s: SearchSource): SearchSource => ({
	drills: s.drills.filter((d) => d.deletedAt === null),
	passages: s.passages.filter((p) => p.deletedAt === null),
	skills: s.skills.filter((k) => k.deletedAt === null),
	books: s.books,
	seq: s.seq
});
