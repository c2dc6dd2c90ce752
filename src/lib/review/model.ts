import { isLive } from '$lib/db/record';
import { DAY } from '$lib/time/units';
import type {
	DrillRecord,
	PassageRecord,
	PracticeEventRecord,
	ReadingSessionRecord,
	SkillRecord
} from '$lib/db/schema';
import { isWorkedThrough } from '$lib/reading/model';
import { historiesFromEvents, type SkillHistory } from '$lib/skills/log';
import { foldEvents, levelAt, seriesFrom, sessionsToPeak } from '$lib/skills/model';
import { reviewWeeks, type Week, type WeekStart, type Zone } from './week';

export { reviewSplit, reviewWeeks } from './week';

export { rustingSoon, sessionsToHold, type Rusting } from './rusting';
export { levelChangeText, rustingText } from './words';

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
	zone?: Zone,
	/** Each skill's history split before the 12-week window (see `reviewWindow`); computed
	 *  from `input.events` when absent. */
	histories?: ReadonlyMap<string, SkillHistory>
): WeekReview {
	const weeks = reviewWeeks(week, weekStartsOn, zone);
	const split = histories ?? historiesFromEvents(input.events, weeks[0].start - 1);
	const weekEnds = weeks.map((w) => w.end - 1);
	const sampleTimes = [...weekEnds.slice(0, 11), week.start, weekEnds[11]];
	// Minutes go to their week (the 12 weeks are contiguous and ascending; this week is last).
	// Every event in the window is a "recent" one, so the long past is never read.
	const perWeek = new Array<number>(12).fill(0);
	const first = weeks[0].start;
	const last = weeks[11].end;
	const addMinutes = (at: number, minutes: number) => {
		if (!(at >= first && at < last)) return;
		let i = 11;
		while (at < weeks[i].start) i--;
		perWeek[i] += positive(minutes);
	};
	for (const h of split.values()) {
		for (const e of h.records) if (e.deletedAt === null) addMinutes(e.at, e.minutes);
	}
	for (const r of input.readingSessions) {
		if (r.deletedAt === null) addMinutes(r.startedAt, r.minutes);
	}

	const seen = new Set<string>();
	const skills: SkillWeek[] = [];
	for (const skill of input.skills) {
		if (!isLive(skill) || seen.has(skill.id)) continue;
		seen.add(skill.id);
		const h = split.get(skill.id);
		const thisWeek = (h?.records ?? []).filter((e) => e.deletedAt === null && within(e.at, week));
		const practised = !!h && (h.fold.state.sessions > 0 || h.recent.length > 0);
		if (skill.archivedAt !== null && thisWeek.length === 0) continue;
		if (skill.createdAt >= week.end && !practised) continue;
		// One fold over the recent events gives every point: the 12 week ends and this
		// week's start (which falls between the last two week ends).
		const series = h ? seriesFrom(h.fold, h.recent, sampleTimes) : sampleTimes.map(() => 0);
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

	const passages = input.passages.filter(isLive);
	return {
		week,
		skills,
		minutes: perWeek[11],
		drills: input.drills.filter((d) => isLive(d) && within(d.startedAt, week)),
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
	now: number,
	histories?: ReadonlyMap<string, SkillHistory>
): Comeback | null {
	const split = histories ?? historiesFromEvents(events, now);
	const states = new Map(
		[...split].map(([id, h]) => [id, foldEvents(h.fold, h.recent).state] as const)
	);
	const last = [...states.values()].reduce(
		(m, s) => Math.max(m, s.lastPracticedAt ?? -Infinity),
		-Infinity
	);
	if (!Number.isFinite(last) || now - last < 14 * DAY) return null;
	const kept: Comeback['kept'] = [];
	const quickWins: Comeback['quickWins'] = [];
	for (const skill of skills) {
		if (!isLive(skill) || skill.archivedAt !== null) continue;
		const state = states.get(skill.id);
		if (!state) continue;
		if (state.lastPracticedAt === null) continue;
		kept.push({ skill, floor: state.floor, peak: state.peak, level: levelAt(state, now) });
		const n = sessionsToPeak(state, now);
		if (n > 0) quickWins.push({ skill, sessions: n });
	}
	quickWins.sort((a, b) => a.sessions - b.sessions);
	return { daysAway: Math.floor((now - last) / DAY), kept, quickWins: quickWins.slice(0, 3) };
}
