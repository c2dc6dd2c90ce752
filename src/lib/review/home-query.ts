import { query } from '$lib/db/query';
import { now } from '$lib/time/clock';
import { localeWeekStart } from './locale';
import type { HomeCards } from './home-cards';

/** What the home screen's plan cards read (reading answers count through their events). */
const HOME_STORES = ['skills', 'events', 'drills', 'meta'] as const;

/**
 * The home screen's plan cards. The code behind them (the skill model, the plan) loads after
 * the first paint: the home screen never waits for it. Only a type comes from home-cards.ts here.
 */
export const homePlan = query(HOME_STORES, async (): Promise<HomeCards> => {
	const { homeCards } = await import('./home-cards');
	return homeCards(now(), localeWeekStart());
});
