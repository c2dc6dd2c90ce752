import type { IDBPDatabase, IDBPTransaction } from 'idb';

/**
 * The schema version this code writes, and the database's shape at that version, made in one
 * step for a new database. An existing older database is brought here by the named migrations
 * (`migrations.ts`, loaded only then: a first visit or a current database never downloads
 * them). `db.spec.ts` checks that both roads end in exactly the same shape. Change the shape
 * only together with a new migration, and change both.
 */
export const DB_VERSION = 13;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = IDBPDatabase<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type UpgradeTx = IDBPTransaction<any, any, 'versionchange'>;

export function createCurrentShape(db: AnyDb, tx: UpgradeTx): void {
	db.createObjectStore('meta', { keyPath: 'key' });
	db.createObjectStore('skills', { keyPath: 'id' }).createIndex('by-nameKey', 'nameKey');
	db.createObjectStore('drafts', { keyPath: 'id' });
	const drills = db.createObjectStore('drills', { keyPath: 'id' });
	drills.createIndex('by-startedAt', 'startedAt');
	drills.createIndex('by-skill', 'skillId');
	drills.createIndex('by-promptKey', 'promptKey');
	drills.createIndex('by-seq', 'seq');
	db.createObjectStore('templates', { keyPath: 'id' });
	db.createObjectStore('events', { keyPath: ['skillId', 'month'] }).createIndex('by-skill-seq', [
		'skillId',
		'seq'
	]);
	db.createObjectStore('books', { keyPath: 'id' }).createIndex('by-titleKey', 'titleKey');
	const passages = db.createObjectStore('passages', { keyPath: 'id' });
	passages.createIndex('by-skill', 'skillId');
	passages.createIndex('by-updatedAt', 'updatedAt');
	passages.createIndex('by-seq', 'seq');
	passages.createIndex('by-book-seq', ['bookId', 'seq']);
	passages.createIndex('by-revisit-due', 'revisit.due');
	passages.createIndex('by-revisit-last', 'revisit.last');
	passages.createIndex('by-createdAt', 'createdAt');
	db.createObjectStore('reactions', { keyPath: 'id' });
	db.createObjectStore('readingSessions', { keyPath: 'id' }).createIndex('by-book', 'bookId');
	db.createObjectStore('checkpoints', { keyPath: 'skillId' });
	db.createObjectStore('searchIndex', { keyPath: 'key' });
	db.createObjectStore('bookStats', { keyPath: 'bookId' });
	db.createObjectStore('sequence', { keyPath: 'key' });
	db.createObjectStore('sync', { keyPath: 'key' });
	db.createObjectStore('recordings', { keyPath: 'id' }).createIndex('by-owner', 'owner');
	db.createObjectStore('recordingChunks', { keyPath: ['recordingId', 'n'] });
	void tx.objectStore('sequence').put({ key: 'seq', value: 0 });
}
