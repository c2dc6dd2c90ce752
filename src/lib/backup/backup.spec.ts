import { formatDate } from '$lib/time/format';
import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BACKUP_VERSION, parseBackup, parseBackupInSteps } from './format';
import { planMerge, skillAliases } from './merge';
import { drillsToMarkdown } from './markdown';
import { backupReminderDue } from './reminder';
import type { DrillRecord } from '$lib/db/schema';
import { largeBackup } from '$lib/seed/large';
import { skillRecord } from '$lib/testing/records';

const skill = (id: string, name: string, updatedAt = 1, extra = {}) =>
	skillRecord(id, { name, createdAt: 1, updatedAt, ...extra });
const file = (stores: Record<string, unknown>, version = BACKUP_VERSION) =>
	JSON.stringify({ format: BACKUP_FORMAT, version, exportedAt: 5, stores });

describe('parseBackup', () => {
	it('accepts a valid file and strips unknown keys', () => {
		const r = parseBackup(file({ skills: [{ ...skill('a', 'Listening'), secret: 'x' }] }));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.backup.stores.skills[0]).toEqual(skill('a', 'Listening'));
		expect(r.backup.stores.drills).toEqual([]);
	});

	it.each([
		['', /empty/],
		['   ', /empty/],
		['{not json', /not valid JSON/],
		['[]', /not a Whetstone backup/],
		['"text"', /not a Whetstone backup/],
		[JSON.stringify({ hello: 1 }), /format is not named/],
		[JSON.stringify({ format: BACKUP_FORMAT }), /no valid version/],
		[file({}, BACKUP_VERSION + 1), /newer version of Whetstone/],
		[
			file({ skills: [{ id: 'a' }] }),
			/^This backup was not imported: A skill — its [\w ]+ is missing \(and \d+ more problems\)\. Nothing was changed\.$/
		],
		[
			file({ skills: [{ ...skill('a', 'Active listening'), createdAt: 'yesterday' }] }),
			/A skill, “Active listening”, — its creation date is not something Whetstone can read/
		],
		[file({ events: 'lots' }), /its list of practice entries is not a list/]
	])('refuses %j with a clear message', (text, message) => {
		const r = parseBackup(text);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error).toMatch(message);
	});

	it('checks a large file slice by slice and returns every record as it was', () => {
		// 40 skills × 300 days = 12,000 events in 400 blocks: two slices of blocks, three of other records.
		const big = largeBackup({ seed: 4, days: 300, skills: 40, drills: 50, books: 2, passages: 20 });
		const r = parseBackup(JSON.stringify(big));
		if (!r.ok) throw new Error(r.error);
		expect(r.backup.stores.events.flatMap((b) => b.events)).toHaveLength(12_000);
		expect(r.backup.stores.events).toHaveLength(400);
		expect(r.backup).toEqual(JSON.parse(JSON.stringify(big)));
	});

	it('can hand the thread back between slices, saying how far it got', async () => {
		const big = largeBackup({ seed: 4, days: 300, skills: 40, drills: 50, books: 2, passages: 20 });
		const text = JSON.stringify(big);
		const steps: [number, number][] = [];
		const r = await parseBackupInSteps(text, async (checked, total) => {
			steps.push([checked, total]);
		});
		expect(r).toEqual(parseBackup(text));
		const blocks = big.stores.events.length;
		const total = blocks + 40 + 50 + 2 + 20 + big.stores.readingSessions.length + 5;
		expect(steps.at(-1)).toEqual([total, total]);
		expect(steps.map(([c]) => c)).toEqual([...steps.map(([c]) => c)].sort((a, b) => a - b));
		expect(steps.length).toBeGreaterThan(3);
	});

	it('names the right record when a problem lies deep in a large store', () => {
		const big = largeBackup({ seed: 4, days: 300, skills: 40, drills: 5, books: 1, passages: 2 });
		const block = big.stores.events[345];
		(block.events[5] as { minutes: unknown }).minutes = 'ten';
		const r = parseBackup(JSON.stringify(big));
		expect(r.ok).toBe(false);
		const name = big.stores.skills.find((s) => s.id === block.skillId)!.name;
		const month = new Date(block.events[5].at).toLocaleDateString('en-GB', {
			month: 'long',
			year: 'numeric',
			timeZone: 'UTC'
		});
		if (!r.ok)
			expect(r.error).toContain(
				`the practice of “${name}” in ${month} — one entry's number of minutes is not`
			);
	});

	it('refuses a block whose events belong elsewhere, naming its skill and month', () => {
		const small = largeBackup({ seed: 4, days: 60, skills: 2, drills: 1, books: 1, passages: 1 });
		const [first, second] = small.stores.events;
		first.events.push(second.events[0]);
		const r = parseBackup(JSON.stringify(small));
		expect(r.ok).toBe(false);
		if (!r.ok)
			expect(r.error).toMatch(
				/^This backup was not imported: the practice of “.+” in \w+ \d{4} is damaged — it holds practice (of another skill|from another month)\. Nothing was changed\.$/
			);
	});

	it('reads a version-3 file, which lists events one by one, into blocks', () => {
		const big = largeBackup({ seed: 4, days: 90, skills: 3, drills: 2, books: 1, passages: 2 });
		const flat = big.stores.events.flatMap((b) => b.events);
		const r = parseBackup(file({ ...big.stores, events: [...flat].reverse() }, 3));
		if (!r.ok) throw new Error(r.error);
		expect(r.backup.version).toBe(BACKUP_VERSION);
		const sortBlocks = (bs: typeof big.stores.events) =>
			[...bs].sort((a, b) => a.skillId.localeCompare(b.skillId) || a.month - b.month);
		expect(sortBlocks(r.backup.stores.events)).toEqual(sortBlocks(big.stores.events));
	});

	it('names a damaged event of a version-3 file as before: by its date', () => {
		const big = largeBackup({ seed: 4, days: 30, skills: 1, drills: 1, books: 1, passages: 1 });
		const flat = big.stores.events.flatMap((b) => b.events);
		(flat[7] as { minutes: unknown }).minutes = 'ten';
		const r = parseBackup(file({ ...big.stores, events: flat }, 3));
		expect(r.ok).toBe(false);
		const at = formatDate(flat[7].at);
		if (!r.ok)
			expect(r.error).toContain(`A practice entry from ${at} — its number of minutes is not`);
	});

	it('upgrades a version-1 file (skills without a line)', () => {
		const old = skill('a', 'Listening') as Record<string, unknown>;
		delete old.line;
		const r = parseBackup(file({ skills: [old] }, 1));
		expect(r.ok && r.backup.stores.skills[0].line).toBeNull();
		expect(r.ok && r.backup.version).toBe(BACKUP_VERSION);
		expect(r.ok && r.backup.stores.books).toEqual([]);
	});

	it('never lets __proto__ or constructor.prototype reach a prototype', () => {
		const evil = `{"format":"${BACKUP_FORMAT}","version":${BACKUP_VERSION},"exportedAt":1,
			"__proto__":{"polluted":"yes"},
			"stores":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},
			"meta":[{"key":"k","updatedAt":1,"value":{"__proto__":{"polluted":"yes"},
			"constructor":{"prototype":{"polluted":"yes"}}}}],
			"skills":[${JSON.stringify(skill('a', 'A')).replace('{', '{"__proto__":{"polluted":"yes"},')}]}}`;
		const r = parseBackup(evil);
		expect(r.ok).toBe(true);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		if (!r.ok) return;
		const value = r.backup.stores.meta[0].value as object;
		expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
		expect(Object.keys(value)).toEqual([]);
		expect((r.backup.stores.skills[0] as Record<string, unknown>).polluted).toBeUndefined();
		expect((r.backup.stores as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(r.backup.stores)).toBe(Object.prototype);
	});
});

