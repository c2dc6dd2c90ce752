import { describe, expect, it } from 'vitest';
import { chooseMimeType, lengthOf, level, microphoneProblem, timeMarks } from './model';

describe('recording in words and numbers', () => {
	it('asks for Opus where the browser records it, else what it has', () => {
		expect(chooseMimeType(() => true)).toBe('audio/webm;codecs=opus');
		expect(chooseMimeType((t) => t === 'audio/mp4')).toBe('audio/mp4');
		expect(chooseMimeType(() => false)).toBe('');
	});

	it('has one clear message per way the microphone fails', () => {
		const said = (name: string) => microphoneProblem(new DOMException('x', name));
		expect(said('NotAllowedError')).toMatch(/not allowed/);
		expect(said('NotFoundError')).toMatch(/No microphone/);
		expect(said('NotReadableError')).toMatch(/busy/);
		expect(said('NoRecorder')).toMatch(/cannot record/);
		expect(microphoneProblem(new Error('odd'))).toMatch(/could not start \(odd\)/);
		for (const m of [said('NotAllowedError'), said('NotFoundError'), said('NoRecorder')]) {
			expect(m).toMatch(/write instead/);
		}
	});

	it('estimates the length of a cut-short recording from its pieces', () => {
		expect(lengthOf({ durationMs: 12_300, chunks: 13 })).toBe(12_300);
		expect(lengthOf({ durationMs: null, chunks: 4 })).toBe(4_000);
	});

	it('turns samples into a level between 0 and 1', () => {
		expect(level([])).toBe(0);
		expect(level(new Float32Array(256))).toBe(0);
		const quiet = level(Float32Array.from({ length: 256 }, (_, i) => 0.02 * Math.sin(i)));
		const loud = level(Float32Array.from({ length: 256 }, (_, i) => 0.2 * Math.sin(i)));
		expect(quiet).toBeGreaterThan(0);
		expect(loud).toBeGreaterThan(quiet);
		expect(level(Float32Array.from({ length: 256 }, () => 1))).toBe(1);
	});

	it('marks the sprint lengths a recording reaches, and where its countdown ran out', () => {
		expect(timeMarks(9_000)).toEqual([]);
		expect(timeMarks(12_000, 10_000)).toEqual([{ ms: 10_000, timeUp: true }]);
		expect(timeMarks(75_000, 60_000)).toEqual([
			{ ms: 10_000, timeUp: false },
			{ ms: 60_000, timeUp: true }
		]);
		// A five-minute drill spoken for six: every sprint mark, then time up at 5:00.
		expect(timeMarks(360_000, 300_000).map((m) => [m.ms, m.timeUp])).toEqual([
			[10_000, false],
			[60_000, false],
			[120_000, false],
			[300_000, true]
		]);
		// Ended early: the countdown's end is beyond the recording, so no time-up mark.
		expect(timeMarks(40_000, 60_000)).toEqual([{ ms: 10_000, timeUp: false }]);
	});
});
