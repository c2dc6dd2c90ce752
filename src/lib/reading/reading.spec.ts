import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseClippings } from './clippings';
import { parseHighlightsCsv } from './csv';
import { decodeText } from './decode';
import { planReadingImport } from './importer';
import {
	bookToMarkdown,
	compareLocations,
	locationUnit,
	emptyAnswers,
	findBook,
	isWebLink,
	splitShare,
	inReadingOrder,
	isWorkedThrough,
	passagePrompt
} from './model';
import type { PassageRecord } from '$lib/db/schema';

const SEP = '==========';
// A realistic file: BOM, CRLF, two books, a note tied to its highlight, a bookmark,
// a malformed entry in the middle, an old-style abbreviated location.
const CLIPPINGS =
	'\uFEFF' +
	[
		'Crucial Conversations (Kerry Patterson)',
		'- Your Highlight on page 23 | Location 340-342 | Added on Monday, 3 March 2025 21:04:11',
		'',
		'When it matters most, we do our worst.',
		SEP,
		'Crucial Conversations (Kerry Patterson)',
		'- Your Note on page 23 | Location 342 | Added on Monday, 3 March 2025 21:05:00',
		'',
		'Me in every team retro.',
		SEP,
		'this line is not a clipping at all',
		'and neither is this',
		SEP,
		'The Art of Gathering: How We Meet (and Why It Matters) (Priya Parker)',
		'- Your Bookmark on Location 1200 | Added on Tuesday, 4 March 2025 08:00:00',
		'',
		'',
		SEP,
		'The Art of Gathering: How We Meet (and Why It Matters) (Priya Parker)',
		'- Highlight Loc. 1043-50 | Added on Tuesday, 4 March 2025 08:10:00',
		'',
		'A gathering needs a purpose that is specific,',
		'unique and disputable.',
		SEP,
		'Crucial Conversations (Kerry Patterson)',
		'- Your Note on Location 999 | Added on Monday, 3 March 2025 22:00:00',
		'',
		'A note on its own.',
		SEP,
		''
	].join('\r\n');

describe('Kindle clippings', () => {
	const parsed = parseClippings(CLIPPINGS);

	it('reads highlights from several books, with titles containing parentheses', () => {
		const highlights = parsed.passages.filter((p) => p.text);
		expect(highlights.map((p) => [p.title, p.author])).toEqual([
			['Crucial Conversations', 'Kerry Patterson'],
			['The Art of Gathering: How We Meet (and Why It Matters)', 'Priya Parker']
		]);
		expect(highlights[1].text).toBe(
			'A gathering needs a purpose that is specific,\nunique and disputable.'
		);
		expect(highlights[0].location).toBe('page 23 · loc 340-342');
		expect(highlights[1].location).toBe('loc 1043-1050');
	});

	it('attaches a note to the highlight at its location, and keeps a lone note', () => {
		expect(parsed.passages[0].note).toBe('Me in every team retro.');
		const lone = parsed.passages.find((p) => p.note === 'A note on its own.');
		expect(lone).toMatchObject({ text: '', location: 'loc 999' });
	});

	it('counts bookmarks and reports the malformed entry instead of guessing', () => {
		expect(parsed.bookmarks).toBe(1);
		expect(parsed.skipped).toEqual([
			{ entry: 3, reason: expect.stringMatching(/not a Kindle clipping/) }
		]);
		expect(parsed.passages).toHaveLength(3);
	});

	it('never throws on arbitrary text', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 400 }), (s) => {
				const r = parseClippings(s + '\n' + SEP + '\n' + s);
				expect(Array.isArray(r.passages)).toBe(true);
			})
		);
	});
});

