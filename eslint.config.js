import prettier from 'eslint-config-prettier';
import path from 'node:path';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import { defineConfig, includeIgnoreFile } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';

const gitignorePath = path.resolve(import.meta.dirname, '.gitignore');

export default defineConfig(
	includeIgnoreFile(gitignorePath),
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	prettier,
	svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				tsconfigRootDir: import.meta.dirname
			}
		},
		rules: {
			// TypeScript checks undefined names better than this rule can.
			'no-undef': 'off',
			// A forgotten await on a write loses data silently: never allowed.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
			// The app is always served from the site root (no `paths.base`), so plain hrefs are
			// correct; wrapping every link in resolve() would add noise and no safety.
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: ['**/*.js', '**/*.mjs'],
		extends: [ts.configs.disableTypeChecked]
	},
	// Layers: routes → state / queries → repo → db. Types may cross any layer (they vanish).
	...layers()
);

/**
 * The import rules that keep dependencies pointing one way (see README, "Layers"). Each entry
 * is a set of files and what they may not import at run time.
 */
function layers() {
	// The database itself (exact names: `$lib/db/schema`, `records`, `record`, `limits`,
	// `query` and `changes` hold types, schemas, pure helpers and the change feed, and are not
	// the database).
	const db = [
		'$lib/db',
		'$lib/db/index',
		'$lib/db/migrations',
		'$lib/db/meta',
		'$lib/db/events',
		'idb',
		'fake-indexeddb',
		'fake-indexeddb/auto'
	];
	const rule = (files, forbidden, message) => {
		const exact = forbidden.filter((f) => !f.includes('*'));
		const patterns = forbidden.filter((f) => f.includes('*'));
		return {
			files,
			ignores: ['**/*.spec.ts', '**/*.test.ts', 'src/lib/db/testing.ts', 'src/lib/seed/**'],
			rules: {
				'@typescript-eslint/no-restricted-imports': [
					'error',
					{
						paths: exact.map((name) => ({ name, message, allowTypeImports: true })),
						patterns: patterns.length ? [{ group: patterns, message, allowTypeImports: true }] : []
					}
				]
			}
		};
	};
	const pure = [
		'src/lib/**/model.ts',
		'src/lib/**/week.ts',
		'src/lib/**/plan.ts',
		'src/lib/**/rusting.ts',
		'src/lib/**/words.ts',
		'src/lib/**/log.ts',
		'src/lib/drills/timer.ts',
		'src/lib/drills/text.ts',
		'src/lib/backup/format.ts',
		'src/lib/backup/merge.ts',
		'src/lib/backup/reminder.ts',
		'src/lib/reading/clippings.ts',
		'src/lib/reading/csv.ts',
		'src/lib/reading/importer.ts',
		'src/lib/db/record.ts',
		'src/lib/db/records.ts',
		'src/lib/db/blocks.ts',
		'src/lib/db/block-merge.ts',
		'src/lib/db/limits.ts',
		'src/lib/time/**'
	];
	return [
		rule(
			['src/lib/**'],
			['**/routes/**'],
			'Library code never imports a route: routes are built on the library, not the reverse.'
		),
		rule(
			['src/routes/**'],
			[...db, '$lib/db/changes', '**/*-repo'],
			'A page reads through a live query ($lib/data/live.svelte and a feature’s queries.ts) and writes through a feature’s repo; it never opens the database itself.'
		),
		rule(
			['src/lib/**/*.svelte.ts', 'src/lib/**/*.svelte'],
			db,
			'State and components reach the database through a repo (or a live query), never directly.'
		),
		rule(
			['src/lib/**/repo.ts', 'src/lib/**/*-repo.ts'],
			['$lib/*/repo', '$lib/*/*-repo', '../*/repo', '**/queries', '**/*.svelte', '**/*.svelte.ts'],
			'A repo reads and writes its own feature’s records: it does not call another feature’s repo (compose them in a query or state class), nor anything above it.'
		),
		rule(
			pure,
			[
				...db,
				'$lib/db/changes',
				'**/repo',
				'**/*-repo',
				'**/queries',
				'**/*.svelte',
				'**/*.svelte.ts',
				'$app/*',
				'svelte',
				'svelte/*'
			],
			'Models are pure: they take data and time as arguments and import nothing stateful.'
		),
		rule(
			['src/lib/app/**'],
			[
				'$lib/drills/*',
				'$lib/reading/*',
				'$lib/skills/*',
				'$lib/review/*',
				'$lib/backup/*',
				'$lib/search/*'
			],
			'The app shell knows no feature: features report to it (e.g. appStatus), not the reverse.'
		)
	];
}
