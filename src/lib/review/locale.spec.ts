import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module (its memory empty) on a device of `language` with `stored`. */
async function onDevice(language: string, stored: Map<string, string>) {
	vi.stubGlobal('navigator', { language });
	vi.stubGlobal('localStorage', {
		getItem: (k: string) => stored.get(k) ?? null,
		setItem: (k: string, v: string) => void stored.set(k, v)
	});
	vi.resetModules();
	return (await import('./locale')).localeWeekStart;
}

afterEach(() => vi.unstubAllGlobals());

describe("the locale's first day of the week", () => {
	it('is asked of Intl once, then read back on later visits', async () => {
		const stored = new Map<string, string>();
		expect((await onDevice('en-US', stored))()).toBe(0);
		expect(JSON.parse(stored.get('whetstone:week-start')!)).toEqual({
			language: 'en-US',
			start: 0
		});
		// A later visit believes what was kept (here made different to tell them apart).
		stored.set('whetstone:week-start', JSON.stringify({ language: 'en-US', start: 3 }));
		expect((await onDevice('en-US', stored))()).toBe(3);
	});

	it('asks again for another language, or when what was kept is damaged', async () => {
		const stored = new Map([
			['whetstone:week-start', JSON.stringify({ language: 'en-US', start: 0 })]
		]);
		expect((await onDevice('en-GB', stored))()).toBe(1);
		stored.set('whetstone:week-start', '{"language":"en-GB","start":9}');
		expect((await onDevice('en-GB', stored))()).toBe(1);
		stored.set('whetstone:week-start', 'not json');
		expect((await onDevice('en-GB', stored))()).toBe(1);
	});
});
