/**
 * How this person likes to write, on this device: kept in localStorage (a habit of the hand
 * and the screen, like a keyboard layout; it never syncs and is not part of a backup).
 */
export interface WritingPrefs {
	/** The clock waits for the first keystroke, so reading the prompt costs no time. */
	startOnType: boolean;
	/** Words to aim for in a drill (shown as progress), or null for none. */
	wordGoal: number | null;
	/** After this many seconds without typing the screen warms up; null for never. */
	pressureSeconds: number | null;
}

export const DEFAULT_PREFS: WritingPrefs = {
	startOnType: false,
	wordGoal: null,
	pressureSeconds: null
};

export const PRESSURE_CHOICES = [5, 10, 20] as const;
export const MAX_WORD_GOAL = 10_000;

const KEY = 'whetstone-writing';

/** Preferences from whatever was stored: anything unreadable falls back to the default. */
export function parsePrefs(raw: string | null): WritingPrefs {
	let value: unknown;
	try {
		value = raw === null ? null : JSON.parse(raw);
	} catch {
		return { ...DEFAULT_PREFS };
	}
	if (typeof value !== 'object' || value === null) return { ...DEFAULT_PREFS };
	const v = value as Record<string, unknown>;
	return {
		startOnType: v.startOnType === true,
		wordGoal: wordGoalOf(v.wordGoal),
		pressureSeconds: (PRESSURE_CHOICES as readonly unknown[]).includes(v.pressureSeconds)
			? (v.pressureSeconds as number)
			: null
	};
}

/** A word goal as typed or stored: a whole number from 1 to MAX_WORD_GOAL, else none. */
export function wordGoalOf(value: unknown): number | null {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_WORD_GOAL ? n : null;
}

export function loadPrefs(): WritingPrefs {
	try {
		return parsePrefs(localStorage.getItem(KEY));
	} catch {
		return { ...DEFAULT_PREFS }; // Storage refused (private mode): the defaults.
	}
}

export function savePrefs(prefs: WritingPrefs): void {
	try {
		localStorage.setItem(KEY, JSON.stringify(prefs));
	} catch {
		// Not kept on this device; the drill still runs with them.
	}
}

/** Words per minute over `activeMs` of writing (0 before a few seconds have passed). */
export function wordsPerMinute(words: number, activeMs: number): number {
	if (activeMs < 5_000) return 0;
	return Math.round(words / (activeMs / 60_000));
}

/**
 * How warm the screen is, 0 to 1: nothing until `pressureSeconds` after the last keystroke,
 * then rising over as long again. Never while the clock is not running.
 */
export function warmth(
	pressureSeconds: number | null,
	lastTypedAt: number,
	now: number,
	running: boolean
): number {
	if (!running || pressureSeconds === null) return 0;
	const idle = now - lastTypedAt - pressureSeconds * 1000;
	if (idle <= 0) return 0;
	return Math.min(1, idle / (pressureSeconds * 1000));
}
