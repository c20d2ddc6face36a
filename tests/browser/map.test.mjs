/* map.test.mjs — the maps (#12) as a visitor uses them: from the finder's
 * results to the map ("Karte") and back ("Liste") with the query kept, a
 * marker for each place in the list beside the map and each a link to its
 * offer, the map of an offer's places, right to left in Arabic (the
 * drawing stays left to right), the list without JavaScript; no request
 * leaves the site (the page guard); axe-core, no sideways scrolling and
 * screenshots at 360 and 1280 px
 * (build/screenshots/karte-*.png, angebot-karte-*.png). */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, SHUTDOWN_TEST, TIMEOUT, assertAccessible, submitWith } from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

describe('the map of the results and of an offer', () => {
	it('Karte keeps the query, markers match the list, Liste leads back', TIMEOUT, async () => {
		const { page, guard } = await env.shared('map', { viewport: 'phone', bypassCSP: true });
		await env.visit(page, guard, '/angebote?q=Beratung');
		const names = await page.locator('ol.hits > li.hit h3 a').allTextContents();
		await submitWith(page, () => page.getByRole('link', { name: 'Karte', exact: true }).click(),
			{ method: 'GET', path: '/angebote/karte' });
		assert.equal(new URL(page.url()).search, '?q=Beratung');
		assert.equal(await page.locator('h1').textContent(), 'Angebote auf der Karte');
		// the list beside the map: the same offers in the same order
		const listed = await page.locator('ol.map-list > li > a.map-offer').allTextContents();
		assert.deepEqual(listed.map((s) => s.trim()), names.map((s) => s.trim()));
		// one marker for each place the list names, each a link to an offer of the list
		const places = await page.locator('ol.map-list ul.map-places > li').count();
		assert.ok(places > 0, 'the offers have places');
		assert.equal(await page.locator('svg.map-svg g.map-marker').count(), places);
		const svg = page.locator('svg.map-svg');
		assert.equal(await svg.getAttribute('role'), 'img');
		assert.ok((await svg.getAttribute('aria-label')).length > 20, 'the map is named');
		const box = await svg.boundingBox();
		assert.ok(box.width <= 360 && box.height > 100, `the map fits the phone (${box.width}x${box.height})`);
		const offers = await page.locator('ol.map-list a.map-offer').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		const hrefs = await page.locator('svg.map-links a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		assert.ok(hrefs.every((h) => offers.includes(h)), 'every marker leads to an offer of the list');
		await submitWith(page, () => page.getByRole('link', { name: 'Liste', exact: true }).click(),
			{ method: 'GET', path: '/angebote' });
		assert.equal(new URL(page.url()).search, '?q=Beratung');
		await guard.check('/angebote/karte');
	});

	it('the map page: axe-core, no sideways scrolling at 360 and 1280 px', TIMEOUT, async (t) => {
		const { page, guard } = await env.shared('axe', { bypassCSP: true });
		await env.visit(page, guard, '/angebote/karte?q=Beratung');
		await assertAccessible(page, 'karte', '/angebote/karte?q=Beratung', t);
		await guard.check('/angebote/karte');
	});

	it('an offer page shows its places on a map', TIMEOUT, async (t) => {
		const { page, guard } = await env.shared('axe', { bypassCSP: true });
		await env.visit(page, guard, '/angebote/karte?q=Beratung');
		const href = await page.locator('ol.map-list a.map-offer').first().getAttribute('href');
		await env.visit(page, guard, href);
		assert.ok(await page.locator('svg.map-svg g.map-marker').count() >= 1, 'the offer page has a map');
		await assertAccessible(page, 'angebot-karte', href, t);
		await guard.check(href);
	});

	it('in Arabic the page reads right to left, the drawing left to right', TIMEOUT, async (t) => {
		const { page, guard } = await env.shared('axe', { bypassCSP: true });
		await env.visit(page, guard, '/angebote/karte?lang=ar&q=Beratung');
		assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
		assert.equal(await page.locator('svg.map-svg').getAttribute('dir'), 'ltr');
		assert.equal(await page.locator('svg.map-svg').evaluate((e) => getComputedStyle(e).direction), 'ltr');
		await assertAccessible(page, 'karte-ar', '/angebote/karte?lang=ar&q=Beratung', t);
		await guard.check('/angebote/karte');
	});

	it('nothing found: a clear message, no map', TIMEOUT, async (t) => {
		const { page, guard } = await env.shared('axe', { bypassCSP: true });
		await env.visit(page, guard, '/angebote/karte?q=Zzyzxquatsch');
		assert.equal(await page.locator('svg.map-svg').count(), 0);
		assert.ok(await page.locator('.map-empty').isVisible());
		await assertAccessible(page, 'karte-leer', '/angebote/karte?q=Zzyzxquatsch', t);
		await guard.check('/angebote/karte');
	});

	it('without JavaScript the list is all there', TIMEOUT, async () => {
		const { page, guard } = await env.shared('nojs', { javaScriptEnabled: false });
		await env.visit(page, guard, '/angebote/karte?q=Beratung');
		assert.ok(await page.locator('ol.map-list > li').count() > 0);
		assert.ok(await page.locator('svg.map-svg g.map-marker').count() > 0);
		await guard.check('/angebote/karte');
	});
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
