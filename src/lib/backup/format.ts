import * as v from 'valibot';
import type { PracticeEventRecord } from '$lib/db/schema';
import { characters } from '$lib/db/limits';
import { PRACTICE_EVENT_SCHEMA, RECORD_SCHEMAS } from '$lib/db/records';
import { monthStart } from '$lib/db/blocks';
import { blockProblem, intoMonths } from '$lib/db/block-merge';
import { formatDate } from '$lib/time/format';

/**
 * The backup file: `{ format, version, exportedAt, stores: { <store>: records[] } }`.
 * Every store is included, tombstones too, so a restore is exact and merges stay correct.
 *
 * Version history (never edit a released entry; add one and a step in `upgrades`):
 * 1 — skills without a `line` (database schema 2).
 * 2 — skills have `line` (database schema 3).
 * 3 — reading stores: books, passages, reactions, readingSessions (database schema 4). Older
 *     apps must refuse such a file rather than silently drop the reading data.
 * 4 — practice events in blocks, `{ skillId, month, events }`, one per skill and UTC month, as
 *     the database stored them from schema 7 (from schema 13 it stores a quarter in each, and
 *     an import merges a file's months into quarters: `importBackup`; the file format stays,
 *     so every version since 4 reads what any other writes). Files of versions 1–3 list events one by one;
 *     they are checked event by event, then filed into blocks.
 */
export const BACKUP_FORMAT = 'whetstone-backup';
export const BACKUP_VERSION = 4;
/** Larger files are refused before reading: far beyond ten years of heavy use. */
export const MAX_BACKUP_BYTES = 200 * 1024 * 1024;

/** Each store's record schema, in the file's `stores` object: the records' own definitions. */
const RECORDS = RECORD_SCHEMAS;
type StoreKey = keyof typeof RECORDS;
const STORE_KEYS = Object.keys(RECORDS) as StoreKey[];

/** Every owned store's records, as stored. */
export type BackupStores = { [K in StoreKey]: v.InferOutput<(typeof RECORDS)[K]>[] };

export interface Backup {
	format: typeof BACKUP_FORMAT;
	version: typeof BACKUP_VERSION;
	exportedAt: number;
	stores: BackupStores;
}

/** The file without its records: they are checked store by store, in slices (see below). */
const list = v.optional(v.array(v.unknown()));
const headerSchema = v.object({
	format: v.literal(BACKUP_FORMAT),
	version: v.literal(BACKUP_VERSION),
	exportedAt: v.pipe(v.number(), v.finite()),
	stores: v.object(
		Object.fromEntries(STORE_KEYS.map((key) => [key, list])) as Record<StoreKey, typeof list>
	)
});
type Header = v.InferOutput<typeof headerSchema>;

/** Records checked at a time: parsed input is released slice by slice as it is checked. */
const SLICE = 5000;
/** Blocks of practice checked at a time: each holds up to a month of one skill's events. */
const BLOCK_SLICE = 200;

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
	2: (file) => ({ ...file, version: 3 }),
	// Version 3 lists events one by one: `readHeader` notes it, they are filed into blocks once checked.
	3: (file) => ({ ...file, version: 4 })
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
	const skillNames = new Map<string, string>();
	const total = STORE_KEYS.reduce((n, key) => n + (stores[key]?.length ?? 0), 0);
	let checked = 0;
	const out: Record<string, unknown[]> = {};
	for (const key of STORE_KEYS) {
		const list = stores[key] ?? [];
		// A ten-year file holds ~400,000 records: check them a slice at a time and drop each
		// parsed slice once checked, so the file is not held twice in memory.
		const records: unknown[] = [];
		const flat = key === 'events' && read.flatEvents;
		const schema = flat ? PRACTICE_EVENT_SCHEMA : RECORDS[key];
		const size = key === 'events' && !flat ? BLOCK_SLICE : SLICE;
		for (let from = 0; from < list.length; from += size) {
			const slice = v.safeParse(v.array(schema), list.slice(from, from + size));
			if (!slice.success) return damagedRecord(key, list, from, slice.issues, skillNames, flat);
			if (key === 'events' && !flat) {
				const blocks = slice.output as Backup['stores']['events'];
				const bad = blocks.findIndex((b) => blockProblem(b) !== null);
				if (bad !== -1) {
					const who = blockName(blocks[bad], skillNames);
					return {
						ok: false,
						error: `This backup was not imported: ${who} is damaged — ${blockProblem(blocks[bad])}. Nothing was changed.`
					};
				}
			}
			for (const r of slice.output) records.push(r);
			list.fill(undefined, from, from + size);
			checked += slice.output.length;
			yield { checked, total };
		}
		out[key] = flat ? intoMonths(records as PracticeEventRecord[]) : records;
		if (key === 'skills') {
			for (const s of records as { id: string; name: string }[]) skillNames.set(s.id, s.name);
		}
	}
	return { ok: true, backup: { format, version, exportedAt, stores: out as Backup['stores'] } };
}

/**
 * Parse the JSON, upgrade an older version, and check everything but the records. The
 * parsed file is not kept: only the header and the store lists (whose records are checked
 * next) leave this function.
 */
function readHeader(
	textIn: string
): { ok: false; error: string } | { ok: true; header: Header; flatEvents: boolean } {
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
	const flatEvents = file.version < 4;
	while ((file.version as number) < BACKUP_VERSION) {
		file = upgrades[file.version as number](file);
	}
	const header = v.safeParse(headerSchema, file);
	return header.success ? { ok: true, header: header.output, flatEvents } : damaged(header.issues);
}

