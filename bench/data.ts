import type { PracticeEvent } from '../src/lib/skills/model';
import { largeDataset, rng } from '../src/lib/seed/large';

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

/** The ten-year heavy user as stored records (the same generator `npm run seed:large` uses). */
export const tenYearDataset = () => largeDataset();
