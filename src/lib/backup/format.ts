import * as v from 'valibot';
import type { WhetstoneSchema } from '$lib/db/schema';

/**
 * The backup file: `{ format, version, exportedAt, stores: { <store>: records[] } }`.
 * Every store is included, tombstones too, so a restore is exact and merges stay correct.
 *
 * Version history (never edit a released entry; add one and a step in `upgrades`):
 * 1 — skills without a `line` (database schema 2).
 * 2 — skills have `line` (database schema 3).
 * 3 — reading stores: books, passages, reactions, readingSessions (database schema 4). Older
 *     apps must refuse such a file rather than silently drop the reading data.
 */
export const BACKUP_FORMAT = 'whetstone-backup';
export const BACKUP_VERSION = 3;
/** Larger files are refused before reading: far beyond ten years of heavy use. */
export const MAX_BACKUP_BYTES = 200 * 1024 * 1024;

const MAX_TEXT = 1_000_000;

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
const id = v.pipe(v.string(), v.nonEmpty(), v.maxLength(200));
const time = v.pipe(v.number(), v.finite());
const text = (max = MAX_TEXT) => v.pipe(v.string(), v.maxLength(max));
const base = {
	id,
	createdAt: time,
	updatedAt: time,
	deletedAt: v.nullable(time)
};
const rating = v.picklist([1, 2, 3, 4]);
const kind = v.picklist(['write-x', 'x-is-y', 'sprint', 'custom']);

const skill = v.object({
	...base,
	name: v.pipe(v.string(), v.nonEmpty(), v.maxLength(200)),
	nameKey: text(200),
	archivedAt: v.nullable(time),
	line: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100)))
});

const timer = v.object({
	durationMs: v.pipe(v.number(), v.finite(), v.minValue(1)),
	status: v.picklist(['running', 'paused', 'ended']),
	bankedMs: time,
	segmentStartedAt: v.nullable(time),
	lastSeenAt: time,
	endedAtElapsedMs: v.nullable(time),
	endedEarly: v.boolean(),
	overtimeUntil: v.optional(v.nullable(time))
});

const reflection = v.object({ question: text(2000), answer: text(50_000) });

const setup = {
	kind,
	templateId: v.nullable(id),
	skillId: v.nullable(id),
	skillName: text(200),
	otherSkillName: v.nullable(text(200)),
	subject: v.nullable(text(2000)),
	prompt: text(10_000),
	promptKey: text(2000),
	reflectionQuestions: v.array(text(2000))
};

const draft = v.object({
	...base,
	...setup,
	text: text(),
	startedAt: time,
	timer,
	phase: v.picklist(['writing', 'reflecting']),
	reflections: v.array(reflection),
	rating: v.nullable(rating)
});

const drill = v.object({
	...base,
	...setup,
	text: text(),
	wordCount: time,
	startedAt: time,
	finishedAt: time,
	durationMs: time,
	activeMs: time,
	overtimeMs: time,
	endedEarly: v.boolean(),
	reflections: v.array(reflection),
	rating: v.nullable(rating)
});

const event = v.object({
	...base,
	skillId: id,
	at: time,
	minutes: v.pipe(v.number(), v.finite(), v.gtValue(0), v.maxValue(24 * 60)),
	rating,
	promptKey: v.nullable(text(2000)),
	source: v.picklist(['drill', 'reading', 'manual']),
	sourceId: v.nullable(id),
	note: text(50_000)
});

const template = v.object({
	...base,
	name: text(200),
	prompt: text(10_000),
	durationMs: v.pipe(v.number(), v.finite(), v.minValue(1)),
	questions: v.array(text(2000))
});

const book = v.object({
	...base,
	title: v.pipe(v.string(), v.nonEmpty(), v.maxLength(500)),
	titleKey: text(1000),
	author: text(500),
	color: v.nullable(v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i))),
	status: v.picklist(['reading', 'finished', 'set-aside']),
	skillIds: v.array(id)
});

const answer = v.object({
	status: v.picklist(['open', 'answered', 'skipped', 'nothing']),
	text: text(50_000)
});

const passage = v.object({
	...base,
	bookId: id,
	text: text(),
	location: text(200),
	reaction: v.nullable(text(200)),
	note: text(50_000),
	skillId: v.nullable(id),
	answers: v.pipe(v.array(answer), v.length(6)),
	source: v.picklist(['typed', 'shared', 'kindle', 'csv']),
	importKey: v.nullable(text(5000))
});

const reaction = v.object({
	...base,
	name: v.pipe(v.string(), v.nonEmpty(), v.maxLength(60)),
	color: v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i))
});

const readingSession = v.object({
	...base,
	bookId: id,
	startedAt: time,
	minutes: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(24 * 60))
});

const meta = v.object({
	key: v.pipe(v.string(), v.nonEmpty(), v.maxLength(200)),
	// Free-form JSON: the one place keys are not fixed by a schema, so the keys that could
	// reach a prototype are removed here, at every depth. (Records are rebuilt with their
	// known keys only; a reviver on the whole file cost a second at ten years.)
	value: v.pipe(v.unknown(), v.transform(withoutForbiddenKeys)),
	updatedAt: time
});

/** Each store's record schema, in the file's `stores` object. */
const RECORDS = {
	meta,
	skills: skill,
	drafts: draft,
	drills: drill,
	events: event,
	templates: template,
	books: book,
	passages: passage,
	reactions: reaction,
	readingSessions: readingSession
};
type StoreKey = keyof typeof RECORDS;
const STORE_KEYS = Object.keys(RECORDS) as StoreKey[];

