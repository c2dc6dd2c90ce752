/**
 * Tests only: whole, valid records to build test data from. Each takes what a test cares
 * about and fills the rest with plain defaults, so a spec never builds half a record and
 * casts it. `records.spec.ts` checks every default against the records' own schemas, so a
 * change to a record's shape fails here first, not in twenty specs.
 */
import type {
	BookRecord,
	DraftRecord,
	DrillRecord,
	PassageAnswer,
	PassageRecord,
	PracticeEventRecord,
	SkillRecord,
	TimerState
} from '$lib/db/schema';
import { nameKey } from '$lib/skills/names';
import { titleKey } from '$lib/reading/model';

let next = 0;
/** A fresh id, unique within a test run: `e1`, `d2`… */
export const freshId = (prefix: string) => `${prefix}${++next}`;

const base = (id: string, at: number) => ({ id, createdAt: at, updatedAt: at, deletedAt: null });

export function skillRecord(id: string, over: Partial<SkillRecord> = {}): SkillRecord {
	const name = over.name ?? `Skill ${id}`;
	return {
		...base(id, 0),
		name,
		nameKey: nameKey(name),
		archivedAt: null,
		line: null,
		...over
	};
}

export function eventRecord(
	skillId: string,
	at: number,
	over: Partial<PracticeEventRecord> = {}
): PracticeEventRecord {
	return {
		...base(freshId('e'), at),
		skillId,
		at,
		minutes: 10,
		rating: 3,
		promptKey: null,
		source: 'manual',
		sourceId: null,
		note: '',
		...over
	};
}

const setup = (skillId: string | null) => ({
	kind: 'write-x' as const,
	templateId: null,
	skillId,
	skillName: skillId ? `Skill ${skillId}` : '',
	otherSkillName: null,
	subject: null,
	prompt: 'How do you do it?',
	promptKey: `write-x:${skillId ?? ''}`,
	reflectionQuestions: []
});

export function drillRecord(
	skillId: string | null,
	startedAt: number,
	over: Partial<DrillRecord> = {}
): DrillRecord {
	return {
		...base(freshId('d'), startedAt + 5 * 60_000),
		...setup(skillId),
		text: 'Some words.',
		wordCount: 2,
		startedAt,
		finishedAt: startedAt + 5 * 60_000,
		durationMs: 5 * 60_000,
		activeMs: 5 * 60_000,
		overtimeMs: 0,
		endedEarly: false,
		reflections: [],
		rating: null,
		...over
	};
}

export function timerState(over: Partial<TimerState> = {}): TimerState {
	return {
		durationMs: 5 * 60_000,
		status: 'running',
		bankedMs: 0,
		segmentStartedAt: 0,
		lastSeenAt: 0,
		endedAtElapsedMs: null,
		endedEarly: false,
		overtimeUntil: null,
		...over
	};
}

export function draftRecord(
	id: string,
	updatedAt: number,
	over: Partial<DraftRecord> = {}
): DraftRecord {
	return {
		...base(id, updatedAt),
		...setup(null),
		text: '',
		startedAt: updatedAt,
		timer: timerState({ segmentStartedAt: updatedAt, lastSeenAt: updatedAt }),
		phase: 'writing',
		reflections: [],
		rating: null,
		...over
	};
}

export function bookRecord(id: string, over: Partial<BookRecord> = {}): BookRecord {
	const title = over.title ?? `Book ${id}`;
	const author = over.author ?? '';
	return {
		...base(id, 0),
		title,
		titleKey: titleKey(title, author),
		author,
		color: null,
		status: 'reading',
		skillIds: [],
		...over
	};
}

const OPEN: PassageAnswer = { status: 'open', text: '' };

export function passageRecord(
	id: string,
	bookId: string,
	over: Partial<PassageRecord> = {}
): PassageRecord {
	return {
		...base(id, 0),
		bookId,
		text: 'A passage.',
		location: '',
		reaction: null,
		note: '',
		skillId: null,
		answers: Array.from({ length: 6 }, () => ({ ...OPEN })),
		source: 'typed',
		importKey: null,
		sourceUrl: null,
		...over
	};
}
