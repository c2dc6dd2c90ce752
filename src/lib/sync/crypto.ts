/**
 * End-to-end encryption for sync (issue 15): the server stores only what these functions make.
 * WebCrypto only (no library): PBKDF2-SHA256, HKDF, AES-256-GCM, HMAC-SHA256; bodies are
 * deflated (CompressionStream) before they are encrypted.
 *
 * Keys. A random 32-byte master secret is the root of everything. It is stored only wrapped:
 * once under a key derived from the person's passphrase (PBKDF2, 600,000 iterations by
 * default, a random salt) and once under a random recovery key the person saves or prints.
 * From the master secret, HKDF derives the data key (AES-GCM, encrypts every document) and the
 * id key (HMAC, names every document). Changing the passphrase re-wraps the master secret; no
 * document is touched. The keyring (salt, iterations, both wrapped copies) is itself a
 * document on the server: it reveals nothing without the passphrase or the recovery key.
 *
 * Documents. A body is JSON, deflated, then encrypted with a fresh 96-bit IV and the document's
 * id as additional data: a ciphertext moved to another id fails to decrypt. Ids are an HMAC of
 * the record's kind and id, so the server cannot tell a drill from a passage, nor link a
 * document to anything the app shows.
 *
 * What the server still sees: how many documents there are, their sizes, and when they change.
 */

export const PBKDF2_ITERATIONS = 600_000;

/** The keyring as stored on the server (and in this device's settings). */
export interface Keyring {
	version: 1;
	/** PBKDF2 salt, base64. */
	salt: string;
	iterations: number;
	/** The master secret under the passphrase key: `iv.ciphertext`, base64. */
	byPassphrase: string;
	/** The master secret under the recovery key. */
	byRecoveryKey: string;
}

/** What unlocking the keyring gives: never stored, never sent. */
export interface Keys {
	data: CryptoKey;
	ids: CryptoKey;
}

/** An encrypted document body: IV and ciphertext, base64. */
export interface Sealed {
	iv: string;
	data: string;
}

export class WrongSecretError extends Error {
	constructor(what: 'passphrase' | 'recovery key') {
		super(
			what === 'passphrase'
				? 'That passphrase does not unlock your synced data. Check it and try again, or use your recovery key.'
				: 'That recovery key does not unlock your synced data. Check each group of letters and try again.'
		);
		this.name = 'WrongSecretError';
	}
}

export class DamagedDocumentError extends Error {
	constructor() {
		super('A synced document could not be decrypted: it was changed or damaged on the way.');
		this.name = 'DamagedDocumentError';
	}
}

const subtle = () => globalThis.crypto.subtle;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function random(bytes: number): Uint8Array<ArrayBuffer> {
	return globalThis.crypto.getRandomValues(new Uint8Array(bytes));
}

