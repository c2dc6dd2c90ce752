import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	OVERTIME_GRACE_MS,
	UNSEEN_GAP_MS,
	elapsedMs,
	endTimerEarly,
	formatClock,
	hideTimer,
	inputTimer,
	overtimeMs,
	pauseTimer,
	remainingMs,
	resumeTimer,
	startTimer,
	showTimer,
	stopTimer,
	summarize,
	tick
} from './timer';

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);
const MIN = 60_000;

describe('countdown', () => {
	it('counts down from the wall clock', () => {
		const t = startTimer(5 * MIN, T0);
		expect(remainingMs(t, T0)).toBe(5 * MIN);
		expect(remainingMs(t, T0 + 90_000)).toBe(3.5 * MIN);
	});

	it('keeps counting while the page is hidden: 3 minutes away leaves 2:00', () => {
		let t = startTimer(5 * MIN, T0);
		t = tick(t, T0 + 1000).timer; // visible, then hidden: no ticks for 3 minutes
		const { timer, justEnded } = tick(t, T0 + 3 * MIN);
		expect(justEnded).toBe(false);
		expect(remainingMs(timer, T0 + 3 * MIN)).toBe(2 * MIN);
		expect(formatClock(remainingMs(timer, T0 + 3 * MIN))).toBe('2:00');
	});

	it('does not count paused time', () => {
		let t = startTimer(5 * MIN, T0);
		t = pauseTimer(t, T0 + MIN);
		expect(remainingMs(t, T0 + 10 * MIN)).toBe(4 * MIN);
		t = resumeTimer(t, T0 + 10 * MIN);
		expect(remainingMs(t, T0 + 11 * MIN)).toBe(3 * MIN);
		t = pauseTimer(t, T0 + 11 * MIN);
		t = resumeTimer(t, T0 + 20 * MIN);
		expect(remainingMs(t, T0 + 22 * MIN)).toBe(MIN);
	});

	it('never gives time back when the clock moves backwards, and never goes negative', () => {
		let t = startTimer(5 * MIN, T0);
		t = tick(t, T0 + 2 * MIN).timer;
		// Clock jumps back an hour.
		t = tick(t, T0 - 60 * MIN).timer;
		expect(remainingMs(t, T0 - 60 * MIN)).toBe(3 * MIN);
		// And counts on from there.
		expect(remainingMs(t, T0 - 59 * MIN)).toBe(2 * MIN);
		expect(remainingMs(t, T0 + 100 * MIN)).toBe(0);
	});

	it('a clock jump forward while running ends the countdown (time really passed)', () => {
		const t = startTimer(5 * MIN, T0);
		const r = tick(t, T0 + 60 * MIN);
		expect(r.justEnded).toBe(true);
		expect(remainingMs(r.timer, T0 + 60 * MIN)).toBe(0);
	});
});

