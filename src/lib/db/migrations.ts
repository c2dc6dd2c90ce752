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

export interface Migration {
	version: number;
	name: string;
	up(db: AnyDb, tx: UpgradeTx): Promise<void>;
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
	}
];

/** The schema version this code writes. */
export const DB_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
