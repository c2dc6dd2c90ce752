import { DAY } from '$lib/time/units';
/**
 * The skill model: use it or lose it.
 *
 * A skill has a `level` (0–100) reached right after its latest practice, a `stability` S
 * (days) saying how slowly that level rusts, a `peak` and a `floor`. Between practices the
 * effective level decays toward the floor along FSRS's power forgetting curve:
 *
 *     effective(t) = floor + (level − floor) · R(t, S)
 *     R(t, S)      = (1 + F · t / S)^(−d),   F = 0.9^(−1/d) − 1,  so R(S, S) = 0.9
 *
 * the formula of `ts-fsrs`'s `forgetting_curve`, which the test suite uses as the reference
 * (R agrees to 7 decimals). We evaluate it here rather than call ts-fsrs at run time: that
 * function re-derives F and rounds R to 8 decimals on every call (slow over 365,000 events,
 * and a stepwise curve for `forecast`), and the library would add 3 KB to the home page for
 * one line of arithmetic. We use the FSRS-4.5/5 decay d = 0.5
 * (F = 19/81): its power-law tail (Wickelgren; Wixted & Ebbesen 1991) loses little in the
 * first weeks and keeps losing slowly for months, which is the shape of skill decay in
 * Arthur et al. (1998). FSRS-6's d = 0.1542 front-loads the loss (≈20% of gains gone in two
 * weeks for a skill that halves in ten months), which does not match skills.
 *
 * Practice does two things:
 * 1. Level: a gain of `fraction · (100 − effective)` — diminishing returns as the level rises
 *    (as Habitica's 0.9747^value and the power law of practice T = B·N^(−α)). The fraction
 *    grows with minutes (square root: the 30th minute teaches less than the 1st), with the
 *    rating, shrinks for consecutive repeats of the same prompt (×0.75 each), is halved for
 *    a session within hours of the previous one, and is tripled while below the old peak
 *    ("savings": relearning is faster than learning).
 * 2. Stability: updated as FSRS updates memory stability after a successful review,
 *        S' = S · (1 + a · m(rating) · S^(−b) · (e^(c·(1 − R)) − 1)),
 *    so a practice after some forgetting (low R) strengthens more (spacing effect), same-day
 *    repeats (R ≈ 1) add almost nothing, and high stability grows more slowly. A long break
 *    followed by practice (low R) yields a large jump: relearning sticks.
 *
 * The floor is a fraction of the peak: you lose your edge, not your general knowledge.
 *
 * Calibration (see model.spec.ts): a skill practised weekly for two months and then left
 * alone keeps half its gains above the floor for about ten months — inside the 6.5–13 month
 * half-lives of Tatel & Ackerman's meta-analysis (Psychological Bulletin,
 * doi:10.1037/bul0000481) — and loses under 10% of them in the first two weeks.
 * This composition is ours, not a published model; the constants below are tuned to those
 * anchors, and every one is a parameter.
 */

export interface PracticeEvent {
	/** Epoch ms. */
	at: number;
	/** Minutes of practice, > 0 and at most 24 h. */
	minutes: number;
	/** How it went: 1 struggled … 4 easy. */
	rating: 1 | 2 | 3 | 4;
	/** Same key = the same exercise repeated (null or absent: not a repeat of anything). */
	promptKey?: string | null;
}

export interface SkillState {
	/** 0..100, the level right after the last event. */
	level: number;
	/** Highest effective level ever reached. */
	peak: number;
	/** Level below which disuse never takes it (> 0 once practised). */
	floor: number;
	/** Days; how slowly it rusts (R = 0.9 after this many days). */
	stability: number;
	lastPracticedAt: number | null;
	/** Practice sessions counted. */
	sessions: number;
}

