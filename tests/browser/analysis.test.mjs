/* analysis.test.mjs — the evidence loop as a researcher uses it: the
 * coverage with its heat map, filtered by place through the form, a
 * number of the heat map followed to the offers behind it, the funding
 * page, the gaps page that says honestly that no source of needs is
 * connected, the printable report (with the date and the filters, A4 when
 * printed), and the public page "Angebotslandschaft" (no count under 5, in
 * German and Arabic); axe-core clean and no sideways scrolling at 360 and
 * 1280 px on each. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	fixture, SHUTDOWN_TEST, pageFacts, assertLayout, assertStaffLayout, assertAccessible, submitWith,
	screenshot,
} from './harness.mjs';

/* each test opens several pages and checks each at two widths: more time
 * than one page needs on a loaded machine */
const TIMEOUT = { timeout: 120000 };
const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

describe('analysis', () => {
	it('coverage: heat map, filter by place, a cell followed to its offers', TIMEOUT, async (t) => {
		const { page, guard } = await env.roles.as('researcher');
		await env.visit(page, guard, '/intern/analyse');
		assertStaffLayout(await pageFacts(page), '/intern/analyse');
		const total = await page.locator('.analysis-total').first().textContent();
		assert.match(total, /^\d+ Angebote mit \d+ Plätzen/);
		assert.ok(await page.locator('td.heat a').count() > 5, 'the heat map links its numbers');
		/* the bars by place and by stage, each with its table */
		assert.equal(await page.locator('figure.analysis-chart svg.chart-bars').count(), 2);
		const stageChart = page.locator('figure.analysis-chart').nth(1);
		assert.ok(await stageChart.locator('svg text').count() >= 4, 'a label and a number per stage');
		assert.ok(await stageChart.locator('svg text').last().isVisible(), 'every bar of the chart is drawn');
		await page.locator('figure.analysis-chart summary').first().click();
		assert.ok(await page.locator('#abdeckung-ort-caption').isVisible(), 'the bars open as a table');
		await assertAccessible(page, 'analyse', '/intern/analyse', t);

		await page.locator('#f-ort').selectOption('mainz-neustadt');
		await submitWith(page, () => page.locator('form.analysis-filters button').click(), { path: '/intern/analyse' });
		assert.ok(page.url().includes('ort=mainz-neustadt'));
		const rows = await page.locator('#heat-caption').locator('xpath=ancestor::table').locator('tbody th').allTextContents();
		assert.deepEqual(rows, ['Mainz-Neustadt'], 'the heat map has the one place filtered for');

		const link = page.locator('td.heat a').first();
		const n = Number(await link.textContent());
		await submitWith(page, () => link.click(), { path: '/intern/analyse/angebote' });
		assertStaffLayout(await pageFacts(page), '/intern/analyse/angebote');
		assert.equal(await page.locator('table tbody tr').count(), n, 'the cell lists as many offers as it counts');
		await assertAccessible(page, 'analyse-angebote', '/intern/analyse/angebote', t);
		await guard.check();
	});

	it('funding, gaps and the printable report', TIMEOUT, async (t) => {
		const { page, guard } = await env.roles.as('researcher');
		await env.visit(page, guard, '/intern/analyse/foerderung');
		assertStaffLayout(await pageFacts(page), '/intern/analyse/foerderung');
		assert.ok(await page.locator('#foerderung-caption').count() === 1);
		await assertAccessible(page, 'analyse-foerderung', '/intern/analyse/foerderung', t);

		await env.visit(page, guard, '/intern/analyse/luecken');
		assert.match(await page.locator('main').textContent(), /Gereiht nach Bedarfen je Angebot/);
		await assertAccessible(page, 'analyse-luecken', '/intern/analyse/luecken', t);

		await env.visit(page, guard, '/intern/analyse/ergebnisse');
		assertStaffLayout(await pageFacts(page), '/intern/analyse/ergebnisse');
		assert.equal(await page.locator('#ergebnisse-caption').count(), 1);
		await assertAccessible(page, 'analyse-ergebnisse', '/intern/analyse/ergebnisse', t);

		await env.visit(page, guard, '/intern/analyse/bericht?ort=mainz-neustadt&von=2026-01-01');
		const meta = await page.locator('.report-meta').textContent();
		assert.match(meta, /Mainz-Neustadt/);
		assert.match(meta, /01\.01\.2026 bis/);
		assert.ok(await page.locator('.report figure.analysis-chart svg rect').count() > 0, 'the report has its charts');
		assert.equal(await page.locator('.report h2', { hasText: 'Ergebnisse der Vermittlungen' }).count(), 1);
		await screenshot(page, 'analyse-bericht');
		await assertAccessible(page, 'analyse-bericht', '/intern/analyse/bericht', t);
		/* printed: A4, without the navigation and the hint */
		await page.emulateMedia({ media: 'print' });
		assert.equal(await page.locator('.report .print-hint').isVisible(), false);
		assert.equal(await page.locator('.analysis-nav').count(), 0, 'the report has no page navigation');
		const pdf = await page.pdf({ preferCSSPageSize: true });
		assert.ok(pdf.length > 10000, 'the report prints');
		await page.emulateMedia({ media: 'screen' });
		await guard.check();
	});

	it('the public Angebotslandschaft: no count under 5, German and Arabic', TIMEOUT, async (t) => {
		const { page, guard, context } = await env.page({ bypassCSP: true });
		for (const [lang, dir] of [['de', null], ['ar', 'rtl']]) {
			const p = lang === 'de' ? '/angebotslandschaft' : '/angebotslandschaft?lang=ar';
			await env.visit(page, guard, p);
			assertLayout(await pageFacts(page), p, lang);
			assert.equal(await page.locator('html').getAttribute('dir'), dir);
			const counts = await page.locator('main table td').allTextContents();
			assert.ok(counts.length > 10);
			for (const c of counts)
				assert.ok(c === '< 5' || c === '•' || c === '0' || Number(c) >= 5, `${p} shows the count "${c}"`);
			assert.ok(counts.includes('< 5'), 'the demo directory has small cells, shown as "< 5"');
			await assertAccessible(page, `angebotslandschaft-${lang}`, p, t);
		}
		await guard.check();
		await context.close();
	});
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
