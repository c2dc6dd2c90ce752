/** What went wrong, in the words the error carries (every error we throw is written for people). */
export function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
