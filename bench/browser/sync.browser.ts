import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { bytesWritten, device as onDisk } from './device';
import { largeBackup } from '../../src/lib/seed/large';

/**
 * Sync in Chromium against the stand-in server (started by the Playwright config): ten years
 * pushed by a first device, the snapshot it leaves, a new device brought up from it, one
 * drill travelling between two devices, and a typical day's traffic and CPU. Prints a table; asserts only that each step happened
 * (a benchmark, never a timed test).
 */

const SERVER = 'http://localhost:5985';
const PASSPHRASE = 'bench passphrase of some length';
const PASSWORD = 'bench password';
const rows: [string, string, string?][] = [];

test.afterAll(() => {
	console.log(
		[
			'',
			'Sync in Chromium, ten-year dataset, stand-in server on loopback',
			...rows.map(
				([what, value, note]) => `${what.padEnd(62)} ${value.padStart(10)}  ${note ?? ''}`
			)
		].join('\n')
	);
});

const ready = (page: Page) => page.locator('html[data-ready]').waitFor({ state: 'attached' });
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const basic = (account: string) =>
	`Basic ${Buffer.from(`${account}:${PASSWORD}`).toString('base64')}`;
const userDb = (account: string) => `userdb-${Buffer.from(account).toString('hex')}`;

/** What the origin's storage holds now, as the browser reports it. */
const storedBytes = (page: Page) =>
	page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);

/** A device (its own browser, a profile on disk) at a laptop's width. */
async function device(baseURL: string | undefined): Promise<Page> {
	const context = await onDisk({ baseURL, viewport: { width: 1280, height: 800 } });
	return context.pages()[0] ?? context.newPage();
}

async function signIn(page: Page, account: string, create: boolean) {
	await page.goto('/data/sync');
	await ready(page);
	await page.getByLabel('Server address').fill(SERVER);
	await page.getByLabel('Account name').fill(account);
	await page.getByLabel('Account password').fill(PASSWORD);
	await page.getByRole('button', { name: create ? 'Create account' : 'Sign in' }).click();
}

/** Save a short written drill of skill Listening on `page`. */
async function saveDrill(page: Page, text: string) {
	await page.goto('/drill');
	await ready(page);
	await page.getByLabel('Skill', { exact: true }).fill('Listening');
	await page.getByRole('button', { name: 'Start', exact: true }).click();
	await page.getByLabel('Your writing').fill(text);
	await expect(page.getByRole('timer')).toContainText(/4:5\d/);
	await page.getByRole('button', { name: 'End now' }).click();
	await page.getByRole('button', { name: 'Save drill' }).click();
}

/** How many records `store` holds in `page`'s database. */
const countIn = (page: Page, store: string) =>
	page.evaluate(
		(name) =>
			new Promise<number>((resolve) => {
				const open = indexedDB.open('whetstone');
				open.onsuccess = () => {
					const req = open.result.transaction(name).objectStore(name).count();
					req.onsuccess = () => {
						open.result.close();
						resolve(req.result);
					};
				};
			}),
		store
	);

const kb = (t: { up: number; down: number }) =>
	`${(t.up / 1024).toFixed(1)} up / ${(t.down / 1024).toFixed(1)} down KB`;

interface CpuProfile {
	nodes: { id: number; callFrame: { url: string }; children?: number[] }[];
	samples: number[];
	timeDeltas: number[];
}

/** Milliseconds of `profile` with a frame of `file` on the stack (its callees included). */
function syncShare(profile: CpuProfile, file: string): number {
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const inSync = new Map<number, boolean>();
	const under = (id: number): boolean => {
		const known = inSync.get(id);
		if (known !== undefined) return known;
		const up = parent.get(id);
		const value = byId.get(id)!.callFrame.url.endsWith(file) || (up !== undefined && under(up));
		inSync.set(id, value);
		return value;
	};
	let us = 0;
	profile.samples.forEach((id, i) => {
		if (under(id)) us += profile.timeDeltas[i + 1] ?? 0;
	});
	return us / 1000;
}

/** Bytes sent and received by sync requests from `page`, from now on. */
function countBytes(page: Page) {
	const totals = { up: 0, down: 0, requests: 0 };
	page.on('requestfinished', async (request) => {
		if (!request.url().startsWith(SERVER)) return;
		const sizes = await request.sizes().catch(() => null);
		if (!sizes) return;
		totals.requests++;
		totals.up += sizes.requestHeadersSize + sizes.requestBodySize;
		totals.down += sizes.responseHeadersSize + sizes.responseBodySize;
	});
	return totals;
}

