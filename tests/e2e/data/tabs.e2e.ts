import { chromium, expect, test } from '@playwright/test';
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addSkill, dumpDatabase, startWriteX, waitForApp, waitForDraftSaved } from '../utils';

test('a change in one tab shows up in another', async ({ context, page }) => {
	const other = await context.newPage();
	await other.goto('/skills');
	await waitForApp(other);
	await addSkill(page, 'Chairing meetings');
	await expect(other.getByRole('listitem').filter({ hasText: 'Chairing meetings' })).toBeVisible();
});

test('two tabs and one drill: the second sees it read-only and can take it over, never overwrite it', async ({
	context,
	page
}) => {
	await startWriteX(page, { skill: 'Listening' });
	await page.getByLabel('Your writing').fill('Wait two seconds before answering.');

	const b = await context.newPage();
	await b.goto('/drill/run');
	await waitForApp(b);
	await expect(b.getByRole('heading', { name: 'Drill open in another tab' })).toBeVisible();
	await expect(b.getByTestId('mirror-text')).toHaveText('Wait two seconds before answering.');
	await expect(b.getByLabel('Your writing')).toHaveCount(0);

	// A keeps writing; B mirrors it.
	await page.getByLabel('Your writing').fill('Wait two seconds before answering. Then summarise.');
	await expect(b.getByTestId('mirror-text')).toHaveText(
		'Wait two seconds before answering. Then summarise.'
	);

	// B cannot start a second drill either: it is asked what to do with the current one.
	await b.goto('/drill');
	await waitForApp(b);
	await b.getByLabel('Skill', { exact: true }).fill('Small talk');
	await b.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(b.getByRole('dialog', { name: 'A drill is already in progress' })).toBeVisible();
	await b.getByRole('button', { name: 'Go back to it' }).click();

	// B takes over; A becomes read-only and its typing can no longer reach the database.
	await b.getByRole('button', { name: 'Write here instead' }).click();
	await expect(b.getByLabel('Your writing')).toHaveValue(
		'Wait two seconds before answering. Then summarise.'
	);
	await expect(page.getByRole('heading', { name: 'Drill open in another tab' })).toBeVisible();
	await b.getByLabel('Your writing').fill('Rewritten in tab B.');
	await expect(page.getByTestId('mirror-text')).toHaveText('Rewritten in tab B.');
	const drafts = (await dumpDatabase(b)).drafts as { text: string }[];
	expect(drafts.map((d) => d.text)).toEqual(['Rewritten in tab B.']);
});

test('when the tab that owned the drill is closed, the read-only tab takes it over by itself', async ({
	context,
	page
}) => {
	await startWriteX(page, { skill: 'Listening' });
	await page.getByLabel('Your writing').fill('Summarise before you reply.');
	await waitForDraftSaved(page);

	const b = await context.newPage();
	await b.goto('/drill/run');
	await waitForApp(b);
	await expect(b.getByRole('heading', { name: 'Drill open in another tab' })).toBeVisible();

	await page.close();
	await expect(b.getByLabel('Your writing')).toHaveValue('Summarise before you reply.');
	await b.getByLabel('Your writing').press('End');
	await b.getByLabel('Your writing').pressSequentially(' Then ask.');
	await waitForDraftSaved(b);
	const drafts = (await dumpDatabase(b)).drafts as { text: string }[];
	expect(drafts.map((d) => d.text)).toEqual(['Summarise before you reply. Then ask.']);
});

test('a newer version opening the database: it does not hang, and the old tab saves and asks to reload', async ({
	context,
	page
}) => {
	await startWriteX(page, { skill: 'Delegating' });
	await page
		.getByLabel('Your writing')
		.pressSequentially('Give the why, not the how.', { delay: 5 });

	// Another tab runs a newer schema.
	const newer = await context.newPage();
	await newer.goto('/robots.txt');
	const stored = await newer.evaluate(
		() =>
			new Promise<string>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error('the upgrade hung')), 30_000);
				const req = indexedDB.open('whetstone', 1000);
				req.onsuccess = () => {
					clearTimeout(timer);
					const db = req.result;
					const get = db.transaction('drafts').objectStore('drafts').getAll();
					get.onsuccess = () => resolve((get.result as { text: string }[])[0]?.text ?? '');
				};
				req.onerror = () => reject(req.error);
			})
	);
	expect(stored).toBe('Give the why, not the how.');
	await expect(page.getByRole('alert').filter({ hasText: /updated in another tab/ })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Reload', exact: true })).toBeVisible();
	await expect(page.getByLabel('Your writing')).toHaveValue('Give the why, not the how.');
});

test('a hard browser kill right after typing: the reopened app has the text', async ({
	baseURL,
	launchOptions
}) => {
	const dir = mkdtempSync(join(tmpdir(), 'whetstone-kill-'));
	const open = () => chromium.launchPersistentContext(dir, { ...launchOptions, baseURL });
	const first = await open();
	const page = first.pages()[0] ?? (await first.newPage());
	await startWriteX(page, { skill: 'Apologising well' });
	await page
		.getByLabel('Your writing')
		.pressSequentially('Name it, own it, repair it.', { delay: 5 });
	// Once the app says the words are stored, no kill may lose them.
	await waitForDraftSaved(page);
	// SIGKILL every Chromium process using this profile: no unload, no clean shutdown.
	// (The bracket keeps pkill's own shell from matching its pattern.)
	const pattern = `user-data-dir=[${dir[0]}]${dir.slice(1)}`;
	execSync(`pkill -KILL -f -- '${pattern}'; true`);
	// The browser really is gone: the page can no longer be reached.
	await expect(page.evaluate(() => 1)).rejects.toThrow();
	await first.close().catch(() => undefined);

	const second = await open();
	const again = second.pages()[0] ?? (await second.newPage());
	await again.goto('/drill/run');
	await waitForApp(again);
	await expect(again.getByLabel('Your writing')).toHaveValue('Name it, own it, repair it.');
	await second.close();
});

test('with IndexedDB unavailable the app still opens, says so, and backs up and searches in the page', async ({
	page
}) => {
	await page.addInitScript(() => {
		IDBFactory.prototype.open = function () {
			throw new DOMException('Access denied', 'SecurityError');
		};
	});
	await addSkill(page, 'Kept in memory');
	// Move within the app: a full page load would start a new, empty memory.
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data' }).click();
	await expect(
		page.getByRole('alert').filter({ hasText: /won't let Whetstone store data/ })
	).toBeVisible();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export backup' }).click()
	]);
	const backup = JSON.parse(readFileSync((await download.path())!, 'utf8'));
	expect(backup.stores.skills.map((s: { name: string }) => s.name)).toEqual(['Kept in memory']);

	// The same file with one more skill, imported into this page's memory: export and import
	// run in the page here (a backup worker would open a database of its own and see none).
	backup.stores.skills.push({
		...backup.stores.skills[0],
		id: 'from-file',
		name: 'Small talk',
		nameKey: 'small talk'
	});
	await page.getByLabel('Import a backup').setInputFiles({
		name: 'backup.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(backup))
	});
	await expect(page.getByRole('status').filter({ hasText: 'Import finished.' })).toBeVisible();
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Skills' })
		.click();
	await expect(page.getByRole('listitem').filter({ hasText: 'Small talk' })).toBeVisible();
	await expect(page.getByRole('listitem').filter({ hasText: 'Kept in memory' })).toBeVisible();

	// Search finds what lives only in this page's memory (a worker would see nothing).
	await page.getByRole('link', { name: 'Search' }).click();
	await page.getByLabel('Search drills, passages, notes and skills').fill('memory');
	await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText('1 found');
});