export interface Backup {
	format: typeof BACKUP_FORMAT;
	version: typeof BACKUP_VERSION;
	exportedAt: number;
	stores: { [K in StoreKey]: v.InferOutput<(typeof RECORDS)[K]>[] };
}

/** The file without its records: they are checked store by store, in slices (see below). */
const list = v.optional(v.array(v.unknown()));
const headerSchema = v.object({
	format: v.literal(BACKUP_FORMAT),
	version: v.literal(BACKUP_VERSION),
	exportedAt: time,
	stores: v.object(
		Object.fromEntries(STORE_KEYS.map((key) => [key, list])) as Record<StoreKey, typeof list>
	)
});
type Header = v.InferOutput<typeof headerSchema>;

/** Records checked at a time: parsed input is released slice by slice as it is checked. */
const SLICE = 5000;
export type BackupStores = {
	[K in keyof Backup['stores']]: WhetstoneSchema[K]['value'][];
};

/** Steps from each older version to the next; each takes and returns plain parsed JSON. */
const upgrades: Record<number, (file: Record<string, unknown>) => Record<string, unknown>> = {
	1: (file) => {
		const storesIn = (file.stores ?? {}) as Record<string, unknown>;
		const skills = Array.isArray(storesIn.skills) ? storesIn.skills : [];
		return {
			...file,
			version: 2,
			stores: {
				...storesIn,
				skills: skills.map((s) =>
					s && typeof s === 'object' ? { line: null, ...(s as object) } : s
				)
			}
		};
	},
	// Version 2 files simply have no reading stores; they default to empty.
	2: (file) => ({ ...file, version: 3 })
};

export type ParseResult = { ok: true; backup: Backup } | { ok: false; error: string };

/** Parse and validate a whole backup file. Nothing is written; nothing is guessed. */
export function parseBackup(textIn: string): ParseResult {
	const steps = checkSteps(textIn);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/**
 * `parseBackup` that hands the thread back between slices of records (a ten-year file takes
 * seconds to check), reporting how many records are checked so far.
 */
export async function parseBackupInSteps(
	textIn: string,
	between: (checked: number, total: number) => Promise<void>
): Promise<ParseResult> {
	const steps = checkSteps(textIn);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
		await between(step.value.checked, step.value.total);
	}
}

/** The check, one slice of records per step. */
function* checkSteps(
	textIn: string
): Generator<{ checked: number; total: number }, ParseResult, void> {
	const read = readHeader(textIn);
	if (!read.ok) return read;
	const { format, version, exportedAt, stores } = read.header;
	const total = STORE_KEYS.reduce((n, key) => n + (stores[key]?.length ?? 0), 0);
	let checked = 0;
	const out: Record<string, unknown[]> = {};
	for (const key of STORE_KEYS) {
		const list = stores[key] ?? [];
		// A ten-year file holds ~400,000 records: check them a slice at a time and drop each
		// parsed slice once checked, so the file is not held twice in memory.
		const records: unknown[] = [];
		for (let from = 0; from < list.length; from += SLICE) {
			const slice = v.safeParse(v.array(RECORDS[key]), list.slice(from, from + SLICE));
			if (!slice.success) return damaged(slice.issues, `stores.${key}`, from);
			for (const r of slice.output) records.push(r);
			list.fill(undefined, from, from + SLICE);
			checked += slice.output.length;
			yield { checked, total };
		}
		out[key] = records;
	}
	return { ok: true, backup: { format, version, exportedAt, stores: out as Backup['stores'] } };
}

/**
 * Parse the JSON, upgrade an older version, and check everything but the records. The
 * parsed file is not kept: only the header and the store lists (whose records are checked
 * next) leave this function.
 */
function readHeader(textIn: string): { ok: false; error: string } | { ok: true; header: Header } {
	if (textIn.trim() === '') return { ok: false, error: 'The file is empty.' };
	let raw: unknown;
	try {
		raw = JSON.parse(textIn);
	} catch {
		return { ok: false, error: 'This is not a Whetstone backup: the file is not valid JSON.' };
	}
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
		return { ok: false, error: 'This is not a Whetstone backup.' };
	}
	let file = raw as Record<string, unknown>;
	if (file.format !== BACKUP_FORMAT) {
		return { ok: false, error: 'This is not a Whetstone backup (its format is not named).' };
	}
	if (typeof file.version !== 'number' || !Number.isInteger(file.version) || file.version < 1) {
		return { ok: false, error: 'This backup has no valid version number.' };
	}
	if (file.version > BACKUP_VERSION) {
		return {
			ok: false,
			error: `This backup was made by a newer version of Whetstone (format ${file.version}; this one reads up to ${BACKUP_VERSION}). Update the app, then import it. Nothing was changed.`
		};
	}
	while ((file.version as number) < BACKUP_VERSION) {
		file = upgrades[file.version as number](file);
	}
	const header = v.safeParse(headerSchema, file);
	return header.success ? { ok: true, header: header.output } : damaged(header.issues);
}

/** The message for the first problem found; `at` places it in the file. */
function damaged(
	issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]],
	prefix?: string,
	offset = 0
): { ok: false; error: string } {
	const first = issues[0];
	const path = v.getDotPath(first);
	let where = path ?? prefix ?? 'the file';
	if (prefix && path) {
		const [index, ...rest] = path.split('.');
		where = [prefix, Number(index) + offset, ...rest].join('.');
	}
	const more = issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : '';
	const what =
		first.received === 'undefined' ? 'is missing' : `has an unexpected value (${first.received})`;
	return {
		ok: false,
		error: `This backup is damaged and was not imported: ${where} ${what}${more}. Nothing was changed.`
	};
}