describe('Kindle clippings in other languages, and extended highlights', () => {
	const entry = (meta: string, body: string) =>
		['Das Buch (Eine Autorin)', meta, '', body, SEP].join('\n');
	it.each([
		[
			'English',
			'- Your Highlight on page 12 | Location 180-182 | Added on Monday, 1 January 2024 10:00:00',
			'- Your Note on page 12 | Location 182 | Added on Monday, 1 January 2024 10:01:00'
		],
		[
			'German',
			'- Ihre Markierung auf Seite 12 | Position 180-182 | Hinzugefügt am Montag, 1. Januar 2024 10:00:00',
			'- Ihre Notiz auf Seite 12 | Position 182 | Hinzugefügt am Montag, 1. Januar 2024 10:01:00'
		],
		[
			'French',
			'- Votre surlignement sur la page 12 | emplacement 180-182 | Ajouté le lundi 1 janvier 2024 10:00:00',
			'- Votre note sur la page 12 | emplacement 182 | Ajouté le lundi 1 janvier 2024 10:01:00'
		],
		[
			'Spanish',
			'- Tu subrayado en la página 12 | posición 180-182 | Añadido el lunes, 1 de enero de 2024 10:00:00',
			'- Tu nota en la página 12 | posición 182 | Añadido el lunes, 1 de enero de 2024 10:01:00'
		],
		[
			'Italian',
			'- La tua evidenziazione a pagina 12 | posizione 180-182 | Aggiunto in data lunedì 1 gennaio 2024 10:00:00',
			'- La tua nota a pagina 12 | posizione 182 | Aggiunto in data lunedì 1 gennaio 2024 10:01:00'
		],
		[
			'Portuguese',
			'- Seu destaque na página 12 | posição 180-182 | Adicionado: segunda-feira, 1 de janeiro de 2024 10:00:00',
			'- Sua nota na página 12 | posição 182 | Adicionado: segunda-feira, 1 de janeiro de 2024 10:01:00'
		],
		[
			'Dutch',
			'- Je markering op pagina 12 | locatie 180-182 | Toegevoegd op maandag 1 januari 2024 10:00:00',
			'- Je notitie op pagina 12 | locatie 182 | Toegevoegd op maandag 1 januari 2024 10:01:00'
		]
	])('reads a Kindle set to %s', (_language, highlight, note) => {
		const parsed = parseClippings(
			entry(highlight, 'Zuhören heißt fragen.') + '\n' + entry(note, 'Mein Gedanke.')
		);
		expect(parsed.skipped).toEqual([]);
		expect(parsed.passages).toEqual([
			{
				title: 'Das Buch',
				author: 'Eine Autorin',
				location: 'page 12 · loc 180-182',
				text: 'Zuhören heißt fragen.',
				note: 'Mein Gedanke.'
			}
		]);
	});

	it('keeps only the latest of an extended highlight, with the note on it', () => {
		const file = [
			entry(
				'- Your Highlight on page 3 | Location 40-41 | Added on Monday, 1 January 2024 10:00:00',
				'Listen first.'
			),
			entry(
				'- Your Highlight on page 3 | Location 40-44 | Added on Monday, 1 January 2024 10:05:00',
				'Listen first, then ask one more question.'
			),
			entry(
				'- Your Note on page 3 | Location 44 | Added on Monday, 1 January 2024 10:06:00',
				'Try it Tuesday.'
			),
			entry(
				'- Your Highlight on page 9 | Location 90-91 | Added on Monday, 1 January 2024 11:00:00',
				'Another one.'
			)
		].join('\n');
		expect(parseClippings(file).passages.map((p) => [p.text, p.note])).toEqual([
			['Listen first, then ask one more question.', 'Try it Tuesday.'],
			['Another one.', '']
		]);
	});

	it('names the language of a clipping it cannot read', () => {
		const parsed = parseClippings(
			entry('- 12ページ|位置No. 180-182のハイライト |作成日: 2024年1月1日', 'テキスト')
		);
		expect(parsed.passages).toEqual([]);
		expect(parsed.skipped[0].reason).toMatch(/in Japanese, a language Whetstone cannot read yet/);
	});
});

describe('highlights CSV', () => {
	it('handles quoted commas, newlines inside quotes, CRLF and loose headers', () => {
		const csv =
			'Text,Book Title,Author,Location,Note\r\n' +
			'"Listen, then speak.",Just Listen,Mark Goulston,p. 12,"Try it\r\non Monday"\r\n' +
			'"He said ""no"" twice",Just Listen,Mark Goulston,14,\r\n' +
			',Just Listen,,15,\r\n' +
			'Orphan,,,,\r\n';
		const r = parseHighlightsCsv(csv);
		expect(r.passages).toEqual([
			{
				title: 'Just Listen',
				author: 'Mark Goulston',
				location: 'p. 12',
				text: 'Listen, then speak.',
				note: 'Try it\r\non Monday'
			},
			{
				title: 'Just Listen',
				author: 'Mark Goulston',
				location: '14',
				text: 'He said "no" twice',
				note: ''
			}
		]);
		expect(r.skipped).toEqual([
			{ entry: 4, reason: 'no text or note' },
			{ entry: 5, reason: 'no book title' }
		]);
	});

	it('says so when the file is not a highlights CSV', () => {
		const r = parseHighlightsCsv('a,b,c\n1,2,3\n');
		expect(r.passages).toEqual([]);
		expect(r.skipped[0].reason).toMatch(/not a highlights CSV/);
	});
});

