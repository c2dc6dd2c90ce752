import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FSRS5_DEFAULT_DECAY, forgetting_curve } from 'ts-fsrs';
import { explainText } from './words';
import {
	DEFAULT_PARAMS,
	EMPTY_STATE,
	explanation,
	forecast,
	halfLifeDays,
	levelAt,
	levelSeries,
	practise,
	replay,
	retention,
	EMPTY_FOLD,
	foldEvents,
	seriesFrom,
	sessionsToPeak,
	trend,
	type PracticeEvent,
	type SkillState
} from './model';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 18, 0);

const session = (at: number, extra: Partial<PracticeEvent> = {}): PracticeEvent => ({
	at,
	minutes: 5,
	rating: 3,
	...extra
});
const weekly = (n: number, from = T0) =>
	Array.from({ length: n }, (_, i) => session(from + i * 7 * DAY));

// Arbitrary practice histories: up to 40 events over ~3 years.
const eventArb = fc.record({
	at: fc.integer({ min: T0, max: T0 + 1000 * DAY }),
	minutes: fc.double({ min: 0.1, max: 240, noNaN: true }),
	rating: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
	promptKey: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined })
});
const eventsArb = fc.array(eventArb, { maxLength: 40 });

describe('hand-checked examples', () => {
	it('a first 5-minute session rated good: level 9, floor 2.7, stability 3 days', () => {
		const s = replay([session(T0)]);
		expect(s.level).toBeCloseTo(9, 10);
		expect(s.peak).toBeCloseTo(9, 10);
		expect(s.floor).toBeCloseTo(2.7, 10);
		expect(s.stability).toBe(3);
		expect(s.sessions).toBe(1);
	});

	it('after `stability` days it keeps 90% of the gains above the floor', () => {
		const s = replay([session(T0)]);
		// 2.7 + (9 − 2.7) · 0.9
		expect(levelAt(s, T0 + 3 * DAY)).toBeCloseTo(8.37, 6);
	});

	it('longer and easier sessions gain more; a struggle gains less and rusts sooner', () => {
		expect(replay([session(T0, { minutes: 20 })]).level).toBeCloseTo(18, 10); // √4 = 2×
		const hard = replay([session(T0, { rating: 1 })]);
		expect(hard.level).toBeCloseTo(5.4, 10);
		expect(hard.stability).toBe(1.5);
	});

	it('forecast solves the curve: the level halves its gains after 3·81/19·3 ≈ 38.4 days', () => {
		const s = replay([session(T0)]);
		const at = forecast(s, T0, 2.7 + 6.3 * 0.5)!;
		expect((at - T0) / DAY).toBeCloseTo((3 * 81 * 3) / 19, 4);
	});

	it('an unpractised skill is level 0 and has no forecast', () => {
		expect(replay([])).toEqual(EMPTY_STATE);
		expect(levelAt(EMPTY_STATE, T0)).toBe(0);
		expect(forecast(EMPTY_STATE, T0, 10)).toBe(T0);
		expect(forecast(EMPTY_STATE, T0, 0)).toBeNull();
		expect(explainText(explanation(EMPTY_STATE, T0))).toEqual([
			expect.stringMatching(/Not practised yet/)
		]);
	});
});

describe('bad events are refused with a clear error, never NaN', () => {
	it.each([
		[{ minutes: 0 }, /more than 0/],
		[{ minutes: -5 }, /more than 0/],
		[{ minutes: Number.NaN }, /more than 0/],
		[{ minutes: 24 * 60 + 1 }, /24 hours/],
		[{ rating: 5 as never }, /rating/],
		[{ rating: 0 as never }, /rating/],
		[{ at: Number.NaN }, /date/]
	])('%j', (bad, message) => {
		expect(() => replay([session(T0), session(T0 + DAY, bad)])).toThrow(message);
	});
});

