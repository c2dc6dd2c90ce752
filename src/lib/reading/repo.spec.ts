import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, withDb } from '$lib/db';
import { resetDatabase, storedEvents } from '$lib/db/testing';
import { LIMITS } from '$lib/db/limits';
import { liveOnly } from '$lib/db/record';
import { ensureSkill } from '$lib/skills/repo';
import { parseClippings } from './clippings';
import { planReadingImport } from './importer';
import { emptyAnswers } from './model';
import {
	applyReadingImport,
	bookStats,
	capturePassage,
	choosePassageVersion,
	getPassage,
	deletePassage,
	existingImportKeys,
	listBooks,
	readingEventId,
	saveBook,
	updatePassage
} from './repo';

const NOW = Date.UTC(2026, 10, 22, 12);

beforeEach(resetDatabase);
afterEach(() => closeDb());

const book = (title: string) =>
	saveBook({ title, author: 'A. Author', color: null, status: 'reading', skillIds: [] }, NOW);

describe('reading repo', () => {
	it('adding the same book twice returns the first', async () => {
		const a = await book('Just Listen');
		const b = await book('  just   listen ');
		expect(b.id).toBe(a.id);
		expect(await listBooks()).toHaveLength(1);
	});

	it('answering a linked passage records one practice event, scored below a drill', async () => {
		const b = await book('Just Listen');
		const skill = await ensureSkill('Listening', NOW);
		const p = await capturePassage(
			{
				bookId: b.id,
				text: 'Be interested, not interesting.',
				location: 'p. 3',
				reaction: 'insight',
				note: '',
				skillId: skill.id,
				source: 'typed'
			},
			NOW
		);
		const answers = emptyAnswers();
		answers[0] = { status: 'answered', text: 'Yes.' };
		await updatePassage(p.id, { answers }, NOW + 1);
		answers[1] = { status: 'answered', text: 'Also.' };
		await updatePassage(p.id, { answers }, NOW + 2);
		const events = (await storedEvents()).filter((e) => e.sourceId === p.id);
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			skillId: skill.id,
			source: 'reading',
			minutes: 4,
			rating: 2
		});

		// The same id on every device, so answers given apart merge into one practice.
		expect(events[0].id).toBe(readingEventId(p.id));

		// Unlinking the skill withdraws the practice (as a tombstone).
		await updatePassage(p.id, { skillId: null }, NOW + 3);
		const after = (await storedEvents()).filter((e) => e.sourceId === p.id);
		expect(after.every((e) => e.deletedAt !== null)).toBe(true);

		// Linked again, the practice comes back under the same id: one event, live.
		await updatePassage(p.id, { skillId: skill.id }, NOW + 4);
		const again = (await storedEvents()).filter((e) => e.sourceId === p.id);
		expect(again).toHaveLength(1);
		expect(again[0]).toMatchObject({ id: readingEventId(p.id), deletedAt: null, minutes: 4 });
	});

	it('choosing a kept version of the answers brings them back and files their practice', async () => {
		const b = await book('Just Listen');
		const skill = await ensureSkill('Listening', NOW);
		const p = await capturePassage(
			{
				bookId: b.id,
				text: 'Listen.',
				location: '',
				reaction: null,
				note: '',
				skillId: skill.id,
				source: 'typed'
			},
			NOW
		);
		// As sync leaves it: another device answered two questions beside this one's none.
		const theirs = emptyAnswers();
		theirs[0] = { status: 'answered', text: 'From the phone.' };
		theirs[1] = { status: 'answered', text: 'Also the phone.' };
		const copy = {
			id: `answers@${NOW + 5}`,
			field: 'answers',
			value: theirs,
			at: NOW + 5,
			lineage: [NOW + 5, NOW],
			resolvedAt: null
		};
		await withDb((db) => db.put('passages', { ...p, conflicts: [copy] }));
		expect((await storedEvents()).filter((e) => e.sourceId === p.id)).toHaveLength(0);

		await choosePassageVersion(p.id, copy.id, true, NOW + 10);
		const chosen = (await getPassage(p.id))!;
		expect(chosen.answers.slice(0, 2).map((a) => a.text)).toEqual([
			'From the phone.',
			'Also the phone.'
		]);
		expect(chosen.conflicts).toEqual([{ ...copy, resolvedAt: chosen.updatedAt }]);
		const events = liveOnly((await storedEvents()).filter((e) => e.sourceId === p.id));
		expect(events).toMatchObject([{ skillId: skill.id, source: 'reading', minutes: 4 }]);

		// Chosen already (here, or on another device): a second choice changes nothing.
		await choosePassageVersion(p.id, copy.id, false, NOW + 20);
		expect(await getPassage(p.id)).toEqual(chosen);
	});

	it('refuses an empty capture and saves nothing', async () => {
		const b = await book('X');
		await expect(
			capturePassage(
				{
					bookId: b.id,
					text: ' ',
					location: '',
					reaction: null,
					note: '',
					skillId: null,
					source: 'typed'
				},
				NOW
			)
		).rejects.toThrow(/passage/);
		expect(await withDb((db) => db.count('passages'))).toBe(0);
	});

	it('refuses a passage, note or answer longer than a backup restores, before saving anything', async () => {
		const b = await book('X');
		const input = {
			bookId: b.id,
			text: 'x'.repeat(LIMITS.passageText + 1),
			location: '',
			reaction: null,
			note: '',
			skillId: null,
			source: 'typed' as const
		};
		await expect(capturePassage(input, NOW)).rejects.toThrow(
			'This passage is 1,000,001 characters long; it can hold at most 1,000,000.'
		);
		const ok = await capturePassage({ ...input, text: 'x'.repeat(LIMITS.passageText) }, NOW);
		await expect(
			updatePassage(ok.id, { note: 'n'.repeat(LIMITS.note + 1) }, NOW + 1)
		).rejects.toThrow(/The note is 50,001 characters long/);
		const answers = emptyAnswers();
		answers[0] = { status: 'answered', text: 'a'.repeat(LIMITS.answer + 1) };
		await expect(updatePassage(ok.id, { answers }, NOW + 1)).rejects.toThrow(/This answer/);
		expect((await withDb((db) => db.get('passages', ok.id)))?.updatedAt).toBe(NOW);
	});

	it('imports clippings once: a re-import adds nothing', async () => {
		const text = [
			'Book One (Ann Author)',
			'- Your Highlight on Location 10-12 | Added on Monday',
			'',
			'Line one.',
			'==========',
			'Book Two (Bo Writer)',
			'- Your Highlight on Location 5-6 | Added on Monday',
			'',
			'Line two.',
			'=========='
		].join('\n');
		const parsed = parseClippings(text);
		const plan = planReadingImport(parsed, await listBooks(), await existingImportKeys());
		expect(await applyReadingImport(plan, 'kindle', NOW)).toEqual({ books: 2, passages: 2 });
		const again = planReadingImport(parsed, await listBooks(), await existingImportKeys());
		expect(again.passages).toHaveLength(0);
		expect(again.duplicates).toBe(2);
		expect(again.books).toHaveLength(0);
	});
});

