import { errorText } from '$lib/errors';
import { now } from '$lib/time/clock';
import { baseRecord, newId } from '$lib/db/record';
import type {
	DraftRecord,
	DrillRecord,
	DrillSetup,
	PracticeEventRecord,
	Rating
} from '$lib/db/schema';
import { updates } from '$lib/pwa/update.svelte';
import { appStatus } from '$lib/app/status.svelte';
import { requestPersistenceOnce } from '$lib/storage/persistence';
import {
	deleteDraft,
	finishDrill,
	getDrill,
	loadDraft,
	onDraftsChanged,
	saveBeforeUpgrade,
	saveDraft
} from './repo';
import { clearMirror, readMirror, reconcileDraft, writeMirror } from './mirror';
import {
	hideTimer,
	inputTimer,
	overtimeMs,
	pauseTimer,
	remainingMs,
	resumeTimer,
	showTimer,
	startTimer,
	stopTimer,
	summarize,
	tick
} from './timer';
import { practiceMinutes, wordCount } from './text';
import { count } from '$lib/text/count';
import { chime, keepAwake, releaseAwake, unlockAudio, vibrate } from './signals';
import { claim, claimWhenFree, type Ownership } from './ownership';
import { tooLong, type LimitName } from '$lib/db/limits';

const TICK_MS = 250;
const RETRY_MS = 2000;

/**
 * The one drill in progress. Every change is written to IndexedDB at once (one write in
 * flight, the latest text queued behind it), and immediately when the page is hidden or
 * frozen, so closing the tab 100 ms after a keystroke loses nothing.
 */
export class DrillSession {
	draft = $state<DraftRecord | null>(null);
	loaded = $state(false);
	clock = $state(0);
	#saveError = $state<string | null>(null);
	/** Why the last save failed (shown beside the text, so the app's banner stays quiet). */
	get saveError(): string | null {
		return this.#saveError;
	}
	set saveError(message: string | null) {
		this.#saveError = message;
		appStatus.writeErrorShownInPlace = message !== null;
	}
	/** How many times the end signal fired in this page (the test hook and the live region). */
	endSignals = $state(0);
	/** False while another tab owns the drill: this one shows it read-only and never writes. */
	owner = $state(true);
	/** True when everything on screen is in the database (no write queued or in flight). */
	saved = $state(true);
	/** Set when an edit was refused for being longer than a drill can hold. */
	limitError = $state<string | null>(null);

	remaining = $derived(this.draft ? remainingMs(this.draft.timer, this.clock) : 0);
	overtime = $derived(this.draft ? overtimeMs(this.draft.timer, this.clock) : 0);
	words = $derived(this.draft ? wordCount(this.draft.text) : 0);
	/** What the drill holds so far, as cards say it: "12 words", or "spoken". */
	amount = $derived(this.draft?.spoken ? 'spoken' : count(this.words, 'word'));
	timeUp = $derived(this.draft?.timer.status === 'ended');
	/**
	 * Started with "start on first keystroke" and nothing typed yet: the clock waits (a paused
	 * timer with no time on it — a pause by hand always has some).
	 */
	waiting = $derived(
		this.draft?.phase === 'writing' &&
			this.draft.timer.status === 'paused' &&
			this.draft.timer.bankedMs === 0 &&
			this.draft.text === ''
	);
	/** Writing time so far (for words per minute). */
	active = $derived(this.draft ? summarize(this.draft.timer, this.clock).activeMs : 0);
	/** When the writer last typed here (the gentle pressure counts from it; not stored). */
	lastTypedAt = $state(0);

	#loading: Promise<void> | null = null;
	#dirty = false;
	/** Just took the drill over, and nothing changed here since (see `sync`). */
	#catchingUp = false;
	#inflight: Promise<void> | null = null;
	#retry: ReturnType<typeof setTimeout> | null = null;
	#interval: ReturnType<typeof setInterval> | null = null;
	#detach: (() => void) | null = null;
	#ownership: { current: Ownership | null } = { current: null };
	#stopWaiting: (() => void) | null = null;

