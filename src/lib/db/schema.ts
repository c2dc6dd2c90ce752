import type { DBSchema } from 'idb';
import type { StoredBlock } from './blocks';

/**
 * The database's shape: each store, its records and its indexes. The records a person owns
 * are defined once, with the check for records from outside, in `records.ts`; the derived
 * stores (rebuilt from those, never backed up or synced) are defined here. Change a shape
 * only together with a new migration in `migrations.ts`.
 */
import type {
	BookRecord,
	DraftRecord,
	DrillRecord,
	MetaRecord,
	OwnedStore,
	PassageRecord,
	ReactionRecord,
	ReadingSessionRecord,
	SkillRecord,
	TemplateRecord
} from './records';

export type {
	AnswerStatus,
	BookRecord,
	BookStatus,
	DraftRecord,
	DrillKind,
	DrillRecord,
	DrillSetup,
	EventBlockRecord,
	EventSource,
	MetaRecord,
	PassageAnswer,
	PassageRecord,
	PracticeEventRecord,
	Rating,
	ReactionId,
	ReactionRecord,
	ReadingSessionRecord,
	ReflectionAnswer,
	RevisitRecord,
	SkillRecord,
	TemplateRecord,
	TimerState
} from './records';

/**
 * Every write to an owned store stamps its records with this device's change sequence: a
 * counter the database module raises once per write transaction (`write`). Derived data
 * (checkpoints, the search index, book counts) remembers the sequence it has seen and catches
 * up with records stamped later — whatever their `updatedAt`, which an import or another
 * device can bring from the past. Local: never backed up or synced (export leaves it out).
 */
export interface Sequenced {
	seq?: number;
}

/** The change sequence's counter: the last number given to a write. */
export interface SequenceRecord {
	key: 'seq';
	value: number;
}

/**
 * A skill's practice of one month, as stored: its events without what they share with the
 * block or hold by default (`StoredEvent` in `blocks.ts`; read them with `expandBlock`).
 */
export type StoredEventBlock = StoredBlock & Sequenced;

/**
 * Derived data, never backed up: each skill's replay paused at `through`, so the review
 * folds only newer events. Valid while none of the skill's blocks up to `through`'s month
 * was written after the checkpoint was made (its `seq`; see skills/history-repo).
 */
export interface CheckpointRecord {
	skillId: string;
	through: number;
	/** The change sequence when the checkpoint was made. */
	seq: number;
	/** The skills merged into this one whose practice it includes (sorted; absent: none). */
	merged?: string[];
	state: {
		level: number;
		peak: number;
		floor: number;
		stability: number;
		lastPracticedAt: number | null;
		sessions: number;
	};
	prevKey: string | null;
	repeats: number;
}

/**
 * Derived data, never backed up: the saved search index, as two records — a small head
 * (which index is stored, up to which change sequence) and the body (MiniSearch JSON, tens of MB at
 * ten years), so that checking which index is stored never reads the index itself.
 */
export interface SearchIndexHead {
	key: 'head';
	/** Bumped when the documents' shape changes; an older index is rebuilt. */
	version: number;
	/** The change sequence the index includes (every record stamped up to it). */
	syncedUpTo: number;
	madeAt: number;
}

export interface SearchIndexBody {
	key: 'body';
	/** The `madeAt` of the head it belongs to. */
	madeAt: number;
	json: string;
}

/**
 * Derived data, never backed up: a book's live passages and how many are worked through,
 * valid while none of its passages was written after change `seq` (see reading/repo `bookStats`).
 */
export interface BookStatsRecord {
	bookId: string;
	seq: number;
	total: number;
	worked: number;
}

export interface WhetstoneSchema extends DBSchema {
	meta: { key: string; value: MetaRecord };
	skills: { key: string; value: SkillRecord; indexes: { 'by-nameKey': string } };
	drafts: { key: string; value: DraftRecord };
	drills: {
		key: string;
		value: DrillRecord;
		indexes: {
			'by-startedAt': number;
			'by-skill': string;
			'by-promptKey': string;
			'by-seq': number;
		};
	};
	/** Practice events, in blocks of one skill and month (keyed [skillId, month]). */
	events: {
		key: [string, number];
		value: StoredEventBlock;
		indexes: { 'by-skill-seq': [string, number] };
	};
	templates: { key: string; value: TemplateRecord };
	books: { key: string; value: BookRecord; indexes: { 'by-titleKey': string } };
	passages: {
		key: string;
		value: PassageRecord;
		indexes: {
			'by-skill': string;
			'by-updatedAt': number;
			'by-seq': number;
			/** A book's passages, in the order they were written here (`ofBook`). */
			'by-book-seq': [string, number];
			/** Scheduled passages by when Revisit next shows them (revisit/model.ts). */
			'by-revisit-due': number;
			/** Scheduled passages by when they were last answered in Revisit. */
			'by-revisit-last': number;
			/** Passages by the day they were captured ("On this day"). */
			'by-createdAt': number;
		};
	};
	reactions: { key: string; value: ReactionRecord };
	readingSessions: { key: string; value: ReadingSessionRecord; indexes: { 'by-book': string } };
	checkpoints: { key: string; value: CheckpointRecord };
	searchIndex: { key: string; value: SearchIndexHead | SearchIndexBody };
	bookStats: { key: string; value: BookStatsRecord };
	sequence: { key: string; value: SequenceRecord };
	/** This device's side of sync (see sync/repo): local, never synced or backed up. */
	sync: { key: string; value: SyncRecord };
	/** Recordings (voice/repo): heads here, audio in `recordingChunks`. Device-only. */
	recordings: { key: string; value: RecordingRecord; indexes: { 'by-owner': string } };
	recordingChunks: { key: [string, number]; value: RecordingChunk };
}

/** A recording's head: whose it is (`passage:<id>`, `drill:<id>`), its audio type and length. */
export interface RecordingRecord {
	id: string;
	owner: string;
	createdAt: number;
	mimeType: string;
	/** Known once it was stopped; null while recording, or when it was cut short. */
	durationMs: number | null;
	/** Bytes stored so far. */
	bytes: number;
	/** How many pieces are stored (about a second each). */
	chunks: number;
	complete: boolean;
	/** Why it ended early, when it did ("the device is full"). */
	cutShort: string | null;
}

/** About a second of a recording's audio. */
export interface RecordingChunk {
	recordingId: string;
	n: number;
	blob: Blob;
}

/** A record of this device's sync state, by key; what each key holds is sync/repo's. */
export interface SyncRecord {
	key: string;
	[field: string]: unknown;
}

/** Stores of derived data: rebuilt from the rest, never backed up or synced. */
export const DERIVED_STORES = ['checkpoints', 'searchIndex', 'bookStats'] as const;

/** The stores a person owns: backed up, and carried by sync. */
export type StoreName = OwnedStore;
/** Every owned store once (the compiler checks none is missing). */
const OWNED: Record<StoreName, true> = {
	meta: true,
	skills: true,
	drafts: true,
	drills: true,
	events: true,
	templates: true,
	books: true,
	passages: true,
	reactions: true,
	readingSessions: true
};
export const STORE_NAMES = Object.keys(OWNED) as readonly StoreName[];
