import type { Page } from '@playwright/test';

/**
 * The database as version 6 left it on disk (one record per practice event), written straight
 * into IndexedDB from a page of the app's origin that does not open the database itself — for
 * the upgrade to version 7 (events in blocks): `data/upgrade.e2e.ts` and the benchmark.
 * `skills` skills named "Skill 0"… practised every day for `days` days up to now; one event in
 * 97 is a tombstone, one in 5 has a note. Each skill's events go in one transaction.
 */
export async function writeVersionSix(
	page: Page,
	{ skills, days }: { skills: number; days: number }
) {
	await page.goto('/robots.txt');
	return page.evaluate(
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
			const first = end - days * 86_400_000;
			const t0 = performance.now();
			for (let s = 0; s < skills; s++) {
				const tx = db.transaction(['skills', 'events'], 'readwrite');
				const name = `Skill ${s}`;
				tx.objectStore('skills').put({
					...{ id: `s${s}`, name, nameKey: name.toLowerCase(), archivedAt: null, line: null },
					...{ createdAt: first, updatedAt: first, deletedAt: null }
				});
				for (let d = 0; d < days; d++) {
					const at = first + d * 86_400_000 + ((s * 7919 + d * 104_729) % 86_400_000);
					tx.objectStore('events').put({
						id: `e-${s}-${d}`,
						createdAt: at,
						updatedAt: at,
						deletedAt: d % 97 === 0 ? at + 1 : null,
						skillId: `s${s}`,
						at: Math.min(at, end - 1),
						minutes: 5 + (d % 40),
						rating: 1 + (d % 4),
						promptKey: null,
						source: 'manual',
						sourceId: null,
						note: d % 5 === 0 ? 'A short note about how it went today.' : ''
					});
				}
				await new Promise((ok, fail) => {
					tx.oncomplete = ok;
					tx.onerror = () => fail(tx.error);
				});
			}
			const writeMs = performance.now() - t0;
			db.close();
			return { writeMs, usage: (await navigator.storage.estimate()).usage ?? 0 };
		},
		{ skills, days }
	);
}
