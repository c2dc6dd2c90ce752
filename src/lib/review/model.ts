import type {
	DrillRecord,
	PassageRecord,
	PracticeEventRecord,
	ReadingSessionRecord,
	SkillRecord
} from '$lib/db/schema';
import { isWorkedThrough } from '$lib/reading/model';
import { eventsBySkill, toPracticeEvents } from '$lib/skills/log';
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
	const weeks = Array.from({ length: 12 }, (_, i) => shiftWeek(week, i - 11, weekStartsOn, zone));
	const weekEnds = weeks.map((w) => w.end - 1);
	const sampleTimes = [...weekEnds.slice(0, 11), week.start, weekEnds[11]];
	// One pass over the events: group by skill and add minutes to their week (the 12 weeks
	// are contiguous and ascending; this week is the last). Ten years of events stay fast.
	const perWeek = new Array<number>(12).fill(0);
	const first = weeks[0].start;
	const last = weeks[11].end;
	const addMinutes = (at: number, minutes: number) => {
		if (!(at >= first && at < last)) return;
		let i = 11;
		while (at < weeks[i].start) i--;
		perWeek[i] += positive(minutes);
	};
	const bySkill = new Map<string, PracticeEventRecord[]>();
	for (const e of input.events) {
		if (e.deletedAt !== null) continue;
		addMinutes(e.at, e.minutes);
		const list = bySkill.get(e.skillId);
		if (list) list.push(e);
		else bySkill.set(e.skillId, [e]);
	}
	for (const r of input.readingSessions) {
		if (r.deletedAt === null) addMinutes(r.startedAt, r.minutes);
	}

	const seen = new Set<string>();
	const skills: SkillWeek[] = [];
	for (const skill of input.skills) {
		if (!live(skill) || seen.has(skill.id)) continue;
		seen.add(skill.id);
		const own = bySkill.get(skill.id) ?? [];
		const thisWeek = own.filter((e) => within(e.at, week));
		if (skill.archivedAt !== null && thisWeek.length === 0) continue;
		if (skill.createdAt >= week.end && own.length === 0) continue;
		// One fold over the skill's history gives every point: the 12 week ends and this
		// week's start (which falls between the last two week ends).
		const series = levelSeries(toPracticeEvents(own), sampleTimes);
		const trend = [...series.slice(0, 11), series[12]];
		const levelStart = series[11];
		const levelEnd = series[12];
		skills.push({
			skill,
			levelStart,
			levelEnd,
			change: levelEnd - levelStart,
			minutes: thisWeek.reduce((n, e) => n + positive(e.minutes), 0),
			trend
		});
	}
	skills.sort((a, b) => b.minutes - a.minutes || b.levelEnd - a.levelEnd);

	const passages = input.passages.filter(live);
	return {
		week,
		skills,
		minutes: perWeek[11],
		drills: input.drills.filter((d) => live(d) && within(d.startedAt, week)),
		passagesCaptured: passages.filter((p) => within(p.createdAt, week)),
		passagesWorked: passages.filter((p) => within(p.updatedAt, week) && isWorkedThrough(p)).length,
		minutesPerWeek: weeks.map((w, i) => ({ key: w.key, minutes: perWeek[i] }))
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
	const grouped = eventsBySkill(liveEvents);
	if (!Number.isFinite(last) || now - last < 14 * DAY) return null;
	const kept: Comeback['kept'] = [];
	const quickWins: Comeback['quickWins'] = [];
	for (const skill of skills) {
		if (!live(skill) || skill.archivedAt !== null) continue;
		const state = replay(toPracticeEvents(grouped.get(skill.id) ?? []));
		if (state.lastPracticedAt === null) continue;
		kept.push({ skill, floor: state.floor, peak: state.peak, level: levelAt(state, now) });
		const n = sessionsToPeak(state, now);
		if (n > 0) quickWins.push({ skill, sessions: n });
	}
	quickWins.sort((a, b) => a.sessions - b.sessions);
	return { daysAway: Math.floor((now - last) / DAY), kept, quickWins: quickWins.slice(0, 3) };
}
