import Papa from 'papaparse';
import type { ParsedClippings } from './clippings';

/** Header names we recognise (lower case), for each field. */
const COLUMNS = {
	text: ['text', 'highlight', 'quote', 'passage', 'excerpt'],
	title: ['book title', 'book', 'title'],
	author: ['author', 'authors', 'by'],
	location: ['location', 'page', 'loc', 'position'],
	note: ['note', 'notes', 'comment', 'annotation']
} as const;

/**
 * A generic highlights CSV (text, book title, author, location, note — header names are
 * matched loosely). Quoted commas and newlines inside quotes are handled by Papa Parse.
 */
export function parseHighlightsCsv(text: string): ParsedClippings {
	const result = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
		header: true,
		skipEmptyLines: 'greedy',
		transformHeader: (h) => h.trim().toLowerCase()
	});
	const headers = result.meta.fields ?? [];
	const column = (field: keyof typeof COLUMNS) =>
		COLUMNS[field].find((name) => headers.includes(name));
	const cols = {
		text: column('text'),
		title: column('title'),
		author: column('author'),
		location: column('location'),
		note: column('note')
	};
	const out: ParsedClippings = { passages: [], bookmarks: 0, skipped: [] };
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
		const note = get(cols.note);
		if (!title) {
			out.skipped.push({ entry, reason: 'no book title' });
			return;
		}
		if (!body && !note) {
			out.skipped.push({ entry, reason: 'no text or note' });
			return;
		}
		out.passages.push({
			title,
			author: get(cols.author),
			location: get(cols.location),
			text: body,
			note
		});
	});
	return out;
}
