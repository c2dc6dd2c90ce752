import { createSubscriber } from 'svelte/reactivity';
import { onChange } from '$lib/db/changes';
import type { Query } from '$lib/db/query';
import { errorText } from '$lib/errors';

/**
 * A query whose result stays current: the one way a page gets its data.
 *
 * `new LiveQuery(someQuery, () => key)` — reading `.current` (in a template, `$derived` or
 * `$effect`) loads the query for the key and subscribes to changes: it loads again when the key
 * changes (an id in the URL, a week) and when a write commits to a store the query reads,
 * whether this tab, another tab or sync made it. Only the newest request's answer is applied;
 * an older, slower one is dropped. Until the first answer, `current` is undefined (`ready`
 * turns true with it); while a newer answer loads, the previous one stays on screen. A failed
 * load keeps the last answer and sets `error` (in words), cleared by the next good one.
 *
 * Why not runed's `resource`: it re-runs on reactive dependencies, but a database write is not
 * one; we would still need this subscription, and the rest is twenty lines.
 */
export class LiveQuery<K, T> {
	#query: Query<K, T>;
	#key: () => K;
	#value = $state.raw<T | undefined>(undefined);
	#error = $state<string | null>(null);
	#settled = $state(false);
	/** The newest request; answers to older ones are dropped. */
	#asked = 0;
	/** What was loaded may be out of date (nothing loaded yet, or a read store changed). */
	#stale = true;
	#lastKey: string | undefined;
	#subscribe: () => void;
	#firstAnswer: Promise<T>;
	#answerFirst!: { resolve: (value: T) => void; reject: (error: unknown) => void };

	constructor(query: Query<K, T>, key: () => K = () => undefined as K) {
		this.#query = query;
		this.#key = key;
		this.#firstAnswer = new Promise<T>(
			(resolve, reject) => (this.#answerFirst = { resolve, reject })
		);
		// Nobody may be waiting for it: a failed first load is shown through `error` as well.
		this.#firstAnswer.catch(() => undefined);
		this.#subscribe = createSubscriber((update) => {
			// Subscribed again after nobody read it for a while: changes may have been missed.
			this.#stale = true;
			return onChange((change) => {
				if (!query.stores.some((s) => change.stores.has(s))) return;
				this.#stale = true;
				update();
			});
		});
	}

	/** The latest answer for the current key (the previous one while a newer one loads). */
	get current(): T | undefined {
		this.#ensure();
		return this.#value;
	}

	/** Why the last load failed, in words; null after a good one. */
	get error(): string | null {
		this.#ensure();
		return this.#error;
	}

	/**
	 * The first answer, for code that runs once with it (filling a form from the address):
	 * the same load the page shows, not a second read.
	 */
	first(): Promise<T> {
		this.#ensure();
		return this.#firstAnswer;
	}

	/** True once a first answer (or error) has arrived. */
	get ready(): boolean {
		this.#ensure();
		return this.#settled;
	}

	#ensure(): void {
		// Prerendering (on the server) shows the page's shell: there is no database there, and
		// the key may read what only a browser has (the query string).
		if (typeof window === 'undefined') return;
		this.#subscribe();
		const key = this.#key();
		const id = JSON.stringify(key ?? null);
		if (!this.#stale && id === this.#lastKey) return;
		this.#stale = false;
		this.#lastKey = id;
		const mine = ++this.#asked;
		// Started after the current reaction: reading `.current` must not write state while a
		// template or derived is being evaluated.
		queueMicrotask(() => void this.#load(key, mine));
	}

	async #load(key: K, mine: number): Promise<void> {
		if (mine !== this.#asked) return; // superseded before it began
		try {
			const value = await this.#query.read(key);
			if (mine !== this.#asked) return;
			this.#value = value;
			this.#error = null;
			this.#answerFirst.resolve(value);
		} catch (error) {
			if (mine !== this.#asked) return;
			this.#error = errorText(error);
			this.#answerFirst.reject(error);
		} finally {
			if (mine === this.#asked) this.#settled = true;
		}
	}
}
