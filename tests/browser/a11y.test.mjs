/* a11y.test.mjs — axe-core (WCAG 2.0/2.1 A and AA) finds no violation on
 * any public page, the 404 page, the thank-you page and the contact form
 * with errors, at desktop and phone width; a full-page screenshot of each is
 * written to build/screenshots/<page>-<desktop|phone>.png for people to look at. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, SHUTDOWN_TEST, TIMEOUT, PUBLIC_PAGES, VIEWPORTS, AXE_TAGS, runAxe, formatViolations, screenshot } from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

const TARGETS = [
	...PUBLIC_PAGES.map((p) => ({ name: p.name, path: p.path })),
	{ name: 'startseite-en', path: '/?lang=en' },
	{ name: 'kontakt-en', path: '/kontakt?lang=en' },
	{ name: 'leichte-sprache', path: '/leichte-sprache' },
	{ name: 'leichte-sprache-netzwerk', path: '/leichte-sprache/netzwerk' },
	{ name: 'leichte-sprache-angebote-finden', path: '/leichte-sprache/angebote-finden' },
	{ name: 'leichte-sprache-kontakt', path: '/leichte-sprache/kontakt' },
	{ name: 'leichte-sprache-datenschutz', path: '/leichte-sprache/datenschutz' },
	{ name: '404', path: '/gibt-es-nicht', status: 404 },
	{ name: 'kontakt-danke', path: '/kontakt/danke' },
	{
		name: 'kontakt-fehler', path: '/kontakt',
		/* send the form empty: the page with the error summary */
		async prepare(page, guard) {
			guard.expect(422, '/kontakt');
			const [resp] = await Promise.all([
				page.waitForResponse((r) => r.request().method() === 'POST'),
				page.locator('form.form button[type="submit"]').click(),
			]);
			assert.equal(resp.status(), 422);
			await page.waitForLoadState('load');
			await page.locator('.error-summary').waitFor({ state: 'visible' });
		},
	},
];

for (const vp of Object.keys(VIEWPORTS)) {
	describe(`accessibility (axe-core ${AXE_TAGS.join(', ')}) and screenshots, ${vp} ${VIEWPORTS[vp].width}x${VIEWPORTS[vp].height}`, () => {
		for (const tg of TARGETS) {
			it(`${tg.name} (${tg.path}) : no axe violations, no sideways scrolling`, TIMEOUT, async (t) => {
				// axe is injected as an inline script, which the site's CSP
				// (rightly) forbids: these contexts bypass CSP.
				const { page, guard } = await env.shared(`axe-${vp}`, { viewport: vp, bypassCSP: true });
				await env.visit(page, guard, tg.path, tg.status || 200);
				if (tg.prepare) await tg.prepare(page, guard);
				await page.evaluate(() => document.fonts.ready);

				const file = await screenshot(page, `${tg.name}-${vp}`);
				t.diagnostic(`screenshot ${file}`);
				// nothing may stick out sideways on a phone
				const overflow = await page.evaluate(() => {
					const w = document.documentElement.clientWidth;
					const wide = [...document.querySelectorAll('body *')].filter((el) => {
						const r = el.getBoundingClientRect();
						return r.width > 0 && r.right > w + 1 && !el.closest('.hp, .skip-link');
					}).map((el) => `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''}`);
					return { scrollWidth: document.documentElement.scrollWidth, width: w, wide: wide.slice(0, 8) };
				});
				assert.ok(overflow.scrollWidth <= overflow.width,
					`${tg.path} scrolls sideways at ${vp} width: ${overflow.scrollWidth}px > ${overflow.width}px; too wide: ${overflow.wide.join(', ')}`);

				const violations = await runAxe(page);
				assert.equal(violations.length, 0,
					`axe found ${violations.length} violation(s) on ${tg.path} at ${vp}:\n  ${formatViolations(violations)}`);
				await guard.check(tg.path);
			});
		}
	});
}

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
