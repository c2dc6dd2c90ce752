import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, withDb } from '$lib/db';
import { resetDatabase, storedEvents } from '$lib/db/testing';
import { largeBackup } from '$lib/seed/large';
import { runExport, runImport, type Phase } from './jobs';

beforeEach(resetDatabase);
afterEach(() => closeDb());

const backup = largeBackup({ seed: 3, days: 90, skills: 4, drills: 5, books: 1, passages: 3 });
const quiet = { progress: () => undefined, between: async () => undefined };

describe('backup jobs (what the backup worker runs)', () => {
	it('import a file, telling each phase, then export it again', async () => {
		const seen: Phase[] = [];
		const result = await runImport(new Blob([JSON.stringify(backup)]), {
			progress: (phase) => {
				if (seen.at(-1) !== phase) seen.push(phase);
			},
			between: async () => undefined
		});
		if (!result.ok) throw new Error(result.error);
		expect(seen).toEqual(['read', 'check', 'write']);
		expect(result.summary.stores.events.added).toBe(4 * 90);
		expect(Object.keys(result.timings).sort()).toEqual(['check', 'read', 'write']);
		expect(await storedEvents()).toHaveLength(4 * 90);

		const out = await runExport(backup.exportedAt);
		if (!out.ok) throw new Error(out.error);
		const file = JSON.parse(await out.file.text());
		expect(file.stores.events).toEqual(backup.stores.events);
		// The change sequence stays on this device.
		expect(JSON.stringify(file)).not.toContain('"seq"');
	});

	it.each([
		['an empty file', new Blob([]), /empty/],
		['a broken file', new Blob(['{"format": "whetstone-backup", ']), /not valid JSON/],
		['a file too large to be a backup', { size: 300 * 1_048_576 } as Blob, /more than a backup/]
	])('refuse %s in words, and change nothing', async (_what, file, message) => {
		const result = await runImport(file, quiet);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error).toMatch(message);
		expect(await withDb((db) => db.count('skills'))).toBe(0);
	});
});
