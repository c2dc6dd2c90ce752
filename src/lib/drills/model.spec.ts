import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	MAX_DURATION_MS,
	buildSetup,
	drillAmount,
	formatDuration,
	parseDuration,
	pick,
	practiceMinutes,
	setupIssue,
	SHORT_SPRINT_CHECKS,
	REFLECTIONS,
	shufflePool,
	wordCount
} from './model';

describe('parseDuration', () => {
	it.each([
		['5', 300_000],
		['2.5', 150_000],
		['2,5', 150_000],
		['1:30', 90_000],
		['0:10', 10_000],
		['90s', 90_000],
		['90 sec', 90_000],
		['2 min', 120_000],
		['10m', 600_000],
		['1h', 3_600_000],
		['3 hours', 3 * 3_600_000],
		['  7  ', 420_000]
	])('%s → %d ms', (input, ms) => {
		expect(parseDuration(input)).toEqual({ ms });
	});

	it.each([
		['', /Type a length/],
		['   ', /Type a length/],
		['0', /at least one second/],
		['0:00', /at least one second/],
		['-5', /negative/],
		['-1:30', /negative/],
		['five', /not a length/],
		['5 apples', /not a length/],
		['1:75', /up to 59/],
		['181', /3 hours or less/],
		['4h', /3 hours or less/],
		['1e9', /not a length/],
		['NaN', /not a length/],
		['Infinity', /not a length/]
	])('rejects %j with a clear message', (input, message) => {
		const r = parseDuration(input);
		expect('error' in r && r.error).toMatch(message);
	});

	it('never returns a length outside 1 s .. 3 h', () => {
		fc.assert(
			fc.property(fc.string(), (input) => {
				const r = parseDuration(input);
				if ('ms' in r) {
					expect(r.ms).toBeGreaterThanOrEqual(1000);
					expect(r.ms).toBeLessThanOrEqual(MAX_DURATION_MS);
				} else {
					expect(r.error.length).toBeGreaterThan(0);
				}
			})
		);
	});
});

