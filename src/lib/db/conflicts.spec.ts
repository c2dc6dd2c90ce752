import { describe, expect, it } from 'vitest';
import { mergeRecord } from '$lib/sync/merge';
import { drillRecord, passageRecord } from '$lib/testing/records';
import { openCopies, resolveCopy } from './conflicts';
import { touched } from './record';

const T = Date.UTC(2026, 10, 2, 9);

/** A drill whose text two devices changed while apart, merged: the phone's words kept aside. */
function clashed() {
	const base = drillRecord('s1', T - 10 * 60_000, { text: 'The first words.' });
	const phone = touched(base, T + 1000, { text: 'Written on the phone.' });
	const laptop = touched(base, T + 2000, { text: 'Written on the laptop.' });
	return { phone, laptop, merged: mergeRecord('drills', phone, laptop) };
}

describe('choosing between kept versions', () => {
	it('uses the kept words: they become the text, the version is closed, and no words go missing', () => {
		const { merged } = clashed();
		const [copy] = openCopies(merged);
		expect(copy.value).toBe('Written on the phone.');
		const chosen = resolveCopy(merged, copy.id, true, T + 9000)!;
		expect(chosen.text).toBe('Written on the phone.');
		expect(openCopies(chosen)).toEqual([]);
		expect(chosen.conflicts?.[0].resolvedAt).toBe(chosen.updatedAt);
		// The words that were shown are not lost either: they were on the record before the
		// choice and the person saw both (a later merge brings nothing back).
		expect(chosen.updatedAt).toBeGreaterThan(merged.updatedAt);
	});

	it('keeps the current words when told to, and closes the version', () => {
		const { merged } = clashed();
		const chosen = resolveCopy(merged, openCopies(merged)[0].id, false, T + 9000)!;
		expect(chosen.text).toBe('Written on the laptop.');
		expect(openCopies(chosen)).toEqual([]);
	});

	it('holds on every device: merged with a device that has not chosen, the choice stands', () => {
		const { phone, laptop, merged } = clashed();
		const chosen = resolveCopy(merged, openCopies(merged)[0].id, true, T + 9000)!;
		for (const other of [phone, laptop, merged]) {
			for (const m of [
				mergeRecord('drills', chosen, other),
				mergeRecord('drills', other, chosen)
			]) {
				expect(m.text).toBe('Written on the phone.');
				expect(openCopies(m)).toEqual([]);
			}
		}
	});

	it('changes nothing for a version already chosen, or one that does not exist', () => {
		const { merged } = clashed();
		const id = openCopies(merged)[0].id;
		const chosen = resolveCopy(merged, id, false, T + 9000)!;
		expect(resolveCopy(chosen, id, true, T + 10_000)).toBeNull();
		expect(resolveCopy(merged, 'text@1', true, T + 10_000)).toBeNull();
	});

	it('puts back a whole list of answers when that version is used', () => {
		const base = passageRecord('p1', 'b1', { text: 'A passage.', createdAt: T, updatedAt: T });
		const answers = (text: string) =>
			base.answers.map((a, i) => (i === 2 ? { status: 'answered' as const, text } : a));
		const phone = touched(base, T + 1000, { answers: answers('On the phone.') });
		const laptop = touched(base, T + 2000, { answers: answers('On the laptop.') });
		const merged = mergeRecord('passages', phone, laptop);
		expect(merged.answers[2].text).toBe('On the laptop.');
		const chosen = resolveCopy(merged, openCopies(merged)[0].id, true, T + 9000)!;
		expect(chosen.answers[2]).toEqual({ status: 'answered', text: 'On the phone.' });
		expect(chosen.answers).toHaveLength(6);
	});
});
