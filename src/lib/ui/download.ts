/** Offer `content` to the user as a file download (export, Markdown, calendar). */
export function downloadText(name: string, type: string, content: string): void {
	downloadBlob(name, new Blob([content], { type }));
}

/** Offer `file` to the user as a download called `name`. */
export function downloadBlob(name: string, file: Blob): void {
	const url = URL.createObjectURL(file);
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.append(a);
	a.click();
	a.remove();
	// Give the browser time to start the download before the URL goes away.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
