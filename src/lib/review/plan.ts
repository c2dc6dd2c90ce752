import type { DrillRecord } from '$lib/db/schema';
import { formatDate, formatNear, formatWeekday } from '$lib/time/format';
import { levelChangeText, rustingText } from './rusting';
import type { Rusting, WeekReview } from './model';
import type { Week } from './week';

export interface PlanItem {
	skillId: string;
	skillName: string;
	/** Drills to do that week; 1–14. */
	targetDrills: number;
}

export interface WeekPlan {
	/** The week the plan is for (its key). */
	weekKey: string;
	items: PlanItem[];
	createdAt: number;
}

export function planProblem(items: readonly PlanItem[]): string | null {
	if (items.length === 0) return 'Pick at least one skill to focus on.';
	for (const i of items) {
		if (!Number.isInteger(i.targetDrills) || i.targetDrills < 1 || i.targetDrills > 14) {
			return `Aim for 1 to 14 drills for ${i.skillName}.`;
		}
	}
	return null;
}

export interface PlanProgress extends PlanItem {
	done: number;
}

/**
 * Drills done for each planned skill since the plan was made, up to `until` (the end of the
 * week it was made for): a plan made on Sunday for next week also counts Sunday's drills.
 */
export function planProgress(
	plan: WeekPlan,
	drills: readonly DrillRecord[],
	until: number
): PlanProgress[] {
	return plan.items.map((item) => ({
		...item,
		done: drills.filter(
			(d) =>
				d.deletedAt === null &&
				d.skillId === item.skillId &&
				d.startedAt >= plan.createdAt &&
				d.startedAt < until
		).length
	}));
}

export interface Suggestion {
	skillId: string;
	skillName: string;
	text: string;
	href: string;
}

/**
 * The home screen's suggestions: planned skills still short of their target, the one rusting
 * soonest first, each a one-tap 5-minute drill.
 */
export function suggestions(
	progress: readonly PlanProgress[],
	rusting: readonly Rusting[],
	now: number
): Suggestion[] {
	const rustAt = new Map(rusting.map((r) => [r.skill.id, r.at]));
	const below = new Set(rusting.filter((r) => r.below).map((r) => r.skill.id));
	return progress
		.filter((p) => p.done < p.targetDrills)
		.sort(
			(a, b) =>
				(rustAt.get(a.skillId) ?? Infinity) - (rustAt.get(b.skillId) ?? Infinity) ||
				a.done / a.targetDrills - b.done / b.targetDrills
		)
		.map((p) => {
			const at = rustAt.get(p.skillId);
			const why =
				at === undefined
					? `${p.done} of ${p.targetDrills} drills this week`
					: below.has(p.skillId)
						? `under its line since ${formatNear(at, now)}`
						: at - now < 7 * 86_400_000
							? `rusting by ${formatWeekday(at)}`
							: `rusting by ${formatNear(at, now)}`;
			return {
				skillId: p.skillId,
				skillName: p.skillName,
				text: `Today: 5 minutes on ${p.skillName} — ${why}`,
				href: `/drill?kind=write-x&skill=${encodeURIComponent(p.skillName)}&start=1`
			};
		});
}

/**
 * The "weekly review is ready" card: from the review day of the current week until the
 * review of that week is marked done. `reviewDay` is 0 (Sunday) … 6.
 */
export function reviewDue(input: {
	reviewDay: number;
	week: Week;
	now: number;
	doneForWeek: boolean;
}): boolean {
	if (input.doneForWeek) return false;
	const dayIndex = input.week.days.findIndex(
		(start) => new Date(start).getDay() === input.reviewDay
	);
	if (dayIndex < 0) return false;
	return input.now >= input.week.days[dayIndex];
}

const ICS_DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

function icsStamp(ms: number): string {
	return new Date(ms)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

/**
 * A calendar file with a weekly recurring 30-minute "Whetstone weekly review" event, so the
 * user's own calendar reminds them (no server involved). `firstAt` is the first occurrence.
 */
export function reviewIcs(input: {
	firstAt: number;
	reviewDay: number;
	now: number;
	uid: string;
}): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Whetstone//Weekly review//EN',
		'CALSCALE:GREGORIAN',
		'BEGIN:VEVENT',
		`UID:${input.uid}`,
		`DTSTAMP:${icsStamp(input.now)}`,
		`DTSTART:${icsStamp(input.firstAt)}`,
		`DTEND:${icsStamp(input.firstAt + 30 * 60_000)}`,
		`RRULE:FREQ=WEEKLY;BYDAY=${ICS_DAYS[input.reviewDay]}`,
		'SUMMARY:Whetstone weekly review',
		'DESCRIPTION:Look back at the week\\, see which skills are rusting\\, and plan the next one.',
		'BEGIN:VALARM',
		'ACTION:DISPLAY',
		'DESCRIPTION:Whetstone weekly review',
		'TRIGGER:-PT10M',
		'END:VALARM',
		'END:VEVENT',
		'END:VCALENDAR'
	];
	return lines.join('\r\n') + '\r\n';
}

const md = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The week as Markdown: summary, numbers, plan and the texts by title. */
export function weekToMarkdown(
	review: WeekReview,
	progress: readonly PlanProgress[],
	rusting: readonly Rusting[]
): string {
	const day = (ms: number) => formatDate(ms);
	const out = [
		`# Week of ${day(review.week.start)}`,
		'',
		`- Minutes practised: ${Math.round(review.minutes)}`,
		`- Drills written: ${review.drills.length}`,
		`- Passages captured: ${review.passagesCaptured.length}`,
		`- Passages worked through: ${review.passagesWorked}`,
		''
	];
	if (review.skills.length) {
		out.push('## Skills', '');
		for (const s of review.skills) {
			out.push(
				`- **${md(s.skill.name)}**: ${levelChangeText(s.levelStart, s.levelEnd)}, ${Math.round(s.minutes)} min`
			);
		}
		out.push('');
	}
	if (rusting.length) {
		out.push('## Rusting soon', '');
		for (const r of rusting) out.push(`- ${md(r.skill.name)}: ${rustingText(r, review.week.end)}`);
		out.push('');
	}
	if (progress.length) {
		out.push('## Plan', '');
		for (const p of progress)
			out.push(`- ${md(p.skillName)}: ${p.done} of ${p.targetDrills} drills`);
		out.push('');
	}
	if (review.drills.length) {
		out.push('## Drills', '');
		for (const d of review.drills)
			out.push(`- ${md(d.prompt)} (${d.wordCount} words, ${day(d.startedAt)})`);
		out.push('');
	}
	if (review.passagesCaptured.length) {
		out.push('## Passages', '');
		for (const p of review.passagesCaptured) {
			out.push(
				`- ${md(p.text || p.note).slice(0, 120)}${p.location ? ` (${md(p.location)})` : ''}`
			);
		}
		out.push('');
	}
	return out.join('\n');
}
