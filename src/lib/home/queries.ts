import { query } from '$lib/db/query';
import { eventsBetween } from '$lib/skills/repo';
import { now } from '$lib/time/clock';
import { DAY } from '$lib/time/units';
import { revisitDay } from '$lib/revisit/repo';
import { heatmap } from './model';
import { hasPassages } from './repo';
import type { WeekStart } from '$lib/review/week';

/**
 * Today's Revisit: how many passages come back and the first of them (null: none today); and
 * whether there is any passage at all (a reader with only passages is a returning one).
 */
export const revisitToday = query(['passages', 'books', 'meta'], async () => {
	const [day, anyPassage] = await Promise.all([revisitDay(now()), hasPassages()]);
	const first = day.passages[0];
	return { next: first ? { ...first, count: day.passages.length } : null, anyPassage };
});

/** The last year of practice, day by day (the home screen's heatmap). */
export const practiceYear = query(['events', 'skills'], async (weekStartsOn: WeekStart) => {
	const at = now();
	const events = await eventsBetween(at - 372 * DAY, at);
	return { weeks: heatmap(events, at, weekStartsOn), at };
});
