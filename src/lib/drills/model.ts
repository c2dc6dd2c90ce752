import { tooLong } from '$lib/db/limits';
import type { DrillKind, DrillRecord, DrillSetup, Rating } from '$lib/db/schema';
import { nameKey } from '$lib/skills/names';
import { count } from '$lib/text/count';

// Re-exported: they live apart so the home screen can count words without the drill texts.
export { practiceMinutes, wordCount } from './text';

/** Drills start at 5 minutes unless the user picks otherwise. */
export const DEFAULT_DURATION_MS = 5 * 60_000;
export const MAX_DURATION_MS = 3 * 60 * 60_000;

export const DURATION_PRESETS: readonly { ms: number; label: string }[] = [
	{ ms: 10_000, label: '10 s' },
	{ ms: 60_000, label: '1 min' },
	{ ms: 120_000, label: '2 min' },
	{ ms: 300_000, label: '5 min' },
	{ ms: 600_000, label: '10 min' }
];

export const SPRINT_LENGTHS = [
	{ size: 'short', ms: 10_000, label: 'Short · 10 s', hint: 'an effect, an introduction' },
	{ size: 'medium', ms: 60_000, label: 'Medium · 1 min', hint: 'a room, a group' },
	{ size: 'long', ms: 120_000, label: 'Long · 2 min', hint: 'a set piece' }
] as const;
export type SprintSize = (typeof SPRINT_LENGTHS)[number]['size'];

export interface KindInfo {
	kind: DrillKind;
	title: string;
	summary: string;
	/** Shown above the writing space during the drill. */
	instructions: string;
}

export const KINDS: Record<DrillKind, KindInfo> = {
	'write-x': {
		kind: 'write-x',
		title: 'Write-X',
		summary: 'Explain to yourself how to do a skill.',
		instructions:
			'Write a guide for yourself: the hard parts, the moves that work, phrases you could use, and what you will try next. Keep writing until the time is up.'
	},
	'x-is-y': {
		kind: 'x-is-y',
		title: 'X is really Y',
		summary: 'Argue that a weak skill is secretly one you are good at.',
		instructions:
			'Argue that the first skill is really the second in disguise. Write the guide someone fluent in the second would need to start doing the first well. Stretch the analogy; be bold.'
	},
	sprint: {
		kind: 'sprint',
		title: 'Description sprint',
		summary: 'Describe a scene against a short clock.',
		instructions:
			'Describe it aloud or in writing, as if to a table of players. Pick what matters, keep it focused, and finish by handing the moment back to them.'
	},
	custom: {
		kind: 'custom',
		title: 'Custom drill',
		summary: 'Your own prompt, length and questions.',
		instructions: 'Follow your prompt until the time is up.'
	}
};

/** Shown after an X-is-really-Y drill: the text is a beginner's brainstorm, not truth. */
export const X_IS_Y_CAVEAT =
	'You wrote this as a beginner in this skill. Treat it as ideas to try out, not as advice to trust: keep what works when you test it.';

/** The write-X question whose answer a re-drill shows before it starts. */
export const NEXT_TIME_QUESTION = 'What is one thing you will try next time?';

export const REFLECTIONS: Record<Exclude<DrillKind, 'custom'>, readonly string[]> = {
	'write-x': ['Which part was hardest to put into words?', NEXT_TIME_QUESTION],
	'x-is-y': [
		'Which idea from the strong skill seems most worth trying?',
		'Where does the comparison break down?'
	],
	sprint: [
		'What was I actually saying?',
		'Why was I saying it?',
		'Did it stay focused?',
		'Did it end with a clear hand-back?'
	]
};

/** After a sprint this short, two quick self-checks instead of four. */
export const SHORT_SPRINT_MS = 10_000;
export const SHORT_SPRINT_CHECKS: readonly string[] = [
	'What was I saying, and why?',
	'Did it end with a clear hand-back?'
];

export const RATINGS: readonly { value: Rating; label: string }[] = [
	{ value: 1, label: 'Struggled' },
	{ value: 2, label: 'Hard going' },
	{ value: 3, label: 'Good' },
	{ value: 4, label: 'Easy' }
];

