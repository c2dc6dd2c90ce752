// Writes the ten-year heavy user (src/lib/seed/large.ts) as a Whetstone backup file, checked
// by the app's own import validation, for importing on the Data page or in the benchmarks.
// Usage: npm run seed:large -- [--seed 7] [--end 2026-01-01|today] [--out file.json]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
	options: {
		seed: { type: 'string', default: '7' },
		end: { type: 'string' },
		out: { type: 'string', default: 'seed/whetstone-ten-years.json' }
	}
});

/** Load TypeScript app modules with the `$lib` alias, without the whole SvelteKit config. */
export async function loadSeed() {
	const inline = {
		configFile: false,
		logLevel: 'error',
		resolve: { alias: { $lib: resolve(root, 'src/lib') } }
	};
	const [{ module: seed }, { module: format }] = await Promise.all([
		runnerImport(resolve(root, 'src/lib/seed/large.ts'), inline),
		runnerImport(resolve(root, 'src/lib/backup/format.ts'), inline)
	]);
	return { ...seed, parseBackup: format.parseBackup };
}

const endOf = (text) => {
	if (!text) return undefined;
	if (text === 'today') return new Date().setHours(0, 0, 0, 0);
	const ms = Date.parse(text);
	if (Number.isNaN(ms)) throw new Error(`--end: not a date: ${text}`);
	return ms;
};

const started = performance.now();
const { largeBackup, parseBackup } = await loadSeed();
const backup = largeBackup({ seed: Number(values.seed), end: endOf(values.end) });
const json = JSON.stringify(backup);
const checked = parseBackup(json);
if (!checked.ok) {
	console.error(checked.error);
	process.exit(1);
}
const out = resolve(root, values.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, json);
const s = backup.stores;
console.log(
	`${out}: ${(json.length / 1_048_576).toFixed(1)} MB — ${s.skills.length} skills, ${s.events.length} practice events, ${s.drills.length} drills, ${s.books.length} books, ${s.passages.length} passages (${Math.round(performance.now() - started)} ms)`
);