describe('decodeText', () => {
	it('reads UTF-8 with and without BOM, and UTF-16 with a BOM', () => {
		const utf8 = new TextEncoder().encode('\uFEFFÉlan');
		expect(decodeText(utf8)).toEqual({ text: 'Élan' });
		const le = new Uint8Array([0xff, 0xfe, 0x48, 0x00, 0x69, 0x00]);
		expect(decodeText(le)).toEqual({ text: 'Hi' });
	});
	it('refuses bytes that are not UTF-8', () => {
		const latin1 = new Uint8Array([0x43, 0x61, 0x66, 0xe9]); // "Café" in Latin-1
		expect(decodeText(latin1)).toEqual({ error: expect.stringMatching(/encoding/) });
	});
});

describe('import planning', () => {
	const parsed = parseClippings(CLIPPINGS);

	it('matches existing books by title and author, creates the rest', () => {
		const plan = planReadingImport(
			parsed,
			[{ id: 'b1', title: 'crucial  conversations', author: 'Kerry Patterson', deletedAt: null }],
			new Set()
		);
		expect(plan.books.map((b) => [b.title, b.existingId, b.passages])).toEqual([
			['Crucial Conversations', 'b1', 2],
			['The Art of Gathering: How We Meet (and Why It Matters)', null, 1]
		]);
		expect(plan.passages).toHaveLength(3);
		expect(plan.duplicates).toBe(0);
	});

	it('skips everything on a re-import', () => {
		const first = planReadingImport(parsed, [], new Set());
		const again = planReadingImport(parsed, [], new Set(first.passages.map((p) => p.importKey)));
		expect(again.passages).toEqual([]);
		expect(again.duplicates).toBe(3);
	});

	it('joins a book from another source: title folded, author filled in when missing', () => {
		const kindleBook = {
			id: 'k1',
			title: 'The Art of Gathering: How We Meet and Why It Matters',
			author: '',
			deletedAt: null
		};
		const other = { id: 'o1', title: 'Art of Gathering', author: 'Someone Else', deletedAt: null };
		const csv = parseHighlightsCsv(
			[
				'Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags',
				'"Gather with purpose.",art of gathering,Priya Parker,B0,,yellow,"hosting, events",page,4,2025-03-02 10:00:00+00:00,'
			].join('\n')
		);
		const plan = planReadingImport(csv, [other, kindleBook], new Set());
		expect(plan.books).toEqual([
			expect.objectContaining({
				title: 'art of gathering',
				author: 'Priya Parker',
				existingId: 'k1',
				existing: { id: 'k1', title: kindleBook.title, author: '' }
			})
		]);
		expect(plan.passages[0]).toMatchObject({
			location: 'page 4',
			note: 'Tags: hosting, events',
			capturedAt: Date.UTC(2025, 2, 2, 10)
		});
	});

	it('matching folds case, punctuation, a leading "The" and a subtitle; different authors stay apart', () => {
		const books = [
			{ id: 'a', title: 'Just Listen', author: 'Mark Goulston', deletedAt: null },
			{ id: 'b', title: 'Just Listen', author: 'Other Person', deletedAt: null }
		];
		expect(findBook(books, 'JUST LISTEN: Discover the Secret', 'Goulston, Mark')?.id).toBe('a');
		expect(findBook(books, 'just listen', 'Other Person')?.id).toBe('b');
		expect(findBook(books, 'The Just Listen')?.id).toBe('a');
		expect(findBook(books, 'Just Listening', 'Mark Goulston')).toBeNull();
		expect(findBook(books, 'Just Listen', 'A Third')).toBeNull();
	});

	it('skips a highlight repeated within the same file', () => {
		const twice = { ...parsed, passages: [...parsed.passages, parsed.passages[0]] };
		expect(planReadingImport(twice, [], new Set()).duplicates).toBe(1);
	});
});

describe('what another app shares', () => {
	it('keeps the link out of the passage, wherever the app put it', () => {
		expect(splitShare('Book', 'Quote here. https://r.example/h/1', null)).toEqual({
			title: 'Book',
			text: 'Quote here.',
			url: 'https://r.example/h/1'
		});
		expect(splitShare(null, 'Quote.', 'https://a.example')).toEqual({
			title: '',
			text: 'Quote.',
			url: 'https://a.example'
		});
		// A title alone is what was shared.
		expect(splitShare('Only a title', null, null)).toEqual({
			title: '',
			text: 'Only a title',
			url: ''
		});
	});

	it('shows as a link only a web address', () => {
		expect(isWebLink('https://a.example/x')).toBe(true);
		expect(isWebLink('http://a.example')).toBe(true);
		expect(isWebLink('javascript:alert(1)')).toBe(false);
		expect(isWebLink('data:text/html,hi')).toBe(false);
		expect(isWebLink('not a url')).toBe(false);
	});
});

