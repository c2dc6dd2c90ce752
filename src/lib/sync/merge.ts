import { canonical, mergeBlocks } from '$lib/db/block-merge';
import { BOOKKEEPING, CLOCK_DEPTH, versionMark } from '$lib/db/record';
import type { ConflictCopy } from '$lib/db/records';
import type { EventBlockRecord, MetaRecord } from '$lib/db/schema';

/**
 * How two devices' versions of one record become one (pure; every device computes the same
 * answer whatever order versions meet in: commutative, associative, idempotent — tested with
 * random edit histories in merge.spec.ts). The server holds only ciphertext, so it never
 * merges: every device does, on the way in (pull) and on the way out (push).
 *
 * - Practice: blocks merge as a union of events by id; per event the newer `updatedAt` wins,
 *   a deletion counting as an update (`mergeBlocks`).
 * - Drills and passages: field by field. Each field's clock (record.ts `touched`) says whether
 *   one side's value was made on top of the other's (it wins) or beside it (the newer wins).
 *   When the words of a drill or a passage lose that way, they are kept on the record as a
 *   conflict copy the person sees and resolves: no text is ever dropped by a merge.
 *   An edit beside a deletion (the deleting device had not seen it) keeps the record alive:
 *   losing the newer words to a delete is the one loss we cannot show afterwards.
 * - Everything else (skills, books, templates, reactions, reading sessions, settings by key):
 *   the newer `updatedAt` wins. `updatedAt` is a per-record hybrid clock (`touched`), so an
 *   edit made after seeing another version always wins over it. At the same moment the larger
 *   canonical JSON wins: arbitrary, but the same on every device.
 */

/** The kinds of record sync carries (drafts and device-only settings stay home). */
export const SYNCED_KINDS = [
	'skills',
	'drills',
	'templates',
	'books',
	'passages',
	'reactions',
	'readingSessions',
	'meta',
	'events'
] as const;
export type SyncedKind = (typeof SYNCED_KINDS)[number];

/** Settings that follow the person; every other key stays on its device. */
export function isSyncedMeta(key: string): boolean {
	return (
		key === 'reviewDay' ||
		key === 'revisitPerDay' ||
		key.startsWith('plan:') ||
		key.startsWith('reviewed:')
	);
}

/** The fields of drills and passages that hold a person's words (kept when they lose). */
const WORDS: Partial<Record<SyncedKind, readonly string[]>> = {
	drills: ['text', 'reflections'],
	passages: ['text', 'note', 'answers', 'location']
};

type Rec = Record<string, unknown> & {
	id: string;
	createdAt: number;
	updatedAt: number;
	deletedAt: number | null;
	clock?: Record<string, number[]>;
	conflicts?: ConflictCopy[];
};

/** The larger of two versions by `updatedAt`, then canonical JSON. */
function newest<T extends { updatedAt: number }>(a: T, b: T): T {
	if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
	return canonical(a) >= canonical(b) ? a : b;
}

function history(r: Rec, field: string): number[] {
	return r.clock?.[field] ?? [r.createdAt];
}

function unionHistory(a: number[], b: number[]): number[] {
	return [...new Set([...a, ...b])].sort((x, y) => y - x).slice(0, CLOCK_DEPTH);
}

/** The words in a field's value, each with where it sits (`text`, `answers.2`…). */
export function wordsIn(field: string, value: unknown): Map<string, string> {
	const out = new Map<string, string>();
	if (typeof value === 'string') out.set(field, value);
	else if (Array.isArray(value)) {
		value.forEach((item, i) => {
			const o = item as { text?: unknown; answer?: unknown } | null;
			const words = typeof o?.text === 'string' ? o.text : o?.answer;
			if (typeof words === 'string') out.set(`${field}.${i}`, words);
		});
	}
	return out;
}

