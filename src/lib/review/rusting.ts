import { isLive } from '$lib/db/record';
import { DAY } from '$lib/time/units';
import type { PracticeEventRecord, SkillRecord } from '$lib/db/schema';
import { eventsBySkill, lineFor, toPracticeEvents, type SkillHistory } from '$lib/skills/log';
import {
	STANDARD_SESSION,
	foldEvents,
	forecast,
	practise,
	replay,
	type SkillState
} from '$lib/skills/model';

// Apart from the rest of the review so the home screen can load it without the reading code.

export interface Rusting {
	skill: SkillRecord;
	line: number;
	/** When it drops below its line if left alone — or, when `below`, when it already did. */
	at: number;
	/** Already under its line now (it crossed at `at`); `sessions` then climb back above. */
	below: boolean;
	/** Standard 5-minute sessions needed now to keep it above the line past the horizon. */
	sessions: number;
}

/** How many standard sessions from `now` keep the skill above `line` until `until` (max 5). */
export function sessionsToHold(
	state: SkillState,
	line: number,
	now: number,
	until: number
): number {
	let s = state;
	for (let n = 1; n <= 5; n++) {
		s = practise(s, { at: now + (n - 1) * DAY, ...STANDARD_SESSION }, 0);
		const next = forecast(s, now, line);
		if (next === null || next > until) return n;
	}
	return 5;
}

/**
 * Skills that drop below their line within `horizonDays` if left alone — exactly those whose
 * model `forecast` falls inside the horizon — soonest first.
 */
export function rustingSoon(
	skills: readonly SkillRecord[],
	events: readonly PracticeEventRecord[],
	now: number,
	horizonDays = 30,
	/** Each skill's split history (e.g. from checkpoints); `events` is not read then. */
	histories?: ReadonlyMap<string, SkillHistory>
): Rusting[] {
	const horizon = now + horizonDays * DAY;
	const out: Rusting[] = [];
	const grouped = histories ? null : eventsBySkill(events);
	for (const skill of skills) {
		if (!isLive(skill) || skill.archivedAt !== null) continue;
		const h = histories?.get(skill.id);
		const state = h
			? foldEvents(h.fold, h.recent).state
			: replay(toPracticeEvents(grouped?.get(skill.id) ?? []));
		if (state.lastPracticedAt === null) continue;
		const line = lineFor(skill, state);
		const at = forecast(state, now, line);
		if (at === null || at > horizon) continue;
		// `forecast` answers "now" for a skill already under its line: say when it crossed.
		const below = at <= now;
		const crossed = below ? (forecast(state, state.lastPracticedAt, line) ?? now) : at;
		out.push({
			skill,
			line,
			at: crossed,
			below,
			sessions: sessionsToHold(state, line, now, horizon)
		});
	}
	return out.sort((a, b) => a.at - b.at);
}
