import type { DraftRecord } from '$lib/db/schema';

/**
 * A synchronous copy of the drill in progress in localStorage, written on every change.
 * IndexedDB writes are asynchronous: a write still in flight when the page is navigated
 * away or killed can be lost with it. localStorage is written before the event handler
 * returns, so the latest words survive; on the next load the newer of the two copies wins.
 */
const KEY = 'whetstone:draft-mirror';

export function writeMirror(draft: DraftRecord): void {
	try {
		localStorage.setItem(KEY, JSON.stringify(draft));
	} catch {
		// Storage full or disabled: IndexedDB remains the record of truth.
	}
}

export function readMirror(): DraftRecord | null {
	try {
		const raw = localStorage.getItem(KEY);
		if (!raw) return null;
		const value = JSON.parse(raw) as DraftRecord;
		return value && typeof value.id === 'string' && typeof value.text === 'string' ? value : null;
	} catch {
		return null;
	}
}

export function clearMirror(): void {
	try {
		localStorage.removeItem(KEY);
	} catch {
		// Nothing to clear.
	}
}

/**
 * Which copy of the draft to continue with. `finished` says whether a drill with the
 * mirror's id was already saved (then the mirror is stale and must be dropped).
 */
export function reconcileDraft(
	stored: DraftRecord | null,
	mirror: DraftRecord | null,
	finished: boolean
): { draft: DraftRecord | null; rewrite: boolean } {
	if (!mirror || finished) return { draft: stored, rewrite: false };
	if (!stored) return { draft: mirror, rewrite: true };
	if (stored.id !== mirror.id) return { draft: stored, rewrite: false };
	return mirror.updatedAt > stored.updatedAt
		? { draft: mirror, rewrite: true }
		: { draft: stored, rewrite: false };
}
