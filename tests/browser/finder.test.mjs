/* finder.test.mjs — the offer finder (/angebote) as a visitor uses it:
 * searching by word (with the keyboard, with a typo, without umlauts),
 * filters, a shareable address, postcode and radius sorted by distance,
 * the result pages, then one offer, its provider and the print view; and
 * one search from start to offer with JavaScript switched off. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, SHUTDOWN_TEST, TIMEOUT, pageFacts, assertLayout, submitWith } from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

const OFFER = /^\/angebote\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PROVIDER = /^\/traeger\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/* What the result list shows: the count line, the hits (title, link,
 * provider link, tags, distance), the pagination. */
function results(page) {
	return page.evaluate(() => {
		const box = document.querySelector('#ergebnisse');
		const lead = box?.querySelector('.result-count .lead')?.textContent.trim() || null;
		const m = lead && /^(\d+) Angebote? gefunden$/.exec(lead);
		return {
			lead,
			total: m ? Number(m[1]) : null,
			countText: box?.querySelector('.result-count')?.textContent.replace(/\s+/g, ' ').trim() || '',
			start: Number(box?.querySelector('ol.hits')?.getAttribute('start') || 0),
			hits: [...(box?.querySelectorAll('ol.hits > li.hit') || [])].map((li) => {
				const a = li.querySelector('h3 a');
				const km = li.querySelector('p.meta strong')?.textContent.trim() || null;
				return {
					title: a?.textContent.trim(),
					href: a?.getAttribute('href'),
					provider: li.querySelector('p.meta a')?.getAttribute('href') || null,
					tags: [...li.querySelectorAll('.tag')].map((t) => t.textContent.trim()),
					km,
				};
			}),
			current: box?.querySelector('nav.pagination [aria-current="page"]')?.textContent.trim() || null,
			next: box?.querySelector('nav.pagination a[rel="next"]')?.getAttribute('href') || null,
			chips: [...document.querySelectorAll('ul.chips a.chip')].map((a) => a.textContent.trim()),
		};
	});
}

function assertHits(r, what) {
	assert.ok(r.total !== null, `${what}: the result count reads "N Angebote gefunden", got ${JSON.stringify(r.lead)}`);
	assert.ok(r.hits.length > 0, `${what}: no hits shown (count says ${r.total})`);
	assert.ok(r.hits.length <= r.total, `${what}: more hits shown than counted`);
	for (const h of r.hits) {
		assert.match(h.href, OFFER, `${what}: hit "${h.title}" links to an offer page`);
		assert.ok(h.title.length > 0, `${what}: a hit without a title`);
		if (h.provider) assert.match(h.provider, PROVIDER, `${what}: hit "${h.title}" links to its provider`);
	}
}

/* Press Enter in the search box (it belongs to form#finder), wait for the
 * result page. */
async function searchFor(page, text) {
	const box = page.locator('#f-q');
	await box.fill(text);
	await submitWith(page, () => box.press('Enter'), { method: 'GET', path: '/angebote' });
	assert.equal(await page.locator('#f-q').inputValue(), text, 'the search box keeps the query');
	return results(page);
}

/* "0,3 km" -> 0.3 */
const km = (s) => Number(/^([\d.]+(?:,\d+)?) km$/.exec(s)[1].replace(/\./g, '').replace(',', '.'));

