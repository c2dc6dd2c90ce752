import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, withDb, write } from '$lib/db';
import { onChange } from '$lib/db/changes';
import { touched } from '$lib/db/record';
import { resetDatabase } from '$lib/db/testing';
import { putEvent } from '$lib/db/events';
import {
	bookRecord,
	drillRecord,
	eventRecord,
	passageRecord,
	skillRecord
} from '$lib/testing/records';
import {
	applyRemote,
	beginRestore,
	beginSync,
	countPending,
	everything,
	finishRestore,
	gapsBetween,
	itemOf,
	pendingSince,
	readSyncState,
	wireRecord
} from './repo';
import { checkedItem } from './engine';
import { intoMonths } from '$lib/db/block-merge';
import { monthOf } from '$lib/db/blocks';
import { storedEvents } from '$lib/db/testing';

const T = Date.UTC(2026, 10, 30, 9);

beforeEach(resetDatabase);
afterEach(() => closeDb());

const putSkill = (skill: ReturnType<typeof skillRecord>) =>
	write(['skills'], async (tx) => {
		await tx.objectStore('skills').put(skill);
	});
const putMeta = (key: string, value: unknown) =>
	write(['meta'], async (tx) => {
		await tx.objectStore('meta').put({ key, value, updatedAt: T } as never);
	});