	/** Read the draft from storage (once per page). */
	load(): Promise<void> {
		this.#loading ??= (async () => {
			const stored = await loadDraft();
			const mirror = readMirror();
			const finished = !!mirror && !stored && !!(await getDrill(mirror.id));
			const { draft, rewrite } = reconcileDraft(stored, mirror, finished);
			if (finished) clearMirror();
			this.draft = draft;
			this.clock = now();
			this.lastTypedAt = this.clock;
			if (draft) {
				this.#tick();
				await this.#claim(false);
				// The mirror held words the database never got: write them now.
				if (rewrite && this.owner) this.#save();
			}
			this.loaded = true;
			// From now on, a change to the draft made elsewhere (another tab, an import) is
			// mirrored here while this tab does not own the drill.
			onDraftsChanged(() => void this.sync());
		})();
		return this.#loading;
	}

	/**
	 * The stored draft changed elsewhere: a tab that does not own the drill mirrors it; a tab
	 * that has just taken it over takes the old owner's last write, should it land late.
	 */
	async sync(): Promise<void> {
		if (!this.loaded) return;
		if (this.#ownership.current) {
			if (!this.#catchingUp) return;
			const stored = await loadDraft();
			const mine = this.draft;
			// Checked again after the read: typing meanwhile ends the catching up.
			if (this.#catchingUp && stored && stored.id === mine?.id && stored.updatedAt > mine.updatedAt)
				this.draft = stored;
			return;
		}
		this.draft = await loadDraft();
		this.clock = now();
		if (this.draft && !this.owner && !this.#stopWaiting) await this.#claim(false);
	}

	/** Take the drill over from another tab (it stops writing and shows it read-only). */
	async takeOver(): Promise<void> {
		this.#stopWaiting?.();
		this.#stopWaiting = null;
		await this.#claim(true);
		// Continue from what is stored. A write the other tab had in flight may still land:
		// until something changes here, `sync` takes it (it is newer) instead of a fixed wait.
		this.#catchingUp = true;
		this.draft = await loadDraft();
		this.clock = now();
		if (this.draft) this.#tick();
	}

	async #claim(steal: boolean): Promise<void> {
		if (this.#ownership.current) {
			this.owner = true;
			return;
		}
		const onLost = () => {
			this.owner = false;
			this.#dirty = false;
			this.#waitForOwner(onLost);
		};
		const got = await claim({ steal, onLost }, this.#ownership);
		// The background wait may have been granted meanwhile (its owner just let go): then a
		// refused attempt here must not mark this tab read-only again.
		this.owner = got || this.#ownership.current !== null;
		if (!this.owner) this.#waitForOwner(onLost);
	}

	/**
	 * A read-only tab takes the drill over by itself once the tab that owned it lets go
	 * (finished, or closed): it would otherwise say "open elsewhere" forever.
	 */
	#waitForOwner(onLost: () => void): void {
		if (this.#stopWaiting) return;
		this.#stopWaiting = claimWhenFree(
			() => {
				this.#stopWaiting = null;
				void (async () => {
					this.draft = await loadDraft();
					this.clock = now();
					this.owner = true;
					if (this.draft) {
						this.#tick();
					} else {
						// The other tab finished the drill: nothing to hold on to.
						this.#ownership.current?.release();
						this.#ownership.current = null;
					}
				})();
			},
			onLost,
			this.#ownership
		);
	}

	/**
	 * Start a new drill. The caller has made sure no other drill is in progress. With
	 * `startOnType` the clock waits for the first keystroke (see `waiting`).
	 */
	async start(
		setup: DrillSetup,
		durationMs: number,
		{ startOnType = false }: { startOnType?: boolean } = {}
	): Promise<string> {
		unlockAudio();
		const at = now();
		const id = newId();
		const timer = startTimer(durationMs, at);
		this.lastTypedAt = at;
		this.draft = {
			...baseRecord(at, id),
			...setup,
			text: '',
			startedAt: at,
			timer: startOnType ? pauseTimer(timer, at) : timer,
			phase: 'writing',
			reflections: setup.reflectionQuestions.map((question) => ({ question, answer: '' })),
			rating: null
		};
		this.clock = at;
		this.loaded = true;
		await this.#claim(false);
		if (!this.owner) {
			this.draft = null;
			throw new Error('A drill is in progress in another tab. Finish or discard it there first.');
		}
		await this.flush();
		void keepAwake();
		void requestPersistenceOnce(at).catch(() => undefined);
		return id;
	}

	/**
	 * Take the writer's new text. Refused (returns false, text unchanged) when it is longer
	 * than a drill can hold: the backup would not restore it, so the editor says so first.
	 */
	setText(text: string): boolean {
		if (!this.draft || !this.owner || this.#refused('drillText', text, 'this drill')) return false;
		// The first keystroke of a drill that waits for it starts the clock.
		if (this.waiting && text !== '') {
			this.draft.timer = resumeTimer(this.draft.timer, now());
			this.clock = now();
		}
		this.lastTypedAt = now();
		this.draft.text = text;
		this.draft.updatedAt = Math.max(now(), this.draft.updatedAt);
		// Typing past the end keeps overtime counting (see timer.ts).
		if (this.draft.phase === 'writing') this.draft.timer = inputTimer(this.draft.timer, now());
		this.#save();
		return true;
	}

	pause(): void {
		if (!this.draft || !this.owner) return;
		this.#tick();
		this.draft.timer = pauseTimer(this.draft.timer, now());
		this.#save();
	}

	resume(): void {
		if (!this.draft || !this.owner) return;
		unlockAudio();
		this.draft.timer = resumeTimer(this.draft.timer, now());
		this.clock = now();
		this.#save();
	}

	/**
	 * A spoken drill stored another second of speech: past the end, overtime keeps counting
	 * while the speaker talks, as it does while a writer types.
	 */
	spoke(): void {
		const draft = this.draft;
		if (!draft || !this.owner || draft.phase !== 'writing' || draft.timer.status !== 'ended')
			return;
		draft.timer = inputTimer(draft.timer, now());
		this.#save();
	}

	/** A spoken drill whose microphone cannot be used becomes a written one. */
	writeInstead(): void {
		if (!this.draft || !this.owner || !this.draft.spoken) return;
		this.draft.spoken = false;
		this.#save();
	}

	/** Done writing (early or after time is up): on to the reflection. */
	stopWriting(): void {
		if (!this.draft || !this.owner) return;
		this.#tick();
		this.draft.timer = stopTimer(this.draft.timer, now());
		this.draft.phase = 'reflecting';
		this.#save();
		void releaseAwake();
	}

	/** Back from the reflection to add a few words (the clock stays stopped). */
	backToWriting(): void {
		if (!this.draft || !this.owner) return;
		this.draft.phase = 'writing';
		this.#save();
	}

	/** As `setText`, for a reflection answer. */
	setAnswer(index: number, answer: string): boolean {
		if (!this.draft?.reflections[index] || !this.owner) return false;
		if (this.#refused('answer', answer, 'this answer')) return false;
		this.draft.reflections[index].answer = answer;
		this.draft.updatedAt = Math.max(now(), this.draft.updatedAt);
		this.#save();
		return true;
	}

	setRating(rating: Rating | null): void {
		if (!this.draft || !this.owner) return;
		this.draft.rating = rating;
		this.#save();
	}

	/** Save the drill and its practice event; returns the drill's id. */
	async finish(): Promise<string> {
		if (!this.draft) throw new Error('There is no drill in progress.');
		if (!this.owner) throw new Error('This drill is open in another tab. Take it over first.');
		await this.flush();
		const at = now();
		const draft = $state.snapshot(this.draft) as DraftRecord;
		const timer = stopTimer(draft.timer, at);
		const summary = summarize(timer, at);
		const { timer: _t, phase: _p, ...rest } = draft;
		const drill: DrillRecord = {
			...rest,
			updatedAt: at,
			wordCount: wordCount(draft.text),
			finishedAt: at,
			durationMs: timer.durationMs,
			activeMs: summary.activeMs,
			overtimeMs: summary.overtimeMs,
			endedEarly: summary.endedEarly,
			reflections: draft.reflections.filter((r) => r.answer.trim() !== '')
		};
		const minutes = practiceMinutes(summary.activeMs, summary.overtimeMs);
		const event: PracticeEventRecord | null =
			draft.skillId && minutes > 0
				? {
						...baseRecord(at),
						skillId: draft.skillId,
						at,
						minutes,
						// Unrated drills count as "good", the neutral middle of the scale.
						rating: draft.rating ?? 3,
						promptKey: draft.promptKey,
						source: 'drill',
						sourceId: drill.id,
						note: ''
					}
				: null;
		await finishDrill(drill, event);
		this.#end();
		return drill.id;
	}

	/** Throw the drill in progress away. */
	async discard(): Promise<void> {
		if (!this.draft) return;
		if (!this.owner) throw new Error('This drill is open in another tab. Take it over first.');
		const { id, spoken } = this.draft;
		await this.#inflight;
		await deleteDraft(id);
		// What was said goes with it (the recordings would otherwise belong to nothing).
		// (Loaded only then: Home holds this session and must not carry the recordings' code.)
		if (spoken) {
			const { deleteRecordingsOf, ownerOf } = await import('$lib/voice/repo');
			await deleteRecordingsOf(ownerOf('drill', id));
		}
		this.#end();
	}

	/** Write the latest state now; resolves once it is on disk, rejects if it could not be. */
	async flush(): Promise<void> {
		if (!this.draft || !this.owner) return;
		this.#dirty = true;
		this.#inflight ??= this.#drain();
		await this.#inflight;
		if (this.saveError) throw new Error(this.saveError);
		// Something changed while the last write was in flight: write that too.
		if (this.#dirty) await this.flush();
	}

	/** Start ticking and listening to the page lifecycle; returns the undo. */
	attach(): () => void {
		this.#detach?.();
		const onVisibility = () => {
			if (document.visibilityState === 'hidden') {
				this.#seen('hidden');
				void this.flush().catch(() => undefined);
			} else {
				this.#seen('visible');
				this.#tick();
				if (this.draft?.timer.status === 'running') void keepAwake();
			}
		};
		const onHide = () => {
			this.#seen('hidden');
			void this.flush().catch(() => undefined);
		};
		const onResume = () => this.#tick();
		document.addEventListener('visibilitychange', onVisibility);
		document.addEventListener('freeze', onHide);
		document.addEventListener('resume', onResume);
		window.addEventListener('pagehide', onHide);
		window.addEventListener('focus', onResume);
		this.#interval = setInterval(() => this.#tick(), TICK_MS);
		const offUpdate = updates.beforeReload(() => this.flush());
		const offVersion = saveBeforeUpgrade(() => this.flush().catch(() => undefined));
		if (this.draft?.timer.status === 'running') void keepAwake();
		this.#detach = () => {
			document.removeEventListener('visibilitychange', onVisibility);
			document.removeEventListener('freeze', onHide);
			document.removeEventListener('resume', onResume);
			window.removeEventListener('pagehide', onHide);
			window.removeEventListener('focus', onResume);
			if (this.#interval) clearInterval(this.#interval);
			this.#interval = null;
			offUpdate();
			offVersion();
			this.#detach = null;
		};
		return this.#detach;
	}

	/** True (and `limitError` says why) when `text` is longer than `field` may hold. */
	#refused(field: LimitName, text: string, what: string): boolean {
		const problem = tooLong(field, text, `With that, ${what}`);
		this.limitError = problem && `${problem} Nothing was added; it is as it was.`;
		return problem !== null;
	}

	/** The writer can (visible) or cannot (hidden, closing) see the page: overtime follows. */
	#seen(state: 'hidden' | 'visible'): void {
		const draft = this.draft;
		if (!draft || !this.owner || draft.phase !== 'writing') return;
		this.#tick();
		const at = now();
		draft.timer = state === 'hidden' ? hideTimer(draft.timer, at) : showTimer(draft.timer, at);
		this.#save();
	}

	#tick(): void {
		const at = now();
		this.clock = at;
		const draft = this.draft;
		if (!draft || draft.phase !== 'writing') return;
		const { timer, justEnded } = tick(draft.timer, at);
		draft.timer = timer;
		if (justEnded && this.owner) {
			this.endSignals++;
			chime();
			vibrate();
			this.#save();
		}
	}

	#save(): void {
		this.#catchingUp = false;
		// Every change gets a newer stamp, and the synchronous copy is written first: it
		// survives even if this page dies while the database write is in flight.
		if (this.draft && this.owner) {
			this.draft.updatedAt = Math.max(now(), this.draft.updatedAt + 1);
			writeMirror($state.snapshot(this.draft) as DraftRecord);
		}
		this.#dirty = true;
		this.saved = false;
		this.#inflight ??= this.#drain();
	}

	async #drain(): Promise<void> {
		try {
			// Only the owning tab writes: a stale tab can never overwrite the drill.
			while (this.#dirty && this.draft && this.owner) {
				this.#dirty = false;
				const snapshot = $state.snapshot(this.draft) as DraftRecord;
				try {
					await saveDraft(snapshot);
					this.saveError = null;
				} catch (error) {
					// Keep the text on screen, say so, and try again shortly.
					this.saveError = errorText(error);
					this.#dirty = true;
					this.#retry ??= setTimeout(() => {
						this.#retry = null;
						this.#save();
					}, RETRY_MS);
					return;
				}
			}
		} finally {
			this.#inflight = null;
			this.saved = !this.#dirty && !this.saveError;
		}
	}

	#end(): void {
		clearMirror();
		this.#ownership.current?.release();
		this.#ownership.current = null;
		this.draft = null;
		this.saveError = null;
		this.#dirty = false;
		this.saved = true;
		if (this.#retry) clearTimeout(this.#retry);
		this.#retry = null;
		void releaseAwake();
	}
}

export const session = new DrillSession();
