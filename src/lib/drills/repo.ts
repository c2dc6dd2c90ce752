import { onBeforeVersionClose, withDb, write } from '$lib/db';
import { onChange } from '$lib/db/changes';
import { wordCount } from './text';
import { resolveCopy } from '$lib/db/conflicts';
import { putEvent, sourceEvents } from '$lib/db/events';
import { baseRecord, liveOnly, touched } from '$lib/db/record';
import type { DraftRecord, DrillRecord, PracticeEventRecord, TemplateRecord } from '$lib/db/schema';

/** Hear of every committed change to the drill in progress (from here, another tab, an import). */
export function onDraftsChanged(listener: () => void): () => void {
	return onChange((change) => {
		if (change.stores.has('drafts')) listener();
	});
}

/** Save the drill in progress before another tab's upgrade closes the database here. */
export const saveBeforeUpgrade = onBeforeVersionClose;

/** The drill in progress, if any (there is at most one). */
export async function loadDraft(): Promise<DraftRecord | null> {
	const drafts = await withDb((db) => db.getAll('drafts'));
	const live = drafts.filter((d) => d.deletedAt === null);
	live.sort((a, b) => b.updatedAt - a.updatedAt);
	return live[0] ?? null;
}

export class DraftMismatchError extends Error {
	constructor() {
		super(
			'Saving your drill could not be confirmed: what was stored differs from what is on screen. Your text is still here; keep this tab open and try again.'
		);
		this.name = 'DraftMismatchError';
	}
}

/**
 * Save the draft and read it back in the same transaction: a write that did not stick is
 * reported, never assumed.
 */
export async function saveDraft(draft: DraftRecord): Promise<void> {
	await write(['drafts'], async (tx) => {
		const store = tx.objectStore('drafts');
		await store.put(draft);
		const stored = await store.get(draft.id);
		if (!stored || stored.text !== draft.text || stored.updatedAt !== draft.updatedAt) {
			throw new DraftMismatchError();
		}
	});
}

/** Throw the draft away (the user chose to discard it). */
export async function deleteDraft(id: string): Promise<void> {
	await write(['drafts'], async (tx) => {
		await tx.objectStore('drafts').delete(id);
	});
}

/**
 * Turn the draft into a finished drill and its practice event, in one transaction:
 * either all of it is saved or none of it is (the draft then stays).
 */
export async function finishDrill(
	drill: DrillRecord,
	event: PracticeEventRecord | null
): Promise<void> {
	await write(['drafts', 'drills', 'events'], async (tx) => {
		await tx.objectStore('drills').put(drill);
		if (event) await putEvent(tx, event);
		await tx.objectStore('drafts').delete(drill.id);
	});
}

/**
 * The person's choice between this drill's words and a version another device wrote beside
 * them (`resolveCopy`): with `use`, those words come back; either way the version closes.
 */
export async function chooseDrillVersion(
	id: string,
	copyId: string,
	use: boolean,
	at: number
): Promise<void> {
	await write(['drills'], async (tx) => {
		const drill = await tx.objectStore('drills').get(id);
		if (!drill || drill.deletedAt !== null) throw new Error('That drill no longer exists.');
		const updated = resolveCopy(drill, copyId, use, at, (d) => ({ wordCount: wordCount(d.text) }));
		// Null: already chosen, here or on another device.
		if (updated) await tx.objectStore('drills').put(updated);
	});
}

/** Finished drills, newest first; only those started at or after `since` when given. */
export async function listDrills(since?: number): Promise<DrillRecord[]> {
	const range = since === undefined ? undefined : IDBKeyRange.lowerBound(since);
	const all = await withDb((db) => db.getAllFromIndex('drills', 'by-startedAt', range));
	return all.filter((d) => d.deletedAt === null).reverse();
}

/** Whether any drill was ever finished (tombstones aside), without reading them all. */
export async function hasDrills(): Promise<boolean> {
	return withDb(async (db) => {
		let cursor = await db.transaction('drills').store.openCursor();
		while (cursor) {
			if (cursor.value.deletedAt === null) return true;
			cursor = await cursor.continue();
		}
		return false;
	});
}

export async function getDrill(id: string): Promise<DrillRecord | undefined> {
	const d = await withDb((db) => db.get('drills', id));
	return d && d.deletedAt === null ? d : undefined;
}

/** Every attempt at the same exercise, oldest first. */
export async function attemptsAt(promptKey: string): Promise<DrillRecord[]> {
	const all = await withDb((db) => db.getAllFromIndex('drills', 'by-promptKey', promptKey));
	return all.filter((d) => d.deletedAt === null).sort((a, b) => a.startedAt - b.startedAt);
}

/** Practice events a drill logged (filed under its skill). */
export async function eventsFor(
	drill: Pick<DrillRecord, 'id' | 'skillId'>
): Promise<PracticeEventRecord[]> {
	return liveOnly(
		await withDb((db) =>
			sourceEvents(db.transaction(['skills', 'events']), drill.id, drill.skillId)
		)
	);
}

export async function listTemplates(): Promise<TemplateRecord[]> {
	const all = await withDb((db) => db.getAll('templates'));
	return all
		.filter((t) => t.deletedAt === null)
		.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}

export type TemplateInput = Pick<TemplateRecord, 'name' | 'prompt' | 'durationMs' | 'questions'>;

export async function saveTemplate(
	input: TemplateInput,
	at: number,
	id?: string
): Promise<TemplateRecord> {
	return write(['templates'], async (tx) => {
		const store = tx.objectStore('templates');
		const existing = id ? await store.get(id) : undefined;
		const record: TemplateRecord = existing
			? touched(existing, at, input)
			: { ...baseRecord(at), ...input };
		await store.put(record);
		return record;
	});
}

/** Remove a template (as a tombstone; drills made from it keep their own copy). */
export async function removeTemplate(id: string, at: number): Promise<void> {
	await write(['templates'], async (tx) => {
		const store = tx.objectStore('templates');
		const existing = await store.get(id);
		if (existing) await store.put(touched(existing, at, { deletedAt: at }));
	});
}
