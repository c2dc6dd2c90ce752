/**
 * Every passage of book `bookId` in the passages' `by-book-seq` index (book, change sequence):
 * a book's passages in the order this device wrote them.
 */
export function ofBook(bookId: string): IDBKeyRange {
	return IDBKeyRange.bound([bookId, -Infinity], [bookId, Infinity]);
}
