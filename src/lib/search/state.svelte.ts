import { listBooks } from '$lib/reading/repo';
import {
	createIndex,
	documentsFor,
	search,
	updateIndex,
	type Hit,
	type Index,
	type SearchFilters
} from './index';
import { withDb } from '$lib/db';

/**
 * The search index of this tab: built on first use (only the search page loads MiniSearch),
 * then updated in place with the records that changed since (newer `updatedAt`), removed
 * ones included.
 */
class SearchState {
	ready = $state(false);
	error = $state<string | null>(null);
	#index: Index | null = null;
	#syncedUpTo = 0;
	#syncing: Promise<void> | null = null;

	/** Build the index, or bring it up to date. */
	sync(): Promise<void> {
		this.#syncing ??= this.#sync().finally(() => (this.#syncing = null));
		return this.#syncing;
	}

	async #sync(): Promise<void> {
		try {
			const [drills, passages, skills, books] = await Promise.all([
				withDb((db) => db.getAll('drills')),
				withDb((db) => db.getAll('passages')),
				withDb((db) => db.getAll('skills')),
				listBooks()
			]);
			const since = this.#syncedUpTo;
			const newer = <T extends { updatedAt: number }>(all: T[]) =>
				all.filter((r) => r.updatedAt > since);
			const changed = {
				drills: newer(drills),
				passages: newer(passages),
				skills: newer(skills),
				books
			};
			const removed = [
				...changed.drills.filter((d) => d.deletedAt !== null).map((d) => `drill:${d.id}`),
				...changed.passages.filter((p) => p.deletedAt !== null).map((p) => `passage:${p.id}`),
				...changed.skills.filter((s) => s.deletedAt !== null).map((s) => `skill:${s.id}`)
			];
			const docs = documentsFor(changed);
			if (!this.#index) this.#index = createIndex(docs);
			else updateIndex(this.#index, docs, removed);
			const all = [...drills, ...passages, ...skills];
			this.#syncedUpTo = all.reduce((m, r) => Math.max(m, r.updatedAt), since);
			this.ready = true;
			this.error = null;
		} catch (e) {
			this.error = e instanceof Error ? e.message : String(e);
		}
	}

	query(q: string, filters: SearchFilters): Hit[] {
		return this.#index ? search(this.#index, q, filters) : [];
	}
}

export const searchState = new SearchState();
