import type { AnswerStatus, BookRecord, PassageAnswer, PassageRecord } from '$lib/db/schema';

/** The six reading questions, in our own words (meanings from the product brief). */
export const QUESTIONS: readonly { short: string; ask: string }[] = [
	{
		short: 'True?',
		ask: 'Is it true? Does it change how you would explain this skill to yourself?'
	},
	{
		short: 'Nearly true?',
		ask: 'If it is wrong, what nearby idea would be right?'
	},
	{
		short: 'Memories',
		ask: 'Let your mind wander from it. Does a past moment look different now?'
	},
	{
		short: 'Fruitful',
		ask: 'What about it (or what it leads to) feels promising? Does it open options you had not pictured?'
	},
	{
		short: 'Picture it',
		ask: 'Can you see yourself doing the skill differently because of it? Did a gut feeling shift?'
	},
	{
		short: 'Step inside',
		ask: 'Take on the worldview that wrote this. From inside it, what new thing comes into view?'
	}
];

/** Ways of reading, offered one at a time beside a passage, never as a wall of text. */
export const STRATEGIES: readonly string[] = [
	'Read as the ideal reader: pretend this book was written for you and the exact problem you have this week.',
	'If a line feels obvious yet the author stresses it, assume you are the one who has been missing its point.',
	'Annoyed? Ask what you wanted from the author that you are not getting. That want is information.',
	'Read selfishly: take whatever insight you can use, whatever the author meant.'
];

export const BUILT_IN_REACTIONS: readonly { id: string; name: string; color: string }[] = [
	{ id: 'confusion', name: 'Confusion', color: '#b45309' },
	{ id: 'curiosity', name: 'Curiosity', color: '#1d4ed8' },
	{ id: 'insight', name: 'Insight', color: '#15803d' }
];

export const BOOK_STATUSES: readonly { value: BookRecord['status']; label: string }[] = [
	{ value: 'reading', label: 'Reading' },
	{ value: 'finished', label: 'Finished' },
	{ value: 'set-aside', label: 'Set aside' }
];

/** Six open answers: a new passage. */
export function emptyAnswers(): PassageAnswer[] {
	return QUESTIONS.map(() => ({ status: 'open' as AnswerStatus, text: '' }));
}

/** A passage is worked through once every question is answered, skipped or "nothing here". */
export function isWorkedThrough(p: Pick<PassageRecord, 'answers'>): boolean {
	return p.answers.length === QUESTIONS.length && p.answers.every((a) => a.status !== 'open');
}

/** How many questions have a written answer. */
export function answeredCount(p: Pick<PassageRecord, 'answers'>): number {
	return p.answers.filter((a) => a.status === 'answered' && a.text.trim() !== '').length;
}

/** Key to match a book across imports: title and author, case and spacing folded. */
export function titleKey(title: string, author = ''): string {
	const fold = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
	return `${fold(title)}|${fold(author)}`;
}

/** True for an http(s) link: the only kind shown as a link. */
export function isWebLink(url: string): boolean {
	try {
		const u = new URL(url);
		return u.protocol === 'https:' || u.protocol === 'http:';
	} catch {
		return false;
	}
}

/**
 * What another app shared, split into its parts: apps put the link in `url`, or at the end
 * of `text`, and some send only a title. The link never ends up in the passage's text.
 */
export function splitShare(
	title: string | null,
	text: string | null,
	url: string | null
): { title: string; text: string; url: string } {
	let body = (text ?? '').trim();
	let link = (url ?? '').trim();
	const trailing = body.match(/\s*(https?:\/\/\S+)\s*$/);
	if (trailing) {
		if (!link) link = trailing[1];
		body = body.slice(0, trailing.index).trim();
	}
	const name = (title ?? '').trim();
	// A share with a title and nothing else: the title is what was shared.
	if (!body && name && !link) return { title: '', text: name, url: '' };
	return { title: name, text: body, url: link };
}

/**
 * A book's title reduced to what identifies it, so the same book from two sources matches:
 * case, accents and punctuation folded, a subtitle after a colon (or a dash) dropped, and a
 * leading "The", "A" or "An" ignored. "The Art of Gathering: How We Meet" → "art of gathering".
 */
export function bookMatchKey(title: string): string {
	const main = title.split(/\s*[:—–]\s+|\s+-\s+|:/)[0] ?? title;
	const folded = main
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim()
		.replace(/^(the|a|an) /, '');
	return folded || title.trim().toLowerCase();
}

/** An author's name folded for comparison ("Goulston, Mark" and "Mark Goulston" match). */
export function authorMatchKey(author: string): string {
	return author
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean)
		.sort()
		.join(' ');
}

/**
 * The existing book a title (and author) belongs to: same title once folded, and the same
 * author when both have one — a book without an author matches either way. Null when none.
 */
export function findBook<B extends { title: string; author: string; deletedAt: number | null }>(
	books: readonly B[],
	title: string,
	author = ''
): B | null {
	const key = bookMatchKey(title);
	const who = authorMatchKey(author);
	let loose: B | null = null;
	for (const b of books) {
		if (b.deletedAt !== null || bookMatchKey(b.title) !== key) continue;
		const theirs = authorMatchKey(b.author);
		if (who && theirs && who === theirs) return b;
		if (!who || !theirs) loose ??= b;
	}
	return loose;
}