export function toBase64(bytes: Uint8Array): string {
	let text = '';
	for (let i = 0; i < bytes.length; i += 0x8000) {
		text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return btoa(text);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
	const raw = atob(text);
	const out = new Uint8Array(raw.length);
	for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
	return out;
}

/** Crockford's base32: no I, L, O or U, so a printed key is read back without confusion. */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A recovery key as a person reads it: 52 characters in groups of four. */
export function formatRecoveryKey(bytes: Uint8Array): string {
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += BASE32[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
	return out.match(/.{1,4}/g)!.join('-');
}

/** The bytes of a typed recovery key (case, spaces, dashes and look-alikes forgiven), or null. */
export function parseRecoveryKey(text: string): Uint8Array<ArrayBuffer> | null {
	const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
	if (clean.length !== 52) return null;
	const out = new Uint8Array(32);
	let bits = 0;
	let value = 0;
	let n = 0;
	for (const ch of clean) {
		const digit = BASE32.indexOf(ch);
		if (digit === -1) return null;
		value = ((value << 5) | digit) & 0xffff;
		bits += 5;
		if (bits >= 8) {
			if (n < 32) out[n++] = (value >>> (bits - 8)) & 0xff;
			bits -= 8;
		}
	}
	return n === 32 ? out : null;
}

async function passphraseKey(
	passphrase: string,
	salt: Uint8Array<ArrayBuffer>,
	iterations: number
) {
	const base = await subtle().importKey(
		'raw',
		encoder.encode(passphrase.normalize('NFC')),
		'PBKDF2',
		false,
		['deriveKey']
	);
	return subtle().deriveKey(
		{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
		base,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}

const rawAesKey = (bytes: Uint8Array<ArrayBuffer>) =>
	subtle().importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']);

/** `secret` encrypted under `key`, as `iv.ciphertext`. */
async function wrap(
	key: CryptoKey,
	secret: Uint8Array<ArrayBuffer>,
	label: string
): Promise<string> {
	const iv = random(12);
	const data = await subtle().encrypt(
		{ name: 'AES-GCM', iv, additionalData: encoder.encode(label) },
		key,
		secret
	);
	return `${toBase64(iv)}.${toBase64(new Uint8Array(data))}`;
}

async function unwrap(
	key: CryptoKey,
	wrapped: string,
	label: string
): Promise<Uint8Array<ArrayBuffer> | null> {
	const [iv, data] = wrapped.split('.');
	try {
		const plain = await subtle().decrypt(
			{ name: 'AES-GCM', iv: fromBase64(iv), additionalData: encoder.encode(label) },
			key,
			fromBase64(data)
		);
		return new Uint8Array(plain);
	} catch {
		return null;
	}
}

async function keysFrom(secret: Uint8Array<ArrayBuffer>): Promise<Keys> {
	const master = await subtle().importKey('raw', secret, 'HKDF', false, ['deriveKey']);
	const info = (label: string) => ({
		name: 'HKDF',
		hash: 'SHA-256',
		salt: new Uint8Array(32),
		info: encoder.encode(label)
	});
	const [data, ids] = await Promise.all([
		subtle().deriveKey(info('whetstone data v1'), master, { name: 'AES-GCM', length: 256 }, false, [
			'encrypt',
			'decrypt'
		]),
		subtle().deriveKey(
			info('whetstone ids v1'),
			master,
			{ name: 'HMAC', hash: 'SHA-256', length: 256 },
			false,
			['sign']
		)
	]);
	return { data, ids };
}

/**
 * A new keyring for `passphrase`, the keys it holds, and the recovery key to show the person
 * once (it is never stored unwrapped anywhere).
 */
export async function createKeyring(
	passphrase: string,
	{ iterations = PBKDF2_ITERATIONS }: { iterations?: number } = {}
): Promise<{ keyring: Keyring; keys: Keys; recoveryKey: string }> {
	const secret = random(32);
	const recovery = random(32);
	const salt = random(16);
	const keyring: Keyring = {
		version: 1,
		salt: toBase64(salt),
		iterations,
		byPassphrase: await wrap(
			await passphraseKey(passphrase, salt, iterations),
			secret,
			'passphrase'
		),
		byRecoveryKey: await wrap(await rawAesKey(recovery), secret, 'recovery')
	};
	const keys = await keysFrom(secret);
	secret.fill(0);
	return { keyring, keys, recoveryKey: formatRecoveryKey(recovery) };
}

/** What unlocks a keyring: the passphrase, or the recovery key. */
export type Secret = { passphrase: string } | { recoveryKey: string };

/** The master secret `secret` unwraps, or `WrongSecretError`. */
async function masterSecret(keyring: Keyring, secret: Secret): Promise<Uint8Array<ArrayBuffer>> {
	if ('passphrase' in secret) {
		const key = await passphraseKey(
			secret.passphrase,
			fromBase64(keyring.salt),
			keyring.iterations
		);
		const bytes = await unwrap(key, keyring.byPassphrase, 'passphrase');
		if (!bytes) throw new WrongSecretError('passphrase');
		return bytes;
	}
	const recovery = parseRecoveryKey(secret.recoveryKey);
	const bytes =
		recovery && (await unwrap(await rawAesKey(recovery), keyring.byRecoveryKey, 'recovery'));
	if (!bytes) throw new WrongSecretError('recovery key');
	return bytes;
}

export async function unlock(keyring: Keyring, secret: Secret): Promise<Keys> {
	const bytes = await masterSecret(keyring, secret);
	const keys = await keysFrom(bytes);
	bytes.fill(0);
	return keys;
}

/**
 * The keyring with a new passphrase (and a new salt), unlocked by the old passphrase or the
 * recovery key: the master secret is re-wrapped, so every document stays as it is.
 */
export async function changePassphrase(
	keyring: Keyring,
	secret: Secret,
	newPassphrase: string,
	{ iterations = PBKDF2_ITERATIONS }: { iterations?: number } = {}
): Promise<Keyring> {
	const bytes = await masterSecret(keyring, secret);
	const salt = random(16);
	const key = await passphraseKey(newPassphrase, salt, iterations);
	const byPassphrase = await wrap(key, bytes, 'passphrase');
	bytes.fill(0);
	return { ...keyring, salt: toBase64(salt), iterations, byPassphrase };
}

async function deflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
	const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function inflate(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
	const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** `body` as JSON, deflated and encrypted, bound to the document id `docId`. */
export async function seal(keys: Keys, docId: string, body: unknown): Promise<Sealed> {
	const iv = random(12);
	const plain = await deflate(encoder.encode(JSON.stringify(body)));
	const data = await subtle().encrypt(
		{ name: 'AES-GCM', iv, additionalData: encoder.encode(docId) },
		keys.data,
		plain
	);
	return { iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
}

/** The body `seal` made for `docId`; throws `DamagedDocumentError` for anything else. */
export async function open(keys: Keys, docId: string, sealed: Sealed): Promise<unknown> {
	let plain: Uint8Array<ArrayBuffer>;
	try {
		plain = new Uint8Array(
			await subtle().decrypt(
				{ name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: encoder.encode(docId) },
				keys.data,
				fromBase64(sealed.data)
			)
		);
	} catch {
		throw new DamagedDocumentError();
	}
	return JSON.parse(decoder.decode(await inflate(plain)));
}

/**
 * `text` deflated and encrypted as one binary object (the IV, then the ciphertext), bound to
 * `name` (a snapshot piece: its document and attachment). Large objects travel as bytes, not
 * base64 inside JSON.
 */
export async function sealBytes(
	keys: Keys,
	name: string,
	text: string
): Promise<Uint8Array<ArrayBuffer>> {
	const iv = random(12);
	const plain = await deflate(encoder.encode(text));
	const data = await subtle().encrypt(
		{ name: 'AES-GCM', iv, additionalData: encoder.encode(name) },
		keys.data,
		plain
	);
	const out = new Uint8Array(12 + data.byteLength);
	out.set(iv);
	out.set(new Uint8Array(data), 12);
	return out;
}

/** The text `sealBytes` sealed under `name`; throws `DamagedDocumentError` for anything else. */
export async function openBytes(keys: Keys, name: string, bytes: Uint8Array): Promise<string> {
	let plain: Uint8Array<ArrayBuffer>;
	try {
		plain = new Uint8Array(
			await subtle().decrypt(
				{ name: 'AES-GCM', iv: bytes.slice(0, 12), additionalData: encoder.encode(name) },
				keys.data,
				bytes.slice(12)
			)
		);
	} catch {
		throw new DamagedDocumentError();
	}
	return decoder.decode(await inflate(plain));
}

/** The server's name for a record: an HMAC of its kind and id (hex), the same on every device. */
export async function documentId(keys: Keys, kind: string, id: string): Promise<string> {
	const mac = await subtle().sign('HMAC', keys.ids, encoder.encode(`${kind}\u0000${id}`));
	return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
