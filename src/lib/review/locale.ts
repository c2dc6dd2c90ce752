import { weekStartFor, type WeekStart } from './week';

/** The device's locale decides the first day of the week (read once, in the browser). */
export function localeWeekStart(): WeekStart {
	return weekStartFor(typeof navigator === 'undefined' ? 'en' : navigator.language);
}
