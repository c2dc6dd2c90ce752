import type { TimerState } from '$lib/db/schema';

/**
 * A countdown computed from the wall clock, never from counted ticks: hidden tabs, a locked
 * phone or a killed page lose no time. Every function is pure and takes `now` (epoch ms).
 *
 * Clock moving backwards (NTP fix, user changing the time): elapsed time never decreases;
 * the countdown resumes from the last moment we saw.
 *
 * Overtime counts only time the writer could have been writing. The countdown itself is a
 * real clock and runs on while the phone is locked; overtime does not. After the end, time
 * counts in stretches of writing: a keystroke keeps the stretch going for `OVERTIME_GRACE_MS`
 * (a pause to think is writing too), hiding the page ends it at once, and a page that was
 * closed or asleep when the deadline passed counts nothing until the writer types again.
 * So a drill that ends and is then left for an hour — visible, hidden or closed — logs at
 * most the grace, never the hour.
 */

/** A gap between observations longer than this means the page was not running. */
export const UNSEEN_GAP_MS = 2_000;

/** After the last keystroke in overtime, this much more time still counts as writing. */
export const OVERTIME_GRACE_MS = 30_000;

export function startTimer(durationMs: number, now: number): TimerState {
	if (!Number.isFinite(durationMs) || durationMs <= 0) {
		throw new RangeError(`A timer needs a positive duration, got ${durationMs}.`);
	}
	return {
		durationMs,
		status: 'running',
		bankedMs: 0,
		segmentStartedAt: now,
		lastSeenAt: now,
		endedAtElapsedMs: null,
		endedEarly: false,
		overtimeUntil: null
	};
}

/** Active time so far, in ms; never less than at the last observation. */
export function elapsedMs(t: TimerState, now: number): number {
	if (t.segmentStartedAt === null) return t.bankedMs;
	const seen = Math.max(now, t.lastSeenAt);
	const until = t.status === 'ended' ? Math.min(seen, overtimeCap(t)) : seen;
	return t.bankedMs + Math.max(0, until - t.segmentStartedAt);
}

/** Where the current overtime stretch stops counting (drafts from before the cap: a grace). */
function overtimeCap(t: TimerState): number {
	if (typeof t.overtimeUntil === 'number') return t.overtimeUntil;
	return (t.segmentStartedAt ?? t.lastSeenAt) + OVERTIME_GRACE_MS;
}

/** Time left on the countdown (0 once ended). */
export function remainingMs(t: TimerState, now: number): number {
	if (t.status === 'ended') return 0;
	return Math.max(0, t.durationMs - elapsedMs(t, now));
}

/** Time written past the end of the countdown (0 when ended early). */
export function overtimeMs(t: TimerState, now: number): number {
	if (t.status !== 'ended' || t.endedEarly || t.endedAtElapsedMs === null) return 0;
	return Math.max(0, elapsedMs(t, now) - t.endedAtElapsedMs);
}

/** The wall-clock deadline of a running timer, or null. */
export function deadline(t: TimerState): number | null {
	if (t.status !== 'running' || t.segmentStartedAt === null) return null;
	return t.segmentStartedAt + (t.durationMs - t.bankedMs);
}

export interface TickResult {
	timer: TimerState;
	/** True exactly once: on the tick that crosses the deadline. */
	justEnded: boolean;
}

/**
 * Observe the clock: rebase if it went backwards, end the countdown if the deadline passed.
 * Call it on every animation tick, on `visibilitychange` and after loading a saved draft.
 */
export function tick(t: TimerState, now: number): TickResult {
	const previousSeen = t.lastSeenAt;
	let timer = observe(t, now);

	if (timer.status !== 'running') return { timer, justEnded: false };
	const due = deadline(timer);
	if (due === null || now < due) return { timer, justEnded: false };

	// The deadline passed. If we were not watching when it did, overtime waits for the next
	// keystroke; if we were, the writer is mid-sentence and gets the grace from the deadline
	// (unless the page was hidden then: its cap is the moment it was hidden).
	const unseen = now - Math.max(previousSeen, due) > UNSEEN_GAP_MS;
	timer = {
		...timer,
		status: 'ended',
		endedAtElapsedMs: timer.durationMs,
		bankedMs: timer.durationMs,
		segmentStartedAt: unseen ? now : due,
		overtimeUntil: unseen ? now : (timer.overtimeUntil ?? due + OVERTIME_GRACE_MS)
	};
	return { timer, justEnded: true };
}

