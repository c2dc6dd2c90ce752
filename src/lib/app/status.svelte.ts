import { errorText } from '$lib/errors';
import { getDb, onDbEvent, isMemoryMode } from '$lib/db';

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
			}
		});
		// Open the database now so a problem is reported on arrival, not at the first save.
		getDb().then(
			() => {
				this.memoryMode = isMemoryMode();
			},
			(error: unknown) => {
				this.openError = errorText(error);
			}
		);
	}

	clearWriteError(): void {
		this.writeError = null;
	}
}

export const appStatus = new AppStatus();
