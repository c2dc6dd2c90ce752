/**
 * The one place that reads the wall clock. Domain code takes time as an argument;
 * state and repos call `now()` here, so tests (and page.clock) control time in one spot.
 */
export function now(): number {
	return Date.now();
}
