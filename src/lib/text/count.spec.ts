import { describe, expect, it } from 'vitest';
import { count, formatBytes, plural } from './count';

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

	it('gives sizes in the largest unit that keeps them at one or more', () => {
		expect(formatBytes(1)).toBe('1 byte');
		expect(formatBytes(512)).toBe('512 bytes');
		expect(formatBytes(1536)).toBe('1.5 kB');
		expect(formatBytes(3.42 * 1024 * 1024)).toBe('3.4 MB');
		expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
	});
});