export interface ModelParams {
	/** FSRS decay exponent d. */
	decay: number;
	/** Stability after a first practice rated 3, in days. */
	initialStability: number;
	/** FSRS-style stability growth: a, b (S^−b), c (e^{c(1−R)}). */
	stabilityGrowth: number;
	stabilityDamping: number;
	spacingEffect: number;
	maxStability: number;
	/** Stability multipliers by rating 1..4 (FSRS's hard penalty and easy bonus). */
	ratingStability: readonly [number, number, number, number];
	/** Level gain fraction of the remaining headroom for a standard session. */
	gainRate: number;
	/** Gain multipliers by rating 1..4. */
	ratingGain: readonly [number, number, number, number];
	/** Minutes of a standard session; gain scales with (minutes / this)^minutesExponent. */
	standardMinutes: number;
	minutesExponent: number;
	maxMinutesFactor: number;
	/** Gain multiplier per consecutive repeat of the same prompt. */
	repeatFactor: number;
	/** Gain multiplier for a session right after the previous one (ramps to 1 over a day). */
	crammedGain: number;
	/** Gain multiplier while below the old peak. */
	savings: number;
	/** The floor as a fraction of the peak. */
	floorFraction: number;
}

export const DEFAULT_PARAMS: ModelParams = {
	decay: 0.5,
	initialStability: 3,
	stabilityGrowth: 4.5,
	stabilityDamping: 0.35,
	spacingEffect: 1.6,
	maxStability: 3650,
	ratingStability: [0.5, 0.8, 1, 1.3],
	gainRate: 0.09,
	ratingGain: [0.6, 0.85, 1, 1.1],
	standardMinutes: 5,
	minutesExponent: 0.5,
	maxMinutesFactor: 3,
	repeatFactor: 0.75,
	crammedGain: 0.5,
	savings: 3,
	floorFraction: 0.3
};

export const MAX_MINUTES = 24 * 60;

/** The state of a skill never practised. */
export const EMPTY_STATE: SkillState = Object.freeze({
	level: 0,
	peak: 0,
	floor: 0,
	stability: 0,
	lastPracticedAt: null,
	sessions: 0
});

/** Parameters with the derived FSRS factor F, computed once per parameter object. */
interface Compiled extends ModelParams {
	factor: number;
}

function compileParams(params: ModelParams): Compiled {
	// F = 0.9^(−1/d) − 1, so that R(S, S) = 0.9 (FSRS).
	return { ...params, factor: Math.pow(0.9, -1 / params.decay) - 1 };
}

const DEFAULT_COMPILED = compileParams(DEFAULT_PARAMS);
const compiledCache = new WeakMap<object, Compiled>();

function withDefaults(params?: Partial<ModelParams>): Compiled {
	if (!params || params === DEFAULT_PARAMS || params === DEFAULT_COMPILED) return DEFAULT_COMPILED;
	if ('factor' in params) return params as Compiled;
	let compiled = compiledCache.get(params);
	if (!compiled) {
		compiled = compileParams({ ...DEFAULT_PARAMS, ...params });
		compiledCache.set(params, compiled);
	}
	return compiled;
}

/** Whether the model can use an event (the non-throwing form of `checkEvent`). */
export function isUsableEvent(e: PracticeEvent): boolean {
	return (
		Number.isFinite(e.at) &&
		Number.isFinite(e.minutes) &&
		e.minutes > 0 &&
		e.minutes <= MAX_MINUTES &&
		(e.rating === 1 || e.rating === 2 || e.rating === 3 || e.rating === 4)
	);
}

/** Throws a clear error for an event the model cannot use (never returns NaN). */
export function checkEvent(e: PracticeEvent): void {
	if (!Number.isFinite(e.at)) throw new RangeError('A practice needs a valid date.');
	if (!Number.isFinite(e.minutes) || e.minutes <= 0)
		throw new RangeError(`Minutes must be more than 0 (got ${e.minutes}).`);
	if (e.minutes > MAX_MINUTES)
		throw new RangeError(`A single practice can last at most 24 hours (got ${e.minutes} minutes).`);
	if (!(e.rating === 1 || e.rating === 2 || e.rating === 3 || e.rating === 4))
		throw new RangeError(`The rating must be 1, 2, 3 or 4 (got ${e.rating}).`);
}

