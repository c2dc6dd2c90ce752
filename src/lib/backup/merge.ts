/**
 * Merging records by id, last writer wins: the copy with the newer `updatedAt` is kept,
 * tombstones included (a deletion is just a newer version). Pure: the caller reads what is
 * stored and writes what this returns.
 */
export interface Versioned {
	id: string;
	updatedAt: number;
}

export type SkipReason = 'same' | 'yours-newer';

export interface MergePlan<T> {
	put: T[];
	added: number;
	updated: number;
	skipped: Record<SkipReason, number>;
}

export function planMerge<T extends Versioned>(
	existing: ReadonlyMap<string, Versioned>,
	incoming: readonly T[]
): MergePlan<T> {
	const plan: MergePlan<T> = {
		put: [],
		added: 0,
		updated: 0,
		skipped: { same: 0, 'yours-newer': 0 }
	};
	// A file may (wrongly) hold one id twice: the newest copy is the one that counts.
	const newest = new Map<string, T>();
	for (const r of incoming) {
		const seen = newest.get(r.id);
		if (!seen || r.updatedAt > seen.updatedAt) newest.set(r.id, r);
	}
	for (const r of newest.values()) {
		const mine = existing.get(r.id);
		if (!mine) {
			plan.put.push(r);
			plan.added++;
		} else if (r.updatedAt > mine.updatedAt) {
			plan.put.push(r);
			plan.updated++;
		} else if (r.updatedAt === mine.updatedAt) {
			plan.skipped.same++;
		} else {
			plan.skipped['yours-newer']++;
		}
	}
	return plan;
}

/**
 * Skills are also matched by name: the same skill created on two devices has two ids.
 * Returns incoming skill id → existing skill id for live skills whose names match one of
 * ours under another id, so their practice and drills can be moved onto ours.
 */
export function skillAliases(
	existing: readonly { id: string; nameKey: string; deletedAt: number | null }[],
	incoming: readonly { id: string; nameKey: string; deletedAt: number | null }[]
): Map<string, string> {
	const ids = new Set(existing.map((s) => s.id));
	const byName = new Map<string, string>();
	for (const s of existing) if (s.deletedAt === null) byName.set(s.nameKey, s.id);
	const aliases = new Map<string, string>();
	for (const s of incoming) {
		if (s.deletedAt !== null || ids.has(s.id)) continue;
		const ours = byName.get(s.nameKey);
		if (ours) aliases.set(s.id, ours);
	}
	return aliases;
}

/** The records of a backup that name a skill by id (what `remapSkills` rewrites). */
export interface SkillRefs {
	events: { skillId: string }[];
	drills: { skillId: string | null }[];
	drafts: { skillId: string | null }[];
	passages: { skillId: string | null }[];
	books: { skillIds: string[] }[];
	meta: { key: string; value: unknown }[];
}

/**
 * Every reference to a joined skill moved onto the skill it joined: practice, drills, the
 * drill in progress, passages, books (without listing one skill twice) and weekly plans.
 * Records that change are new objects; the input is not modified.
 */
export function remapSkills<T extends SkillRefs>(
	stores: T,
	aliases: ReadonlyMap<string, string>
): T {
	if (aliases.size === 0) return stores;
	const to = (id: string) => aliases.get(id) ?? id;
	const one = <R extends { skillId: string | null }>(r: R): R =>
		r.skillId !== null && aliases.has(r.skillId) ? { ...r, skillId: to(r.skillId) } : r;
	return {
		...stores,
		events: stores.events.map(one),
		drills: stores.drills.map(one),
		drafts: stores.drafts.map(one),
		passages: stores.passages.map(one),
		books: stores.books.map((b) =>
			b.skillIds.some((id) => aliases.has(id))
				? { ...b, skillIds: [...new Set(b.skillIds.map(to))] }
				: b
		),
		meta: stores.meta.map((m) => {
			const plan = m.value as { items?: { skillId?: unknown }[] } | null;
			if (!m.key.startsWith('plan:') || !plan || !Array.isArray(plan.items)) return m;
			if (!plan.items.some((i) => typeof i.skillId === 'string' && aliases.has(i.skillId))) {
				return m;
			}
			const items = plan.items.map((i) =>
				typeof i.skillId === 'string' && aliases.has(i.skillId)
					? { ...i, skillId: to(i.skillId) }
					: i
			);
			return { ...m, value: { ...plan, items } };
		})
	};
}
