import * as v from 'valibot';
import { LIMITS } from './limits';

/**
 * Every record a person owns, defined once: each schema here checks a record that comes from
 * outside (a backup today, another device through sync next), and each stored type is
 * inferred from its schema, so the check and the type cannot drift apart. The limits beside
 * them are the editors' (see limits.ts).
 *
 * Import the types with `import type` anywhere; import the schemas only where records are
 * checked (backup, sync): valibot stays off the pages that never check a file.
 *
 * This file is the data contract: change a shape only together with a new migration in
 * `migrations.ts` and, for what a backup holds, a new version in `backup/format.ts`.
 */

const id = v.pipe(v.string(), v.nonEmpty(), v.maxLength(LIMITS.id));
/** An epoch-milliseconds time or a duration. */
const time = v.pipe(v.number(), v.finite());
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const named = (max: number) => v.pipe(v.string(), v.nonEmpty(), v.maxLength(max));
const hexColour = v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i));
const minutesInADay = v.pipe(v.number(), v.finite(), v.maxValue(24 * 60));

/** Keys that could reach an object's prototype. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A copy of parsed JSON without forbidden keys, at any depth. */
function withoutForbiddenKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutForbiddenKeys);
	if (!value || typeof value !== 'object') return value;
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(value)) {
		if (!FORBIDDEN_KEYS.has(key))
			out[key] = withoutForbiddenKeys((value as Record<string, unknown>)[key]);
	}
	return out;
}

/** Fields every synced record carries, so two devices' data can be merged by id. */
const base = {
	id,
	createdAt: time,
	updatedAt: time,
	/** Deletion is a tombstone: the record stays so a merge knows it was removed. */
	deletedAt: v.nullable(time),
	/**
	 * When each field was last changed, newest first, with the times of its earlier values
	 * (a few): how sync tells an edit made on top of another device's from one made beside it
	 * (see record.ts `touched`, sync/merge.ts). Absent: no field changed since `createdAt`.
	 */
	clock: v.optional(v.record(v.string(), v.array(time)))
};
export type BaseRecord = v.InferOutput<v.ObjectSchema<typeof base, undefined>>;

/**
 * A version of a drill's or a passage's words another device wrote beside this one (neither
 * had seen the other), kept when sync had to choose which to show: words are never dropped
 * by a merge. The person sees both and chooses. `id` names the version the same way on every
 * device (`field@at`); `lineage` is its field clock (see `clock`); `resolvedAt` once chosen.
 */
const conflict = v.object({
	id: v.pipe(v.string(), v.nonEmpty(), v.maxLength(200)),
	field: v.pipe(v.string(), v.maxLength(40)),
	/** The field's whole value in that version: a text, or a list of answers. */
	value: v.union([
		text(LIMITS.drillText),
		v.pipe(
			v.array(v.unknown()),
			v.transform((list) => withoutForbiddenKeys(list) as unknown[])
		)
	]),
	at: time,
	lineage: v.array(time),
	resolvedAt: v.nullable(time)
});
export type ConflictCopy = v.InferOutput<typeof conflict>;
const conflicts = v.optional(v.array(conflict));

const rating = v.picklist([1, 2, 3, 4]);
export type Rating = v.InferOutput<typeof rating>;

const drillKind = v.picklist(['write-x', 'x-is-y', 'sprint', 'custom']);
export type DrillKind = v.InferOutput<typeof drillKind>;

const skill = v.object({
	...base,
	name: named(LIMITS.skillName),
	/** Lower-cased, space-folded name, so "Giving  Feedback" and "giving feedback" are one skill. */
	nameKey: text(LIMITS.skillName),
	archivedAt: v.nullable(time),
	/** The level this skill should stay above; null means the default (see skills/model). */
	line: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100))),
	/**
	 * On a skill merged into another (its tombstone): that skill. Practice, drills and passages
	 * still filed under this one (another device's, arriving after the merge) follow it there.
	 */
	mergedInto: v.optional(v.nullable(id))
});
export type SkillRecord = v.InferOutput<typeof skill>;

/** The timer, stored with the draft so a reload resumes it exactly. Times are epoch ms. */
const timer = v.object({
	durationMs: v.pipe(v.number(), v.finite(), v.minValue(1)),
	status: v.picklist(['running', 'paused', 'ended']),
	/** Active time banked before the current running segment. */
	bankedMs: time,
	/** Wall-clock start of the current running segment, or null when paused/ended. */
	segmentStartedAt: v.nullable(time),
	/** Latest wall-clock time seen, so a clock that moves backwards cannot give time back. */
	lastSeenAt: time,
	/** Active time at which the timer ended (duration, or less when ended early). */
	endedAtElapsedMs: v.nullable(time),
	endedEarly: v.boolean(),
	/**
	 * The latest moment overtime may count up to: typing moves it to the keystroke plus a
	 * grace, hiding the page pulls it back to the moment it was hidden. Null while the page
	 * is visible before the end. Absent in drafts saved before this field existed.
	 */
	overtimeUntil: v.optional(v.nullable(time))
});
export type TimerState = v.InferOutput<typeof timer>;

