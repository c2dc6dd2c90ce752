import { endOfDay, startOfDay, subMonths, subWeeks, subYears } from 'date-fns';
import type { DrillRecord } from '$lib/db/schema';

/**
 * "On this day": what was written and captured on this date in earlier years — or, when there
 * is nothing that old, a month or a week ago — and, for a drill whose skill was drilled again
 * since, the latest attempt beside it ("then and now"). Pure: time is an argument.
 */

export interface DayWindow {
	/** "1 year ago", "3 years ago", "A month ago", "A week ago". */
	label: string;
	/** The local day, first and last millisecond. */
	start: number;
	end: number;
}

/** How many years back "On this day" looks. */
export const YEARS_BACK = 10;

function window(label: string, day: Date): DayWindow {
	return { label, start: startOfDay(day).getTime(), end: endOfDay(day).getTime() };
}

/** This date in each earlier year, the nearest first (29 February falls on the 28th). */
export function earlierYears(now: number, years = YEARS_BACK): DayWindow[] {
	return Array.from({ length: years }, (_, i) =>
		window(i === 0 ? '1 year ago' : `${i + 1} years ago`, subYears(now, i + 1))
	);
}

/** Where to look when no earlier year holds anything: a month ago, then a week ago. */
export function nearerDays(now: number): DayWindow[] {
	return [window('A month ago', subMonths(now, 1)), window('A week ago', subWeeks(now, 1))];
}

/**
 * For a drill from back then: the latest drill of the same skill and kind made at least a week
 * after it (a real "now", not the same sitting), or null.
 */
export function laterAttempt(
	then: DrillRecord,
	sameSkill: readonly DrillRecord[]
): DrillRecord | null {
	let best: DrillRecord | null = null;
	for (const d of sameSkill) {
		if (d.deletedAt !== null || d.id === then.id || d.kind !== then.kind) continue;
		if (d.startedAt < then.startedAt + 7 * 86_400_000) continue;
		if (!best || d.startedAt > best.startedAt) best = d;
	}
	return best;
}
