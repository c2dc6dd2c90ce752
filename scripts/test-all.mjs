// `npm test`: every check, one after the other, each printing how long it took.
// Not side by side: the unit tests (Vite with the SvelteKit plugin) and the type check write
// SvelteKit's generated files while a build reads them; run together, a loaded run once
// built an app that never hydrated.
import { spawn } from 'node:child_process';

function run(script) {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn('npm', ['run', '--silent', script], { stdio: 'inherit' });
		child.on('close', (code) => {
			const seconds = Math.round((Date.now() - started) / 1000);
			console.log(`── ${script}: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
			resolve(code === 0);
		});
	});
}

const started = Date.now();
let ok = true;
for (const script of ['check', 'lint', 'test:unit', 'build', 'test:e2e', 'audit']) {
	ok = await run(script);
	if (!ok) break;
}
console.log(
	`\nnpm test: ${ok ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`
);
process.exit(ok ? 0 : 1);
