import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, withDb } from '$lib/db';
import { resetDatabase, storedEvents } from '$lib/db/testing';
import { makeBlock, monthOf } from '$lib/db/blocks';
import { drillRecord, eventRecord, passageRecord } from '$lib/testing/records';
import { historiesAt } from '$lib/skills/history-repo';
import { SearchEngine } from '$lib/search/engine';
import { STORE_NAMES } from '$lib/db/schema';
import { ensureSkill, logPractice, deletePractice, renameSkill } from '$lib/skills/repo';
import { saveTemplate } from '$lib/drills/repo';
import { bookStats, capturePassage, saveBook } from '$lib/reading/repo';
import { getPlan, savePlan } from '$lib/review/repo';
import { parseBackup } from './format';
import { LIMITS, type LimitName } from '$lib/db/limits';
import { largeBackup } from '$lib/seed/large';
import { startTimer } from '$lib/drills/timer';
import { formatDate } from '$lib/time/format';
import { exportBackup, importBackup } from './repo';

const NOW = Date.UTC(2026, 10, 22, 12);
const DAY = 86_400_000;

const wipe = resetDatabase;

/** Every owned record, without the local change sequence (a new write stamps a new one). */
async function everything() {
	return withDb(async (db) => {
		const out: Record<string, unknown[]> = {};
		for (const name of STORE_NAMES) {
			const all = (await db.getAll(name)) as { seq?: number }[];
			out[name] = all.map(({ seq: _seq, ...r }) => r);
		}
		return out;
	});
}

async function seed() {
	const a = await ensureSkill('Listening', NOW);
	const b = await ensureSkill('Small talk', NOW);
	const e = await logPractice(
		{ skillId: a.id, at: NOW - DAY, minutes: 20, rating: 3, note: 'x' },
		NOW
	);
	await logPractice({ skillId: b.id, at: NOW - 2 * DAY, minutes: 5, rating: 2, note: '' }, NOW);
	await deletePractice(e, NOW + 1); // a tombstone travels too
	await saveTemplate(
		{ name: 'Intro', prompt: 'Say hi', durationMs: 60_000, questions: ['Q?'] },
		NOW
	);
	return { a, b };
}

const roundTrip = (backup: unknown) => {
	const parsed = parseBackup(JSON.stringify(backup));
	if (!parsed.ok) throw new Error(parsed.error);
	return parsed.backup;
};

beforeEach(wipe);
afterEach(() => closeDb());

