/**
 * Kindle's "My Clippings.txt": entries separated by a line of ten "=". Each entry:
 *
 *     Title (Author)
 *     - Your Highlight on page 12 | Location 180-182 | Added on Monday, 1 January 2024 10:00:00
 *     <blank>
 *     the highlighted text (may span lines)
 *
 * Kinds: Highlight, Note, Bookmark (older devices: "Highlight Loc. 180-82"). Several books in
 * one file, CRLF line endings and a BOM are all normal. Notes are attached to the highlight
 * they were written on: same book, and the note's location inside (or at the end of) the
 * highlight's range.
 */
export interface Clipping {
	title: string;
	author: string;
	kind: 'highlight' | 'note' | 'bookmark';
	/** "page 12 · loc 180-182", as shown to the reader. */
	location: string;
	/** Numeric location range, when the device gave one. */
	range: [number, number] | null;
	text: string;
	addedOn: string;
}

export interface ParsedClippings {
	/** Highlights (with their notes) and notes that had no highlight. */
	passages: { title: string; author: string; location: string; text: string; note: string }[];
	bookmarks: number;
	skipped: { entry: number; reason: string }[];
}

const SEPARATOR = /^={10}\s*$/m;

function parseRange(meta: string): [number, number] | null {
	const m = meta.match(/Loc(?:ation|\.)?\s*(\d+)(?:\s*-\s*(\d+))?/i);
	if (!m) return null;
	const start = Number(m[1]);
	let end = m[2] ? Number(m[2]) : start;
	// Old devices abbreviate the end: "Loc. 1043-50" means 1043-1050.
	if (m[2] && end < start) {
		const digits = m[2].length;
		end = Number(String(start).slice(0, -digits) + m[2]);
	}
	return [start, end];
}

function parseHeader(line: string): { title: string; author: string } {
	const m = line.trim().match(/^(.*)\(([^()]*)\)\s*$/);
	if (m && m[1].trim()) return { title: m[1].trim(), author: m[2].trim() };
	return { title: line.trim(), author: '' };
}

/** Parse entries; malformed ones are reported, never guessed at. */
export function parseClippingEntries(text: string): {
	clippings: Clipping[];
	skipped: ParsedClippings['skipped'];
} {
	const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	const raw = clean.split(SEPARATOR);
	const clippings: Clipping[] = [];
	const skipped: ParsedClippings['skipped'] = [];
	raw.forEach((chunk, i) => {
		const lines = chunk.replace(/^\n+/, '').split('\n');
		if (lines.every((l) => l.trim() === '')) return;
		const entry = i + 1;
		const header = lines[0]?.replace(/^\uFEFF/, '');
		const meta = lines[1] ?? '';
		const kindMatch = meta.match(/^-\s*(?:Your\s+)?(Highlight|Note|Bookmark)\b/i);
		if (!header?.trim() || !kindMatch) {
			skipped.push({
				entry,
				reason: 'not a Kindle clipping (no "- Your Highlight/Note/Bookmark" line)'
			});
			return;
		}
		const kind = kindMatch[1].toLowerCase() as Clipping['kind'];
		const body = lines.slice(2).join('\n').trim();
		if (kind !== 'bookmark' && !body) {
			skipped.push({ entry, reason: `empty ${kind}` });
			return;
		}
		const page = meta.match(/page\s+([\w-]+)/i)?.[1];
		const range = parseRange(meta);
		const location = [
			page ? `page ${page}` : '',
			range ? `loc ${range[0] === range[1] ? range[0] : `${range[0]}-${range[1]}`}` : ''
		]
			.filter(Boolean)
			.join(' · ');
		const { title, author } = parseHeader(header);
		clippings.push({
			title,
			author,
			kind,
			location,
			range,
			text: body,
			addedOn: meta.match(/Added on\s+(.*)$/i)?.[1]?.trim() ?? ''
		});
	});
	return { clippings, skipped };
}

/** Highlights with their notes attached, notes on their own, bookmarks counted. */
export function parseClippings(text: string): ParsedClippings {
	const { clippings, skipped } = parseClippingEntries(text);
	const highlights = clippings.filter((c) => c.kind === 'highlight');
	const passages = highlights.map((h) => ({
		title: h.title,
		author: h.author,
		location: h.location,
		text: h.text,
		note: ''
	}));
	for (const note of clippings.filter((c) => c.kind === 'note')) {
		const at = note.range?.[1] ?? note.range?.[0];
		const index = highlights.findIndex(
			(h) =>
				h.title === note.title &&
				h.author === note.author &&
				h.range !== null &&
				at !== undefined &&
				at >= h.range[0] &&
				at <= h.range[1]
		);
		if (index >= 0) {
			const p = passages[index];
			p.note = p.note ? `${p.note}\n${note.text}` : note.text;
		} else {
			// A note with no highlight is still the reader's own words: keep it as a passage.
			passages.push({
				title: note.title,
				author: note.author,
				location: note.location,
				text: '',
				note: note.text
			});
		}
	}
	return { passages, bookmarks: clippings.filter((c) => c.kind === 'bookmark').length, skipped };
}
