import { expect, test } from '@playwright/test';

for (const path of ['/', '/drill', '/data']) {
	test(`${path} has a Content-Security-Policy without inline scripts`, async ({ page }) => {
		const violations: string[] = [];
		page.on('console', (m) => {
			if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
		});
		await page.goto(path);
		const csp = await page
			.locator('meta[http-equiv="content-security-policy"]')
			.getAttribute('content');
		expect(csp).toBeTruthy();
		const directives = Object.fromEntries(
			csp!.split(';').map((d) => {
				const [name, ...values] = d.trim().split(/\s+/);
				return [name, values];
			})
		);
		expect(directives['script-src']).toContain("'self'");
		expect(directives['script-src']).not.toContain("'unsafe-inline'");
		expect(directives['script-src']).not.toContain("'unsafe-eval'");
		expect(directives['object-src']).toEqual(["'none'"]);
		await page.locator('html[data-ready]').waitFor({ state: 'attached' });
		expect(violations).toEqual([]);
	});
}
