import { addDays, startOfDay, startOfWeek } from 'date-fns';
import { DAY } from '$lib/time/units';
import { STRONG_SKILLS } from '$lib/skills/catalog';

/**
 * What the home screen works out from a person's records: pure functions of the records and
 * the time (passed in), so each is tested without a database or a clock.
 */

/** Days without practice after which the home screen says "welcome back". */
export const AWAY_DAYS = 14;

/** Whole days since `last` (null when nothing was ever practised). */
export function daysAway(last: number | null, now: number): number | null {
	if (last === null) return null;
	return Math.max(0, Math.floor((startOfDay(now).getTime() - startOfDay(last).getTime()) / DAY));
}

export interface HeatDay {
	/** The day's first moment (local time). */
	day: number;
	minutes: number;
	/** 0 (none) to 4: any practice, 10, 20, 40 minutes and more. Fixed steps, no ranking. */
	level: 0 | 1 | 2 | 3 | 4;
	/** After today (the end of the last week): drawn empty. */
	future: boolean;
}

export function heatLevel(minutes: number): HeatDay['level'] {
	if (minutes <= 0) return 0;
	if (minutes < 10) return 1;
	if (minutes < 20) return 2;
	if (minutes < 40) return 3;
	return 4;
}

/**
 * A year of practice as weeks (columns) of seven days, the last week holding `now`: minutes
 * per local day from `events` (each with `at` and `minutes`).
 */
export function heatmap(
	events: readonly { at: number; minutes: number }[],
	now: number,
	weekStartsOn: 0 | 1 | 2 | 3 | 4 | 5 | 6,
	weeks = 53
): HeatDay[][] {
	const first = startOfWeek(addDays(now, -7 * (weeks - 1)), { weekStartsOn });
	const byDay = new Map<number, number>();
	for (const e of events) {
		const day = startOfDay(e.at).getTime();
		byDay.set(day, (byDay.get(day) ?? 0) + e.minutes);
	}
	const today = startOfDay(now).getTime();
	const out: HeatDay[][] = [];
	for (let w = 0; w < weeks; w++) {
		const column: HeatDay[] = [];
		for (let d = 0; d < 7; d++) {
			const day = addDays(first, w * 7 + d).getTime();
			const minutes = byDay.get(day) ?? 0;
			column.push({ day, minutes, level: heatLevel(minutes), future: day > today });
		}
		out.push(column);
	}
	return out;
}

/** Days with practice among `days` (a forgiving count: no streaks). */
export function daysPractised(weeks: readonly HeatDay[][]): number {
	return weeks.flat().filter((d) => d.minutes > 0).length;
}

/** A small, stable number for a string (which prompt a skill gets today). */
function hash(text: string): number {
	let h = 0;
	for (const c of text) h = (h * 31 + c.charCodeAt(0)) >>> 0;
	return h;
}

export interface DrillIdea {
	/** What the card says: the drill itself. */
	text: string;
	/** The drill setup with `start=1`: one tap starts the clock. */
	href: string;
}

/**
 * A drill for `skillName` today. The kind changes from day to day (explain it; argue it is
 * really a skill you have), because the same prompt every day counts for less each time.
 */
export function drillIdea(skillName: string, now: number): DrillIdea {
	const day = Math.floor(startOfDay(now).getTime() / DAY);
	const seed = hash(skillName) + day;
	const skill = encodeURIComponent(skillName);
	if (seed % 2 === 0) {
		return {
			text: `Explain to yourself how you do ${skillName}`,
			href: `/drill?kind=write-x&skill=${skill}&start=1`
		};
	}
	const other = STRONG_SKILLS[seed % STRONG_SKILLS.length];
	return {
		text: `Argue that ${skillName} is really ${other.toLowerCase()}`,
		href: `/drill?kind=x-is-y&skill=${skill}&other=${encodeURIComponent(other)}&start=1`
	};
}
