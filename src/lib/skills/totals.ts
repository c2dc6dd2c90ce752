import type { PracticeEventRecord } from '$lib/db/schema';

export interface PracticeTotals {
	sessions: number;
	minutes: number;
	lastAt: number;
}

/** Sessions, minutes and latest practice per skill id (tombstoned events are skipped). */
export function practiceTotals(
	events: readonly Pick<PracticeEventRecord, 'skillId' | 'minutes' | 'at' | 'deletedAt'>[]
): Map<string, PracticeTotals> {
	const map = new Map<string, PracticeTotals>();
	for (const e of events) {
		if (e.deletedAt !== null) continue;
		const t = map.get(e.skillId) ?? { sessions: 0, minutes: 0, lastAt: -Infinity };
		t.sessions++;
		t.minutes += e.minutes;
		t.lastAt = Math.max(t.lastAt, e.at);
		map.set(e.skillId, t);
	}
	return map;
}
