/**
 * Starts sync on a device where it is switched on. The layout imports this tiny module, not
 * the engine: the engine's own list of chunks to preload then lives here, off Home's first load.
 */
export async function bootSync(): Promise<void> {
	const { startSync } = await import('./engine');
	startSync();
}