describe('reading model', () => {
	it('orders locations of one unit by number', () => {
		const locs = ['p. 19', 'page 9', 'p. 100', 'Preface'];
		expect([...locs].sort(compareLocations)).toEqual(['page 9', 'p. 19', 'p. 100', 'Preface']);
	});

	it('knows the unit a location counts in', () => {
		expect(
			[
				'p. 19',
				'page 9',
				'112',
				'pp. 3-4',
				'Loc 1043-1050',
				'45%',
				'Ch. 3',
				'Chapter 10',
				'Part 2',
				'Preface'
			].map(locationUnit)
		).toEqual([
			'page',
			'page',
			'page',
			'page',
			'loc',
			'percent',
			'chapter',
			'chapter',
			'part',
			null
		]);
	});

	it('in reading order, units are not interleaved by number: each keeps the place of its first use', () => {
		const at = (location: string, createdAt: number) => ({
			id: `${location}@${createdAt}`,
			location,
			createdAt
		});
		const order = inReadingOrder([
			at('ch. 3', 2),
			at('p. 19', 1),
			at('', 0),
			at('p. 4', 5),
			at('ch. 1', 6),
			at('p. 19', 0.5)
		]).map((p) => `${p.location}@${p.createdAt}`);
		// Pages were noted first: all pages in page order, then chapters, then no location.
		expect(order).toEqual(['p. 4@5', 'p. 19@0.5', 'p. 19@1', 'ch. 1@6', 'ch. 3@2', '@0']);
	});

	it('in reading order, passages alike in place and time keep one order, whatever order they are read in', () => {
		const twin = (id: string) => ({ id, location: 'p. 7', createdAt: 5 });
		const ids = (list: ReturnType<typeof twin>[]) => inReadingOrder(list).map((p) => p.id);
		expect(ids([twin('b'), twin('a'), twin('c')])).toEqual(['a', 'b', 'c']);
		expect(ids([twin('c'), twin('b'), twin('a')])).toEqual(['a', 'b', 'c']);
	});

	it('a passage is worked through when no question is left open', () => {
		const answers = emptyAnswers();
		expect(isWorkedThrough({ answers })).toBe(false);
		const done = answers.map((a, i) => ({ ...a, status: i % 2 ? 'skipped' : 'nothing' }) as const);
		expect(isWorkedThrough({ answers: done })).toBe(true);
	});

	it('turns a passage into a drill prompt, shortening long ones', () => {
		expect(passagePrompt('Listening', 'Be  quiet.')).toBe(
			'Try this: write how you would do Listening this way — “Be quiet.”'
		);
		expect(passagePrompt('X', 'a'.repeat(500)).length).toBeLessThan(320);
	});

	it('exports a book as Markdown in reading order with answers', () => {
		const p = (location: string, extra: Partial<PassageRecord>) =>
			({
				id: location,
				location,
				text: '',
				note: '',
				reaction: null,
				answers: emptyAnswers(),
				deletedAt: null,
				createdAt: 1,
				...extra
			}) as PassageRecord;
		const answers = emptyAnswers();
		answers[0] = { status: 'answered', text: 'Mostly.' };
		answers[2] = { status: 'nothing', text: '' };
		const md = bookToMarkdown(
			{ title: 'Just Listen', author: 'Mark Goulston' },
			[
				p('p. 20', { text: 'Second.' }),
				p('p. 3', { text: 'First line\nsecond line', reaction: 'insight', note: 'Yes!', answers }),
				p('p. 1', { text: 'Gone', deletedAt: 5 })
			],
			(id) => (id === 'insight' ? 'Insight' : null)
		);
		expect(md).toMatch(/^# Just Listen\n\n\*Mark Goulston\*/);
		expect(md.indexOf('First line')).toBeLessThan(md.indexOf('Second.'));
		expect(md).toContain('## Location p. 3 · Insight');
		expect(md).toContain('> First line\n> second line');
		expect(md).toContain('**Note:** Yes!');
		expect(md).toContain('- **True?** Mostly.');
		// Only what was written: a "nothing here" answer is left out.
		expect(md).not.toContain('Memories');
		expect(md).not.toContain('nothing here');
		expect(md).not.toContain('Gone');
		expect(inReadingOrder([p('b 2', {}), p('a 1', {})]).map((x) => x.location)).toEqual([
			'a 1',
			'b 2'
		]);
	});
});
