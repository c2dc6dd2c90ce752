import { expect, test, type Page } from '@playwright/test';
import { DB_VERSION } from '../../../src/lib/db/shape';
import { expectAccessible } from '../utils';
import { writeVersionSix } from '../version-six';

/**
 * Migration 007 in a real browser: ten-year users upgrade for seconds, so the tab may well be
 * closed midway. IndexedDB then aborts the whole upgrade: version 6 and every event stay.
 */

const SKILLS = 40;
const DAYS = 1500;

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
	await writeVersionSix(page, { skills: SKILLS, days: DAYS });

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
	expect(await onDisk(check)).toMatchObject({ version: DB_VERSION, events: SKILLS * DAYS });
});