const reflection = v.object({ question: text(LIMITS.question), answer: text(LIMITS.answer) });
export type ReflectionAnswer = v.InferOutput<typeof reflection>;

/** What a drill is about; shared by drafts and finished drills. */
const setup = {
	kind: drillKind,
	templateId: v.nullable(id),
	/** X: the skill practised. */
	skillId: v.nullable(id),
	skillName: text(LIMITS.skillName),
	/** Y: the strong skill, for X-is-really-Y. */
	otherSkillName: v.nullable(text(LIMITS.skillName)),
	/** For description sprints: what to describe. */
	subject: v.nullable(text(LIMITS.subject)),
	/** The prompt as shown. */
	prompt: text(LIMITS.prompt),
	/** Same key = the same exercise repeated (re-drills share it). */
	promptKey: text(LIMITS.promptKey),
	reflectionQuestions: v.array(text(LIMITS.question)),
	/**
	 * Answered aloud: the recording stays on the device that made it (owned by the drill's id,
	 * which the draft shares). Absent on written drills and on drills made before speaking.
	 */
	spoken: v.optional(v.boolean())
};
export type DrillSetup = v.InferOutput<v.ObjectSchema<typeof setup, undefined>>;

/** The one drill in progress. Saved continuously while the user writes. */
const draft = v.object({
	...base,
	...setup,
	text: text(LIMITS.drillText),
	startedAt: time,
	timer,
	/** Set once time is up and the writer moved on to the reflection step. */
	phase: v.picklist(['writing', 'reflecting']),
	reflections: v.array(reflection),
	rating: v.nullable(rating)
});
export type DraftRecord = v.InferOutput<typeof draft>;

const drill = v.object({
	...base,
	...setup,
	text: text(LIMITS.drillText),
	wordCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
	startedAt: time,
	finishedAt: time,
	durationMs: time,
	/** Active writing time within the set duration. */
	activeMs: time,
	/** Time written past the end of the countdown. */
	overtimeMs: time,
	endedEarly: v.boolean(),
	reflections: v.array(reflection),
	rating: v.nullable(rating),
	conflicts
});
export type DrillRecord = v.InferOutput<typeof drill>;

const eventSource = v.picklist(['drill', 'reading', 'manual']);
export type EventSource = v.InferOutput<typeof eventSource>;

/** One practice session of one skill. The skill log is computed from these. */
const event = v.object({
	...base,
	skillId: id,
	at: time,
	minutes: v.pipe(minutesInADay, v.gtValue(0)),
	rating,
	promptKey: v.nullable(text(LIMITS.promptKey)),
	source: eventSource,
	sourceId: v.nullable(id),
	note: text(LIMITS.note)
});
export type PracticeEventRecord = v.InferOutput<typeof event>;
/** One practice event's check, for files that list events one by one (backup format 1–3). */
export const PRACTICE_EVENT_SCHEMA = event;

/**
 * A skill's practice events of one calendar month (UTC), stored and carried as one record:
 * IndexedDB and sync cost per record (see `blocks.ts`). Which events belong where is checked
 * by `blockProblem`.
 */
const eventBlock = v.object({
	skillId: id,
	/** Months since January 1970, UTC. */
	month: v.pipe(v.number(), v.integer(), v.minValue(-3_300_000), v.maxValue(3_300_000)),
	events: v.array(event)
});
export type EventBlockRecord = v.InferOutput<typeof eventBlock>;

/**
 * A block as this app stores it (`StoredBlock` in blocks.ts): its events without the block's
 * `skillId`, and fields at their usual value left out. The same checks as a whole event's,
 * for what is there; a snapshot's blocks are checked in this form and stored as they come.
 */
export const STORED_BLOCK_SCHEMA = v.object({
	...eventBlock.entries,
	events: v.array(
		v.partial(v.omit(event, ['skillId']), [
			'createdAt',
			'updatedAt',
			'deletedAt',
			'promptKey',
			'sourceId',
			'note'
		])
	)
});

const template = v.object({
	...base,
	name: text(LIMITS.templateName),
	prompt: text(LIMITS.prompt),
	durationMs: v.pipe(v.number(), v.finite(), v.minValue(1)),
	questions: v.array(text(LIMITS.question))
});
export type TemplateRecord = v.InferOutput<typeof template>;

