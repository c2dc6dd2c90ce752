import { query } from '$lib/db/query';
import { eventsBetween } from '$lib/skills/repo';
import { now } from '$lib/time/clock';
import { DAY } from '$lib/time/units';
import { heatmap, passageToRevisit } from './model';
import { samplePassages } from './repo';
import type { WeekStart } from '$lib/review/week';

/** How many passages the daily pick looks at (not every passage of a large library). */
const SAMPLE = 40;

/** Today's passage to look at again, with its book's title (null when none is old enough). */
export const revisitToday = query(['passages', 'books'], async () => {
	const at = now();
	const { passages, titles } = await samplePassages(SAMPLE, Math.floor(at / DAY));
	const passage = passageToRevisit(passages, at);
	return passage ? { passage, bookTitle: titles.get(passage.bookId) ?? '' } : null;
});

/** The last year of practice, day by day (the home screen's heatmap). */
export const practiceYear = query(['events', 'skills'], async (weekStartsOn: WeekStart) => {
	const at = now();
	const events = await eventsBetween(at - 372 * DAY, at);
	return { weeks: heatmap(events, at, weekStartsOn), at };
});
