import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { talkStats } from './analysis';

const RATE = 8000;

/** A recording made of parts: `['talk', ms]` is a tone, `['quiet', ms]` faint noise. */
function recording(parts: ['talk' | 'quiet', number][]): Float32Array {
	const out: number[] = [];
	let phase = 0;
	for (const [kind, ms] of parts) {
		const n = Math.round((ms / 1000) * RATE);
		for (let i = 0; i < n; i++, phase++) {
			out.push(
				kind === 'talk'
					? 0.3 * Math.sin((2 * Math.PI * 220 * phase) / RATE)
					: 0.002 * Math.sin(phase * 12.9898)
			);
		}
	}
	return Float32Array.from(out);
}

describe('talk and silence', () => {
	it('measures talk, silence and the longest pause', () => {
		const stats = talkStats(
			recording([
				['talk', 2000],
				['quiet', 1500],
				['talk', 1000],
				['quiet', 700],
				['talk', 800]
			]),
			RATE
		);
		expect(stats.totalMs).toBe(6000);
		expect(stats.longestPauseMs).toBeGreaterThanOrEqual(1400);
		expect(stats.longestPauseMs).toBeLessThanOrEqual(1600);
		expect(stats.silenceMs).toBeGreaterThanOrEqual(2050);
		expect(stats.silenceMs).toBeLessThanOrEqual(2350);
		expect(stats.talkMs + stats.silenceMs).toBe(stats.totalMs);
	});

	it('calls a recording without a quiet moment all talk', () => {
		expect(talkStats(recording([['talk', 3000]]), RATE)).toMatchObject({
			talkMs: 3000,
			silenceMs: 0
		});
	});

	it('counts the gaps between words as talk', () => {
		const words = recording([
			['talk', 400],
			['quiet', 150],
			['talk', 400],
			['quiet', 150],
			['talk', 400]
		]);
		expect(talkStats(words, RATE)).toMatchObject({ silenceMs: 0, longestPauseMs: 0 });
	});

	it('calls a silent recording all silence, and an empty one nothing', () => {
		expect(talkStats(recording([['quiet', 2000]]), RATE)).toMatchObject({
			talkMs: 0,
			silenceMs: 2000,
			longestPauseMs: 2000
		});
		expect(talkStats([], RATE)).toEqual({ totalMs: 0, talkMs: 0, silenceMs: 0, longestPauseMs: 0 });
	});

	it('always adds up, whatever the recording', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.tuple(
						fc.constantFrom('talk' as const, 'quiet' as const),
						fc.integer({ min: 0, max: 900 })
					),
					{
						maxLength: 8
					}
				),
				(parts) => {
					const s = talkStats(recording(parts), RATE);
					expect(s.talkMs + s.silenceMs).toBe(s.totalMs);
					expect(s.longestPauseMs).toBeLessThanOrEqual(s.silenceMs);
					expect(s.talkMs).toBeGreaterThanOrEqual(0);
				}
			),
			{ numRuns: 100 }
		);
	});
});