describe('offer finder', () => {
	it('with the keyboard only: skip link, Tab into the search box, type "Sprachkurs", Enter', TIMEOUT, async () => {
		const { page, guard } = await env.shared('finder');
		await env.visit(page, guard, '/angebote');
		const f = await pageFacts(page);
		assertLayout(f, '/angebote', 'de');
		assert.deepEqual(f.nav.filter((n) => n.current === 'page').map((n) => n.href), ['/angebote'],
			'the main navigation marks "Angebote finden"');
		const all = await results(page);
		assertHits(all, '/angebote without a query');

		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
		await page.keyboard.press('Enter');
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement.id), 'f-q',
			'after the skip link, the next Tab reaches the search box');
		await page.keyboard.type('Sprachkurs');
		await submitWith(page, () => page.keyboard.press('Enter'), { method: 'GET', path: '/angebote' });
		const url = new URL(page.url());
		assert.equal(url.searchParams.get('q'), 'Sprachkurs', 'the query is in the address');
		const r = await results(page);
		assertHits(r, '"Sprachkurs"');
		assert.ok(r.total < all.total, `"Sprachkurs" narrows the list (${r.total} of ${all.total})`);
		assert.ok(r.hits.slice(0, 3).some((h) => /sprach|kurs/i.test(h.title)),
			`a language course among the first hits for "Sprachkurs": ${r.hits.map((h) => h.title).join(' | ')}`);
		await guard.check();
	});

	it('a typo ("Bewerbungstrainnig") still finds the application training, and says so', TIMEOUT, async () => {
		const { page, guard } = await env.shared('finder');
		await env.visit(page, guard, '/angebote');
		const r = await searchFor(page, 'Bewerbungstrainnig');
		assertHits(r, '"Bewerbungstrainnig"');
		assert.match(r.hits[0].title, /Bewerbungstraining/, `the first hit is an application training: ${r.hits[0].title}`);
		assert.match(r.countText, /ähnliche Schreibweisen/, 'the page says it searched for similar spellings too');
		await guard.check();
	});

	it('"Gefluechtete" (ue for ü) finds the offers for Geflüchtete', TIMEOUT, async () => {
		const { page, guard } = await env.shared('finder');
		await env.visit(page, guard, '/angebote');
		const r = await searchFor(page, 'Gefluechtete');
		assertHits(r, '"Gefluechtete"');
		assert.match(r.hits[0].title, /[Gg]eflüchtete/, `the first hit is for Geflüchtete: ${r.hits[0].title}`);
		await guard.check();
	});

	it('a filter (Zielgruppe Geflüchtete) narrows the search; the address is shareable', TIMEOUT, async () => {
		const { page, guard } = await env.shared('finder');
		await env.visit(page, guard, '/angebote');
		const before = await searchFor(page, 'Sprachkurs');

		// the target groups sit in a closed <details>: open it, tick a box
		const group = page.locator('details.filter-group', { has: page.locator('#f-gruppe') });
		assert.equal(await group.evaluate((d) => d.open), false, 'the Zielgruppe group starts closed');
		await group.locator('summary').click();
		await page.getByLabel(/^Geflüchtete/).check();
		await submitWith(page, () => page.getByRole('button', { name: 'Filter anwenden' }).click(),
			{ method: 'GET', path: '/angebote' });
		const url = new URL(page.url());
		assert.equal(url.searchParams.get('q'), 'Sprachkurs', 'the query stays');
		assert.deepEqual(url.searchParams.getAll('gruppe'), ['gefluechtete'], 'the filter is in the address');
		const r = await results(page);
		assertHits(r, '"Sprachkurs" + Geflüchtete');
		assert.ok(r.total < before.total, `the filter narrows the list (${r.total} of ${before.total})`);
		for (const h of r.hits) assert.ok(h.tags.includes('Geflüchtete'), `"${h.title}" is tagged Geflüchtete: ${h.tags}`);
		assert.equal(await page.locator('#f-gruppe-gefluechtete').isChecked(), true, 'the box stays ticked');
		assert.ok(r.chips.some((c) => /Geflüchtete/.test(c)), `a chip shows the filter: ${r.chips}`);

		// reload: the same results
		await page.reload({ waitUntil: 'load' });
		assert.deepEqual((await results(page)).hits.map((h) => h.href), r.hits.map((h) => h.href), 'reload gives the same results');
		await guard.check();

		// someone else opens the address: the same results, the same form state
		const other = await env.page();
		await env.visit(other.page, other.guard, url.pathname + url.search);
		assert.deepEqual((await results(other.page)).hits.map((h) => h.href), r.hits.map((h) => h.href),
			'the shared address gives the same results');
		assert.equal(await other.page.locator('#f-q').inputValue(), 'Sprachkurs');
		assert.equal(await other.page.locator('#f-gruppe-gefluechtete').isChecked(), true);

		// a language filter (select) on top, then remove all filters
		await other.page.locator('#f-sprache').selectOption('ar');
		await submitWith(other.page, () => other.page.getByRole('button', { name: 'Filter anwenden' }).click(),
			{ method: 'GET', path: '/angebote' });
		const ar = await results(other.page);
		assert.equal(new URL(other.page.url()).searchParams.get('sprache'), 'ar');
		assert.ok(ar.total === 0 || ar.total <= r.total, 'the language narrows the list further');
		await submitWith(other.page, () => other.page.getByRole('link', { name: 'Alle Filter entfernen' }).click(),
			{ method: 'GET', path: '/angebote' });
		const cleared = new URL(other.page.url());
		assert.deepEqual([...cleared.searchParams.keys()], ['q'], '"Alle Filter entfernen" keeps only the query');
		assert.equal(await other.page.locator('#f-gruppe-gefluechtete').isChecked(), false, 'the box is cleared');
		await other.guard.check();
		await other.context.close();
	});

	it('postcode 55116 and 10 km: the nearest first, each with its distance in km; page 2 goes on', TIMEOUT, async () => {
		const { page, guard } = await env.shared('finder');
		await env.visit(page, guard, '/angebote');
		await page.getByLabel('Postleitzahl').fill('55116');
		await page.getByLabel('Umkreis').selectOption('10');
		await submitWith(page, () => page.getByRole('button', { name: 'Filter anwenden' }).click(),
			{ method: 'GET', path: '/angebote' });
		const url = new URL(page.url());
		assert.equal(url.searchParams.get('plz'), '55116');
		assert.equal(url.searchParams.get('umkreis'), '10');
		const r = await results(page);
		assertHits(r, '55116, 10 km');
		assert.match(r.countText, /10 km um 55116/, `the page says where it measures from: "${r.countText}"`);
		const d1 = r.hits.map((h) => h.km);
		assert.ok(d1.every((d) => d && /km$/.test(d)), `every hit shows its distance: ${d1}`);
		const n1 = d1.map(km);
		assert.deepEqual(n1, [...n1].sort((a, b) => a - b), `sorted by distance: ${d1.join(', ')}`);
		assert.ok(n1.every((d) => d <= 10), `all within 10 km: ${d1.join(', ')}`);

		// the pagination: "Weiter" keeps postcode and radius, and goes on where page 1 stopped
		assert.ok(r.total > r.hits.length, `more than one page (${r.total} hits, ${r.hits.length} shown)`);
		assert.equal(r.current, '1');
		await submitWith(page, () => page.locator('nav.pagination a[rel="next"]').click(), { method: 'GET', path: '/angebote' });
		const u2 = new URL(page.url());
		assert.equal(u2.searchParams.get('seite'), '2');
		assert.equal(u2.searchParams.get('plz'), '55116', 'page 2 keeps the postcode');
		const r2 = await results(page);
		assert.equal(r2.current, '2', 'the pagination marks page 2 as current');
		assert.equal(r2.start, r.hits.length + 1, 'the list on page 2 is numbered on from page 1');
		assertHits(r2, '55116, 10 km, page 2');
		assert.deepEqual(r2.hits.filter((h) => r.hits.some((x) => x.href === h.href)), [], 'page 2 repeats nothing from page 1');
		const n2 = r2.hits.map((h) => km(h.km));
		assert.ok(n2[0] >= n1[n1.length - 1], `page 2 starts no nearer than page 1 ended (${n1.at(-1)} → ${n2[0]})`);
		await guard.check();
	});

	it('from the results to an offer, its provider, and the print view', TIMEOUT, async () => {
		const { page, guard } = await env.shared('finder');
		await env.visit(page, guard, '/angebote');
		const r = await searchFor(page, 'Bewerbungstraining');
		const hit = r.hits[0];
		await submitWith(page, () => page.locator('ol.hits h3 a').first().click(), { method: 'GET', path: hit.href });
		assert.equal(new URL(page.url()).pathname, hit.href);
		const offer = await pageFacts(page);
		assertLayout(offer, hit.href, 'de');
		assert.equal(offer.h1[0], hit.title, 'the offer page is headed by the title in the results');
		assert.ok(await page.locator('main h2', { hasText: 'Kontakt' }).count() === 1, 'the offer page has a Kontakt section');

		// the provider, and back to the offer from its list
		const provider = page.locator('.offer-provider a');
		const providerName = (await provider.textContent()).trim();
		const providerHref = await provider.getAttribute('href');
		assert.match(providerHref, PROVIDER);
		await submitWith(page, () => provider.click(), { method: 'GET', path: providerHref });
		const org = await pageFacts(page);
		assertLayout(org, providerHref, 'de');
		assert.equal(org.h1[0], providerName, 'the provider page is headed by its name');
		const back = page.locator(`main a[href="${hit.href}"]`);
		assert.ok(await back.count() >= 1, 'the provider page lists the offer');
		await submitWith(page, () => back.first().click(), { method: 'GET', path: hit.href });

		// the print view: no navigation, a hint, a way back
		await submitWith(page, () => page.getByRole('link', { name: 'Druckansicht' }).click(), { method: 'GET', path: hit.href });
		assert.equal(new URL(page.url()).searchParams.get('druck'), '1');
		const print = await pageFacts(page);
		assert.equal(print.h1[0], hit.title);
		assert.equal(await page.locator('meta[name="robots"]').getAttribute('content'), 'noindex', 'the print view is not indexed');
		assert.equal(await page.locator('.print-view').count(), 1);
		assert.equal(await page.locator('nav.main-nav').isVisible(), false, 'no main navigation in the print view');
		assert.equal(await page.locator('.print-hint').isVisible(), true, 'the print view says how to print');
		await page.emulateMedia({ media: 'print' });
		const printed = await page.evaluate(() => ({
			hint: !!document.querySelector('.print-hint')?.checkVisibility(),
			actions: !!document.querySelector('.offer-actions')?.checkVisibility(),
			h1: !!document.querySelector('h1')?.checkVisibility(),
			contact: !!document.querySelector('#kontakt')?.checkVisibility(),
		}));
		await page.emulateMedia({ media: null });
		assert.deepEqual(printed, { hint: false, actions: false, h1: true, contact: true },
			'on paper: the title and contact, no hint or links to other views');
		await submitWith(page, () => page.getByRole('link', { name: 'Zurück zur normalen Ansicht' }).click(),
			{ method: 'GET', path: hit.href });
		assert.equal(new URL(page.url()).search, '');
		await guard.check();
	});

	it('with JavaScript switched off: search, filter, open an offer', TIMEOUT, async () => {
		const { page, guard, context } = await env.page({ javaScriptEnabled: false, viewport: 'phone' });
		await env.visit(page, guard, '/angebote');
		const box = page.locator('#f-q');
		await box.click();
		await page.keyboard.type('Deutschkurs');
		await submitWith(page, () => page.keyboard.press('Enter'), { method: 'GET', path: '/angebote' });
		assert.equal(new URL(page.url()).searchParams.get('q'), 'Deutschkurs');
		const hits = page.locator('ol.hits > li.hit h3 a');
		assert.ok(await hits.count() > 0, 'results without JavaScript');
		const count = await page.locator('.result-count .lead').textContent();
		// on a phone the filters are a closed panel between the search box
		// and the results, which start on the first screen
		const top = (await hits.first().boundingBox()).y;
		assert.ok(top < 740, `the first hit is on the first screen of a phone (at ${top} px)`);
		assert.equal(await page.locator('#f-art').isVisible(), false, 'the filter panel is closed on a phone');
		await page.locator('details.filter-panel > summary', { hasText: 'Filter wählen' }).click();
		assert.ok(await page.locator('#finder details.filter-group').first().isVisible(), 'the panel opens');

		await page.locator('details.filter-group', { has: page.locator('#f-art') }).locator('summary').click();
		await page.getByLabel(/^Sprachförderung/).check();
		await page.getByLabel('Nur kostenlose Angebote').check();
		await submitWith(page, () => page.getByRole('button', { name: 'Filter anwenden' }).click(),
			{ method: 'GET', path: '/angebote' });
		const u = new URL(page.url());
		assert.deepEqual([u.searchParams.get('q'), u.searchParams.get('art'), u.searchParams.get('kostenlos')],
			['Deutschkurs', 'sprachfoerderung', '1']);
		assert.ok(await hits.count() > 0, `filtered results without JavaScript (before: ${count})`);
		const first = await hits.first().getAttribute('href');
		const title = (await hits.first().textContent()).trim();
		await submitWith(page, () => hits.first().click(), { method: 'GET', path: first });
		assert.equal((await page.locator('h1').textContent()).trim(), title);
		await guard.check();
		await context.close();
	});
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
