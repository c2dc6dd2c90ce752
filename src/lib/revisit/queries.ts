import { query } from '$lib/db/query';
import { listReactions } from '$lib/reading/repo';
import { now } from '$lib/time/clock';
import { revisitDay } from './repo';

/** Today's Revisit (its passages, books and reactions); refreshed by any write to them. */
export const revisitToday = query(['passages', 'books', 'meta', 'reactions'], async () => {
	const [day, reactions] = await Promise.all([revisitDay(now()), listReactions()]);
	return { ...day, reactions };
});
