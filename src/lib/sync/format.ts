/**
 * Which shapes of server document this version writes and reads. Every document carries its
 * shape's number (`v` beside the ciphertext; the keyring its `version`); a later version that
 * changes a shape (practice in larger blocks, say) raises the number, and this version then
 * stops syncing with a message that says to update — instead of calling the documents
 * damaged, or worse, merging what it does not understand. Nothing local is touched.
 */

/**
 * The `v` of every document this version writes: an encrypted body `{ kind, record }`.
 * 1: practice in blocks of a month (`month`). 2: practice in blocks of a quarter (`from`, its
 * first month); documents of 1 are still read (each month merged into its quarter).
 */
export const DOC_FORMAT = 2;
/** The keyring document's `version`. */
export const KEYRING_FORMAT = 1;
/**
 * The snapshot manifest's `v` this version makes: 3, practice by quarter (2, by month, and 1,
 * under the older pointer, are still read).
 */
export const SNAPSHOT_FORMAT = 3;

export class NewerFormatError extends Error {
	constructor() {
		super(
			'Your synced journal was saved by a newer version of Whetstone. Update the app on this device (close every Whetstone tab and open it again) to keep syncing. Nothing here has changed.'
		);
		this.name = 'NewerFormatError';
	}
}

/** Throws `NewerFormatError` when `found` is a shape number above `known`. */
export function refuseNewer(found: unknown, known: number): void {
	if (typeof found === 'number' && found > known) throw new NewerFormatError();
}
