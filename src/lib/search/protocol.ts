import type { Hit, SearchFilters } from './index';

/** Messages between the app and the search worker. */
export type SearchRequest =
	{ type: 'sync'; id: number } | { type: 'query'; id: number; q: string; filters: SearchFilters };

export type SearchResponse =
	| {
			type: 'synced';
			id: number;
			how: 'built' | 'loaded' | 'updated';
			timings: { read: number; index: number };
	  }
	| { type: 'hits'; id: number; hits: Hit[] }
	| { type: 'error'; id: number; message: string };
