import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { expandBlock, type StoredBlock } from '../../src/lib/db/blocks';

/** The five places of the app, as a user finds them in the navigation. */
export const PLACES = [
	{ path: '/drill', nav: 'Drill', heading: /Drill|Start a drill|Choose a drill/ },
	{ path: '/read', nav: 'Read', heading: /Read/ },
	{ path: '/skills', nav: 'Skills', heading: /Skills/ },
	{ path: '/review', nav: 'Review', heading: /review/i },
	{ path: '/data', nav: 'Data', heading: /Your data/ }
] as const;

/**
 * Fails with the list of violations when axe-core finds any (WCAG 2.x A and AA).
 * In axe's "legacy" mode: one `axe.run` in the page. The default mode runs axe in every frame
 * and then again in a new blank page to merge the results — for pages that embed other
 * origins' frames, which ours never do — and took twice as long (about 1 s a scan instead of
 * 0.5 s quiet, 38 scans in the suite).
 */
export async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
		.setLegacyMode()
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
	);
	expect(summary).toEqual([]);
}

/** Waits until the service worker is `activated` (ready can resolve while still activating). */
export async function waitForActivatedWorker(page: Page) {
	await expect
		.poll(
			() =>
				page.evaluate(async () => {
					const reg = await navigator.serviceWorker.getRegistration();
					return reg?.active?.state ?? 'none';
				}),
			{ timeout: 15_000 }
		)
		.toBe('activated');
}

/** Waits for the app to have hydrated (the layout sets this attribute on mount). */
export async function waitForApp(page: Page) {
	await page.locator('html[data-ready]').waitFor({ state: 'attached' });
}

/** Fill in the drill setup for a Write-X drill and start it; lands on the running drill. */
export async function startWriteX(
	page: Page,
	{ skill, preset }: { skill: string; preset?: '10 s' | '1 min' | '2 min' | '5 min' | '10 min' }
) {
	await page.goto('/drill');
	await waitForApp(page);
	await page.getByLabel('Skill', { exact: true }).fill(skill);
	if (preset) await page.getByRole('radio', { name: preset, exact: true }).check();
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(page).toHaveURL('/drill/run');
	await expect(page.getByLabel('Your writing')).toBeVisible();
}

/**
 * Start a 5-minute Write-X drill under a fake clock frozen at `at` + 1 min, so nothing real
 * leaks into the countdown; lands on the running drill showing 5:00.
 */
export async function startFrozenDrill(page: Page, { skill, at }: { skill: string; at: number }) {
	await page.clock.install({ time: at });
	await page.goto('/drill');
	await waitForApp(page);
	await page.getByLabel('Skill', { exact: true }).fill(skill);
	await page.clock.pauseAt(at + 60_000);
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(page).toHaveURL('/drill/run');
	await expect(page.getByTestId('remaining')).toHaveText('5:00');
}

/** Waits until the running drill says everything on screen is in the database. */
export async function waitForDraftSaved(page: Page) {
	await expect(page.getByLabel('Your writing')).toHaveAttribute('data-saved', '');
}

/** A Write-X drill written, ended early and saved; lands on the saved drill's page. */
export async function saveQuickDrill(page: Page, { skill, text }: { skill: string; text: string }) {
	await startWriteX(page, { skill });
	await page.getByLabel('Your writing').fill(text);
	// A drill counts as practice from a hundredth of a minute: on a quick machine, typing and
	// ending could take less (and rightly log nothing). Let the countdown show a second gone.
	await expect(page.getByRole('timer')).toContainText(/4:5\d/);
	await page.getByRole('button', { name: 'End now' }).click();
	await expect(page.getByRole('heading', { name: 'Drill done' })).toBeVisible();
	await page.getByRole('button', { name: 'Save drill' }).click();
	await expect(page).toHaveURL(/\/drill\/view\?id=/);
	await expect(page.getByTestId('practice-logged')).toHaveText(/of practice logged/);
}

/** Pretend the page was hidden (phone locked, tab switched) or shown again. */
export async function setVisibility(page: Page, state: 'hidden' | 'visible') {
	await page.evaluate((s) => {
		Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
		Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' });
		document.dispatchEvent(new Event('visibilitychange'));
	}, state);
}

