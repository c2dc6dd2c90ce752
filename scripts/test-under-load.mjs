// `npm run test:loaded [-- runs]`: the whole `npm test`, run N times in a row (3 by default)
// while two CPU-bound processes run beside it, as CI may find its machine. Prints each run's
// time and stops at the first failure. The busy processes end with this script, however it ends.
import { spawn, spawnSync } from 'node:child_process';

const runs = Number(process.argv[2] ?? 3);
const busy = [0, 1].map(() =>
	spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore', detached: false })
);
const stop = () => busy.forEach((p) => p.kill('SIGKILL'));
process.on('exit', stop);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

const times = [];
for (let i = 1; i <= runs; i++) {
	const start = Date.now();
	const r = spawnSync('npm', ['test'], { stdio: 'inherit' });
	const s = Math.round((Date.now() - start) / 1000);
	times.push(s);
	console.log(
		`\nrun ${i} of ${runs} under load: ${r.status === 0 ? 'passed' : 'FAILED'} in ${s} s`
	);
	if (r.status !== 0) process.exit(r.status ?? 1);
}
console.log(`\nAll ${runs} runs passed under load: ${times.map((t) => `${t} s`).join(', ')}.`);
// Said, not left to the exit handler: the busy processes keep this one's event loop alive, so
// without this it never exits and they spin on.
process.exit(0);
