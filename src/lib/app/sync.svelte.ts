import { onDbEvent } from '$lib/db';

const CHANNEL = 'whetstone-data';

/**
 * Tells every tab when data changed. Pages read `dataSync.version` in the effect that loads
 * their data, so a change in another tab (or in another part of this one) reloads them.
 */
class DataSync {
	version = $state(0);
	#channel: BroadcastChannel | null = null;

	start(): void {
		if (this.#channel || typeof BroadcastChannel === 'undefined') return;
		const channel = new BroadcastChannel(CHANNEL);
		this.#channel = channel;
		channel.onmessage = (e: MessageEvent<{ type?: string }>) => {
			if (e.data?.type === 'changed') this.version++;
		};
		onDbEvent((event) => {
			if (event.type !== 'changed') return;
			channel.postMessage({ type: 'changed', stores: event.stores });
		});
	}
}

export const dataSync = new DataSync();
