import { describe, expect, it } from 'vitest';
import { practiceTotals } from './totals';

describe('practiceTotals', () => {
	it('sums per skill, keeps the latest date and skips deleted events', () => {
		const t = practiceTotals([
			{ skillId: 'a', minutes: 5, at: 100, deletedAt: null },
			{ skillId: 'a', minutes: 2.5, at: 50, deletedAt: null },
			{ skillId: 'b', minutes: 10, at: 70, deletedAt: null },
			{ skillId: 'b', minutes: 99, at: 999, deletedAt: 1000 }
		]);
		expect(t.get('a')).toEqual({ sessions: 2, minutes: 7.5, lastAt: 100 });
		expect(t.get('b')).toEqual({ sessions: 1, minutes: 10, lastAt: 70 });
		expect(t.has('c')).toBe(false);
	});
});
