import { describe, expect, it } from 'vitest';
import { drillRecord, eventRecord, skillRecord } from '$lib/testing/records';
import { forecast, replay } from '$lib/skills/model';
import { lineFor, toPracticeEvents } from '$lib/skills/log';
import { buildReview, comeback, levelChangeText, rustingSoon, rustingText } from './model';
import { formatNear } from '$lib/time/format';
import { planProgress, planProblem, reviewDue, suggestions } from './plan';
import { drillIdea } from '$lib/home/model';
import { reviewIcs, weekToMarkdown } from './export';
import { TZDate } from '@date-fns/tz';
import { shiftWeek, weekFromKey, weekOf, weekStartFor, type Zone } from './week';

const zone =
	(name: string): Zone =>
	(ms) =>
		new TZDate(ms, name);

const H = 3_600_000;
const DAY = 24 * H;

const skill = skillRecord;
const event = eventRecord;
const drill = (skillId: string, startedAt: number) =>
	drillRecord(skillId, startedAt, { prompt: 'P', wordCount: 10 });
const empty = { skills: [], events: [], drills: [], passages: [], readingSessions: [] };

describe('weeks', () => {
	it('follow the locale’s first day', () => {
		expect(weekStartFor('en-US')).toBe(0);
		expect(weekStartFor('de-DE')).toBe(1);
		expect(weekStartFor('not a locale!')).toBe(1);
	});

	it('a week spanning the spring DST change in Berlin has 7 days and 167 hours', () => {
		const w = weekOf(Date.UTC(2026, 2, 25, 12), 1, zone('Europe/Berlin'));
		expect(w.key).toBe('2026-03-23');
		expect(w.days).toHaveLength(7);
		expect((w.end - w.start) / H).toBe(167);
		// Sunday 29 March is the 23-hour day.
		expect((w.end - w.days[6]) / H).toBe(23);
		expect(new Date(w.days[6]).toISOString()).toBe('2026-03-28T23:00:00.000Z');
	});

	it('a Sunday-start week across the autumn change in New York has 169 hours', () => {
		const w = weekOf(Date.UTC(2026, 10, 3, 17), 0, zone('America/New_York'));
		expect(w.key).toBe('2026-11-01');
		expect((w.end - w.start) / H).toBe(169);
	});

	it('the same instant falls in different weeks for different week starts', () => {
		const sunday = Date.UTC(2026, 10, 22, 12); // a Sunday
		expect(weekOf(sunday, 0, zone('UTC')).key).toBe('2026-11-22');
		expect(weekOf(sunday, 1, zone('UTC')).key).toBe('2026-11-16');
	});

	it('stepping back and forth across DST lands on week starts', () => {
		const w = weekOf(Date.UTC(2026, 3, 1, 12), 1, zone('Europe/Berlin'));
		const back = shiftWeek(w, -1, 1, zone('Europe/Berlin'));
		expect(back.key).toBe('2026-03-23');
		expect(shiftWeek(back, 1, 1, zone('Europe/Berlin')).key).toBe(w.key);
		expect(weekFromKey('2026-03-23', 1, zone('Europe/Berlin'))?.start).toBe(back.start);
		expect(weekFromKey('yesterday', 1)).toBeNull();
	});
});

