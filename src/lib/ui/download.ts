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

/** The File System Access API's save dialog (Chromium on a computer), as far as we use it. */
type SavePicker = (options: {
	suggestedName: string;
	types: { description: string; accept: Record<string, string[]> }[];
}) => Promise<{ createWritable(): Promise<WritableStream<Uint8Array>> }>;

/**
 * Where a large file can be written as a stream: the browser's save dialog where it has one
 * (the file goes straight to disk, never whole in memory). Null where there is none (the
 * caller offers a download instead); 'cancelled' when the person closed the dialog. Call it
 * straight from the click: the browser opens the dialog only then.
 */
export async function pickSaveTarget(
	name: string,
	description: string,
	type: string
): Promise<WritableStream<Uint8Array> | null | 'cancelled'> {
	const picker = (window as unknown as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
	if (!picker) return null;
	const extension = name.slice(name.lastIndexOf('.'));
	try {
		const handle = await picker({
			suggestedName: name,
			types: [{ description, accept: { [type]: [extension] } }]
		});
		return await handle.createWritable();
	} catch (error) {
		if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
		return null; // Refused (no gesture, a policy): a download still works.
	}
}