/** Fraction of the gains above the floor still held after `days` at stability `stability`. */
export function retention(days: number, stability: number, params?: Partial<ModelParams>): number {
	if (stability <= 0) return 1;
	const p = withDefaults(params);
	return Math.pow(1 + (p.factor * Math.max(0, days)) / stability, -p.decay);
}

/** Effective level at time `at` if nothing is practised after the state's last event. */
export function levelAt(state: SkillState, at: number, params?: Partial<ModelParams>): number {
	if (state.lastPracticedAt === null) return state.level;
	const days = Math.max(0, (at - state.lastPracticedAt) / DAY);
	return state.floor + (state.level - state.floor) * retention(days, state.stability, params);
}

/** Order events totally, so replay gives one answer whatever order they arrive in. */
function compareEvents(a: PracticeEvent, b: PracticeEvent): number {
	return (
		a.at - b.at ||
		a.minutes - b.minutes ||
		a.rating - b.rating ||
		(a.promptKey ?? '').localeCompare(b.promptKey ?? '')
	);
}

/**
 * The state after one more practice at or after the last one. `repeats` counts the events
 * just before it with the same prompt key.
 */
export function practise(
	state: SkillState,
	event: PracticeEvent,
	repeats: number,
	params?: Partial<ModelParams>
): SkillState {
	checkEvent(event);
	const p = withDefaults(params);
	const r = event.rating - 1;
	const effective = levelAt(state, event.at, p);
	const gapDays =
		state.lastPracticedAt === null
			? Infinity
			: Math.max(0, (event.at - state.lastPracticedAt) / DAY);

	let stability: number;
	if (state.lastPracticedAt === null) {
		stability = p.initialStability * p.ratingStability[r];
	} else {
		const R = retention(gapDays, state.stability, p);
		const growth =
			p.stabilityGrowth *
			p.ratingStability[r] *
			Math.pow(state.stability, -p.stabilityDamping) *
			(Math.exp(p.spacingEffect * (1 - R)) - 1);
		// What is still held has already aged: on a power curve, the rest of the old curve from
		// here is itself a fresh curve with stability S + F·gap. A practice never makes the
		// skill forget faster than that, so practising can never lower a later level.
		const aged = state.stability + p.factor * gapDays;
		stability = Math.min(p.maxStability, Math.max(aged, state.stability * (1 + growth)));
	}

	const minutesFactor = Math.min(
		p.maxMinutesFactor,
		Math.pow(event.minutes / p.standardMinutes, p.minutesExponent)
	);
	const spacing = p.crammedGain + (1 - p.crammedGain) * Math.min(1, gapDays);
	const base =
		p.gainRate * minutesFactor * p.ratingGain[r] * Math.pow(p.repeatFactor, repeats) * spacing;
	const normal = Math.min(0.9, base);
	let level = effective + normal * (100 - effective);
	if (effective < state.peak) {
		// Relearning: faster up to the old peak, normal speed beyond it.
		const fast = effective + Math.min(0.9, base * p.savings) * (100 - effective);
		level = Math.max(level, Math.min(fast, state.peak));
	}
	level = Math.min(100, level);
	const peak = Math.max(state.peak, level);
	return {
		level,
		peak,
		floor: Math.max(state.floor, p.floorFraction * peak),
		stability,
		lastPracticedAt: Math.max(state.lastPracticedAt ?? -Infinity, event.at),
		sessions: state.sessions + 1
	};
}

/**
 * `events` in time order, each checked. Stored events usually arrive sorted (read through the
 * `by-skill-at` index): then the same array is returned without copying or sorting.
 */
