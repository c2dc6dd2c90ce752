import { query } from '$lib/db/query';
import { listRecordings } from './repo';

/** The recordings of one owner (`passage:<id>`), refreshed by any change to recordings. */
export const recordingsOf = query(['recordings'], (owner: string) => listRecordings(owner));
