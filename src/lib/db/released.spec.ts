import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations';

/**
 * Released migrations, by the fingerprint of their code (comments and spacing aside). A
 * migration that has run on someone's phone must never change: a device that ran the old one
 * and a device that runs the new one would hold different shapes under the same version (006
 * was once edited in place). Change the code? Add a migration. Add one? Add its line here in
 * the same commit that releases it.
 */
const RELEASED: Record<string, string> = {
	'001-initial': 'ff5bca000ed4af4d',
	'002-drills-and-practice-log': '524b98806b09f2d1',
	'003-skill-line': 'a999fa3e37af7159',
	'004-reading-companion': '276b4c9ecb9ae3fc',
	'005-skill-checkpoints': '9fef097ce9a7528d',
	'006-changed-since-search-snapshot-book-stats': '1c14756915d75e51',
	'007-events-in-monthly-blocks-and-change-sequence': '30f639a00e0d1fcd',
	'008-sync-state': 'bd1200d8567aafe1',
	'009-revisit-and-on-this-day-indexes': '07e6bdc78242e091',
	'010-recordings': '91c373c0b5f65919',
	'011-compact-practice-blocks': 'c8986ac5a1396bca',
	'012-passages-by-book-through-seq': '8991820e2d29fe98',
	'013-practice-blocks-by-quarter': '07ba8b60c944db19'
};

const hash = (code: string) => createHash('sha256').update(code).digest('hex').slice(0, 16);

/**
 * The last migration's block has no comma after it until the next one is added: a block
 * matches its release with or without it.
 */
function sameRelease(name: string, print: string): boolean {
	const code = codes()[name];
	if (code === undefined) return false;
	const other = code.endsWith(',') ? code.slice(0, -1) : `${code},`;
	return hash(code) === print || hash(other) === print;
}

/** Each migration's source text in migrations.ts, from its `version:` line to the next one. */
function codes(): Record<string, string> {
	const source = readFileSync(new URL('./migrations.ts', import.meta.url), 'utf8');
	const start = source.indexOf('export const MIGRATIONS');
	const list = source.slice(start, source.indexOf('\n];', start));
	const blocks = list.split(/\n\t\{\n\t\tversion: /).slice(1);
	return Object.fromEntries(
		blocks.map((block) => {
			const name = /name: '([^']+)'/.exec(block)?.[1] ?? '?';
			const code = block
				.replace(/\/\*[\s\S]*?\*\//g, '')
				.replace(/\/\/.*$/gm, '')
				.replace(/\s+/g, '');
			return [name, code];
		})
	);
}

describe('released migrations', () => {
	it('are never edited', () => {
		for (const [name, print] of Object.entries(RELEASED)) {
			expect(
				sameRelease(name, print),
				`migration ${name} was edited or removed: add a new one instead`
			).toBe(true);
		}
	});

	it('are all listed here, in the order they run', () => {
		expect(Object.keys(codes())).toEqual(MIGRATIONS.map((m) => m.name));
		expect(MIGRATIONS.map((m) => m.name).slice(0, Object.keys(RELEASED).length)).toEqual(
			Object.keys(RELEASED)
		);
	});
});
