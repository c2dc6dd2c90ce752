import type { DBSchema } from 'idb';
import type { BaseRecord } from './record';

/**
 * The stored shapes. This file is the data contract: backups, migrations and every repo
 * read it. Change a shape only together with a new migration in `migrations.ts`.
 */

export interface MetaRecord {
	key: string;
	value: unknown;
	updatedAt: number;
}

export interface SkillRecord extends BaseRecord {
	name: string;
	/** Lower-cased, space-folded name, so "Giving  Feedback" and "giving feedback" are one skill. */
	nameKey: string;
	archivedAt: number | null;
	/** The level this skill should stay above; null means the default (see skills/model). */
	line: number | null;
}

export type DrillKind = 'write-x' | 'x-is-y' | 'sprint' | 'custom';
export type Rating = 1 | 2 | 3 | 4;

/** The timer, stored with the draft so a reload resumes it exactly. Times are epoch ms. */
export interface TimerState {
	durationMs: number;
	status: 'running' | 'paused' | 'ended';
	/** Active time banked before the current running segment. */
	bankedMs: number;
	/** Wall-clock start of the current running segment, or null when paused/ended. */
	segmentStartedAt: number | null;
	/** Latest wall-clock time seen, so a clock that moves backwards cannot give time back. */
	lastSeenAt: number;
	/** Active time at which the timer ended (duration, or less when ended early). */
	endedAtElapsedMs: number | null;
	endedEarly: boolean;
	/**
	 * The latest moment overtime may count up to: typing moves it to the keystroke plus a
	 * grace, hiding the page pulls it back to the moment it was hidden. Null while the page
	 * is visible before the end. Absent in drafts saved before this field existed.
	 */
	overtimeUntil?: number | null;
}

export interface ReflectionAnswer {
	question: string;
	answer: string;
}

/** What a drill is about; shared by drafts and finished drills. */
export interface DrillSetup {
	kind: DrillKind;
	templateId: string | null;
	/** X: the skill practised. */
	skillId: string | null;
	skillName: string;
	/** Y: the strong skill, for X-is-really-Y. */
	otherSkillName: string | null;
	/** For description sprints: what to describe. */
	subject: string | null;
	/** The prompt as shown. */
	prompt: string;
	/** Same key = the same exercise repeated (re-drills share it). */
	promptKey: string;
	reflectionQuestions: string[];
}

/** The one drill in progress. Saved continuously while the user writes. */
export interface DraftRecord extends BaseRecord, DrillSetup {
	text: string;
	startedAt: number;
	timer: TimerState;
	/** Set once time is up and the writer moved on to the reflection step. */
	phase: 'writing' | 'reflecting';
	reflections: ReflectionAnswer[];
	rating: Rating | null;
}

export interface DrillRecord extends BaseRecord, DrillSetup {
	text: string;
	wordCount: number;
	startedAt: number;
	finishedAt: number;
	durationMs: number;
	/** Active writing time within the set duration. */
	activeMs: number;
	/** Time written past the end of the countdown. */
	overtimeMs: number;
	endedEarly: boolean;
	reflections: ReflectionAnswer[];
	rating: Rating | null;
}

export type EventSource = 'drill' | 'reading' | 'manual';

/** One practice session of one skill. The skill log is computed from these. */
export interface PracticeEventRecord extends BaseRecord {
	skillId: string;
	at: number;
	minutes: number;
	rating: Rating;
	promptKey: string | null;
	source: EventSource;
	sourceId: string | null;
	note: string;
}

export interface TemplateRecord extends BaseRecord {
	name: string;
	prompt: string;
	durationMs: number;
	questions: string[];
}

export type BookStatus = 'reading' | 'finished' | 'set-aside';

export interface BookRecord extends BaseRecord {
	title: string;
	/** Lower-cased, space-folded title + author, to match imports to books. */
	titleKey: string;
	author: string;
	/** A hex colour for the cover swatch, or null. */
	color: string | null;
	status: BookStatus;
	skillIds: string[];
}

/** A built-in reaction ('confusion', 'curiosity', 'insight') or a custom one's record id. */
export type ReactionId = string;