describe('planMerge', () => {
	const existing = new Map([
		['a', { id: 'a', updatedAt: 10 }],
		['b', { id: 'b', updatedAt: 10 }],
		['c', { id: 'c', updatedAt: 10 }]
	]);
	it('adds new, updates older, keeps newer and identical', () => {
		const plan = planMerge(existing, [
			{ id: 'a', updatedAt: 20 },
			{ id: 'b', updatedAt: 10 },
			{ id: 'c', updatedAt: 5 },
			{ id: 'd', updatedAt: 1 }
		]);
		expect(plan.put.map((r) => r.id).sort()).toEqual(['a', 'd']);
		expect(plan).toMatchObject({ added: 1, updated: 1, skipped: { same: 1, 'yours-newer': 1 } });
	});
	it('is idempotent: merging the result again changes nothing', () => {
		const incoming = [
			{ id: 'a', updatedAt: 20 },
			{ id: 'd', updatedAt: 1 }
		];
		const first = planMerge(existing, incoming);
		const after = new Map(existing);
		for (const r of first.put) after.set(r.id, r);
		expect(planMerge(after, incoming)).toMatchObject({ put: [], added: 0, updated: 0 });
	});
	it('keeps the newest copy when a file holds an id twice', () => {
		const plan = planMerge(new Map(), [
			{ id: 'x', updatedAt: 1 },
			{ id: 'x', updatedAt: 3 },
			{ id: 'x', updatedAt: 2 }
		]);
		expect(plan.put).toEqual([{ id: 'x', updatedAt: 3 }]);
	});
});

