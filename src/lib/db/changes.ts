import type { Store } from './index';

/** Where a change was made: a write in this tab, in another tab, or brought by sync. */
export type ChangeOrigin = 'here' | 'tab' | 'sync';
export interface Change {
	stores: ReadonlySet<Store>;
	origin: ChangeOrigin;
}
type Listener = (change: Change) => void;

const CHANNEL = 'whetstone-data';
const listeners = new Set<Listener>();
let channel: BroadcastChannel | null | undefined;

/** The channel between this origin's tabs, opened on first use (a channel never hears itself). */
function tabs(): BroadcastChannel | null {
	if (channel !== undefined) return channel;
	channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
	if (channel) {
		channel.onmessage = (e: MessageEvent<unknown>) => {
			const stores = readMessage(e.data);
			if (stores) deliver({ stores: new Set(stores), origin: 'tab' });
		};
		// In Node (unit tests) an open channel would keep the process alive.
		(channel as { unref?: () => void }).unref?.();
	}
	return channel;
}

function readMessage(data: unknown): Store[] | null {
	if (typeof data !== 'object' || data === null) return null;
	const { type, stores } = data as { type?: unknown; stores?: unknown };
	if (type !== 'changed' || !Array.isArray(stores)) return null;
	return stores.filter((s): s is Store => typeof s === 'string');
}

function deliver(change: Change): void {
	for (const l of [...listeners]) {
		try {
			l(change);
		} catch (error) {
			// One listener's fault must not keep the others from hearing of the change.
			console.error(error);
		}
	}
}

/**
 * Hear of every committed change to the data, whoever made it (this tab, another tab, sync);
 * returns the unsubscribe function. The one feed live queries and state classes follow.
 */
export function onChange(listener: Listener): () => void {
	tabs();
	listeners.add(listener);
	return () => listeners.delete(listener);
}

/** Called by the database module once a write to `stores` has committed. */
export function committed(stores: readonly Store[], origin: 'here' | 'sync' = 'here'): void {
	deliver({ stores: new Set(stores), origin });
	tabs()?.postMessage({ type: 'changed', stores: [...stores] });
}
