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
 *
 * A Kindle set to another language writes that line in its language; English, German,
 * French, Spanish, Italian, Portuguese and Dutch are read (samples in reading.spec.ts).
 * When a reader extends a highlight, the file keeps the old, shorter entry too: the file is
 * written in the order things happen, so of two overlapping highlights in one book the
 * later entry is the one kept.
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
	passages: {
		title: string;
		author: string;
		location: string;
		text: string;
		note: string;
		/** When the highlight was made, where the file says (epoch ms). */
		capturedAt?: number;
	}[];
	bookmarks: number;
	skipped: { entry: number; reason: string }[];
}

const SEPARATOR = /^={10}\s*$/m;

/** The words for each kind, in the languages read (lower case). */
const KIND_WORDS: Record<Clipping['kind'], string[]> = {
	highlight: [
		'highlight',
		'markierung',
		'surlignement',
		'subrayado',
		'evidenziazione',
		'destaque',
		'markering'
	],
	note: ['note', 'notiz', 'nota', 'notitie'],
	bookmark: ['bookmark', 'lesezeichen', 'signet', 'marcador', 'segnalibro', 'bladwijzer']
};
const KIND_OF = new Map(
	Object.entries(KIND_WORDS).flatMap(([kind, words]) =>
		words.map((w) => [w, kind as Clipping['kind']] as const)
	)
);
/** "- Your Highlight on …", "- Ihre Markierung auf …", "- La tua evidenziazione a …". */
const META_LINE = /^-\s*(?:your|ihre?|votre|tu|la tua|il tuo|seu|sua|je)?\s*(\p{L}+)/iu;
const PAGE = /(?:page|seite|página|pagina|pág\.?)\s+([\p{L}\d-]+)/iu;
const LOCATION =
	/(?:loc(?:ation|\.)?|position|emplacement|posici[oó]n|posizione|posi[cç][aã]o|locatie)\s*(\d+)(?:\s*-\s*(\d+))?/iu;

/** The language of a clipping line Whetstone cannot read, when its script tells. */
function unreadLanguage(meta: string): string | null {
	if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(meta)) return 'Japanese';
	if (/\p{Script=Hangul}/u.test(meta)) return 'Korean';
	if (/\p{Script=Han}/u.test(meta)) return 'Chinese';
	if (/\p{Script=Cyrillic}/u.test(meta)) return 'Russian (or another language in Cyrillic)';
	if (/\p{Script=Arabic}/u.test(meta)) return 'Arabic';
	if (/\p{Script=Greek}/u.test(meta)) return 'Greek';
	if (/\p{Script=Hebrew}/u.test(meta)) return 'Hebrew';
	if (/\b(din|ditt|dit)\s+(markering|bokmärke|bogmærke|notat|anteckning)/i.test(meta))
		return 'Swedish, Danish or Norwegian';
	if (/\b(twoje|zakreślenie|zakładka)/i.test(meta)) return 'Polish';
	if (/\b(vurgulama|notunuz|yer imi)/i.test(meta)) return 'Turkish';
	return null;
}

function parseRange(meta: string): [number, number] | null {
	const m = meta.match(LOCATION);
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
		const word = meta.match(META_LINE)?.[1]?.toLowerCase();
		const kind = word ? KIND_OF.get(word) : undefined;
		if (!header?.trim() || !kind) {
			const language = meta.startsWith('-') ? unreadLanguage(meta) : null;
			skipped.push({
				entry,
				reason: language
					? `a Kindle clipping in ${language}, a language Whetstone cannot read yet; switch the Kindle to English (or German, French, Spanish, Italian, Portuguese, Dutch) and export again`
					: 'not a Kindle clipping (no "- Your Highlight/Note/Bookmark" line)'
			});
			return;
		}
		const body = lines.slice(2).join('\n').trim();
		if (kind !== 'bookmark' && !body) {
			skipped.push({ entry, reason: `empty ${kind}` });
			return;
		}
		const page = meta.match(PAGE)?.[1];
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
			addedOn: meta.split('|').at(-1)?.trim() ?? ''
		});
	});
	return { clippings, skipped };
}

/** Highlights with their notes attached, notes on their own, bookmarks counted. */
export function parseClippings(text: string): ParsedClippings {
	const { clippings, skipped } = parseClippingEntries(text);
	const highlights = latestHighlights(clippings.filter((c) => c.kind === 'highlight'));
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

/**
 * Drops highlights that a later entry of the same book replaced (an extended or shortened
 * highlight overlaps the old one); the file is in time order, so the later one is kept.
 */
function latestHighlights(highlights: Clipping[]): Clipping[] {
	const kept: Clipping[] = [];
	for (let i = highlights.length - 1; i >= 0; i--) {
		const h = highlights[i];
		const replaced = kept.some(
			(k) =>
				k.title === h.title &&
				k.author === h.author &&
				h.range !== null &&
				k.range !== null &&
				h.range[0] <= k.range[1] &&
				k.range[0] <= h.range[1]
		);
		if (!replaced) kept.push(h);
	}
	return kept.reverse();
}
