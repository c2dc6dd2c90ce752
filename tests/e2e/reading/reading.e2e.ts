import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import {
	addBook,
	addSkill,
	dumpDatabase,
	expectAccessible,
	openShare,
	waitForActivatedWorker,
	waitForApp
} from '../utils';

const CLIPPINGS = [
	'\uFEFFCrucial Conversations (Kerry Patterson)',
	'- Your Highlight on page 23 | Location 340-342 | Added on Monday, 3 March 2025 21:04:11',
	'',
	'When it matters most, we do our worst.',
	'==========',
	'Crucial Conversations (Kerry Patterson)',
	'- Your Note on page 23 | Location 342 | Added on Monday, 3 March 2025 21:05:00',
	'',
	'Me in every retro.',
	'==========',
	'The Art of Gathering (Priya Parker)',
	'- Your Highlight on Location 1043-1050 | Added on Tuesday, 4 March 2025 08:10:00',
	'',
	'A gathering needs a purpose that is specific, unique and disputable.',
	'==========',
	''
].join('\r\n');

test('capture a passage, react, answer questions', async ({ page }) => {
	await addSkill(page, 'Listening');
	await addBook(page, 'Just Listen', 'Mark Goulston');
	await expectAccessible(page);
	await page.getByRole('link', { name: /Just Listen/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Just Listen');
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Capture a passage' }).first().click();

	await expect(page).toHaveURL(/\/read\/capture\?book=/);
	await expect(page.getByRole('combobox', { name: 'Book' })).toHaveValue(/.+/);
	await page
		.getByLabel('Passage (or your paraphrase)')
		.fill('Be more interested than interesting.');
	await page.getByLabel('Where (page, chapter, location or %)').fill('p. 42');
	await page.getByRole('radio', { name: 'Insight' }).check();
	await page.getByLabel('Margin note (optional)').fill('This is my whole problem at parties.');
	await page.getByLabel('Skill it speaks to (optional)').selectOption({ label: 'Listening' });
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Save passage' }).click();

	await expect(page.getByTestId('passage-text')).toHaveText('Be more interested than interesting.');
	await expectAccessible(page);
	// One question at a time: the margin note and the question open now are the only boxes.
	await expect(page.getByRole('textbox')).toHaveCount(2);
	await page.getByLabel(/Is it true\?/).fill('Mostly: curiosity is the move.\nAnd asking.');
	await page.getByRole('button', { name: 'Save answer to question 1' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Answer saved.' })).toBeVisible();
	// Saved, it folds to a line with its answer's start, and the next question opens.
	const first = page.getByRole('button', { name: /^1\. True\?/ });
	await expect(first).toContainText('Answered');
	await expect(first).toContainText('Mostly: curiosity is the move.');
	await expect(first).not.toContainText('And asking.');
	await expect(page.getByLabel(/^2\. If it is wrong/)).toBeVisible();
	await page.getByRole('button', { name: 'Skip question 2' }).click();
	await page.getByRole('button', { name: 'Nothing here for question 3' }).click();
	await expect(page.getByTestId('progress')).toHaveText(/3 of 6 done/);
	// Back to an earlier one, and on again.
	await first.click();
	await expect(page.getByLabel(/Is it true\?/)).toHaveValue(
		'Mostly: curiosity is the move.\nAnd asking.'
	);
	await page.getByRole('button', { name: 'Next →' }).click();
	await expect(page.getByLabel(/^2\. If it is wrong/)).toBeVisible();

	// The book's list shows the passage with its margin note.
	await page.getByRole('link', { name: 'Just Listen' }).first().click();
	await expect(page.getByRole('listitem').filter({ hasText: 'Be more interested' })).toContainText(
		'This is my whole problem at parties.'
	);

	// The linked skill got a (light) practice event.
	// (Events are stored in blocks of one skill and month.)
	const blocks = (await dumpDatabase(page)).events as { events: { source: string }[] }[];
	const events = blocks.flatMap((b) => b.events);
	expect(events).toEqual([expect.objectContaining({ source: 'reading', minutes: 2 })]);
});

/** A book with one passage captured through the form; lands on the passage's page. */
async function capturePassage(page: Page) {
	await addSkill(page, 'Listening');
	await addBook(page, 'Just Listen', 'Mark Goulston');
	await page.getByRole('link', { name: /Just Listen/ }).click();
	// The book's own capture link (the list page has one too, without the book): wait for it.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Just Listen');
	await page.getByRole('link', { name: 'Capture a passage' }).first().click();
	await expect(page).toHaveURL(/\/read\/capture\?book=/);
	await expect(page.getByRole('combobox', { name: 'Book' })).toHaveValue(/.+/);
	await page
		.getByLabel('Passage (or your paraphrase)')
		.fill('Be more interested than interesting.');
	await page.getByRole('radio', { name: 'Insight' }).check();
	await page.getByLabel('Margin note (optional)').fill('This is my whole problem at parties.');
	await page.getByLabel('Skill it speaks to (optional)').selectOption({ label: 'Listening' });
	await page.getByRole('button', { name: 'Save passage' }).click();
	await expect(page.getByTestId('passage-text')).toHaveText('Be more interested than interesting.');
}

test.describe('offline', () => {
	test.use({ serviceWorkers: 'allow' });

	test('a passage and its answers survive an offline reload', async ({ page, context }) => {
		await capturePassage(page);
		await page.getByLabel(/Is it true\?/).fill('Mostly: curiosity is the move.');
		await page.getByRole('button', { name: 'Save answer to question 1' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Answer saved.' })).toBeVisible();
		await page.getByRole('button', { name: 'Skip question 2' }).click();
		await page.getByRole('button', { name: 'Nothing here for question 3' }).click();
		await expect(page.getByTestId('progress')).toHaveText(/3 of 6 done/);

		await waitForActivatedWorker(page);
		await context.setOffline(true);
		try {
			await page.reload();
			await waitForApp(page);
			await expect(page.getByTestId('passage-text')).toHaveText(
				'Be more interested than interesting.'
			);
			// Answered questions fold into a line each; the first one still open is shown.
			await expect(page.getByRole('button', { name: /^1\. True\?/ })).toContainText(
				'Mostly: curiosity is the move.'
			);
			await expect(page.getByLabel(/^4\. What about it/)).toBeVisible();
			await expect(page.getByTestId('progress')).toHaveText(/3 of 6 done/);
			await expect(page.getByLabel('Margin note')).toHaveValue(
				'This is my whole problem at parties.'
			);
			await expect(page.getByRole('radio', { name: 'Insight' })).toBeChecked();
		} finally {
			await context.setOffline(false);
		}
	});
});

test('one tap from a passage to a drill seeded by it', async ({ page }) => {
	await capturePassage(page);
	await page.getByRole('link', { name: 'Try this as a drill' }).click();
	await expect(page.getByLabel('Skill', { exact: true })).toHaveValue('Listening');
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(page.getByRole('heading', { level: 2 })).toHaveText(
		/Try this: write how you would do Listening this way — “Be more interested than interesting\.”/
	);
});

test('import Kindle clippings: preview, confirm, right books; a re-import adds nothing', async ({
	page
}) => {
	await page.goto('/read/import');
	await waitForApp(page);
	await expectAccessible(page);
	const file = { name: 'My Clippings.txt', mimeType: 'text/plain', buffer: Buffer.from(CLIPPINGS) };
	await page.getByLabel('Choose a file').setInputFiles(file);
	await expect(page.getByTestId('import-preview')).toHaveText(
		/2 new passages in 2\s+books; 0 already here/
	);
	await expectAccessible(page);
	expect((await dumpDatabase(page)).passages).toEqual([]); // nothing saved before confirming
	await page.getByRole('button', { name: 'Import 2 passages' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Imported 2 passages and created 2 books' })
	).toBeVisible();

	await page.goto('/read');
	await waitForApp(page);
	await page.getByRole('link', { name: /Crucial Conversations/ }).click();
	await expect(page.getByText('When it matters most, we do our worst.')).toBeVisible();
	await expect(page.getByText('The Art of Gathering')).toHaveCount(0);

	await page.goto('/read/import');
	await waitForApp(page);
	await page.getByLabel('Choose a file').setInputFiles(file);
	await expect(page.getByTestId('import-preview')).toHaveText(
		/0 new passages in 0\s+books; 2 already here/
	);
	await expect(page.getByRole('button', { name: 'Import 0 passages' })).toBeDisabled();
});

test('a Readwise CSV joins the Kindle book it matches (or makes another), and odd columns can be mapped', async ({
	page
}) => {
	await page.goto('/read/import');
	await waitForApp(page);
	const kindle = {
		name: 'My Clippings.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from(CLIPPINGS)
	};
	await page.getByLabel('Choose a file').setInputFiles(kindle);
	await page.getByRole('button', { name: 'Import 2 passages' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Imported 2 passages' })).toBeVisible();

	const readwise = [
		'Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags',
		'"Learn to look.",crucial conversations: tools for talking,Kerry Patterson,B1,,yellow,,page,4,2025-03-02 10:00:00+00:00,',
		'"Purpose first.",The Art of Gathering,Priya Parker,B2,,yellow,,location,1200,2025-03-03 10:00:00+00:00,'
	].join('\n');
	await page.getByLabel('Choose a file').setInputFiles({
		name: 'readwise.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(readwise)
	});
	const crucial = page.getByLabel('Where crucial conversations: tools for talking goes');
	await expect(crucial.locator('option:checked')).toHaveText(
		'Joins your book “Crucial Conversations” by Kerry Patterson'
	);
	// The reader keeps this one apart, as a book of its own.
	const gathering = page.getByLabel('Where The Art of Gathering goes');
	await expect(gathering.locator('option:checked')).toHaveText(
		'Joins your book “The Art of Gathering” by Priya Parker'
	);
	await gathering.selectOption({ label: 'A different book (create it)' });
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Import 2 passages' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Imported 2 passages and created 1 book' })
	).toBeVisible();
	const books = (await dumpDatabase(page)).books as { title: string; author: string }[];
	expect(books.map((b) => `${b.title} / ${b.author}`).sort()).toEqual([
		'Crucial Conversations / Kerry Patterson',
		'The Art of Gathering / Priya Parker',
		'The Art of Gathering / Priya Parker'
	]);
	const passages = (await dumpDatabase(page)).passages as { text: string; location: string }[];
	expect(passages.find((p) => p.text === 'Learn to look.')?.location).toBe('page 4');

	// Headers Whetstone does not know: the reader says which column is which.
	await page.getByLabel('Choose a file').setInputFiles({
		name: 'mine.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('Quote,Source\n"Be curious.",Just Listen\n')
	});
	await expect(page.getByRole('alert')).toContainText('Choose below which column holds what');
	await page.getByLabel('Highlight text').selectOption('quote');
	await page.getByLabel('Book title').selectOption('source');
	await expect(page.getByTestId('import-preview')).toHaveText(/1 new passage in 1\s+book/);
	await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a file that is not highlights is refused with a clear report, nothing saved', async ({
	page
}) => {
	await page.goto('/read/import');
	await waitForApp(page);
	for (const [file, message] of [
		[
			{
				name: 'notes.txt',
				mimeType: 'text/plain',
				buffer: Buffer.from('Just some text.\nNothing else.')
			},
			/No highlights found/
		],
		[{ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) }, /empty/],
		[
			{ name: 'latin1.txt', mimeType: 'text/plain', buffer: Buffer.from([0x43, 0x61, 0x66, 0xe9]) },
			/encoding/
		],
		[
			{ name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') },
			/not a highlights CSV/
		]
	] as const) {
		await page.getByLabel('Choose a file').setInputFiles(file);
		await expect(page.getByRole('alert')).toHaveText(message);
	}
	const dump = await dumpDatabase(page);
	expect(dump.passages).toEqual([]);
	expect(dump.books).toEqual([]);
});

test('text shared from another app opens the capture form pre-filled', async ({ page }) => {
	await addBook(page, 'Never Split the Difference');
	await openShare(page, {
		title: 'Never Split the Difference',
		text: '"How am I supposed to do that?" <b>is</b> a calibrated question.'
	});
	await expect(page.getByLabel('Passage (or your paraphrase)')).toHaveValue(
		'"How am I supposed to do that?" <b>is</b> a calibrated question.'
	);
	await expect(page.getByText('Shared from another app.')).toBeVisible();
	await page.getByRole('button', { name: 'Save passage' }).click();
	await expect(page.getByTestId('passage-text')).toHaveText(
		'"How am I supposed to do that?" <b>is</b> a calibrated question.'
	);
	await expect(page.locator('blockquote b')).toHaveCount(0);

	// A share with only a link still opens the form, the link in its own field.
	await openShare(page, { url: 'https://example.org/a' });
	await expect(page.getByLabel('Link (optional)')).toHaveValue('https://example.org/a');
	await expect(page.getByLabel('Passage (or your paraphrase)')).toHaveValue('');
});

test('a share names its book: it is filed there (or the book is offered), the link kept apart', async ({
	page
}) => {
	await addBook(page, 'Just Listen', 'Mark Goulston'); // the book being read
	await addBook(page, 'Crucial Conversations', 'Kerry Patterson');
	await openShare(page, {
		title: 'crucial conversations: tools for talking',
		text: 'Start with heart. https://reader.example/h/42'
	});
	await expect(page.getByLabel('Book')).toHaveValue(/.+/);
	await expect(page.getByLabel('Book').locator('option:checked')).toHaveText(
		'Crucial Conversations'
	);
	await expect(page.getByLabel('Passage (or your paraphrase)')).toHaveValue('Start with heart.');
	await expect(page.getByLabel('Link (optional)')).toHaveValue('https://reader.example/h/42');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Save passage' }).click();
	await expect(page.getByTestId('passage-text')).toHaveText('Start with heart.');
	await expect(page.getByRole('link', { name: 'https://reader.example/h/42' })).toHaveAttribute(
		'href',
		'https://reader.example/h/42'
	);
	await page.getByRole('link', { name: 'Capture another' }).click();
	await expect(page.getByLabel('Book').locator('option:checked')).toHaveText(
		'Crucial Conversations'
	);
	// Same book, an empty form, the cursor in the passage: ready to type the next one.
	const next = page.getByLabel('Passage (or your paraphrase)');
	await expect(next).toHaveValue('');
	await expect(next).toBeFocused();

	// A title that is no book of ours is offered as a new book.
	await openShare(page, { title: 'Getting to Yes', text: 'x' });
	await expect(page.getByLabel('Title of the new book')).toHaveValue('Getting to Yes');
});

test('export a book’s notes as Markdown', async ({ page }) => {
	await addBook(page, 'Thinking in Bets', 'Annie Duke');
	await page.getByRole('link', { name: /Thinking in Bets/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thinking in Bets');
	await page.getByRole('link', { name: 'Capture a passage' }).first().click();
	await page.getByLabel('Passage (or your paraphrase)').fill('Wanna bet?');
	await page.getByLabel('Where (page, chapter, location or %)').fill('p. 5');
	await page.getByRole('radio', { name: 'Curiosity' }).check();
	await page.getByLabel('Margin note (optional)').fill('Use at work.');
	await page.getByRole('button', { name: 'Save passage' }).click();
	await page.getByLabel(/Is it true\?/).fill('Often.');
	await page.getByRole('button', { name: 'Save answer to question 1' }).click();
	await expect(page.getByTestId('progress')).toHaveText(/1 of 6 done/);
	await page.getByRole('link', { name: 'Thinking in Bets' }).click();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export notes as Markdown' }).click()
	]);
	const md = (await readFile((await download.path())!)).toString('utf8');
	expect(md).toContain('# Thinking in Bets');
	expect(md).toContain('*Annie Duke*');
	expect(md).toContain('## Location p. 5 · Curiosity');
	expect(md).toContain('> Wanna bet?');
	expect(md).toContain('**Note:** Use at work.');
	expect(md).toContain('- **True?** Often.');

	await page.getByText('Status, colour and skills').click();
	await page.getByLabel('Status').selectOption('finished');
	await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
	await page.goto('/read');
	await waitForApp(page);
	await expect(page.getByRole('link', { name: /Thinking in Bets/ })).toContainText('Finished');
});

test('a change from another tab never overwrites an answer being typed', async ({
	page,
	context
}) => {
	await addBook(page, 'Influence');
	await page.getByRole('link', { name: /Influence/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Influence');
	await page.getByRole('link', { name: 'Capture a passage' }).first().click();
	await page.getByLabel('Passage (or your paraphrase)').fill('Reciprocity is powerful.');
	await page.getByRole('button', { name: 'Save passage' }).click();
	await expect(page.getByTestId('passage-text')).toHaveText('Reciprocity is powerful.');
	await page.getByLabel(/Is it true\?/).fill('Half-typed thought');

	const other = await context.newPage();
	await other.goto(page.url());
	await waitForApp(other);
	await other.getByLabel('Margin note').fill('Changed in the other tab');
	await other.getByRole('button', { name: 'Save reaction, note and skill' }).click();
	await expect(other.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

	await expect(page.getByLabel('Margin note')).toHaveValue('Changed in the other tab');
	await expect(page.getByLabel(/Is it true\?/)).toHaveValue('Half-typed thought');
});

test('your own reaction kind and a timed reading session', async ({ page, context }) => {
	const T0 = new Date('2026-11-18T20:00:00').getTime();
	await page.clock.install({ time: T0 });
	await page.goto('/read');
	await waitForApp(page);
	await page.getByText('Your own reaction kinds').click();
	await page.getByLabel('Name', { exact: true }).fill('Irritation');
	await page.getByRole('button', { name: 'Add kind' }).click();
	await expect(page.getByRole('button', { name: 'Remove Irritation' })).toBeVisible();

	await addBook(page, 'Nonviolent Communication');
	await page.getByRole('link', { name: /Nonviolent Communication/ }).click();
	await page.getByRole('button', { name: 'Start a reading session' }).click();
	await expect(page.getByRole('timer', { name: 'Reading time' })).toBeVisible();
	// Twenty minutes of reading, with a reload in the middle: the session survives it.
	await context.clock.setSystemTime(T0 + 10 * 60_000);
	await page.reload();
	await waitForApp(page);
	await context.clock.setSystemTime(T0 + 20 * 60_000);
	await page.getByRole('button', { name: 'Stop reading' }).click();
	await expect(page.getByTestId('book-progress')).toContainText('20 min read here');

	await page.getByRole('link', { name: 'Capture a passage' }).first().click();
	await page.getByLabel('Passage (or your paraphrase)').fill('Observe without evaluating.');
	await page.getByRole('radio', { name: 'Irritation' }).check();
	await page.getByRole('button', { name: 'Save passage' }).click();
	await expect(page.getByRole('radio', { name: 'Irritation' })).toBeChecked();
});

test('a reading session started in one tab shows in another, and stops in both', async ({
	page,
	context
}) => {
	await addBook(page, 'Difficult Conversations');
	await page.getByRole('link', { name: /Difficult Conversations/ }).click();
	await expect(page.getByRole('button', { name: 'Start a reading session' })).toBeVisible();
	const other = await context.newPage();
	await other.goto(page.url());
	await waitForApp(other);
	await expect(other.getByRole('button', { name: 'Start a reading session' })).toBeVisible();

	await page.getByRole('button', { name: 'Start a reading session' }).click();
	await expect(other.getByRole('timer', { name: 'Reading time' })).toBeVisible();
	await other.getByRole('button', { name: 'Stop reading' }).click();
	await expect(page.getByRole('button', { name: 'Start a reading session' })).toBeVisible();
	await expect(page.getByRole('timer', { name: 'Reading time' })).toHaveCount(0);
});
