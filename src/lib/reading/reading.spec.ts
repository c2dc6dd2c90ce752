import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseClippings } from './clippings';
import { parseHighlightsCsv } from './csv';
import { decodeText } from './decode';
import { planReadingImport } from './importer';
import {
	bookToMarkdown,
	compareLocations,
	emptyAnswers,
	inReadingOrder,
	isWorkedThrough,
	passagePrompt,
	titleKey
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
			[
				{
					id: 'b1',
					titleKey: titleKey('crucial  conversations', 'Kerry Patterson'),
					deletedAt: null
				}
			],
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

	it('skips a highlight repeated within the same file', () => {
		const twice = { ...parsed, passages: [...parsed.passages, parsed.passages[0]] };
		expect(planReadingImport(twice, [], new Set()).duplicates).toBe(1);
	});
});

describe('reading model', () => {
	it('orders free-text locations sensibly', () => {
		const locs = ['Chapter 10', 'p. 9', 'loc 1043-1050', '45%', 'page 10', 'Preface'];
		expect([...locs].sort(compareLocations)).toEqual([
			'p. 9',
			'Chapter 10',
			'page 10',
			'45%',
			'loc 1043-1050',
			'Preface'
		]);
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
		expect(md).toContain('- **Memories** nothing here');
		expect(md).not.toContain('Gone');
		expect(inReadingOrder([p('b 2', {}), p('a 1', {})]).map((x) => x.location)).toEqual([
			'a 1',
			'b 2'
		]);
	});
});
