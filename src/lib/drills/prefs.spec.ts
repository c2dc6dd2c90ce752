import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS, parsePrefs, warmth, wordGoalOf, wordsPerMinute } from './prefs';

describe('writing preferences', () => {
	it('reads what was saved', () => {
		expect(
			parsePrefs(JSON.stringify({ startOnType: true, wordGoal: 250, pressureSeconds: 10 }))
		).toEqual({ startOnType: true, wordGoal: 250, pressureSeconds: 10 });
	});

	it('falls back to the default for anything unreadable, field by field', () => {
		expect(parsePrefs(null)).toEqual(DEFAULT_PREFS);
		expect(parsePrefs('{not json')).toEqual(DEFAULT_PREFS);
		expect(parsePrefs('42')).toEqual(DEFAULT_PREFS);
		expect(
			parsePrefs(JSON.stringify({ startOnType: 'yes', wordGoal: -3, pressureSeconds: 7 }))
		).toEqual(DEFAULT_PREFS);
		expect(parsePrefs(JSON.stringify({ wordGoal: 300, pressureSeconds: 'x' }))).toEqual({
			...DEFAULT_PREFS,
			wordGoal: 300
		});
	});

	it('takes a word goal as a whole number within bounds', () => {
		expect(wordGoalOf('250')).toBe(250);
		expect(wordGoalOf(' 40 ')).toBe(40);
		expect(wordGoalOf('')).toBeNull();
		expect(wordGoalOf('2.5')).toBeNull();
		expect(wordGoalOf('0')).toBeNull();
		expect(wordGoalOf('10001')).toBeNull();
		expect(wordGoalOf('lots')).toBeNull();
	});
});

describe('words per minute', () => {
	it('is words over minutes of writing, rounded', () => {
		expect(wordsPerMinute(120, 3 * 60_000)).toBe(40);
		expect(wordsPerMinute(25, 45_000)).toBe(33);
	});
	it('waits for a few seconds before saying anything', () => {
		expect(wordsPerMinute(3, 2_000)).toBe(0);
	});
});

describe('warmth when typing stops', () => {
	const typed = 1_000_000;
	it('is nothing until the chosen pause has passed, then rises to full over as long again', () => {
		expect(warmth(10, typed, typed + 9_000, true)).toBe(0);
		expect(warmth(10, typed, typed + 15_000, true)).toBeCloseTo(0.5);
		expect(warmth(10, typed, typed + 60_000, true)).toBe(1);
	});
	it('is nothing when switched off or when the clock is not running', () => {
		expect(warmth(null, typed, typed + 60_000, true)).toBe(0);
		expect(warmth(10, typed, typed + 60_000, false)).toBe(0);
	});
});
