// Finds a Chromium for Playwright, and installs one when there is none, so `npm test`
// works on a fresh machine. Order: $CHROMIUM_PATH, Debian's /usr/bin/chromium, Playwright's
// own download. Where Playwright's download host is unreachable (our CI), Debian's package is
// installed with apt-get (needs root).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

/**
 * Flags for every Chromium our scripts and tests start: no sandbox (root in a container), no
 * GPU (there is none), and none of the background traffic a fresh profile starts (there is no
 * internet, and it only costs CPU).
 */
export const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

export function findChromium() {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	return candidates.find((p) => p && existsSync(p)) ?? null;
}

async function playwrightChromium() {
	try {
		const { chromium } = await import('@playwright/test');
		const path = chromium.executablePath();
		return path && existsSync(path) ? path : null;
	} catch {
		return null;
	}
}

async function ensure() {
	const found = findChromium() ?? (await playwrightChromium());
	if (found) {
		console.log(`browser: ${found}`);
		return;
	}
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (isRoot && existsSync('/usr/bin/apt-get')) {
		console.log('browser: none found; installing Debian chromium with apt-get…');
		execSync(
			'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
			{
				stdio: 'inherit'
			}
		);
	} else {
		console.log("browser: none found; trying Playwright's own Chromium download…");
		execSync('npx playwright install chromium', { stdio: 'inherit' });
	}
	const after = findChromium() ?? (await playwrightChromium());
	if (!after) {
		console.error('No Chromium could be found or installed. Set CHROMIUM_PATH to one.');
		process.exit(1);
	}
	console.log(`browser: ${after}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await ensure();
