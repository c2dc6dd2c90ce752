import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb } from '$lib/db';
import { resetDatabase } from '$lib/db/testing';
import { parseBackup } from '$lib/backup/format';
import { importBackup } from '$lib/backup/repo';
import { eventsForSkill, listSkills } from '$lib/skills/repo';
import { listBooks, listPassages } from '$lib/reading/repo';
import { listDrills } from '$lib/drills/repo';
import { largeBackup, largeDataset, TEN_YEARS } from './large';

const small = { seed: 3, days: 60, skills: 4, drills: 12, books: 3, passages: 30 };

beforeEach(resetDatabase);
afterEach(() => closeDb());

describe('synthetic data', () => {
	it('is the same for the same seed and different for another', () => {
		const a = JSON.stringify(largeBackup(small));
		expect(JSON.stringify(largeBackup(small))).toBe(a);
		expect(JSON.stringify(largeBackup({ ...small, seed: 4 }))).not.toBe(a);
		// An option left undefined (as a command line passes it) means the default.
		expect(JSON.stringify(largeBackup({ ...small, end: undefined }))).toBe(a);
	});

	it('passes the import check and lands through the app’s own data layer', async () => {
		const parsed = parseBackup(JSON.stringify(largeBackup(small)));
		if (!parsed.ok) throw new Error(parsed.error);
		const summary = await importBackup(parsed.backup);
		expect(summary.stores.events.added).toBe(4 * 60);
		// Daily practice: one event per skill per day, in time order.
		const events = await eventsForSkill('seed-skill-0');
		expect(events).toHaveLength(60);
		expect(events.map((e) => e.at)).toEqual(events.map((e) => e.at).sort((a, b) => a - b));
		expect((await listSkills()).map((s) => s.name)).toContain('Listening');
		expect(await listDrills()).toHaveLength(12);
		expect(await listBooks()).toHaveLength(3);
		expect(await listPassages()).toHaveLength(30);
	});

	it('links every drill to the practice event it produced, in the data’s time span', () => {
		const data = largeDataset(small);
		for (const drill of data.drills) {
			const event = data.events.find((e) => e.sourceId === drill.id);
			expect(event?.skillId).toBe(drill.skillId);
			expect(event?.source).toBe('drill');
		}
		const times = data.events.map((e) => e.at);
		expect(Math.max(...times)).toBeLessThan(data.end);
		expect(Math.min(...times)).toBeGreaterThanOrEqual(data.end - 60 * 86_400_000);
	});

	it('has the ten-year heavy user by default', () => {
		const data = largeDataset();
		expect(data.skills).toHaveLength(TEN_YEARS.skills);
		expect(data.events).toHaveLength(100 * 3650);
		expect(data.drills).toHaveLength(3000);
		expect(data.passages).toHaveLength(20_000);
		const words = data.drills.reduce((n, d) => n + d.wordCount, 0) / data.drills.length;
		expect(words).toBeGreaterThan(250);
		expect(words).toBeLessThan(350);
	});
});
