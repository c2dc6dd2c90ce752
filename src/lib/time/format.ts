/**
 * Every date the app shows, in one format family from the user's locale (the browser's
 * language; Node's default in tests). Pages and messages use these and nothing else, so
 * "2 Dec 2026" never sits beside "12/02" or "Dec 2, 2026" on the same device.
 */
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string | undefined, options: Intl.DateTimeFormatOptions) {
	const key = `${locale ?? ''}|${JSON.stringify(options)}`;
	let f = cache.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(locale, options);
		cache.set(key, f);
	}
	return f;
}

/** "2 Dec 2026" / "Dec 2, 2026". */
export function formatDate(ms: number, locale?: string): string {
	return formatter(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(ms);
}

/** "2 Dec" / "Dec 2": a day in the current year or a week's bounds. */
export function formatDay(ms: number, locale?: string): string {
	return formatter(locale, { day: 'numeric', month: 'short' }).format(ms);
}

/** A date near `now` without its year ("2 Dec"), one further away with it ("2 Dec 2027"). */
export function formatNear(ms: number, now: number, locale?: string): string {
	return Math.abs(ms - now) < 300 * 86_400_000 ? formatDay(ms, locale) : formatDate(ms, locale);
}

/** "2 Dec 2026, 14:05" / "Dec 2, 2026, 2:05 PM". */
export function formatDateTime(ms: number, locale?: string): string {
	return formatter(locale, {
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: 'numeric',
		minute: '2-digit'
	}).format(ms);
}

/** "Wednesday". */
export function formatWeekday(ms: number, locale?: string): string {
	return formatter(locale, { weekday: 'long' }).format(ms);
}

/** "Dec 26": a month on a chart's axis. */
export function formatMonth(ms: number, locale?: string): string {
	return formatter(locale, { month: 'short', year: '2-digit' }).format(ms);
}
