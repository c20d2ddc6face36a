/* first-visit.test.mjs — the public pages for a phone and a first visit
 * (#12): the start page's topics lead to results, the compact header menu
 * at 360 px (and the bar on a desktop), the first results on the first
 * screen of a phone, the skip link past the filters in keyboard order, the
 * Merkliste (add, list, share link, print, remove), the 410 page of an
 * archived offer with similar offers, and axe-core at 360 and 1280 px. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fixture, SHUTDOWN_TEST, TIMEOUT, assertAccessible, submitWith } from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

const TOPICS = ['Deutsch lernen', 'Ausbildung finden', 'Hilfe bei der Bewerbung', 'Anerkennung',
	'Geld während der Ausbildung', 'Beratung in meiner Sprache'];

/* The number of "N Angebote gefunden" on a finder page. */
async function found(page) {
	const lead = await page.locator('#ergebnisse .result-count .lead').textContent();
	const m = /^(\d+) Angebote? gefunden$/.exec(lead.trim());
	assert.ok(m, `a result count, got ${lead}`);
	return Number(m[1]);
}

/* One row of the demo database (the server's file, read only). */
function dbValue(sql) {
	const r = spawnSync('sqlite3', ['-readonly', path.join(env.server.dir, 'x.db'), sql], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	return r.stdout.trim().split('\n')[0];
}

describe('a first visit on a phone', () => {
	it('the start page: a search box, six topics, each leads to offers', TIMEOUT, async () => {
		const { page, guard } = await env.shared('phone', { viewport: 'phone' });
		await env.visit(page, guard, '/');
		// the search box and the topics are on the first screen
		const box = await page.locator('#start-q').boundingBox();
		assert.ok(box && box.y + box.height < 740, `the search box is on the first screen (at ${box?.y} px)`);
		const links = page.locator('ul.topics a');
		assert.deepEqual((await links.allTextContents()).map((s) => s.trim()), TOPICS);
		const last = await links.last().boundingBox();
		assert.ok(last.y + last.height < 740 * 1.25, `the topics are near the first screen (last at ${last.y} px)`);
		const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		// a tap on the first: results
		await submitWith(page, () => links.first().click(), { method: 'GET', path: '/angebote' });
		assert.ok(await found(page) > 0, 'Deutsch lernen finds offers');
		const hit = await page.locator('ol.hits > li.hit h3 a').first().boundingBox();
		assert.ok(hit.y + hit.height < 740, `the first result is on the first screen of a phone (at ${hit.y} px)`);
		for (const href of hrefs.slice(1)) {
			await env.visit(page, guard, href);
			assert.ok(await found(page) > 0, `${href} finds offers`);
		}
		// a search from the start page
		await env.visit(page, guard, '/');
		await page.locator('#start-q').fill('Bewerbung');
		await submitWith(page, () => page.keyboard.press('Enter'), { method: 'GET', path: '/angebote' });
		assert.equal(new URL(page.url()).searchParams.get('q'), 'Bewerbung');
		assert.ok(await found(page) > 0);
		// in Ukrainian, with the note on the translation above it, too: a
		// search shows no introduction or examples before the results
		await env.visit(page, guard, `/angebote?lang=uk&q=${encodeURIComponent('курс німецької мови')}`);
		assert.ok(await page.locator('ol.hits > li.hit').count() > 0, 'the Ukrainian words find offers');
		assert.equal(await page.locator('main p.intro, #f-q-hint').count(), 0);
		const uk = await page.locator('ol.hits > li.hit h3 a').first().boundingBox();
		assert.ok(uk.y + uk.height < 740, `the first result is on the first screen in Ukrainian (at ${uk.y} px)`);
		// the finder as first seen keeps both
		await env.visit(page, guard, '/angebote?lang=de');
		assert.equal(await page.locator('main p.intro').count(), 1);
		assert.equal(await page.locator('#f-q-hint').count(), 1);
		await guard.check();
	});

	it('the header: one "Menü" button that opens the navigation, without JavaScript too', TIMEOUT, async () => {
		for (const js of [true, false]) {
			const { page, guard, context } = await env.page({ viewport: 'phone', javaScriptEnabled: js });
			await env.visit(page, guard, '/kontakt');
			const kontakt = page.locator('nav.main-nav a[href="/angebote"]');
			assert.equal(await kontakt.isVisible(), false, 'the navigation is closed on a phone');
			const h1 = await page.locator('main h1').boundingBox();
			assert.ok(h1.y < 200, `the page's title is near the top (at ${h1.y} px), not below six tiles`);
			await page.locator('details.site-menu > summary').click();
			assert.ok(await kontakt.isVisible(), 'the menu opens');
			await submitWith(page, () => kontakt.click(), { method: 'GET', path: '/angebote' });
			await guard.check();
			await context.close();
		}
	});

	it('on a desktop the navigation is a bar, the filters a column before the results', TIMEOUT, async () => {
		const { page, guard } = await env.shared('desktop');
		await env.visit(page, guard, '/angebote?q=deutsch');
		assert.ok(await page.locator('nav.main-nav a[href="/kontakt"]').isVisible(), 'the links show without a click');
		assert.equal(await page.locator('details.site-menu > summary').isVisible(), false);
		assert.ok(await page.locator('#f-art').count() === 1);
		assert.ok(await page.locator('details.filter-group').first().isVisible(), 'the filters show beside the results');
		// keyboard: search box, its button, the skip link, which leads to the results
		await page.locator('#f-q').focus();
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		const focused = await page.evaluate(() => document.activeElement.textContent.trim());
		assert.equal(focused, 'Zu den Ergebnissen', 'after the search comes the skip link past the filters');
		assert.ok(await page.locator('a.skip-results').isVisible(), 'the skip link shows when it has the focus');
		await page.keyboard.press('Enter');
		await page.keyboard.press('Tab');
		const inResults = await page.evaluate(() => !!document.activeElement.closest('#ergebnisse'));
		assert.ok(inResults, 'the next Tab is in the results');
		// without the skip link, Tab goes through the filters first
		await page.locator('#f-q').focus();
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Tab');
		const next = await page.evaluate(() => !!document.activeElement.closest('form.filters'));
		assert.ok(next, 'the filters come before the results in keyboard order');
		await guard.check();
	});
});

describe('the Merkliste', () => {
	it('Merken on a result, the list, its share link, print, remove', TIMEOUT, async () => {
		const { page, guard, context } = await env.page({ viewport: 'phone', bypassCSP: true });
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await env.visit(page, guard, '/angebote?q=deutsch');
		const first = page.locator('ol.hits > li.hit').first();
		const id = (await first.locator('h3 a').getAttribute('href')).split('/').pop();
		const keep = first.locator('button.keep');
		assert.ok(await keep.isVisible(), 'the Merken button shows with JavaScript');
		assert.equal(await keep.getAttribute('aria-pressed'), 'false');
		await keep.click();
		assert.equal(await keep.getAttribute('aria-pressed'), 'true');
		assert.equal((await keep.textContent()).trim(), 'Gemerkt');
		// the offer page knows it too
		await submitWith(page, () => first.locator('h3 a').click(), { method: 'GET', path: `/angebote/${id}` });
		assert.equal(await page.locator('button.keep').getAttribute('aria-pressed'), 'true');
		// "Zur Angebotssuche" leads back to the query
		assert.equal(await page.getByRole('link', { name: 'Zur Angebotssuche' }).getAttribute('href'), '/angebote?q=deutsch');
		// the list: the links to it carry the browser's list
		const toList = page.getByRole('link', { name: 'Zur Merkliste' });
		assert.equal(await toList.getAttribute('href'), `/merkliste?ids=${id}`);
		await submitWith(page, () => toList.click(), { method: 'GET', path: '/merkliste' });
		assert.equal(new URL(page.url()).searchParams.get('ids'), id);
		assert.equal(await page.locator('li.kept').count(), 1);
		const share = await page.getByLabel('Link zum Teilen').inputValue();
		assert.equal(share, `${env.base}/merkliste?ids=${id}`);
		await page.getByRole('button', { name: 'Link kopieren' }).click();
		await page.getByRole('button', { name: 'Kopiert' }).waitFor();
		assert.equal(await page.evaluate(() => navigator.clipboard.readText()), share);
		assert.ok(await page.getByRole('link', { name: 'Per E-Mail senden' }).getAttribute('href').then((h) => h.startsWith('mailto:?subject=Merkliste')));
		// printed: the list without the share and the buttons
		await page.emulateMedia({ media: 'print' });
		assert.ok(await page.locator('li.kept h2').isVisible());
		assert.equal(await page.locator('.share').first().isVisible(), false);
		assert.equal(await page.locator('button.keep-remove').isVisible(), false);
		await page.emulateMedia({ media: 'screen' });
		await assertAccessible(page, 'merkliste', 'the Merkliste');
		// remove: the list is empty, in the browser too
		await submitWith(page, () => page.getByRole('button', { name: 'Entfernen' }).click(), { method: 'GET', path: '/merkliste' });
		assert.ok(await page.getByText('Deine Merkliste ist leer.').isVisible());
		assert.equal(await page.evaluate(() => localStorage.getItem('lotse-merkliste')), '[]');
		await guard.check();
		await context.close();
	});

	it('without JavaScript the link is the list', TIMEOUT, async () => {
		const { page, guard, context } = await env.page({ viewport: 'phone', javaScriptEnabled: false });
		await env.visit(page, guard, '/angebote?q=bewerbung');
		const hrefs = await page.locator('ol.hits h3 a').evaluateAll((as) => as.slice(0, 2).map((a) => a.getAttribute('href').split('/').pop()));
		assert.equal(await page.locator('button.keep').first().isVisible(), false, 'no button that would do nothing');
		await env.visit(page, guard, `/merkliste?ids=${hrefs.join(',')}`);
		assert.equal(await page.locator('li.kept').count(), 2);
		assert.ok(await page.getByText('Drucken Sie diese Seite mit der Druckfunktion Ihres Browsers.').isVisible());
		await guard.check();
		await context.close();
	});
});

describe('an archived offer', () => {
	it('answers 410 with similar offers that work', TIMEOUT, async () => {
		const { page, guard } = await env.shared('axe', { bypassCSP: true });
		const id = dbValue('SELECT id FROM service WHERE archived = 1 LIMIT 1');
		await env.visit(page, guard, `/angebote/${id}`, 410);
		assert.ok(await page.getByText('gibt es nicht mehr in unserem Verzeichnis').isVisible());
		const similar = page.locator('ul.similar h3 a');
		const n = await similar.count();
		assert.ok(n >= 1 && n <= 3, `1 to 3 similar offers, got ${n}`);
		await assertAccessible(page, 'angebot-410', 'the 410 page');
		await submitWith(page, () => similar.first().click(), { method: 'GET', path: /^\/angebote\/[0-9a-f-]{36}$/ });
		assert.equal(await page.locator('main h1').count(), 1);
		await guard.check();
	});
});

describe('axe-core at 360 and 1280 px', () => {
	for (const [name, p] of [['start', '/'], ['start-ar', '/?lang=ar'], ['finder-phone', '/angebote?q=deutsch'], ['merkliste-leer', '/merkliste']]) {
		it(`${name}: no violation, nothing scrolls sideways`, TIMEOUT, async (t) => {
			const { page, guard } = await env.shared('axe', { bypassCSP: true });
			await env.visit(page, guard, p);
			await assertAccessible(page, `first-visit-${name}`, p, t);
			await guard.check();
		});
	}
	it('the menu open at 360 px', TIMEOUT, async (t) => {
		const { page, guard } = await env.shared('axe', { bypassCSP: true });
		await page.setViewportSize({ width: 360, height: 740 });
		await env.visit(page, guard, '/');
		await page.locator('details.site-menu > summary').click();
		await assertAccessible(page, 'first-visit-menu-open', 'the open menu', t);
		await guard.check();
	});
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