/** The message for a problem outside the records (the file's header or a store's list). */
function damaged(issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): {
	ok: false;
	error: string;
} {
	const path = (issues[0].path ?? []).map((p) => String(p.key));
	const store = path[0] === 'stores' ? (path[1] as StoreKey | undefined) : undefined;
	const where =
		store && store in NOUNS
			? `its list of ${LISTS[store]} is not a list`
			: path[0] === 'exportedAt'
				? 'the date it was made is missing or unreadable'
				: 'its header is incomplete';
	return {
		ok: false,
		error: `This backup is damaged and was not imported: ${where}. Nothing was changed.`
	};
}

/** Stores as lists, for messages. */
const LISTS: Record<StoreKey, string> = {
	meta: 'settings',
	skills: 'skills',
	drafts: 'drills in progress',
	drills: 'drills',
	events: 'practice entries',
	templates: 'drill templates',
	books: 'books',
	passages: 'passages',
	reactions: 'reaction kinds',
	readingSessions: 'reading sessions'
};

/** What a store's records are called, for messages. */
const NOUNS: Record<StoreKey, string> = {
	meta: 'A setting',
	skills: 'A skill',
	drafts: 'The drill in progress',
	drills: 'A drill',
	events: 'A practice entry',
	templates: 'A drill template',
	books: 'A book',
	passages: 'A passage',
	reactions: 'A reaction kind',
	readingSessions: 'A reading session'
};

/** The field names in a record, as a person would say them. */
const FIELDS: Record<string, string> = {
	text: 'text',
	note: 'note',
	name: 'name',
	title: 'title',
	author: 'author',
	location: 'location',
	prompt: 'prompt',
	subject: 'subject',
	skillName: 'skill name',
	otherSkillName: 'second skill name',
	answer: 'answer',
	question: 'question',
	reflections: 'reflection',
	answers: 'answer to a reading question',
	questions: 'question',
	reflectionQuestions: 'question',
	minutes: 'number of minutes',
	at: 'time',
	rating: 'rating',
	createdAt: 'creation date',
	updatedAt: 'date of last change',
	deletedAt: 'deletion date',
	startedAt: 'start time',
	finishedAt: 'end time',
	durationMs: 'length',
	timer: 'timer',
	spoken: 'spoken or written',
	color: 'colour',
	status: 'status',
	line: 'line',
	kind: 'kind',
	id: 'id',
	skillId: 'skill',
	bookId: 'book',
	month: 'month',
	value: 'value',
	key: 'name'
};

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "the practice of “Listening” in March 2024": a block of events, as the person knows it. */
function blockName(block: unknown, skillNames: ReadonlyMap<string, string>): string {
	const b = (block && typeof block === 'object' ? block : {}) as Record<string, unknown>;
	const name = typeof b.skillId === 'string' ? skillNames.get(b.skillId) : undefined;
	const skill = name ? `“${name}”` : 'a skill';
	const month =
		typeof b.month === 'number' && Number.isInteger(b.month) && Math.abs(b.month) < 3_300_000
			? ` in ${MONTH.format(monthStart(b.month))}`
			: '';
	return `the practice of ${skill}${month}`;
}

/** "A drill from 2 Dec 2026", "A skill, “Listening”,": the record, as the person knows it. */
function recordName(key: StoreKey, record: unknown): string {
	const r = (record && typeof record === 'object' ? record : {}) as Record<string, unknown>;
	const label = [r.name, r.title].find(
		(x) => typeof x === 'string' && x.length > 0 && x.length <= 80
	);
	if (typeof label === 'string') return `${NOUNS[key]}, “${label}”,`;
	const at = [r.startedAt, r.at, r.createdAt].find(
		(x) => typeof x === 'number' && Number.isFinite(x)
	);
	if (typeof at === 'number' && key !== 'drafts') return `${NOUNS[key]} from ${formatDate(at)}`;
	return NOUNS[key];
}

/**
 * The message for a record the check refused, in the person's words: which record (by its
 * date or name) and what is wrong with it. Never an internal path.
 */
function damagedRecord(
	key: StoreKey,
	list: unknown[],
	offset: number,
	issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]],
	skillNames: ReadonlyMap<string, string>,
	flat: boolean
): { ok: false; error: string } {
	const first = issues[0];
	const path = (first.path ?? []).map((p) => p.key);
	const index = typeof path[0] === 'number' ? path[0] : 0;
	const record = list[offset + index];
	const who = key === 'events' && !flat ? blockName(record, skillNames) : recordName(key, record);
	const fieldKey = [...path].reverse().find((k) => typeof k === 'string' && k in FIELDS);
	// In a block of practice, the problem is usually one entry's.
	const whose = key === 'events' && !flat && path[1] === 'events' ? "one entry's" : 'its';
	const field = typeof fieldKey === 'string' ? `${whose} ${FIELDS[fieldKey]}` : 'one of its values';
	let what: string;
	if (first.type === 'max_length' && typeof first.requirement === 'number') {
		const length = typeof first.input === 'string' ? first.input.length : Number(first.received);
		what = `${field} is ${characters(length)} characters long, more than Whetstone keeps (${characters(first.requirement)})`;
	} else if (first.received === 'undefined') {
		what = `${field} is missing`;
	} else {
		what = `${field} is not something Whetstone can read`;
	}
	const more = issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : '';
	return {
		ok: false,
		error: `This backup was not imported: ${who} — ${what}${more}. Nothing was changed.`
	};
}
