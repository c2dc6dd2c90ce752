import type { ParsedClippings } from './clippings';
import { tooLong } from '$lib/db/limits';
import { findBook, importKeyFor, titleKey } from './model';

export interface PlannedBook {
	/** Ties the plan's passages to this book. */
	key: string;
	/** The stored match key of a new book (title and author, folded). */
	titleKey: string;
	title: string;
	author: string;
	/** The existing book it joins, or null for a new book (the reader may choose either). */
	existingId: string | null;
	/** What the existing book is called, to show which one it joins. */
	existing: { id: string; title: string; author: string } | null;
	passages: number;
}

export interface PlannedPassage {
	bookKey: string;
	location: string;
	text: string;
	note: string;
	importKey: string;
	capturedAt?: number;
}

export interface ImportPlan {
	books: PlannedBook[];
	passages: PlannedPassage[];
	duplicates: number;
	bookmarks: number;
	skipped: ParsedClippings['skipped'];
}

type ExistingBook = { id: string; title: string; author: string; deletedAt: number | null };

/**
 * What an import would do, before anything is saved: each book joins the existing book with
 * the same title (folded: case, punctuation, a subtitle, a leading "The") and author (when
 * both have one), or is created; passages are new or already there (same book, location
 * and text).
 */
export function planReadingImport(
	parsed: ParsedClippings,
	existingBooks: readonly ExistingBook[],
	existingImportKeys: ReadonlySet<string>
): ImportPlan {
	const books: (PlannedBook & { deletedAt: null })[] = [];
	const skipped = [...parsed.skipped];
	const seen = new Set(existingImportKeys);
	const passages: PlannedPassage[] = [];
	let duplicates = 0;
	for (const [index, p] of parsed.passages.entries()) {
		const importKey = importKeyFor(titleKey(p.title, p.author), p.location, p.text || p.note);
		if (seen.has(importKey)) {
			duplicates++;
			continue;
		}
		seen.add(importKey);
		const tooBig =
			tooLong('passageText', p.text, 'the highlight') ?? tooLong('note', p.note, 'its note');
		if (tooBig) {
			skipped.push({ entry: index + 1, reason: `${tooBig} Shorten it, then import again` });
			continue;
		}
		// The same book earlier in this file (it may name the author where an earlier row did not).
		let book = findBook(books, p.title, p.author);
		if (book && !book.author && p.author) {
			book.author = p.author;
			book.titleKey = titleKey(book.title, p.author);
		}
		if (!book) {
			const match = findBook(existingBooks, p.title, p.author);
			book = {
				key: String(books.length),
				titleKey: titleKey(p.title, p.author),
				title: p.title,
				author: p.author,
				existingId: match?.id ?? null,
				existing: match ? { id: match.id, title: match.title, author: match.author } : null,
				passages: 0,
				deletedAt: null
			};
			books.push(book);
		}
		book.passages++;
		passages.push({
			bookKey: book.key,
			location: p.location,
			text: p.text,
			note: p.note,
			importKey,
			...(p.capturedAt !== undefined ? { capturedAt: p.capturedAt } : {})
		});
	}
	return {
		books: books.map(({ deletedAt: _d, ...b }) => b as PlannedBook),
		passages,
		duplicates,
		bookmarks: parsed.bookmarks,
		skipped
	};
}
