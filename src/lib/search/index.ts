import MiniSearch, { type SearchResult } from 'minisearch';
import type { BookRecord, DrillRecord, PassageRecord, SkillRecord } from '$lib/db/schema';

/**
 * Full-text search over drills, passages (with notes and answers) and skill names, with
 * MiniSearch: prefix matching for results as you type, fuzzy matching for small typos.
 * Documents are flat: one per record, keyed `${kind}:${id}`, updated in place as records
 * change (no rebuild).
 */
export type SearchKind = 'drill' | 'passage' | 'skill';

export interface SearchDoc {
	id: string;
	kind: SearchKind;
	recordId: string;
	title: string;
	text: string;
	skillId: string | null;
	bookId: string | null;
	at: number;
}

export function drillDoc(d: DrillRecord): SearchDoc {
	return {
		id: `drill:${d.id}`,
		kind: 'drill',
		recordId: d.id,
		title: d.prompt,
		text: [d.text, ...d.reflections.map((r) => r.answer)].join('\n'),
		skillId: d.skillId,
		bookId: null,
		at: d.startedAt
	};
}

export function passageDoc(p: PassageRecord, bookTitle = ''): SearchDoc {
	return {
		id: `passage:${p.id}`,
		kind: 'passage',
		recordId: p.id,
		title: bookTitle,
		text: [p.text, p.note, ...p.answers.map((a) => a.text)].filter(Boolean).join('\n'),
		skillId: p.skillId,
		bookId: p.bookId,
		at: p.createdAt
	};
}

export function skillDoc(s: SkillRecord): SearchDoc {
	return {
		id: `skill:${s.id}`,
		kind: 'skill',
		recordId: s.id,
		title: s.name,
		text: '',
		skillId: s.id,
		bookId: null,
		at: s.createdAt
	};
}

/** Search documents for every live record. */
export function documentsFor(data: {
	drills: readonly DrillRecord[];
	passages: readonly PassageRecord[];
	skills: readonly SkillRecord[];
	books: readonly BookRecord[];
}): SearchDoc[] {
	const titles = new Map(data.books.map((b) => [b.id, b.title]));
	return [
		...data.drills.filter((d) => d.deletedAt === null).map(drillDoc),
		...data.passages
			.filter((p) => p.deletedAt === null)
			.map((p) => passageDoc(p, titles.get(p.bookId))),
		...data.skills.filter((s) => s.deletedAt === null).map(skillDoc)
	];
}

export type Index = MiniSearch<SearchDoc>;

const OPTIONS = {
	fields: ['title', 'text'],
	storeFields: ['kind', 'recordId', 'title', 'text', 'skillId', 'bookId', 'at'],
	searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 2 }, combineWith: 'AND' as const }
};

/** Bump when documents or options change shape: older saved indexes are then rebuilt. */
export const INDEX_VERSION = 1;

export function createIndex(docs: readonly SearchDoc[] = []): Index {
	const index = new MiniSearch<SearchDoc>(OPTIONS);
	index.addAll(docs);
	return index;
}

/** The index as a string, to be stored and loaded later (`loadIndex`). */
export function serializeIndex(index: Index): string {
	return JSON.stringify(index);
}

/** An index saved by `serializeIndex` with the same `INDEX_VERSION`. */
export function loadIndex(json: string): Index {
	return MiniSearch.loadJSON<SearchDoc>(json, OPTIONS);
}

/** Apply changed and removed records to the index in place. */
export function updateIndex(
	index: Index,
	changed: readonly SearchDoc[],
	removedIds: readonly string[]
): void {
	for (const id of removedIds) if (index.has(id)) index.discard(id);
	for (const doc of changed) {
		if (index.has(doc.id)) index.replace(doc);
		else index.add(doc);
	}
}

export interface SearchFilters {
	kind?: SearchKind | '';
	skillId?: string;
	bookId?: string;
	/** Inclusive range, epoch ms. */
	from?: number;
	to?: number;
}

export interface Hit {
	id: string;
	kind: SearchKind;
	recordId: string;
	title: string;
	text: string;
	at: number;
	/** The words of the documents that matched (for highlighting). */
	terms: string[];
}

export function search(
	index: Index,
	query: string,
	filters: SearchFilters = {},
	limit = 50
): Hit[] {
	const q = query.trim();
	if (!q) return [];
	const results = index.search(q, {
		filter: (r: SearchResult) =>
			(!filters.kind || r.kind === filters.kind) &&
			(!filters.skillId || r.skillId === filters.skillId) &&
			(!filters.bookId || r.bookId === filters.bookId) &&
			(filters.from === undefined || (r.at as number) >= filters.from) &&
			(filters.to === undefined || (r.at as number) <= filters.to)
	});
	return results.slice(0, limit).map((r) => ({
		id: r.id as string,
		kind: r.kind as SearchKind,
		recordId: r.recordId as string,
		title: r.title as string,
		text: r.text as string,
		at: r.at as number,
		terms: r.terms
	}));
}

export interface Segment {
	text: string;
	hit: boolean;
}

/**
 * Split `text` into plain and highlighted segments for the matched `terms` (whole words
 * starting with a term, case-insensitive). The caller renders segments as text — never HTML.
 */
export function highlight(text: string, terms: readonly string[]): Segment[] {
	const words = [...new Set(terms.filter(Boolean))].sort((a, b) => b.length - a.length);
	if (words.length === 0 || !text) return text ? [{ text, hit: false }] : [];
	const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	const re = new RegExp(`(${escaped.join('|')})`, 'giu');
	const out: Segment[] = [];
	let last = 0;
	for (const m of text.matchAll(re)) {
		const start = m.index ?? 0;
		if (start > last) out.push({ text: text.slice(last, start), hit: false });
		out.push({ text: m[0], hit: true });
		last = start + m[0].length;
	}
	if (last < text.length) out.push({ text: text.slice(last), hit: false });
	return out;
}

/** A window of `text` around the first match (whole text when short). */
export function snippet(text: string, terms: readonly string[], radius = 90): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= radius * 2) return flat;
	const lower = flat.toLowerCase();
	const positions = terms.map((t) => lower.indexOf(t.toLowerCase())).filter((i) => i >= 0);
	const at = positions.length ? Math.min(...positions) : 0;
	const start = Math.max(0, at - radius);
	const end = Math.min(flat.length, at + radius);
	return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
