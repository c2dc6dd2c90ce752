import { errorText } from '$lib/errors';
import { getDb, onDbEvent, isMemoryMode } from '$lib/db';

/** An upgrade shorter than this shows nothing. */
const UPGRADE_QUIET_MS = 300;

/** What the shell tells the user about storage: one message at a time, plainest first. */
class AppStatus {
	blocked = $state(false);
	needsReload = $state(false);
	memoryMode = $state(false);
	memoryReason = $state('');
	writeError = $state<string | null>(null);
	/** A feature shows the failed write beside the work itself (the drill): no banner for it. */
	writeErrorShownInPlace = $state(false);
	/** The database could not be opened at all (e.g. written by a newer version). */
	openError = $state<string | null>(null);
	/** A long upgrade of the stored data, once it has taken more than a moment: share done. */
	upgrade = $state<{ done: number; total: number } | null>(null);
	#upgradeSince: number | null = null;
	#started = false;

	start(): void {
		if (this.#started) return;
		this.#started = true;
		this.memoryMode = isMemoryMode();
		onDbEvent((event) => {
			switch (event.type) {
				case 'blocked':
					this.blocked = true;
					break;
				case 'versionchange':
					this.needsReload = true;
					break;
				case 'memory':
					this.memoryMode = true;
					this.memoryReason = event.reason;
					break;
				case 'write-failed':
					this.writeError = event.message;
					break;
				case 'written':
					this.blocked = false;
					this.writeError = null;
					break;
				case 'upgrading':
					this.#upgrading(event.done, event.total);
					break;
			}
		});
		// Open the database now so a problem is reported on arrival, not at the first save.
		getDb().then(
			() => {
				this.memoryMode = isMemoryMode();
				this.#upgradeSince = null;
				this.upgrade = null;
			},
			(error: unknown) => {
				this.#upgradeSince = null;
				this.upgrade = null;
				this.openError = errorText(error);
			}
		);
	}

	/** Progress is shown only once an upgrade has run for a moment: most take milliseconds. */
	#upgrading(done: number, total: number): void {
		const t = performance.now();
		this.#upgradeSince ??= t;
		if (this.upgrade || t - this.#upgradeSince >= UPGRADE_QUIET_MS) this.upgrade = { done, total };
	}

	clearWriteError(): void {
		this.writeError = null;
	}
}

export const appStatus = new AppStatus();
