import { tick } from 'svelte';

/**
 * Marks the moment a page has put its data on screen (after Svelte updated the DOM), as a
 * User Timing mark `whetstone:shown:<page>`. The browser benchmark (`npm run bench`) reads
 * these; nothing in the app does, and a mark costs next to nothing.
 */
export function markShown(page: string): void {
	void tick().then(() => {
		performance.mark(`whetstone:shown:${page}`);
		// Also in the DOM, for measurements under a faked clock (which fakes `performance`).
		document.documentElement.dataset.shown = page;
	});
}

/** Times `work` as a User Timing measure `whetstone:<name>` (for the benchmark). */
export async function measured<T>(name: string, work: () => Promise<T> | T): Promise<T> {
	// The start is marked too: a test can count the loads that began, which needs no waiting
	// for ones still running.
	performance.mark(`whetstone:${name}:start`);
	const start = performance.now();
	try {
		return await work();
	} finally {
		performance.measure(`whetstone:${name}`, { start, end: performance.now() });
	}
}
