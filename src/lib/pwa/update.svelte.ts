import { errorText } from '$lib/errors';
/**
 * Service-worker updates with the prompt flow: a waiting version is announced and applied
 * only when the user asks, and only after every registered flusher (e.g. the drill draft)
 * has saved. Nothing here reloads the page on its own.
 */
type Flusher = () => Promise<void>;

class UpdateState {
	needRefresh = $state(false);
	applying = $state(false);
	error = $state<string | null>(null);
	#update: ((reloadPage?: boolean) => Promise<void>) | null = null;
	#flushers = new Set<Flusher>();

	/** Register the service worker (browser only, once). */
	async register(): Promise<void> {
		if (this.#update || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
		const { registerSW } = await import('virtual:pwa-register');
		this.#update = registerSW({
			immediate: true,
			onNeedRefresh: () => {
				this.needRefresh = true;
			}
		});
	}

	/** Work that must be saved before the page reloads into a new version. */
	beforeReload(flush: Flusher): () => void {
		this.#flushers.add(flush);
		return () => this.#flushers.delete(flush);
	}

	/** Save everything, then switch to the waiting version. */
	async apply(): Promise<void> {
		if (this.applying) return;
		this.applying = true;
		this.error = null;
		try {
			for (const flush of this.#flushers) await flush();
		} catch (e) {
			this.error = 'Your latest writing could not be saved, so the update waits. ' + errorText(e);
			this.applying = false;
			return;
		}
		await this.#update?.(true);
	}

	dismiss(): void {
		this.needRefresh = false;
	}
}

export const updates = new UpdateState();
