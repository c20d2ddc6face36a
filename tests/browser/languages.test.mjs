/* languages.test.mjs — every public page in every language of the site
 * (Turkish, Arabic, Ukrainian, Russian, Farsi; German and English have
 * their own tests): the page says its language, Arabic and Farsi run right
 * to left, nothing scrolls sideways and axe-core finds no violation at
 * desktop and phone width (360 px). Screenshots of each:
 * build/screenshots/lang-<lang>-<page>-<desktop|phone>.png. One server for
 * the file. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, SHUTDOWN_TEST, TIMEOUT, PUBLIC_PAGES, pageFacts, assertLayout, assertAccessible, linkFinder } from './harness.mjs';

const fx = fixture();
let env;
let linkOn;
beforeEach(async () => { env = await fx.ready(); linkOn ??= linkFinder(env); });
after(() => fx.cleanup());

const LANGS = ['tr', 'ar', 'uk', 'ru', 'fa'];
const RTL = new Set(['ar', 'fa']);

const offer = (page, guard) => linkOn(page, guard, '/angebote?q=Bewerbungstraining', 'ol.hits h3 a');
const TARGETS = [
	...PUBLIC_PAGES.map((p) => ({ name: p.name, path: p.path })),
	{ name: 'angebote', path: '/angebote' },
	{ name: 'angebote-suche', path: '/angebote?q=Sprachkurs&kostenlos=1' },
	{ name: 'angebote-keine-treffer', path: '/angebote?q=Xylophonbau' },
	{ name: 'angebot', path: offer },
	{ name: 'traeger', path: async (p, g) => linkOn(p, g, await offer(p, g), '.offer-provider a') },
	{ name: 'kontakt-danke', path: '/kontakt/danke' },
	{ name: '404', path: '/gibt-es-nicht', status: 404 },
	{ name: 'leichte-sprache', path: '/leichte-sprache' },
	{ name: 'leichte-sprache-finden', path: '/leichte-sprache/angebote-finden' },
];

for (const lang of LANGS) {
	describe(`the public pages in ${lang}`, () => {
		for (const tg of TARGETS) {
			it(`${tg.name} in ${lang}: lang and direction, no sideways scrolling, no axe violation`, TIMEOUT, async (t) => {
				const { page, guard } = await env.shared('axe', { viewport: 'phone', bypassCSP: true });
				const base = typeof tg.path === 'function' ? await tg.path(page, guard) : tg.path;
				const p = `${base}${base.includes('?') ? '&' : '?'}lang=${lang}`;
				await env.visit(page, guard, p, tg.status || 200);
				const f = await pageFacts(page);
				assertLayout(f, p, lang);
				const dir = await page.evaluate(() => ({
					attr: document.documentElement.getAttribute('dir'),
					main: getComputedStyle(document.querySelector('main')).direction,
				}));
				assert.equal(dir.attr, RTL.has(lang) ? 'rtl' : null, `<html dir> on ${p}`);
				assert.equal(dir.main, RTL.has(lang) ? 'rtl' : 'ltr', `the text direction on ${p}`);
				assert.equal(await page.locator('.review-note').count(), 1, `${p} says its translation is not reviewed`);
				await assertAccessible(page, `lang-${lang}-${tg.name}`, p, t);
				await guard.check(p);
			});
		}
	});
}

it('in Arabic the page is mirrored: the brand at the right, the menu at the left', TIMEOUT, async () => {
	const { page, guard } = await env.shared('plain', { viewport: 'desktop' });
	await env.visit(page, guard, '/?lang=ar');
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
	const { page, guard } = await env.page({ viewport: 'phone', javaScriptEnabled: false });
	await env.visit(page, guard, '/angebote?q=Sprachkurs&kostenlos=1');
	await page.locator('nav.lang-menu summary').click();
	await page.locator('nav.lang-menu a[hreflang="uk"]').click();
	await page.waitForURL(/lang=uk/);
	const url = new URL(page.url());
	assert.equal(url.searchParams.get('q'), 'Sprachkurs');
	assert.equal(url.searchParams.get('kostenlos'), '1');
	assertLayout(await pageFacts(page), url.pathname + url.search, 'uk');
	await guard.check();
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
