import { describe, expect, it } from 'vitest';
import { daysAway, daysPractised, drillIdea, heatLevel, heatmap } from './model';

const DAY = 86_400_000;
// Noon, local time: day boundaries are the device's.
const NOW = new Date(2026, 11, 3, 12).getTime();

describe('days away', () => {
	it('counts whole local days since the last practice', () => {
		expect(daysAway(null, NOW)).toBeNull();
		expect(daysAway(NOW - 2 * 3_600_000, NOW)).toBe(0);
		expect(daysAway(new Date(2026, 9, 4, 23).getTime(), NOW)).toBe(60);
	});
});

describe('the year heatmap', () => {
	it('is 53 weeks of 7 days ending with the week of today, minutes summed per local day', () => {
		const weeks = heatmap(
			[
				{ at: NOW - 3_600_000, minutes: 5 },
				{ at: NOW - 2 * 3_600_000, minutes: 7 },
				{ at: NOW - 30 * DAY, minutes: 45 }
			],
			NOW,
			1
		);
		expect(weeks).toHaveLength(53);
		expect(weeks.every((w) => w.length === 7)).toBe(true);
		const days = weeks.flat();
		const today = days.find((d) => d.day === new Date(2026, 11, 3).getTime())!;
		expect(today).toMatchObject({ minutes: 12, level: 2, future: false });
		expect(days.find((d) => d.minutes === 45)?.level).toBe(4);
		// Weeks start on the chosen day; days after today are marked as such.
		expect(new Date(weeks[0][0].day).getDay()).toBe(1);
		expect(days.at(-1)!.future).toBe(true);
		expect(daysPractised(weeks)).toBe(2);
	});

	it('leaves out what is older than the year shown', () => {
		const weeks = heatmap([{ at: NOW - 400 * DAY, minutes: 30 }], NOW, 0);
		expect(daysPractised(weeks)).toBe(0);
	});

	it('steps by fixed minutes, so one short drill always shows', () => {
		expect([0, 1, 9, 10, 20, 39, 40, 300].map(heatLevel)).toEqual([0, 1, 1, 2, 3, 3, 4, 4]);
	});
});

describe('a drill idea for a skill', () => {
	it('is a one-tap link that starts the drill, and changes kind from day to day', () => {
		const ideas = Array.from({ length: 6 }, (_, i) => drillIdea('Listening', NOW + i * DAY));
		for (const idea of ideas) {
			expect(idea.href).toMatch(/^\/drill\?kind=(write-x|x-is-y)&skill=Listening.*&start=1$/);
		}
		expect(new Set(ideas.map((i) => i.href.match(/kind=([\w-]+)/)![1])).size).toBe(2);
		expect(ideas.find((i) => i.href.includes('x-is-y'))!.text).toMatch(
			/^Argue that Listening is really /
		);
		// The same all day.
		expect(drillIdea('Listening', NOW)).toEqual(drillIdea('Listening', NOW + 3_600_000));
	});
});