describe("sync's side of the database", () => {
	it('lists what was written after the last push, and never device-only settings', async () => {
		await beginSync('http://localhost:5985', 'ann', 'userdb-616e6e');
		await putSkill(skillRecord('s1', { name: 'Listening' }));
		const { upTo: first } = await pendingSince(0);
		await putSkill(skillRecord('s2', { name: 'Pausing' }));
		await putMeta('reviewDay', 1);
		await putMeta('lastBackupAt', T);
		const { items, upTo } = await pendingSince(first);
		expect(items.map((i) => [i.kind, i.key])).toEqual([
			['skills', 's2'],
			['meta', 'reviewDay']
		]);
		expect(upTo).toBeGreaterThan(first);
		// The local stamp never travels.
		expect(items.every((i) => !('seq' in i.record))).toBe(true);
		expect((await pendingSince(upTo)).items).toEqual([]);
	});

	it('counts what waits exactly as it lists it, for every kind of store', async () => {
		await beginSync('http://localhost:5985', 'ann', 'userdb-616e6e');
		await putSkill(skillRecord('s1', { name: 'Listening' }));
		const { upTo: first } = await pendingSince(0);
		expect(await countPending(0)).toBe(1);
		expect(await countPending(first)).toBe(0);
		await write(['drills', 'events', 'books', 'passages'], async (tx) => {
			await tx.objectStore('drills').put(drillRecord('s1', T));
			await putEvent(tx, eventRecord('s1', T));
			await putEvent(tx, eventRecord('s1', T - 120 * 86_400_000));
			await tx.objectStore('books').put(bookRecord('b1'));
			await tx.objectStore('passages').put(passageRecord('p1', 'b1'));
		});
		await putMeta('reviewDay', 1);
		await putMeta('lastBackupAt', T);
		const { items } = await pendingSince(first);
		// A drill, two event blocks (two quarters), a book, a passage, one synced setting.
		expect(items.map((i) => i.kind).sort()).toEqual(
			['books', 'drills', 'events', 'events', 'meta', 'passages'].sort()
		);
		expect(await countPending(first)).toBe(items.length);
		expect(await countPending(0)).toBe(items.length + 1);
	});

	it('merges what comes from the server, says what must go back, and moves the feed position', async () => {
		await beginSync('http://localhost:5985', 'ann', 'userdb-616e6e');
		const mine = skillRecord('s1', { name: 'Listening' });
		await putSkill(mine);
		const { upTo } = await pendingSince(0);
		await write(['sync'], async (tx) => {
			const state = await tx.objectStore('sync').get('state');
			await tx.objectStore('sync').put({ ...(state as object), pushedSeq: upTo } as never);
		});
		const origins: string[] = [];
		const stop = onChange((c) => origins.push(c.origin));

		// Newer on the server: taken, and nothing to push back.
		const renamed = touched(mine, T, { name: 'Active listening', nameKey: 'active listening' });
		const result = await applyRemote([itemOf('skills', renamed)], '7-abc');
		expect(result).toEqual({ differ: 0, changed: 1 });
		const stored = await withDb((db) => db.get('skills', 's1'));
		expect(stored?.name).toBe('Active listening');
		expect((await readSyncState())?.since).toBe('7-abc');
		// Nothing of ours was waiting: still everything pushed (no echo goes back up).
		expect((await pendingSince((await readSyncState())!.pushedSeq)).items).toEqual([]);

		// Older on the server: ours stays, and is counted to be pushed back.
		const older = { ...mine, name: 'Old name' };
		expect((await applyRemote([itemOf('skills', older)], '8-abc')).differ).toBe(1);
		expect((await withDb((db) => db.get('skills', 's1')))?.name).toBe('Active listening');
		expect(origins).toContain('sync');
		stop();
	});

	it('reads everything for a snapshot: tombstones too, device-only settings never, with its feed position', async () => {
		await beginSync('http://localhost:5985', 'ann', 'userdb-616e6e');
		await putSkill(skillRecord('s1'));
		await putSkill({ ...skillRecord('s2'), deletedAt: T });
		await putMeta('plan:2026-W48', { items: [] });
		await putMeta('lastBackupAt', T);
		await applyRemote([], '42-x');
		const { items, since } = await everything();
		expect(since).toBe('42-x');
		expect(items.map((i) => `${i.kind}:${i.key}`).sort()).toEqual([
			'meta:plan:2026-W48',
			'skills:s1',
			'skills:s2'
		]);
		expect(items.every((i) => !('seq' in i.record))).toBe(true);
	});

	it('sends blocks of practice with whole events (as every app version reads them), and merges whole ones in', async () => {
		await beginSync('http://localhost:5985', 'ann', 'userdb-616e6e');
		await putSkill(skillRecord('s1'));
		const here = eventRecord('s1', T, { id: 'here' });
		await write(['events'], (tx) => putEvent(tx, here));
		const blocks = async () => (await pendingSince(0)).items.filter((i) => i.kind === 'events');
		// Stored compactly…
		const stored = (await withDb((db) => db.getAll('events')))[0];
		expect(stored.events[0]).not.toHaveProperty('skillId');
		// …sent whole to the server; a snapshot carries it as stored.
		const [sent] = await blocks();
		expect(sent.record).toEqual({ skillId: 's1', month: stored.month, events: [here] });
		const { seq: _seq, ...asStored } = stored;
		expect((await everything()).items.find((i) => i.kind === 'events')?.record).toEqual(asStored);
		// Another device's copy of the block, whole, merges with ours by event id.
		const there = eventRecord('s1', T + 1000, { id: 'there', note: 'from the laptop' });
		const theirs = { ...sent.record, events: [here, there] };
		const { differ } = await applyRemote([itemOf('events', theirs)], '9-x');
		expect(differ).toBe(0);
		const [merged] = await blocks();
		expect(merged.record).toEqual(theirs);
	});

	it('sends a quarter’s block as `from` its first month, and takes an earlier version’s months into their quarter’s block', async () => {
		await beginSync('http://localhost:5985', 'ann', 'userdb-616e6e');
		await putSkill(skillRecord('s1'));
		const oct = Date.UTC(2026, 9, 5);
		const here = eventRecord('s1', oct, { id: 'here' });
		await write(['events'], (tx) => putEvent(tx, here));
		const [sent] = (await pendingSince(0)).items.filter((i) => i.kind === 'events');
		expect(wireRecord('events', sent.record)).toEqual({
			skillId: 's1',
			from: monthOf(oct),
			events: [here]
		});
		expect(checkedItem({ kind: 'events', record: wireRecord('events', sent.record) })).toEqual(
			sent
		);
		// An earlier version's documents: October (edited elsewhere), November and December,
		// in one page of the feed — each named by its own month, all stored in one block.
		const edited = { ...here, note: 'later', updatedAt: oct + 5000 };
		const nov = eventRecord('s1', Date.UTC(2026, 10, 3), { id: 'nov' });
		const dec = eventRecord('s1', Date.UTC(2026, 11, 24), { id: 'dec' });
		const months = intoMonths([edited, nov, dec]).map((b) => itemOf('events', b));
		expect(months.map((i) => i.key)).toEqual(
			[9, 10, 11].map((m) => `s1\u0000${monthOf(oct) - 9 + m}`)
		);
		expect(months.every((i) => i.record.month === monthOf(oct))).toBe(true);
		expect((await applyRemote(months, '12-x')).differ).toBe(0); // the server has it all
		expect(await withDb((db) => db.count('events'))).toBe(1);
		expect((await storedEvents()).sort((a, b) => a.at - b.at)).toEqual([edited, nov, dec]);
		// Practice here that those months lack: the quarter's block must go back.
		const mine = eventRecord('s1', Date.UTC(2026, 10, 20), { id: 'mine' });
		await write(['events'], (tx) => putEvent(tx, mine));
		expect((await applyRemote(months, '13-x')).differ).toBe(1);
		expect((await storedEvents()).map((e) => e.id).sort()).toEqual(['dec', 'here', 'mine', 'nov']);
	});

	it('keeps both parts of a quarter a first sync brings in two pieces', async () => {
		await beginSync('http://localhost:5985', 'ann', 'userdb-616e6e');
		const jan = eventRecord('s1', Date.UTC(2026, 0, 5), { id: 'jan' });
		const feb = eventRecord('s1', Date.UTC(2026, 1, 5), { id: 'feb' });
		const [a, b] = intoMonths([jan, feb]).map((block) => itemOf('events', block));
		const restore = await beginRestore();
		expect(restore.fresh.has('events')).toBe(true);
		await applyRemote([a], undefined, { restore });
		await applyRemote([b], undefined, { restore });
		expect((await storedEvents()).sort((x, y) => x.at - y.at)).toEqual([jan, feb]);
	});

	it('keeps practice logged here while a first sync is under way', async () => {
		await beginSync('http://localhost:5985', 'ann', 'userdb-616e6e');
		const jan = eventRecord('s1', Date.UTC(2026, 0, 5), { id: 'jan' });
		const may = eventRecord('s1', Date.UTC(2026, 4, 5), { id: 'may' });
		const [a, b] = intoMonths([jan, may]).map((block) => itemOf('events', block));
		await write(['skills'], (tx) => tx.objectStore('skills').put(skillRecord('s1')));
		const restore = await beginRestore();
		await applyRemote([a], undefined, { restore });
		// Logged on this device between two pieces, in the quarter the next piece brings.
		const mine = eventRecord('s1', Date.UTC(2026, 4, 20), { id: 'mine' });
		await write(['events'], (tx) => putEvent(tx, mine));
		const { differ } = await applyRemote([b], undefined, { restore });
		expect((await storedEvents()).sort((x, y) => x.at - y.at)).toEqual([jan, may, mine]);
		// The server lacks it: its quarter waits to be pushed, with the skill only here; January's
		// quarter, as the server holds it, does not.
		expect(differ).toBe(1);
		await finishRestore(restore, '9-x');
		const { items } = await pendingSince((await readSyncState())!.pushedSeq);
		expect(items.map((i) => i.key).sort()).toEqual(['s1', `s1\u0000${monthOf(may.at) - 1}`]);
		const quarter = items.find((i) => i.kind === 'events')!.record;
		expect((quarter.events as { id: string }[]).map((e) => e.id).sort()).toEqual(['may', 'mine']);
	});

	it('after a first sync, only what the server lacks waits to be pushed, not the journal it brought', async () => {
		await beginSync('http://localhost:5985', 'ann', 'userdb-616e6e');
		// This device was used on its own: a skill only here, and two drills the server holds too.
		const same = [drillRecord('s1', T, { id: 'd1' }), drillRecord('s1', T + 1, { id: 'd2' })];
		await write(['skills', 'drills'], async (tx) => {
			await tx.objectStore('skills').put(skillRecord('here', { name: 'Only here' }));
			for (const d of same) await tx.objectStore('drills').put(d);
		});
		const restore = await beginRestore();
		await applyRemote(
			[itemOf('skills', skillRecord('s1')), ...same.map((d) => itemOf('drills', d))],
			undefined,
			{
				restore
			}
		);
		// d2 changed here while the journal arrives.
		await write(['drills'], (tx) => tx.objectStore('drills').put({ ...same[1], text: 'Later.' }));
		const more = Array.from({ length: 5 }, (_, i) =>
			drillRecord('s1', T + 10 + i, { id: `n${i}` })
		);
		await applyRemote(
			more.map((d) => itemOf('drills', d)),
			undefined,
			{ restore }
		);
		await finishRestore(restore, '9-x');

		const state = (await readSyncState())!;
		expect(state).toMatchObject({ since: '9-x', restoring: null });
		const { items } = await pendingSince(state.pushedSeq);
		expect(items.map((i) => i.key).sort()).toEqual(['d2', 'here']);
		expect(await countPending(state.pushedSeq)).toBe(2);
		// Stamped again, not changed.
		expect(items.find((i) => i.key === 'd2')!.record.text).toBe('Later.');
	});

	it('finds the runs of a sequence a restore did not write', () => {
		expect(gapsBetween(1, 10, [3, 4, 8])).toEqual([
			[1, 2],
			[5, 7],
			[9, 10]
		]);
		expect(gapsBetween(1, 3, [0, 1, 2, 3, 9])).toEqual([]);
		expect(gapsBetween(4, 9, [])).toEqual([[4, 9]]);
		expect(gapsBetween(5, 4, [])).toEqual([]);
	});

	it('keeps practice logged here between the start of a first sync and its first piece', async () => {
		await beginSync('http://localhost:5985', 'ann', 'userdb-616e6e');
		const restore = await beginRestore();
		const mine = eventRecord('s1', Date.UTC(2026, 4, 20), { id: 'mine' });
		await write(['events'], (tx) => putEvent(tx, mine));
		const may = eventRecord('s1', Date.UTC(2026, 4, 5), { id: 'may' });
		await applyRemote(
			intoMonths([may]).map((block) => itemOf('events', block)),
			undefined,
			{
				restore
			}
		);
		expect((await storedEvents()).map((e) => e.id).sort()).toEqual(['may', 'mine']);
	});

	it('takes a first sync’s records unread while nothing else writes', async () => {
		await beginSync('http://localhost:5985', 'ann', 'userdb-616e6e');
		const restore = await beginRestore();
		for (const month of [0, 3]) {
			const one = eventRecord('s1', Date.UTC(2025, month, 5), { id: `m${month}` });
			await applyRemote(
				intoMonths([one]).map((block) => itemOf('events', block)),
				undefined,
				{
					restore
				}
			);
		}
		// A write that is not this restore's (settings, a draft, anything owned) ends the fast way.
		expect(restore.fresh.has('events')).toBe(true);
		await write(['skills'], (tx) => tx.objectStore('skills').put(skillRecord('s2')));
		const apr = eventRecord('s1', Date.UTC(2026, 3, 5), { id: 'apr' });
		await applyRemote(
			intoMonths([apr]).map((block) => itemOf('events', block)),
			undefined,
			{
				restore
			}
		);
		expect(restore.fresh.size).toBe(0);
	});
});
