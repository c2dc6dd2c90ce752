import type { ParsedClippings } from './clippings';
import { importKeyFor, titleKey } from './model';

export interface PlannedBook {
	titleKey: string;
	title: string;
	author: string;
	/** The id of the book it matched, or null for a new book. */
	existingId: string | null;
	passages: number;
}

export interface PlannedPassage {
	titleKey: string;
	location: string;
	text: string;
	note: string;
	importKey: string;
}

export interface ImportPlan {
	books: PlannedBook[];
	passages: PlannedPassage[];
	duplicates: number;
	bookmarks: number;
	skipped: ParsedClippings['skipped'];
}

/**
 * What an import would do, before anything is saved: books matched (by title and author) or
 * created, passages new or already there (same book, location and text).
 */
export function planReadingImport(
	parsed: ParsedClippings,
	existingBooks: readonly { id: string; titleKey: string; deletedAt: number | null }[],
	existingImportKeys: ReadonlySet<string>
): ImportPlan {
	const booksByKey = new Map<string, string>();
	for (const b of existingBooks) if (b.deletedAt === null) booksByKey.set(b.titleKey, b.id);
	const books = new Map<string, PlannedBook>();
	const seen = new Set(existingImportKeys);
	const passages: PlannedPassage[] = [];
	let duplicates = 0;
	for (const p of parsed.passages) {
		const key = titleKey(p.title, p.author);
		const importKey = importKeyFor(key, p.location, p.text || p.note);
		if (seen.has(importKey)) {
			duplicates++;
			continue;
		}
		seen.add(importKey);
		let book = books.get(key);
		if (!book) {
			book = {
				titleKey: key,
				title: p.title,
				author: p.author,
				existingId: booksByKey.get(key) ?? null,
				passages: 0
			};
			books.set(key, book);
		}
		book.passages++;
		passages.push({ titleKey: key, location: p.location, text: p.text, note: p.note, importKey });
	}
	return {
		books: [...books.values()],
		passages,
		duplicates,
		bookmarks: parsed.bookmarks,
		skipped: parsed.skipped
	};
}
