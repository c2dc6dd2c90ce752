import { DAY } from '$lib/time/units';
import type {
	BookRecord,
	DrillRecord,
	PassageRecord,
	PracticeEventRecord,
	ReadingSessionRecord,
	SkillRecord,
	TemplateRecord
} from '$lib/db/schema';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup } from '$lib/backup/format';
import { intoMonths } from '$lib/db/block-merge';

/**
 * Synthetic data for benchmarks and tests: a heavy user's years of Whetstone, as a backup
 * file the app's own import validates and writes (`npm run seed:large`, the browser
 * benchmark, `seed/large.spec.ts`). Deterministic: the same options give the same bytes.
 * Never imported by the app itself.
 *
 * The defaults are the ten-year heavy user of the performance issue: 100 skills practised
 * daily (~365,000 events), 3,000 drills of ~300 words, 200 books with 20,000 passages.
 */
export interface SeedOptions {
	seed?: number;
	/** The last day of data ends before this moment (epoch ms). */
	end?: number;
	days?: number;
	skills?: number;
	drills?: number;
	books?: number;
	passages?: number;
	wordsPerDrill?: number;
}

export const TEN_YEARS: Required<Omit<SeedOptions, 'seed' | 'end'>> = {
	days: 3650,
	skills: 100,
	drills: 3000,
	books: 200,
	passages: 20_000,
	wordsPerDrill: 300
};

/** Where the default dataset ends: a fixed moment, so output does not depend on today. */
export const DEFAULT_END = Date.UTC(2026, 0, 1);

const HOUR = 3_600_000;

/** A small, fast, seedable PRNG (mulberry32). */
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

const COMMON = `the a to and of I it that you in is was for on with my they we this but
be not have what when so at he she as them about how if do said felt asked listen listened
pause wait question answer name notice noticed meeting friend team talk conversation story
point feeling feedback ask really because then again next time try tried instead first
better worse quiet voice face hands room moment silence interrupt agree disagree explain
summarise repair offer frame curious tension calm open honest kind clear short long`.split(/\s+/);
const SYLLABLES = `ka lo mi ne ru sa ti ve do pa re lu mo ni se ta ko ri na be fa go hi ju
ze wo yu qui dra ste pro mar len tor vis cal`.split(/\s+/);

/**
 * A vocabulary with a long tail: common words first, then made-up words, drawn with a
 * Zipf-like skew so search sees frequent and rare terms as in real writing.
 */
function vocabulary(random: () => number, size = 3000): string[] {
	const words = [...COMMON];
	const seen = new Set(words);
	while (words.length < size) {
		const n = 2 + Math.floor(random() * 3);
		let w = '';
		for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
		if (!seen.has(w)) {
			seen.add(w);
			words.push(w);
		}
	}
	return words;
}

const SKILL_NAMES = `Listening|Giving feedback|Asking questions|Small talk|Saying no|Negotiating
|Explaining|Storytelling|Apologising|Chairing a meeting|Disagreeing well|Noticing feelings
|Taking criticism|Public speaking|Delegating|Coaching|Writing clearly|Persuading|Patience
|Summarising`
	.replace(/\n/g, '')
	.split('|');

const REACTIONS = [null, 'confusion', 'curiosity', 'insight'] as const;
const COLORS = ['#7a4f9e', '#2f6f8f', '#a0522d', '#3c7a3c', '#8f2f4f'];

export interface SeedData {
	skills: SkillRecord[];
	events: PracticeEventRecord[];
	drills: DrillRecord[];
	templates: TemplateRecord[];
	books: BookRecord[];
	passages: PassageRecord[];
	readingSessions: ReadingSessionRecord[];
	/** The moment the data ends (what "now" is for it). */
	end: number;
}

