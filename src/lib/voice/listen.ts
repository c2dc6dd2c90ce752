import { talkStats, type TalkStats } from './analysis';

/**
 * A recording's talk and silence, decoded in the browser (Web Audio; no network, nothing
 * leaves the device). Null when the browser cannot decode it.
 */
export async function talkOf(audio: Blob): Promise<TalkStats | null> {
	try {
		const context = new OfflineAudioContext(1, 1, 48_000);
		const decoded = await context.decodeAudioData(await audio.arrayBuffer());
		return talkStats(decoded.getChannelData(0), decoded.sampleRate);
	} catch {
		return null;
	}
}
