import { count, plural } from '$lib/text/count';
import { formatNear } from '$lib/time/format';
import type { Rusting } from './rusting';

// Review sentences, apart from the rusting model so the home screen does not load them.

/**
 * "45 → 57 (+12)": the change is taken between the levels as shown, so the three numbers
 * always agree (rounding each on its own once gave "45 → 57 (+11)" and "28 → 28 (−1)").
 */
export function levelChangeText(start: number, end: number): string {
	const a = Math.round(start);
	const b = Math.round(end);
	const d = b - a;
	return `${a} → ${b} (${d > 0 ? '+' : d < 0 ? '−' : '±'}${Math.abs(d)})`;
}

/** One rusting skill in words: when it crosses (or crossed) its line, and what holds it. */
export function rustingText(r: Rusting, now: number): string {
	const line = Math.round(r.line);
	const drills = r.sessions === 1 ? 'one 5-minute drill' : count(r.sessions, '5-minute drill');
	return r.below
		? `fell below ${line} on ${formatNear(r.at, now)} — ${drills} ${plural(r.sessions, 'brings', 'bring')} it back above`
		: `drops below ${line} on ${formatNear(r.at, now)} — ${drills} before then ${plural(r.sessions, 'holds', 'hold')} it`;
}
