import { STORE_NAMES } from './schema';
import { stampOf, stored, type Store, type WriteTx } from './index';

/** How long `putMany` may keep the page busy before it lets the page respond. */
const SLICE_MS = 40;

/**
 * Store many records in `name` within `tx` (a `write` transaction), stamped like any put, as
 * plain IndexedDB requests: no promise and no listeners per record. idb's wrapper costs about
 * as much on this thread as the put itself, which a first sync of ten years (60,000 records)
 * felt as a second. The page gets a turn every SLICE_MS; a failed put aborts the transaction,
 * which `write` reports.
 */
export async function putMany<S extends Store[]>(
	tx: WriteTx<S>,
	name: S[number] & Store,
	records: readonly object[]
): Promise<void> {
	const found = stampOf(tx);
	if (!found || !(STORE_NAMES as readonly string[]).includes(name)) {
		throw new Error(`putMany: not a write of ${name}`);
	}
	const { seq, raw } = found;
	const store = raw.objectStore(name);
	let last: IDBRequest | null = null;
	let sliceStart = performance.now();
	for (const record of records) {
		last = store.put(stored(name, record, seq));
		if (performance.now() - sliceStart >= SLICE_MS) {
			await done(last);
			last = null; // Succeeded: it will not say so again.
			sliceStart = performance.now();
		}
	}
	if (last) await done(last);
}

/** When `request` has succeeded (its failure aborts the transaction, reported there). */
function done(request: IDBRequest): Promise<void> {
	return new Promise((resolve, reject) => {
		request.onsuccess = () => resolve();
		request.onerror = () => reject(request.error);
	});
}
