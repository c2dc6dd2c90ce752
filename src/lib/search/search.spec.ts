import { describe, expect, it } from 'vitest';
import type { DrillRecord, PassageRecord } from '$lib/db/schema';
import { bookRecord, drillRecord, passageRecord, skillRecord } from '$lib/testing/records';
import {
	createIndex,
	documentsFor,
	drillDoc,
	highlight,
	search,
	snippet,
	updateIndex
} from './index';

const drill = (id: string, prompt: string, text: string, extra: Partial<DrillRecord> = {}) =>
	drillRecord('s1', 1000, { id, prompt, text, ...extra });
const passage = (id: string, text: string, extra: Partial<PassageRecord> = {}) =>
	passageRecord(id, 'b1', {
		text,
		answers: [{ status: 'answered', text: 'tried it at standup' }],
		createdAt: 2000,
		...extra
	});
const skill = (id: string, name: string) => skillRecord(id, { name });

const data = {
	drills: [
		drill('d1', 'Giving feedback: how do you do it?', 'Name the behaviour, then its effect.'),
		drill('d2', 'Listening', 'Summarise before answering.', { skillId: 's2', startedAt: 5000 }),
		drill('gone', 'Deleted', 'behaviour', { deletedAt: 1 })
	],
	passages: [
		passage('p1', 'Be more interested than interesting.'),
		passage('p2', 'Curiosity beats charm.', { bookId: 'b2' })
	],
	skills: [skill('s1', 'Giving feedback'), skill('s2', 'Listening')],
	books: [bookRecord('b1', { title: 'Just Listen' }), bookRecord('b2', { title: 'Charm' })]
};

describe('search', () => {
	const index = createIndex(documentsFor(data));

	it('matches words across drills, passages (with answers) and skills', () => {
		expect(search(index, 'behaviour').map((h) => h.recordId)).toEqual(['d1']);
		expect(
			search(index, 'standup')
				.map((h) => h.kind)
				.sort()
		).toEqual(['passage', 'passage']);
		expect(
			search(index, 'listening')
				.map((h) => h.id)
				.sort()
		).toEqual(['drill:d2', 'skill:s2']);
	});

	it('matches partial words as you type, and small typos', () => {
		expect(search(index, 'behav').map((h) => h.recordId)).toEqual(['d1']);
		expect(search(index, 'behavour').map((h) => h.recordId)).toEqual(['d1']);
		expect(search(index, 'intrested').map((h) => h.recordId)).toEqual(['p1']);
		expect(search(index, '   ')).toEqual([]);
	});

	it('filters by kind, skill, book and date', () => {
		expect(search(index, 'listening', { kind: 'skill' }).map((h) => h.id)).toEqual(['skill:s2']);
		expect(search(index, 'standup', { bookId: 'b2' }).map((h) => h.recordId)).toEqual(['p2']);
		expect(search(index, 'summarise', { skillId: 's1' })).toEqual([]);
		expect(search(index, 'summarise', { from: 4000, to: 6000 }).map((h) => h.recordId)).toEqual([
			'd2'
		]);
		expect(search(index, 'summarise', { to: 4000 })).toEqual([]);
	});

	it('updates incrementally: changed records are found by their new words, removed ones vanish', () => {
		const live = createIndex(documentsFor(data));
		updateIndex(
			live,
			[drillDoc(drill('d1', 'Giving feedback', 'Ask a question first.'))],
			['skill:s2']
		);
		expect(search(live, 'behaviour')).toEqual([]);
		expect(search(live, 'question').map((h) => h.recordId)).toEqual(['d1']);
		expect(search(live, 'listening').map((h) => h.id)).toEqual(['drill:d2']);
		updateIndex(live, [drillDoc(drill('d9', 'New', 'A fresh question.'))], []);
		expect(
			search(live, 'question')
				.map((h) => h.recordId)
				.sort()
		).toEqual(['d1', 'd9']);
	});
});

describe('highlighting', () => {
	it('splits text into plain and matched segments, keeping HTML as plain text', () => {
		expect(highlight('<b>Name</b> the behaviour', ['behaviour', 'name'])).toEqual([
			{ text: '<b>', hit: false },
			{ text: 'Name', hit: true },
			{ text: '</b> the ', hit: false },
			{ text: 'behaviour', hit: true }
		]);
		expect(highlight('a (b) c', ['(b'])).toEqual([
			{ text: 'a ', hit: false },
			{ text: '(b', hit: true },
			{ text: ') c', hit: false }
		]);
	});

	it('snippets long text around the first match', () => {
		const long = 'x '.repeat(200) + 'needle' + ' y'.repeat(200);
		const s = snippet(long, ['needle'], 20);
		expect(s).toMatch(/^….*needle.*…$/);
		expect(s.length).toBeLessThan(50);
	});
});