describe('book counts', () => {
	const DAY = 86_400_000;
	const capture = (bookId: string, text: string, at: number) =>
		capturePassage(
			{ bookId, text, location: '', reaction: null, note: '', skillId: null, source: 'typed' },
			at
		);
	const worked = () => Array.from({ length: 6 }, () => ({ status: 'skipped' as const, text: '' }));
	const stored = () => withDb((db) => db.getAll('bookStats'));

	it('counts live and worked-through passages, and reuses the counts until a passage changes', async () => {
		const a = await book('Just Listen');
		const b = await book('Crucial Conversations');
		const p1 = await capture(a.id, 'One', NOW - 10 * DAY);
		await capture(a.id, 'Two', NOW - 10 * DAY);
		await updatePassage(p1.id, { answers: worked() }, NOW - 9 * DAY);
		expect(await bookStats([a.id, b.id])).toEqual(
			new Map([
				[a.id, { total: 2, worked: 1 }],
				[b.id, { total: 0, worked: 0 }]
			])
		);
		expect(await stored()).toHaveLength(2);

		// A stored count that no passage contradicts is used as it is (proved by tampering).
		await withDb(async (db) => {
			const stats = (await db.get('bookStats', b.id))!;
			await db.put('bookStats', { ...stats, total: 7, worked: 7 });
		});
		expect(await bookStats([b.id])).toEqual(new Map([[b.id, { total: 7, worked: 7 }]]));

		// A new passage, an edit or a deletion makes that book count again.
		await capture(b.id, 'Three', NOW + 2 * DAY);
		expect((await bookStats([b.id])).get(b.id)).toEqual({ total: 1, worked: 0 });
		await deletePassage(p1.id, NOW + 4 * DAY);
		expect((await bookStats([a.id])).get(a.id)).toEqual({ total: 1, worked: 0 });
	});
});
