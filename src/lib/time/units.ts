/** Milliseconds in a day (of 24 hours: calendar days go through date-fns). */
export const DAY = 86_400_000;
