/* plain-init.test.mjs — the site as a real install sees it: a database made
 * by plain `lotse init` (no --demo) and one editor account made with
 * `lotse user add`. The start page, Impressum, Datenschutz and the contact
 * page load with their visible placeholder marker, have no axe-core
 * violation at desktop and phone width, and no link on them leads to an
 * error; the editor sees the placeholders flagged and fills in the
 * Impressum, which the public page then shows. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, SHUTDOWN_TEST, TIMEOUT, assertAccessible, signIn, submitWith } from './harness.mjs';

const fx = fixture({ demo: false, users: ['editor'] });
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

const MARKER = { de: '[Platzhalter – bitte ausfüllen]', en: '[Placeholder – please fill in]' };

const PAGES = [
	{ path: '/', name: 'plain-startseite', lang: 'de' },
	{ path: '/impressum', name: 'plain-impressum', lang: 'de' },
	{ path: '/datenschutz', name: 'plain-datenschutz', lang: 'de' },
	{ path: '/kontakt', name: 'plain-kontakt', lang: 'de' },
	{ path: '/impressum?lang=en', name: 'plain-impressum-en', lang: 'en' },
	{ path: '/datenschutz?lang=en', name: 'plain-datenschutz-en', lang: 'en' },
];

/* The pages only the demo content has. */
const DEMO_ONLY = ['/bqn-rlp', '/modellprojekt-ludwigshafen', '/modellprojekt-mainz'];

describe('a plain-init database', () => {
	for (const pg of PAGES) {
		it(`${pg.path} loads with its placeholder marker, axe-clean, without dead links`, TIMEOUT, async (t) => {
			// axe is injected as an inline script, which the site's CSP forbids
			const { page, guard } = await env.shared('plain', { bypassCSP: true });
			await env.visit(page, guard, pg.path);
			assert.equal(await page.locator('html').getAttribute('lang'), pg.lang);
			assert.equal(await page.locator('h1').count(), 1, `${pg.path} has one h1`);
			assert.ok((await page.locator('main').innerText()).includes(MARKER[pg.lang]),
				`${pg.path} shows the marker ${MARKER[pg.lang]}`);

			const links = await page.locator('a[href^="/"]').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
			const nav = await page.locator('nav.main-nav a, nav.footer-nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
			for (const href of ['/', '/angebote', '/kontakt'])
				assert.ok(nav.includes(href), `the navigation links ${href}: ${JSON.stringify(nav)}`);
			for (const href of ['/impressum', '/datenschutz'])
				assert.ok(nav.includes(href), `the footer links ${href}: ${JSON.stringify(nav)}`);
			for (const href of DEMO_ONLY)
				assert.ok(!links.includes(href), `${pg.path} links ${href}, a page only the demo has`);
			for (const href of links) {
				const resp = await page.request.get(href, { maxRedirects: 0 });
				assert.ok(resp.status() < 400, `${pg.path} links ${href}, which answers ${resp.status()}`);
			}

			await assertAccessible(page, pg.name, pg.path, t);
			await guard.check(pg.path);
		});
	}

	it('the editor sees the placeholders flagged and fills in the Impressum', TIMEOUT, async (t) => {
		const { page, guard } = await env.page({ bypassCSP: true });
		await signIn(env, page, guard, 'editor');
		assert.match(await page.locator('main').innerText(), /Platzhaltertext/);

		await env.visit(page, guard, '/intern/seiten');
		assert.equal(await page.locator('.tag-todo').count(), 4, 'start, kontakt, impressum and datenschutz are flagged');
		for (const slug of ['start', 'impressum', 'datenschutz', 'kontakt'])
			assert.equal(await page.locator(`a[href="/intern/seiten/${slug}/de"]`).count(), 1, `the list offers to edit ${slug}`);
		await assertAccessible(page, 'plain-seiten', '/intern/seiten', t);

		await submitWith(page, () => page.locator('a[href="/intern/seiten/impressum/de"]').click(),
			{ method: 'GET', path: '/intern/seiten/impressum/de' });
		assert.match(await page.locator('main').innerText(), /Diese Seite enthält noch Platzhaltertext/);
		await page.locator('#f-body').fill('## Anbieter\n\nNetzwerk Lotse e. V., Rheinstraße 5, 55116 Mainz\n');
		const resp = await submitWith(page, () => page.locator('button[value="save"]').click(),
			{ method: 'POST', path: '/intern/seiten/impressum/de' });
		assert.equal(resp.status(), 303);
		assert.equal(await page.locator('.success').count(), 1, 'the editor says it saved');

		await env.visit(page, guard, '/impressum');
		const main = await page.locator('main').innerText();
		assert.match(main, /Netzwerk Lotse e\. V\., Rheinstraße 5, 55116 Mainz/);
		assert.ok(!main.includes(MARKER.de), 'the filled-in Impressum holds no placeholder');
		await guard.check();
	});
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