describe('backup and restore', () => {
	it('export → wipe → import restores every record, field by field, tombstones included', async () => {
		await seed();
		const before = await everything();
		const backup = roundTrip(await exportBackup(NOW));
		expect(backup.version).toBe(4);
		await wipe();
		const summary = await importBackup(backup);
		expect(summary.stores.skills.added).toBe(2);
		expect(summary.stores.events.added).toBe(2);
		expect(await everything()).toEqual(before);
	});

	it('keeps derived data, which catches up with imported records however old their dates', async () => {
		// Derived data made before the import: a checkpoint, a book's counts, a saved search index.
		const skill = await ensureSkill('Listening', NOW);
		await logPractice(
			{ skillId: skill.id, at: NOW - 40 * DAY, minutes: 20, rating: 3, note: '' },
			NOW
		);
		const book = await saveBook(
			{ title: 'Just Listen', author: '', color: null, status: 'reading', skillIds: [] },
			NOW
		);
		const through = NOW - DAY;
		const before = (await historiesAt([skill.id], through)).get(skill.id)!;
		expect(before.fold.state.sessions).toBe(1);
		expect((await bookStats([book.id])).get(book.id)?.total).toBe(0);
		const engine = new SearchEngine();
		await engine.sync();
		await engine.save(NOW);
		expect(await withDb((db) => db.count('checkpoints'))).toBe(1);

		// A file from another device, with records written long before any of that.
		const file = roundTrip(await exportBackup(NOW));
		const long = NOW - 300 * DAY;
		file.stores.events.push(
			makeBlock(skill.id, monthOf(long), [eventRecord(skill.id, long, { updatedAt: long })])
		);
		file.stores.passages.push(
			passageRecord('p-old', book.id, { text: 'Unhurried attention.', updatedAt: long })
		);
		file.stores.drills.push(
			drillRecord(skill.id, long, { text: 'Quokka listening exercise.', updatedAt: long })
		);
		await importBackup(roundTrip(file));

		expect(await withDb((db) => db.count('checkpoints'))).toBe(1);
		const after = (await historiesAt([skill.id], through)).get(skill.id)!;
		expect(after.fold.state.sessions).toBe(2);
		expect((await bookStats([book.id])).get(book.id)?.total).toBe(1);
		await engine.sync();
		expect(engine.query('unhurried').map((h) => h.recordId)).toEqual(['p-old']);
		expect(engine.query('quokka')).toHaveLength(1);
		// A new tab, from the saved index: it catches up the same way.
		const fresh = new SearchEngine();
		await fresh.sync();
		expect(fresh.query('quokka')).toHaveLength(1);
	});

	it('a second import of the same file adds nothing', async () => {
		await seed();
		const backup = roundTrip(await exportBackup(NOW));
		const summary = await importBackup(backup);
		expect(summary.stores.skills).toMatchObject({ added: 0, updated: 0, skipped: { same: 2 } });
		const before = await everything();
		await importBackup(backup);
		expect(await everything()).toEqual(before);
	});

	it('an older backup over newer data keeps the newer records', async () => {
		const { a } = await seed();
		const old = roundTrip(await exportBackup(NOW));
		await renameSkill(a.id, 'Active listening', NOW + DAY);
		const summary = await importBackup(old);
		expect(summary.stores.skills.skipped['yours-newer']).toBe(1);
		const skill = await withDb((db) => db.get('skills', a.id));
		expect(skill?.name).toBe('Active listening');
	});

	it('joins a same-named skill from another device onto ours, with its practice', async () => {
		await seed();
		const other = roundTrip(await exportBackup(NOW));
		const fileBefore = structuredClone(other);
		await wipe();
		const mine = await ensureSkill('listening', NOW);
		const summary = await importBackup(other);
		expect(summary.mergedSkills).toBe(1);
		expect(other).toEqual(fileBefore); // the parsed file is read, never changed
		const skills = await withDb((db) => db.getAll('skills'));
		expect(skills.filter((s) => s.nameKey === 'listening')).toHaveLength(1);
		const events = (await storedEvents()).filter((e) => e.skillId === mine.id);
		expect(events).toHaveLength(1); // the tombstoned one moved too
	});

	it('joining a skill moves every reference to it: passages, books and plans too', async () => {
		const theirs = await ensureSkill('Listening', NOW);
		const book = await saveBook(
			{ title: 'Just Listen', author: '', color: null, status: 'reading', skillIds: [theirs.id] },
			NOW
		);
		await capturePassage(
			{
				bookId: book.id,
				text: 'Be more interested than interesting.',
				location: '',
				reaction: null,
				note: '',
				skillId: theirs.id,
				source: 'typed'
			},
			NOW
		);
		await savePlan(
			{
				weekKey: '2026-11-29',
				items: [{ skillId: theirs.id, skillName: 'Listening', targetDrills: 2 }],
				createdAt: NOW
			},
			'2026-11-22',
			NOW
		);
		const other = roundTrip(await exportBackup(NOW));
		await wipe();
		const mine = await ensureSkill('listening', NOW);
		await importBackup(other);

		const ids = new Set((await withDb((db) => db.getAll('skills'))).map((s) => s.id));
		expect(ids).toEqual(new Set([mine.id]));
		const passages = await withDb((db) => db.getAll('passages'));
		expect(passages.map((p) => p.skillId)).toEqual([mine.id]);
		const books = await withDb((db) => db.getAll('books'));
		expect(books.map((b) => b.skillIds)).toEqual([[mine.id]]);
		const plan = await getPlan('2026-11-29');
		expect(plan?.items.map((i) => i.skillId)).toEqual([mine.id]);
	});

	it('an error in the middle changes nothing', async () => {
		await seed();
		const backup = roundTrip(await exportBackup(NOW));
		await wipe();
		await ensureSkill('Untouched', NOW);
		const before = await everything();
		let calls = 0;
		await expect(
			importBackup(backup, () => {
				if (++calls > 1) throw new Error('Simulated failure');
			})
		).rejects.toThrow('Simulated failure');
		expect(await everything()).toEqual(before);
	});
});

