/* languages.mjs — every public page in one language of the site
 * (Turkish, Arabic, Ukrainian, Russian, Farsi; German and English have
 * their own tests), the network's events and committees and the Merkliste
 * included: the page says its language, Arabic and Farsi run right
 * to left, nothing scrolls sideways and axe-core finds no violation at
 * desktop and phone width (360 px). Screenshots of each:
 * build/screenshots/lang-<lang>-<page>-<desktop|phone>.png. One file per
 * language (languages-<lang>.test.mjs) and one server for each, so that a
 * file stays well inside the runner's time limit on a loaded machine. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, SHUTDOWN_TEST, TIMEOUT, PUBLIC_PAGES, pageFacts, assertLayout, assertAccessible, linkFinder } from './harness.mjs';

const RTL = new Set(['ar', 'fa']);

/* The tests of one language; extra(env) adds tests on the same server. */
export function languageTests(lang, extra) {
	const fx = fixture();
	let env;
	let linkOn;
	beforeEach(async () => { env = await fx.ready(); linkOn ??= linkFinder(env); });
	after(() => fx.cleanup());

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
		{ name: 'merkliste', path: '/merkliste' },
		{ name: 'veranstaltungen', path: '/veranstaltungen' },
		{ name: 'veranstaltung', path: (p, g) => linkOn(p, g, '/veranstaltungen', '.card a[href^="/veranstaltungen/"]') },
		{ name: 'veranstaltungen-archiv', path: '/veranstaltungen/archiv' },
		{ name: 'gremien', path: '/gremien' },
		{ name: 'vorlagen', path: '/vorlagen' },
		{ name: 'vorlage', path: (p, g) => linkOn(p, g, '/vorlagen', 'main a[href^="/vorlagen/"]') },
	];

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
	if (extra)
		extra(() => env);
	it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
}
