import type { DrillRecord } from '$lib/db/schema';
import { drillAmount } from '$lib/drills/model';

const KIND: Record<DrillRecord['kind'], string> = {
	'write-x': 'Write-X',
	'x-is-y': 'X is really Y',
	sprint: 'Description sprint',
	custom: 'Custom drill'
};

/** Markdown needs no escaping in body text for our purposes, but headings must stay one line. */
function oneLine(s: string): string {
	return s.replace(/\s+/g, ' ').trim();
}

/** A readable Markdown document of finished drills, newest first (tombstones left out). */
export function drillsToMarkdown(drills: readonly DrillRecord[], exportedAt: number): string {
	const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
	const live = drills.filter((d) => d.deletedAt === null).sort((a, b) => b.startedAt - a.startedAt);
	const parts = [
		`# Whetstone drills`,
		``,
		`Exported ${iso(exportedAt)} UTC · ${live.length} drills`,
		``
	];
	for (const d of live) {
		parts.push(`## ${oneLine(d.prompt) || KIND[d.kind]}`, ``);
		const skill = d.skillName ? ` · ${oneLine(d.skillName)}` : '';
		parts.push(`*${KIND[d.kind]}${skill} · ${iso(d.startedAt)} UTC · ${drillAmount(d)}*`, ``);
		parts.push(d.text.trim() || '_(nothing written)_', ``);
		for (const r of d.reflections) {
			parts.push(`**${oneLine(r.question)}** ${r.answer.trim()}`, ``);
		}
	}
	return parts.join('\n');
}
