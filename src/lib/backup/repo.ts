import { withDb, write } from '$lib/db';
import { blockKeyText, expandBlock, groupIntoBlocks, type StoredBlock } from '$lib/db/blocks';
import { copiesById, intoMonths, intoQuarters, resolveEvents } from '$lib/db/block-merge';
import { putEvents } from '$lib/db/events';
import {
	STORE_NAMES,
	type EventBlockRecord,
	type PracticeEventRecord,
	type StoreName
} from '$lib/db/schema';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup, type BackupStores } from './format';
import { planMerge, remapSkills, skillAliases, type SkipReason, type Versioned } from './merge';

/** Puts issued before waiting for the previous batch to be stored. */
const PUT_BATCH = 2000;

/**
 * Everything, every store, tombstones included. One read-only transaction: a consistent copy.
 * The local change sequence (`seq`) stays behind: it means nothing on another device.
 */
export async function exportBackup(now: number): Promise<Backup> {
	return withDb(async (db) => {
		const tx = db.transaction([...STORE_NAMES], 'readonly');
		const stores = {} as Record<StoreName, unknown[]>;
		for (const name of STORE_NAMES) {
			const records = (await tx.objectStore(name).getAll()) as { seq?: number }[];
			// A backup holds whole events in blocks of a month (format 4), as every version of
			// the app reads them; this version stores a quarter in each block.
			stores[name] = records.flatMap(({ seq: _seq, ...record }) =>
				name === 'events'
					? intoMonths(expandBlock(record as unknown as StoredBlock).events)
					: [record]
			);
		}
		await tx.done;
		return {
			format: BACKUP_FORMAT,
			version: BACKUP_VERSION,
			exportedAt: now,
			stores: stores as unknown as Backup['stores']
		};
	});
}

export interface StoreCounts {
	added: number;
	updated: number;
	skipped: Record<SkipReason, number>;
}

export interface ImportSummary {
	stores: Record<StoreName, StoreCounts>;
	/** Skills from the file that matched one of yours by name, and were joined to it. */
	mergedSkills: number;
	/** Drafts not imported because a drill is in progress here. */
	draftsKept: number;
}

/**
 * Merge a validated backup into the database in ONE transaction: on any error nothing
 * changes. Newer `updatedAt` wins; a second import of the same file changes nothing.
 */
export async function importBackup(
	backup: Backup,
	onProgress?: (done: number, total: number) => void
): Promise<ImportSummary> {
	// A shallow copy: records are replaced, never changed in place (no clone of 100 MB).
	const incoming = { ...backup.stores } as unknown as BackupStores;
	return write([...STORE_NAMES], async (tx) => {
		// Derived data (checkpoints, book counts, the search index) is not cleared: every record
		// written here is stamped with a new change sequence, which derived data catches up by,
		// whatever `updatedAt` the file's records carry.
		const existing = {} as Record<StoreName, Map<string, Versioned>>;
		const existingSkills = await tx.objectStore('skills').getAll();
		const ourBlocks = (await tx.objectStore('events').getAll()).map(expandBlock);
		for (const name of STORE_NAMES) {
			if (name === 'events') continue;
			const all = (name === 'skills' ? existingSkills : await tx.objectStore(name).getAll()) as {
				id?: string;
				key?: string;
				updatedAt: number;
				deletedAt?: number | null;
			}[];
			existing[name] = new Map(
				all.map((r) => {
					const id = r.id ?? r.key!;
					return [id, { id, updatedAt: r.updatedAt }];
				})
			);
		}

		// The same skill created on two devices: join theirs onto ours by name.
		const aliases = skillAliases(existingSkills, incoming.skills);
		incoming.skills = incoming.skills.filter((s) => !aliases.has(s.id));
		// A file's blocks hold a month each: stored by quarter, its months merged.
		let theirBlocks = intoQuarters(incoming.events);
		if (aliases.size > 0) {
			// Joined skills file their practice under ours: the blocks are made anew.
			const events = theirBlocks.flatMap((b) => b.events);
			const remapped = remapSkills({ ...incoming, events }, aliases);
			Object.assign(incoming, { ...remapped, events: incoming.events });
			theirBlocks = groupIntoBlocks(remapped.events);
		}

		// At most one drill in progress: a local one wins over drafts from the file.
		const liveDraftHere = [...(await tx.objectStore('drafts').getAll())].some(
			(d) => d.deletedAt === null
		);
		const draftsKept = liveDraftHere ? incoming.drafts.length : 0;
		if (liveDraftHere) incoming.drafts = [];

		const summary: ImportSummary = {
			stores: {} as Record<StoreName, StoreCounts>,
			mergedSkills: aliases.size,
			draftsKept
		};
		// Practice is merged by event id (blocks are how it is stored, not what it is). A block of
		// the file whose key and events are all new here (a first restore: every block) is stored
		// as it is; the others are merged event by event.
		const ours = copiesById(ourBlocks.flatMap((b) => b.events));
		const ourKeys = new Set(ourBlocks.map((b) => blockKeyText(b.skillId, b.month)));
		ourBlocks.length = 0;
		const newBlocks: EventBlockRecord[] = [];
		const mixed: PracticeEventRecord[] = [];
		for (const block of theirBlocks) {
			const isNew =
				!ourKeys.has(blockKeyText(block.skillId, block.month)) &&
				block.events.every((e) => !ours.has(e.id));
			if (isNew) newBlocks.push(block);
			else for (const e of block.events) mixed.push(e);
		}
		const events = resolveEvents(ours, mixed);
		const newIds = new Set<string>();
		for (const block of newBlocks) for (const e of block.events) newIds.add(e.id);
		summary.stores.events = {
			added: events.added + newIds.size,
			updated: events.updated,
			skipped: events.skipped
		};
		const plans = STORE_NAMES.filter((name) => name !== 'events').map((name) => {
			const records = (
				name === 'meta'
					? incoming.meta.map((m) => ({ ...m, id: m.key }))
					: (incoming[name] as Versioned[])
			) as Versioned[];
			const plan = planMerge(existing[name], records);
			summary.stores[name] = { added: plan.added, updated: plan.updated, skipped: plan.skipped };
			return { name, plan };
		});

		const total =
			plans.reduce((n, p) => n + p.plan.put.length, 0) + newBlocks.length + events.put.length;
		let done = 0;
		onProgress?.(0, total);
		// Puts are issued in batches without awaiting each one (awaiting every put made a
		// ten-year import three times slower), but never all at once: issuing 400,000 puts
		// in one go held the page for 9 s. Each batch waits for the one before it to be stored,
		// so the database always has work queued and the page gets the thread back in between.
		// A failed put aborts the whole transaction, which `write` reports.
		let previous: Promise<unknown> | null = null;
		const puts = [...plans, { name: 'events' as const, plan: { put: newBlocks } }];
		for (const { name, plan } of puts) {
			const store = tx.objectStore(name);
			for (const record of plan.put) {
				const value =
					name === 'meta'
						? (({ id: _id, ...meta }) => meta)(record as Versioned & { key: string })
						: record;
				const put = store.put(value as never);
				if (++done % PUT_BATCH === 0) {
					const n = done;
					const stored = put.then(() => onProgress?.(n, total));
					if (previous) await previous;
					previous = stored;
				} else {
					put.catch(() => undefined);
				}
			}
		}
		await previous;
		const before = done;
		await putEvents(tx, events.put, (stored) => onProgress?.(before + stored, total));
		onProgress?.(total, total);
		return summary;
	});
}
