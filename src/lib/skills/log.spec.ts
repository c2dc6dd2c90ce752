import { describe, expect, it } from 'vitest';
import { eventRecord, skillRecord } from '$lib/testing/records';
import {
	byRisk,
	eventsBySkill,
	historiesFromEvents,
	comeback,
	levelChange,
	practiceProblem,
	RUSTING_WITHIN_DAYS,
	summarize,
	summarizeHistory
} from './log';

const NOW = Date.UTC(2026, 10, 22, 12);
const DAY = 86_400_000;

const skill = (id: string, name: string, line: number | null = null) =>
	skillRecord(id, { name, line });
const event = eventRecord;

describe('practiceProblem', () => {
	const ok = { at: NOW - DAY, minutes: 30, rating: 3 };
	it('accepts a sensible practice, including one a little in the past', () => {
		expect(practiceProblem(ok, NOW)).toBeNull();
		expect(practiceProblem({ ...ok, at: NOW - 400 * DAY }, NOW)).toBeNull();
	});
	it.each([
		[{ minutes: 0 }, /more than 0/],
		[{ minutes: -3 }, /more than 0/],
		[{ minutes: Number.NaN }, /how many minutes/],
		[{ minutes: 1441 }, /24 hours/],
		[{ at: NOW + DAY }, /future/],
		[{ at: Number.NaN }, /date/],
		[{ rating: 5 }, /how it went/],
		[{ rating: 0 }, /how it went/]
	])('rejects %j', (bad, message) => {
		expect(practiceProblem({ ...ok, ...bad }, NOW)).toMatch(message);
	});
});

describe('summaries', () => {
	it('summarises a skill from its live events only', () => {
		const s = summarize(
			skill('a', 'Listening'),
			[event('a', NOW - 10 * DAY), event('a', NOW - 5 * DAY, { deletedAt: NOW })],
			NOW
		);
		expect(s.state.sessions).toBe(1);
		expect(s.level).toBeGreaterThan(s.state.floor);
		expect(s.level).toBeLessThan(s.state.level);
		expect(s.weekly).toHaveLength(13);
		expect(s.weekly[0]).toBe(0);
		expect(s.weekly[12]).toBeCloseTo(s.level, 9);
	});

	it('skips a damaged stored event instead of failing the whole page', () => {
		const s = summarize(
			skill('a', 'Listening'),
			[
				event('a', NOW - DAY),
				event('a', NOW - DAY, { minutes: -5 }),
				event('a', NOW - DAY, { minutes: 0 })
			],
			NOW
		);
		expect(s.state.sessions).toBe(1);
	});

	it('uses the skill’s own line when it has one', () => {
		const events = [event('a', NOW - 3 * DAY)];
		const own = summarize(skill('a', 'Listening', 10), events, NOW);
		expect(own.line).toBe(10);
		expect(own.belowLineAt).toBeGreaterThan(NOW);
		const byDefault = summarize(skill('a', 'Listening'), events, NOW);
		expect(byDefault.line).not.toBe(10);
		// A line at or below the floor is never crossed.
		expect(summarize(skill('a', 'Listening', 1), events, NOW).belowLineAt).toBeNull();
	});

	it('sorts the most at risk first and never-practised last', () => {
		const fresh = summarize(skill('f', 'Fresh'), [event('f', NOW - DAY)], NOW);
		const stale = summarize(skill('s', 'Stale'), [event('s', NOW - 90 * DAY)], NOW);
		const never = summarize(skill('n', 'Never'), [], NOW);
		const sorted = [never, fresh, stale].sort(byRisk).map((s) => s.skill.name);
		expect(sorted).toEqual(['Stale', 'Fresh', 'Never']);
	});

	it('groups events by skill, skipping tombstones', () => {
		const map = eventsBySkill([event('a', 1), event('b', 2), event('a', 3, { deletedAt: 4 })]);
		expect(map.get('a')).toHaveLength(1);
		expect(map.get('b')).toHaveLength(1);
	});
});