/**
 * Sign a new device in and unlock it; the time from the click on Unlock to the moment the
 * status says "Synced" with no restore under way, timed in the page (the test's own waiting
 * polls at growing intervals, up to a second, which a clock read after it would count too),
 * and the bytes its browser process wrote to files meanwhile (null where that cannot be read).
 */
async function unlockTimed(
	laptop: Page,
	account: string
): Promise<{ wall: number; written: number | null }> {
	await signIn(laptop, account, false);
	await laptop.getByLabel('Passphrase').fill(PASSPHRASE);
	await laptop.evaluate(() => {
		const w = window as unknown as { __longest: number; __clicked?: number; __synced?: number };
		w.__longest = 0;
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
		}).observe({ type: 'longtask' });
		document.addEventListener('click', () => (w.__clicked ??= performance.now()), true);
		new MutationObserver(() => {
			const status = document.querySelector('[data-testid="sync-status"]')?.textContent ?? '';
			const restoring = document.getElementById('sync-restoring');
			if (w.__clicked && !w.__synced && status.trim().startsWith('Synced') && !restoring) {
				w.__synced = performance.now();
			}
		}).observe(document.body, { subtree: true, childList: true, characterData: true });
	});
	const writtenBefore = bytesWritten(laptop.context());
	await laptop.getByRole('button', { name: 'Unlock' }).click();
	await expect(laptop.getByTestId('sync-status')).toHaveText(/^Synced/, {
		timeout: 10 * 60_000
	});
	await expect(laptop.getByLabel('Bringing your journal to this device')).toHaveCount(0);
	const writtenAfter = bytesWritten(laptop.context());
	const wall = await laptop.evaluate(() => {
		const w = window as unknown as { __clicked: number; __synced: number };
		return w.__synced - w.__clicked;
	});
	return {
		wall,
		written: writtenBefore !== null && writtenAfter !== null ? writtenAfter - writtenBefore : null
	};
}

