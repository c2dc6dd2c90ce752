import type { PracticeEvent } from '../src/lib/skills/model';

/** A small, fast, seedable PRNG (mulberry32), so generated data is the same on every run. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const DAY = 86_400_000;
export const TEN_YEARS_FROM = Date.UTC(2016, 0, 4, 7, 0);

/** Ten years of daily practice for `skills` skills: `skills × 3650` events, in random order. */
export function tenYearsOfPractice(skills = 100, seed = 42): PracticeEvent[][] {
	const random = rng(seed);
	return Array.from({ length: skills }, (_, s) => {
		const events: PracticeEvent[] = Array.from({ length: 3650 }, (_, d) => ({
			at: TEN_YEARS_FROM + d * DAY + Math.floor(random() * 12 * 3_600_000),
			minutes: 1 + Math.floor(random() * 20),
			rating: (1 + Math.floor(random() * 4)) as 1 | 2 | 3 | 4,
			promptKey: `skill-${s}-prompt-${Math.floor(random() * 30)}`
		}));
		// Shuffle: replay must not rely on stored order.
		for (let i = events.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[events[i], events[j]] = [events[j], events[i]];
		}
		return events;
	});
}