export function sortEvents<E extends PracticeEvent>(events: readonly E[]): readonly E[] {
	let sorted = true;
	for (let i = 0; i < events.length; i++) {
		checkEvent(events[i]);
		if (i > 0 && compareEvents(events[i - 1], events[i]) > 0) sorted = false;
	}
	return sorted ? events : [...events].sort(compareEvents);
}

/**
 * Fold practice events into a state. Events may come in any order; the result is the same.
 * Visits every event once after an O(n log n) sort. `onStep` sees the state after each event.
 */
export function replay(
	events: readonly PracticeEvent[],
	params?: Partial<ModelParams>,
	onStep?: (state: SkillState, event: PracticeEvent) => void
): SkillState {
	return foldEvents(EMPTY_FOLD, sortEvents(events), params, onStep).state;
}

/**
 * A replay paused after some events: the state plus what the next event needs to know
 * (the previous prompt key and how many times in a row it repeated). Stored as a
 * checkpoint, it lets a long history be folded once and resumed with only the newer events.
 */
export interface Fold {
	state: SkillState;
	prevKey: string | null;
	repeats: number;
}

export const EMPTY_FOLD: Fold = Object.freeze({ state: EMPTY_STATE, prevKey: null, repeats: 0 });

/** Continue `fold` with `sorted` events (in time order, all after the fold's last event). */
export function foldEvents(
	fold: Fold,
	sorted: readonly PracticeEvent[],
	params?: Partial<ModelParams>,
	onStep?: (state: SkillState, event: PracticeEvent) => void
): Fold {
	const p = withDefaults(params);
	let { state, prevKey, repeats } = fold;
	for (const e of sorted) {
		const key = e.promptKey || null;
		repeats = key !== null && key === prevKey ? repeats + 1 : 0;
		state = practise(state, e, repeats, p);
		onStep?.(state, e);
		prevKey = key;
	}
	return { state, prevKey, repeats };
}

/** Days after the last practice at which retention falls to `q` (0 < q < 1). */
function daysUntilRetention(q: number, stability: number, p: Compiled): number {
	return (stability / p.factor) * (Math.pow(q, -1 / p.decay) - 1);
}

/**
 * The first time ≥ `from` at which the effective level is below `threshold` if the skill is
 * left alone, or null if it never will be (the threshold is at or below the floor).
 */
export function forecast(
	state: SkillState,
	from: number,
	threshold: number,
	params?: Partial<ModelParams>
): number | null {
	const p = withDefaults(params);
	if (levelAt(state, from, p) < threshold) return from;
	if (state.lastPracticedAt === null || threshold <= state.floor) return null;
	const q = (threshold - state.floor) / (state.level - state.floor);
	if (!(q > 0)) return null;
	if (q >= 1) return Math.max(from, state.lastPracticedAt + 1);
	let at = Math.max(
		from,
		state.lastPracticedAt + Math.ceil(daysUntilRetention(q, state.stability, p) * DAY) + 1
	);
	// Floating point can put the exact inverse a hair early: step on until truly below.
	if (levelAt(state, at, p) >= threshold) {
		let step = 1000;
		while (levelAt(state, at + step, p) >= threshold && step < 1000 * 365 * DAY) step *= 2;
		let lo = at;
		let hi = at + step;
		while (hi - lo > 1) {
			const mid = Math.floor((lo + hi) / 2);
			if (levelAt(state, mid, p) < threshold) hi = mid;
			else lo = mid;
		}
		at = hi;
	}
	return at;
}

/** Days for the gains above the floor to halve without practice. */
export function halfLifeDays(state: SkillState, params?: Partial<ModelParams>): number {
	return daysUntilRetention(0.5, state.stability, withDefaults(params));
}

/** A standard session: 5 minutes, rated "good", a new prompt. */
export const STANDARD_SESSION = { minutes: 5, rating: 3 } as const;

/**
 * How many standard daily sessions from `at` bring the skill back to its peak
 * (0 when already there; capped at `max`).
 */
