import type { PracticeEvent } from '../src/lib/skills/model';

/** A small, fast, seedable PRNG (mulberry32), so generated data is the same on every run. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const DAY = 86_400_000;
export const TEN_YEARS_FROM = Date.UTC(2016, 0, 4, 7, 0);

/** Ten years of daily practice for `skills` skills: `skills × 3650` events, in random order. */
export function tenYearsOfPractice(skills = 100, seed = 42): PracticeEvent[][] {
	const random = rng(seed);
	return Array.from({ length: skills }, (_, s) => {
		const events: PracticeEvent[] = Array.from({ length: 3650 }, (_, d) => ({
			at: TEN_YEARS_FROM + d * DAY + Math.floor(random() * 12 * 3_600_000),
			minutes: 1 + Math.floor(random() * 20),
			rating: (1 + Math.floor(random() * 4)) as 1 | 2 | 3 | 4,
			promptKey: `skill-${s}-prompt-${Math.floor(random() * 30)}`
		}));
		// Shuffle: replay must not rely on stored order.
		for (let i = events.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[events[i], events[j]] = [events[j], events[i]];
		}
		return events;
	});
}

const DAYMS = 86_400_000;

/**
 * The ten-year heavy user as stored records: 100 skills, ~365,000 practice events, 3,000
 * drills of ~300 words and 20,000 passages, deterministic from the seed.
 */
export function tenYearDataset(seed = 7) {
	const random = rng(seed);
	const practice = tenYearsOfPractice(100, seed);
	const base = (id: string, at: number) => ({ id, createdAt: at, updatedAt: at, deletedAt: null });
	const skills = practice.map((_, s) => ({
		...base(`skill-${s}`, TEN_YEARS_FROM),
		name: `Skill ${s}`,
		nameKey: `skill ${s}`,
		archivedAt: s % 25 === 0 ? TEN_YEARS_FROM + 3000 * DAYMS : null,
		line: null
	}));
	let n = 0;
	const events = practice.flatMap((list, s) =>
		list.map((e) => ({
			...base(`e${n++}`, e.at),
			skillId: `skill-${s}`,
			at: e.at,
			minutes: e.minutes,
			rating: e.rating,
			promptKey: e.promptKey ?? null,
			source: 'manual' as const,
			sourceId: null,
			note: ''
		}))
	);
	const words = [
		'listen',
		'pause',
		'ask',
		'frame',
		'notice',
		'repair',
		'offer',
		'name',
		'wait',
		'summarise'
	];
	const text = (count: number) =>
		Array.from({ length: count }, () => words[Math.floor(random() * words.length)]).join(' ');
	const drills = Array.from({ length: 3000 }, (_, i) => {
		const at = TEN_YEARS_FROM + Math.floor((i / 3000) * 3650 * DAYMS);
		const s = i % 100;
		return {
			...base(`d${i}`, at),
			kind: 'write-x' as const,
			templateId: null,
			skillId: `skill-${s}`,
			skillName: `Skill ${s}`,
			otherSkillName: null,
			subject: null,
			prompt: `Skill ${s}: how do you do it? Explain it to yourself.`,
			promptKey: `write-x|skill ${s}`,
			reflectionQuestions: [],
			text: text(300),
			wordCount: 300,
			startedAt: at,
			finishedAt: at + 300_000,
			durationMs: 300_000,
			activeMs: 300_000,
			overtimeMs: 0,
			endedEarly: false,
			reflections: [],
			rating: 3 as const
		};
	});
	const passages = Array.from({ length: 20_000 }, (_, i) => {
		const at = TEN_YEARS_FROM + Math.floor((i / 20_000) * 3650 * DAYMS);
		return {
			...base(`p${i}`, at),
			bookId: `book-${i % 200}`,
			text: text(40),
			location: `p. ${i % 400}`,
			reaction: 'insight',
			note: text(12),
			skillId: `skill-${i % 100}`,
			answers: Array.from({ length: 6 }, (_, q) =>
				q < 3
					? { status: 'answered' as const, text: text(10) }
					: { status: 'open' as const, text: '' }
			),
			source: 'typed' as const,
			importKey: null
		};
	});
	return {
		skills,
		events,
		drills,
		passages,
		readingSessions: [],
		end: TEN_YEARS_FROM + 3650 * DAYMS
	};
}
