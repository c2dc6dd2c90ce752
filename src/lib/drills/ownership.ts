/**
 * Which tab owns the drill in progress, with the Web Locks API: the owner holds a lock for
 * as long as it writes; other tabs show the drill read-only and may take it over (steal),
 * which tells the old owner to stop writing. Browsers without Web Locks get ownership
 * unconditionally (one tab is the common case there).
 */
const LOCK = 'whetstone-drill-in-progress';

export interface Ownership {
	/** Give the lock back (drill finished, page left). */
	release(): void;
}

function supported(): boolean {
	return typeof navigator !== 'undefined' && !!navigator.locks;
}

/**
 * Try to own the drill. Resolves true if this tab now owns it, false if another tab does.
 * `onLost` runs if another tab takes it over later.
 */
export function claim(
	{ steal = false, onLost }: { steal?: boolean; onLost: () => void },
	holder: { current: Ownership | null }
): Promise<boolean> {
	if (!supported()) {
		holder.current = { release: () => undefined };
		return Promise.resolve(true);
	}
	return new Promise<boolean>((resolveClaim) => {
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		const options: LockOptions = steal ? { steal: true } : { ifAvailable: true };
		navigator.locks
			.request(LOCK, options, async (lock) => {
				if (!lock) {
					resolveClaim(false);
					return;
				}
				holder.current = { release };
				resolveClaim(true);
				await held;
			})
			.catch((error: unknown) => {
				// Stolen by another tab: stop writing here.
				if (error instanceof DOMException && error.name === 'AbortError') {
					holder.current = null;
					onLost();
				}
			});
	});
}

/**
 * Wait in the background until no tab owns the drill (its owner finished, or was closed),
 * then own it and call `onOwned`. Returns the way to stop waiting.
 */
export function claimWhenFree(
	onOwned: () => void,
	onLost: () => void,
	holder: { current: Ownership | null }
): () => void {
	if (!supported()) return () => undefined;
	const abort = new AbortController();
	let release!: () => void;
	const held = new Promise<void>((r) => (release = r));
	navigator.locks
		.request(LOCK, { signal: abort.signal }, async () => {
			holder.current = { release };
			onOwned();
			await held;
		})
		.catch((error: unknown) => {
			if (error instanceof DOMException && error.name === 'AbortError' && holder.current) {
				// Stolen after it was granted (a signal abort before that lands here too).
				if (!abort.signal.aborted) {
					holder.current = null;
					onLost();
				}
			}
		});
	return () => abort.abort();
}
