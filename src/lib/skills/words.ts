import { count } from '$lib/text/count';
import type { Explanation } from './model';

// The skill page's sentences, apart from the model: the model gives numbers, this words them.

/** "3 weeks", "less than a day": a duration as a person would round it. */
export function roughDuration(days: number): string {
	if (days < 1) return 'less than a day';
	if (days < 14) return count(Math.round(days), 'day');
	if (days < 60) return count(Math.round(days / 7), 'week');
	if (days < 730) return count(Math.round(days / 30.44), 'month');
	return count(Math.round(days / 365.25), 'year');
}

/** Plain-language reasons for a skill's current value, one sentence each. */
export function explainText(e: Explanation): string[] {
	if (!e.practised) return ['Not practised yet. Your first drill or logged session starts it.'];
	const ago = e.daysAgo < 1 ? 'today' : `${roughDuration(e.daysAgo)} ago`;
	const reasons = [
		`Last practised ${ago}, after ${count(e.sessions, 'session')} in all; level ${Math.round(e.levelAfter)} right after it.`
	];
	if (e.daysAgo >= 1) {
		reasons.push(
			`Holds ${Math.round(e.held * 100)}% of its gains above the floor, so it is at ${Math.round(e.now)} now.`
		);
	}
	reasons.push(
		`Without practice, half of those gains would be gone about ${roughDuration(e.halfLifeDays)} after the last session; each spaced-out session makes it last longer.`,
		`Floor ${Math.round(e.floor)}: disuse never takes it lower (you keep the basics).`,
		e.sessionsToPeak !== null
			? `Peak ${Math.round(e.peak)}: back to it in about ${count(e.sessionsToPeak, 'session')} of 5 minutes, since lost ground comes back faster.`
			: `At its peak of ${Math.round(e.peak)}.`,
		`A 5-minute drill now would add about ${Math.round(e.nextGain * 10) / 10} (gains shrink as the level rises).`
	);
	return reasons;
}