describe('properties', () => {
	it('1. left alone, the level never rises and never goes below the floor', () => {
		fc.assert(
			fc.property(
				eventsArb,
				fc.integer({ min: 0, max: 5000 }),
				fc.integer({ min: 0, max: 5000 }),
				(events, d1, d2) => {
					const s = replay(events);
					const from = s.lastPracticedAt ?? T0;
					const [a, b] = d1 <= d2 ? [d1, d2] : [d2, d1];
					const la = levelAt(s, from + a * DAY);
					const lb = levelAt(s, from + b * DAY);
					expect(lb).toBeLessThanOrEqual(la + 1e-9);
					expect(lb).toBeGreaterThanOrEqual(s.floor - 1e-9);
					if (events.length > 0) expect(s.floor).toBeGreaterThan(0);
				}
			)
		);
	});

	it('2. a practice never lowers the level, then or later', () => {
		fc.assert(
			fc.property(
				eventsArb,
				eventArb,
				fc.integer({ min: 0, max: 400 }),
				fc.integer({ min: 0, max: 3000 }),
				(events, extra, gapDays, laterDays) => {
					const s = replay(events);
					const at = (s.lastPracticedAt ?? T0) + gapDays * DAY;
					const after = practise(s, { ...extra, at }, 0);
					expect(after.level).toBeGreaterThanOrEqual(levelAt(s, at) - 1e-9);
					const later = at + laterDays * DAY;
					expect(levelAt(after, later)).toBeGreaterThanOrEqual(levelAt(s, later) - 1e-9);
				}
			)
		);
	});

	it('3a. repeating the same prompt gains less each time', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 3, max: 25 }),
				fc.integer({ min: 1, max: 3 }),
				fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
				(n, spacingDays, rating) => {
					let before: SkillState = EMPTY_STATE;
					let previousGain = Infinity;
					replay(
						Array.from({ length: n }, (_, i) =>
							session(T0 + i * spacingDays * DAY, { promptKey: 'same', rating })
						),
						undefined,
						(state, e) => {
							// The gain is measured from the level just before the practice.
							const gain = state.level - levelAt(before, e.at);
							expect(gain).toBeLessThan(previousGain);
							previousGain = gain;
							before = state;
						}
					);
				}
			)
		);
	});

	it('3b. the same practice adds less at a high level than at a low one', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 30 }),
				fc.integer({ min: 1, max: 30 }),
				eventArb,
				(a, b, e) => {
					const [lo, hi] = a <= b ? [a, a + b] : [b, a + b];
					// Both practised daily up to the same moment, at their peak.
					const end = T0 + 60 * DAY;
					const hist = (n: number) =>
						Array.from({ length: n }, (_, i) => session(end - (n - i) * DAY));
					const low = replay(hist(lo));
					const high = replay(hist(hi));
					fc.pre(high.level > low.level + 1e-6);
					// Both at their peak, right after their last session.
					const at = end - DAY;
					const gain = (s: SkillState) => practise(s, { ...e, at }, 0).level - levelAt(s, at);
					expect(gain(high)).toBeLessThan(gain(low));
				}
			)
		);
	});

	it('3c. the level never exceeds 100', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						at: fc.integer({ min: T0, max: T0 + 30 * DAY }),
						minutes: fc.constant(24 * 60),
						rating: fc.constant(4 as const)
					}),
					{ minLength: 1, maxLength: 200 }
				),
				(events) => {
					const s = replay(events);
					expect(s.level).toBeLessThanOrEqual(100);
					expect(s.peak).toBeLessThanOrEqual(100);
				}
			)
		);
	});

	it('4. spacing: sessions spread over weeks hold more 90 days on than the same crammed into a day', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2, max: 12 }),
				fc.integer({ min: 3, max: 30 }),
				fc.constantFrom(2 as const, 3 as const, 4 as const),
				fc.integer({ min: 7, max: 14 }),
				(n, minutes, rating, gap) => {
					const spread = replay(
						Array.from({ length: n }, (_, i) => session(T0 + i * gap * DAY, { minutes, rating }))
					);
					const crammed = replay(
						Array.from({ length: n }, (_, i) => session(T0 + i * 3_600_000, { minutes, rating }))
					);
					const l = (s: SkillState) => levelAt(s, s.lastPracticedAt! + 90 * DAY);
					expect(l(spread)).toBeGreaterThan(l(crammed));
				}
			)
		);
	});

	it('5. savings: back to the old peak in clearly fewer sessions than it first took', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 6, max: 30 }),
				fc.integer({ min: 180, max: 1500 }),
				(n, breakDays) => {
					const first = Array.from({ length: n }, (_, i) => session(T0 + i * 2 * DAY));
					const built = replay(first);
					const comeback = built.lastPracticedAt! + breakDays * DAY;
					fc.pre(levelAt(built, comeback) < built.peak * 0.8);
					let relearn = 0;
					let s = built;
					while (s.level < built.peak - 1e-9 && relearn < 100) {
						s = practise(s, session(comeback + relearn * 2 * DAY), 0);
						relearn++;
					}
					expect(relearn).toBeLessThanOrEqual(Math.ceil(n / 2));
					expect(relearn).toBeLessThan(n);
				}
			)
		);
	});

	it('6. replay gives the same state for the same events in any order', () => {
		fc.assert(
			fc.property(
				eventsArb.chain((events) =>
					fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length }))
				),
				([events, shuffled]) => {
					expect(replay(shuffled)).toEqual(replay(events));
				}
			)
		);
	});

	it('forecast gives the first moment below the threshold', () => {
		fc.assert(
			fc.property(
				eventsArb,
				fc.double({ min: 0, max: 100, noNaN: true }),
				fc.integer({ min: 0, max: 2000 }),
				(events, threshold, fromDays) => {
					const s = replay(events);
					const from = (s.lastPracticedAt ?? T0) + fromDays * DAY;
					const at = forecast(s, from, threshold);
					if (at === null) {
						expect(levelAt(s, from + 100 * 365 * DAY)).toBeGreaterThanOrEqual(threshold);
						return;
					}
					expect(at).toBeGreaterThanOrEqual(from);
					expect(levelAt(s, at)).toBeLessThan(threshold);
					if (at > from) expect(levelAt(s, at - 60_000)).toBeGreaterThanOrEqual(threshold - 1e-6);
				}
			)
		);
	});
});

