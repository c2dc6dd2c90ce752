import type { IDBPDatabase, IDBPTransaction } from 'idb';

/**
 * Named, ordered schema migrations. A released migration is never edited: add a new one.
 * Each is self-contained (no imports from features) so a later refactor cannot change
 * what an old upgrade does. Types are loose on purpose: a migration sees the shape of its
 * own time, not today's schema.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = IDBPDatabase<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type UpgradeTx = IDBPTransaction<any, any, 'versionchange'>;

/** How far a long migration has come (records done of total), for the upgrade screen. */
export type UpgradeProgress = (done: number, total: number) => void;

export interface Migration {
	version: number;
	name: string;
	up(db: AnyDb, tx: UpgradeTx, progress: UpgradeProgress): Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		name: '001-initial',
		async up(db) {
			db.createObjectStore('meta', { keyPath: 'key' });
			db.createObjectStore('skills', { keyPath: 'id' });
		}
	},
	{
		version: 2,
		name: '002-drills-and-practice-log',
		async up(db, tx) {
			// Skills get a normalised name so "giving feedback" and "Giving Feedback" match.
			const skills = tx.objectStore('skills');
			skills.createIndex('by-nameKey', 'nameKey');
			let cursor = await skills.openCursor();
			while (cursor) {
				const value = cursor.value as Record<string, unknown>;
				const name = typeof value.name === 'string' ? value.name : '';
				await cursor.update({
					...value,
					nameKey: name.trim().replace(/\s+/g, ' ').toLowerCase(),
					archivedAt: value.archivedAt ?? null
				});
				cursor = await cursor.continue();
			}

			db.createObjectStore('drafts', { keyPath: 'id' });

			const drills = db.createObjectStore('drills', { keyPath: 'id' });
			drills.createIndex('by-startedAt', 'startedAt');
			drills.createIndex('by-skill', 'skillId');
			drills.createIndex('by-promptKey', 'promptKey');

			const events = db.createObjectStore('events', { keyPath: 'id' });
			events.createIndex('by-skill', 'skillId');
			events.createIndex('by-at', 'at');
			events.createIndex('by-sourceId', 'sourceId');

			db.createObjectStore('templates', { keyPath: 'id' });
		}
	},
	{
		version: 3,
		name: '003-skill-line',
		async up(_db, tx) {
			// Each skill gets its own "line" (the level it should stay above); null = the default.
			const skills = tx.objectStore('skills');
			let cursor = await skills.openCursor();
			while (cursor) {
				const value = cursor.value as Record<string, unknown>;
				if (!('line' in value)) await cursor.update({ ...value, line: null });
				cursor = await cursor.continue();
			}
		}
	},
	{
		version: 4,
		name: '004-reading-companion',
		async up(db) {
			db.createObjectStore('books', { keyPath: 'id' }).createIndex('by-titleKey', 'titleKey');
			const passages = db.createObjectStore('passages', { keyPath: 'id' });
			passages.createIndex('by-book', 'bookId');
			passages.createIndex('by-importKey', 'importKey');
			passages.createIndex('by-skill', 'skillId');
			db.createObjectStore('reactions', { keyPath: 'id' });
			db.createObjectStore('readingSessions', { keyPath: 'id' }).createIndex('by-book', 'bookId');
		}
	},
	{
		version: 5,
		name: '005-skill-checkpoints',
		async up(db, tx) {
			// Derived data: a skill's replay paused at a point in time, so the weekly review
			// folds only recent events. The two indexes let a checkpoint prove it is still valid.
			const events = tx.objectStore('events');
			events.createIndex('by-skill-at', ['skillId', 'at']);
			events.createIndex('by-skill-updated', ['skillId', 'updatedAt']);
			db.createObjectStore('checkpoints', { keyPath: 'skillId' });
		}
	},
	{
		version: 6,
		name: '006-changed-since-search-snapshot-book-stats',
		async up(db, tx) {
			// "What changed since t" without reading every record: the weekly review reads only
			// recent drills and passages, and the search index catches up from its snapshot.
			tx.objectStore('drills').createIndex('by-updatedAt', 'updatedAt');
			// A skill's events come from `by-skill-at` (005), already in time order; the two
			// older single-field indexes only cost time on every write (and seconds on an import).
			const events = tx.objectStore('events');
			events.deleteIndex('by-skill');
			events.deleteIndex('by-at');
			const passages = tx.objectStore('passages');
			passages.createIndex('by-updatedAt', 'updatedAt');
			passages.createIndex('by-book-updated', ['bookId', 'updatedAt']);
			// Derived, never backed up: the search index as it was, so a new tab need not rebuild
			// it, and each book's passage counts, so the book list need not read every passage.
			db.createObjectStore('searchIndex', { keyPath: 'key' });
			db.createObjectStore('bookStats', { keyPath: 'bookId' });
		}
	},
	{
		version: 7,
		name: '007-events-in-monthly-blocks-and-change-sequence',
		async up(db, tx, progress) {
			// Practice events move into blocks of one skill and one UTC month (IndexedDB costs per
			// record: ten years become 12,000 records, not 365,000). The old store is renamed, read
			// one skill at a time (memory stays at one skill's events), and deleted at the end. If
			// the tab closes midway, the browser aborts this whole transaction: version 6 stays.
			const old = tx.objectStore('events');
			old.name = 'events-v6';
			const blocks = db.createObjectStore('events', { keyPath: ['skillId', 'month'] });
			blocks.createIndex('by-skill-seq', ['skillId', 'seq']);
			// The change sequence: every write stamps its records, derived data follows it.
			db.createObjectStore('sequence', { keyPath: 'key' });
			await tx.objectStore('sequence').put({ key: 'seq', value: 0 });

			const monthOf = (at: number) => {
				const d = new Date(Math.min(8.64e15, Math.max(-8.64e15, at)));
				return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
			};
			type Event = { id: string; skillId: string; at: number };
			const byTime = (a: Event, b: Event) =>
				a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
			const total: number = await old.count();
			let done = 0;
			progress(0, total);
			let last: Promise<unknown> = Promise.resolve();
			const file = (events: Event[]) => {
				const months = new Map<number, Event[]>();
				for (const e of events) {
					const m = monthOf(e.at);
					const list = months.get(m);
					if (list) list.push(e);
					else months.set(m, [e]);
				}
				for (const [month, list] of months) {
					const put = blocks.put({
						skillId: list[0].skillId,
						month,
						events: list.sort(byTime),
						seq: 0
					});
					// A failed put aborts the transaction; the next request reports it.
					put.catch(() => undefined);
					last = put;
				}
			};
			// One skill at a time, found by jumping past the previous skill in `by-skill-at`
			// (keys order numbers < dates < strings < binary < arrays: `[id, []]` ends a skill),
			// and a year of it at a time: reading a request's records is work for the page, and a
			// year (~365 events) keeps each piece short. Years without events are jumped over.
			const index = old.index('by-skill-at');
			const yearOf = (at: number) =>
				new Date(Math.min(8.64e15, Math.max(-8.64e15, at))).getUTCFullYear();
			const orElse = (t: number, fallback: number) => (Number.isNaN(t) ? fallback : t);
			const seen = new Set<unknown>();
			let next = await index.openKeyCursor();
			while (next) {
				const [skillId, first] = next.key as [string, unknown];
				seen.add(skillId);
				let at: unknown = first;
				while (typeof at === 'number') {
					const year = yearOf(at);
					const from = orElse(Date.UTC(year, 0, 1), -Infinity);
					const to = orElse(Date.UTC(year + 1, 0, 1), Infinity);
					const range = IDBKeyRange.bound([skillId, from], [skillId, to], false, to !== Infinity);
					const events = (await index.getAll(range)) as Event[];
					if (events.length > 0) file(events);
					done += events.length;
					progress(done, total);
					if (to === Infinity) break;
					const after = await index.openKeyCursor(IDBKeyRange.lowerBound([skillId, to]));
					at = after && after.key[0] === skillId ? after.key[1] : undefined;
				}
				next = await index.openKeyCursor(IDBKeyRange.lowerBound([skillId, []], true));
				while (next && seen.has((next.key as [string, unknown])[0])) next = await next.continue();
			}
			// Events without a numeric time or a usable skill (never written by the app, but
			// never dropped either) are filed under what they have, time 0 if none.
			if (done < total) {
				const filed = (e: Event) =>
					typeof e.at === 'number' &&
					!Number.isNaN(e.at) &&
					(typeof e.skillId === 'string' || typeof e.skillId === 'number');
				const rest: Event[] = [];
				let cursor = await old.openCursor();
				while (cursor) {
					const e = cursor.value as Event;
					if (!filed(e)) {
						const at = typeof e.at === 'number' && Number.isFinite(e.at) ? e.at : 0;
						rest.push({ ...e, skillId: String(e.skillId ?? ''), at });
					}
					cursor = await cursor.continue();
				}
				for (const e of rest) {
					const key = [e.skillId, monthOf(e.at)];
					const block = (await blocks.get(key)) as { events: Event[] } | undefined;
					const events = [...(block?.events ?? []), e].sort(byTime);
					await blocks.put({ skillId: e.skillId, month: key[1], events, seq: 0 });
				}
			}
			await last;
			db.deleteObjectStore('events-v6');
			progress(total, total);

			// Drills and passages are followed by change sequence (search, book counts), no
			// longer by `updatedAt`, which an import or another device can bring from the past.
			const drills = tx.objectStore('drills');
			drills.deleteIndex('by-updatedAt');
			drills.createIndex('by-seq', 'seq');
			const passages = tx.objectStore('passages');
			passages.deleteIndex('by-book-updated');
			passages.createIndex('by-seq', 'seq');
			passages.createIndex('by-book-seq', ['bookId', 'seq']);
			// Derived data was kept by time; it is rebuilt by sequence on first use.
			for (const name of ['checkpoints', 'searchIndex', 'bookStats']) {
				await tx.objectStore(name).clear();
			}
		}
	},
	{
		version: 8,
		name: '008-sync-state',
		async up(db) {
			// This device's side of sync (server, account, keys, how far it has pushed and
			// pulled): never synced, never backed up, never stamped with the change sequence.
			db.createObjectStore('sync', { keyPath: 'key' });
		}
	},
	{
		version: 9,
		name: '009-revisit-and-on-this-day-indexes',
		async up(_db, tx) {
			// Revisit reads what is due, and what was answered today, without reading every
			// passage. Passages never shown have no schedule, so these indexes skip them.
			const passages = tx.objectStore('passages');
			passages.createIndex('by-revisit-due', 'revisit.due');
			passages.createIndex('by-revisit-last', 'revisit.last');
			// "On this day" finds passages by the day they were captured.
			passages.createIndex('by-createdAt', 'createdAt');
			// Never read (imports compare keys in memory): one index less for every write.
			passages.deleteIndex('by-importKey');
		}
	},
	{
		version: 10,
		name: '010-recordings',
		async up(db) {
			// Spoken notes and drills: a head per recording (whose it is, its type, length) and
			// its audio in pieces of about a second, each stored as it arrives, so a reload or a
			// full disk loses at most the last second. This device's only: never synced, and kept
			// out of the JSON backup.
			db.createObjectStore('recordings', { keyPath: 'id' }).createIndex('by-owner', 'owner');
			db.createObjectStore('recordingChunks', { keyPath: ['recordingId', 'n'] });
		}
	},
	{
		version: 11,
		name: '011-compact-practice-blocks',
		async up(_db, tx, progress) {
			// A block's events no longer store the block's skill, nor fields at their usual value
			// (created when it happened, never updated or deleted, no prompt, no source record, no
			// note): ten years hold 365,000 events, and what each one leaves out is bytes every
			// write, read and first sync no longer moves. Reading fills them back in. The change
			// sequence is kept: the events are the same, nothing needs pushing or recomputing.
			const blocks = tx.objectStore('events');
			type Event = Record<string, unknown> & { at: number };
			const usual: Record<string, unknown> = {
				deletedAt: null,
				promptKey: null,
				sourceId: null,
				note: ''
			};
			const compact = (e: Event) => {
				const createdAt = e.createdAt ?? e.at;
				const out: Record<string, unknown> = {};
				for (const [key, value] of Object.entries(e)) {
					if (key === 'skillId' || value === undefined) continue;
					if (key === 'createdAt' && value === e.at) continue;
					if (key === 'updatedAt' && value === createdAt) continue;
					if (key in usual && value === usual[key]) continue;
					out[key] = value;
				}
				return out;
			};
			const total: number = await blocks.count();
			let done = 0;
			progress(0, total);
			// A few hundred blocks at a time, written without waiting for each.
			let after: IDBValidKey | null = null;
			for (;;) {
				const range: IDBKeyRange | null =
					after === null ? null : IDBKeyRange.lowerBound(after, true);
				const batch = (await blocks.getAll(range, 500)) as {
					skillId: string;
					month: number;
					events?: unknown;
				}[];
				if (batch.length === 0) break;
				let last: Promise<unknown> = Promise.resolve();
				for (const block of batch) {
					const events = Array.isArray(block.events)
						? (block.events as Event[]).map((e) =>
								// Only an event of this block's skill can leave its skill out.
								e && typeof e === 'object' && e.skillId === block.skillId ? compact(e) : e
							)
						: block.events;
					last = blocks.put({ ...block, events });
					last.catch(() => undefined);
				}
				await last;
				done += batch.length;
				progress(done, total);
				const end = batch[batch.length - 1];
				after = [end.skillId, end.month];
			}
		}
	},
	{
		version: 12,
		name: '012-passages-by-book-through-seq',
		async up(_db, tx, progress) {
			// A book's passages are read through `by-book-seq` (book, change sequence), which
			// holds the same passages in the same order of books: `by-book` was one index entry
			// more for every passage written (a first sync writes 20,000). Passages written before
			// version 7 carry no change sequence, and no index over it holds them: they are
			// stamped 0 ("before there was one", as `seqOf` reads a missing one), nothing else.
			const passages = tx.objectStore('passages');
			const total: number = await passages.count();
			if ((await passages.index('by-seq').count()) < total) {
				let done = 0;
				progress(0, total);
				let cursor = await passages.openCursor();
				while (cursor) {
					const value = cursor.value as { seq?: unknown };
					if (typeof value.seq !== 'number') await cursor.update({ ...value, seq: 0 });
					if (++done % 500 === 0) progress(done, total);
					cursor = await cursor.continue();
				}
				progress(total, total);
			}
			passages.deleteIndex('by-book');
		}
	},
	{
		version: 13,
		name: '013-practice-blocks-by-quarter',
		async up(_db, tx, progress) {
			// A block of practice holds a skill's quarter, not its month: a third of the records
			// for the same events (ten years: 4,000 instead of 12,000), and IndexedDB's cost is per
			// record — a new device writes them in half the time. A quarter's block is keyed by
			// its first month. The months of a quarter are merged: an event that moved between two
			// of them (a tombstone in one, the event in the other) is kept once, its newer copy.
			// The change sequence is the largest of the merged blocks': nothing needs pushing or
			// recomputing.
			const blocks = tx.objectStore('events');
			type Event = Record<string, unknown> & { id: string; at: number };
			type Block = { skillId: string; month: number; seq?: number; events?: unknown };
			const quarterOf = (month: number) => month - (((month % 3) + 3) % 3);
			const updated = (e: Event) => (e.updatedAt ?? e.createdAt ?? e.at) as number;
			const live = (e: Event) => e.deletedAt === undefined || e.deletedAt === null;
			const newer = (a: Event, b: Event) => {
				if (updated(a) !== updated(b)) return updated(a) > updated(b) ? a : b;
				if (live(a) !== live(b)) return live(a) ? a : b;
				return JSON.stringify(a) >= JSON.stringify(b) ? a : b;
			};
			const total: number = await blocks.count();
			if (total === 0) return;
			let done = 0;
			progress(0, total);
			let group: Block[] = [];
			let last: Promise<unknown> = Promise.resolve();
			const flush = () => {
				if (group.length === 0) return;
				const first = group[0];
				const month = quarterOf(first.month);
				if (group.length === 1 && first.month === month) {
					group = [];
					return; // Already a quarter's block.
				}
				const byId = new Map<string, Event>();
				const other: unknown[] = [];
				let seq: number | undefined;
				for (const block of group) {
					if (typeof block.seq === 'number') seq = Math.max(seq ?? block.seq, block.seq);
					for (const e of Array.isArray(block.events) ? (block.events as Event[]) : []) {
						if (!e || typeof e !== 'object' || typeof e.id !== 'string') {
							other.push(e); // Not an event: kept as it was, for the checks to report.
							continue;
						}
						const seen = byId.get(e.id);
						byId.set(e.id, seen ? newer(seen, e) : e);
					}
				}
				const events = [...byId.values()].sort(
					(a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
				);
				for (const block of group) {
					if (block.month !== month)
						blocks.delete([block.skillId, block.month]).catch(() => undefined);
				}
				const merged: Block = {
					skillId: first.skillId,
					month,
					events: [...events, ...other],
					...(seq === undefined ? {} : { seq })
				};
				last = blocks.put(merged);
				last.catch(() => undefined);
				group = [];
			};
			// A few hundred blocks at a time, in key order: a skill's months of one quarter are
			// next to each other.
			let after: IDBValidKey | null = null;
			for (;;) {
				const range: IDBKeyRange | null =
					after === null ? null : IDBKeyRange.lowerBound(after, true);
				const batch = (await blocks.getAll(range, 500)) as Block[];
				if (batch.length === 0) break;
				for (const block of batch) {
					const head = group[0];
					if (
						head &&
						(head.skillId !== block.skillId || quarterOf(head.month) !== quarterOf(block.month))
					) {
						flush();
					}
					group.push(block);
				}
				const end = batch[batch.length - 1];
				after = [end.skillId, end.month];
				await last;
				done += batch.length;
				progress(done, total);
			}
			flush();
			await last;
		}
	}
];

/** The version the last migration reaches: `DB_VERSION` in `shape.ts` (a test checks). */
export const LAST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
