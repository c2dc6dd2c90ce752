import {
	fsrs,
	GenSeedStrategyWithCardId,
	Rating,
	StrategyMode,
	type Card,
	type Grade
} from 'ts-fsrs';
import type { RevisitRecord } from '$lib/db/schema';
import { DAY } from '$lib/time/units';
import { emptyRevisit, NOT_NOW_DAYS, type RevisitResponse } from './model';

/**
 * When a passage comes back, by `ts-fsrs` (the FSRS scheduler Anki uses): loaded only when a
 * Revisit response is saved. Days, not minutes (no learning steps); intervals fuzzed, which
 * spreads passages answered together over nearby days instead of bringing them back as one
 * pile; at most ten years out. Pure: time is an argument.
 */
const scheduler = fsrs({
	request_retention: 0.9,
	maximum_interval: 3650,
	enable_fuzz: true,
	enable_short_term: false
	// The fuzz is seeded by the passage (and how often it came back), not only by the time:
	// passages answered in one sitting land on different days.
}).useStrategy(StrategyMode.SEED, GenSeedStrategyWithCardId('passage_id'));

/**
 * How each response grades the passage: "still rings true" (or a line written about it) is a
 * good recall and the gap grows; "changed my mind" is a hard one, so it comes back sooner;
 * "not useful now" is easy and, whatever FSRS says, not before NOT_NOW_DAYS.
 */
const GRADES: Record<RevisitResponse, Grade> = {
	true: Rating.Good,
	answered: Rating.Good,
	changed: Rating.Hard,
	'not-now': Rating.Easy
};

function cardOf(passageId: string, state: RevisitRecord, now: number): Card {
	return {
		passage_id: passageId,
		due: new Date(state.due ?? now),
		stability: state.stability,
		difficulty: state.difficulty,
		elapsed_days: 0,
		scheduled_days: 0,
		learning_steps: 0,
		reps: state.reps,
		lapses: state.lapses,
		state: state.state,
		...(state.last !== null ? { last_review: new Date(state.last) } : {})
	} as Card;
}

/** The passage's schedule after `response` at `now` (a first response starts one). */
export function nextVisit(
	passageId: string,
	state: RevisitRecord | undefined,
	response: RevisitResponse,
	now: number
): RevisitRecord {
	const before = state ?? emptyRevisit();
	const { card } = scheduler.next(cardOf(passageId, before, now), new Date(now), GRADES[response]);
	let due = card.due.getTime();
	if (response === 'not-now') due = Math.max(due, now + NOT_NOW_DAYS * DAY);
	return {
		due,
		last: now,
		stability: card.stability,
		difficulty: card.difficulty,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		excluded: before.excluded,
		response
	};
}
