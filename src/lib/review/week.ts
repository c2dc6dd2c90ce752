import { addDays, addWeeks, startOfWeek } from 'date-fns';
import { dayKey } from '$lib/time/day';

/** 0 = Sunday … 6 = Saturday (date-fns' convention). */
export type WeekStart = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * The first day of the week for a locale ("en-US" → Sunday, "de-DE" → Monday), from
 * Intl.Locale week info where the engine has it; Monday (ISO) otherwise.
 */
export function weekStartFor(locale: string): WeekStart {
	try {
		const l = new Intl.Locale(locale) as Intl.Locale & {
			getWeekInfo?: () => { firstDay: number };
			weekInfo?: { firstDay: number };
		};
		const first = (l.getWeekInfo?.() ?? l.weekInfo)?.firstDay;
		if (typeof first === 'number' && first >= 1 && first <= 7) return (first % 7) as WeekStart;
	} catch {
		// An unknown locale tag: fall through to ISO.
	}
	return 1;
}

export interface Week {
	/** Epoch ms of the first instant of the week, in the time zone. */
	start: number;
	/** Epoch ms of the first instant of the next week. */
	end: number;
	/** Start of each of the 7 days (a DST week has a 23- or 25-hour day). */
	days: number[];
	/** "2026-11-16": the week's first day, as a stable key. */
	key: string;
}

/**
 * How to see an instant in a time zone: the device's by default. Tests pass a zone-aware
 * date (e.g. `@date-fns/tz`'s TZDate), the way they pass the time: injected, never mocked.
 */
export type Zone = (ms: number) => Date;
const deviceZone: Zone = (ms) => new Date(ms);

/** The week containing `at` in the zone (default: the device's). */
export function weekOf(at: number, weekStartsOn: WeekStart, zone: Zone = deviceZone): Week {
	const date = zone(at);
	const start = startOfWeek(date, { weekStartsOn });
	const days = Array.from({ length: 7 }, (_, i) => addDays(start, i).getTime());
	return {
		start: start.getTime(),
		end: addWeeks(start, 1).getTime(),
		days,
		key: dayKey(start)
	};
}

/** The week `offset` weeks from the one containing `at` (negative: the past). */
export function shiftWeek(
	week: Week,
	offset: number,
	weekStartsOn: WeekStart,
	zone: Zone = deviceZone
): Week {
	// Go to the middle of the target week, then back to its start: safe across DST shifts.
	return weekOf(addDays(zone(week.start), offset * 7 + 3).getTime(), weekStartsOn, zone);
}

/** The week that starts on the day `key` ("yyyy-MM-dd"), or null for a malformed key. */
export function weekFromKey(
	key: string,
	weekStartsOn: WeekStart,
	zone: Zone = deviceZone
): Week | null {
	const m = key.match(/^(\d{4})-(\d{2})-(\d{2})$/);
	if (!m) return null;
	// Noon UTC of that date is the same calendar date in every zone from UTC−11 to UTC+11.
	const noon = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
	if (Number.isNaN(noon)) return null;
	return weekOf(noon, weekStartsOn, zone);
}

/** The 12 weeks a review shows, oldest first, ending with `week`. */
export function reviewWeeks(week: Week, weekStartsOn: WeekStart, zone?: Zone): Week[] {
	return Array.from({ length: 12 }, (_, i) => shiftWeek(week, i - 11, weekStartsOn, zone));
}

/** The moment histories are split at for a review of `week`: just before its window. */
export function reviewSplit(week: Week, weekStartsOn: WeekStart, zone?: Zone): number {
	return reviewWeeks(week, weekStartsOn, zone)[0].start - 1;
}
