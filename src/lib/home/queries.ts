import { query } from '$lib/db/query';
import { eventsBetween } from '$lib/skills/repo';
import { now } from '$lib/time/clock';
import { DAY } from '$lib/time/units';
import { revisitDay } from '$lib/revisit/repo';
import { heatmap } from './model';
import type { WeekStart } from '$lib/review/week';

/** Today's Revisit: how many passages come back, and the first of them. */
export const revisitToday = query(['passages', 'books', 'meta'], async () => {
	const day = await revisitDay(now());
	const first = day.passages[0];
	return first ? { ...first, count: day.passages.length } : null;
});

/** The last year of practice, day by day (the home screen's heatmap). */
export const practiceYear = query(['events', 'skills'], async (weekStartsOn: WeekStart) => {
	const at = now();
	const events = await eventsBetween(at - 372 * DAY, at);
	return { weeks: heatmap(events, at, weekStartsOn), at };
});
