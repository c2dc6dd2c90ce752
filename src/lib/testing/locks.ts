/**
 * Tests only: the Web Locks API in memory, for one "browser" whose tabs are objects in the
 * same test (Node 20 and happy-dom have no `navigator.locks`). The parts the app uses:
 * exclusive locks by name, `ifAvailable`, `steal` (the old holder's request rejects with an
 * AbortError while its callback runs on) and `signal` for a waiting request.
 */
type Callback = (lock: { name: string } | null) => unknown;
interface Waiting {
	callback: Callback;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
}

export class MemoryLocks {
	#held = new Map<string, { reject: (error: unknown) => void; token: object }>();
	#queues = new Map<string, Waiting[]>();

	request(
		name: string,
		optionsOrCallback: LockOptions | Callback,
		maybeCallback?: Callback
	): Promise<unknown> {
		const options = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
		const callback = (maybeCallback ?? optionsOrCallback) as Callback;
		return new Promise((resolve, reject) => {
			const waiting = { callback, resolve, reject };
			if (options.steal) {
				this.#held.get(name)?.reject(new DOMException('The lock was stolen.', 'AbortError'));
				this.#held.delete(name);
				this.#grant(name, waiting);
			} else if (!this.#held.has(name)) {
				this.#grant(name, waiting);
			} else if (options.ifAvailable) {
				Promise.resolve(callback(null)).then(resolve, reject);
			} else {
				const queue = this.#queues.get(name) ?? [];
				queue.push(waiting);
				this.#queues.set(name, queue);
				options.signal?.addEventListener('abort', () => {
					const i = queue.indexOf(waiting);
					if (i >= 0) {
						queue.splice(i, 1);
						reject(new DOMException('The request was aborted.', 'AbortError'));
					}
				});
			}
		});
	}

	#grant(name: string, w: Waiting): void {
		const token = {};
		this.#held.set(name, { reject: w.reject, token });
		Promise.resolve(w.callback({ name })).then(
			(value) => this.#done(name, token, () => w.resolve(value)),
			(error) => this.#done(name, token, () => w.reject(error))
		);
	}

	/** A callback ended: its lock is free (unless it was stolen meanwhile); the next waits in. */
	#done(name: string, token: object, settle: () => void): void {
		settle();
		if (this.#held.get(name)?.token !== token) return;
		this.#held.delete(name);
		const next = this.#queues.get(name)?.shift();
		if (next) this.#grant(name, next);
	}
}

/** Give `navigator` a fresh `MemoryLocks`; returns the way to take it away again. */
export function installMemoryLocks(): () => void {
	Object.defineProperty(navigator, 'locks', { value: new MemoryLocks(), configurable: true });
	return () => {
		delete (navigator as { locks?: unknown }).locks;
	};
}
