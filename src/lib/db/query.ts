import type { Store } from './index';

/**
 * A named read: the stores it reads, and how. A live query re-runs it when a write commits to
 * one of those stores. Derived stores (checkpoints, the search index) are caches: a query
 * names the stores they are derived from, so refreshing a cache never re-runs a query.
 */
export interface Query<K, T> {
	readonly stores: readonly Store[];
	read(key: K): Promise<T>;
}

export function query<K = void, T = unknown>(
	stores: readonly Store[],
	read: (key: K) => Promise<T>
): Query<K, T> {
	return { stores, read };
}