describe('formatDuration', () => {
	it.each([
		[10_000, '10 s'],
		[60_000, '1 min'],
		[90_000, '1 min 30 s'],
		[3_600_000, '1 h'],
		[0, '0 s']
	])('%d → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('wordCount', () => {
	it.each([
		['', 0],
		['   \n\t ', 0],
		['one', 1],
		['one two  three\nfour', 4],
		["don't stop — ever", 4],
		['Ça va, élève ?', 4]
	])('%j has %d words', (text, n) => expect(wordCount(text)).toBe(n));
});

describe('buildSetup', () => {
	it('keys repeats of the same exercise together, whatever the spelling', () => {
		const a = buildSetup({ kind: 'write-x', skillId: 's', skillName: 'Giving feedback' });
		const b = buildSetup({ kind: 'write-x', skillId: 's', skillName: ' giving  Feedback ' });
		expect(a.promptKey).toBe(b.promptKey);
		expect(a.prompt).toMatch(/Giving feedback/);
		expect(a.reflectionQuestions.length).toBeGreaterThan(0);
	});

	it('a seeded Write-X drill uses the seed prompt and key', () => {
		const s = buildSetup({
			kind: 'write-x',
			skillId: 's',
			skillName: 'Listening',
			seed: { key: 'passage|p1', prompt: 'Try this.' }
		});
		expect(s).toMatchObject({ prompt: 'Try this.', promptKey: 'passage|p1' });
	});

	it('X-is-really-Y names both skills and keys on the pair', () => {
		const s = buildSetup({
			kind: 'x-is-y',
			skillId: 's',
			skillName: 'Networking',
			otherSkillName: 'Cooking'
		});
		expect(s.prompt).toBe('Networking is really Cooking. Show how.');
		expect(s.otherSkillName).toBe('Cooking');
		const t = buildSetup({
			kind: 'x-is-y',
			skillId: 's',
			skillName: 'Networking',
			otherSkillName: 'Chess'
		});
		expect(s.promptKey).not.toBe(t.promptKey);
	});

	it('sprints ask the four self-check questions', () => {
		const s = buildSetup({
			kind: 'sprint',
			skillId: null,
			skillName: 'Describing a scene',
			subject: 'a tavern'
		});
		expect(s.prompt).toBe('Describe a tavern.');
		expect(s.reflectionQuestions).toHaveLength(4);
		expect(s.reflectionQuestions.join(' ')).toMatch(/hand-back/);
	});

	it('custom drills take prompt and questions from the template', () => {
		const s = buildSetup({
			kind: 'custom',
			skillId: null,
			skillName: '',
			template: { id: 't1', name: 'Morning pages', prompt: 'Write anything.', questions: ['Q?'] }
		});
		expect(s).toMatchObject({
			templateId: 't1',
			prompt: 'Write anything.',
			reflectionQuestions: ['Q?'],
			promptKey: 'custom|t1'
		});
	});
});

const setupMessage = (input: Parameters<typeof setupIssue>[0]) =>
	setupIssue(input)?.message ?? null;

describe('setupIssue', () => {
	it('asks for what is missing', () => {
		expect(setupMessage({ kind: 'write-x', skillId: null, skillName: ' ' })).toMatch(/skill/);
		expect(
			setupMessage({ kind: 'x-is-y', skillId: null, skillName: 'A', otherSkillName: '' })
		).toMatch(/already good at/);
		expect(
			setupMessage({ kind: 'x-is-y', skillId: null, skillName: 'A', otherSkillName: ' a ' })
		).toMatch(/two different/);
		expect(setupMessage({ kind: 'sprint', skillId: null, skillName: '', subject: '' })).toMatch(
			/describe/
		);
		expect(setupMessage({ kind: 'custom', skillId: null, skillName: '' })).toMatch(/custom/);
		expect(setupMessage({ kind: 'write-x', skillId: null, skillName: 'Listening' })).toBeNull();
	});

	it('says which field the problem is in', () => {
		expect(setupIssue({ kind: 'write-x', skillId: null, skillName: '' })?.field).toBe('skill');
		expect(
			setupIssue({ kind: 'x-is-y', skillId: null, skillName: 'A', otherSkillName: 'a' })?.field
		).toBe('other');
		expect(setupIssue({ kind: 'sprint', skillId: null, skillName: '', subject: ' ' })?.field).toBe(
			'subject'
		);
		expect(setupIssue({ kind: 'custom', skillId: null, skillName: '' })?.field).toBe('template');
		expect(setupIssue({ kind: 'sprint', skillId: null, skillName: '', subject: 'a tavern' })).toBe(
			null
		);
	});
});

describe('questions after a sprint', () => {
	const sprint = (durationMs: number) =>
		buildSetup({ kind: 'sprint', skillId: null, skillName: '', subject: 'a tavern', durationMs });
	it('are two quick self-checks after ten seconds, the full four after longer', () => {
		expect(sprint(10_000).reflectionQuestions).toEqual([...SHORT_SPRINT_CHECKS]);
		expect(sprint(60_000).reflectionQuestions).toEqual([...REFLECTIONS.sprint]);
	});
});

describe('shuffle', () => {
	it('puts the user’s own skills first and drops built-in duplicates', () => {
		expect(shufflePool(['Cooking', 'Listening'], ['listening', 'Chess'])).toEqual([
			'Cooking',
			'Listening',
			'Chess'
		]);
	});

	it('avoids proposing the current choice again', () => {
		fc.assert(
			fc.property(fc.double({ min: 0, max: 0.9999999, noNaN: true }), (r) => {
				expect(pick(['a', 'b', 'c'], r, 'b')).not.toBe('b');
			})
		);
		expect(pick(['only'], 0.5, 'only')).toBe('only');
		expect(pick([], 0.5)).toBeUndefined();
	});
});

describe('practiceMinutes', () => {
	it('counts active time and overtime', () => {
		expect(practiceMinutes(300_000, 30_000)).toBe(5.5);
		expect(practiceMinutes(10_000, 0)).toBe(0.17);
	});
});

describe('drillAmount', () => {
	it('says how much a drill holds: its words, or how long it was spoken', () => {
		const d = { wordCount: 1, activeMs: 10_000, overtimeMs: 5_000 };
		expect(drillAmount(d)).toBe('1 word');
		expect(drillAmount({ ...d, wordCount: 12, spoken: false })).toBe('12 words');
		// Notes typed beside a spoken drill are not what it holds: the speaking is.
		expect(drillAmount({ ...d, wordCount: 12, spoken: true })).toBe('spoken, 15 s');
	});
});
