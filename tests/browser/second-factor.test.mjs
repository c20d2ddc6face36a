/* second-factor.test.mjs — the second factor on a phone (360 px), as a
 * person sets it up: an editor opens "Mein Konto", follows the link to the
 * enrolment, finds the QR code and the key, types the code of the app and
 * gets the recovery codes; the next sign-in asks for a code. The enrolment
 * page, its wrong-code answer, the recovery codes and the code step of the
 * sign-in have no axe violation, do not scroll sideways, and are shot to
 * build/screenshots/second-*-<desktop|phone>.png. The admin's forced
 * enrolment: a new admin lands on it after the password. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	fixture, SHUTDOWN_TEST, TIMEOUT, assertAccessible, signIn, submitWith, totpNow,
} from './harness.mjs';

const fx = fixture({ demo: false, users: ['editor', 'admin'] });
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

async function submit(page, label, path) {
	return submitWith(page, () => page.getByRole('button', { name: label }).click(), { method: 'POST', path });
}

describe('second factor on a phone', () => {
	it('an editor turns it on from "Mein Konto" with the key shown and a code, and gets ten recovery codes', TIMEOUT, async (t) => {
		const { page, guard } = await env.page({ viewport: 'phone', bypassCSP: true });
		await signIn(env, page, guard, 'editor');
		await env.visit(page, guard, '/intern/konto');
		assert.match(await page.locator('#zwei-faktor + p').textContent(), /Ausgeschaltet/);
		await submitWith(page, () => page.getByRole('link', { name: 'Zwei-Faktor-Anmeldung einrichten' }).click(),
			{ method: 'GET', path: '/intern/konto/zwei-faktor' });
		// the QR code fits the phone's width and is named for screen readers
		const qr = page.getByRole('img', { name: /QR-Code/ });
		const box = await qr.boundingBox();
		assert.ok(box && box.width >= 150 && box.x >= 0 && box.x + box.width <= 360, `QR code at ${JSON.stringify(box)}`);
		const key = (await page.locator('#secret').textContent()).replace(/\s/g, '');
		assert.match(key, /^[A-Z2-7]{32}$/);
		await assertAccessible(page, 'second-einrichten', '/intern/konto/zwei-faktor', t);

		// a wrong code: the message at the field, nothing turned on
		await page.locator('#f-code').fill('000000');
		guard.expect(422, '/intern/konto/zwei-faktor');
		assert.equal((await submit(page, 'Einschalten', '/intern/konto/zwei-faktor')).status(), 422);
		assert.match(await page.locator('.field-error').textContent(), /Der Code stimmt nicht/);
		assert.equal(await page.locator('#f-code').getAttribute('aria-invalid'), 'true');
		await assertAccessible(page, 'second-einrichten-fehler', 'a wrong first code', t);

		await page.locator('#f-code').fill(await totpNow(key));
		assert.equal((await submit(page, 'Einschalten', '/intern/konto/zwei-faktor')).status(), 200);
		const codes = await page.locator('ol.recovery-codes code').allTextContents();
		assert.equal(codes.length, 10);
		for (const c of codes) assert.match(c, /^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
		await assertAccessible(page, 'second-codes', 'the recovery codes', t);
		env.accounts.editor.totp = key;

		// the start page tells of it
		await env.visit(page, guard, '/intern');
		assert.match(await page.locator('.notice-security').textContent(), /Zwei-Faktor-Anmeldung wurde am .* eingeschaltet/);
		await guard.check('enrolment');
	});

	it('the next sign-in asks for the code, on a page a phone shows whole', TIMEOUT, async (t) => {
		const { page, guard } = await env.page({ viewport: 'phone', bypassCSP: true });
		const acc = env.accounts.editor;
		assert.ok(acc.totp, 'the editor enrolled in the test before');
		await env.visit(page, guard, '/login');
		await page.locator('#f-email').fill(acc.email);
		await page.locator('#f-password').fill(acc.password);
		assert.equal((await submit(page, 'Anmelden', '/login')).status(), 303);
		assert.equal(new URL(page.url()).pathname, '/login/code');
		assert.equal(await page.locator('#f-code').getAttribute('autocomplete'), 'one-time-code');
		await assertAccessible(page, 'second-code', '/login/code', t);
		await page.locator('#f-code').fill(await totpNow(acc.totp));
		assert.equal((await submit(page, 'Anmelden', '/login/code')).status(), 303);
		assert.equal(new URL(page.url()).pathname, '/intern');
		await env.visit(page, guard, '/intern/konto');
		assert.match(await page.locator('#zwei-faktor + p').textContent(), /Eingeschaltet/);
		assert.equal(await page.locator('table[aria-labelledby], table').filter({ hasText: 'diese Sitzung' }).count(), 1);
		await guard.check('sign-in with a code');
	});

	it('a new admin is taken to the enrolment after the password and cannot open other staff pages', TIMEOUT, async () => {
		const { page, guard } = await env.page({ viewport: 'phone' });
		const acc = env.accounts.admin;
		await env.visit(page, guard, '/login');
		await page.locator('#f-email').fill(acc.email);
		await page.locator('#f-password').fill(acc.password);
		assert.equal((await submit(page, 'Anmelden', '/login')).status(), 303);
		assert.equal(new URL(page.url()).pathname, '/intern/konto/zwei-faktor');
		assert.match(await page.locator('main').textContent(), /Pflicht/);
		await page.goto('/intern/benutzer');
		assert.equal(new URL(page.url()).pathname, '/intern/konto/zwei-faktor');
		await guard.check('forced enrolment');
	});
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
