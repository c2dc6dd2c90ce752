import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDb } from '$lib/db';
import { resetDatabase } from '$lib/db/testing';
import { buildSetup } from './model';
import { getDrill, loadDraft, saveDraft } from './repo';
import { DrillSession } from './state.svelte';
import { remainingMs } from './timer';
import { installMemoryLocks } from '$lib/testing/locks';

const setup = buildSetup({ kind: 'write-x', skillId: null, skillName: 'Listening' });

beforeEach(async () => {
	localStorage.clear();
	await resetDatabase();
});
afterEach(async () => {
	vi.useRealTimers();
	vi.restoreAllMocks();
	await closeDb();
});

async function started(): Promise<DrillSession> {
	const session = new DrillSession();
	await session.load();
	await session.start(setup, 300_000);
	return session;
}

describe('the drill session', () => {
	it('writes every change, one write at a time, ending with the latest text', async () => {
		const session = await started();
		const puts: string[] = [];
		const put = IDBObjectStore.prototype.put;
		vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
			this: IDBObjectStore,
			...args: Parameters<typeof put>
		) {
			if (this.name === 'drafts') puts.push((args[0] as { text: string }).text);
			return put.apply(this, args);
		});
		const words = 'Listen first then ask one question'.split(' ');
		words.forEach((_, i) => session.setText(words.slice(0, i + 1).join(' ')));
		expect(session.saved).toBe(false);
		await session.flush();
		expect(session.saved).toBe(true);
		expect((await loadDraft())?.text).toBe(words.join(' '));
		// Typing faster than the disk: the queued versions collapse into the latest one.
		expect(puts.length).toBeLessThan(words.length);
		expect(puts.at(-1)).toBe(words.join(' '));
	});

	it('keeps the text when a save fails, says so, and saves it on the retry', async () => {
		const session = await started();
		let failures = 1;
		const put = IDBObjectStore.prototype.put;
		vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
			this: IDBObjectStore,
			...args: Parameters<typeof put>
		) {
			if (this.name === 'drafts' && failures > 0) {
				failures--;
				throw new DOMException('The disk is full.', 'QuotaExceededError');
			}
			return put.apply(this, args);
		});
		session.setText('Words that must survive');
		await expect.poll(() => session.saveError).not.toBeNull();
		expect(session.draft?.text).toBe('Words that must survive');
		expect(session.saved).toBe(false);
		// The mirror (a synchronous copy) has the words while the database does not.
		expect(localStorage.length).toBeGreaterThan(0);
		await expect.poll(() => session.saveError, { timeout: 15_000 }).toBeNull();
		expect((await loadDraft())?.text).toBe('Words that must survive');
		expect(session.saved).toBe(true);
	});

	it('refuses text longer than a drill can hold, and keeps what was there', async () => {
		const session = await started();
		session.setText('Short and kept');
		expect(session.setText('x'.repeat(2_000_000))).toBe(false);
		expect(session.limitError).toMatch(/Nothing was added/);
		expect(session.draft?.text).toBe('Short and kept');
	});

	it('started to wait for the first keystroke: no time passes until then, even across a reload', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(1_000_000);
		const first = new DrillSession();
		await first.load();
		await first.start(setup, 300_000, { startOnType: true });
		expect(first.waiting).toBe(true);
		await first.flush();

		// A minute reading the prompt, on a page opened again.
		vi.setSystemTime(1_060_000);
		const session = new DrillSession();
		await session.load();
		expect(session.waiting).toBe(true);
		expect(remainingMs(session.draft!.timer, Date.now())).toBe(300_000);

		session.setText('L');
		expect(session.waiting).toBe(false);
		vi.setSystemTime(1_090_000);
		expect(remainingMs(session.draft!.timer, Date.now())).toBe(270_000);
		await session.flush();
		expect((await loadDraft())?.timer.status).toBe('running');
	});

	it('without it, the clock runs from the start', async () => {
		const session = await started();
		expect(session.waiting).toBe(false);
		expect(session.draft!.timer.status).toBe('running');
	});

	it('finishing saves the drill, clears the draft and the mirror', async () => {
		const session = await started();
		session.setText('Done and dusted');
		const id = await session.finish();
		expect((await getDrill(id))?.text).toBe('Done and dusted');
		expect(await loadDraft()).toBeNull();
		expect(session.draft).toBeNull();
		expect(localStorage.length).toBe(0);
	});
});

describe('a drill open in two tabs', () => {
	let uninstall: () => void;
	beforeEach(() => {
		uninstall = installMemoryLocks();
	});
	afterEach(() => uninstall());

	it('is written by one tab; the other shows it read-only, and can take it over', async () => {
		const first = await started();
		first.setText('Typed in the first tab');
		await first.flush();

		const second = new DrillSession();
		await second.load();
		expect(second.owner).toBe(false);
		expect(second.draft?.text).toBe('Typed in the first tab');
		expect(second.setText('Typed in the second tab')).toBe(false);
		expect(second.draft?.text).toBe('Typed in the first tab');

		// The owner keeps typing: the read-only tab follows.
		first.setText('Typed in the first tab, and more');
		await first.flush();
		await expect.poll(() => second.draft?.text).toBe('Typed in the first tab, and more');

		await second.takeOver();
		expect(second.owner).toBe(true);
		await expect.poll(() => first.owner).toBe(false);
		expect(first.setText('Too late')).toBe(false);
		expect(second.draft?.text).toBe('Typed in the first tab, and more');
		expect(second.setText('Carried on in the second tab')).toBe(true);
		await second.flush();
		expect((await loadDraft())?.text).toBe('Carried on in the second tab');
	});

	it('keeps the old owner’s last words when its write lands after the take-over', async () => {
		const first = await started();
		first.setText('Before');
		await first.flush();
		const second = new DrillSession();
		await second.load();
		await second.takeOver();
		// The first tab's save that was already under way when it lost the drill:
		const stored = (await loadDraft())!;
		await saveDraft({
			...stored,
			text: 'Before, and the last words',
			updatedAt: stored.updatedAt + 5
		});
		await expect.poll(() => second.draft?.text).toBe('Before, and the last words');
		expect(second.setText('Before, and the last words. Then mine.')).toBe(true);
		await second.flush();
		expect((await loadDraft())?.text).toBe('Before, and the last words. Then mine.');
	});

	it('passes to the waiting tab when the owner finishes, and the waiting tab can start the next', async () => {
		const first = await started();
		const second = new DrillSession();
		await second.load();
		expect(second.owner).toBe(false);

		first.setText('Finished here');
		await first.finish();
		await expect.poll(() => second.owner).toBe(true);
		await expect.poll(() => second.draft).toBeNull();

		await second.start(setup, 60_000);
		expect(second.owner).toBe(true);
		// The lock is the second tab's now: a third tab is read-only.
		const third = new DrillSession();
		await third.load();
		expect(third.owner).toBe(false);
	});
});