function mergeConflicts(a: ConflictCopy[] = [], b: ConflictCopy[] = []): ConflictCopy[] {
	const byId = new Map<string, ConflictCopy>();
	for (const c of [...a, ...b]) {
		const seen = byId.get(c.id);
		if (!seen) {
			byId.set(c.id, c);
			continue;
		}
		// Once chosen on any device, chosen everywhere (the earliest choice's time).
		const times = [seen.resolvedAt, c.resolvedAt].filter((t): t is number => t !== null);
		const resolvedAt = times.length > 0 ? Math.min(...times) : null;
		const kept = canonical({ ...seen, resolvedAt }) >= canonical({ ...c, resolvedAt }) ? seen : c;
		byId.set(c.id, { ...kept, resolvedAt });
	}
	return [...byId.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

function mergeFields<T extends Rec>(a: T, b: T, words: readonly string[]): T {
	const createdAt = Math.min(a.createdAt, b.createdAt);
	const out: Record<string, unknown> = {
		id: a.id,
		createdAt,
		updatedAt: Math.max(a.updatedAt, b.updatedAt)
	};
	const clock: Record<string, number[]> = {};
	// The deletion's clock joins as a union (see below); each field's is set as it merges.
	if (a.clock?.deletedAt || b.clock?.deletedAt) {
		clock.deletedAt = unionHistory(history(a, 'deletedAt'), history(b, 'deletedAt'));
	}
	// Kept copies, once per clash: a choice made on any device holds everywhere.
	const copies = mergeConflicts(a.conflicts, b.conflicts);
	const chosen = new Map(copies.filter((c) => c.resolvedAt !== null).map((c) => [c.id, c]));
	const kept: ConflictCopy[] = [...chosen.values()];
	const fields = new Set(
		[...Object.keys(a), ...Object.keys(b)].filter((f) => !BOOKKEEPING.has(f) && f !== 'deletedAt')
	);
	for (const f of fields) {
		const va = a[f];
		const vb = b[f];
		const ha = history(a, f);
		const hb = history(b, f);
		// The newer change wins (a change made on top of another is always newer: `touched`);
		// at the same moment, the larger value.
		const winner =
			ha[0] !== hb[0] ? (ha[0] > hb[0] ? a : b) : canonical(va) >= canonical(vb) ? a : b;
		if (f in winner) out[f] = winner[f];
		const hw = winner === a ? ha : hb;
		if (!words.includes(f)) {
			if (a.clock?.[f] || b.clock?.[f]) clock[f] = unionHistory(ha, hb);
			continue;
		}
		// Words: every version no other was written on top of stays — the newest as the value,
		// the rest as kept copies, each with its own lineage, so an edit made on top of one
		// retires it on every device alike (a multi-value register: merging is a set union).
		if (a.clock?.[f] || b.clock?.[f]) clock[f] = ha[0] === hb[0] ? unionHistory(ha, hb) : hw;
		// Versions by time and words: two devices behind a faster one can stamp the same time.
		const versions = new Map<string, { at: number; lineage: number[]; value: unknown }>();
		const add = (at: number, lineage: number[], value: unknown) => {
			const key = `${at}:${canonical(value)}`;
			const seen = versions.get(key);
			if (!seen) versions.set(key, { at, lineage, value });
			else seen.lineage = unionHistory(seen.lineage, lineage);
		};
		add(ha[0], ha, va);
		add(hb[0], hb, vb);
		for (const c of copies) {
			if (c.resolvedAt === null && c.field === f) add(c.at, c.lineage, c.value);
		}
		const shown = `${hw[0]}:${canonical(winner[f])}`;
		for (const [key, v] of versions) {
			if (key === shown) continue;
			const id = `${f}@${v.at}${v.at === hw[0] ? `:${versionMark(f, v.at, v.value).toString(36)}` : ''}`;
			if (chosen.has(id)) continue;
			const retired = [...versions.values()].some((o) => o.at !== v.at && o.lineage.includes(v.at));
			if (retired) continue;
			kept.push({
				id,
				field: f,
				value: v.value as ConflictCopy['value'],
				at: v.at,
				lineage: v.lineage,
				resolvedAt: null
			});
		}
	}

	// Deleted when the deletions saw the latest change to every field of words; else alive,
	// whoever deleted: a deletion never hides words it did not see.
	const deletions = [a, b].flatMap((r) => [
		...(r.deletedAt !== null ? [r.deletedAt] : []),
		...(r.clock?.deletedAt ?? []).filter((t) => t > r.createdAt)
	]);
	// Which versions of the fields the deletions saw: a set, joined by union (kept whole).
	const seen = new Set([a, b].flatMap((r) => r.clock?.['deletedAt.seen'] ?? []));
	if (seen.size > 0) clock['deletedAt.seen'] = [...seen].sort((x, y) => x - y);
	const sawAllWords = words.every((f) => {
		const head = (clock[f] ?? [createdAt])[0];
		return head === createdAt || seen.has(versionMark(f, head, out[f]));
	});
	out.deletedAt = deletions.length > 0 && sawAllWords ? Math.max(...deletions) : null;

	const conflicts = kept.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
	if (Object.keys(clock).length > 0) out.clock = clock;
	// None left: no field (an empty list on one side only would make equal merges differ).
	if (conflicts.length > 0) out.conflicts = conflicts;
	return out as T;
}

/** One version of a record from two of the same kind and key. */
export function mergeRecord<T>(kind: SyncedKind, a: T, b: T): T {
	if (kind === 'events') {
		return mergeBlocks(a as EventBlockRecord, b as EventBlockRecord) as T;
	}
	if (kind === 'meta') return newest(a as MetaRecord, b as MetaRecord) as T;
	const words = WORDS[kind];
	if (words) return mergeFields(a as Rec, b as Rec, words) as T;
	return newest(a as Rec, b as Rec) as T;
}

/** True when two versions hold the same record (fields in any order). */
export function sameRecord(a: unknown, b: unknown): boolean {
	return canonical(a) === canonical(b);
}
