/**
 * Turn file bytes into text: UTF-8 (with or without BOM) or UTF-16 with a BOM. Anything else
 * is refused with a message, rather than imported as mojibake.
 */
export function decodeText(bytes: Uint8Array): { text: string } | { error: string } {
	if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
		return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
	}
	if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
		return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
	}
	try {
		return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
	} catch {
		return {
			error:
				'This file is not in a text encoding Whetstone can read (UTF-8 or UTF-16). Save it as UTF-8 and try again.'
		};
	}
}
