import { DAY } from '$lib/time/units';
import { tooLong } from '$lib/db/limits';
import type { PracticeEventRecord, Rating, SkillRecord } from '$lib/db/schema';
import {
	EMPTY_FOLD,
	MAX_MINUTES,
	foldEvents,
	sortEvents,
	type Fold,
	defaultLine,
	forecast,
	isUsableEvent,
	levelAt,
	levelSeries,
	replay,
	seriesFrom,
	trend,
	type PracticeEvent,
	type SkillState
} from './model';

/** A clock more than this far ahead of the device still counts as "now" (typing takes time). */
const FUTURE_SLACK_MS = 5 * 60_000;

export interface PracticeInput {
	at: number;
	minutes: number;
	rating: number;
	note?: string;
}

/** Null when a logged practice can be saved, else the message for the user. */
export function practiceProblem(input: PracticeInput, now: number): string | null {
	if (!Number.isFinite(input.at)) return 'Pick the date and time of the practice.';
	if (input.at > now + FUTURE_SLACK_MS)
		return 'That date is in the future; log practice once it is done.';
	if (!Number.isFinite(input.minutes)) return 'Type how many minutes it took.';
	if (input.minutes <= 0) return 'Minutes must be more than 0.';
	if (input.minutes > MAX_MINUTES) return 'One practice can last at most 24 hours (1,440 minutes).';
	if (![1, 2, 3, 4].includes(input.rating)) return 'Choose how it went (1 to 4).';
	return input.note === undefined ? null : tooLong('note', input.note, 'The note');
}

/**
 * The model's view of stored events: tombstones skipped, and so is any record the model
 * would refuse (only damaged data can hold one; inputs are validated), so one bad record
 * cannot take a whole page down. The record itself stays stored. Each record is read once
 * into a small fresh object: records that come out of IndexedDB (structured clones) are
 * slow to read field by field, and the model reads every field several times.
 */
export function toPracticeEvents(events: readonly PracticeEventRecord[]): PracticeEvent[] {
	const out: PracticeEvent[] = [];
	for (const e of events) {
		if (e.deletedAt !== null) continue;
		const p: PracticeEvent = {
			at: e.at,
			minutes: e.minutes,
			rating: e.rating as Rating,
			promptKey: e.promptKey ?? undefined
		};
		if (isUsableEvent(p)) out.push(p);
	}
	return out;
}

/**
 * A skill's history split at some moment: the replay up to it (`fold`) and the events after
 * it, in time order (`recent`, with their stored `records` for minutes and dates).
 */
export interface SkillHistory {
	fold: Fold;
	recent: readonly PracticeEvent[];
	records: readonly PracticeEventRecord[];
}

/** Split every skill's events at `through` (pure: for tests and small data sets). */
export function historiesFromEvents(
	events: readonly PracticeEventRecord[],
	through: number
): Map<string, SkillHistory> {
	const out = new Map<string, SkillHistory>();
	for (const [skillId, list] of eventsBySkill(events)) {
		const old = list.filter((e) => e.at <= through);
		const records = list.filter((e) => e.at > through);
		out.set(skillId, {
			fold: foldEvents(EMPTY_FOLD, sortEvents(toPracticeEvents(old))),
			recent: [...sortEvents(toPracticeEvents(records))],
			records
		});
	}
	return out;
}

/** A skill's one status, consistent with its forecast (never "Growing" beside "rusting by…"). */
export type SkillStatus = 'new' | 'below' | 'rusting' | 'growing' | 'holding';

/** Within this many days of dropping below its line, a skill is rusting whatever else. */
export const RUSTING_WITHIN_DAYS = 14;

/**
 * The status for the skills list: below its line now; growing when practised this week (its
 * forecast then reads as the next practice that keeps it up); rusting when it drops below
 * within two weeks if left alone; otherwise holding.
 */
export function skillStatus(
	state: SkillState,
	now: number,
	belowLineAt: number | null
): SkillStatus {
	if (state.lastPracticedAt === null) return 'new';
	if (belowLineAt !== null && belowLineAt <= now) return 'below';
	if (trend(state, now) === 'growing') return 'growing';
	if (belowLineAt !== null && belowLineAt - now <= RUSTING_WITHIN_DAYS * DAY) return 'rusting';
	return 'holding';
}

