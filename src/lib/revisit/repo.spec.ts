import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb } from '$lib/db';
import { resetDatabase, storedEvents } from '$lib/db/testing';
import { capturePassage, getPassage, saveBook } from '$lib/reading/repo';
import { ensureSkill } from '$lib/skills/repo';
import { DAY } from '$lib/time/units';
import { NOT_NOW_DAYS } from './model';
import { revisitDay, setBookLeftOut, setPassageLeftOut, setPerDay } from './repo';
import { respond } from './respond';

const NOW = new Date(2026, 11, 3, 9, 0).getTime();

beforeEach(resetDatabase);
afterEach(() => closeDb());

/** A book with `n` passages captured `daysAgo`, the first linked to a skill. */
async function library(n: number, daysAgo = 40) {
	const at = NOW - daysAgo * DAY;
	const skill = await ensureSkill('Listening', at);
	const book = await saveBook(
		{ title: 'Just Listen', author: '', color: null, status: 'reading', skillIds: [] },
		at
	);
	const ids: string[] = [];
	for (let i = 0; i < n; i++) {
		const p = await capturePassage(
			{
				bookId: book.id,
				text: `Passage ${i}.`,
				location: `p. ${i + 1}`,
				reaction: null,
				note: '',
				skillId: i === 0 ? skill.id : null,
				source: 'typed'
			},
			at
		);
		ids.push(p.id);
	}
	return { book, ids, skill };
}

const shown = async (at: number) => (await revisitDay(at)).passages.map((p) => p.passage.id);

describe('Revisit, stored', () => {
	it('offers never-shown passages two a day, and a response schedules the next visit', async () => {
		const { ids } = await library(6);
		const first = await shown(NOW);
		expect(first).toHaveLength(2);
		expect(new Set(first).size).toBe(2);
		await respond(first[0], 'true', NOW);
		const after = await revisitDay(NOW + 60_000);
		expect(after.answered).toBe(1);
		expect(after.passages.map((p) => p.passage.id)).toEqual([first[1]]);
		const stored = await getPassage(first[0]);
		expect(stored?.revisit?.due).toBeGreaterThan(NOW + DAY);
		expect(ids).toContain(first[0]);
		// Once due, it comes back (before never-shown ones).
		const due = stored!.revisit!.due!;
		expect((await shown(due + 1))[0]).toBe(first[0]);
	});

	it('keeps a written line in the note, pushes "not useful now" out, logs one practice a day', async () => {
		const { ids, skill } = await library(1);
		await respond(ids[0], 'answered', NOW, 'It still works at dinner.');
		await respond(ids[0], 'not-now', NOW + 60_000);
		const p = await getPassage(ids[0]);
		expect(p?.note).toMatch(/: It still works at dinner\.$/);
		expect(p?.revisit?.due).toBeGreaterThanOrEqual(NOW + NOT_NOW_DAYS * DAY);
		const practice = (await storedEvents()).filter((e) => e.id.startsWith('revisit:'));
		expect(practice).toEqual([
			expect.objectContaining({ skillId: skill.id, minutes: 1, source: 'reading' })
		]);
		expect(await shown(NOW + 30 * DAY)).toEqual([]);
	});

	it('leaves out a passage or a book until brought back, and follows the daily count', async () => {
		const { ids, book } = await library(2);
		await setPassageLeftOut(ids[0], true, NOW);
		expect(await shown(NOW)).toEqual([ids[1]]);
		await setBookLeftOut(book.id, true, NOW);
		expect(await shown(NOW)).toEqual([]);
		await setBookLeftOut(book.id, false, NOW);
		await setPassageLeftOut(ids[0], false, NOW);
		expect((await shown(NOW)).sort()).toEqual([...ids].sort());
		await setPerDay(3, NOW);
		expect((await revisitDay(NOW)).perDay).toBe(3);
		await expect(setPerDay(4, NOW)).rejects.toThrow('Choose how many');
	});
});