export function sessionsToPeak(
	state: SkillState,
	at: number,
	params?: Partial<ModelParams>,
	max = 50
): number {
	const p = withDefaults(params);
	let s = state;
	let t = at;
	for (let n = 0; n <= max; n++) {
		if (levelAt(s, t, p) >= state.peak - 0.5) return n;
		s = practise(s, { at: t, ...STANDARD_SESSION }, 0, p);
		t += DAY;
	}
	return max;
}

/** What one standard session now would add. */
export function nextGain(state: SkillState, at: number, params?: Partial<ModelParams>): number {
	const before = levelAt(state, at, params);
	return practise(state, { at, ...STANDARD_SESSION }, 0, params).level - before;
}

export type Trend = 'new' | 'growing' | 'holding' | 'rusting';

/**
 * Growing: practised in the last week. Rusting: holds less than 85% of its gains above the
 * floor. Holding: anything else that has been practised.
 */
export function trend(state: SkillState, at: number, params?: Partial<ModelParams>): Trend {
	if (state.lastPracticedAt === null) return 'new';
	const days = (at - state.lastPracticedAt) / DAY;
	if (days <= 7) return 'growing';
	return retention(days, state.stability, params) < 0.85 ? 'rusting' : 'holding';
}

/** The default line a skill should stay above: three quarters of the way from floor to peak. */
export function defaultLine(state: SkillState): number {
	return state.floor + 0.75 * (state.peak - state.floor);
}

/** What the skill page says about a skill's value now: the numbers; `words.ts` words them. */
export type Explanation =
	| { practised: false }
	| {
			practised: true;
			/** Days since the last practice (0 or more). */
			daysAgo: number;
			sessions: number;
			/** The level right after the last practice. */
			levelAfter: number;
			/** The share of gains above the floor still held (0–1). */
			held: number;
			now: number;
			/** Days after the last practice at which half the gains are gone. */
			halfLifeDays: number;
			floor: number;
			peak: number;
			/** Five-minute sessions back to the peak; null when at it. */
			sessionsToPeak: number | null;
			/** What a five-minute drill now would add. */
			nextGain: number;
	  };

/** The numbers behind a skill's current value, for the skill page. */
export function explanation(
	state: SkillState,
	at: number,
	params?: Partial<ModelParams>
): Explanation {
	const p = withDefaults(params);
	if (state.lastPracticedAt === null) return { practised: false };
	const daysAgo = Math.max(0, (at - state.lastPracticedAt) / DAY);
	const now = levelAt(state, at, p);
	return {
		practised: true,
		daysAgo,
		sessions: state.sessions,
		levelAfter: state.level,
		held: retention(daysAgo, state.stability, p),
		now,
		halfLifeDays: halfLifeDays(state, p),
		floor: state.floor,
		peak: state.peak,
		sessionsToPeak: now < state.peak - 0.5 ? sessionsToPeak(state, at, p) : null,
		nextGain: Math.max(0, nextGain(state, at, p))
	};
}

/**
 * Effective level at each time in `times` (ascending), replaying `events` once: O(n + m).
 * For charts; points before the first event are 0.
 */
export function levelSeries(
	events: readonly PracticeEvent[],
	times: readonly number[],
	params?: Partial<ModelParams>
): number[] {
	return seriesFrom(EMPTY_FOLD, sortEvents(events), times, params);
}

/** `levelSeries` resumed from a fold: `sorted` holds only the events after it, in order. */
export function seriesFrom(
	fold: Fold,
	sorted: readonly PracticeEvent[],
	times: readonly number[],
	params?: Partial<ModelParams>
): number[] {
	const p = withDefaults(params);
	const out: number[] = [];
	let at = fold;
	let i = 0;
	for (const t of times) {
		let j = i;
		while (j < sorted.length && sorted[j].at <= t) j++;
		if (j > i) at = foldEvents(at, sorted.slice(i, j), p);
		i = j;
		out.push(levelAt(at.state, t, p));
	}
	return out;
}
