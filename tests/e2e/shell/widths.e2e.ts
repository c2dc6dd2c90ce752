import { expect, test, type Page } from '@playwright/test';
import { journal, screens, seedJournal } from '../journal';
import { expectAccessible } from '../utils';

/**
 * Every screen, with a few months of records, at a phone's, a tablet's, a laptop's and a
 * desktop's width: nothing scrolls sideways, and no column is narrower than 320 px (and at a
 * laptop's, each screen passes the accessibility scan). And at
 * twice the text size on a phone, the same, with the navigation's labels apart.
 */

const backup = journal(Date.now());

/** What does not fit on the current screen, in words (an empty list when all fits). */
function misfits(page: Page, minColumn: number): Promise<string[]> {
	return page.evaluate((minColumn) => {
		const out: string[] = [];
		const root = document.documentElement;
		if (root.scrollWidth > root.clientWidth) {
			// Name the widest culprit, so a failure says where to look.
			const out_ = [...document.querySelectorAll('main *')].filter(
				(el) => el.getBoundingClientRect().right > root.clientWidth + 1
			);
			// The outermost elements that stick out (their children follow them).
			const where = out_
				.filter((el) => !out_.some((other) => other !== el && other.contains(el)))
				.slice(0, 3)
				.map((el) => `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]}`)
				.join(', ');
			out.push(`scrolls sideways: ${root.scrollWidth} > ${root.clientWidth} (${where})`);
		}
		const columns = [document.querySelector('main'), ...document.querySelectorAll('.columns > *')];
		for (const el of columns) {
			if (!el || (el as HTMLElement).offsetParent === null) continue;
			const width = el.getBoundingClientRect().width;
			if (width < minColumn) {
				out.push(
					`a column is ${Math.round(width)} px: ${el.tagName.toLowerCase()}.${el.className}`
				);
			}
		}
		return out;
	}, minColumn);
}

for (const width of [360, 768, 1280, 1920]) {
	test(`every screen fits ${width} px`, async ({ page }) => {
		test.slow();
		await page.setViewportSize({ width, height: 900 });
		await seedJournal(page, backup);
		const found: string[] = [];
		for (const screen of screens(backup)) {
			await screen.open(page);
			found.push(...(await misfits(page, 320)).map((m) => `${screen.name}: ${m}`));
			// The laptop layouts (lists beside details, the dashboard) pass the scan too.
			if (width === 1280) await expectAccessible(page);
		}
		expect(found).toEqual([]);
	});
}

test('twice the text size on a phone: nothing scrolls sideways, labels stay apart', async ({
	page
}) => {
	test.slow();
	await seedJournal(page, backup);
	const found: string[] = [];
	for (const screen of screens(backup)) {
		await screen.open(page);
		await page.addStyleTag({ content: 'html { font-size: 200% }' });
		// At this size one column fills the phone: the check is only that nothing sticks out.
		found.push(...(await misfits(page, 0)).map((m) => `${screen.name}: ${m}`));
	}
	expect(found).toEqual([]);
	const labels = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
	const boxes = await labels.evaluateAll((links) =>
		links.map((a) => {
			const label = a.querySelector('span')!;
			const box = label.getBoundingClientRect();
			return { left: box.left, right: box.right, fits: label.scrollWidth <= a.clientWidth };
		})
	);
	expect(boxes).toHaveLength(5);
	for (const [i, box] of boxes.entries()) {
		expect(box.fits, `label ${i + 1} fits its place`).toBe(true);
		if (i > 0)
			expect(box.left, `label ${i + 1} starts after the one before`).toBeGreaterThan(
				boxes[i - 1].right
			);
	}
});
