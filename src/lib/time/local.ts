import { format, isValid, parseISO } from 'date-fns';

/** The value for an `<input type="datetime-local">` showing `ms` in the device's time zone. */
export function toLocalInput(ms: number): string {
	return format(ms, "yyyy-MM-dd'T'HH:mm");
}

/** Epoch ms from a `datetime-local` value (device time zone), or NaN when it is not a date. */
export function fromLocalInput(value: string): number {
	const d = parseISO(value);
	return isValid(d) ? d.getTime() : Number.NaN;
}