describe('weekly aggregation', () => {
	const tz = zone('Europe/Berlin');
	const week = weekOf(Date.UTC(2026, 2, 25, 12), 1, tz); // the DST week
	const inWeek = week.start + 2 * DAY;

	it('counts minutes, drills and per-skill change for the week only', () => {
		const review = buildReview(
			{
				...empty,
				skills: [skill('a'), skill('b')],
				events: [
					event('a', inWeek),
					event('a', inWeek + DAY, { minutes: 5 }),
					event('b', week.start - DAY), // last week
					event('a', week.end) // next week: exactly at the boundary
				],
				drills: [drill('a', inWeek), drill('a', week.start - 1)],
				readingSessions: [
					{
						id: 'r',
						bookId: 'x',
						startedAt: inWeek,
						minutes: 20,
						createdAt: 0,
						updatedAt: 0,
						deletedAt: null
					}
				]
			},
			week,
			1,
			tz
		);
		expect(review.minutes).toBe(35);
		expect(review.drills).toHaveLength(1);
		const a = review.skills.find((s) => s.skill.id === 'a')!;
		expect(a.minutes).toBe(15);
		expect(a.levelStart).toBe(0);
		expect(a.change).toBeGreaterThan(0);
		const b = review.skills.find((s) => s.skill.id === 'b')!;
		expect(b.minutes).toBe(0);
		expect(b.change).toBeLessThanOrEqual(0); // rusting a little, never NaN
		expect(review.minutesPerWeek).toHaveLength(12);
		expect(review.minutesPerWeek.at(-1)).toEqual({ key: week.key, minutes: 35 });
		expect(review.minutesPerWeek.at(-2)?.minutes).toBe(10);
		expect(a.trend).toHaveLength(12);
	});

	it('a back-dated event counts in the week it happened, not the week it was logged', () => {
		const review = buildReview(
			{
				...empty,
				skills: [skill('a')],
				events: [event('a', week.start - 3 * DAY, { createdAt: inWeek })]
			},
			week,
			1,
			tz
		);
		expect(review.minutes).toBe(0);
		expect(review.minutesPerWeek.at(-2)?.minutes).toBe(10);
	});

	it('archived skills show only when practised; a skill is never counted twice; no negative minutes', () => {
		const review = buildReview(
			{
				...empty,
				skills: [
					skill('a'),
					skill('a'),
					skill('x', { archivedAt: 1 }),
					skill('y', { archivedAt: 1 })
				],
				events: [
					event('a', inWeek, { minutes: -5 }),
					event('y', inWeek),
					event('a', inWeek, { minutes: 7, deletedAt: inWeek })
				]
			},
			week,
			1,
			tz
		);
		expect(review.skills.map((s) => s.skill.id).sort()).toEqual(['a', 'y']);
		expect(review.minutes).toBe(10);
		expect(review.skills.every((s) => Number.isFinite(s.levelStart) && s.minutes >= 0)).toBe(true);
	});

	it('a skill created mid-week starts the week at 0', () => {
		const review = buildReview(
			{ ...empty, skills: [skill('new', { createdAt: inWeek })], events: [event('new', inWeek)] },
			week,
			1,
			tz
		);
		expect(review.skills[0]).toMatchObject({ levelStart: 0 });
		expect(review.skills[0].levelEnd).toBeGreaterThan(0);
	});

	it('an empty week is empty, not broken', () => {
		const review = buildReview(empty, week, 1, tz);
		expect(review).toMatchObject({ minutes: 0, skills: [], drills: [], passagesWorked: 0 });
	});
});

describe('rusting soon', () => {
	const now = Date.UTC(2026, 10, 22, 12);
	const skills = [skill('fresh'), skill('fading'), skill('gone'), skill('never')];
	const events = [
		event('fresh', now - DAY),
		...[60, 53, 46].map((d) => event('fading', now - d * DAY)),
		event('gone', now - 400 * DAY)
	];

	it('lists exactly the skills whose forecast falls in the next 30 days, soonest first', () => {
		const list = rustingSoon(skills, events, now);
		for (const s of skills) {
			const state = replay(toPracticeEvents(events.filter((e) => e.skillId === s.id)));
			const at = state.lastPracticedAt === null ? null : forecast(state, now, lineFor(s, state));
			const expected = at !== null && at <= now + 30 * DAY;
			expect(
				list.some((r) => r.skill.id === s.id),
				s.id
			).toBe(expected);
			if (!expected) continue;
			const r = list.find((r) => r.skill.id === s.id)!;
			// A skill already under its line says when it crossed, not "now".
			expect(r.below).toBe(at! <= now);
			expect(r.at).toBe(
				at! > now ? at : forecast(state, state.lastPracticedAt!, lineFor(s, state))
			);
		}
		expect(list.length).toBeGreaterThan(0);
		expect([...list].sort((a, b) => a.at - b.at)).toEqual(list);
		for (const r of list) expect(r.sessions).toBeGreaterThanOrEqual(1);
	});

	it('a skill that crossed its line a month ago says so, with that date, and what brings it back', () => {
		const t0 = Date.UTC(2026, 4, 1, 12);
		const s = { ...skill('z'), line: 30 };
		const evs = [event('z', t0, { minutes: 60, rating: 4 })];
		const state = replay(toPracticeEvents(evs));
		const crossed = forecast(state, t0, 30)!;
		const noon = crossed + 31 * DAY;
		const [r] = rustingSoon([s], evs, noon);
		expect(r).toMatchObject({ below: true, at: crossed });
		expect(rustingText(r, noon)).toMatch(
			new RegExp(`^fell below 30 on ${formatNear(crossed, noon)} — .* bring`)
		);
		expect(rustingText({ ...r, below: false, at: noon + DAY }, noon)).toMatch(/^drops below 30 on/);
	});

	it('level changes agree with the levels shown', () => {
		expect(levelChangeText(45.4, 56.6)).toBe('45 → 57 (+12)');
		expect(levelChangeText(28.4, 27.6)).toBe('28 → 28 (±0)');
		expect(levelChangeText(30.2, 10.9)).toBe('30 → 11 (−19)');
	});

	it('after a break, shows what was kept and the quickest wins', () => {
		const c = comeback(skills, events, now + 30 * DAY)!;
		expect(c.daysAway).toBe(31);
		expect(c.kept.every((k) => k.level >= k.floor && k.floor > 0)).toBe(true);
		expect(c.quickWins.length).toBeGreaterThan(0);
		expect(comeback(skills, events, now)).toBeNull();
	});
});

