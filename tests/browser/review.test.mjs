/* review.test.mjs — an editor on a phone reviews a partner's proposal
 * field by field: the partner changes the notice and the description of an
 * own offer, an editor changes the description meanwhile; the review page
 * at 360 px shows the description as a conflict with its three values and
 * the notice as a plain change, asks for a choice in the conflict when
 * none is made, and writes the notice as proposed and the description as
 * the reviewer types it. The partner also proposes a language: the
 * reviewer types the languages as her own value (one a line, by name),
 * and the page that asks for the conflict's choice keeps that choice and
 * the lines. Screenshotted (build/screenshots/pruefung-*.png), no axe
 * violation, no sideways scrolling, at 360 and 1280 px. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, SHUTDOWN_TEST, TIMEOUT, assertAccessible, signIn, submitWith } from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

const STAMP = Date.now().toString(36);
const NOTICE = `Sommerpause bis 15. August (${STAMP})`;
const PROPOSED = `Wir üben Anschreiben und Lebenslauf in kleinen Gruppen, dienstags ab 15 Uhr (${STAMP}).`;
const LATER = `Ab März donnerstags im Jugendhaus (${STAMP}).`;
const OWN = `Dienstags ab 15 Uhr im Jugendhaus: Anschreiben und Lebenslauf (${STAMP}).`;
let partner, editor, mine, offerId, review;

describe('a proposal reviewed field by field on a phone', () => {
	it('the partner proposes a new notice and description for an own offer', TIMEOUT, async () => {
		partner = await env.page();
		await signIn(env, partner.page, partner.guard, 'partner');
		const { page, guard } = partner;
		await env.visit(page, guard, '/intern/meine-angebote');
		mine = await page.locator('tbody a[href^="/intern/meine-angebote/"]', { hasText: 'Bewerbungstraining kompakt' })
			.getAttribute('href');
		offerId = mine.split('/').pop();
		await env.visit(page, guard, mine);
		await page.locator('#f-alert').fill(NOTICE);
		await page.locator('#f-description').fill(PROPOSED);
		await page.getByLabel('Ukrainisch', { exact: true }).check();
		const sub = await submitWith(page, () => page.getByRole('button', { name: 'Zur Prüfung einreichen' }).click(),
			{ method: 'POST', path: mine });
		assert.equal(sub.status(), 303);
		await guard.check();
	});

	it('an editor changes the description meanwhile', TIMEOUT, async () => {
		const s = await env.page();
		await signIn(env, s.page, s.guard, 'editor');
		const path = `/intern/angebote/${offerId}`;
		await env.visit(s.page, s.guard, path);
		await s.page.locator('#f-description').fill(LATER);
		const resp = await submitWith(s.page, () => s.page.getByRole('button', { name: 'Speichern', exact: true }).click(),
			{ method: 'POST', path });
		assert.equal(resp.status(), 303);
		await s.guard.check();
	});

	it('on a phone the review shows each changed field, the conflict with its three values', TIMEOUT, async (t) => {
		editor = await env.page({ viewport: 'phone', bypassCSP: true });
		await signIn(env, editor.page, editor.guard, 'editor');
		const { page, guard } = editor;
		await env.visit(page, guard, '/intern/pruefung');
		const link = page.locator('tbody a[href^="/intern/pruefung/"]', { hasText: 'Bewerbungstraining kompakt' }).first();
		review = await link.getAttribute('href');
		await submitWith(page, () => link.click(), { method: 'GET', path: review });
		const desc = page.locator('fieldset#feld-description');
		assert.match(await desc.getAttribute('class'), /conflict/, 'the description changed on both sides');
		const values = (await desc.locator('dd').allTextContents()).join('\n');
		for (const v of [LATER, PROPOSED])
			assert.ok(values.includes(v), `the conflict shows ${v}`);
		assert.equal(await desc.locator('dt', { hasText: 'Beim Vorschlag' }).count(), 1, 'and the value when proposed');
		assert.equal(await desc.locator('input[type="radio"]:checked').count(), 0, 'no choice is made for the editor');
		const alert = page.locator('fieldset#feld-alert');
		assert.doesNotMatch(await alert.getAttribute('class'), /conflict/);
		assert.equal(await alert.getByLabel('Vorschlag übernehmen').isChecked(), true, 'a plain change is taken by default');
		const langs = page.locator('fieldset#feld-languages');
		assert.ok((await langs.locator('dd').allTextContents()).join('\n').includes('Ukrainisch (uk)'),
			'the proposed language is shown');
		assert.equal(await langs.getByLabel('Sprachen: eigener Wert').count(), 1, 'a list has its own value too');
		await assertAccessible(page, 'pruefung-feldweise', 'the review field by field', t);
		await guard.check();
	});

	it('without a choice in the conflict the page asks for one; then only the chosen values are written', TIMEOUT, async (t) => {
		const { page, guard } = editor;
		const post = `${review}/freigeben`;
		const langs = page.locator('fieldset#feld-languages');
		await langs.getByLabel('Eigenen Wert eintragen:').check();
		await langs.getByLabel('Sprachen: eigener Wert').fill('Ukrainisch (uk)\nArabisch');
		guard.expect(409, post);
		let resp = await submitWith(page, () => page.getByRole('button', { name: 'Gewählte Werte übernehmen' }).click(),
			{ method: 'POST', path: post });
		assert.equal(resp.status(), 409);
		const summary = page.locator('.error-summary a[href="#feld-description"]');
		assert.equal(await summary.count(), 1, 'the summary links to the field');
		await assertAccessible(page, 'pruefung-feldweise-fehler', 'the review asking for a choice', t);
		assert.equal(await langs.getByLabel('Eigenen Wert eintragen:').isChecked(), true, 'the choice made is kept');
		assert.equal(await langs.getByLabel('Sprachen: eigener Wert').inputValue(), 'Ukrainisch (uk)\nArabisch',
			'and the lines typed');
		const desc = page.locator('fieldset#feld-description');
		await desc.getByLabel('Eigenen Wert eintragen:').check();
		await desc.getByLabel('Beschreibung: eigener Wert').fill(OWN);
		resp = await submitWith(page, () => page.getByRole('button', { name: 'Gewählte Werte übernehmen' }).click(),
			{ method: 'POST', path: post });
		assert.equal(resp.status(), 303);
		assert.match(await page.locator('.success').textContent(), /freigegeben/);
		await guard.check();
		const pub = await fetch(env.url(`/angebote/${offerId}`), { signal: AbortSignal.timeout(5000) }).then((r) => r.text());
		assert.ok(pub.includes(OWN), 'the typed description is public');
		assert.ok(pub.includes(NOTICE), 'the proposed notice is public');
		assert.ok(!pub.includes(PROPOSED) && !pub.includes(LATER), 'neither other description');
		assert.ok(pub.includes('Arabisch'), 'the language typed as one\'s own value is public');
	});

});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
