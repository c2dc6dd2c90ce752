import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	DamagedDocumentError,
	PBKDF2_ITERATIONS,
	WrongSecretError,
	changePassphrase,
	createKeyring,
	documentId,
	formatRecoveryKey,
	open,
	openBytes,
	parseRecoveryKey,
	seal,
	sealBytes,
	unlock
} from './crypto';

// Fewer PBKDF2 rounds in most tests (the default's cost is the point in the app, not here).
const FAST = { iterations: 1000 };
const body = { id: 'd1', text: 'Wait two seconds before answering. “Quoted” — ünïcödé ✓', n: 3 };

describe('sync encryption', () => {
	it('derives the passphrase key with at least 600,000 PBKDF2 rounds by default', async () => {
		expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
		const { keyring } = await createKeyring('correct horse battery staple');
		expect(keyring.iterations).toBe(PBKDF2_ITERATIONS);
	});

	it('seals and opens a body, and the ciphertext shows none of it', async () => {
		const { keys } = await createKeyring('pass', FAST);
		const sealed = await seal(keys, 'doc-1', body);
		expect(await open(keys, 'doc-1', sealed)).toEqual(body);
		// Neither in the stored text nor in the bytes it encodes. (Only words long enough that
		// random base64 cannot spell them by chance: "d1" can turn up in any ciphertext.)
		const stored = JSON.stringify(sealed);
		const bytes = new TextDecoder('latin1').decode(
			Uint8Array.from(atob(sealed.data), (c) => c.charCodeAt(0))
		);
		for (const word of ['seconds', 'answering', 'before']) {
			expect(stored).not.toContain(word);
			expect(bytes).not.toContain(word);
		}
		// A fresh IV each time: the same body never looks the same twice.
		expect((await seal(keys, 'doc-1', body)).data).not.toBe(sealed.data);
	});

	it('refuses a tampered ciphertext, another document’s id, and another keyring’s key', async () => {
		const { keys } = await createKeyring('pass', FAST);
		const other = (await createKeyring('pass', FAST)).keys;
		const sealed = await seal(keys, 'doc-1', body);
		const bytes = Uint8Array.from(atob(sealed.data), (c) => c.charCodeAt(0));
		bytes[5] ^= 1;
		const tampered = { ...sealed, data: btoa(String.fromCharCode(...bytes)) };
		await expect(open(keys, 'doc-1', tampered)).rejects.toBeInstanceOf(DamagedDocumentError);
		await expect(open(keys, 'doc-2', sealed)).rejects.toBeInstanceOf(DamagedDocumentError);
		await expect(open(other, 'doc-1', sealed)).rejects.toBeInstanceOf(DamagedDocumentError);
	});

	it('seals a large text as bytes bound to its name, and refuses it anywhere else', async () => {
		const { keys } = await createKeyring('pass', FAST);
		const other = (await createKeyring('pass', FAST)).keys;
		const text = JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ ...body, n: i })));
		const sealed = await sealBytes(keys, 'snap-1/c0', text);
		// Compressed before it was encrypted: far smaller than the text.
		expect(sealed.length).toBeLessThan(text.length / 10);
		expect(new TextDecoder('latin1').decode(sealed)).not.toContain('answering');
		expect(await openBytes(keys, 'snap-1/c0', sealed)).toBe(text);
		const tampered = sealed.slice();
		tampered[40] ^= 1;
		for (const [k, name, bytes] of [
			[keys, 'snap-1/c0', tampered],
			[keys, 'snap-1/c1', sealed],
			[other, 'snap-1/c0', sealed]
		] as const) {
			await expect(openBytes(k, name, bytes)).rejects.toBeInstanceOf(DamagedDocumentError);
		}
	});

	it('unlocks with the passphrase or the recovery key, and says which was wrong', async () => {
		const { keyring, keys, recoveryKey } = await createKeyring('pass phrase', FAST);
		const sealed = await seal(keys, 'doc', body);
		for (const secret of [{ passphrase: 'pass phrase' }, { recoveryKey }]) {
			expect(await open(await unlock(keyring, secret), 'doc', sealed)).toEqual(body);
		}
		// Typed back with lower case, spaces, and O/I for 0/1: still the same key.
		const typed = recoveryKey
			.toLowerCase()
			.replace(/-/g, ' ')
			.replace(/0/g, 'o')
			.replace(/1/g, 'i');
		expect(await open(await unlock(keyring, { recoveryKey: typed }), 'doc', sealed)).toEqual(body);
		await expect(unlock(keyring, { passphrase: 'pass  phrase' })).rejects.toThrow(
			/passphrase does not unlock/
		);
		await expect(unlock(keyring, { recoveryKey: 'ABCD' })).rejects.toBeInstanceOf(WrongSecretError);
		const other = (await createKeyring('x', FAST)).recoveryKey;
		await expect(unlock(keyring, { recoveryKey: other })).rejects.toThrow(
			/recovery key does not unlock/
		);
	});

	it('changes the passphrase by re-wrapping the key: old documents open, the old passphrase does not', async () => {
		const { keyring, keys, recoveryKey } = await createKeyring('old', FAST);
		const sealed = await seal(keys, 'doc', body);
		const renewed = await changePassphrase(keyring, { passphrase: 'old' }, 'new', FAST);
		expect(renewed.byRecoveryKey).toBe(keyring.byRecoveryKey);
		expect(await open(await unlock(renewed, { passphrase: 'new' }), 'doc', sealed)).toEqual(body);
		await expect(unlock(renewed, { passphrase: 'old' })).rejects.toBeInstanceOf(WrongSecretError);
		// Forgotten passphrase: the recovery key sets a new one.
		const reset = await changePassphrase(renewed, { recoveryKey }, 'newer', FAST);
		expect(await open(await unlock(reset, { passphrase: 'newer' }), 'doc', sealed)).toEqual(body);
	});

	it('names documents by an HMAC of kind and id: stable, distinct, and revealing neither', async () => {
		const { keyring, keys, recoveryKey } = await createKeyring('pass', FAST);
		const again = await unlock(keyring, { recoveryKey });
		const a = await documentId(keys, 'drill', 'd-123');
		expect(a).toMatch(/^[0-9a-f]{64}$/);
		expect(await documentId(again, 'drill', 'd-123')).toBe(a);
		expect(await documentId(keys, 'passage', 'd-123')).not.toBe(a);
		expect(await documentId(keys, 'drill', 'd-124')).not.toBe(a);
		const stranger = (await createKeyring('pass', FAST)).keys;
		expect(await documentId(stranger, 'drill', 'd-123')).not.toBe(a);
	});

	it('writes any 32-byte recovery key as 13 groups of four and reads it back', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
				const text = formatRecoveryKey(bytes);
				expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){12}[0-9A-HJKMNP-TV-Z]{4}$/);
				expect(parseRecoveryKey(text)).toEqual(bytes);
			})
		);
		expect(parseRecoveryKey('not a key')).toBeNull();
	});
});
