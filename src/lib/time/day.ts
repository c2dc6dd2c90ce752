/** "yyyy-MM-dd" of a date as its own getters read it (the device's zone, or a TZDate's). */
export function dayKey(d: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
