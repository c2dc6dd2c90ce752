import { expect, test, type Browser, type Page, type Route } from '@playwright/test';
import { largeBackup } from '../../../src/lib/seed/large';
import {
	addSkill,
	dumpDatabase,
	importFile,
	expectAccessible,
	openShare,
	saveQuickDrill,
	waitForApp
} from '../utils';

// The stand-in sync server started by playwright.config.ts (CouchDB's protocol, in memory).
// "localhost", like the app: the session cookie stays same-site.
const SERVER = 'http://localhost:5985';
const PASSPHRASE = 'quiet river stones';
const DAY = 86_400_000;

/** An account name no other test (or earlier run against a reused server) has used. */
const freshAccount = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

async function device(browser: Browser): Promise<Page> {
	const context = await browser.newContext();
	return context.newPage();
}

async function openSync(page: Page) {
	await page.goto('/data/sync');
	await waitForApp(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sync across your devices');
}

async function signIn(page: Page, account: string, password: string, create: boolean) {
	await openSync(page);
	await page.getByLabel('Server address').fill(SERVER);
	await page.getByLabel('Account name').fill(account);
	await page.getByLabel('Account password').fill(password);
	await page.getByRole('button', { name: create ? 'Create account' : 'Sign in' }).click();
}

/** The first device: account, passphrase, recovery key; returns the key as shown. */
async function setUpFirst(page: Page, account: string): Promise<string> {
	await signIn(page, account, 'account pw 1', true);
	await expect(page.getByRole('heading', { name: 'Choose a passphrase' })).toBeVisible();
	await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
	await page.getByLabel('The same passphrase again').fill(PASSPHRASE);
	await page.getByRole('button', { name: 'Set passphrase' }).click();
	const key = (await page.getByTestId('recovery-key').textContent())!.trim();
	expect(key).toMatch(/^([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/);
	await expectAccessible(page);
	await page.getByRole('button', { name: /I have saved it/ }).click();
	await expect(page.getByTestId('sync-status')).toContainText('Synced');
	return key;
}

async function setUpSecond(page: Page, account: string, passphrase = PASSPHRASE) {
	await signIn(page, account, 'account pw 1', false);
	await expect(page.getByRole('heading', { name: 'Unlock your synced journal' })).toBeVisible();
	await page.getByLabel('Passphrase').fill(passphrase);
	await page.getByRole('button', { name: 'Unlock' }).click();
	await expect(page.getByTestId('sync-status')).toContainText('Synced');
}

/**
 * A phone and a laptop on a new account, both syncing: `clocks` starts a device's clock at a
 * time of its own (running on from there), and `first` runs on the phone before sync is set up.
 */
async function syncedPair(
	browser: Browser,
	{
		clocks = {},
		first
	}: { clocks?: { phone?: number; laptop?: number }; first?: (phone: Page) => Promise<void> } = {}
) {
	const account = freshAccount();
	const phone = await device(browser);
	const laptop = await device(browser);
	if (clocks.phone !== undefined) await phone.clock.install({ time: clocks.phone });
	if (clocks.laptop !== undefined) await laptop.clock.install({ time: clocks.laptop });
	await first?.(phone);
	const recoveryKey = await setUpFirst(phone, account);
	await setUpSecond(laptop, account);
	return { account, phone, laptop, recoveryKey };
}

/** Every document the server holds for `account`, as stored (read with the account's password). */
const userDb = (account: string) => `userdb-${Buffer.from(account).toString('hex')}`;
const basic = (account: string) =>
	`Basic ${Buffer.from(`${account}:account pw 1`).toString('base64')}`;

async function serverDocuments(page: Page, account: string): Promise<string> {
	const res = await page.request.get(`${SERVER}/${userDb(account)}/_all_docs?include_docs=true`, {
		headers: { authorization: basic(account) }
	});
	expect(res.ok()).toBe(true);
	return res.text();
}

test('two devices: what one writes reaches the other, and the server holds only ciphertext', async ({
	browser
}) => {
	test.slow(); // Two browsers, key derivation (600,000 rounds) on each.
	const account = freshAccount();
	const phone = await device(browser);
	const laptop = await device(browser);

	await addSkill(phone, 'Negotiating salaries');
	await saveQuickDrill(phone, { skill: 'Negotiating salaries', text: 'Anchor high, then listen.' });
	await setUpFirst(phone, account);
	// Once its first push is back from the feed, the phone leaves a snapshot for new devices.
	await expect.poll(() => serverDocuments(phone, account)).toContain('"_id":"snap-latest"');

	// The laptop starts from the snapshot, then reads the feed only after it.
	const asked: string[] = [];
	laptop.on('request', (r) => {
		if (r.url().startsWith(SERVER)) asked.push(new URL(r.url()).pathname + new URL(r.url()).search);
	});
	await setUpSecond(laptop, account);
	const feed = asked.filter((p) => p.includes('/_changes?'));
	expect(asked.some((p) => /\/snap-[\w-]+\/p0$/.test(p))).toBe(true);
	expect(feed.length).toBeGreaterThan(0);
	expect(feed.every((p) => !p.includes('since=0&'))).toBe(true);
	await expectAccessible(laptop);
	await laptop.goto('/drill/history');
	await waitForApp(laptop);
	await expect(laptop.getByText('Anchor high, then listen.')).toBeVisible();
	await laptop.goto('/skills');
	await expect(
		laptop.getByRole('listitem').filter({ hasText: 'Negotiating salaries' })
	).toBeVisible();

	// Live: the laptop adds a skill; the phone's open Skills page shows it without a reload.
	await phone.goto('/skills');
	await waitForApp(phone);
	await addSkill(laptop, 'Chairing meetings');
	await expect(phone.getByRole('listitem').filter({ hasText: 'Chairing meetings' })).toBeVisible();

	// Every document and every snapshot piece, as the server stores them.
	const stored = await serverDocuments(phone, account);
	const snapshotDoc = /"_id":"(snap-(?!latest)[\w-]+)"/.exec(stored)![1];
	const piece = await phone.request.get(`${SERVER}/${userDb(account)}/${snapshotDoc}/p0`, {
		headers: { authorization: basic(account) }
	});
	expect(piece.ok()).toBe(true);
	const everything = stored + (await piece.body()).toString('latin1');
	expect(everything.length).toBeGreaterThan(1000);
	for (const word of ['Negotiating', 'salaries', 'Anchor', 'listen', 'Chairing', 'meetings']) {
		expect(everything).not.toContain(word);
	}
	await phone.context().close();
	await laptop.context().close();
});

/** Cut this device off from the sync server (the app itself keeps working). */
const cutOff = (page: Page) =>
	page.context().route(`${SERVER}/**`, (route) => route.abort('internetdisconnected'));
const reconnect = (page: Page) => page.context().unrouteAll();

/**
 * A passage captured on the phone, both devices syncing and showing it — then both cut off
 * from the server, each with the passage open.
 */
async function apartOnAPassage(
	browser: Browser,
	share: { title: string; text: string },
	{ skill }: { skill?: string } = {}
) {
	let passageUrl = '';
	const { account, phone, laptop } = await syncedPair(browser, {
		first: async (phone) => {
			if (skill) await addSkill(phone, skill);
			await openShare(phone, share);
			await phone.getByRole('button', { name: 'Save passage' }).click();
			await expect(phone.getByTestId('passage-text')).toHaveText(share.text);
			passageUrl = new URL(phone.url()).pathname + new URL(phone.url()).search;
		}
	});
	for (const page of [phone, laptop]) {
		await page.goto(passageUrl);
		await waitForApp(page);
		await expect(page.getByTestId('passage-text')).toHaveText(share.text);
		await cutOff(page);
	}
	return { account, phone, laptop, passageUrl };
}

async function writeNote(page: Page, note: string) {
	await page.getByLabel('Margin note').fill(note);
	await page.getByRole('button', { name: 'Save reaction, note and skill' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
}

/** Back in touch with the server; opening `url` starts a sync round at once. */
async function together(pages: Page[], url: string) {
	for (const page of pages) {
		await reconnect(page);
		await page.goto(url);
		await waitForApp(page);
	}
}

test('edits made apart: different fields merge, two notes are both kept, and one choice settles it everywhere', async ({
	browser
}) => {
	test.slow();
	const { account, phone, laptop, passageUrl } = await apartOnAPassage(browser, {
		title: 'Crucial Talks',
		text: 'Start with heart.'
	});
	// Apart: the phone answers a question and writes a note; the laptop writes another note.
	await phone.getByLabel(/Is it true/).fill('Mostly, when both people feel safe.');
	await phone.getByRole('button', { name: 'Save answer to question 1' }).click();
	await expect(phone.getByText('Answered', { exact: true })).toBeVisible();
	await writeNote(phone, 'Written on the phone, on the bus.');
	await writeNote(laptop, 'Written on the laptop, at my desk.');

	// Together again (opening the app starts a sync round at once).
	await together([phone, laptop], passageUrl);
	for (const page of [phone, laptop]) {
		// The answer (a field only the phone changed) is on both, with no choice to make: in the
		// question's box where it is the one open, else in its folded line.
		await expect
			.poll(async () => {
				const folded = page.getByRole('button', { name: /^1\. True\?/ });
				return (await folded.count()) > 0
					? await folded.textContent()
					: await page.getByLabel(/Is it true/).inputValue();
			})
			.toContain('Mostly, when both people feel safe.');
		// Both notes changed: the newer is shown, the other kept beside it, on both devices alike.
		const versions = page.getByTestId('other-versions');
		await expect(versions).toContainText('Two versions of this passage');
		await expect(page.getByLabel('Margin note')).toHaveValue('Written on the laptop, at my desk.');
		await expect(versions).toContainText('Written on the phone, on the bus.');
	}
	await expectAccessible(laptop);

	// One choice, on the laptop, settles it on the phone too (live, without a reload).
	await laptop.getByRole('button', { name: 'Use this version of the margin note' }).click();
	for (const page of [laptop, phone]) {
		await expect(page.getByTestId('other-versions')).toHaveCount(0);
		await expect(page.getByLabel('Margin note')).toHaveValue('Written on the phone, on the bus.');
	}

	const stored = await serverDocuments(phone, account);
	for (const word of ['Crucial', 'heart', 'safe', 'bus', 'desk'])
		expect(stored).not.toContain(word);
	await phone.context().close();
	await laptop.context().close();
});

test('deleted on one device while edited on the other, a passage stays with the new words; deleted after seeing them, it goes everywhere', async ({
	browser
}) => {
	test.slow();
	const { phone, laptop, passageUrl } = await apartOnAPassage(browser, {
		title: 'Seven Habits',
		text: 'Seek first to understand.'
	});
	const remove = async (page: Page) => {
		page.once('dialog', (d) => d.accept());
		await page.getByRole('button', { name: 'Delete passage' }).click();
		await expect(page).toHaveURL(/\/read\/book/);
	};

	// Apart: the phone deletes it; the laptop, not knowing, writes a note on it.
	await remove(phone);
	await writeNote(laptop, 'Still thinking about this one.');
	await together([phone, laptop], passageUrl);
	// The note the deletion never saw keeps the passage, on both.
	for (const page of [phone, laptop]) {
		await expect(page.getByLabel('Margin note')).toHaveValue('Still thinking about this one.');
		await expect(page.getByTestId('passage-text')).toHaveText('Seek first to understand.');
	}

	// Deleted again, now with the note seen: gone from the laptop's open page too.
	await remove(phone);
	await expect(laptop.getByRole('heading', { name: 'Passage not found' })).toBeVisible();
	for (const page of [phone, laptop]) await page.context().close();
});

/** What a device holds of the skill log: live skills by name, drill texts, practice events. */
test('a passage answered on both devices apart counts as one practice, not two', async ({
	browser
}) => {
	test.slow();
	const { phone, laptop, passageUrl } = await apartOnAPassage(
		browser,
		{ title: 'Just Listen', text: 'Be interested.' },
		{ skill: 'Listening' }
	);
	// Apart, each links the skill and answers a question: each files the passage's practice.
	for (const [page, answer] of [
		[phone, 'Yes, on the bus.'],
		[laptop, 'Yes, at my desk.']
	] as const) {
		await page.getByLabel('Skill it speaks to').selectOption({ label: 'Listening' });
		await page.getByRole('button', { name: 'Save reaction, note and skill' }).click();
		await page.getByLabel(/Is it true/).fill(answer);
		await page.getByRole('button', { name: 'Save answer to question 1' }).click();
		await expect(page.getByRole('button', { name: /^1\. True\?/ })).toContainText('Answered');
	}
	await together([phone, laptop], passageUrl);
	const practice = async (page: Page) =>
		((await dumpDatabase(page)).events as { events: Record<string, unknown>[] }[])
			.flatMap((b) => b.events)
			.filter((e) => e.deletedAt === null && e.source === 'reading').length;
	// Both devices hold both answers' versions (a conflict to choose from) and one practice.
	for (const page of [phone, laptop]) {
		await expect(page.getByTestId('other-versions')).toContainText('Two versions of this passage');
		await expect.poll(() => practice(page), { timeout: 60_000 }).toBe(1);
	}
	await phone.context().close();
	await laptop.context().close();
});

async function holdings(page: Page) {
	const db = (await dumpDatabase(page)) as Record<string, Record<string, unknown>[]>;
	const live = (r: Record<string, unknown>) => r.deletedAt === null;
	const skills = db.skills.filter(live);
	const drills = db.drills.filter(live);
	const events = db.events.flatMap((b) => b.events as Record<string, unknown>[]).filter(live);
	// Where a skill went: itself, or (merged away) the skill it joined, through merges of merges.
	const byId = new Map(db.skills.map((s) => [s.id, s]));
	const home = (id: unknown) => {
		let at = byId.get(id as string);
		for (let hops = 0; at && !live(at) && at.mergedInto && hops < 50; hops++) {
			at = byId.get(at.mergedInto as string);
		}
		return at && live(at) ? at.id : null;
	};
	return {
		skills: skills.map((s) => s.name).sort(),
		drills: drills.map((d) => d.text).sort(),
		events: events.length,
		// Drills under one of the skills still there (a joined skill's drills move); practice in
		// blocks of one of them or of a skill merged into one (its blocks are never rewritten).
		filed:
			drills.every((d) => skills.some((s) => s.id === d.skillId)) &&
			events.every((e) => home(e.skillId) !== null)
	};
}

async function renameSkill(page: Page, from: string, to: string) {
	await page.goto('/skills');
	await waitForApp(page);
	await page.getByRole('link', { name: new RegExp(`^${from}`) }).click();
	await page.getByText('Rename, set its line, archive or merge').click();
	await page.getByLabel('Name', { exact: true }).fill(to);
	await page.getByRole('button', { name: 'Rename' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(to);
}

test('apart and back: one skill made on both becomes one, a clock a day behind still wins with a later edit, and a cut mid-push or mid-pull duplicates nothing', async ({
	browser
}) => {
	test.slow();
	// The laptop's clock is a day behind (and runs).
	const { phone, laptop } = await syncedPair(browser, { clocks: { laptop: Date.now() - DAY } });

	// Apart, each device makes "Listening" and practises it.
	for (const page of [phone, laptop]) await cutOff(page);
	await saveQuickDrill(phone, { skill: 'Listening', text: 'Phone: let them finish.' });
	await saveQuickDrill(laptop, { skill: 'Listening', text: 'Laptop: ask one more question.' });
	for (const page of [phone, laptop]) {
		await reconnect(page);
		await page.goto('/skills');
		await waitForApp(page);
	}
	const joined = {
		skills: ['Listening'],
		drills: ['Laptop: ask one more question.', 'Phone: let them finish.'],
		events: 2,
		filed: true
	};
	for (const page of [phone, laptop]) {
		await expect.poll(() => holdings(page), { timeout: 30_000 }).toEqual(joined);
	}

	// The phone renames the skill; the laptop, a day behind, renames it after seeing that.
	// The later edit wins on both, whatever the laptop's clock says.
	await renameSkill(phone, 'Listening', 'Active listening');
	await laptop.goto('/skills');
	await expect(laptop.getByRole('link', { name: /^Active listening/ })).toBeVisible();
	await renameSkill(laptop, 'Active listening', 'Deep listening');
	await phone.goto('/skills');
	await expect(phone.getByRole('link', { name: /^Deep listening/ })).toBeVisible();

	// The server stores the phone's next push, but the answer is lost on the way back; the
	// laptop's pull that carries it is lost the same way. Both retry: nothing is doubled.
	let cutPush = true;
	await phone.context().route(`${SERVER}/*/_bulk_docs`, async (route) => {
		if (!cutPush) return route.continue();
		cutPush = false;
		await route.fetch();
		await route.abort('connectionreset');
	});
	let cutPull = true;
	await laptop.context().route(`${SERVER}/*/_changes?*`, async (route) => {
		const response = await route.fetch();
		const body = (await response.json()) as { results: unknown[] };
		if (cutPull && body.results.length > 0) {
			cutPull = false;
			return route.abort('connectionreset');
		}
		return route.fulfill({ response });
	});
	await laptop.goto('/drill/history'); // Its next pulls go through the cut.
	await waitForApp(laptop);
	await saveQuickDrill(phone, { skill: 'Deep listening', text: 'After the cut.' });
	await expect(laptop.getByText('After the cut.')).toHaveCount(1, { timeout: 30_000 });
	expect({ cutPush, cutPull }).toEqual({ cutPush: false, cutPull: false });
	const settled = {
		skills: ['Deep listening'],
		drills: [...joined.drills, 'After the cut.'].sort(),
		events: 3,
		filed: true
	};
	for (const page of [phone, laptop]) {
		await expect.poll(() => holdings(page), { timeout: 30_000 }).toEqual(settled);
	}
	// A long poll may still be held open by the route: let it go quietly.
	for (const page of [phone, laptop]) await page.context().unrouteAll({ behavior: 'ignoreErrors' });
	await phone.context().close();
	await laptop.context().close();
});

/**
 * What two devices must agree on: every synced record (tombstones too), without the local
 * stamp; practice as the events their blocks hold. Derived stores are each device's own.
 */
async function syncedRecords(page: Page) {
	const db = (await dumpDatabase(page)) as Record<string, Record<string, unknown>[]>;
	const plain = (r: Record<string, unknown>) => {
		const { seq: _seq, ...rest } = r;
		return JSON.stringify(rest, Object.keys(rest).sort());
	};
	const out: Record<string, string[]> = {};
	for (const kind of ['skills', 'drills', 'templates', 'books', 'passages', 'reactions']) {
		out[kind] = db[kind].map(plain).sort();
	}
	out.readingSessions = db.readingSessions.map(plain).sort();
	out.events = db.events
		.flatMap((b) => b.events as Record<string, unknown>[])
		.filter((e) => e.deletedAt === null)
		.map((e) => `${e.id}|${e.skillId}|${e.at}|${e.minutes}`)
		.sort();
	return out;
}

/** On a failure: which records differ between the two devices, and what each says of sync. */
async function explainDifference(phone: Page, laptop: Page) {
	const [a, b] = await Promise.all([syncedRecords(phone), syncedRecords(laptop)]);
	for (const kind of Object.keys(a)) {
		const onlyPhone = a[kind].filter((x) => !b[kind].includes(x));
		const onlyLaptop = b[kind].filter((x) => !a[kind].includes(x));
		if (onlyPhone.length + onlyLaptop.length === 0) continue;
		console.log(
			`${kind} differ: phone ${onlyPhone.slice(0, 2)} | laptop ${onlyLaptop.slice(0, 2)}`
		);
	}
	for (const page of [phone, laptop]) {
		await openSync(page);
		const problem = page.getByTestId('sync-problem');
		console.log(
			await page.getByTestId('sync-status').textContent(),
			(await problem.count()) ? await problem.textContent() : ''
		);
	}
}

test('a device used alone before it syncs: its skill of the same name joins the journal’s, and what is written while the journal arrives is kept', async ({
	browser
}) => {
	test.slow();
	const account = freshAccount();
	const phone = await device(browser);
	const laptop = await device(browser);
	await saveQuickDrill(phone, { skill: 'Listening', text: 'Phone: let them finish.' });
	await setUpFirst(phone, account);
	await expect.poll(() => serverDocuments(phone, account)).toContain('"_id":"snap-latest"');

	// The laptop was used on its own first, with a skill of the same name.
	await saveQuickDrill(laptop, { skill: 'Listening', text: 'Laptop: ask one more question.' });
	// The journal's snapshot is held on its way until something is written here meanwhile.
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	let asked = false;
	await laptop.context().route(/\/snap-[\w-]+\/p\d+$/, async (route) => {
		asked = true;
		await released;
		await route.continue();
	});
	await signIn(laptop, account, 'account pw 1', false);
	await laptop.getByLabel('Passphrase').fill(PASSPHRASE);
	await laptop.getByRole('button', { name: 'Unlock' }).click();
	await expect(laptop.getByLabel('Bringing your journal to this device')).toBeVisible();
	await expect.poll(() => asked).toBe(true);
	const tab = await laptop.context().newPage();
	await saveQuickDrill(tab, { skill: 'Listening', text: 'Laptop, meanwhile: pause first.' });
	release();
	await expect(laptop.getByTestId('sync-status')).toContainText('Synced');

	const all = {
		skills: ['Listening'],
		drills: [
			'Laptop, meanwhile: pause first.',
			'Laptop: ask one more question.',
			'Phone: let them finish.'
		],
		events: 3,
		filed: true
	};
	for (const page of [laptop, phone]) {
		await expect.poll(() => holdings(page), { timeout: 30_000 }).toEqual(all);
	}
	await phone.context().close();
	await laptop.context().close();
});

test('a month apart with hundreds of changes on each side: both end with the very same records', async ({
	browser
}) => {
	test.slow();
	const start = Date.now();
	const MONTH = 30 * DAY;
	const { phone, laptop } = await syncedPair(browser, { clocks: { phone: start, laptop: start } });

	// A month passes, apart; each device takes in a month of practice and reading (an import:
	// some 300 records each), with the same three skill names on both.
	const month = { end: start + MONTH, days: 30, skills: 3, drills: 40, books: 2, passages: 60 };
	const files = [
		JSON.stringify(largeBackup({ ...month, seed: 1, wordsPerDrill: 40 })),
		JSON.stringify(largeBackup({ ...month, seed: 2, wordsPerDrill: 40 })).replaceAll(
			'seed-',
			'laptop-'
		)
	];
	for (const [i, page] of [phone, laptop].entries()) {
		await cutOff(page);
		await page.clock.fastForward(MONTH);
		await importFile(page, {
			name: 'month.json',
			mimeType: 'application/json',
			buffer: Buffer.from(files[i])
		});
		await expect(page.getByText('What the import did')).toBeVisible({ timeout: 60_000 });
	}
	const before = await syncedRecords(phone);
	expect(before.drills.length).toBe(40);

	for (const page of [phone, laptop]) {
		await reconnect(page);
		await page.goto('/skills');
		await waitForApp(page);
	}
	// Together again: the same records on both, everything of each kept, the three skills
	// joined with every drill and practice entry filed under one of them.
	await expect
		.poll(
			async () => {
				const [a, b] = await Promise.all([syncedRecords(phone), syncedRecords(laptop)]);
				const held = await holdings(phone);
				return {
					same: JSON.stringify(a) === JSON.stringify(b),
					skills: held.skills.length,
					drills: held.drills.length,
					filed: held.filed,
					passages: a.passages.filter((p) => p.includes('"deletedAt":null')).length
				};
			},
			// Long enough for a device that met a server error to come round again (its retries
			// back off to a minute at most).
			{ timeout: 150_000, intervals: [1000] }
		)
		.toEqual({ same: true, skills: 3, drills: 80, filed: true, passages: 120 })
		.catch(async (error) => {
			await explainDifference(phone, laptop);
			throw error;
		});
	for (const page of [phone, laptop]) await page.context().close();
});

test('three tabs share one sync; a session the server ended asks for the password again and loses nothing', async ({
	browser
}) => {
	test.slow();
	const { phone, laptop } = await syncedPair(browser);

	// Three tabs on the laptop: one leads sync, the others wait their turn; any tab's write goes up.
	const tabs = [laptop, await laptop.context().newPage(), await laptop.context().newPage()];
	for (const tab of tabs.slice(1)) {
		await tab.goto('/skills');
		await waitForApp(tab);
	}
	const locks = () =>
		laptop.evaluate(async () => {
			const { held = [], pending = [] } = await navigator.locks.query();
			const sync = (l: LockInfo) => l.name === 'whetstone-sync';
			return { held: held.filter(sync).length, waiting: pending.filter(sync).length };
		});
	await expect.poll(locks).toEqual({ held: 1, waiting: 2 });
	await addSkill(tabs[2], 'Giving feedback');
	await phone.goto('/skills');
	await expect(phone.getByRole('link', { name: /^Giving feedback/ })).toBeVisible();

	// The server forgets the phone's session. Its next change waits, and the Sync page says why.
	await phone.context().clearCookies();
	await addSkill(phone, 'Saying no');
	await openSync(phone);
	await expect(phone.getByTestId('sync-problem')).toContainText(/sign in again/i);
	await expectAccessible(phone);
	await phone.getByLabel('Account password').fill('account pw 1');
	await phone.getByRole('button', { name: 'Sign in again' }).click();
	await expect(phone.getByTestId('sync-problem')).toHaveCount(0);
	await tabs[1].goto('/skills');
	await expect(tabs[1].getByRole('link', { name: /^Saying no/ })).toBeVisible();
	await phone.context().close();
	await laptop.context().close();
});

test('a new passphrase unlocks a new device; forgetting a device deletes its copy only once the server has it all', async ({
	browser
}) => {
	test.slow();
	const { account, phone, laptop, recoveryKey } = await syncedPair(browser, {
		first: (phone) => addSkill(phone, 'Asking for help')
	});

	// Changed on the phone with the recovery key (the old passphrase forgotten, say).
	await openSync(phone);
	await phone.getByText('Change the passphrase').click();
	await phone.getByLabel('Current passphrase or recovery key').fill(recoveryKey);
	await phone.getByLabel('New passphrase', { exact: true }).fill('seven amber lanterns');
	await phone.getByLabel('The new passphrase again').fill('seven amber lanterns');
	await phone.getByRole('button', { name: 'Change passphrase' }).click();
	await expect(phone.getByRole('status').filter({ hasText: 'Passphrase changed' })).toBeVisible();
	const tablet = await device(browser);
	await setUpSecond(tablet, account, 'seven amber lanterns');
	await tablet.goto('/skills');
	await expect(tablet.getByRole('link', { name: /^Asking for help/ })).toBeVisible();

	// The laptop, cut off, makes a change: forgetting now would lose it, so it is refused.
	await cutOff(laptop);
	await addSkill(laptop, 'Only on the laptop');
	await openSync(laptop);
	await laptop.getByRole('button', { name: /Forget this device/ }).click();
	await laptop.getByRole('button', { name: 'Yes, delete this device’s copy' }).click();
	await expect(laptop.getByRole('alert')).toContainText('has not reached the server yet');
	// The status says so too (it once said "Synced just now" until the next push counted).
	await expect(laptop.getByTestId('sync-status')).toContainText('1 change waiting');
	expect((await holdings(laptop)).skills).toEqual(['Asking for help', 'Only on the laptop']);

	// Back online and synced, it goes: this device is empty, the others keep everything.
	await reconnect(laptop);
	await laptop.getByRole('button', { name: 'Sync now' }).click();
	// Nothing waiting and online: the status counts what is still only here.
	await expect(laptop.getByTestId('sync-status')).toHaveText(/^Synced[^·]*$/);
	await laptop.getByRole('button', { name: /Forget this device/ }).click();
	await laptop.getByRole('button', { name: 'Yes, delete this device’s copy' }).click();
	await expect(laptop).toHaveURL(/\/$/);
	await waitForApp(laptop);
	expect((await holdings(laptop)).skills).toEqual([]);
	await tablet.goto('/skills');
	await expect(tablet.getByRole('link', { name: /^Only on the laptop/ })).toBeVisible();
	for (const page of [phone, laptop, tablet]) await page.context().close();
});

test('a full server, a server answering nonsense and a later version’s document each get one clear message; nothing here is lost', async ({
	browser
}) => {
	test.slow();
	const account = freshAccount();
	const phone = await device(browser);
	await setUpFirst(phone, account);

	// Full: the server refuses new changes for want of space.
	await phone.context().route(`${SERVER}/*/_bulk_docs`, (route) =>
		route.fulfill({
			status: 507,
			contentType: 'application/json',
			body: '{"error":"insufficient_storage","reason":"The database is full."}'
		})
	);
	await addSkill(phone, 'Staying calm');
	await openSync(phone);
	await expect(phone.getByTestId('sync-problem')).toHaveText(/server is full.*kept here/);
	await expect(phone.getByTestId('sync-status')).toContainText('waiting');
	await expectAccessible(phone);

	// Nonsense: a page of HTML where the change feed should be.
	await phone.context().unrouteAll({ behavior: 'ignoreErrors' });
	await phone
		.context()
		.route(`${SERVER}/*/_changes?*`, (route) =>
			route.fulfill({ status: 200, contentType: 'text/html', body: '<html>Welcome!</html>' })
		);
	await phone.getByRole('button', { name: 'Sync now' }).click();
	await expect(phone.getByTestId('sync-problem')).toHaveText(/not a sync server’s answer/);
	expect((await holdings(phone)).skills).toEqual(['Staying calm']);

	// A document a later version of the app wrote (its shape numbered above this version's).
	await phone.context().unrouteAll({ behavior: 'ignoreErrors' });
	const later = `${SERVER}/${userDb(account)}/from-a-later-version`;
	const auth = { authorization: basic(account) };
	const put = await phone.request.put(later, {
		headers: auth,
		data: { v: 3, iv: 'AAAAAAAAAAAAAAAA', data: 'AAAA' }
	});
	expect(put.ok()).toBe(true);
	await phone.getByRole('button', { name: 'Sync now' }).click();
	await expect(phone.getByTestId('sync-problem')).toHaveText(/newer version of Whetstone.*Update/);
	expect((await holdings(phone)).skills).toEqual(['Staying calm']);
	const rev = ((await put.json()) as { rev: string }).rev;
	expect((await phone.request.delete(`${later}?rev=${rev}`, { headers: auth })).ok()).toBe(true);

	// Fixed: it all goes up, and another device gets it.
	await phone.getByRole('button', { name: 'Sync now' }).click();
	await expect(phone.getByTestId('sync-problem')).toHaveCount(0);
	const laptop = await device(browser);
	await setUpSecond(laptop, account);
	await laptop.goto('/skills');
	await expect(laptop.getByRole('link', { name: /^Staying calm/ })).toBeVisible();

	// A later version's keyring: a device signing in is told to update, and so is one syncing.
	const keyringUrl = `${SERVER}/${userDb(account)}/keyring`;
	const keyring = (await (await phone.request.get(keyringUrl, { headers: auth })).json()) as {
		keyring: { version: number };
	};
	keyring.keyring.version = 2;
	expect((await phone.request.put(keyringUrl, { headers: auth, data: keyring })).ok()).toBe(true);
	const tablet = await device(browser);
	await signIn(tablet, account, 'account pw 1', false);
	await expect(tablet.getByRole('alert')).toHaveText(/newer version of Whetstone/);
	await expect(tablet.getByLabel('Passphrase')).toHaveCount(0);
	await phone.getByRole('button', { name: 'Sync now' }).click();
	await expect(phone.getByTestId('sync-problem')).toHaveText(/newer version of Whetstone/);
	// Nor is it written over with this version's by a change of passphrase.
	await phone.getByText('Change the passphrase').click();
	await phone.getByLabel('Current passphrase or recovery key').fill(PASSPHRASE);
	await phone.getByLabel('New passphrase', { exact: true }).fill('seven amber lanterns');
	await phone.getByLabel('The new passphrase again').fill('seven amber lanterns');
	await phone.getByRole('button', { name: 'Change passphrase' }).click();
	await expect(phone.getByRole('alert')).toHaveText(/newer version of Whetstone/);
	const after = await (await phone.request.get(keyringUrl, { headers: auth })).json();
	expect(after.keyring.version).toBe(2);
	for (const page of [phone, laptop, tablet]) await page.context().close();
});

test('a wrong password and a wrong passphrase each get one clear message and change nothing', async ({
	browser
}) => {
	test.slow();
	const account = freshAccount();
	const first = await device(browser);
	await setUpFirst(first, account);

	const other = await device(browser);
	await signIn(other, account, 'not the password', false);
	await expect(other.getByRole('alert')).toHaveText(/do not match an account/);
	await expect(other.getByLabel('Account name')).toHaveValue(account);

	await signIn(other, account, 'account pw 1', false);
	await other.getByLabel('Passphrase').fill('a wrong passphrase');
	await other.getByRole('button', { name: 'Unlock' }).click();
	await expect(other.getByRole('alert')).toHaveText(/does not unlock your synced data/);
	await expect(other.getByRole('heading', { name: 'Unlock your synced journal' })).toBeVisible();
	await expectAccessible(other);

	// The server down: one clear message; nothing is set up.
	const third = await device(browser);
	await third.context().route(`${SERVER}/**`, (route) => route.abort('connectionrefused'));
	await signIn(third, account, 'account pw 1', false);
	await expect(third.getByRole('alert')).toHaveText(/cannot be reached/);
	await expect(third.getByLabel('Server address')).toHaveValue(SERVER);
	await third.context().close();
	await first.context().close();
	await other.context().close();
});

test('an idle device asks the server once per wait, and asks again at once when woken', async ({
	browser
}) => {
	test.slow(); // Key derivation (600,000 rounds).
	const account = freshAccount();
	const phone = await device(browser);

	// The server's long polls, held here from the start and answered "nothing new" one at a
	// time (one the page gives up is dropped); every other request goes to the stand-in. Reads
	// of the feed that do not wait are counted.
	let held: Route[] = [];
	let quickReads = 0;
	await phone.context().route(`${SERVER}/**/_changes?*`, async (route) => {
		const url = new URL(route.request().url());
		if (url.searchParams.get('feed') !== 'longpoll') {
			quickReads++;
			return route.continue();
		}
		held.push(route);
	});
	phone.on('requestfailed', (request) => {
		held = held.filter((route) => route.request() !== request);
	});
	await setUpFirst(phone, account);
	// Idle: waiting in a long poll. Counting starts here.
	await expect.poll(() => held.length).toBe(1);
	quickReads = 0;
	const answerQuietly = async () => {
		await expect.poll(() => held.length).toBe(1);
		const route = held.shift()!;
		const since = new URL(route.request().url()).searchParams.get('since');
		await route.fulfill({
			contentType: 'application/json',
			headers: {
				'access-control-allow-origin': new URL(phone.url()).origin,
				'access-control-allow-credentials': 'true'
			},
			body: JSON.stringify({ results: [], last_seq: since, pending: 0 })
		});
	};

	// Woken (as by a write here, coming back online, or this button): one quick read first.
	await phone.getByRole('button', { name: 'Sync now' }).click();
	for (let i = 0; i < 4; i++) await answerQuietly();
	await expect.poll(() => held.length).toBe(1);
	// Four waits that ended with nothing new: the rounds after them went straight to waiting.
	expect(quickReads).toBe(1);
	await expect(phone.getByTestId('sync-status')).toContainText('Synced');

	await phone.getByRole('button', { name: 'Sync now' }).click();
	await expect.poll(() => quickReads).toBe(2);
	await phone.context().close();
});