/**
 * The unit a free-text location counts in: "page" (also "p.", "pp", a bare number), "loc",
 * "percent", "chapter", "part", or the word before the number; null without a number.
 */
export function locationUnit(location: string): string | null {
	const s = location.trim().toLowerCase();
	const m = s.match(/\d/);
	if (!m) return null;
	if (s.includes('%')) return 'percent';
	const word =
		s
			.slice(0, m.index)
			.replace(/[^a-z]+/g, ' ')
			.trim()
			.split(' ')[0] ?? '';
	if (word === '' || /^(p|pp|pg|pgs?|page|pages|s|seite)$/.test(word)) return 'page';
	if (/^(loc|location|locations|kindle)$/.test(word)) return 'loc';
	if (/^(ch|chap|chapter|chapters|kap|kapitel)$/.test(word)) return 'chapter';
	return word;
}

/** The first number of a location ("Loc 1043-1050" → 1043), or Infinity without one. */
function firstNumber(location: string): number {
	const m = location.match(/\d+(?:[.,]\d+)?/);
	return m ? Number(m[0].replace(',', '.')) : Number.POSITIVE_INFINITY;
}

/**
 * Two locations in the same unit, by number ("page 9" before "p. 10"); text without a
 * number last. (Across units see `inReadingOrder`.)
 */
export function compareLocations(a: string, b: string): number {
	const na = firstNumber(a);
	const nb = firstNumber(b);
	if (na !== nb) return na < nb ? -1 : 1;
	return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
}

/**
 * Passages in reading order. Locations in one unit follow their numbers; a book noted in two
 * units (pages mostly, a chapter now and then) does not interleave them by number — "ch. 3"
 * says nothing about "p. 19" — so each unit keeps its place by when it was first used in the
 * book, and passages without a location come last; ties by when they were captured.
 */
export function inReadingOrder<T extends Pick<PassageRecord, 'id' | 'location' | 'createdAt'>>(
	passages: readonly T[]
): T[] {
	const firstUse = new Map<string, number>();
	for (const p of passages) {
		const unit = locationUnit(p.location);
		if (unit !== null && (firstUse.get(unit) ?? Infinity) > p.createdAt) {
			firstUse.set(unit, p.createdAt);
		}
	}
	const rank = (p: T) => {
		const unit = locationUnit(p.location);
		return unit === null ? Infinity : firstUse.get(unit)!;
	};
	return [...passages].sort(
		(a, b) =>
			rank(a) - rank(b) ||
			(locationUnit(a.location) ?? '').localeCompare(locationUnit(b.location) ?? '') ||
			compareLocations(a.location, b.location) ||
			a.createdAt - b.createdAt ||
			(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}

/** The key that makes a re-imported highlight a duplicate of one already saved. */
export function importKeyFor(bookTitleKey: string, location: string, text: string): string {
	const fold = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
	return `${bookTitleKey}#${fold(location)}#${fold(text).slice(0, 500)}`;
}

/** Minutes a worked passage counts for in the skill log: less than a drill. */
export function readingPracticeMinutes(answered: number): number {
	return Math.min(10, 2 * answered);
}

/** Reading practice counts as "hard going": it feeds the skill more gently than a drill. */
export const READING_RATING = 2 as const;

/** The drill prompt a passage turns into. */
export function passagePrompt(skillName: string, passageText: string): string {
	const excerpt = passageText.trim().replace(/\s+/g, ' ');
	const short = excerpt.length > 240 ? `${excerpt.slice(0, 237)}…` : excerpt;
	return `Try this: write how you would do ${skillName} this way — “${short}”`;
}

function mdLine(s: string): string {
	return s.replace(/\s+/g, ' ').trim();
}

/** A book's notes as Markdown: passages in reading order with reactions, notes and answers. */
export function bookToMarkdown(
	book: Pick<BookRecord, 'title' | 'author'>,
	passages: readonly PassageRecord[],
	reactionName: (id: string | null) => string | null
): string {
	const live = inReadingOrder(passages.filter((p) => p.deletedAt === null));
	const out = [`# ${mdLine(book.title)}`];
	if (book.author.trim()) out.push('', `*${mdLine(book.author)}*`);
	out.push('', `${live.length} passages`, '');
	for (const p of live) {
		const reaction = reactionName(p.reaction);
		const head = [p.location && `Location ${mdLine(p.location)}`, reaction]
			.filter(Boolean)
			.join(' · ');
		out.push(`## ${head || 'Passage'}`, '');
		if (p.text.trim())
			out.push(
				...p.text
					.trim()
					.split(/\r?\n/)
					.map((l) => `> ${l}`),
				''
			);
		if (p.note.trim()) out.push(`**Note:** ${p.note.trim()}`, '');
		// Only what was written: "nothing here" and skipped questions say nothing to a reader.
		const written = p.answers.flatMap((a, i) =>
			a.status === 'answered' && a.text.trim()
				? [`- **${QUESTIONS[i].short}** ${a.text.trim()}`]
				: []
		);
		if (written.length > 0) out.push(...written, '');
	}
	return out.join('\n');
}

/** Built-in reactions followed by the reader's own kinds. */
export function allReactions(
	custom: readonly { id: string; name: string; color: string; deletedAt: number | null }[]
): { id: string; name: string; color: string }[] {
	return [
		...BUILT_IN_REACTIONS,
		...custom
			.filter((r) => r.deletedAt === null)
			.map(({ id, name, color }) => ({ id, name, color }))
	];
}
