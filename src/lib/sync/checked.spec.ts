import { describe, expect, it } from 'vitest';
import { monthOf } from '$lib/db/blocks';
import { eventRecord } from '$lib/testing/records';
import { checkedItem } from './engine';

/** What a pulled document may hold as a block of practice, in either version's form. */
describe('a block of practice from the server', () => {
	const jan = eventRecord('s1', Date.UTC(2026, 0, 5), { id: 'jan' });
	const mar = eventRecord('s1', Date.UTC(2026, 2, 5), { id: 'mar' });
	const apr = eventRecord('s1', Date.UTC(2026, 3, 5), { id: 'apr' });
	const Q1 = monthOf(jan.at);
	const body = (record: object) => ({ kind: 'events', record });

	it('is taken as a quarter (`from`), named and stored by its first month', () => {
		const item = checkedItem(body({ skillId: 's1', from: Q1, events: [jan, mar] }));
		expect(item).toEqual({
			kind: 'events',
			key: `s1\u0000${Q1}`,
			record: { skillId: 's1', month: Q1, events: [jan, mar] }
		});
	});

	it('is taken as an earlier version’s month, named by it, stored in its quarter', () => {
		const item = checkedItem(body({ skillId: 's1', month: Q1 + 2, events: [mar] }));
		expect(item?.key).toBe(`s1\u0000${Q1 + 2}`);
		expect(item?.record).toEqual({ skillId: 's1', month: Q1, events: [mar] });
	});

	it.each([
		['a quarter that does not start a quarter', { skillId: 's1', from: Q1 + 1, events: [mar] }],
		['a quarter holding another quarter’s practice', { skillId: 's1', from: Q1, events: [apr] }],
		['a month holding another month’s practice', { skillId: 's1', month: Q1, events: [mar] }],
		['practice of another skill', { skillId: 's2', from: Q1, events: [jan] }],
		['one entry twice', { skillId: 's1', from: Q1, events: [jan, jan] }]
	])('is refused when it is %s', (_, record) => {
		expect(checkedItem(body(record))).toBeNull();
	});
});
