import { expect, type Page } from '@playwright/test';
import { largeBackup } from '../../src/lib/seed/large';
import { startWriteX, waitForApp } from './utils';

/**
 * A journal of a few months (a handful of skills, drills, books and passages), and every
 * screen of the app with it: what the layout tests and `npm run screens` look at.
 */
export function journal(end: number) {
	return largeBackup({
		end,
		seed: 11,
		days: 150,
		skills: 6,
		drills: 24,
		books: 3,
		passages: 24,
		wordsPerDrill: 140
	});
}

export type Journal = ReturnType<typeof journal>;

/** Import `backup` through the Data page, as a person would. */
export async function seedJournal(page: Page, backup: Journal) {
	await page.goto('/data');
	await waitForApp(page);
	await page.getByLabel('Import a backup').setInputFiles({
		name: 'journal.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(backup))
	});
	await expect(page.getByText('What the import did')).toBeAttached();
}

export interface Screen {
	name: string;
	/** Opens the screen and waits until it shows its content. */
	open: (page: Page) => Promise<void>;
}

async function visit(page: Page, path: string, ready: (page: Page) => Promise<void>) {
	await page.goto(path);
	await waitForApp(page);
	await ready(page);
}

const heading = (name: string | RegExp) => async (page: Page) => {
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
};

/** Every screen of the app, with records of `backup` where a screen shows one. */
export function screens(backup: Journal): Screen[] {
	const { drills, passages, books, skills } = backup.stores;
	const drill = drills.find((d) => d.deletedAt === null) ?? drills[0];
	const book = books[0];
	const passage = passages.find((p) => p.bookId === book.id) ?? passages[0];
	const skill = skills.find((s) => s.deletedAt === null) ?? skills[0];
	return [
		{ name: 'home', open: (p) => visit(p, '/', heading(/./)) },
		{ name: 'drill-setup', open: (p) => visit(p, '/drill', heading(/./)) },
		{
			name: 'drill-running',
			open: async (p) => {
				await startWriteX(p, { skill: skill.name });
				await p
					.getByLabel('Your writing')
					.fill(
						'Listening starts before the other person speaks: I decide to be curious, not to be right.'
					);
			}
		},
		{ name: 'drill-history', open: (p) => visit(p, '/drill/history', heading(/./)) },
		{ name: 'drill-templates', open: (p) => visit(p, '/drill/templates', heading(/./)) },
		{ name: 'drill-view', open: (p) => visit(p, `/drill/view?id=${drill.id}`, heading(/./)) },
		{ name: 'read', open: (p) => visit(p, '/read', heading(/./)) },
		{ name: 'read-book', open: (p) => visit(p, `/read/book?id=${book.id}`, heading(book.title)) },
		{
			name: 'read-passage',
			open: (p) => visit(p, `/read/passage?id=${passage.id}`, heading(/./))
		},
		{ name: 'read-capture', open: (p) => visit(p, '/read/capture', heading(/./)) },
		{ name: 'read-import', open: (p) => visit(p, '/read/import', heading(/./)) },
		{
			name: 'read-revisit',
			open: (p) =>
				visit(p, '/read/revisit', async (page) => {
					await expect(page.getByTestId('revisit-text')).toBeVisible();
				})
		},
		{ name: 'skills', open: (p) => visit(p, '/skills', heading(/./)) },
		{
			name: 'skill-view',
			open: (p) => visit(p, `/skills/view?id=${skill.id}`, heading(skill.name))
		},
		{ name: 'skills-model', open: (p) => visit(p, '/skills/model', heading(/./)) },
		{ name: 'review', open: (p) => visit(p, '/review', heading(/./)) },
		{ name: 'search', open: (p) => visit(p, '/search', heading(/./)) },
		{ name: 'data', open: (p) => visit(p, '/data', heading(/./)) },
		{ name: 'sync', open: (p) => visit(p, '/data/sync', heading(/./)) }
	];
}