const bookStatus = v.picklist(['reading', 'finished', 'set-aside']);
export type BookStatus = v.InferOutput<typeof bookStatus>;

const book = v.object({
	...base,
	title: named(LIMITS.bookTitle),
	/** Lower-cased, space-folded title + author, to match imports to books. */
	titleKey: text(LIMITS.titleKey),
	author: text(LIMITS.author),
	/** A hex colour for the cover swatch, or null. */
	color: v.nullable(hexColour),
	status: bookStatus,
	skillIds: v.array(id),
	/** Left out of Revisit (its passages do not come back). */
	noRevisit: v.optional(v.boolean())
});
export type BookRecord = v.InferOutput<typeof book>;

/** A built-in reaction ('confusion', 'curiosity', 'insight') or a custom one's record id. */
export type ReactionId = string;

const answerStatus = v.picklist(['open', 'answered', 'skipped', 'nothing']);
export type AnswerStatus = v.InferOutput<typeof answerStatus>;

const answer = v.object({ status: answerStatus, text: text(LIMITS.answer) });
export type PassageAnswer = v.InferOutput<typeof answer>;

/**
 * A passage's place in Revisit (revisit/model.ts): its spaced schedule (FSRS card fields),
 * whether the person left it out, and the last response. Absent: never shown.
 */
const revisit = v.object({
	/** When it is next due; null when left out. */
	due: v.nullable(time),
	/** When it was last answered in Revisit. */
	last: v.nullable(time),
	stability: v.pipe(v.number(), v.finite(), v.minValue(0)),
	difficulty: v.pipe(v.number(), v.finite()),
	reps: v.pipe(v.number(), v.integer(), v.minValue(0)),
	lapses: v.pipe(v.number(), v.integer(), v.minValue(0)),
	/** FSRS's card state: 0 new, 1 learning, 2 review, 3 relearning. */
	state: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3)),
	excluded: v.boolean(),
	response: v.nullable(v.picklist(['true', 'changed', 'not-now', 'answered']))
});
export type RevisitRecord = v.InferOutput<typeof revisit>;

const passage = v.object({
	...base,
	bookId: id,
	/** The passage, or the reader's paraphrase of it. */
	text: text(LIMITS.passageText),
	/** Page, chapter, e-reader location or percentage, as the reader wrote it. */
	location: text(LIMITS.location),
	/** A built-in reaction or a custom one's id (ReactionId). */
	reaction: v.nullable(text(LIMITS.id)),
	/** The margin note: the reaction's voice. */
	note: text(LIMITS.note),
	skillId: v.nullable(id),
	/** Six answers, one per reading question, in order. */
	answers: v.pipe(v.array(answer), v.length(6)),
	source: v.picklist(['typed', 'shared', 'kindle', 'csv']),
	/** For imports: the same highlight imported twice has the same key. */
	importKey: v.nullable(text(LIMITS.importKey)),
	/** Where a shared passage came from (an http(s) link), when the sharing app sent one. */
	sourceUrl: v.optional(v.nullable(text(LIMITS.url))),
	revisit: v.optional(revisit),
	conflicts
});
export type PassageRecord = v.InferOutput<typeof passage>;

const reaction = v.object({ ...base, name: named(LIMITS.reactionName), color: hexColour });
export type ReactionRecord = v.InferOutput<typeof reaction>;

const readingSession = v.object({
	...base,
	bookId: id,
	startedAt: time,
	minutes: v.pipe(minutesInADay, v.minValue(0))
});
export type ReadingSessionRecord = v.InferOutput<typeof readingSession>;

/**
 * A setting or a piece of app state, by key. What each key holds is defined in `meta.ts`
 * (a check per key); here the value is free-form JSON, so the keys that could reach a
 * prototype are removed at every depth. (Records are rebuilt with their known keys only; a
 * reviver on a whole file cost a second at ten years.)
 */
const meta = v.object({
	key: named(LIMITS.metaKey),
	value: v.pipe(v.unknown(), v.transform(withoutForbiddenKeys)),
	updatedAt: time
});
export type MetaRecord = v.InferOutput<typeof meta>;

/** Each owned store's record schema: what a backup holds and what sync will carry. */
export const RECORD_SCHEMAS = {
	meta,
	skills: skill,
	drafts: draft,
	drills: drill,
	events: eventBlock,
	templates: template,
	books: book,
	passages: passage,
	reactions: reaction,
	readingSessions: readingSession
};
export type OwnedStore = keyof typeof RECORD_SCHEMAS;
