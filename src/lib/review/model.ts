import type {
	DrillRecord,
	PassageRecord,
	PracticeEventRecord,
	ReadingSessionRecord,
	SkillRecord
} from '$lib/db/schema';
import { isWorkedThrough } from '$lib/reading/model';
import { toPracticeEvents } from '$lib/skills/log';
import { levelAt, levelSeries, replay, sessionsToPeak } from '$lib/skills/model';
import { shiftWeek, type Week, type WeekStart, type Zone } from './week';

const DAY = 86_400_000;

export { rustingSoon, sessionsToHold, type Rusting } from './rusting';

export interface ReviewInput {
	skills: readonly SkillRecord[];
	events: readonly PracticeEventRecord[];
	drills: readonly DrillRecord[];
	passages: readonly PassageRecord[];
	readingSessions: readonly ReadingSessionRecord[];
}

export interface SkillWeek {
	skill: SkillRecord;
	levelStart: number;
	levelEnd: number;
	change: number;
	minutes: number;
	/** Level at the end of each of the last 12 weeks, oldest first (this week last). */
	trend: number[];
}

export interface WeekReview {
	week: Week;
	skills: SkillWeek[];
	minutes: number;
	drills: DrillRecord[];
	passagesCaptured: PassageRecord[];
	passagesWorked: number;
	/** Minutes per week over the last 12 weeks, oldest first (this week last). */
	minutesPerWeek: { key: string; minutes: number }[];
}

const live = <T extends { deletedAt: number | null }>(r: T) => r.deletedAt === null;
const within = (t: number, w: Week) => t >= w.start && t < w.end;
const positive = (n: number) => (Number.isFinite(n) && n > 0 ? n : 0);

/**
 * Everything the weekly review shows for `week`. Pure: times come in as arguments. Events
 * belong to the week they happened in (back-dated ones too); minutes are never negative;
 * archived skills appear only if practised that week; each skill appears once.
 */
export function buildReview(
	input: ReviewInput,
	week: Week,
	weekStartsOn: WeekStart,
	zone?: Zone
): WeekReview {
	const events = input.events.filter(live);
	const bySkill = new Map<string, PracticeEventRecord[]>();
	for (const e of events) {
		const list = bySkill.get(e.skillId);
		if (list) list.push(e);
		else bySkill.set(e.skillId, [e]);
	}
	const weeks = Array.from({ length: 12 }, (_, i) => shiftWeek(week, i - 11, weekStartsOn, zone));
	const weekEnds = weeks.map((w) => w.end - 1);

	const seen = new Set<string>();
	const skills: SkillWeek[] = [];
	for (const skill of input.skills) {
		if (!live(skill) || seen.has(skill.id)) continue;
		seen.add(skill.id);
		const own = bySkill.get(skill.id) ?? [];
		const thisWeek = own.filter((e) => within(e.at, week));
		if (skill.archivedAt !== null && thisWeek.length === 0) continue;
		if (skill.createdAt >= week.end && own.length === 0) continue;
		const practice = toPracticeEvents(own);
		const [levelStart, levelEnd] = levelSeries(practice, [week.start, week.end - 1]);
		skills.push({
			skill,
			levelStart,
			levelEnd,
			change: levelEnd - levelStart,
			minutes: thisWeek.reduce((n, e) => n + positive(e.minutes), 0),
			trend: levelSeries(practice, weekEnds)
		});
	}
	skills.sort((a, b) => b.minutes - a.minutes || b.levelEnd - a.levelEnd);

	const sessions = input.readingSessions.filter(live);
	const minutesIn = (w: Week) =>
		events.filter((e) => within(e.at, w)).reduce((n, e) => n + positive(e.minutes), 0) +
		sessions.filter((s) => within(s.startedAt, w)).reduce((n, s) => n + positive(s.minutes), 0);

	const passages = input.passages.filter(live);
	return {
		week,
		skills,
		minutes: minutesIn(week),
		drills: input.drills.filter((d) => live(d) && within(d.startedAt, week)),
		passagesCaptured: passages.filter((p) => within(p.createdAt, week)),
		passagesWorked: passages.filter((p) => within(p.updatedAt, week) && isWorkedThrough(p)).length,
		minutesPerWeek: weeks.map((w) => ({ key: w.key, minutes: minutesIn(w) }))
	};
}

export interface Comeback {
	/** Days since any practice. */
	daysAway: number;
	kept: { skill: SkillRecord; floor: number; peak: number; level: number }[];
	/** Closest to their old peak first. */
	quickWins: { skill: SkillRecord; sessions: number }[];
}

/** After a break of two weeks or more: what was kept and where the quickest wins are. */
export function comeback(
	skills: readonly SkillRecord[],
	events: readonly PracticeEventRecord[],
	now: number
): Comeback | null {
	const liveEvents = events.filter(live);
	const last = liveEvents.reduce((m, e) => Math.max(m, e.at), -Infinity);
	if (!Number.isFinite(last) || now - last < 14 * DAY) return null;
	const kept: Comeback['kept'] = [];
	const quickWins: Comeback['quickWins'] = [];
	for (const skill of skills) {
		if (!live(skill) || skill.archivedAt !== null) continue;
		const state = replay(toPracticeEvents(liveEvents.filter((e) => e.skillId === skill.id)));
		if (state.lastPracticedAt === null) continue;
		kept.push({ skill, floor: state.floor, peak: state.peak, level: levelAt(state, now) });
		const n = sessionsToPeak(state, now);
		if (n > 0) quickWins.push({ skill, sessions: n });
	}
	quickWins.sort((a, b) => a.sessions - b.sessions);
	return { daysAway: Math.floor((now - last) / DAY), kept, quickWins: quickWins.slice(0, 3) };
}
