import { expect, test, type Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import {
	addSkill,
	dumpDatabase,
	expectAccessible,
	importFile,
	saveQuickDrill,
	waitForApp
} from '../utils';

async function exportBackup(page: Page): Promise<Buffer> {
	await page.goto('/data');
	await waitForApp(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export backup' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^whetstone-backup-\d{4}-\d\d-\d\d\.json$/);
	return readFile((await download.path())!);
}

const asFile = (buffer: Buffer, name = 'backup.json') => ({
	name,
	mimeType: 'application/json',
	buffer
});

test('export, wipe, import: every record comes back field by field', async ({ page, browser }) => {
	await addSkill(page, 'Negotiating');
	await saveQuickDrill(page, { skill: 'Negotiating', text: 'Anchor high, concede slowly.' });
	await page.goto('/drill/templates');
	await waitForApp(page);
	await page.getByLabel('Name').fill('Warm-up');
	await page.getByLabel('Prompt').fill('Three things you noticed today.');
	await page.getByRole('button', { name: 'Create' }).click();
	await expect(page.getByRole('heading', { name: 'Warm-up' })).toBeVisible();

	const file = await exportBackup(page);
	await expect(page.getByTestId('last-backup')).toHaveText(/Last backup:/);
	const backup = JSON.parse(file.toString('utf8'));
	expect(backup).toMatchObject({ format: 'whetstone-backup', version: 4 });
	const before = await dumpDatabase(page);

	// A browser with no site data at all, as after "clear site data".
	const fresh = await browser.newContext();
	const other = await fresh.newPage();
	await importFile(other, asFile(file));
	await expect(other.getByRole('status').filter({ hasText: 'Import finished.' })).toBeVisible();
	await expect(other.getByRole('row', { name: /Skills 1 0 0/ })).toBeVisible();
	await expectAccessible(other);
	const after = await dumpDatabase(other);
	// Field by field, but for the change sequence: each device numbers its own writes.
	const local = (records: unknown[]) =>
		(records as { seq?: number }[]).map(({ seq: _seq, ...r }) => r);
	for (const store of ['skills', 'drills', 'events', 'templates', 'drafts']) {
		expect(local(after[store]), store).toEqual(local(before[store]));
	}
	// Settings come back as they were in the file (the "last backup" mark is written after it).
	expect(local(after.meta)).toEqual(expect.arrayContaining(backup.stores.meta));
	await other.goto('/drill/history');
	await expect(other.getByText('Anchor high, concede slowly.')).toBeVisible();
	await fresh.close();
});

test('importing the same backup twice adds nothing; an older backup never beats newer data', async ({
	page
}) => {
	await addSkill(page, 'Listening');
	const file = await exportBackup(page);
	await importFile(page, asFile(file));
	await expect(page.getByRole('status').filter({ hasText: 'Import finished.' })).toBeVisible();
	await expect(page.getByRole('row', { name: /Skills 0 0 1/ })).toBeVisible();

	// Rename after the backup, then import the older backup.
	await page.goto('/skills');
	await page.getByRole('listitem').filter({ hasText: 'Listening' }).getByRole('link').click();
	await page.getByText('Rename, set its line, archive or merge').click();
	await page.getByLabel('Name', { exact: true }).fill('Deep listening');
	await page.getByRole('button', { name: 'Rename' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deep listening');
	await importFile(page, asFile(file));
	await expect(page.getByRole('status').filter({ hasText: 'Import finished.' })).toBeVisible();
	const dump = await dumpDatabase(page);
	expect(dump.skills).toHaveLength(1);
	expect(dump.skills[0]).toMatchObject({ name: 'Deep listening' });
});

test('bad files are refused with a clear message and change nothing', async ({ page }) => {
	await addSkill(page, 'Small talk');
	const good = JSON.parse((await exportBackup(page)).toString('utf8'));
	const before = await dumpDatabase(page);
	const cases: [string, Buffer, RegExp][] = [
		['malformed JSON', Buffer.from('{"format": "whetstone-backup", '), /not valid JSON/],
		['an empty file', Buffer.alloc(0), /empty/],
		['a 50 MB file', Buffer.alloc(0), /not valid JSON/], // see below: passed as a path
		[
			'missing fields',
			Buffer.from(JSON.stringify({ ...good, stores: { skills: [{ id: 'x' }] } })),
			/^This backup was not imported: A skill — its creation date is missing/
		],
		[
			'wrong types',
			Buffer.from(
				JSON.stringify({
					...good,
					stores: {
						skills: good.stores.skills,
						// A month of practice (December 2026) holding a skill where an entry should be.
						events: [
							{
								skillId: good.stores.skills[0].id,
								month: 683,
								events: [{ ...good.stores.skills[0], minutes: '5' }]
							}
						]
					}
				})
			),
			/^This backup was not imported: the practice of “Small talk” in December 2026 — one entry's [a-z ]+ is (missing|not something Whetstone can read)/
		],
		['a future format', Buffer.from(JSON.stringify({ ...good, version: 99 })), /newer version/],
		['not a backup', Buffer.from('{"hello": "world"}'), /not a Whetstone backup/]
	];
	const big = test.info().outputPath('big.json');
	await writeFile(big, Buffer.alloc(50 * 1024 * 1024, 'x'));
	for (const [what, buffer, message] of cases) {
		if (what === 'a 50 MB file') {
			await page.goto('/data');
			await waitForApp(page);
			await page.getByLabel('Import a backup').setInputFiles(big);
		} else {
			await importFile(page, asFile(buffer));
		}
		await expect(page.getByRole('alert'), what).toHaveText(message);
		expect(await dumpDatabase(page), what).toEqual(before);
	}
});

test('a prototype-pollution payload and HTML in every text field stay harmless', async ({
	page
}) => {
	await addSkill(page, 'Seed');
	const good = JSON.parse((await exportBackup(page)).toString('utf8'));
	const html = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';
	const now = Date.now();
	const skill = {
		...good.stores.skills[0],
		id: 'evil-skill',
		name: `Evil ${html}`,
		nameKey: 'evil'
	};
	const drill = {
		id: 'evil-drill',
		createdAt: now,
		updatedAt: now,
		deletedAt: null,
		kind: 'write-x',
		templateId: null,
		skillId: 'evil-skill',
		skillName: html,
		otherSkillName: null,
		subject: null,
		prompt: `Prompt ${html}`,
		promptKey: 'k',
		reflectionQuestions: [html],
		text: `Body ${html}`,
		wordCount: 3,
		startedAt: now,
		finishedAt: now,
		durationMs: 60000,
		activeMs: 60000,
		overtimeMs: 0,
		endedEarly: false,
		reflections: [{ question: html, answer: html }],
		rating: 3
	};
	const text = JSON.stringify({ ...good, stores: { skills: [skill], drills: [drill] } }).replace(
		'{"format"',
		'{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"format"'
	);
	await importFile(page, asFile(Buffer.from(text)));
	await expect(page.getByRole('status').filter({ hasText: 'Import finished.' })).toBeVisible();
	expect(await page.evaluate(() => ({}) as Record<string, unknown>)).toEqual({});
	expect(await page.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();

	await page.goto('/drill/view?id=evil-drill');
	await waitForApp(page);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('<img src=x');
	await expect(page.getByText('Body <img src=x', { exact: false })).toBeVisible();
	await page.goto('/skills');
	await waitForApp(page);
	await expect(page.getByRole('link', { name: /Evil <img src=x/ })).toBeVisible();
	await page.goto('/drill/history');
	await waitForApp(page);
	await expect(page.getByText(/Prompt <img/)).toBeVisible();
	expect(
		await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)
	).toBeUndefined();
	expect(await page.locator('main img').count()).toBe(0);
});

test('drills export as readable Markdown', async ({ page }) => {
	await saveQuickDrill(page, {
		skill: 'Storytelling',
		text: 'Start in the middle of the action.'
	});
	await page.goto('/data');
	await waitForApp(page);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export drills as Markdown' }).click()
	]);
	const md = (await readFile((await download.path())!)).toString('utf8');
	expect(md).toMatch(/^# Whetstone drills/);
	expect(md).toContain('## Storytelling: how do you do it? Explain it to yourself.');
	expect(md).toContain('Start in the middle of the action.');
});

test('the backup reminder waits for something worth keeping, and goes on export without a reload', async ({
	page
}) => {
	await page.goto('/data');
	await waitForApp(page);
	await expect(page.getByRole('button', { name: 'Export backup' })).toBeVisible();
	await expect(page.getByTestId('backup-reminder')).toHaveCount(0);
	// A first drill is not nagged about; a second one is worth a backup.
	await saveQuickDrill(page, { skill: 'Negotiation', text: 'Ask what they need first.' });
	await page.goto('/');
	await waitForApp(page);
	await expect(page.getByRole('heading', { name: 'How Whetstone works' })).toBeVisible();
	await expect(page.getByTestId('backup-reminder')).toHaveCount(0);
	await saveQuickDrill(page, { skill: 'Negotiation', text: 'Name the trade, then wait.' });
	await page.goto('/');
	await waitForApp(page);
	await expect(page.getByTestId('backup-reminder')).toBeVisible();
	await page.goto('/data');
	await waitForApp(page);
	await expect(page.getByTestId('backup-reminder')).toBeVisible();
	await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export backup' }).click()
	]);
	await expect(page.getByTestId('backup-reminder')).toHaveCount(0);
	await expect(page.getByTestId('last-backup')).toHaveText(/Last backup:/);
});