describe('the end', () => {
	it('ends exactly once, however often it is ticked', () => {
		let t = startTimer(10_000, T0);
		let ends = 0;
		for (let at = T0; at <= T0 + 30_000; at += 250) {
			const r = tick(t, at);
			t = r.timer;
			if (r.justEnded) ends++;
		}
		expect(ends).toBe(1);
		expect(t.status).toBe('ended');
	});

	it('records overtime while the writer finishes the sentence', () => {
		let t = startTimer(MIN, T0);
		t = tick(t, T0 + MIN - 100).timer;
		t = tick(t, T0 + MIN + 100).timer;
		expect(t.status).toBe('ended');
		for (let at = T0 + MIN + 1000; at <= T0 + MIN + 20_000; at += 1000) t = inputTimer(t, at);
		expect(overtimeMs(t, T0 + MIN + 20_000)).toBe(20_000);
		expect(summarize(t, T0 + MIN + 20_000)).toEqual({
			activeMs: MIN,
			overtimeMs: 20_000,
			endedEarly: false
		});
	});

	it('does not count the time a closed page sat past its deadline as overtime', () => {
		let t = startTimer(5 * MIN, T0);
		t = tick(t, T0 + 4 * MIN).timer; // last seen at 4:00 elapsed, then the tab was killed
		const reopened = T0 + 30 * MIN;
		const r = tick(t, reopened);
		expect(r.justEnded).toBe(true);
		expect(overtimeMs(r.timer, reopened)).toBe(0);
		// Nothing counts until the writer types again; then it does.
		expect(overtimeMs(r.timer, reopened + 5000)).toBe(0);
		const typing = inputTimer(r.timer, reopened + 5000);
		expect(overtimeMs(inputTimer(typing, reopened + 9000), reopened + 9000)).toBe(4000);
		expect(reopened - (T0 + 5 * MIN)).toBeGreaterThan(UNSEEN_GAP_MS);
	});

	it('ended, then the phone is locked for an hour: the hour is not overtime', () => {
		let t = startTimer(5 * MIN, T0);
		t = tick(t, T0 + 5 * MIN).timer; // the end, seen
		t = inputTimer(t, T0 + 5 * MIN + 10_000); // finishing the sentence
		t = hideTimer(t, T0 + 5 * MIN + 12_000); // locked
		// Hidden pages still tick now and then.
		for (let at = T0 + 6 * MIN; at <= T0 + 65 * MIN; at += MIN) t = tick(t, at).timer;
		t = showTimer(t, T0 + 65 * MIN);
		const s = summarize(stopTimer(t, T0 + 65 * MIN + 1000), T0 + 65 * MIN + 1000);
		expect(s.activeMs).toBe(5 * MIN);
		expect(s.overtimeMs).toBe(12_000);
	});

	it('ended, then the tab is closed for ten minutes: at most the grace counts', () => {
		let t = startTimer(5 * MIN, T0);
		t = tick(t, T0 + 5 * MIN).timer;
		t = inputTimer(t, T0 + 5 * MIN + 3000);
		// Killed: no hide event. Reopened ten minutes later, and saved at once.
		const reopened = T0 + 15 * MIN;
		t = tick(t, reopened).timer;
		expect(summarize(t, reopened).overtimeMs).toBe(3000 + OVERTIME_GRACE_MS);
	});

	it('ended, then idle while visible: overtime stops a grace after the last keystroke', () => {
		let t = startTimer(MIN, T0);
		t = tick(t, T0 + MIN).timer;
		t = inputTimer(t, T0 + MIN + 5000);
		for (let at = T0 + MIN + 10_000; at <= T0 + 61 * MIN; at += 10_000) t = tick(t, at).timer;
		expect(overtimeMs(t, T0 + 61 * MIN)).toBe(5000 + OVERTIME_GRACE_MS);
		// Typing again an hour later starts a new stretch, without the idle hour.
		t = inputTimer(t, T0 + 61 * MIN);
		t = inputTimer(t, T0 + 61 * MIN + 8000);
		expect(overtimeMs(t, T0 + 61 * MIN + 8000)).toBe(5000 + OVERTIME_GRACE_MS + 8000);
	});

	it('a deadline that passes while the page is hidden counts no overtime until the writer is back', () => {
		let t = startTimer(MIN, T0);
		t = hideTimer(t, T0 + 30_000);
		// A hidden page still ticks about once a second: the end is "seen", but nobody looked.
		for (let at = T0 + 31_000; at <= T0 + 10 * MIN; at += 1000) t = tick(t, at).timer;
		expect(t.status).toBe('ended');
		t = showTimer(t, T0 + 10 * MIN);
		expect(overtimeMs(t, T0 + 10 * MIN + 20_000)).toBe(0);
		t = inputTimer(t, T0 + 10 * MIN + 20_000);
		expect(overtimeMs(t, T0 + 10 * MIN + 25_000)).toBe(5000);
	});

	it('hiding before the end does not stop the countdown (a real timer)', () => {
		let t = startTimer(5 * MIN, T0);
		t = hideTimer(t, T0 + MIN);
		t = showTimer(t, T0 + 3 * MIN);
		expect(remainingMs(t, T0 + 3 * MIN)).toBe(2 * MIN);
	});

	it('ending early stops the clock and counts no overtime', () => {
		let t = startTimer(5 * MIN, T0);
		t = endTimerEarly(t, T0 + 2 * MIN);
		expect(t.status).toBe('ended');
		expect(t.endedEarly).toBe(true);
		expect(summarize(t, T0 + 9 * MIN)).toEqual({
			activeMs: 2 * MIN,
			overtimeMs: 0,
			endedEarly: true
		});
		expect(tick(t, T0 + 9 * MIN).justEnded).toBe(false);
	});

	it('stopping freezes overtime, so reflecting afterwards is not counted as writing', () => {
		let t = startTimer(MIN, T0);
		t = tick(t, T0 + MIN).timer;
		t = stopTimer(t, T0 + MIN + 15_000);
		expect(summarize(t, T0 + 10 * MIN)).toEqual({
			activeMs: MIN,
			overtimeMs: 15_000,
			endedEarly: false
		});
	});

	it('stopping a paused or running countdown ends it early at the time written', () => {
		const paused = stopTimer(pauseTimer(startTimer(5 * MIN, T0), T0 + MIN), T0 + 3 * MIN);
		expect(summarize(paused, T0 + 9 * MIN)).toEqual({
			activeMs: MIN,
			overtimeMs: 0,
			endedEarly: true
		});
		const running = stopTimer(startTimer(5 * MIN, T0), T0 + 2 * MIN);
		expect(summarize(running, T0 + 9 * MIN).activeMs).toBe(2 * MIN);
	});

	it('rejects a duration that is not positive', () => {
		expect(() => startTimer(0, T0)).toThrow(RangeError);
		expect(() => startTimer(-5, T0)).toThrow(RangeError);
		expect(() => startTimer(Number.NaN, T0)).toThrow(RangeError);
	});
});