describe('resumable folds', () => {
	it('folding a history in two parts gives the same state and series as one replay', () => {
		fc.assert(
			fc.property(eventsArb, fc.integer({ min: 0, max: 40 }), (events, cut) => {
				const sorted = [...events].sort(
					(a, b) =>
						a.at - b.at ||
						a.minutes - b.minutes ||
						a.rating - b.rating ||
						(a.promptKey ?? '').localeCompare(b.promptKey ?? '')
				);
				const k = Math.min(cut, sorted.length);
				const head = foldEvents(EMPTY_FOLD, sorted.slice(0, k));
				expect(foldEvents(head, sorted.slice(k)).state).toEqual(replay(events));
				const times = [T0 + 500 * DAY, T0 + 2000 * DAY];
				const from = sorted[k - 1]?.at ?? -Infinity;
				const later = times.filter((t) => t >= from);
				expect(seriesFrom(head, sorted.slice(k), later)).toEqual(
					levelSeries(events, later).map((v) => expect.closeTo(v, 9))
				);
			})
		);
	});
});

describe('7. calibration against published decay data', () => {
	// Two months of weekly practice (9 sessions), then nothing.
	const s = replay(weekly(9));
	const last = s.lastPracticedAt!;
	const held = (days: number) => (levelAt(s, last + days * DAY) - s.floor) / (s.level - s.floor);

	it('loses half its gains above the floor between 6 and 13 months later (Tatel & Ackerman)', () => {
		const half = halfLifeDays(s);
		expect(half).toBeGreaterThan(6 * 30.44);
		expect(half).toBeLessThan(13 * 30.44);
		expect(held(half)).toBeCloseTo(0.5, 6);
	});

	it('decay is small in the first weeks and keeps growing with disuse (Arthur et al. 1998)', () => {
		expect(held(14)).toBeGreaterThan(0.9);
		const marks = [0, 7, 30, 90, 180, 365, 730, 1825];
		const values = marks.map(held);
		for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1]);
		expect(held(730)).toBeLessThan(0.5);
		expect(levelAt(s, last + 10_000 * DAY)).toBeGreaterThan(s.floor);
	});

	it('uses the FSRS-4.5 power curve (d = 0.5), as ts-fsrs computes it', () => {
		expect(DEFAULT_PARAMS.decay).toBe(FSRS5_DEFAULT_DECAY);
		fc.assert(
			fc.property(
				fc.double({ min: 0, max: 5000, noNaN: true }),
				fc.double({ min: 0.1, max: 3650, noNaN: true }),
				fc.constantFrom(0.1542, 0.2, 0.5, 0.8),
				(days, stability, decay) => {
					expect(retention(days, stability, { decay })).toBeCloseTo(
						forgetting_curve(decay, days, stability),
						7
					);
				}
			)
		);
	});
});

describe('explain, trend and series', () => {
	it('explains in plain words, with numbers that match the model', () => {
		const s = replay(weekly(9));
		const at = s.lastPracticedAt! + 23 * DAY;
		const lines = explainText(explanation(s, at));
		const text = lines.join(' ');
		expect(text).toMatch(/Last practised 3 weeks ago, after 9 sessions/);
		expect(text).toMatch(new RegExp(`it is at ${Math.round(levelAt(s, at))} now`));
		expect(text).toMatch(/Floor \d+/);
		expect(text).toMatch(/back to it in about \d+ sessions?/);
		expect(text).not.toMatch(/NaN|undefined|Infinity/);
	});

	it('sessionsToPeak is 0 at the peak and small after a break', () => {
		const s = replay(weekly(9));
		expect(sessionsToPeak(s, s.lastPracticedAt!)).toBe(0);
		const n = sessionsToPeak(s, s.lastPracticedAt! + 365 * DAY);
		expect(n).toBeGreaterThan(0);
		expect(n).toBeLessThan(9);
	});

	it('trend: growing when fresh, holding, then rusting', () => {
		const s = replay(weekly(9));
		const last = s.lastPracticedAt!;
		expect(trend(EMPTY_STATE, T0)).toBe('new');
		expect(trend(s, last + 3 * DAY)).toBe('growing');
		expect(trend(s, last + 20 * DAY)).toBe('holding');
		expect(trend(s, last + 120 * DAY)).toBe('rusting');
	});

	it('levelSeries matches replay + levelAt at every sample', () => {
		fc.assert(
			fc.property(
				eventsArb,
				fc.array(fc.integer({ min: 0, max: 1100 }), { maxLength: 20 }),
				(events, days) => {
					const times = [...new Set(days)].sort((a, b) => a - b).map((d) => T0 + d * DAY);
					const series = levelSeries(events, times);
					times.forEach((t, i) => {
						const upTo = events.filter((e) => e.at <= t);
						expect(series[i]).toBeCloseTo(levelAt(replay(upTo), t), 9);
					});
				}
			)
		);
	});
});
