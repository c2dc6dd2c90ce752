import { query } from '$lib/db/query';
import { listBooks } from '$lib/reading/repo';
import { listSkills } from '$lib/skills/repo';

/** What the search filters offer: skills and books. */
export const searchChoices = query(['skills', 'books'], async () => {
	const [skills, books] = await Promise.all([listSkills(), listBooks()]);
	return { skills, books };
});
