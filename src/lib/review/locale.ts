import { weekStartFor, type WeekStart } from './week';

/** Where the week start found for a language is kept (device-only, like the locale itself). */
const STORE_KEY = 'whetstone:week-start';

let known: { language: string; start: WeekStart } | null = null;

/**
 * The device's locale decides the first day of the week. Asking `Intl.Locale` for it loads the
 * locale's data (about 40 ms the first time on this machine's Chromium, inside a page's start),
 * so the answer is kept: in memory, and in localStorage for later visits, per language.
 */
export function localeWeekStart(): WeekStart {
	const language = typeof navigator === 'undefined' ? 'en' : navigator.language;
	if (known?.language === language) return known.start;
	let start: WeekStart | null = null;
	try {
		const saved = JSON.parse(localStorage.getItem(STORE_KEY) ?? 'null') as unknown;
		if (isSaved(saved) && saved.language === language) start = saved.start;
	} catch {
		// No storage (or a damaged entry): ask Intl.
	}
	if (start === null) {
		start = weekStartFor(language);
		try {
			localStorage.setItem(STORE_KEY, JSON.stringify({ language, start }));
		} catch {
			// Kept in memory only.
		}
	}
	known = { language, start };
	return start;
}

function isSaved(value: unknown): value is { language: string; start: WeekStart } {
	if (typeof value !== 'object' || value === null) return false;
	const { language, start } = value as Record<string, unknown>;
	return (
		typeof language === 'string' &&
		Number.isInteger(start) &&
		(start as number) >= 0 &&
		(start as number) <= 6
	);
}
