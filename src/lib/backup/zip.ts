/**
 * Reading a ZIP file's entries as slices of the file itself: nothing is copied into memory but
 * the directory at its end, so a backup with hours of audio opens in a few kilobytes.
 *
 * Why not a library: client-zip (which writes our backups) does not read; fflate's streaming
 * Unzip reads entries front to back and, for stored entries whose size comes after the data
 * (how a streaming writer must write them), cut an audio file wherever its bytes happened to
 * spell a header (tried here); zip.js reads this way but weighs 24–49 KB compressed. Reading the
 * central directory is the format's own way to find entries, and stored entries are plain
 * byte ranges. Compressed entries are refused: Whetstone never writes them.
 */

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

export class NotAZipError extends Error {
	constructor(why: string) {
		super(`This file is not a backup Whetstone can read (${why}). Nothing was changed.`);
		this.name = 'NotAZipError';
	}
}

async function bytes(file: Blob, start: number, end: number): Promise<DataView> {
	if (start < 0 || end > file.size || start > end) throw new NotAZipError('it is cut short');
	return new DataView(await file.slice(start, end).arrayBuffer());
}

const u64 = (view: DataView, at: number) => Number(view.getBigUint64(at, true));

/** Where the central directory is and how many entries it has. */
async function directory(file: Blob): Promise<{ offset: number; size: number; count: number }> {
	const tailStart = Math.max(0, file.size - (22 + MAX_COMMENT));
	const tail = await bytes(file, tailStart, file.size);
	let at = -1;
	for (let i = tail.byteLength - 22; i >= 0; i--) {
		if (tail.getUint32(i, true) === EOCD) {
			at = i;
			break;
		}
	}
	if (at < 0) throw new NotAZipError('it is not a ZIP file, or it is cut short');
	let count = tail.getUint16(at + 10, true);
	let size = tail.getUint32(at + 12, true);
	let offset = tail.getUint32(at + 16, true);
	// Past 4 GB or 65,535 entries the real numbers are in the ZIP64 record before this one.
	if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
		const locatorAt = tailStart + at - 20;
		const locator = await bytes(file, locatorAt, locatorAt + 20);
		if (locator.getUint32(0, true) !== ZIP64_LOCATOR)
			throw new NotAZipError('its index is damaged');
		const recordAt = u64(locator, 8);
		const record = await bytes(file, recordAt, recordAt + 56);
		if (record.getUint32(0, true) !== ZIP64_EOCD) throw new NotAZipError('its index is damaged');
		count = u64(record, 32);
		size = u64(record, 40);
		offset = u64(record, 48);
	}
	return { offset, size, count };
}

/** The file's entries by name, each a slice of `file` (nothing read but headers). */
export async function zipEntries(file: Blob): Promise<Map<string, Blob>> {
	const { offset, size, count } = await directory(file);
	const cd = await bytes(file, offset, offset + size);
	const names = new TextDecoder();
	const entries = new Map<string, Blob>();
	let at = 0;
	for (let n = 0; n < count; n++) {
		if (at + 46 > cd.byteLength || cd.getUint32(at, true) !== CENTRAL) {
			throw new NotAZipError('its index is damaged');
		}
		const method = cd.getUint16(at + 10, true);
		let compressed = cd.getUint32(at + 20, true);
		let uncompressed = cd.getUint32(at + 24, true);
		const nameLength = cd.getUint16(at + 28, true);
		const extraLength = cd.getUint16(at + 30, true);
		const commentLength = cd.getUint16(at + 32, true);
		let local = cd.getUint32(at + 42, true);
		if (at + 46 + nameLength + extraLength + commentLength > cd.byteLength) {
			throw new NotAZipError('its index is damaged');
		}
		const name = names.decode(new Uint8Array(cd.buffer, cd.byteOffset + at + 46, nameLength));
		// ZIP64 sizes and offset, for those fields that said "see the extra field".
		let extra = at + 46 + nameLength;
		const extraEnd = extra + extraLength;
		while (extra + 4 <= extraEnd) {
			const id = cd.getUint16(extra, true);
			const length = cd.getUint16(extra + 2, true);
			if (id === 0x0001) {
				let field = extra + 4;
				if (uncompressed === 0xffffffff) {
					uncompressed = u64(cd, field);
					field += 8;
				}
				if (compressed === 0xffffffff) {
					compressed = u64(cd, field);
					field += 8;
				}
				if (local === 0xffffffff) local = u64(cd, field);
			}
			extra += 4 + length;
		}
		if (method !== 0) throw new NotAZipError(`“${name}” is compressed`);
		if (uncompressed !== compressed) throw new NotAZipError(`“${name}” is damaged`);
		const header = await bytes(file, local, local + 30);
		if (header.getUint32(0, true) !== LOCAL) throw new NotAZipError('an entry is damaged');
		const start = local + 30 + header.getUint16(26, true) + header.getUint16(28, true);
		if (start + compressed > file.size) throw new NotAZipError('it is cut short');
		entries.set(name, file.slice(start, start + compressed));
		at = extraEnd + commentLength;
	}
	return entries;
}

/** True when `file` starts like a ZIP file (a local header, or an empty archive). */
export async function looksLikeZip(file: Blob): Promise<boolean> {
	if (file.size < 4) return false;
	const head = new DataView(await file.slice(0, 4).arrayBuffer());
	const sig = head.getUint32(0, true);
	return sig === LOCAL || sig === EOCD;
}
