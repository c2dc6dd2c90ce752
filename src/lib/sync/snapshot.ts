import * as v from 'valibot';
import { blockProblem } from '$lib/db/block-merge';
import { expandBlock, type StoredBlock } from '$lib/db/blocks';
import { STORED_BLOCK_SCHEMA } from '$lib/db/records';
import type { CouchDb } from './couch';
import { DamagedDocumentError, open, openBytes, seal, sealBytes, type Keys } from './crypto';
import { DOC_FORMAT, SNAPSHOT_FORMAT, refuseNewer } from './format';
import type { SyncedKind } from './merge';
import * as repo from './repo';

/**
 * The encrypted snapshot: everything one device holds, as a few large sealed pieces (the
 * attachments of one server document), and the change-feed position it includes. A new device
 * reads it instead of the change feed from the start (tens of thousands of small documents),
 * then only the changes since. A pointer document names the current snapshot; making a new
 * one replaces the pointer, then removes the old pieces.
 *
 * Three forms. Version 3 (pointer `snap-latest`) carries practice blocks as this version stores
 * them: a quarter each, events compact (`StoredEvent`), and is what this version makes.
 * Version 2 (same pointer) carried blocks of a month, compact; version 1 (pointer `snapshot`)
 * blocks of a month with whole events. Both are still read, each month merged into its
 * quarter's block. Version 2 readers refuse a version 3 manifest ("update the app"; the one
 * before them, "damaged"); version 1 readers look for `snapshot` only, and pass over every
 * `snap-` document in the change feed.
 */

const POINTER = 'snap-latest';
const POINTER_V1 = 'snapshot';
/** Characters of JSON per piece: each piece's parse and merge stays a short task. */
const PIECE_CHARS = 2_000_000;

const manifestSchema = v.object({
	v: v.picklist([1, 2, SNAPSHOT_FORMAT]),
	doc: v.pipe(v.string(), v.startsWith('snap-')),
	since: v.string(),
	pieces: v.array(v.string()),
	made: v.number(),
	records: v.number()
});
type Manifest = v.InferOutput<typeof manifestSchema>;

/**
 * Times one step of a piece as `whetstone:snapshot-<what>` (the benchmark adds them up; a
 * write's `detail` names the kinds it held).
 */
function step(what: string, start: number, detail?: readonly string[]): number {
	const end = performance.now();
	performance.measure(`whetstone:snapshot-${what}`, { start, end, detail });
	return end;
}

/**
 * The order a snapshot holds its records in, and so the order a new device fills in: what
 * Home shows first (settings such as the week's plan, skills, their practice), then templates
 * and drills, and the reading companion (passages: the most records) last. The device is of
 * use well before the last piece lands. Reading a snapshot takes any order.
 */
const RESTORE_RANK: Record<SyncedKind, number> = {
	meta: 0,
	skills: 1,
	events: 2,
	templates: 3,
	drills: 4,
	books: 5,
	readingSessions: 6,
	reactions: 7,
	passages: 8
};

/** `items` in the order a new device wants them (stable within a kind). */
function inRestoreOrder(items: readonly repo.Item[]): repo.Item[] {
	return [...items].sort((a, b) => RESTORE_RANK[a.kind] - RESTORE_RANK[b.kind]);
}

/** Documents of the snapshot's own (not records): the change feed passes over them. */
export function isSnapshotDoc(id: string): boolean {
	return id === POINTER_V1 || id.startsWith('snap-');
}

/** What a pointer document names, or null when there is none. */
async function readPointer(
	db: CouchDb,
	keys: Keys,
	id: string
): Promise<{ manifest: Manifest; rev: string; pointer: string } | null> {
	const found = (await db.allDocs([id], true)).get(id);
	if (!found) return null;
	refuseNewer(found.v, DOC_FORMAT);
	if (typeof found.iv !== 'string' || typeof found.data !== 'string') {
		throw new DamagedDocumentError();
	}
	const body = await open(keys, id, { iv: found.iv, data: found.data });
	// A later snapshot form under this pointer: this version cannot read it.
	if (id === POINTER) refuseNewer((body as { v?: unknown } | null)?.v, SNAPSHOT_FORMAT);
	const checked = v.safeParse(manifestSchema, body);
	// Each pointer holds its own versions only.
	if (!checked.success || (checked.output.v === 1) !== (id === POINTER_V1)) {
		throw new DamagedDocumentError();
	}
	return { manifest: checked.output, rev: found._rev as string, pointer: id };
}

/** The current snapshot's manifest and its pointer's revision, or null when there is none. */
export async function readManifest(
	db: CouchDb,
	keys: Keys
): Promise<{ manifest: Manifest; rev: string; pointer: string } | null> {
	return (await readPointer(db, keys, POINTER)) ?? (await readPointer(db, keys, POINTER_V1));
}

/** Groups of items whose JSON stays under PIECE_CHARS each. */
function pieces(items: readonly repo.Item[]): repo.Item[][] {
	const out: repo.Item[][] = [];
	let group: repo.Item[] = [];
	let chars = 0;
	for (const item of items) {
		const size = JSON.stringify(item.record).length;
		if (group.length > 0 && chars + size > PIECE_CHARS) {
			out.push(group);
			group = [];
			chars = 0;
		}
		group.push(item);
		chars += size;
	}
	if (group.length > 0) out.push(group);
	return out;
}