export type AnswerStatus = 'open' | 'answered' | 'skipped' | 'nothing';

export interface PassageAnswer {
	status: AnswerStatus;
	text: string;
}

export interface PassageRecord extends BaseRecord {
	bookId: string;
	/** The passage, or the reader's paraphrase of it. */
	text: string;
	/** Page, chapter, e-reader location or percentage, as the reader wrote it. */
	location: string;
	reaction: ReactionId | null;
	/** The margin note: the reaction's voice. */
	note: string;
	skillId: string | null;
	/** Six answers, one per reading question, in order. */
	answers: PassageAnswer[];
	source: 'typed' | 'shared' | 'kindle' | 'csv';
	/** For imports: the same highlight imported twice has the same key. */
	importKey: string | null;
	/** Where a shared passage came from (an http(s) link), when the sharing app sent one. */
	sourceUrl?: string | null;
}

export interface ReactionRecord extends BaseRecord {
	name: string;
	color: string;
}

export interface ReadingSessionRecord extends BaseRecord {
	bookId: string;
	startedAt: number;
	minutes: number;
}

/**
 * Derived data, never backed up: each skill's replay paused at `through`, so the review
 * folds only newer events. Valid while the skill's events up to `through` are unchanged
 * (checked with the `by-skill-at` count and `by-skill-updated` range; see skills/checkpoints).
 */
export interface CheckpointRecord {
	skillId: string;
	through: number;
	/** How many event records (tombstones included) had `at <= through`. */
	count: number;
	madeAt: number;
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
 * (which index is stored, up to which change) and the body (MiniSearch JSON, tens of MB at
 * ten years), so that checking which index is stored never reads the index itself.
 */
export interface SearchIndexHead {
	key: 'head';
	/** Bumped when the documents' shape changes; an older index is rebuilt. */
	version: number;
	/** The newest `updatedAt` the index includes. */
	syncedUpTo: number;
	madeAt: number;
	/** Set by an import: every index made before it is out of date. There is no body. */
	cleared: boolean;
}

export interface SearchIndexBody {
	key: 'body';
	/** The `madeAt` of the head it belongs to. */
	madeAt: number;
	json: string;
}

/**
 * Derived data, never backed up: a book's live passages and how many are worked through,
 * valid while none of its passages changed after `madeAt` (see reading/repo `bookStats`).
 */
export interface BookStatsRecord {
	bookId: string;
	madeAt: number;
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
			'by-updatedAt': number;
		};
	};
	events: {
		key: string;
		value: PracticeEventRecord;
		indexes: {
			'by-sourceId': string;
			'by-skill-at': [string, number];
			'by-skill-updated': [string, number];
		};
	};
	templates: { key: string; value: TemplateRecord };
	books: { key: string; value: BookRecord; indexes: { 'by-titleKey': string } };
	passages: {
		key: string;
		value: PassageRecord;
		indexes: {
			'by-book': string;
			'by-importKey': string;
			'by-skill': string;
			'by-updatedAt': number;
			'by-book-updated': [string, number];
		};
	};
	reactions: { key: string; value: ReactionRecord };
	readingSessions: { key: string; value: ReadingSessionRecord; indexes: { 'by-book': string } };
	checkpoints: { key: string; value: CheckpointRecord };
	searchIndex: { key: string; value: SearchIndexHead | SearchIndexBody };
	bookStats: { key: string; value: BookStatsRecord };
}

/** Stores of derived data: rebuilt from the rest, never backed up, cleared by an import. */
export const DERIVED_STORES = ['checkpoints', 'searchIndex', 'bookStats'] as const;

export type StoreName =
	| 'meta'
	| 'skills'
	| 'drafts'
	| 'drills'
	| 'events'
	| 'templates'
	| 'books'
	| 'passages'
	| 'reactions'
	| 'readingSessions';
export const STORE_NAMES: readonly StoreName[] = [
	'meta',
	'skills',
	'drafts',
	'drills',
	'events',
	'templates',
	'books',
	'passages',
	'reactions',
	'readingSessions'
];