describe('summaries from a split history (what the Skills page reads)', () => {
	it('equals the summary from every event, for any split before the sparkline', () => {
		const events = Array.from({ length: 300 }, (_, i) =>
			event('a', NOW - 400 * DAY + i * 1.3 * DAY, { rating: ((i % 4) + 1) as 1 | 2 | 3 | 4 })
		);
		const full = summarize(skill('a', 'Listening'), events, NOW);
		const times = Array.from({ length: 13 }, (_, i) => NOW - (12 - i) * 7 * DAY);
		for (const split of [NOW - 200 * DAY, times[0] - 1, NOW - 400 * DAY - 1]) {
			const history = historiesFromEvents(events, split).get('a')!;
			const part = summarizeHistory(skill('a', 'Listening'), history, NOW, times);
			expect(part.level).toBeCloseTo(full.level, 10);
			expect(part.state).toEqual(full.state);
			expect(part.belowLineAt).toBe(full.belowLineAt);
			part.weekly.forEach((w, i) => expect(w).toBeCloseTo(full.weekly[i], 10));
		}
	});
});

describe('one status per skill, consistent with its forecast', () => {
	const at = (daysAgo: number[], line: number | null = null) =>
		summarize(
			skill('s', 'S', line),
			daysAgo.map((d) => event('s', NOW - d * DAY)),
			NOW
		);

	it('never practised: new', () => {
		expect(at([]).status).toBe('new');
	});

	it('under its line now: below, whatever the recent practice', () => {
		const s = at([1], 99);
		expect(s.level).toBeLessThan(99);
		expect(s.status).toBe('below');
	});

	it('practised this week: growing (and still above its line)', () => {
		const s = at([30, 20, 2]);
		expect(s.status).toBe('growing');
		expect(s.belowLineAt === null || s.belowLineAt > NOW).toBe(true);
	});

	it('rusting exactly when it drops below within two weeks; holding when later or never', () => {
		const seen = new Set<string>();
		for (let d = 8; d < 200; d += 3) {
			const s = at([d + 60, d + 30, d]);
			seen.add(s.status);
			if (s.status === 'below') continue;
			const soon = s.belowLineAt !== null && s.belowLineAt - NOW <= RUSTING_WITHIN_DAYS * DAY;
			expect(s.status).toBe(soon ? 'rusting' : 'holding');
		}
		expect([...seen].sort()).toEqual(['below', 'holding', 'rusting']);
	});
});

describe('what one practice did to its skill', () => {
	it('is the level just before it and just after it, whatever came later', () => {
		const first = event('s', NOW - 20 * DAY, { minutes: 20 });
		const drill = event('s', NOW - 10 * DAY, { minutes: 6 });
		const later = event('s', NOW - DAY, { minutes: 30 });
		const { before, after } = levelChange([first, drill, later], drill);
		expect(after).toBeGreaterThan(before);
		// Without the practice, the level just after it is the level just before it (rusting).
		expect(levelChange([first, later], drill).after).toBeCloseTo(before, 5);
		// The later practice does not change what this one did.
		expect(levelChange([first, drill], drill)).toEqual({ before, after });
	});

	it('starts from nothing for the first practice of a skill', () => {
		const only = event('s', NOW, { minutes: 5 });
		const { before, after } = levelChange([only], only);
		expect(before).toBe(0);
		expect(after).toBeGreaterThan(0);
	});
});

describe('a comeback', () => {
	it('is a session that wins back at least half of the ground lost since the peak', () => {
		// Months of practice, then a year away: well under the peak.
		const learned = Array.from({ length: 30 }, (_, i) =>
			event('s', NOW - 400 * DAY + i * 2 * DAY, { minutes: 20 })
		);
		const back = event('s', NOW, { minutes: 20 });
		const found = comeback([...learned, back]);
		expect(found).not.toBeNull();
		expect(found!.peak - found!.before).toBeGreaterThanOrEqual(3);
		expect(found!.after - found!.before).toBeGreaterThanOrEqual((found!.peak - found!.before) / 2);
	});

	it('is nothing while no ground was lost, or for a first practice', () => {
		const steady = Array.from({ length: 10 }, (_, i) => event('s', NOW - (10 - i) * DAY));
		expect(comeback(steady)).toBeNull();
		expect(comeback([event('s', NOW)])).toBeNull();
	});
});
