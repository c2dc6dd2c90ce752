// Draws the app icons (a whetstone bar on a teal field) as PNGs with no image library.
// Run by hand after changing the design: `node scripts/make-icons.mjs`; the PNGs are committed.
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const TEAL = [0x1f, 0x5c, 0x6b];
const STONE = [0xe9, 0xe4, 0xd8];
const EDGE = [0xf2, 0xb1, 0x4c];

function crc32(buf) {
	let c,
		crc = 0xffffffff;
	for (let n = 0; n < buf.length; n++) {
		c = (crc ^ buf[n]) & 0xff;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		crc = (crc >>> 8) ^ c;
	}
	return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const td = Buffer.concat([Buffer.from(type), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(td));
	return Buffer.concat([len, td, crc]);
}

/** scale: how much of the canvas the motif may use (maskable icons keep to the safe zone). */
function draw(size, scale) {
	const rows = [];
	const c = size / 2;
	for (let y = 0; y < size; y++) {
		const row = Buffer.alloc(1 + size * 3);
		for (let x = 0; x < size; x++) {
			// Coordinates in the motif's unit square, centred.
			const u = (x + 0.5 - c) / (size * scale);
			const v = (y + 0.5 - c) / (size * scale);
			// A bar tilted by 30 degrees: the whetstone.
			const a = Math.PI / 6;
			const p = u * Math.cos(a) + v * Math.sin(a);
			const q = -u * Math.sin(a) + v * Math.cos(a);
			let col = TEAL;
			if (Math.abs(p) < 0.36 && Math.abs(q) < 0.1) col = STONE;
			if (Math.abs(p) < 0.36 && q < -0.1 && q > -0.14) col = EDGE;
			row.set(col, 1 + x * 3);
		}
		rows.push(row);
	}
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(size, 0);
	ihdr.writeUInt32BE(size, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 2; // RGB
	const png = Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
	return png;
}

mkdirSync('static/icons', { recursive: true });
writeFileSync('static/icons/icon-192.png', draw(192, 1));
writeFileSync('static/icons/icon-512.png', draw(512, 1));
writeFileSync('static/icons/maskable-512.png', draw(512, 0.7));
writeFileSync('static/icons/apple-touch-icon.png', draw(180, 0.85));
