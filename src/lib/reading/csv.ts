import Papa from 'papaparse';
import type { ParsedClippings } from './clippings';

/** The fields a highlights CSV can fill, and the header names recognised for each (lower case). */
export const CSV_FIELDS = {
	text: ['text', 'highlight', 'quote', 'passage', 'excerpt'],
	title: ['book title', 'book', 'title'],
	author: ['book author', 'author', 'authors', 'by'],
	location: ['location', 'page', 'loc', 'position'],
	locationType: ['location type'],
	note: ['note', 'notes', 'comment', 'annotation'],
	capturedAt: ['highlighted at', 'highlighted', 'date', 'created at', 'added'],
	tags: ['tags']
} as const;

export type CsvField = keyof typeof CSV_FIELDS;
/** Which column (its header, lower case) feeds each field; a field may have none. */
export type CsvMapping = Partial<Record<CsvField, string>>;

export interface ParsedCsv extends ParsedClippings {
	/** The file's column headers, for mapping them by hand when they are not recognised. */
	headers: string[];
	/** The mapping used. */
	mapping: CsvMapping;
}

/** The columns recognised by name (Readwise's export among them). */
export function guessMapping(headers: readonly string[]): CsvMapping {
	const mapping: CsvMapping = {};
	for (const field of Object.keys(CSV_FIELDS) as CsvField[]) {
		const name = CSV_FIELDS[field].find((n) => headers.includes(n));
		if (name) mapping[field] = name;
	}
	return mapping;
}

/** "4" with type "page" → "page 4"; a Kindle location → "loc 1234"; other types kept as words. */
function locationText(value: string, type: string): string {
	if (!value) return '';
	const t = type.trim().toLowerCase();
	if (!t || t === 'none') return value;
	if (t === 'page') return `page ${value}`;
	if (t === 'location') return `loc ${value}`;
	if (t === 'order') return `#${value}`;
	return `${t} ${value}`;
}

/**
 * A highlights CSV: Readwise's export (Highlight, Book Title, Book Author, Amazon Book ID,
 * Note, Color, Tags, Location Type, Location, Highlighted at, Document tags) or any file with
 * a text and a book-title column, matched loosely by name — or mapped by hand (`mapping`)
 * when its headers are not recognised. Quoted commas and newlines are handled by Papa Parse.
 * Tags have no place of their own in Whetstone, so they are kept in the note.
 */
export function parseHighlightsCsv(text: string, mapping?: CsvMapping): ParsedCsv {
	const result = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
		header: true,
		skipEmptyLines: 'greedy',
		transformHeader: (h) => h.trim().toLowerCase()
	});
	const headers = (result.meta.fields ?? []).filter(Boolean);
	const cols = mapping ?? guessMapping(headers);
	const out: ParsedCsv = { passages: [], bookmarks: 0, skipped: [], headers, mapping: cols };
	if (!cols.title || (!cols.text && !cols.note)) {
		out.skipped.push({
			entry: 0,
			reason: 'no "book title" and "text" columns in the first row, so this is not a highlights CSV'
		});
		return out;
	}
	const broken = new Map<number, string>();
	for (const e of result.errors) {
		if (e.row !== undefined) broken.set(e.row, e.message);
	}
	result.data.forEach((row, i) => {
		const entry = i + 2; // the header is row 1
		if (broken.has(i)) {
			out.skipped.push({ entry, reason: `broken row: ${broken.get(i)}` });
			return;
		}
		const get = (c: string | undefined) => (c ? (row[c] ?? '').trim() : '');
		const title = get(cols.title);
		const body = get(cols.text);
		const tags = get(cols.tags);
		const note = [get(cols.note), tags ? `Tags: ${tags}` : ''].filter(Boolean).join('\n');
		if (!title) {
			out.skipped.push({ entry, reason: 'no book title' });
			return;
		}
		if (!body && !get(cols.note)) {
			out.skipped.push({ entry, reason: 'no text or note' });
			return;
		}
		const when = Date.parse(get(cols.capturedAt));
		out.passages.push({
			title,
			author: get(cols.author),
			location: locationText(get(cols.location), get(cols.locationType)),
			text: body,
			note,
			...(Number.isFinite(when) ? { capturedAt: when } : {})
		});
	});
	return out;
}
