import { appStatus } from '$lib/app/status.svelte';
import { isQuotaError, StorageFullError } from '$lib/db/errors';
import { newId } from '$lib/db/record';
import { CHUNK_MS, chooseMimeType, level, microphoneProblem } from './model';
import { addChunk, finishRecording, startRecording } from './repo';

/**
 * One recording at a time from the microphone, asked for only when the person chooses to
 * speak. Each second of audio is stored as it arrives; a live level shows it is hearing.
 * Loaded only when someone records (never on a first page load).
 */
/** A refusal for lack of space, as the browser or the database module reports it. */
const full = (error: unknown) => error instanceof StorageFullError || isQuotaError(error);

export class VoiceRecorder {
	status = $state<'idle' | 'asking' | 'recording' | 'paused' | 'saving'>('idle');
	/** 0..1, the loudness now. */
	level = $state(0);
	elapsedMs = $state(0);
	/** What went wrong, in words (null when nothing did). */
	problem = $state<string | null>(null);
	/** The recording being made, while it is. */
	id = $state<string | null>(null);

	#recorder: MediaRecorder | null = null;
	#stream: MediaStream | null = null;
	#audio: AudioContext | null = null;
	#frame = 0;
	#started = 0;
	/** Time spent paused, and when the current pause began (0 when not paused). */
	#pausedMs = 0;
	#pausedAt = 0;
	#onPiece: (() => void) | null = null;
	#n = 0;
	/** Pieces are stored one after another, in order. */
	#saving: Promise<void> = Promise.resolve();
	#cutShort: string | null = null;
	#stopped: (() => void) | null = null;

	/**
	 * Start recording for `owner`; resolves once it records (or has said why it cannot).
	 * `onPiece` runs each time a piece of audio is stored (a spoken drill's overtime follows it).
	 */
	async start(owner: string, { onPiece }: { onPiece?: () => void } = {}): Promise<void> {
		if (this.status !== 'idle') return;
		this.#onPiece = onPiece ?? null;
		this.problem = null;
		this.#cutShort = null;
		if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
			this.problem = microphoneProblem(new DOMException('', 'NoRecorder'));
			return;
		}
		this.status = 'asking';
		try {
			this.#stream = await navigator.mediaDevices.getUserMedia({ audio: true });
		} catch (error) {
			this.status = 'idle';
			this.problem = microphoneProblem(error);
			return;
		}
		const mimeType = chooseMimeType((t) => MediaRecorder.isTypeSupported(t));
		const recorder = new MediaRecorder(this.#stream, mimeType ? { mimeType } : undefined);
		const id = newId();
		try {
			await startRecording(id, owner, recorder.mimeType || mimeType, Date.now());
		} catch (error) {
			this.#release();
			this.status = 'idle';
			this.problem = full(error)
				? 'This device is full: nothing could be recorded. Free some space, or write instead.'
				: microphoneProblem(error);
			return;
		}
		this.id = id;
		this.#n = 0;
		this.#recorder = recorder;
		recorder.ondataavailable = (event) => {
			if (event.data.size === 0) return;
			const n = this.#n++;
			this.#saving = this.#saving.then(() =>
				addChunk(id, n, event.data).then(
					() => this.#onPiece?.(),
					(error: unknown) => {
						// Keep what is stored; stop here and say so — here, beside the recording
						// (the app's banner would say the same a second time).
						appStatus.writeErrorShownInPlace = true;
						this.#cutShort = full(error)
							? 'This device is full: the recording was kept up to the last second stored.'
							: 'A piece of the recording could not be stored: it was kept up to there.';
						if (recorder.state !== 'inactive') recorder.stop();
					}
				)
			);
		};
		// Stopped by `stop`, or by itself (a piece could not be stored): either way it ends here.
		recorder.onstop = () => (this.#stopped ? this.#stopped() : void this.stop());
		recorder.start(CHUNK_MS);
		this.#started = performance.now();
		this.#pausedMs = 0;
		this.#pausedAt = 0;
		this.status = 'recording';
		this.#meter(this.#stream);
	}

	/** Hold the recording (a paused drill); `resume` carries on in the same recording. */
	pause(): void {
		if (this.status !== 'recording' || this.#recorder?.state !== 'recording') return;
		this.#recorder.pause();
		this.#pausedAt = performance.now();
		this.status = 'paused';
	}

	resume(): void {
		if (this.status !== 'paused' || this.#recorder?.state !== 'paused') return;
		this.#recorder.resume();
		this.#pausedMs += performance.now() - this.#pausedAt;
		this.#pausedAt = 0;
		this.status = 'recording';
	}

	/** Time recorded so far, pauses left out. */
	#elapsed(): number {
		const until = this.#pausedAt || performance.now();
		return until - this.#started - this.#pausedMs;
	}

	/** Stop and store the rest; resolves once the recording is complete on the device. */
	async stop(): Promise<void> {
		const recorder = this.#recorder;
		const id = this.id;
		if (!recorder || !id || (this.status !== 'recording' && this.status !== 'paused')) return;
		this.status = 'saving';
		const durationMs = this.#elapsed();
		if (recorder.state !== 'inactive') {
			await new Promise<void>((resolve) => {
				this.#stopped = () => {
					this.#stopped = null;
					resolve();
				};
				recorder.stop();
			});
		}
		await this.#saving;
		await finishRecording(id, this.#cutShort ? null : durationMs, this.#cutShort).finally(() => {
			// Said here; a later failed write elsewhere gets the app's banner again.
			if (this.#cutShort) appStatus.writeErrorShownInPlace = false;
		});
		if (this.#cutShort) this.problem = this.#cutShort;
		this.#release();
		this.id = null;
		this.status = 'idle';
	}

	#meter(stream: MediaStream) {
		try {
			this.#audio = new AudioContext();
			const analyser = this.#audio.createAnalyser();
			analyser.fftSize = 1024;
			this.#audio.createMediaStreamSource(stream).connect(analyser);
			const samples = new Float32Array(analyser.fftSize);
			const tick = () => {
				analyser.getFloatTimeDomainData(samples);
				this.level = this.status === 'paused' ? 0 : level(samples);
				this.elapsedMs = this.#elapsed();
				this.#frame = requestAnimationFrame(tick);
			};
			tick();
		} catch {
			// No meter (no Web Audio): the recording still works; time still shows.
			const tick = () => {
				this.elapsedMs = this.#elapsed();
				this.#frame = requestAnimationFrame(tick);
			};
			tick();
		}
	}

	#release() {
		cancelAnimationFrame(this.#frame);
		this.#stream?.getTracks().forEach((t) => t.stop());
		this.#stream = null;
		void this.#audio?.close().catch(() => undefined);
		this.#audio = null;
		this.#recorder = null;
		this.#onPiece = null;
		this.level = 0;
	}
}
