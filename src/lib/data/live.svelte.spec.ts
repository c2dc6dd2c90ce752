import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { committed } from '$lib/db/changes';
import { query } from '$lib/db/query';
import type { Store } from '$lib/db';
import { LiveQuery } from './live.svelte';

interface Call {
	key: string;
	resolve: (v: string) => void;
	reject: (e: unknown) => void;
}

/** A query whose answers the test gives by hand, in any order. */
function manual(stores: Store[]) {
	const calls: Call[] = [];
	const q = query(stores, (key: string) => {
		return new Promise<string>((resolve, reject) => calls.push({ key, resolve, reject }));
	});
	return { q, calls };
}

/** Let queued microtasks and promise callbacks run, then apply state changes. */
async function settle() {
	await new Promise((r) => setTimeout(r, 0));
	flushSync();
}

const stops: (() => void)[] = [];
/** Read `fn` in an effect (as a template would), recording every value it sees. */
function watch<T>(fn: () => T): T[] {
	const seen: T[] = [];
	stops.push(
		$effect.root(() => {
			$effect(() => {
				seen.push(fn());
			});
		})
	);
	flushSync();
	return seen;
}
afterEach(() => stops.splice(0).forEach((s) => s()));

describe('LiveQuery', () => {
	it('gives its first answer once, from the same load the page shows', async () => {
		const { q, calls } = manual(['drills']);
		const live = new LiveQuery(q, () => 'a');
		const seen = watch(() => live.current);
		const first = live.first();
		await settle();
		expect(calls).toHaveLength(1);
		calls[0].resolve('drill a');
		expect(await first).toBe('drill a');
		await settle();
		expect(seen.at(-1)).toBe('drill a');
		expect(calls).toHaveLength(1);
		// Later answers do not change what `first` gave.
		committed(['drills']);
		await settle();
		calls[1].resolve('drill a, changed');
		expect(await live.first()).toBe('drill a');
	});

	it('fails its first answer when the first load fails', async () => {
		const { q, calls } = manual(['drills']);
		const live = new LiveQuery(q, () => 'a');
		watch(() => live.current);
		const first = live.first();
		await settle();
		calls[0].reject(new Error('The disk is gone.'));
		await expect(first).rejects.toThrow('The disk is gone.');
		await settle();
		expect(live.error).toMatch(/disk is gone/);
	});

	it('loads for its key and shows the answer', async () => {
		const { q, calls } = manual(['drills']);
		const live = new LiveQuery(q, () => 'a');
		const seen = watch(() => live.current);
		await settle();
		expect(calls.map((c) => c.key)).toEqual(['a']);
		expect(live.ready).toBe(false);
		calls[0].resolve('drill a');
		await settle();
		expect(seen.at(-1)).toBe('drill a');
		expect(live.ready).toBe(true);
	});

	it('runs again after a write to a store it reads, and not after others', async () => {
		const { q, calls } = manual(['drills', 'events']);
		const live = new LiveQuery(q, () => 'a');
		watch(() => live.current);
		await settle();
		calls[0].resolve('v1');
		await settle();
		committed(['passages', 'books']);
		await settle();
		expect(calls).toHaveLength(1);
		committed(['events']);
		await settle();
		expect(calls).toHaveLength(2);
		calls[1].resolve('v2');
		await settle();
		expect(live.current).toBe('v2');
	});

	it('follows its key, and drops an older answer that arrives late', async () => {
		const { q, calls } = manual(['drills']);
		const key = $state({ id: 'a' });
		const live = new LiveQuery(q, () => key.id);
		const seen = watch(() => live.current);
		await settle();
		key.id = 'b';
		flushSync();
		await settle();
		expect(calls.map((c) => c.key)).toEqual(['a', 'b']);
		calls[1].resolve('drill b');
		await settle();
		calls[0].resolve('drill a'); // the slow, older request answers last
		await settle();
		expect(live.current).toBe('drill b');
		expect(seen).not.toContain('drill a');
	});

	it('keeps the last answer and says why when a load fails; a good load clears it', async () => {
		const { q, calls } = manual(['skills']);
		const live = new LiveQuery(q, () => 'x');
		watch(() => live.current);
		await settle();
		calls[0].resolve('first');
		await settle();
		committed(['skills']);
		await settle();
		calls[1].reject(new Error('The disk is full.'));
		await settle();
		expect(live.error).toBe('The disk is full.');
		expect(live.current).toBe('first');
		committed(['skills']);
		await settle();
		calls[2].resolve('second');
		await settle();
		expect(live.error).toBeNull();
		expect(live.current).toBe('second');
	});

	it('stops listening when nothing reads it, and loads afresh when read again', async () => {
		const { q, calls } = manual(['drills']);
		const live = new LiveQuery(q, () => 'a');
		watch(() => live.current);
		await settle();
		calls[0].resolve('v1');
		await settle();
		stops.splice(0).forEach((s) => s());
		await settle();
		committed(['drills']);
		await settle();
		expect(calls).toHaveLength(1);
		watch(() => live.current);
		await settle();
		expect(calls).toHaveLength(2);
	});

	it('hears writes made in another tab', async () => {
		const { q, calls } = manual(['passages']);
		const live = new LiveQuery(q, () => 'a');
		watch(() => live.current);
		await settle();
		const otherTab = new BroadcastChannel('whetstone-data');
		otherTab.postMessage({ type: 'changed', stores: ['passages'] });
		await expect.poll(() => calls.length).toBe(2);
		otherTab.close();
	});
});
