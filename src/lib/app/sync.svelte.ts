import { onDbEvent } from '$lib/db';
import { DERIVED_STORES } from '$lib/db/schema';

const CHANNEL = 'whetstone-data';
/** Derived data is rebuilt from the rest: writing it changes nothing a page shows. */
const derived = new Set<string>(DERIVED_STORES);

/**
 * Tells every tab when data changed. Pages read `dataSync.version` in the effect that loads
 * their data, so a change in another tab reloads them. The drill in progress changes on
 * every keystroke, so its changes bump `draftVersion` instead: only the views of the draft
 * follow it, and a tab showing the review does not recompute while another tab types.
 */
class DataSync {
	version = $state(0);
	draftVersion = $state(0);
	#channel: BroadcastChannel | null = null;

	start(): void {
		if (this.#channel || typeof BroadcastChannel === 'undefined') return;
		const channel = new BroadcastChannel(CHANNEL);
		this.#channel = channel;
		channel.onmessage = (e: MessageEvent<{ type?: string; stores?: string[] }>) => {
			if (e.data?.type !== 'changed') return;
			const stores = e.data.stores ?? [];
			if (stores.includes('drafts')) this.draftVersion++;
			if (stores.some((s) => s !== 'drafts' && !derived.has(s))) this.version++;
		};
		onDbEvent((event) => {
			if (event.type !== 'changed') return;
			channel.postMessage({ type: 'changed', stores: event.stores });
		});
	}
}

export const dataSync = new DataSync();
