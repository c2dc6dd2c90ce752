/**
 * Talk and silence in a recording, from its samples: how long the speaker talked, how long they
 * were silent, and the longest pause. Pure (the page decodes the audio with Web Audio and hands
 * the samples here); no library earns its place for an energy threshold.
 *
 * The samples are cut into 50 ms frames; a frame is speech when its loudness (RMS) stands
 * clearly above the recording's own quiet floor (its 10th percentile), so a noisy room does
 * not count as talk, and a quiet speaker still does. Pauses shorter than 300 ms are the gaps
 * between words, counted as talk.
 */

const FRAME_MS = 50;
const MIN_PAUSE_MS = 300;
/** Speech is at least this loud (RMS of -1..1 samples), whatever the floor… */
const ABSOLUTE_FLOOR = 0.01;
/** …and anything this loud is speech, even in a recording without a single quiet moment. */
const SURELY_SPEECH = 0.03;

export interface TalkStats {
	totalMs: number;
	talkMs: number;
	silenceMs: number;
	longestPauseMs: number;
}

export function talkStats(samples: ArrayLike<number>, sampleRate: number): TalkStats {
	const perFrame = Math.max(1, Math.round((sampleRate * FRAME_MS) / 1000));
	const frames: number[] = [];
	for (let start = 0; start < samples.length; start += perFrame) {
		const end = Math.min(samples.length, start + perFrame);
		let sum = 0;
		for (let i = start; i < end; i++) sum += samples[i] * samples[i];
		frames.push(Math.sqrt(sum / (end - start)));
	}
	const totalMs = Math.round((samples.length / sampleRate) * 1000);
	if (frames.length === 0) return { totalMs, talkMs: 0, silenceMs: 0, longestPauseMs: 0 };
	const sorted = [...frames].sort((a, b) => a - b);
	const floor = sorted[Math.floor(sorted.length * 0.1)];
	const threshold = Math.max(ABSOLUTE_FLOOR, Math.min(SURELY_SPEECH, floor * 3));
	const speech = frames.map((rms) => rms >= threshold);
	// Short gaps between words are talk.
	const minGap = Math.ceil(MIN_PAUSE_MS / FRAME_MS);
	let longest = 0;
	let silentFrames = 0;
	for (let i = 0; i < speech.length;) {
		if (speech[i]) {
			i++;
			continue;
		}
		let j = i;
		while (j < speech.length && !speech[j]) j++;
		const run = j - i;
		if (run >= minGap) {
			silentFrames += run;
			longest = Math.max(longest, run);
		}
		i = j;
	}
	const frameMs = (perFrame / sampleRate) * 1000;
	const silenceMs = Math.min(totalMs, Math.round(silentFrames * frameMs));
	return {
		totalMs,
		talkMs: totalMs - silenceMs,
		silenceMs,
		longestPauseMs: Math.min(totalMs, Math.round(longest * frameMs))
	};
}
