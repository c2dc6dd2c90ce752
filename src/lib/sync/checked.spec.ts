import { describe, expect, it } from 'vitest';
import { monthOf } from '$lib/db/blocks';
import { eventRecord } from '$lib/testing/records';
import { checkedItem } from './engine';

/** What a pulled document may hold as a block of practice. */
describe('a block of practice from the server', () => {
	const jan = eventRecord('s1', Date.UTC(2026, 0, 5), { id: 'jan' });
	const feb = eventRecord('s1', Date.UTC(2026, 1, 5), { id: 'feb' });
	const JAN = monthOf(jan.at);
	const body = (record: object) => ({ kind: 'events', record });

	it('is taken when it holds its own skill’s practice of its own month', () => {
		expect(checkedItem(body({ skillId: 's1', month: JAN, events: [jan] }))).toEqual({
			kind: 'events',
			key: `s1\u0000${JAN}`,
			record: { skillId: 's1', month: JAN, events: [jan] }
		});
	});

	it.each([
		['another month’s practice', { skillId: 's1', month: JAN, events: [jan, feb] }],
		['another skill’s practice', { skillId: 's2', month: JAN, events: [jan] }],
		['one entry twice', { skillId: 's1', month: JAN, events: [jan, jan] }]
	])('is refused when it holds %s', (_, record) => {
		expect(checkedItem(body(record))).toBeNull();
	});
});
