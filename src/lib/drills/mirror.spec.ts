import { describe, expect, it } from 'vitest';
import { draftRecord } from '$lib/testing/records';
import { reconcileDraft } from './mirror';

const draft = (id: string, updatedAt: number, text: string) => draftRecord(id, updatedAt, { text });

describe('reconcileDraft', () => {
	it('prefers the newer copy of the same drill', () => {
		const stored = draft('a', 10, 'old');
		const mirror = draft('a', 20, 'newer words');
		expect(reconcileDraft(stored, mirror, false)).toEqual({ draft: mirror, rewrite: true });
		expect(reconcileDraft(mirror, stored, false)).toEqual({ draft: mirror, rewrite: false });
	});

	it('brings back a draft whose last write never reached IndexedDB', () => {
		const mirror = draft('a', 20, 'words');
		expect(reconcileDraft(null, mirror, false)).toEqual({ draft: mirror, rewrite: true });
	});

	it('drops the mirror of a drill that was already finished or replaced', () => {
		const mirror = draft('a', 20, 'words');
		expect(reconcileDraft(null, mirror, true)).toEqual({ draft: null, rewrite: false });
		const other = draft('b', 5, 'another drill');
		expect(reconcileDraft(other, mirror, false)).toEqual({ draft: other, rewrite: false });
	});
});