/**
 * Make a snapshot of this device's records and point the account at it. Another device doing
 * the same at the same moment wins or loses cleanly (the pointer's revision decides); the
 * loser's pieces are removed.
 */
export async function makeSnapshot(db: CouchDb, keys: Keys, at: number): Promise<void> {
	const { items, since } = await repo.everything();
	const doc = `snap-${crypto.randomUUID()}`;
	const names: string[] = [];
	let rev: string | null = null;
	for (const [i, group] of pieces(inRestoreOrder(items)).entries()) {
		const name = `p${i}`;
		const bytes = await sealBytes(keys, `${doc}/${name}`, JSON.stringify(group));
		rev = await db.putAttachment(doc, name, rev, bytes);
		names.push(name);
	}
	if (!rev) return; // Nothing to hold.
	const current = await readPointer(db, keys, POINTER).catch(() => null);
	const manifest: Manifest = {
		v: SNAPSHOT_FORMAT,
		doc,
		since,
		pieces: names,
		made: at,
		records: items.length
	};
	const sealed = await seal(keys, POINTER, manifest);
	const [result] = await db.bulkDocs([
		{ _id: POINTER, ...(current ? { _rev: current.rev } : {}), v: DOC_FORMAT, ...sealed }
	]);
	const old = 'error' in result ? doc : current?.manifest.doc;
	if (old) await remove(db, [old]);
	// An earlier version's snapshot is no longer read by anyone who can read this one.
	const v1 = 'error' in result ? null : await readPointer(db, keys, POINTER_V1).catch(() => null);
	if (v1) await remove(db, [POINTER_V1, v1.manifest.doc]);
}

/** Delete server documents (those still there). */
async function remove(db: CouchDb, ids: string[]): Promise<void> {
	const found = await db.allDocs(ids);
	const gone = ids.flatMap((id) => {
		const rev = found.get(id)?._rev;
		return rev ? [{ _id: id, _rev: rev, _deleted: true }] : [];
	});
	if (gone.length > 0) await db.bulkDocs(gone);
}

/**
 * An item of a version 2 or 3 piece, checked: a block of practice in the form this app stores
 * it (a quarter's goes into the store as it came: nothing is expanded only to be compacted
 * again; a month's joins its quarter's), any other record as `readItem` checks every document.
 * Null when it does not pass.
 */
function pieceItem(
	value: unknown,
	readItem: (value: unknown) => repo.Item | null,
	grain: 'month' | 'quarter'
) {
	const item = value as { kind?: unknown; record?: unknown } | null;
	if (item?.kind !== 'events') return readItem(value);
	const checked = v.safeParse(STORED_BLOCK_SCHEMA, item.record);
	if (!checked.success || blockProblem(checked.output, grain) !== null) return null;
	return repo.itemOf('events', checked.output);
}

/**
 * A first sync: bring the account's snapshot in (two pieces in flight, each checked like any
 * document, merged with what this device already holds) and move the feed position to where
 * it ends. False when the account has no snapshot yet.
 */
export async function loadSnapshot(
	db: CouchDb,
	keys: Keys,
	readItem: (value: unknown) => repo.Item | null,
	signal?: AbortSignal
): Promise<boolean> {
	const found = await readManifest(db, keys);
	if (!found) return false;
	const { manifest } = found;
	const total = manifest.pieces.length;
	const restore = await repo.beginRestore();
	await repo.saveSyncState({ restoring: { done: 0, total } });
	const fetchPiece = async (name: string) => {
		let t = performance.now();
		const bytes = await db.getAttachment(manifest.doc, name, signal);
		t = step('download', t);
		const text = await openBytes(keys, `${manifest.doc}/${name}`, bytes);
		t = step('open', t);
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch {
			throw new DamagedDocumentError();
		}
		if (!Array.isArray(parsed)) throw new DamagedDocumentError();
		const items = parsed.map((value) => {
			const item =
				manifest.v >= 2
					? pieceItem(value, readItem, manifest.v >= 3 ? 'quarter' : 'month')
					: readItem(value);
			if (!item) throw new DamagedDocumentError();
			// Merged with blocks already here: sync merges whole events.
			if (item.kind === 'events' && !restore.fresh.has('events')) {
				return { ...item, record: expandBlock(item.record as unknown as StoredBlock) };
			}
			return item;
		});
		step('check', t);
		return items;
	};
	// The next piece downloads and opens while this one is written.
	const fetchAhead = (i: number) => {
		const piece = fetchPiece(manifest.pieces[i]);
		piece.catch(() => undefined); // Seen when awaited; not an unhandled rejection meanwhile.
		return piece;
	};
	let next = total > 0 ? fetchAhead(0) : null;
	for (let i = 0; i < total; i++) {
		const items = await next!;
		next = i + 1 < total ? fetchAhead(i + 1) : null;
		const t = performance.now();
		await repo.applyRemote(items, undefined, {
			restore,
			state: { restoring: { done: i + 1, total } }
		});
		step('write', t, [...new Set(items.map((item) => item.kind))]);
	}
	await repo.finishRestore(restore, manifest.since);
	return true;
}
