import { query } from '$lib/db/query';
import { listSkills } from '$lib/skills/repo';
import {
	bookStats,
	getBook,
	getPassage,
	listBooks,
	listPassages,
	listReactions,
	readingMinutes,
	runningReadingSession
} from './repo';
import { inReadingOrder } from './model';

/** How many of a book's passages the list beside an open passage shows, around it. */
const NEARBY = 40;

/** The bookshelf: every book with its passage counts, and the custom reaction kinds. */
export const bookshelf = query(['books', 'passages', 'reactions'], async () => {
	const [books, reactions] = await Promise.all([listBooks(), listReactions()]);
	const stats = await bookStats(books.map((b) => b.id));
	return { books, reactions, stats };
});

/** One book (null when there is none with this id), its passages, and what they refer to. */
export const bookDetail = query(
	['books', 'passages', 'skills', 'reactions', 'readingSessions'],
	async (id: string) => {
		const book = await getBook(id);
		if (!book) return null;
		const [passages, skills, reactions, minutes] = await Promise.all([
			listPassages(book.id),
			listSkills(),
			listReactions(),
			readingMinutes(book.id)
		]);
		return { book, passages, skills, reactions, minutes };
	}
);

/**
 * One passage (null when there is none with this id), its book, what it can refer to, and the
 * book's passages around it in reading order (the list beside it on a wide screen).
 */
export const passageDetail = query(
	['passages', 'books', 'skills', 'reactions'],
	async (id: string) => {
		const passage = await getPassage(id);
		if (!passage) return null;
		const [book, skills, reactions, all] = await Promise.all([
			getBook(passage.bookId),
			listSkills(),
			listReactions(),
			listPassages(passage.bookId)
		]);
		const ordered = inReadingOrder(all);
		const at = Math.max(
			0,
			ordered.findIndex((p) => p.id === passage.id)
		);
		const from = Math.max(0, Math.min(at - NEARBY / 2, ordered.length - NEARBY));
		const nearby = ordered.slice(from, from + NEARBY).map((p) => ({
			id: p.id,
			location: p.location,
			opening: (p.text || p.note).slice(0, 90),
			reaction: p.reaction
		}));
		return { passage, book: book ?? null, skills, reactions, nearby, inBook: ordered.length };
	}
);

/** What the capture form offers: books, skills and reaction kinds. */
export const captureChoices = query(['books', 'skills', 'reactions'], async () => {
	const [books, skills, reactions] = await Promise.all([
		listBooks(),
		listSkills(),
		listReactions()
	]);
	return { books, skills, reactions };
});

/** The timed reading session under way, if any (its start is kept across reloads). */
export const runningSession = query(['meta', 'readingSessions'], () => runningReadingSession());
