import { defineConfig } from 'vitest/config';
import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { manifest } from './src/pwa-manifest.ts';

export default defineConfig({
	plugins: [
		sveltekit({
			compilerOptions: {
				// Runes everywhere in our code; libraries keep their own mode.
				runes: ({ filename }) =>
					filename.split(/[/\\]/).includes('node_modules') ? undefined : true
			},
			// Brotli and gzip files beside each built file: `npm start` (sirv) sends them as they are.
			adapter: adapter({ strict: true, precompress: true }),
			typescript: {
				config(tsconfig) {
					tsconfig.include.push(
						'../playwright.config.ts',
						'../playwright.bench.config.ts',
						'../playwright.screens.config.ts',
						'../scripts/**/*.ts',
						'../bench/**/*.ts'
					);
				}
			},
			csp: {
				// Prerendered pages get a <meta> CSP with hashes of SvelteKit's boot script,
				// so no 'unsafe-inline' is ever needed for scripts.
				mode: 'hash',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					// Svelte writes style attributes (transitions, widths); styles cannot run code.
					'style-src': ['self', 'unsafe-inline'],
					'img-src': ['self', 'data:', 'blob:'],
					'font-src': ['self'],
					// Sync talks to the server the person chooses: any https server, or one on this
					// machine. Nothing a person or a file supplied is ever run or rendered as HTML.
					'connect-src': ['self', 'https:', 'http://localhost:*', 'http://127.0.0.1:*'],
					'media-src': ['self', 'data:', 'blob:'],
					'worker-src': ['self'],
					'manifest-src': ['self'],
					'object-src': ['none'],
					'base-uri': ['self'],
					'form-action': ['self']
				}
			}
		}),
		SvelteKitPWA({
			// Prompt flow: a waiting worker is announced, never forced on the page.
			registerType: 'prompt',
			injectRegister: false,
			// One worker for the whole app, registered from the root whatever page is opened
			// first: SvelteKit's relative paths would otherwise register `/read/sw.js` (a 404)
			// from a deep link such as the share target, and that first visit never works offline.
			base: '/',
			scope: '/',
			manifest,
			manifestFilename: 'manifest.webmanifest',
			workbox: {
				globPatterns: [
					'client/**/*.{js,css,ico,png,svg,webp,woff2,webmanifest}',
					'prerendered/**/*.html'
				],
				// Record pages are prerendered once and read their id from the query string.
				ignoreURLParametersMatching: [/.*/],
				cleanupOutdatedCaches: true
			},
			devOptions: { enabled: false }
		})
	],
	build: {
		rolldownOptions: {
			output: {
				codeSplitting: {
					groups: [
						{
							// The database core and the clock: every page loads all of these, and split
							// by which pages share them they made a dozen chunks of under 1 KB (each one a
							// request, a gzip header and an import list on Home's first load).
							name: 'core',
							test: /\/src\/lib\/(db\/(index|shape|schema|errors|changes|record|blocks|events|meta|limits|query)|time\/(format|clock|units)|errors)\.ts$|\/node_modules\/idb\//
						},
						{
							// The few date functions Home's week and day arithmetic needs: four chunks of
							// 100–300 bytes apart (never format, which brings its locales).
							name: 'days',
							test: /\/node_modules\/date-fns\/(startOfDay|startOfWeek|addDays|addWeeks|toDate|constructFrom|constants|_lib\/defaultOptions)\.js$/
						}
					]
				}
			}
		}
	},
	// The search worker is an ES module (it shares chunks with the app).
	worker: { format: 'es' },
	test: {
		expect: { requireAssertions: true },
		// A bound on how long a broken test takes to fail, not a speed check (speed belongs in
		// `npm run bench`): the ten-year seed test takes 2 s quiet and 7 s on a busy machine.
		testTimeout: 60_000,
		hookTimeout: 60_000,
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.{test,spec}.{js,ts}', 'tests/sync/**/*.spec.ts'],
					exclude: ['src/**/*.svelte.{test,spec}.{js,ts}'],
					benchmark: { include: ['bench/**/*.bench.ts'] }
				}
			},
			{
				// State classes (runes) compiled for the browser, as the app runs them, in a DOM
				// without layout (happy-dom): effects run, subscriptions start and stop.
				extends: './vite.config.ts',
				resolve: { conditions: ['browser'] },
				ssr: { resolve: { conditions: ['browser'] } },
				test: {
					name: 'state',
					environment: 'happy-dom',
					include: ['src/**/*.svelte.{test,spec}.{js,ts}']
				}
			}
		]
	}
});
