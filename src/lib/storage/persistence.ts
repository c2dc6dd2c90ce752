import { isBoolean, metaKey, readMeta, writeMeta } from '$lib/db/meta';

export interface StorageInfo {
	supported: boolean;
	persisted: boolean;
	usageBytes: number | null;
	quotaBytes: number | null;
}

/** Whether the browser promised to keep our data, and how much space it uses. */
export async function storageInfo(): Promise<StorageInfo> {
	const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
	if (!storage?.persisted || !storage.estimate) {
		return { supported: false, persisted: false, usageBytes: null, quotaBytes: null };
	}
	const [persisted, estimate] = await Promise.all([storage.persisted(), storage.estimate()]);
	return {
		supported: true,
		persisted,
		usageBytes: estimate.usage ?? null,
		quotaBytes: estimate.quota ?? null
	};
}

/** Whether persistent storage was granted when the app asked (it asks once). */
const ASKED = metaKey('persistRequestedAt', isBoolean);

/**
 * Ask for persistent storage once, after the first piece of work is saved: asking on first
 * visit would be a prompt without a reason (and Chromium grants it by engagement anyway).
 */
export async function requestPersistenceOnce(at: number): Promise<boolean | null> {
	const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
	if (!storage?.persist) return null;
	if ((await readMeta(ASKED)) !== null) return null;
	const granted = await storage.persist();
	await writeMeta(ASKED, granted, at);
	return granted;
}

/** Ask again, from an explicit button in Data. */
export async function requestPersistence(): Promise<boolean> {
	return (await navigator.storage?.persist?.()) ?? false;
}