/**
 * Parse a custom length typed by a person: "5" (minutes), "2.5", "1:30", "90s", "2 min",
 * "1h". Returns ms or a message saying what is wrong.
 */
export function parseDuration(input: string): { ms: number } | { error: string } {
	const s = input.trim().toLowerCase();
	if (!s) return { error: 'Type a length, such as 5 (minutes), 2:30 or 90s.' };
	if (s.startsWith('-')) return { error: 'A length cannot be negative.' };
	let ms: number | null = null;
	let m: RegExpMatchArray | null;
	if ((m = s.match(/^(\d+):(\d{1,2})$/))) {
		const secs = Number(m[2]);
		if (secs >= 60) return { error: 'Seconds after the colon go up to 59, as in 2:30.' };
		ms = (Number(m[1]) * 60 + secs) * 1000;
	} else if (
		(m = s.match(
			/^(\d+(?:[.,]\d+)?)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?)?$/
		))
	) {
		const value = Number(m[1].replace(',', '.'));
		const unit = m[2]?.[0] ?? 'm';
		ms = value * (unit === 's' ? 1000 : unit === 'h' ? 3_600_000 : 60_000);
	}
	if (ms === null || !Number.isFinite(ms)) {
		return { error: 'That is not a length. Try 5 (minutes), 2:30 or 90s.' };
	}
	ms = Math.round(ms);
	if (ms < 1000) return { error: 'A drill needs at least one second.' };
	if (ms > MAX_DURATION_MS) return { error: 'Keep a drill to 3 hours or less.' };
	return { ms };
}

/** "5 min", "1 min 30 s", "10 s". */
export function formatDuration(ms: number): string {
	const total = Math.round(ms / 1000);
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const parts = [];
	if (h) parts.push(`${h} h`);
	if (m) parts.push(`${m} min`);
	if (s || parts.length === 0) parts.push(`${s} s`);
	return parts.join(' ');
}

/**
 * How much a drill holds, as lists show it: its words, or — spoken — how long it was spoken
 * ("spoken, 1 min 5 s"; the recording itself stays on the device that made it).
 */
export function drillAmount(
	d: Pick<DrillRecord, 'wordCount' | 'activeMs' | 'overtimeMs'> & { spoken?: boolean }
): string {
	if (d.spoken) return `spoken, ${formatDuration(d.activeMs + d.overtimeMs)}`;
	return count(d.wordCount, 'word');
}

export interface SetupInput {
	kind: DrillKind;
	skillId: string | null;
	skillName: string;
	otherSkillName?: string | null;
	subject?: string | null;
	template?: { id: string; name: string; prompt: string; questions: readonly string[] } | null;
	/** A prompt seeded from elsewhere (a reading passage), with its own repeat key. */
	seed?: { key: string; prompt: string } | null;
	/** How long the drill will run (a very short sprint gets fewer questions afterwards). */
	durationMs?: number;
}

/** The prompt, its repeat key and its reflection questions for a drill about to start. */
export function buildSetup(input: SetupInput): DrillSetup {
	const x = input.skillName.trim();
	const y = input.otherSkillName?.trim() || null;
	const subject = input.subject?.trim() || null;
	const base = {
		kind: input.kind,
		templateId: null,
		skillId: input.skillId,
		skillName: x,
		otherSkillName: null,
		subject: null
	};
	switch (input.kind) {
		case 'write-x':
			return {
				...base,
				prompt: input.seed?.prompt ?? `${x}: how do you do it? Explain it to yourself.`,
				promptKey: input.seed?.key ?? `write-x|${nameKey(x)}`,
				reflectionQuestions: [...REFLECTIONS['write-x']]
			};
		case 'x-is-y':
			return {
				...base,
				otherSkillName: y,
				prompt: `${x} is really ${y ?? '…'}. Show how.`,
				promptKey: `x-is-y|${nameKey(x)}|${nameKey(y ?? '')}`,
				reflectionQuestions: [...REFLECTIONS['x-is-y']]
			};
		case 'sprint':
			return {
				...base,
				subject,
				prompt: `Describe ${subject ?? 'the scene'}.`,
				promptKey: `sprint|${nameKey(subject ?? '')}`,
				reflectionQuestions: [
					...(input.durationMs !== undefined && input.durationMs <= SHORT_SPRINT_MS
						? SHORT_SPRINT_CHECKS
						: REFLECTIONS.sprint)
				]
			};
		case 'custom': {
			const t = input.template;
			return {
				...base,
				templateId: t?.id ?? null,
				subject: t?.name ?? null,
				prompt: t?.prompt ?? '',
				promptKey: `custom|${t?.id ?? ''}`,
				reflectionQuestions: [...(t?.questions ?? [])]
			};
		}
	}
}

