/**
 * The end-of-time signals and the screen wake lock. Each is best effort: a drill works
 * without sound, vibration or wake lock (browsers refuse them in many situations).
 */
let audio: AudioContext | null = null;

/** Create/resume the audio context from a user gesture (the Start tap, a keystroke). */
export function unlockAudio(): void {
	try {
		const Ctx =
			window.AudioContext ??
			(window as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
		if (!Ctx) return;
		audio ??= new Ctx();
		if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
	} catch {
		audio = null;
	}
}

/** Two short soft tones. */
export function chime(): void {
	if (!audio || audio.state !== 'running') return;
	const t = audio.currentTime;
	for (const [offset, freq] of [
		[0, 660],
		[0.25, 880]
	]) {
		const osc = audio.createOscillator();
		const gain = audio.createGain();
		osc.type = 'sine';
		osc.frequency.value = freq;
		gain.gain.setValueAtTime(0.0001, t + offset);
		gain.gain.exponentialRampToValueAtTime(0.25, t + offset + 0.02);
		gain.gain.exponentialRampToValueAtTime(0.0001, t + offset + 0.35);
		osc.connect(gain).connect(audio.destination);
		osc.start(t + offset);
		osc.stop(t + offset + 0.4);
	}
}

export function vibrate(): void {
	try {
		navigator.vibrate?.([200, 100, 200]);
	} catch {
		// Not allowed without a recent gesture on some browsers.
	}
}

let lock: WakeLockSentinel | null = null;

/** Keep the screen on while a drill runs; call again after the page becomes visible. */
export async function keepAwake(): Promise<void> {
	if (lock && !lock.released) return;
	try {
		lock = (await navigator.wakeLock?.request('screen')) ?? null;
	} catch {
		lock = null; // Refused (battery saver, hidden page): the drill goes on without it.
	}
}

export async function releaseAwake(): Promise<void> {
	const l = lock;
	lock = null;
	await l?.release().catch(() => undefined);
}
