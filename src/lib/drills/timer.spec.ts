import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	UNSEEN_GAP_MS,
	elapsedMs,
	endTimerEarly,
	formatClock,
	overtimeMs,
	pauseTimer,
	remainingMs,
	resumeTimer,
	startTimer,
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
		expect(overtimeMs(r.timer, reopened + 5000)).toBe(5000);
		expect(reopened - (T0 + 5 * MIN)).toBeGreaterThan(UNSEEN_GAP_MS);
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
			op: fc.constantFrom('tick', 'tick', 'tick', 'pause', 'resume')
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
