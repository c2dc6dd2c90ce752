import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDb } from '$lib/db';
import { resetDatabase } from '$lib/db/testing';
import { buildSetup } from './model';
import { getDrill, loadDraft } from './repo';
import { DrillSession } from './state.svelte';

const setup = buildSetup({ kind: 'write-x', skillId: null, skillName: 'Listening' });

beforeEach(async () => {
	localStorage.clear();
	await resetDatabase();
});
afterEach(async () => {
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
