import type { ManifestOptions } from 'vite-plugin-pwa';

/** The web app manifest; kept in its own module so tests and the build read one source. */
export const manifest: Partial<ManifestOptions> = {
	name: 'Whetstone — deliberate practice journal',
	short_name: 'Whetstone',
	description:
		'Timed drills, reading notes and a skill log that shows what you keep and what rusts. Works offline.',
	id: '/',
	start_url: '/',
	scope: '/',
	display: 'standalone',
	orientation: 'any',
	background_color: '#f7f5f0',
	theme_color: '#1f5c6b',
	categories: ['education', 'productivity'],
	// Text shared from another app (an e-reader's highlight) opens the capture form.
	share_target: {
		action: '/read/capture',
		method: 'GET',
		params: { title: 'title', text: 'text', url: 'url' }
	},
	icons: [
		{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
		{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
		{ src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
	]
};