describe('skillAliases', () => {
	it('maps a same-named skill from another device onto ours', () => {
		const aliases = skillAliases(
			[skill('mine', 'listening')],
			[skill('theirs', 'listening'), skill('mine', 'listening'), skill('other', 'chess')]
		);
		expect([...aliases]).toEqual([['theirs', 'mine']]);
	});
});

describe('drillsToMarkdown', () => {
	it('writes readable Markdown, newest first, without deleted drills', () => {
		const d = (id: string, startedAt: number, extra: Partial<DrillRecord> = {}) =>
			({
				id,
				kind: 'write-x',
				prompt: 'Listening: how do you do it?',
				skillName: 'Listening',
				text: `Text ${id}`,
				wordCount: 2,
				startedAt,
				reflections: [{ question: 'Hardest part?', answer: 'Waiting.' }],
				deletedAt: null,
				...extra
			}) as DrillRecord;
		const md = drillsToMarkdown(
			[d('old', 1000), d('new', 2_000_000), d('gone', 3000, { deletedAt: 4000 })],
			5_000_000
		);
		expect(md).toMatch(/^# Whetstone drills/);
		expect(md.indexOf('Text new')).toBeLessThan(md.indexOf('Text old'));
		expect(md).not.toMatch(/Text gone/);
		expect(md).toMatch(/\*\*Hardest part\?\*\* Waiting\./);
		expect(md).toMatch(/2 drills/);
	});
});

describe('backupReminderDue', () => {
	const DAY = 86_400_000;
	const base = { persisted: false, kept: 3, lastBackupAt: null, now: 100 * DAY };
	it('reminds when storage is not persistent and there is no recent backup', () => {
		expect(backupReminderDue(base)).toBe(true);
		expect(backupReminderDue({ ...base, lastBackupAt: 85 * DAY })).toBe(true);
	});
	it('stays quiet when persistent, recently backed up, or empty', () => {
		expect(backupReminderDue({ ...base, persisted: true })).toBe(false);
		expect(backupReminderDue({ ...base, lastBackupAt: 87 * DAY })).toBe(false);
		expect(backupReminderDue({ ...base, kept: 0 })).toBe(false);
		// One drill and its practice are not yet worth a reminder.
		expect(backupReminderDue({ ...base, kept: 2 })).toBe(false);
	});
});