/**
 * The writer typed. In overtime this keeps the stretch counting for the grace, or starts a
 * new stretch when the last one had already stopped (after a pause, a hidden page or a
 * reopened one). Before the end and after `stopTimer` it changes nothing.
 */
export function inputTimer(t: TimerState, now: number): TimerState {
	const timer = observe(t, now);
	if (timer.status !== 'ended' || timer.segmentStartedAt === null) return timer;
	const cap = overtimeCap(timer);
	if (now <= cap) return { ...timer, overtimeUntil: Math.max(cap, now + OVERTIME_GRACE_MS) };
	return {
		...timer,
		bankedMs: elapsedMs(timer, now),
		segmentStartedAt: now,
		overtimeUntil: now + OVERTIME_GRACE_MS
	};
}

/** The page was hidden (phone locked, tab switched, closing): overtime stops counting now. */
export function hideTimer(t: TimerState, now: number): TimerState {
	const timer = observe(t, now);
	if (timer.status === 'ended') {
		if (timer.segmentStartedAt === null) return timer;
		return { ...timer, overtimeUntil: Math.min(overtimeCap(timer), now) };
	}
	return { ...timer, overtimeUntil: now };
}

/** The page is visible again. Before the end the countdown's cap is lifted; after, typing resumes overtime. */
export function showTimer(t: TimerState, now: number): TimerState {
	const timer = observe(t, now);
	if (timer.status === 'ended') return timer;
	return { ...timer, overtimeUntil: null };
}

/** Record a clock reading; if the clock went backwards, bank what we had and go on from here. */
function observe(t: TimerState, now: number): TimerState {
	if (now < t.lastSeenAt && t.segmentStartedAt !== null) {
		const rebased = {
			...t,
			bankedMs: elapsedMs(t, t.lastSeenAt),
			segmentStartedAt: now,
			lastSeenAt: now
		};
		// An overtime stretch ends at the jump; the next keystroke starts another.
		return t.status === 'ended' ? { ...rebased, overtimeUntil: now } : rebased;
	}
	return { ...t, lastSeenAt: now };
}

/**
 * Pause a running countdown. Past the deadline it changes nothing, so the next `tick`
 * still reports the end (an operation never swallows the end signal).
 */
export function pauseTimer(t: TimerState, now: number): TimerState {
	const timer = observe(t, now);
	if (timer.status !== 'running' || elapsedMs(timer, now) >= timer.durationMs) return timer;
	return {
		...timer,
		status: 'paused',
		bankedMs: elapsedMs(timer, now),
		segmentStartedAt: null
	};
}

export function resumeTimer(t: TimerState, now: number): TimerState {
	if (t.status !== 'paused') return t;
	return { ...t, status: 'running', segmentStartedAt: now, lastSeenAt: now };
}

/** Stop before the deadline. No overtime is counted afterwards. Past the deadline: as pause. */
export function endTimerEarly(t: TimerState, now: number): TimerState {
	const timer = observe(t, now);
	const elapsed = elapsedMs(timer, now);
	if (timer.status === 'ended' || elapsed >= timer.durationMs) return timer;
	return {
		...timer,
		status: 'ended',
		endedEarly: true,
		endedAtElapsedMs: elapsed,
		bankedMs: elapsed,
		segmentStartedAt: null
	};
}

/**
 * Stop for good when the writer is done: ends a running countdown early, or freezes the
 * overtime of an ended one, so time spent on the reflection is not counted as writing.
 */
export function stopTimer(t: TimerState, now: number): TimerState {
	const { timer } = tick(t, now);
	if (timer.status !== 'ended') return endTimerEarly(timer, now);
	return { ...timer, bankedMs: elapsedMs(timer, now), segmentStartedAt: null };
}

export interface TimerSummary {
	/** Writing time within the countdown. */
	activeMs: number;
	overtimeMs: number;
	endedEarly: boolean;
}

/** Final figures when the writer is done (freezes overtime at `now`). */
export function summarize(t: TimerState, now: number): TimerSummary {
	const { timer } = tick(t, now);
	const elapsed = elapsedMs(timer, now);
	return {
		activeMs: Math.min(elapsed, timer.endedAtElapsedMs ?? timer.durationMs),
		overtimeMs: overtimeMs(timer, now),
		endedEarly: timer.endedEarly
	};
}

/** "4:59", "0:09", "1:02:03" — for the big display. Rounds up so 0:00 means done. */
export function formatClock(ms: number): string {
	const total = Math.max(0, Math.ceil(ms / 1000));
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const ss = String(s).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
