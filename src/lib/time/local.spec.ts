import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './local';

describe('datetime-local values', () => {
	it('round-trip to the minute in the device time zone', () => {
		const ms = new Date(2026, 10, 22, 9, 41).getTime();
		expect(toLocalInput(ms)).toBe('2026-11-22T09:41');
		expect(fromLocalInput('2026-11-22T09:41')).toBe(ms);
	});
	it('turn garbage into NaN, not a date', () => {
		expect(fromLocalInput('')).toBeNaN();
		expect(fromLocalInput('yesterday')).toBeNaN();
	});
});
