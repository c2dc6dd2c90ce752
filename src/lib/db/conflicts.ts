import { touched } from './record';
import type { BaseRecord, ConflictCopy } from './records';

/**
 * Kept versions (sync/merge.ts keeps the words that lost a merge on the record) and the
 * person's choice between them. Pure: the drill and passage repos store the result.
 */

type WithCopies = BaseRecord & { conflicts?: ConflictCopy[] };

/** The kept versions still waiting for a choice, oldest first. */
export function openCopies(record: WithCopies): ConflictCopy[] {
	return (record.conflicts ?? []).filter((c) => c.resolvedAt === null).sort((a, b) => a.at - b.at);
}

/**
 * `record` after the person chose for the kept version `copyId`: with `use`, its words become
 * the field's value (an edit on top of the current value, so every device takes it);
 * without, the current value stays. Either way the version is marked chosen, and a choice
 * made on any device holds on all of them. Null when there is no such open version (it was
 * chosen already, here or on another device): nothing to change. `derived` gives the fields
 * that follow from the words (a drill's word count), changed in the same edit.
 */
export function resolveCopy<T extends WithCopies>(
	record: T,
	copyId: string,
	use: boolean,
	at: number,
	derived: (next: T) => Partial<T> = () => ({})
): T | null {
	const copy = openCopies(record).find((c) => c.id === copyId);
	if (!copy) return null;
	const words = (use ? { [copy.field]: structuredClone(copy.value) } : {}) as Partial<T>;
	const next = touched(record, at, use ? { ...words, ...derived({ ...record, ...words }) } : {});
	return {
		...next,
		conflicts: (record.conflicts ?? []).map((c) =>
			c.id === copyId ? { ...c, resolvedAt: next.updatedAt } : c
		)
	};
}