/** The dataset as stored records. */
export function largeDataset(options: SeedOptions = {}): SeedData {
	const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
	const o = { ...TEN_YEARS, seed: 7, end: DEFAULT_END, ...given };
	const random = rng(o.seed);
	const words = vocabulary(random);
	const word = () => words[Math.floor(words.length * random() ** 3)];
	const text = (count: number) => {
		const out: string[] = [];
		for (let i = 0; i < count; i++) out.push(word());
		out[0] = out[0][0].toUpperCase() + out[0].slice(1);
		return out.join(' ') + '.';
	};
	const start = o.end - o.days * DAY;
	const dayAt = (d: number) => start + d * DAY + 7 * HOUR + Math.floor(random() * 12 * HOUR);
	const base = (id: string, at: number) => ({
		id,
		createdAt: at,
		updatedAt: at,
		deletedAt: null
	});

	const skills: SkillRecord[] = Array.from({ length: o.skills }, (_, s) => {
		const name =
			s < SKILL_NAMES.length
				? SKILL_NAMES[s]
				: `${SKILL_NAMES[s % SKILL_NAMES.length]} ${Math.floor(s / SKILL_NAMES.length) + 1}`;
		return {
			...base(`seed-skill-${s}`, start),
			name,
			nameKey: name.toLowerCase(),
			archivedAt: s % 25 === 24 ? start + Math.floor(o.days * 0.8) * DAY : null,
			line: s % 10 === 3 ? 60 : null
		};
	});

	const drills: DrillRecord[] = [];
	/** skill × day → the drill done that day, so its practice event points at it. */
	const drillOn = new Map<number, DrillRecord>();
	for (let i = 0; i < o.drills; i++) {
		const day = Math.floor((i / o.drills) * o.days);
		const s = i % o.skills;
		const at = dayAt(day);
		const skill = skills[s];
		const kind = (['write-x', 'x-is-y', 'sprint', 'write-x'] as const)[i % 4];
		const other = skills[(s + 7) % o.skills].name;
		const prompt =
			kind === 'x-is-y'
				? `${skill.name} is really ${other}. Argue it.`
				: kind === 'sprint'
					? 'Describe the room you are in, exactly as it is.'
					: `${skill.name}: how do you do it? Explain it to yourself.`;
		const count = Math.max(1, Math.round(o.wordsPerDrill * (0.6 + random() * 0.8)));
		const body = text(count);
		const drill: DrillRecord = {
			...base(`seed-drill-${i}`, at),
			kind,
			templateId: null,
			skillId: skill.id,
			skillName: skill.name,
			otherSkillName: kind === 'x-is-y' ? other : null,
			subject: kind === 'sprint' ? 'the room you are in' : null,
			prompt,
			promptKey: `${kind}|${skill.nameKey}${kind === 'x-is-y' ? `|${other.toLowerCase()}` : ''}`,
			reflectionQuestions: ['What surprised you?'],
			text: body,
			wordCount: count,
			startedAt: at,
			finishedAt: at + 300_000,
			durationMs: 300_000,
			activeMs: 300_000,
			overtimeMs: 0,
			endedEarly: false,
			reflections: [{ question: 'What surprised you?', answer: text(15) }],
			rating: (1 + Math.floor(random() * 4)) as 1 | 2 | 3 | 4
		};
		drills.push(drill);
		drillOn.set(s * o.days + day, drill);
	}

	const events: PracticeEventRecord[] = [];
	for (let s = 0; s < o.skills; s++) {
		for (let d = 0; d < o.days; d++) {
			const drill = drillOn.get(s * o.days + d);
			const at = drill ? drill.finishedAt : dayAt(d);
			const n = events.length;
			const deleted = n % 997 === 996;
			events.push({
				id: `seed-event-${n}`,
				createdAt: at,
				updatedAt: deleted ? at + DAY : at,
				deletedAt: deleted ? at + DAY : null,
				skillId: skills[s].id,
				at,
				minutes: drill ? 5 : 1 + Math.floor(random() * 20),
				rating: drill?.rating ?? ((1 + Math.floor(random() * 4)) as 1 | 2 | 3 | 4),
				promptKey: drill ? drill.promptKey : `manual|${s}|${Math.floor(random() * 30)}`,
				source: drill ? 'drill' : 'manual',
				sourceId: drill ? drill.id : null,
				note: drill || random() > 0.05 ? '' : text(8)
			});
		}
	}

	const books: BookRecord[] = Array.from({ length: o.books }, (_, b) => {
		const title = `${text(3).slice(0, -1)} (${b + 1})`;
		const author = `${word()} ${word()}`;
		const at = start + Math.floor((b / o.books) * o.days) * DAY;
		return {
			...base(`seed-book-${b}`, at),
			title,
			titleKey: `${title} ${author}`.toLowerCase(),
			author,
			color: COLORS[b % COLORS.length],
			status: b === o.books - 1 ? 'reading' : b % 17 === 5 ? 'set-aside' : 'finished',
			skillIds: [skills[b % o.skills].id]
		};
	});

	const perBook = Math.max(1, Math.ceil(o.passages / Math.max(1, o.books)));
	const passages: PassageRecord[] = Array.from({ length: o.passages }, (_, i) => {
		const b = Math.min(o.books - 1, Math.floor(i / perBook));
		const at = dayAt(Math.floor((i / o.passages) * o.days));
		const answered = Math.floor(random() * 7);
		return {
			...base(`seed-passage-${i}`, at),
			bookId: books[b].id,
			text: text(20 + Math.floor(random() * 40)),
			location: `p. ${1 + (i % perBook) * 3}`,
			reaction: REACTIONS[i % REACTIONS.length],
			note: random() < 0.6 ? text(5 + Math.floor(random() * 20)) : '',
			skillId: random() < 0.7 ? skills[i % o.skills].id : null,
			answers: Array.from({ length: 6 }, (_, q) =>
				q < answered
					? { status: 'answered' as const, text: text(12) }
					: { status: 'open', text: '' }
			),
			source: i % 5 === 0 ? 'kindle' : 'typed',
			importKey: i % 5 === 0 ? `kindle|seed|${i}` : null
		};
	});

	const readingSessions: ReadingSessionRecord[] = [];
	for (let d = 0; d < o.days; d += 3) {
		const b = Math.min(o.books - 1, Math.floor((d / o.days) * o.books));
		const at = dayAt(d);
		readingSessions.push({
			...base(`seed-reading-${d}`, at),
			bookId: books[b].id,
			startedAt: at,
			minutes: 5 + Math.floor(random() * 40)
		});
	}

	const templates: TemplateRecord[] = Array.from({ length: 5 }, (_, t) => ({
		...base(`seed-template-${t}`, start + t * DAY),
		name: `Practice card ${t + 1}`,
		prompt: text(12),
		durationMs: (t + 1) * 60_000,
		questions: ['What would you try next time?']
	}));

	return {
		skills,
		events,
		drills,
		templates,
		books,
		passages,
		readingSessions,
		end: o.end
	};
}

/** The dataset as a backup file, ready for the app's import. */
export function largeBackup(options: SeedOptions = {}): Backup {
	const { end, events, ...stores } = largeDataset(options);
	return {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		exportedAt: end,
		stores: {
			meta: [],
			drafts: [],
			reactions: [],
			...stores,
			events: intoMonths(events)
		}
	};
}