test('ten years: first push, snapshot, new devices, one drill between two, a typical day', async ({
	baseURL
}, testInfo) => {
	test.setTimeout(30 * 60_000);
	const account = `bench${Date.now().toString(36)}`;
	const phone = await device(baseURL);

	// The phone holds ten years (imported as a person would).
	const today = new Date().setHours(0, 0, 0, 0);
	const file = testInfo.outputPath('ten-years.json');
	writeFileSync(file, JSON.stringify(largeBackup({ end: today })));
	await phone.goto('/data');
	await ready(phone);
	await phone.getByLabel('Import a backup').setInputFiles(file);
	await expect(phone.getByText('What the import did')).toBeAttached({ timeout: 10 * 60_000 });

	// First device: the whole journal goes up, then the snapshot is made.
	await signIn(phone, account, true);
	await phone.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
	await phone.getByLabel('The same passphrase again').fill(PASSPHRASE);
	await phone.getByRole('button', { name: 'Set passphrase' }).click();
	await phone.getByRole('button', { name: /I have saved it/ }).click();
	const pushStart = Date.now();
	const pointer = () =>
		phone.request
			.get(`${SERVER}/${userDb(account)}/snap-latest`, {
				headers: { authorization: basic(account) }
			})
			.then((r) => r.status());
	await expect.poll(pointer, { timeout: 20 * 60_000, intervals: [1000] }).toBe(200);
	rows.push([
		'first device: ten years pushed, echo read, snapshot made',
		seconds(Date.now() - pushStart)
	]);
	const info = await phone.request.get(`${SERVER}/${userDb(account)}`, {
		headers: { authorization: basic(account) }
	});
	const { doc_count: docs } = (await info.json()) as { doc_count: number };
	rows.push(['  documents on the server', docs.toLocaleString('en')]);
	const all = await phone.request.get(`${SERVER}/${userDb(account)}/_all_docs`, {
		headers: { authorization: basic(account) }
	});
	const snapDoc = /"id":"(snap-(?!latest)[\w-]+)"/.exec(await all.text())![1];
	const snap = await phone.request.get(`${SERVER}/${userDb(account)}/${snapDoc}`, {
		headers: { authorization: basic(account) }
	});
	const pieces = Object.values(
		((await snap.json()) as { _attachments: Record<string, { length: number }> })._attachments
	);
	const snapBytes = pieces.reduce((n, p) => n + p.length, 0);
	rows.push([
		'  snapshot',
		`${(snapBytes / 1_048_576).toFixed(1)} MB`,
		`${pieces.length} sealed pieces`
	]);

	// New devices, one after another (three: this host's speed varies from minute to minute):
	// sign in, unlock, and wait until ten years are here and synced (`unlockTimed`).
	const walls: number[] = [];
	const written: number[] = [];
	let laptop!: Page;
	for (let run = 0; run < 3; run++) {
		if (run > 0) await laptop.context().close();
		laptop = await device(baseURL);
		const timed = await unlockTimed(laptop, account);
		walls.push(timed.wall);
		if (timed.written !== null) written.push(timed.written);
	}
	const sorted = [...walls].sort((a, b) => a - b);
	const longest = await laptop.evaluate(
		() => (window as unknown as { __longest: number }).__longest
	);
	rows.push([
		'new device: unlock → ten years here and synced (target ≤ 10 s)',
		seconds(sorted[1]),
		`median of 3 (${walls.map((w) => seconds(w)).join(', ')}); PBKDF2 included`
	]);
	// The snapshot holds what Home shows first (settings, skills, practice): from here on, Home
	// is as it is on the first device, while drills and the reading companion still fill in.
	const homeHere = await laptop.evaluate(() => {
		const w = window as unknown as { __clicked: number };
		const writes = performance.getEntriesByName('whetstone:snapshot-write') as PerformanceMeasure[];
		const last = writes.findLast((e) => (e.detail as string[] | null)?.includes('events'));
		return last ? last.startTime + last.duration - w.__clicked : null;
	});
	if (homeHere !== null) {
		rows.push(["  last device: Home's settings, skills and practice here", seconds(homeHere)]);
	}
	for (const step of ['download', 'open', 'check', 'write']) {
		const total = await laptop.evaluate(
			(n) =>
				performance
					.getEntriesByName(`whetstone:snapshot-${n}`)
					.reduce((sum, e) => sum + e.duration, 0),
			step
		);
		rows.push([
			`  last device's pieces: ${step} (summed; overlapped)`,
			`${(total / 1000).toFixed(1)} s`
		]);
	}
	for (const step of ['restore', 'pull', 'push']) {
		const first = await laptop.evaluate(
			(n) => performance.getEntriesByName(`whetstone:sync-${n}`)[0]?.duration ?? 0,
			step
		);
		rows.push([`  last device's first round: ${step}`, seconds(first)]);
	}
	rows.push(['  longest task the page could not respond during it', `${longest.toFixed(0)} ms`]);
	if (written.length > 0) {
		// What LevelDB writes (its log, tables, and every compaction's rewrite) against what it
		// keeps: the disk cost a first sync has beyond the same work in memory.
		const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(0)} MB`;
		rows.push([
			'  written to files by its browser process meanwhile',
			mb([...written].sort((a, b) => a - b)[Math.floor(written.length / 2)]),
			`median (${written.map(mb).join(', ')}); storage then holds ${mb(await storedBytes(laptop))}`
		]);
	}
	const held = await countIn(laptop, 'drills');
	rows.push(['  drills on the new device', held.toLocaleString('en')]);
	expect(held).toBeGreaterThan(1000);

	// Steady state: a drill saved on the phone, seen on the laptop's open history page.
	await laptop.goto('/drill/history');
	await ready(laptop);
	const phoneBytes = countBytes(phone);
	const laptopBytes = countBytes(laptop);
	await saveDrill(phone, 'A drill that travels between two devices.');
	const saved = Date.now();
	await expect(laptop.getByText('A drill that travels between two devices.')).toBeVisible({
		timeout: 120_000
	});
	rows.push([
		'one drill + its practice: saved on one device → shown on the other',
		seconds(Date.now() - saved),
		'includes the 0.8 s batching wait'
	]);
	await phone.waitForTimeout(2000); // Let the last answers arrive before counting.
	rows.push(['  sync traffic for it, phone', kb(phoneBytes), `${phoneBytes.requests} requests`]);
	rows.push(['  sync traffic for it, laptop', kb(laptopBytes), `${laptopBytes.requests} requests`]);
	// A typical day, written on the phone while the laptop's history page is open: three
	// drills (each with its practice), two passages captured with a question answered, one
	// practice logged by hand. Sync's traffic for it, and its share of each page's main thread:
	// profiler samples with the sync engine's own module on the stack (engine chunk from the
	// build's manifest), beside the receiving page's whole busy time (its refreshed page too).
	const before = {
		drills: await countIn(laptop, 'drills'),
		passages: await countIn(laptop, 'passages')
	};
	const dayBytes = { phone: countBytes(phone), laptop: countBytes(laptop) };
	const profilers = await Promise.all(
		[phone, laptop].map(async (page) => {
			const cdp = await page.context().newCDPSession(page);
			await cdp.send('Performance.enable');
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
			await cdp.send('Profiler.start');
			return cdp;
		})
	);
	const busy = async (i: number) =>
		(await profilers[i].send('Performance.getMetrics')).metrics.find(
			(m) => m.name === 'TaskDuration'
		)!.value;
	const laptopBusyBefore = await busy(1);
	for (let i = 0; i < 3; i++) {
		await saveDrill(phone, `Drill ${i + 1} of the day, a few lines long.`);
		await expect(phone.getByRole('button', { name: 'Save drill' })).toHaveCount(0);
	}
	for (let i = 0; i < 2; i++) {
		await phone.goto('/read/capture');
		await ready(phone);
		await phone.getByRole('combobox', { name: 'Book' }).selectOption({ index: 1 });
		await phone.getByLabel('Passage (or your paraphrase)').fill(`Passage ${i + 1} of the day.`);
		await phone.getByLabel('Where (page, chapter, location or %)').fill(`p. ${10 + i}`);
		await phone.getByRole('button', { name: 'Save passage' }).click();
		await phone.getByLabel(/Is it true\?/).fill('Mostly, and here is why.');
		await phone.getByRole('button', { name: 'Save answer to question 1' }).click();
		await expect(phone.getByRole('status').filter({ hasText: 'Answer saved.' })).toBeVisible();
	}
	await phone.goto('/skills');
	await ready(phone);
	await phone.getByLabel('Skill', { exact: true }).selectOption({ index: 1 });
	await phone.getByLabel('Minutes').fill('20');
	await phone.getByRole('button', { name: 'Log practice' }).click();
	await expect(phone.getByRole('status').filter({ hasText: 'Logged.' })).toBeVisible();
	await expect
		.poll(async () => [await countIn(laptop, 'drills'), await countIn(laptop, 'passages')], {
			timeout: 120_000
		})
		.toEqual([before.drills + 3, before.passages + 2]);
	await phone.waitForTimeout(3000); // The last answers and the practice's echo.
	const laptopBusy = (await busy(1)) - laptopBusyBefore;
	const engineFile = (
		JSON.parse(readFileSync('.svelte-kit/output/client/.vite/manifest.json', 'utf8')) as Record<
			string,
			{ file: string }
		>
	)['src/lib/sync/engine.ts'].file;
	const engineMs = await Promise.all(
		profilers.map(async (cdp) => {
			const { profile } = await cdp.send('Profiler.stop');
			return syncShare(profile as CpuProfile, engineFile.split('/').pop()!);
		})
	);
	rows.push([
		'a typical day (3 drills, 2 passages answered, 1 practice logged)',
		`${((dayBytes.phone.up + dayBytes.phone.down) / 1024).toFixed(0)} KB`,
		`phone ${kb(dayBytes.phone)} in ${dayBytes.phone.requests} requests`
	]);
	rows.push([
		'  laptop (receiving)',
		`${((dayBytes.laptop.up + dayBytes.laptop.down) / 1024).toFixed(0)} KB`,
		`${kb(dayBytes.laptop)} in ${dayBytes.laptop.requests} requests`
	]);
	rows.push([
		'  main-thread time in sync’s own code (phone / laptop)',
		`${engineMs[0].toFixed(0)} / ${engineMs[1].toFixed(0)} ms`,
		`the laptop's page was busy ${(laptopBusy * 1000).toFixed(0)} ms in all (refresh included)`
	]);

	// Idle: both devices open, nothing written, one minute of long polls.
	const idle = { phone: countBytes(phone), laptop: countBytes(laptop) };
	await phone.waitForTimeout(60_000);
	rows.push([
		'  idle, per hour open (long polls every 25 s; phone / laptop)',
		`${(((idle.phone.up + idle.phone.down) * 60) / 1024).toFixed(0)} / ${(((idle.laptop.up + idle.laptop.down) * 60) / 1024).toFixed(0)} KB`,
		`${idle.phone.requests * 60} / ${idle.laptop.requests * 60} requests`
	]);

	// A device used on its own before it syncs (here, one skill of its own): its first sync
	// brings ten years in the same way, and then sends back only that skill.
	await laptop.context().close();
	const used = await device(baseURL);
	await used.goto('/skills');
	await ready(used);
	await used.getByLabel('Skill name').fill('Only on this device');
	await used.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(used.getByRole('link', { name: /^Only on this device/ })).toBeVisible();
	const { wall } = await unlockTimed(used, account);
	const push = await used.evaluate(
		() => performance.getEntriesByName('whetstone:sync-push')[0]?.duration ?? 0
	);
	rows.push([
		'a device used on its own first: unlock → ten years here and synced',
		seconds(wall),
		`its first push ${seconds(push)} (its own skill only)`
	]);

	await phone.context().close();
	await used.context().close();
});
