/* offer-translations.test.mjs — an offer in the visitors' languages (#13):
 * an editor opens an offer, follows "Übersetzungen" and adds an Arabic
 * translation (typed right to left); the offer page in Arabic shows it
 * right to left, marked as a translation, with the German text folded
 * away; in Ukrainian, without a translation, the German text with the
 * note. Each page axe-core clean and without sideways scrolling at 1280
 * and 360 px; tidy checks every document (the page guard). Screenshots:
 * build/screenshots/offer-tr-*-<desktop|phone>.png. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	fixture, SHUTDOWN_TEST, TIMEOUT, pageFacts, assertLayout, assertStaffLayout, assertAccessible, submitWith,
	} from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

const NAME = 'ورشة الخشب والمعادن';
const SHORT = 'أيام عملية في ورشة الخشب والمعادن.\nتجرّب المهن بيديك.';
const APPLY = 'اتصل بنا بالهاتف.';
let offerId = null;

describe('an offer in Arabic', () => {
	it('an editor adds an Arabic translation through the offer\'s "Übersetzungen" page', TIMEOUT, async (t) => {
		const { page, guard } = await env.roles.as('editor');
		await env.visit(page, guard, '/intern/angebote?q=Werkstatttage');
		const href = await page.locator('tbody th a[href^="/intern/angebote/"]').first().getAttribute('href');
		offerId = href.split('/').pop();
		await env.visit(page, guard, href);
		await submitWith(page, () => page.getByRole('link', { name: 'Übersetzungen', exact: true }).click(),
			{ method: 'GET', path: `${href}/uebersetzungen` });
		assertStaffLayout(await pageFacts(page), 'the translations page');
		const name = page.locator('#f-ar-name');
		assert.equal(await name.getAttribute('dir'), 'rtl', 'the Arabic name is typed right to left');
		await name.fill(NAME);
		await page.locator('#f-ar-description').fill(SHORT);
		await page.locator('#f-ar-application_process').fill(APPLY);
		const resp = await submitWith(page,
			() => page.locator('#l-ar').getByRole('button', { name: 'Übersetzung speichern' }).click(),
			{ method: 'POST', path: `${href}/uebersetzungen` });
		assert.equal(resp.status(), 303);
		assert.match(await page.locator('.notice, [role="status"]').first().textContent(), /gespeichert/);
		assert.equal(await page.locator('#f-ar-name').inputValue(), NAME);
		await assertAccessible(page, 'offer-tr-staff', 'the translations page', t);
		await guard.check();
	});

	it('the offer page in Arabic shows the translation right to left, marked, the German text folded away', TIMEOUT, async (t) => {
		assert.ok(offerId, 'the editor test found the offer');
		const { page, guard } = await env.shared('visitor', { bypassCSP: true });
		const p = `/angebote/${offerId}?lang=ar`;
		await env.visit(page, guard, p);
		const f = await pageFacts(page);
		assertLayout(f, p, 'ar');
		assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
		assert.deepEqual(f.h1, [NAME]);
		assert.equal((await page.locator('.translation-mark').textContent()).trim(), 'ترجمة');
		const text = page.locator('.offer-description > div[lang="ar"]');
		assert.equal(await text.evaluate((e) => getComputedStyle(e).direction), 'rtl');
		assert.match(await text.textContent(), /أيام عملية/);
		const german = page.locator('.offer-description details.offer-german');
		assert.equal(await german.evaluate((d) => d.open), false, 'the German text is folded away');
		assert.equal(await german.locator('div[lang="de"]').evaluate((e) => getComputedStyle(e).direction), 'ltr');
		assert.match(await page.locator('.offer-apply').textContent(), /اتصل بنا/);
		await assertAccessible(page, 'offer-tr-ar', p, t);
		await guard.check(p);
	});

	it('in Ukrainian, without a translation: the German text with the note', TIMEOUT, async (t) => {
		const { page, guard } = await env.shared('visitor', { bypassCSP: true });
		const p = `/angebote/${offerId}?lang=uk`;
		await env.visit(page, guard, p);
		const f = await pageFacts(page);
		assertLayout(f, p, 'uk');
		assert.deepEqual(f.h1, ['Werkstatttage Holz und Metall']);
		assert.equal(await page.locator('h1').getAttribute('lang'), 'de');
		assert.equal((await page.locator('p.offer-lang').textContent()).trim(), 'Ця пропозиція описана лише німецькою мовою.');
		assert.equal(await page.locator('.translation-mark').count(), 0);
		await assertAccessible(page, 'offer-tr-uk', p, t);
		await guard.check(p);
	});
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
