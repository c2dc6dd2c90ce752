import type { SearchIndexHead } from '$lib/db/schema';

/** The saved index's head after an import: says the index predates the data, so it is rebuilt. */
export function clearedHead(now: number): SearchIndexHead {
	return { key: 'head', version: 0, syncedUpTo: 0, madeAt: now, cleared: true };
}
