import { describe, expect, it } from 'vitest';
import { makeZip } from 'client-zip';
import fc from 'fast-check';
import { looksLikeZip, zipEntries } from './zip';

const zip = (files: { name: string; input: Blob | string }[]) =>
	new Response(makeZip(files)).blob();

describe('reading a ZIP through its index', () => {
	it('gives each entry back byte for byte, even when its bytes spell ZIP headers', async () => {
		const audio = new Uint8Array(70_000);
		for (let i = 0; i < audio.length; i++) audio[i] = (i * 7919) % 256;
		// A local header's and a data descriptor's signatures inside the audio: a reader going
		// front to back would cut the entry here.
		audio.set([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0], 1000);
		audio.set([0x50, 0x4b, 0x07, 0x08, 1, 2, 3, 4], 5000);
		const file = await zip([
			{ name: 'a.json', input: '{"x":1}' },
			{ name: 'recordings/2026-12-03 drill r1.webm', input: new Blob([audio]) },
			{ name: 'empty', input: '' }
		]);
		expect(await looksLikeZip(file)).toBe(true);
		const entries = await zipEntries(file);
		expect([...entries.keys()]).toEqual(['a.json', 'recordings/2026-12-03 drill r1.webm', 'empty']);
		expect(await entries.get('a.json')!.text()).toBe('{"x":1}');
		const back = new Uint8Array(
			await entries.get('recordings/2026-12-03 drill r1.webm')!.arrayBuffer()
		);
		expect(back).toEqual(audio);
		expect(entries.get('empty')!.size).toBe(0);
	});

	it('reads back any set of files it was given', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.uniqueArray(
					fc.record({
						name: fc.stringMatching(/^[a-zé ]{1,12}$/),
						bytes: fc.uint8Array({ maxLength: 2000 })
					}),
					{ selector: (f) => f.name, maxLength: 6 }
				),
				async (files) => {
					const file = await zip(files.map((f) => ({ name: f.name, input: new Blob([f.bytes]) })));
					const entries = await zipEntries(file);
					expect([...entries.keys()]).toEqual(files.map((f) => f.name));
					for (const f of files) {
						expect(new Uint8Array(await entries.get(f.name)!.arrayBuffer())).toEqual(f.bytes);
					}
				}
			),
			{ numRuns: 40 }
		);
	});

	it('says a file is not one it can read: not a ZIP, cut short, or compressed', async () => {
		const notZip = new Blob(['{"format":"whetstone-backup"}']);
		expect(await looksLikeZip(notZip)).toBe(false);
		await expect(zipEntries(notZip)).rejects.toThrow(/not a backup Whetstone can read/);

		const whole = await zip([{ name: 'a.json', input: 'hello' }]);
		await expect(zipEntries(whole.slice(0, whole.size - 10))).rejects.toThrow(
			/not a backup Whetstone can read/
		);

		// The same file with its one entry marked as deflated.
		const bytes = new Uint8Array(await whole.arrayBuffer());
		const view = new DataView(bytes.buffer);
		for (let i = 0; i < bytes.length - 4; i++) {
			if (view.getUint32(i, true) === 0x02014b50) view.setUint16(i + 10, 8, true);
		}
		await expect(zipEntries(new Blob([bytes]))).rejects.toThrow(/“a.json” is compressed/);

		// An index entry whose name runs past the end of the index: refused in words.
		const long = new Uint8Array(await whole.arrayBuffer());
		const longView = new DataView(long.buffer);
		for (let i = 0; i < long.length - 4; i++) {
			if (longView.getUint32(i, true) === 0x02014b50) longView.setUint16(i + 28, 60_000, true);
		}
		await expect(zipEntries(new Blob([long]))).rejects.toThrow(/its index is damaged/);
	});
});
