import { errorText } from '$lib/errors';
import { now } from '$lib/time/clock';
import type { ImportPlan } from './importer';
import type { CsvField, CsvMapping } from './csv';

/** Larger files are refused before reading: years of highlights fit easily below this. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/**
 * Importing e-reader highlights: read → preview → confirm → one transaction. The parsers
 * (and Papa Parse) load only when a file is chosen.
 */
class ReadingImport {
	busy = $state(false);
	phase = $state('');
	done = $state(0);
	total = $state(0);
	error = $state<string | null>(null);
	plan = $state<ImportPlan | null>(null);
	source = $state<'kindle' | 'csv'>('kindle');
	result = $state<{ books: number; passages: number } | null>(null);
	/** A CSV whose columns were not all recognised: its headers, to map by hand. */
	csvHeaders = $state<string[]>([]);
	mapping = $state<CsvMapping>({});
	#csvText = '';

	reset(): void {
		this.plan = null;
		this.result = null;
		this.error = null;
		this.csvHeaders = [];
		this.mapping = {};
		this.#csvText = '';
	}

	/** Read the CSV again with columns chosen by the reader. */
	async remap(field: CsvField, header: string): Promise<void> {
		if (!this.#csvText) return;
		this.mapping = { ...this.mapping, [field]: header || undefined };
		try {
			await this.#plan(this.#csvText, true, this.mapping);
		} catch (e) {
			this.error = errorText(e);
		}
	}

	/** Import a planned book into an existing book (its id) or as a new book (null). */
	chooseBook(key: string, existingId: string | null): void {
		const book = this.plan?.books.find((b) => b.key === key);
		if (book) book.existingId = existingId;
	}

	async #plan(text: string, isCsv: boolean, mapping?: CsvMapping): Promise<void> {
		const [{ parseClippings }, { parseHighlightsCsv }, { planReadingImport }, repo] =
			await Promise.all([
				import('./clippings'),
				import('./csv'),
				import('./importer'),
				import('./repo')
			]);
		this.plan = null;
		this.error = null;
		const csv = isCsv ? parseHighlightsCsv(text, mapping) : null;
		const parsed = csv ?? parseClippings(text);
		if (csv) {
			this.#csvText = text;
			this.csvHeaders = csv.headers;
			this.mapping = csv.mapping;
		}
		if (parsed.passages.length === 0 && parsed.bookmarks === 0) {
			const why = parsed.skipped[0]?.reason;
			const hint = this.csvHeaders.length
				? ' Choose below which column holds what.'
				: ' Whetstone reads Kindle’s “My Clippings.txt” and CSV files with “text” and “book title” columns.';
			throw new Error(`No highlights found in this file${why ? ` (${why})` : ''}.${hint}`);
		}
		const [books, keys] = await Promise.all([repo.listBooks(), repo.existingImportKeys()]);
		this.plan = planReadingImport(parsed, books, keys);
	}

	async read(file: File): Promise<void> {
		if (this.busy) return;
		this.reset();
		this.busy = true;
		this.phase = 'Reading the file…';
		try {
			if (file.size === 0) throw new Error('The file is empty.');
			if (file.size > MAX_IMPORT_BYTES) {
				throw new Error(
					`That file is ${Math.round(file.size / 1_048_576)} MB; highlight files over 20 MB are refused. Split it, or export fewer books.`
				);
			}
			const { decodeText } = await import('./decode');
			const decoded = decodeText(new Uint8Array(await file.arrayBuffer()));
			if ('error' in decoded) throw new Error(decoded.error);
			const isCsv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
			this.source = isCsv ? 'csv' : 'kindle';
			this.phase = 'Finding highlights…';
			await this.#plan(decoded.text, isCsv);
		} catch (e) {
			this.error = errorText(e);
		} finally {
			this.busy = false;
		}
	}

	async confirm(): Promise<void> {
		if (this.busy || !this.plan) return;
		this.busy = true;
		this.phase = 'Saving…';
		this.error = null;
		try {
			const { applyReadingImport } = await import('./repo');
			this.result = await applyReadingImport(this.plan, this.source, now(), (done, total) => {
				this.done = done;
				this.total = total;
			});
			this.plan = null;
		} catch (e) {
			this.error = `Nothing was imported: ${errorText(e)}`;
		} finally {
			this.busy = false;
		}
	}
}

export const readingImport = new ReadingImport();
