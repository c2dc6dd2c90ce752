import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from '../utils';

/**
 * Migration 007 in a real browser: ten-year users upgrade for seconds, so the tab may well be
 * closed midway. IndexedDB then aborts the whole upgrade: version 6 and every event stay.
 */

const SKILLS = 40;
const DAYS = 1500;

/** Version 6 as it was on disk, with 60,000 events, written from a page that is not the app. */
async function versionSix(page: Page) {
	await page.goto('/robots.txt');
	await page.evaluate(
		async ({ skills, days }) => {
			const open = indexedDB.open('whetstone', 6);
			open.onupgradeneeded = () => {
				const db = open.result;
				db.createObjectStore('meta', { keyPath: 'key' });
				db.createObjectStore('skills', { keyPath: 'id' }).createIndex('by-nameKey', 'nameKey');
				db.createObjectStore('drafts', { keyPath: 'id' });
				const drills = db.createObjectStore('drills', { keyPath: 'id' });
				drills.createIndex('by-startedAt', 'startedAt');
				drills.createIndex('by-skill', 'skillId');
				drills.createIndex('by-promptKey', 'promptKey');
				drills.createIndex('by-updatedAt', 'updatedAt');
				const events = db.createObjectStore('events', { keyPath: 'id' });
				events.createIndex('by-sourceId', 'sourceId');
				events.createIndex('by-skill-at', ['skillId', 'at']);
				events.createIndex('by-skill-updated', ['skillId', 'updatedAt']);
				db.createObjectStore('templates', { keyPath: 'id' });
				db.createObjectStore('books', { keyPath: 'id' }).createIndex('by-titleKey', 'titleKey');
				const passages = db.createObjectStore('passages', { keyPath: 'id' });
				passages.createIndex('by-book', 'bookId');
				passages.createIndex('by-importKey', 'importKey');
				passages.createIndex('by-skill', 'skillId');
				passages.createIndex('by-updatedAt', 'updatedAt');
				passages.createIndex('by-book-updated', ['bookId', 'updatedAt']);
				db.createObjectStore('reactions', { keyPath: 'id' });
				db.createObjectStore('readingSessions', { keyPath: 'id' }).createIndex('by-book', 'bookId');
				db.createObjectStore('checkpoints', { keyPath: 'skillId' });
				db.createObjectStore('searchIndex', { keyPath: 'key' });
				db.createObjectStore('bookStats', { keyPath: 'bookId' });
			};
			const db = await new Promise<IDBDatabase>((ok, fail) => {
				open.onsuccess = () => ok(open.result);
				open.onerror = () => fail(open.error);
			});
			const end = Date.now();
			const tx = db.transaction(['skills', 'events'], 'readwrite');
			for (let s = 0; s < skills; s++) {
				const name = `Skill ${s}`;
				tx.objectStore('skills').put({
					id: `s${s}`,
					name,
					nameKey: name.toLowerCase(),
					archivedAt: null,
					line: null,
					createdAt: end - days * 86_400_000,
					updatedAt: end - days * 86_400_000,
					deletedAt: null
				});
				for (let d = 0; d < days; d++) {
					const at = end - (days - d) * 86_400_000;
					tx.objectStore('events').put({
						id: `e-${s}-${d}`,
						createdAt: at,
						updatedAt: at,
						deletedAt: null,
						skillId: `s${s}`,
						at,
						minutes: 10,
						rating: 3,
						promptKey: null,
						source: 'manual',
						sourceId: null,
						note: ''
					});
				}
			}
			await new Promise((ok, fail) => {
				tx.oncomplete = ok;
				tx.onerror = () => fail(tx.error);
			});
			db.close();
		},
		{ skills: SKILLS, days: DAYS }
	);
}

/** The database's version and how many event records (or blocks) it holds, read raw. */
async function onDisk(page: Page) {
	await page.goto('/robots.txt');
	return page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((ok, fail) => {
			const open = indexedDB.open('whetstone');
			open.onsuccess = () => ok(open.result);
			open.onerror = () => fail(open.error);
		});
		const records = await new Promise<{ events?: unknown[] }[]>((ok, fail) => {
			const r = db.transaction('events').objectStore('events').getAll();
			r.onsuccess = () => ok(r.result);
			r.onerror = () => fail(r.error);
		});
		const stores = [...db.objectStoreNames];
		db.close();
		return {
			version: db.version,
			stores,
			events: records.reduce((n, r) => n + (r.events ? r.events.length : 1), 0)
		};
	});
}

const upgrading = (page: Page) =>
	page.getByRole('status').filter({ hasText: 'Rearranging your stored data' });

test('an upgrade cut short by closing the tab leaves the old data whole, and completes next time', async ({
	context,
	page
}) => {
	test.slow(); // 60,000 events written, then upgraded twice over
	await versionSix(page);

	// The app starts the upgrade; the tab is closed while it shows its progress.
	await page.goto('/');
	await expect(upgrading(page)).toBeVisible({ timeout: 30_000 });
	await page.close();

	const check = await context.newPage();
	expect(await onDisk(check)).toEqual({
		version: 6,
		stores: expect.not.arrayContaining(['sequence', 'events-v6']),
		events: SKILLS * DAYS
	});

	// Opened again, it runs to the end, saying how far it is; then the practice is all there.
	await check.goto('/skills');
	await expect(upgrading(check)).toBeVisible({ timeout: 30_000 });
	await expect(upgrading(check).getByRole('progressbar')).toBeVisible();
	await expectAccessible(check);
	await expect(upgrading(check)).toBeHidden({ timeout: 120_000 });
	await expect(check.getByRole('link', { name: 'Skill 39' })).toBeVisible();
	expect(await onDisk(check)).toMatchObject({ version: 7, events: SKILLS * DAYS });
});
