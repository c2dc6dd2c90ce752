import { currentSeq, withDb, write } from '$lib/db';
import { blockMonthOf, monthStart } from '$lib/db/blocks';
import { filedAs, skillEvents } from '$lib/db/events';
import type { CheckpointRecord } from '$lib/db/schema';
import { EMPTY_FOLD, foldEvents, sortEvents, type Fold } from './model';
import { toPracticeEvents, type SkillHistory } from './log';

/**
 * Each skill's history split at `through`: the replay of every event up to it and the newer
 * events in time order. The replay starts from a stored checkpoint when that is provably still
 * valid, else it is recomputed and stored; the events after the checkpoint are folded on top.
 *
 * Checkpoints sit at the end of a quarter (the last one before `through`'s), where events are
 * stored in blocks per quarter: a checkpoint is valid while none of the skill's blocks up to
 * its quarter was written after it (an index range over the change sequence, no old event
 * read); practice logged today goes into this quarter's block and leaves it valid.
 * Any write counts, whatever `updatedAt` it carries: an import or another device can bring
 * edits from the past. When the split moves on, the checkpoint is carried forward with the
 * quarters between: ten years of history are folded once, not every week.
 */
export async function historiesAt(
	skillIds: readonly string[],
	through: number
): Promise<Map<string, SkillHistory>> {
	const out = new Map<string, SkillHistory>();
	const fresh: CheckpointRecord[] = [];
	// The last moment of the quarter before `through`'s: where this split's checkpoint sits.
	const mark = monthStart(blockMonthOf(through)) - 1;
	await withDb(async (db) => {
		const tx = db.transaction(['skills', 'events', 'checkpoints', 'sequence'], 'readonly');
		const bySeq = tx.objectStore('events').index('by-skill-seq');
		const checkpoints = tx.objectStore('checkpoints');
		const seqPromise = currentSeq(tx);
		// Every skill's requests are issued at once: one transaction pipelines them, where
		// awaiting each in turn cost a round trip per request (~400 for 100 skills).
		const one = async (id: string) => {
			const [cp, tail, seq, filed] = await Promise.all([
				checkpoints.get(id),
				skillEvents(tx, id, { after: mark }),
				seqPromise,
				filedAs(tx, id)
			]);
			// Skills merged into this one: their blocks are its practice too.
			const merged = filed.slice(1).sort();
			let fold: Fold | null = null;
			// A checkpoint at this mark or an earlier one (last quarter's) can be used while none
			// of its blocks was written since, and no skill was merged in since; from an earlier
			// one, the quarters between are folded.
			if (cp && cp.through <= mark && sameList(cp.merged ?? [], merged)) {
				const cpMonth = blockMonthOf(cp.through);
				const writes = await Promise.all(
					filed.map((skill) =>
						bySeq.getAllKeys(IDBKeyRange.bound([skill, cp.seq], [skill, Infinity], true))
					)
				);
				if (!writes.flat().some(([, month]) => month <= cpMonth)) {
					fold = { state: cp.state, prevKey: cp.prevKey, repeats: cp.repeats };
					if (cp.through < mark) {
						const between = await skillEvents(tx, id, { after: cp.through, through: mark });
						fold = foldEvents(fold, sortEvents(toPracticeEvents(between)));
						fresh.push({ skillId: id, through: mark, seq, merged, ...fold });
					}
				}
			}
			if (!fold) {
				const old = await skillEvents(tx, id, { through: mark });
				fold = foldEvents(EMPTY_FOLD, sortEvents(toPracticeEvents(old)));
				fresh.push({ skillId: id, through: mark, seq, merged, ...fold });
			}
			// The events of `through`'s quarter up to it, folded on top; the rest are recent.
			const split = tail.findIndex((e) => e.at > through);
			const upTo = split === -1 ? tail : tail.slice(0, split);
			const recent = split === -1 ? [] : tail.slice(split);
			if (upTo.length > 0) fold = foldEvents(fold, sortEvents(toPracticeEvents(upTo)));
			const history: SkillHistory = {
				fold,
				recent: [...sortEvents(toPracticeEvents(recent))],
				records: recent
			};
			return [id, history] as const;
		};
		// In the order asked, whatever order the requests finish in.
		for (const [id, history] of await Promise.all(skillIds.map(one))) out.set(id, history);
		await tx.done;
	});
	if (fresh.length > 0) {
		await write(['checkpoints'], async (tx) => {
			for (const c of fresh) await tx.objectStore('checkpoints').put(c);
		});
	}
	return out;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
	a.length === b.length && a.every((x, i) => x === b[i]);
