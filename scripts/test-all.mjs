// `npm test`: every check, in three stages, each printing how long it took.
// 1. type check, lint + format, unit tests and the build, side by side: each is a single
//    process, so on a 2-core machine (busy or not) running them together is faster;
//    each one's output is printed whole when it ends, so nothing interleaves.
// 2. the end-to-end tests (they need the build); 3. Lighthouse (it needs the build too).
import { spawn } from 'node:child_process';

function run(script, { quiet = false } = {}) {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn('npm', ['run', '--silent', script], {
			stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit'
		});
		let output = '';
		child.stdout?.on('data', (d) => (output += d));
		child.stderr?.on('data', (d) => (output += d));
		child.on('close', (code) => {
			const seconds = Math.round((Date.now() - started) / 1000);
			if (quiet) process.stdout.write(`\n── ${script} ──\n${output}`);
			console.log(`── ${script}: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
			resolve(code === 0);
		});
	});
}

const started = Date.now();
const first = await Promise.all(
	['check', 'lint', 'test:unit', 'build'].map((s) => run(s, { quiet: true }))
);
const ok = first.every(Boolean) && (await run('test:e2e')) && (await run('audit'));
console.log(
	`\nnpm test: ${ok ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`
);
process.exit(ok ? 0 : 1);
