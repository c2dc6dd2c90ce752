import { query } from '$lib/db/query';
import { listReactions } from '$lib/reading/repo';
import { now } from '$lib/time/clock';
import { onThisDay, revisitDay } from './repo';

/** Today's Revisit (its passages, books and reactions); refreshed by any write to them. */
export const revisitToday = query(['passages', 'books', 'meta', 'reactions'], async () => {
	const [day, reactions] = await Promise.all([revisitDay(now()), listReactions()]);
	return { ...day, reactions };
});

/** "On this day": drills and passages from this date in earlier years (or a month, a week ago). */
export const onThisDayToday = query(['drills', 'passages', 'books'], () => onThisDay(now()));