describe('properties', () => {
	// Any sequence of clock readings (forwards, backwards, gaps), pauses and resumes.
	const steps = fc.array(
		fc.record({
			dt: fc.integer({ min: -3_600_000, max: 3_600_000 }),
			op: fc.constantFrom('tick', 'tick', 'tick', 'pause', 'resume', 'input', 'hide', 'show')
		}),
		{ maxLength: 60 }
	);

	it('remaining never goes negative or up, elapsed never goes down, and the end comes once', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1000, max: 3 * 3_600_000 }), steps, (duration, ops) => {
				let t = startTimer(duration, T0);
				let clock = T0;
				let lastRemaining = remainingMs(t, clock);
				let lastElapsed = 0;
				let ends = 0;
				for (const { dt, op } of ops) {
					clock += dt;
					if (op === 'pause') t = pauseTimer(t, clock);
					else if (op === 'resume') t = resumeTimer(t, clock);
					else if (op === 'input') t = inputTimer(t, clock);
					else if (op === 'hide') t = hideTimer(t, clock);
					else if (op === 'show') t = showTimer(t, clock);
					const r = tick(t, clock);
					t = r.timer;
					if (r.justEnded) ends++;
					const remaining = remainingMs(t, clock);
					const elapsed = elapsedMs(t, clock);
					expect(remaining).toBeGreaterThanOrEqual(0);
					expect(remaining).toBeLessThanOrEqual(lastRemaining);
					expect(elapsed).toBeGreaterThanOrEqual(lastElapsed);
					expect(overtimeMs(t, clock)).toBeGreaterThanOrEqual(0);
					lastRemaining = remaining;
					lastElapsed = elapsed;
				}
				expect(ends).toBeLessThanOrEqual(1);
				expect(ends === 1).toBe(t.status === 'ended');
			})
		);
	});

	it('overtime never exceeds the writing after the end plus one grace per stretch', () => {
		// Clock only moving forwards, so "after the end" is well defined.
		const forward = fc.array(
			fc.record({
				dt: fc.integer({ min: 0, max: 600_000 }),
				op: fc.constantFrom('tick', 'input', 'input', 'hide', 'show')
			}),
			{ maxLength: 60 }
		);
		fc.assert(
			fc.property(fc.integer({ min: 1000, max: 600_000 }), forward, (duration, ops) => {
				let t = startTimer(duration, T0);
				let clock = T0;
				let inputsAfterEnd = 0;
				for (const { dt, op } of ops) {
					clock += dt;
					t = tick(t, clock).timer;
					if (op === 'input') {
						if (t.status === 'ended') inputsAfterEnd++;
						t = inputTimer(t, clock);
					} else if (op === 'hide') t = hideTimer(t, clock);
					else if (op === 'show') t = showTimer(t, clock);
				}
				// Each keystroke adds at most the grace, and the end itself one grace.
				expect(overtimeMs(t, clock + 3_600_000)).toBeLessThanOrEqual(
					(inputsAfterEnd + 1) * OVERTIME_GRACE_MS
				);
			})
		);
	});
});

describe('formatClock', () => {
	it.each([
		[300_000, '5:00'],
		[299_001, '5:00'],
		[9_000, '0:09'],
		[0, '0:00'],
		[-5, '0:00'],
		[3_723_000, '1:02:03']
	])('%d ms → %s', (ms, text) => {
		expect(formatClock(ms)).toBe(text);
	});
});