export interface SkillSummary {
	skill: SkillRecord;
	state: SkillState;
	level: number;
	status: SkillStatus;
	line: number;
	/** When it drops below its line if left alone; null if never. */
	belowLineAt: number | null;
	/** Weekly levels over the last 12 weeks, oldest first, ending now. */
	weekly: number[];
}

/** The line a skill should stay above: the user's own, or three quarters of the way to its peak. */
export function lineFor(skill: Pick<SkillRecord, 'line'>, state: SkillState): number {
	return skill.line ?? defaultLine(state);
}

/** Everything the skills list shows for one skill at time `now`, from all its events. */
export function summarize(
	skill: SkillRecord,
	events: readonly PracticeEventRecord[],
	now: number
): SkillSummary {
	const weeks = Array.from({ length: 13 }, (_, i) => now - (12 - i) * 7 * DAY);
	const history = {
		fold: EMPTY_FOLD,
		recent: sortEvents(toPracticeEvents(events)),
		records: events
	};
	return summarizeHistory(skill, history, now, weeks);
}

/**
 * `summarize` from a history split earlier (a checkpoint: ten years are not replayed on
 * every visit). `times` are the sparkline's moments, oldest first, none before the split.
 */
export function summarizeHistory(
	skill: SkillRecord,
	history: SkillHistory,
	now: number,
	times: readonly number[]
): SkillSummary {
	const state = foldEvents(history.fold, history.recent).state;
	const line = lineFor(skill, state);
	const belowLineAt = state.lastPracticedAt === null ? null : forecast(state, now, line);
	return {
		skill,
		state,
		level: levelAt(state, now),
		status: skillStatus(state, now, belowLineAt),
		line,
		belowLineAt,
		weekly: seriesFrom(history.fold, history.recent, times)
	};
}

/**
 * Most at risk first: the soonest to drop below its line, then the rest by level
 * (lowest first), never-practised skills last.
 */
export function byRisk(a: SkillSummary, b: SkillSummary): number {
	const rank = (s: SkillSummary) =>
		s.state.lastPracticedAt === null ? 2 : s.belowLineAt === null ? 1 : 0;
	return (
		rank(a) - rank(b) ||
		(a.belowLineAt ?? 0) - (b.belowLineAt ?? 0) ||
		a.level - b.level ||
		a.skill.name.localeCompare(b.skill.name)
	);
}

/** Group events by skill id (one pass). */
export function eventsBySkill(
	events: readonly PracticeEventRecord[]
): Map<string, PracticeEventRecord[]> {
	const map = new Map<string, PracticeEventRecord[]>();
	for (const e of events) {
		if (e.deletedAt !== null) continue;
		const list = map.get(e.skillId);
		if (list) list.push(e);
		else map.set(e.skillId, [e]);
	}
	return map;
}

/**
 * What one practice did to its skill: the level just before it and just after it (a
 * moment either side, so only this practice lies between), from the skill's events.
 */
export function levelChange(
	events: readonly PracticeEventRecord[],
	event: Pick<PracticeEventRecord, 'at'>
): { before: number; after: number } {
	const [before, after] = levelSeries(toPracticeEvents(events), [event.at - 1, event.at + 1]);
	return { before, after };
}

/**
 * The latest practice won back lost ground: the skill had fallen at least 3 below its peak
 * and this one session recovered at least half of the loss. Null otherwise. (Relearning is
 * faster than learning; this is the moment to say so.)
 */
export function comeback(
	events: readonly PracticeEventRecord[]
): { before: number; after: number; peak: number } | null {
	const live = events.filter((e) => e.deletedAt === null);
	if (live.length < 2) return null;
	const last = live.reduce((a, b) => (b.at > a.at ? b : a));
	const earlier = live.filter((e) => e !== last);
	const peak = replay(toPracticeEvents(earlier)).peak;
	const { before, after } = levelChange(live, last);
	const lost = peak - before;
	if (lost < 3 || after - before < lost / 2) return null;
	return { before, after, peak };
}
