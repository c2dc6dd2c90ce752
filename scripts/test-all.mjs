// `npm test`: every check, each printing how long it took. Stages run one after another; inside a
// stage, checks run side by side (on a busy 2-core machine, several processes of ours get a
// larger share of the CPU than one would, beside whatever else runs).
// What must never run side by side: the build and anything that writes SvelteKit's generated
// files (`svelte-kit sync`, svelte-check, Vite with the SvelteKit plugin, as in the unit tests);
// together, a loaded run once built an app that never hydrated. The first stage's checks all
// sync, but after `npm ci` (whose `prepare` syncs) the files are up to date and SvelteKit only
// rewrites a file whose content changed. Then the build, alone. Then the browser tests, then
// Lighthouse. Lighthouse beside the browser tests saved two minutes on a loaded machine, but
// there its DevTools connection gave up ("Network.getResponseBody" timed out) in two of four
// loaded runs, once twice in a row on the same page: a gate that crashes under load is not one.
import { spawn } from 'node:child_process';

function run(script, { quiet = false } = {}) {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn('npm', ['run', '--silent', script], {
			stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit'
		});
		// A side-by-side check keeps its output until it ends, so the two never interleave.
		const output = [];
		child.stdout?.on('data', (d) => output.push(d));
		child.stderr?.on('data', (d) => output.push(d));
		child.on('close', (code) => {
			if (output.length) process.stdout.write(Buffer.concat(output));
			const seconds = Math.round((Date.now() - started) / 1000);
			console.log(`── ${script}: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
			resolve(code === 0);
		});
	});
}

const stages = [['check', 'lint', 'test:unit'], ['build'], ['test:e2e'], ['audit']];
const started = Date.now();
let ok = true;
for (const stage of stages) {
	const results = await Promise.all(stage.map((script, i) => run(script, { quiet: i > 0 })));
	ok = results.every(Boolean);
	if (!ok) break;
}
console.log(
	`\nnpm test: ${ok ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`
);
process.exit(ok ? 0 : 1);
