import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { PRACTICE_EVENT_SCHEMA, RECORD_SCHEMAS } from '$lib/db/records';
import { makeBlock, monthOf } from '$lib/db/blocks';
import {
	bookRecord,
	draftRecord,
	drillRecord,
	eventRecord,
	passageRecord,
	skillRecord
} from './records';

describe('test record factories', () => {
	it('make records the app itself would accept from a backup', () => {
		const made = {
			skills: skillRecord('s1', { name: 'Giving  Feedback' }),
			events: makeBlock('s1', monthOf(1000), [eventRecord('s1', 1000)]),
			drills: drillRecord('s1', 1000),
			drafts: draftRecord('x', 1000),
			books: bookRecord('b1', { title: 'Just Listen', author: 'M. Goulston' }),
			passages: passageRecord('p1', 'b1')
		} as const;
		for (const [store, record] of Object.entries(made)) {
			const result = v.safeParse(RECORD_SCHEMAS[store as keyof typeof made], record);
			expect(result.issues?.map((i) => `${store}: ${i.message}`) ?? []).toEqual([]);
		}
		expect(v.safeParse(PRACTICE_EVENT_SCHEMA, eventRecord('s1', 1000)).issues).toBeUndefined();
		expect(made.skills.nameKey).toBe('giving feedback');
	});

	it('give every event and drill its own id', () => {
		expect(eventRecord('s1', 1).id).not.toBe(eventRecord('s1', 1).id);
		expect(drillRecord('s1', 1).id).not.toBe(drillRecord('s1', 1).id);
	});
});