/** Count calls to navigator.vibrate in this page (the end signal vibrates once). */
export async function countVibrations(page: Page) {
	await page.addInitScript(() => {
		const w = window as unknown as { __vibrations: number };
		w.__vibrations = 0;
		Object.defineProperty(navigator, 'vibrate', {
			configurable: true,
			value: () => {
				w.__vibrations++;
				return true;
			}
		});
	});
	return () => page.evaluate(() => (window as unknown as { __vibrations: number }).__vibrations);
}

/** Every record of every store, from IndexedDB (for before/after comparisons), practice whole. */
export async function dumpDatabase(page: Page): Promise<Record<string, unknown[]>> {
	const out = await page.evaluate(
		() =>
			new Promise<Record<string, unknown[]>>((resolve, reject) => {
				const open = indexedDB.open('whetstone');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const names = [...db.objectStoreNames];
					const tx = db.transaction(names, 'readonly');
					const out: Record<string, unknown[]> = {};
					for (const name of names) {
						const req = tx.objectStore(name).getAll();
						req.onsuccess = () => (out[name] = req.result);
					}
					tx.oncomplete = () => {
						db.close();
						resolve(out);
					};
				};
			})
	);
	// Practice as the app reads it: blocks store their events compactly.
	if (out.events) out.events = (out.events as StoredBlock[]).map(expandBlock);
	return out;
}

/** Add a skill from the Skills page. */
export async function addSkill(page: Page, name: string) {
	await page.goto('/skills');
	await waitForApp(page);
	await page.getByLabel('Skill name').fill(name);
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByRole('listitem').filter({ hasText: name })).toBeVisible();
}

/** Import a file through the Data page; returns once the import finished or failed. */
export async function importFile(
	page: Page,
	file: { name: string; mimeType: string; buffer: Buffer }
) {
	await page.goto('/data');
	await waitForApp(page);
	await page.getByLabel('Import a backup').setInputFiles(file);
}

/** Open the capture form as another app's share sheet would (the manifest's share target). */
export async function openShare(
	page: Page,
	share: { title?: string; text?: string; url?: string }
) {
	const query = new URLSearchParams(
		Object.entries(share).filter((e): e is [string, string] => e[1] !== undefined)
	);
	await page.goto(`/read/capture?${query}`);
	await waitForApp(page);
}

/** Characters of the search index saved in the database (0 when none is saved). */
export function savedSearchIndexLength(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				const open = indexedDB.open('whetstone');
				open.onerror = () => resolve(0);
				open.onsuccess = () => {
					const get = open.result.transaction('searchIndex').objectStore('searchIndex').get('body');
					get.onerror = () => resolve(0);
					get.onsuccess = () => {
						open.result.close();
						resolve(get.result?.json?.length ?? 0);
					};
				};
			})
	);
}

/** A book added through the reading page, as a person would; stays on the list. */
export async function addBook(page: Page, title: string, author = '') {
	await page.goto('/read');
	await waitForApp(page);
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Author (optional)').fill(author);
	await page.getByRole('button', { name: 'Add book' }).click();
	await expect(page.getByRole('link', { name: new RegExp(title) })).toBeVisible();
}

/** A new book with one passage captured through the form; lands on the passage's page. */
export async function captureInNewBook(page: Page, text = 'Be more interested than interesting.') {
	await addBook(page, 'Just Listen', 'Mark Goulston');
	await page.getByRole('link', { name: /Just Listen/ }).click();
	// On the book's page first: the reading list has a "Capture a passage" link of its own, and
	// clicking it while the book's page was still on its way raced the two navigations.
	await expect(page.getByRole('heading', { level: 1, name: 'Just Listen' })).toBeVisible();
	await page.getByRole('link', { name: 'Capture a passage' }).first().click();
	await expect(page.getByRole('combobox', { name: 'Book' })).toHaveValue(/.+/);
	await page.getByLabel('Passage (or your paraphrase)').fill(text);
	await page.getByRole('button', { name: 'Save passage' }).click();
	await expect(page.getByTestId('passage-text')).toBeVisible();
}

/** From the page's next load, every piece of audio after the first `n` is refused for lack of space. */
export async function diskFullAfterPieces(page: Page, n: number) {
	await page.addInitScript((allowed) => {
		const put = IDBObjectStore.prototype.put;
		let pieces = 0;
		IDBObjectStore.prototype.put = function (
			this: IDBObjectStore,
			...args: [unknown, IDBValidKey?]
		) {
			if (this.name === 'recordingChunks' && ++pieces > allowed) {
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			}
			return put.apply(this, args);
		};
	}, n);
}
