import type { IDBPTransaction } from 'idb';
import {
	blockKeyOf,
	byTime,
	expandBlock,
	expandEvent,
	groupByBlock,
	blockMonthOf,
	newer,
	replacing,
	withEvents
} from './blocks';
import type { PracticeEventRecord, SkillRecord } from './records';
import type { StoredEventBlock, WhetstoneSchema } from './schema';

/**
 * Practice events, read and written inside the caller's transaction (a finished drill and
 * its event, a passage and its event, commit together). Every feature goes through these
 * few functions; that events are stored in blocks of one skill and quarter (`blocks.ts`) is
 * this file's business alone. Tombstones are included: callers that show events filter them
 * (`liveOnly`).
 */
// idb types a transaction by the exact list of stores it spans; these functions take any
// transaction (that spans `events`: IndexedDB throws at once if not, and every caller's tests
// would fail), so the list is left open.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tx<M extends IDBTransactionMode> = IDBPTransaction<WhetstoneSchema, any, M>;
type AnyTx = Tx<IDBTransactionMode>;

const store = (tx: AnyTx) => tx.objectStore<'events'>('events');

/** A skill's blocks keyed `from` to `to` (first months of quarters), in time order. */
function blocksOf(tx: AnyTx, skillId: string, from = -Infinity, to = Infinity) {
	return store(tx).getAll(IDBKeyRange.bound([skillId, from], [skillId, to]));
}

function flatten(blocks: readonly StoredEventBlock[]): PracticeEventRecord[] {
	const out: PracticeEventRecord[] = [];
	for (const b of blocks) for (const e of b.events) out.push(expandEvent(b.skillId, e));
	return out;
}

/**
 * Each skill merged away whose destination, following merges of merges, is a live skill, with
 * that skill. One whose destination has not arrived yet (sync) is left out until it has.
 */
export function mergedAway(
	skills: readonly SkillRecord[]
): { gone: SkillRecord; into: SkillRecord }[] {
	const byId = new Map(skills.map((s) => [s.id, s]));
	const out: { gone: SkillRecord; into: SkillRecord }[] = [];
	for (const gone of skills) {
		if (gone.deletedAt === null || !gone.mergedInto) continue;
		let at: SkillRecord | undefined = gone;
		for (let hops = 0; at && at.deletedAt !== null && hops < 50; hops++) {
			at = at.mergedInto ? byId.get(at.mergedInto) : undefined;
		}
		if (at && at.deletedAt === null) out.push({ gone, into: at });
	}
	return out;
}

/** Skills merged into others, read once per read-only transaction (see `filedAs`). */
const mergedPerTx = new WeakMap<object, Promise<Map<string, string[]>>>();

/** Each live skill that others were merged into: those others. */
async function mergedInto(tx: AnyTx): Promise<Map<string, string[]>> {
	const out = new Map<string, string[]>();
	for (const { gone, into } of mergedAway(await tx.objectStore<'skills'>('skills').getAll())) {
		out.set(into.id, [...(out.get(into.id) ?? []), gone.id]);
	}
	return out;
}

/**
 * The skills whose blocks hold `skillId`'s practice: its own, and those of every skill merged
 * into it. A merge (by hand, or the same skill made on two devices and joined by sync) rewrites
 * no block: the merged skill's blocks stay where they are, keyed by its id, and are read as the
 * destination's. (`tx` must span `skills`.)
 */
export async function filedAs(tx: AnyTx, skillId: string): Promise<string[]> {
	let merged: Promise<Map<string, string[]>>;
	if (tx.mode === 'readonly') {
		merged = mergedPerTx.get(tx) ?? mergedInto(tx);
		mergedPerTx.set(tx, merged);
	} else {
		merged = mergedInto(tx); // A write may merge skills as it goes.
	}
	return [skillId, ...((await merged).get(skillId) ?? [])];
}

