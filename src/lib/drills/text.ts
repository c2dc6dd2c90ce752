/** Words in a text, counting any run of non-space characters as one. */
export function wordCount(text: string): number {
	return text.match(/\S+/gu)?.length ?? 0;
}

/** Minutes of practice a finished drill counts for in the skill log (active + overtime). */
export function practiceMinutes(activeMs: number, overtimeMs: number): number {
	return Math.round(((activeMs + overtimeMs) / 60_000) * 100) / 100;
}
