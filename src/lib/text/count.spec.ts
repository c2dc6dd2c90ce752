import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count, formatBytes, formatInteger, plural } from './count';

describe('counting in words', () => {
	it('uses the singular for one and the plural otherwise, zero included', () => {
		expect(count(1, 'passage')).toBe('1 passage');
		expect(count(0, 'passage')).toBe('0 passages');
		expect(count(2, 'entry', 'entries')).toBe('2 entries');
		expect(plural(1, 'was', 'were')).toBe('was');
		expect(plural(3, 'was', 'were')).toBe('were');
	});

	it('groups thousands', () => {
		expect(count(12_045, 'drill')).toBe('12,045 drills');
	});

	it('writes whole numbers exactly as Intl does in English, rounding and signs included', () => {
		const intl = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
		const numbers = fc.oneof(
			fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
			fc.double({ min: -1e12, max: 1e12, noNaN: true }),
			fc.integer({ min: -100_000, max: 100_000 }).map((n) => n + 0.5),
			fc.constantFrom(0, -0, 999, 1000, 999_999.5, Infinity, -Infinity, NaN, 1e21, 2 ** 53)
		);
		fc.assert(
			fc.property(numbers, (n) => {
				expect(formatInteger(n)).toBe(intl.format(n));
			}),
			{ numRuns: 2000 }
		);
	});

	it('gives sizes in the largest unit that keeps them at one or more', () => {
		expect(formatBytes(1)).toBe('1 byte');
		expect(formatBytes(512)).toBe('512 bytes');
		expect(formatBytes(1536)).toBe('1.5 kB');
		expect(formatBytes(3.42 * 1024 * 1024)).toBe('3.4 MB');
		expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
	});
});