/**
 * One skill's events in time order, with `after < at <= through` (all of them by default),
 * those of skills merged into it included, as its own (see `filedAs`). Only the blocks of those
 * quarters are read. (`tx` must span `skills` and `events`.)
 */
export async function skillEvents(
	tx: AnyTx,
	skillId: string,
	{ after = -Infinity, through = Infinity }: { after?: number; through?: number } = {}
): Promise<PracticeEventRecord[]> {
	const from = after === -Infinity ? -Infinity : blockMonthOf(after);
	const to = through === Infinity ? Infinity : blockMonthOf(through);
	const ids = await filedAs(tx, skillId);
	let all: PracticeEventRecord[];
	if (ids.length === 1) {
		all = flatten(await blocksOf(tx, skillId, from, to));
	} else {
		// An event edited since the merge has a newer copy in the destination's own block.
		const copies = new Map<string, PracticeEventRecord>();
		for (const blocks of await Promise.all(ids.map((id) => blocksOf(tx, id, from, to)))) {
			for (const b of blocks) {
				for (const stored of b.events) {
					const e = expandEvent(skillId, stored);
					const seen = copies.get(e.id);
					copies.set(e.id, seen ? newer(seen, e) : e);
				}
			}
		}
		all = [...copies.values()].sort(byTime);
	}
	if (after === -Infinity && through === Infinity) return all;
	return all.filter((e) => e.at > after && e.at <= through);
}

/**
 * The events a drill or a passage logged (`sourceId`: its id), looked up among the events of
 * the skill it is linked to (`skillId`: the source's skill as stored; null: none). A source's
 * events are always filed under its skill: moving one moves the other in the same write.
 */
export async function sourceEvents(
	tx: AnyTx,
	sourceId: string,
	skillId: string | null
): Promise<PracticeEventRecord[]> {
	if (skillId === null) return [];
	return (await skillEvents(tx, skillId)).filter((e) => e.sourceId === sourceId);
}

/**
 * The event `id` of skill `skillId` (its newest copy: an event moved to another month leaves a
 * tombstone behind), or undefined.
 */
export async function getEvent(
	tx: AnyTx,
	{ id, skillId }: { id: string; skillId: string }
): Promise<PracticeEventRecord | undefined> {
	const copies = (await skillEvents(tx, skillId)).filter((e) => e.id === id);
	return copies.length > 0 ? copies.reduce(newer) : undefined;
}

/**
 * Store a new event, or a changed one (a tombstone is a change). Pass the copy it replaces as
 * `before` when the change may move it to another skill or quarter: the old block then keeps a
 * tombstone of it, so every copy of the data agrees it left.
 */
export function putEvent(
	tx: Tx<'readwrite'>,
	event: PracticeEventRecord,
	before?: PracticeEventRecord
): Promise<void> {
	return putEvents(tx, replacing(before, event));
}

/**
 * Store many event copies at once (an import, a merge of two skills): each block is read and
 * written once. Each copy is filed in the block of its own skill and quarter, replacing the
 * copy of the same id there; moves must come with their tombstones (`replacing`, or
 * `resolveEvents` for an import). Blocks are written in batches without waiting for each;
 * `between` runs after each batch is stored.
 */
export async function putEvents(
	tx: Tx<'readwrite'>,
	events: readonly PracticeEventRecord[],
	between: (stored: number) => void = () => undefined,
	batch = 500
): Promise<void> {
	if (events.length === 0) return;
	const blocks = tx.objectStore<'events'>('events');
	const lists = groupByBlock(events);
	let stored = 0;
	for (let i = 0; i < lists.length; i += batch) {
		const slice = lists.slice(i, i + batch);
		const current = await Promise.all(slice.map((list) => blocks.get(blockKeyOf(list[0]))));
		await Promise.all(
			slice.map((list, j) => {
				stored += list.length;
				// Stored compactly by `write` (see `StoredEvent`).
				const block = current[j];
				return blocks.put(withEvents(block && expandBlock(block), list));
			})
		);
		between(stored);
	}
}
