/** The five places of the app, in navigation order. */
export const PLACES = [
	{
		href: '/drill',
		label: 'Drill',
		icon: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 5v5.4l3.5 2.1-1 1.7L11 13.5V7h2z'
	},
	{
		href: '/read',
		label: 'Read',
		icon: 'M4 4h7a3 3 0 0 1 3 3v13a2 2 0 0 0-2-2H4V4zm16 0h-4a3 3 0 0 0-3 3v13a2 2 0 0 1 2-2h5V4z'
	},
	{
		href: '/skills',
		label: 'Skills',
		icon: 'M3 20h18v-2H3v2zm2-4h3V9H5v7zm5 0h3V4h-3v12zm5 0h3v-5h-3v5z'
	},
	{
		href: '/review',
		label: 'Review',
		icon: 'M6 2h9l5 5v15H6V2zm8 1.5V8h4.5L14 3.5zM8 12h8v2H8v-2zm0 4h8v2H8v-2z'
	},
	{
		href: '/data',
		label: 'Data',
		icon: 'M12 2C7 2 4 3.8 4 6v12c0 2.2 3 4 8 4s8-1.8 8-4V6c0-2.2-3-4-8-4zm0 2c3.9 0 6 1.3 6 2s-2.1 2-6 2-6-1.3-6-2 2.1-2 6-2zm0 16c-3.9 0-6-1.3-6-2v-2.3c1.5.8 3.6 1.3 6 1.3s4.5-.5 6-1.3V18c0 .7-2.1 2-6 2zm0-5c-3.9 0-6-1.3-6-2v-2.3c1.5.8 3.6 1.3 6 1.3s4.5-.5 6-1.3V13c0 .7-2.1 2-6 2z'
	}
] as const;

/** Whether `pathname` is inside the place at `href`. */
export function isCurrent(pathname: string, href: string): boolean {
	return pathname === href || pathname.startsWith(href + '/');
}
