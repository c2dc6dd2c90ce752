/** The key two skill names share when they are the same skill: trimmed, spaces folded, lower case. */
export function nameKey(name: string): string {
	return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A display name: trimmed with single spaces, first letter capitalised. */
export function cleanName(name: string): string {
	const s = name.trim().replace(/\s+/g, ' ');
	return s.charAt(0).toUpperCase() + s.slice(1);
}

export const MAX_SKILL_NAME = 80;

/** Null when `name` is usable as a skill name, else a message for the user. */
export function skillNameProblem(name: string): string | null {
	const s = name.trim();
	if (!s) return 'Type the name of a skill.';
	if (s.length > MAX_SKILL_NAME) return `Keep skill names under ${MAX_SKILL_NAME} characters.`;
	return null;
}
