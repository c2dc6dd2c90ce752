/**
 * Storage errors in words a user understands. Browsers spell "disk full" three ways:
 * Chromium/WebKit `QuotaExceededError`, Firefox `NS_ERROR_DOM_QUOTA_REACHED`, old WebKit code 22.
 */
export function isQuotaError(error: unknown): boolean {
	if (!error || typeof error !== 'object') return false;
	const e = error as { name?: unknown; code?: unknown; inner?: unknown };
	if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
	if (e.code === 22) return true;
	return false;
}

export const QUOTA_MESSAGE =
	'Your device is out of space for Whetstone, so the last change could not be saved. ' +
	'Your text is still on screen. Free some space (or export a backup), then try again.';

/** Thrown when the browser refuses a write for lack of space. */
export class StorageFullError extends Error {
	readonly userMessage = QUOTA_MESSAGE;
	constructor(readonly cause: unknown) {
		super(QUOTA_MESSAGE);
		this.name = 'StorageFullError';
	}
}

/** The database on disk was written by a newer Whetstone than this one. */
export class NewerDatabaseError extends Error {
	constructor(
		readonly found: number,
		readonly known: number
	) {
		super(
			`Your data was saved by a newer version of Whetstone (database version ${found}; ` +
				`this copy knows up to ${known}). Reload the page to get the latest version. ` +
				'Nothing was changed.'
		);
		this.name = 'NewerDatabaseError';
	}
}

/** Another tab upgraded the database: this tab must reload before it writes again. */
export class NeedsReloadError extends Error {
	constructor() {
		super('Whetstone was updated in another tab. Reload this tab to keep saving.');
		this.name = 'NeedsReloadError';
	}
}

/** A migration failed; the database was left as it was. */
export class MigrationError extends Error {
	constructor(
		readonly migration: string,
		readonly cause: unknown
	) {
		super(
			isQuotaError(cause)
				? 'This version of Whetstone needs to rearrange your data, and your device ran out of ' +
						'space while it did. Nothing was lost: your data is exactly as it was. Free some ' +
						'space on this device, then reload the page to try again.'
				: `Updating your data (${migration}) failed, so nothing was changed: ${String(cause)}`
		);
		this.name = 'MigrationError';
	}
}

/** Turn any storage failure into an error whose message can be shown as is. */
export function toStorageError(error: unknown): Error {
	if (isQuotaError(error)) return new StorageFullError(error);
	if (error instanceof Error) return error;
	return new Error(String(error));
}