/** The setup fields a problem can point at (the form focuses and marks that one). */
export type SetupField = 'skill' | 'other' | 'subject' | 'template';

/** Null when the setup can start, else what the user still has to fill in, and where. */
export function setupIssue(input: SetupInput): { field: SetupField; message: string } | null {
	const at = (field: SetupField, message: string | null) => (message ? { field, message } : null);
	switch (input.kind) {
		case 'write-x':
			return at(
				'skill',
				input.skillName.trim() ? null : 'Choose the skill you want to write about.'
			);
		case 'x-is-y':
			if (!input.skillName.trim()) return at('skill', 'Choose the skill you want to improve (X).');
			if (!input.otherSkillName?.trim())
				return at('other', 'Choose a skill you are already good at (Y).');
			if (nameKey(input.skillName) === nameKey(input.otherSkillName))
				return at(
					'other',
					'Pick two different skills: X is really Y only works with a Y that is not X.'
				);
			return null;
		case 'sprint':
			if (!input.subject?.trim())
				return at('subject', 'Say what you will describe, or shuffle for one.');
			return at('subject', tooLong('subject', input.subject, 'What you will describe'));
		case 'custom':
			return at(
				'template',
				input.template ? null : 'Choose one of your custom drills, or create one.'
			);
	}
}

/**
 * Pick a random item, avoiding `avoid` (the current choice) when there is anything else.
 * `random` is a number in [0, 1), passed in so tests are deterministic.
 */
export function pick<T>(items: readonly T[], random: number, avoid?: T): T | undefined {
	const pool = items.length > 1 ? items.filter((i) => i !== avoid) : items;
	if (pool.length === 0) return undefined;
	return pool[Math.min(pool.length - 1, Math.floor(random * pool.length))];
}

/**
 * Candidates for the shuffle: the user's own skills first, then the built-in ones that are
 * not already theirs (by name key).
 */
export function shufflePool(own: readonly string[], builtIn: readonly string[]): string[] {
	const seen = new Set(own.map(nameKey));
	return [...own, ...builtIn.filter((s) => !seen.has(nameKey(s)))];
}

export const MAX_QUESTIONS = 10;

/** Null when a custom-drill template can be saved, else what to fix. */
export function templateProblem(input: {
	name: string;
	prompt: string;
	duration: string;
	questions: string;
}): string | null {
	if (!input.name.trim()) return 'Give the drill a name.';
	if (input.name.trim().length > 80) return 'Keep the name under 80 characters.';
	if (!input.prompt.trim()) return 'Write the prompt you want to answer.';
	const long = tooLong('prompt', input.prompt, 'The prompt');
	if (long) return long;
	for (const q of splitQuestions(input.questions)) {
		const problem = tooLong('question', q, 'A reflection question');
		if (problem) return problem;
	}
	const d = parseDuration(input.duration);
	if ('error' in d) return d.error;
	if (splitQuestions(input.questions).length > MAX_QUESTIONS)
		return `Up to ${MAX_QUESTIONS} reflection questions.`;
	return null;
}

/** One question per non-empty line. */
export function splitQuestions(text: string): string[] {
	return text
		.split(/\r?\n/)
		.map((q) => q.trim())
		.filter(Boolean);
}
