import { TZDate } from '@date-fns/tz';
import { addDays, addWeeks, format, startOfWeek } from 'date-fns';

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

/** The week containing `at` in time zone `tz` (default: the device's). */
export function weekOf(at: number, weekStartsOn: WeekStart, tz?: string): Week {
	const date = tz ? new TZDate(at, tz) : new Date(at);
	const start = startOfWeek(date, { weekStartsOn });
	const days = Array.from({ length: 7 }, (_, i) => addDays(start, i).getTime());
	return {
		start: start.getTime(),
		end: addWeeks(start, 1).getTime(),
		days,
		key: format(start, 'yyyy-MM-dd')
	};
}

/** The week `offset` weeks from the one containing `at` (negative: the past). */
export function shiftWeek(week: Week, offset: number, weekStartsOn: WeekStart, tz?: string): Week {
	const date = tz ? new TZDate(week.start, tz) : new Date(week.start);
	// Go to the middle of the target week, then back to its start: safe across DST shifts.
	return weekOf(addDays(date, offset * 7 + 3).getTime(), weekStartsOn, tz);
}

/** The week that starts on the day `key` ("yyyy-MM-dd"), or null for a malformed key. */
export function weekFromKey(key: string, weekStartsOn: WeekStart, tz?: string): Week | null {
	const m = key.match(/^(\d{4})-(\d{2})-(\d{2})$/);
	if (!m) return null;
	const noon = tz
		? new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12, 0, 0, tz)
		: new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12);
	if (Number.isNaN(noon.getTime())) return null;
	return weekOf(noon.getTime(), weekStartsOn, tz);
}
