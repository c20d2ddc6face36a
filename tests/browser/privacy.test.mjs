/* privacy.test.mjs — an access and erasure request (Art. 15 and 17 DSGVO)
 * as an editor handles it on a phone: from the inbox to all messages of one
 * e-mail address, then "alle löschen" with its confirmation box. The page
 * is screenshotted at 360 px (build/screenshots/nachrichten-suche-*.png),
 * has no axe violation and does not scroll sideways. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	fixture, SHUTDOWN_TEST, TIMEOUT, assertAccessible, assertStaffLayout, pageFacts, screenshot,
	signIn, sidewaysOverflow, submitWith,
} from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

/* A visitor writes with the contact form. */
async function sendContact(page, guard, name, email, text) {
	await env.visit(page, guard, '/kontakt');
	await page.locator('#f-name').fill(name);
	await page.locator('#f-email').fill(email);
	await page.locator('#f-message').fill(text);
	await page.locator('#f-consent').check();
	const resp = await submitWith(page, () => page.locator('form.form button[type="submit"]').click(),
		{ method: 'POST', path: '/kontakt' });
	assert.equal(resp.status(), 303, `the contact form takes the message of ${name}`);
	await guard.check();
}

/* The editor's phone page, kept from one step to the next. */
let editor;

describe('the messages of one address', () => {
	it('visitors write with the contact form, one of them twice under two spellings of her address', TIMEOUT, async () => {
		const { page, guard, context } = await env.page();
		await sendContact(page, guard, 'Rana Beispiel', 'Rana.Beispiel@example.org', 'Ich suche einen Ausbildungsplatz als Tischlerin.');
		await sendContact(page, guard, 'Rana B.', 'rana.beispiel@example.org', 'Bitte löschen Sie alle meine Daten.');
		await sendContact(page, guard, 'Jemand Anderes', 'andere@example.org', 'Eine ganz andere Frage.');
		await context.close();
	});

	it('an editor on a phone finds all her messages from the inbox; the page is accessible at 360 px', TIMEOUT, async (t) => {
		editor = await env.page({ viewport: 'phone', bypassCSP: true });
		const { page, guard } = editor;
		await signIn(env, page, guard, 'editor');
		await env.visit(page, guard, '/intern/nachrichten');
		await submitWith(page, () => page.getByRole('link', { name: 'Alle Nachrichten einer E-Mail-Adresse finden' }).click(),
			{ path: '/intern/nachrichten/suche' });
		assertStaffLayout(await pageFacts(page), '/intern/nachrichten/suche');

		await page.getByLabel('E-Mail-Adresse').fill('RANA.BEISPIEL@EXAMPLE.ORG');
		const found = await submitWith(page, () => page.getByRole('button', { name: 'Nachrichten suchen' }).click(),
			{ method: 'POST', path: '/intern/nachrichten/suche' });
		assert.equal(found.status(), 200);
		assert.equal(new URL(page.url()).search, '', 'the address is not in the URL');
		assert.equal(await page.getByRole('heading', { level: 2, name: 'Gefundene Nachrichten: 2' }).count(), 1);
		const main = await page.locator('main').innerText();
		assert.ok(main.includes('Ich suche einen Ausbildungsplatz als Tischlerin.'), 'the first message in full');
		assert.ok(main.includes('Bitte löschen Sie alle meine Daten.'), 'the second message in full');
		assert.ok(!main.includes('Eine ganz andere Frage.'), 'no message of another address');
		t.diagnostic(`screenshot ${await screenshot(page, 'nachrichten-suche-gefunden-360')}`);
		await assertAccessible(page, 'nachrichten-suche-gefunden', 'the messages of one address', t);
		await guard.check();
	});

	it('"Alle endgültig löschen" deletes nothing without the box, and all of them with it', TIMEOUT, async (t) => {
		assert.ok(editor, 'the search step ran');
		const { page, guard } = editor;
		await guard.reset();
		guard.expect(422, '/intern/nachrichten/suche/loeschen');
		const refused = await submitWith(page, () => page.getByRole('button', { name: 'Alle endgültig löschen' }).click(),
			{ method: 'POST', path: '/intern/nachrichten/suche/loeschen' });
		assert.equal(refused.status(), 422);
		assert.ok((await page.locator('main').innerText()).includes('Nichts ist gelöscht.'));
		assert.equal(await page.locator('#f-confirm').getAttribute('aria-invalid'), 'true');
		const o = await sidewaysOverflow(page);
		assert.ok(o.scrollWidth <= o.width, `the refused page scrolls sideways at 360 px: ${o.wide.join(', ')}`);
		await guard.check();

		await page.locator('#f-confirm').check();
		const done = await submitWith(page, () => page.getByRole('button', { name: 'Alle endgültig löschen' }).click(),
			{ method: 'POST', path: '/intern/nachrichten/suche/loeschen' });
		assert.equal(done.status(), 303);
		await page.waitForURL((u) => u.pathname === '/intern/nachrichten/suche');
		assert.ok((await page.locator('main').innerText()).includes('Gelöschte Nachrichten: 2'), 'the notice says how many');
		t.diagnostic(`screenshot ${await screenshot(page, 'nachrichten-suche-geloescht-360')}`);

		/* searched again: none left; the other address keeps its message */
		await page.getByLabel('E-Mail-Adresse').fill('rana.beispiel@example.org');
		await submitWith(page, () => page.getByRole('button', { name: 'Nachrichten suchen' }).click(),
			{ method: 'POST', path: '/intern/nachrichten/suche' });
		assert.ok((await page.locator('main').innerText()).includes('Von dieser Adresse sind keine Nachrichten gespeichert.'));
		await page.getByLabel('E-Mail-Adresse').fill('andere@example.org');
		await submitWith(page, () => page.getByRole('button', { name: 'Nachrichten suchen' }).click(),
			{ method: 'POST', path: '/intern/nachrichten/suche' });
		assert.equal(await page.getByRole('heading', { level: 2, name: 'Gefundene Nachrichten: 1' }).count(), 1);
		await guard.check();
	});
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
