/**
 * Recording, in words and numbers: which audio type to ask for, what to tell a person when the
 * microphone cannot be used, and lengths as people read them. Pure.
 */

/** Opus where the browser records it (Chromium, Firefox), else what it has (Safari: MP4). */
const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4', 'audio/webm'];

export function chooseMimeType(isSupported: (type: string) => boolean): string {
	return TYPES.find((t) => isSupported(t)) ?? '';
}

/** About a second of audio per stored piece: a reload loses at most that. */
export const CHUNK_MS = 1000;

/** One message per way the microphone can fail; the rest of the page keeps working. */
export function microphoneProblem(error: unknown): string {
	const name = error instanceof DOMException || error instanceof Error ? error.name : '';
	switch (name) {
		case 'NotAllowedError':
		case 'SecurityError':
			return 'The microphone was not allowed. You can allow it in the browser’s site settings, or write instead.';
		case 'NotFoundError':
		case 'OverconstrainedError':
			return 'No microphone was found on this device. You can write instead.';
		case 'NotReadableError':
		case 'AbortError':
			return 'The microphone is busy or not working (another app may be using it). Try again, or write instead.';
		case 'NoRecorder':
			return 'This browser cannot record audio. You can write instead.';
		default:
			return `Recording could not start${error instanceof Error && error.message ? ` (${error.message})` : ''}. You can write instead.`;
	}
}

/**
 * A recording's length: as measured when it was stopped, else (cut short by a reload or a full
 * disk) about a second per stored piece.
 */
export function lengthOf(r: { durationMs: number | null; chunks: number }): number {
	return r.durationMs ?? r.chunks * CHUNK_MS;
}

/** The loudness of a block of samples (-1..1) as 0..1, for a level meter. */
export function level(samples: ArrayLike<number>): number {
	if (samples.length === 0) return 0;
	let sum = 0;
	for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
	// Speech sits around 0.02–0.2 RMS: scaled so it moves the meter visibly, capped at 1.
	return Math.min(1, Math.sqrt(sum / samples.length) * 4);
}

/** The sprint lengths people listen for: where a 10-second, 1-minute and 2-minute telling end. */
export const LISTEN_MARKS_MS = [10_000, 60_000, 120_000] as const;

export interface TimeMark {
	ms: number;
	/** Where the countdown ran out, when the recording reaches it. */
	timeUp: boolean;
}

/**
 * The marks on a recording's scrubber: the sprint lengths it reaches, and the moment the
 * countdown ended (`countdownMs`, when given), once each and in order.
 */
export function timeMarks(lengthMs: number, countdownMs: number | null = null): TimeMark[] {
	const at = new Set<number>(LISTEN_MARKS_MS.filter((ms) => ms <= lengthMs));
	if (countdownMs !== null && countdownMs > 0 && countdownMs <= lengthMs) at.add(countdownMs);
	return [...at].sort((a, b) => a - b).map((ms) => ({ ms, timeUp: ms === countdownMs }));
}