describe('limits', () => {
	const at = (field: LimitName) => 'x'.repeat(LIMITS[field]);
	const key = (field: LimitName, prefix: string) =>
		prefix + 'k'.repeat(LIMITS[field] - prefix.length);

	/** One record of every kind, every text at the longest the app lets anyone store. */
	function everyKindAtItsLimit() {
		const base = largeBackup({ seed: 9, days: 2, skills: 1, drills: 1, books: 1, passages: 1 });
		const s = base.stores;
		const setup = {
			skillName: at('skillName'),
			otherSkillName: at('skillName'),
			subject: at('subject'),
			prompt: at('prompt'),
			promptKey: at('promptKey'),
			reflectionQuestions: [at('question')],
			// Answered aloud: the drill says so on every device (its recording stays on one).
			spoken: true
		};
		const reflections = [{ question: at('question'), answer: at('answer') }];
		const drill = { ...s.drills[0], ...setup, text: at('drillText'), reflections };
		const {
			wordCount: _w,
			finishedAt: _f,
			activeMs: _a,
			overtimeMs: _o,
			endedEarly: _e,
			durationMs,
			...rest
		} = drill;
		return {
			...base,
			stores: {
				...s,
				meta: [{ key: key('metaKey', 'note:'), value: at('note'), updatedAt: NOW }],
				skills: [{ ...s.skills[0], id: at('id'), name: at('skillName'), nameKey: at('skillName') }],
				drills: [drill],
				drafts: [
					{
						...rest,
						id: 'draft-1',
						timer: startTimer(durationMs, NOW),
						phase: 'writing' as const
					}
				],
				events: [
					{
						...s.events[0],
						skillId: at('id'),
						events: [
							{
								...s.events[0].events[0],
								skillId: at('id'),
								note: at('note'),
								promptKey: at('promptKey')
							}
						]
					}
				],
				templates: [
					{
						...s.templates[0],
						name: at('templateName'),
						prompt: at('prompt'),
						questions: [at('question')]
					}
				],
				books: [
					{
						...s.books[0],
						title: at('bookTitle'),
						author: at('author'),
						titleKey: at('titleKey'),
						noRevisit: true
					}
				],
				passages: [
					{
						...s.passages[0],
						text: at('passageText'),
						location: at('location'),
						note: at('note'),
						reaction: at('id'),
						importKey: at('importKey'),
						answers: s.passages[0].answers.map((a) => ({ ...a, text: at('answer') })),
						// Its place in Revisit travels with it.
						revisit: {
							due: NOW + 9 * DAY,
							last: NOW,
							stability: 8.3,
							difficulty: 4.9,
							reps: 3,
							lapses: 1,
							state: 2,
							excluded: false,
							response: 'changed' as const
						}
					}
				],
				reactions: [
					{
						id: 'r-1',
						createdAt: NOW,
						updatedAt: NOW,
						deletedAt: null,
						name: at('reactionName'),
						color: '#336699'
					}
				]
			}
		};
	}

	it('a backup with every record kind at every limit restores, and exports the same again', async () => {
		const file = everyKindAtItsLimit();
		const parsed = parseBackup(JSON.stringify(file));
		if (!parsed.ok) throw new Error(parsed.error);
		for (const name of STORE_NAMES)
			expect(parsed.backup.stores[name]).toHaveLength(file.stores[name].length);
		await importBackup(parsed.backup);
		const again = parseBackup(JSON.stringify(await exportBackup(NOW)));
		if (!again.ok) throw new Error(again.error);
		for (const name of STORE_NAMES) {
			const byId = (r: object) => JSON.stringify(r);
			expect(again.backup.stores[name].map(byId).sort()).toEqual(
				parsed.backup.stores[name].map(byId).sort()
			);
		}
		// Fields added since (Revisit's) are kept, not stripped as unknown.
		expect(again.backup.stores.passages[0].revisit).toEqual(file.stores.passages[0].revisit);
		expect(again.backup.stores.books[0].noRevisit).toBe(true);
		expect(again.backup.stores.drills[0].spoken).toBe(true);
		expect(again.backup.stores.drafts[0].spoken).toBe(true);
	});

	it('one character over a limit is refused in words a person understands', () => {
		const file = everyKindAtItsLimit();
		file.stores.drills[0].text += '!';
		const r = parseBackup(JSON.stringify(file));
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.error).toContain(
				`A drill from ${formatDate(file.stores.drills[0].startedAt)} — its text is 1,000,001 characters long`
			);
			expect(r.error).not.toMatch(/stores\.|\.0\./);
		}
	});
});
