/* languages-ar.test.mjs — the public pages in Arabic (see languages.mjs),
 * the mirrored layout, and the language menu without JavaScript. */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { TIMEOUT, pageFacts, assertLayout } from './harness.mjs';
import { languageTests } from './languages.mjs';

languageTests('ar', (env) => {
	it('in Arabic the page is mirrored: the brand at the right, the menu at the left', TIMEOUT, async () => {
		const { page, guard } = await env().shared('plain', { viewport: 'desktop' });
		await env().visit(page, guard, '/?lang=ar');
		const x = await page.evaluate(() => ({
			brand: document.querySelector('.brand-mark').getBoundingClientRect().left,
			menu: document.querySelector('.lang-menu summary').getBoundingClientRect().left,
			width: document.documentElement.clientWidth,
		}));
		assert.ok(x.brand > x.width / 2, `the brand stands at the right: ${JSON.stringify(x)}`);
		assert.ok(x.menu < x.width / 2, `the language menu stands at the left: ${JSON.stringify(x)}`);
		await guard.check();
	});

	it('the language menu opens without JavaScript and keeps the search', TIMEOUT, async () => {
		const { page, guard } = await env().page({ viewport: 'phone', javaScriptEnabled: false });
		await env().visit(page, guard, '/angebote?q=Sprachkurs&kostenlos=1');
		await page.locator('nav.lang-menu summary').click();
		await page.locator('nav.lang-menu a[hreflang="uk"]').click();
		await page.waitForURL(/lang=uk/);
		const url = new URL(page.url());
		assert.equal(url.searchParams.get('q'), 'Sprachkurs');
		assert.equal(url.searchParams.get('kostenlos'), '1');
		assertLayout(await pageFacts(page), url.pathname + url.search, 'uk');
		await guard.check();
	});
});
