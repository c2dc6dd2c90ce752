import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `npm run screens`: every screen at a phone's and a laptop's width, light and dark, written
// to docs/screens/ so the next person sees the app without running it. Never part of `npm test`.
export default defineConfig({
	...base,
	testDir: 'tests/screens',
	testMatch: '**/*.screens.ts',
	retries: 0
});
