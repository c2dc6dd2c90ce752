import { formatDate } from '$lib/time/format';
import { levelChangeText, rustingText } from './words';
import { drillAmount } from '$lib/drills/model';
import type { Rusting, WeekReview } from './model';
import type { PlanProgress } from './plan';

// The week as files (a calendar reminder, Markdown): only the review page needs these, so
// they stay off the home screen's path.

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
			out.push(`- ${md(d.prompt)} (${drillAmount(d)}, ${day(d.startedAt)})`);
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