describe('plan', () => {
	const week = weekOf(Date.UTC(2026, 10, 18, 12), 1, zone('UTC'));
	const plan = {
		weekKey: week.key,
		createdAt: week.start - 2 * DAY, // made in the previous week's review
		items: [
			{ skillId: 'a', skillName: 'Giving feedback', targetDrills: 2 },
			{ skillId: 'b', skillName: 'Listening', targetDrills: 1 }
		]
	};

	it('counts drills done against the plan and suggests what is left, rusting first', () => {
		const progress = planProgress(
			plan,
			[drill('b', week.start + DAY), drill('a', week.start - 3 * DAY), drill('a', week.end)],
			week.end
		);
		// Before the plan was made and after its week: not counted. Since it was made: counted.
		expect(progress.map((p) => p.done)).toEqual([0, 1]);
		expect(planProgress(plan, [drill('a', week.start - DAY)], week.end)[0].done).toBe(1);
		const s = suggestions(progress, [], week.start + 2 * DAY);
		expect(s).toHaveLength(1);
		expect(s[0].text).toBe('Today: 5 minutes on Giving feedback — 0 of 2 drills this week');
		// One tap starts today's drill for it (its kind varies by day: see home/model).
		expect(s[0].href).toBe(drillIdea('Giving feedback', week.start + 2 * DAY).href);
		expect(s[0].href).toMatch(/^\/drill\?kind=(write-x|x-is-y)&skill=Giving%20feedback.*&start=1$/);
		const rusting = [
			{ skill: skill('a'), line: 30, at: week.start + 4 * DAY, sessions: 1, below: false }
		];
		expect(suggestions(progress, rusting, week.start + 2 * DAY)[0].text).toMatch(
			/rusting by \w+day$/
		);
	});

	it('validates targets', () => {
		expect(planProblem([])).toMatch(/at least one/);
		expect(planProblem([{ ...plan.items[0], targetDrills: 0 }])).toMatch(/1 to 14/);
		expect(planProblem(plan.items)).toBeNull();
	});

	it('the review card shows from the review day until the review is done', () => {
		const sundayIndex = week.days.findIndex((d) => new Date(d).getDay() === 0);
		const sunday = week.days[sundayIndex];
		expect(reviewDue({ reviewDay: 0, week, now: sunday - 1, doneForWeek: false })).toBe(false);
		expect(reviewDue({ reviewDay: 0, week, now: sunday + H, doneForWeek: false })).toBe(true);
		expect(reviewDue({ reviewDay: 0, week, now: sunday + H, doneForWeek: true })).toBe(false);
	});

	it('the calendar file repeats weekly on the review day', () => {
		const ics = reviewIcs({
			firstAt: Date.UTC(2026, 10, 22, 18),
			reviewDay: 0,
			now: 0,
			uid: 'u1@whetstone'
		});
		expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
		expect(ics).toContain('RRULE:FREQ=WEEKLY;BYDAY=SU\r\n');
		expect(ics).toContain('DTSTART:20261122T180000Z\r\n');
		expect(ics).toContain('SUMMARY:Whetstone weekly review');
		expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
	});

	it('exports the week as Markdown', () => {
		const review = buildReview(
			{
				...empty,
				skills: [skill('a', { name: 'Giving feedback' })],
				events: [event('a', week.start + DAY)],
				drills: [drill('a', week.start + DAY)]
			},
			week,
			1,
			zone('UTC')
		);
		const md = weekToMarkdown(review, planProgress(plan, review.drills, week.end), []);
		expect(md).toMatch(/^# Week of /);
		expect(md).toContain('- Minutes practised: 10');
		expect(md).toContain('- Drills written: 1');
		expect(md).toMatch(/\*\*Giving feedback\*\*: 0 → \d+ \(\+\d+\), 10 min/);
		expect(md).toContain('- Giving feedback: 1 of 2 drills');
	});
});
