/* a11y-roles.test.mjs — every staff page the other roles reach by GET
 * (src/routes.c): the partner's own offers (and a proposal, which the
 * editor then reviews), the admin's users and audit log, the dashboard and
 * account of researcher and counsellor, the 403 page: axe-core (WCAG 2.0/2.1
 * A and AA) finds no violation, nothing scrolls sideways, at desktop and
 * phone width; tidy checks every document (the page guard). The editor's
 * pages: a11y-staff.test.mjs. Screenshots:
 * build/screenshots/<name>-<desktop|phone>.png. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	fixture, SHUTDOWN_TEST, TIMEOUT, AXE_TAGS, pageFacts, assertStaffLayout, assertAccessible,
	submitWith,
} from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

const click = (page, name, method, path) =>
	submitWith(page, () => page.getByRole('button', { name, exact: true }).click(), { method, path });
const own = (p, g) => env.linkOn(p, g, '/intern/meine-angebote', 'tbody th a[href^="/intern/meine-angebote/"]');

const TARGETS = [
	{ role: 'partner', name: 'intern-partner', path: '/intern' },
	{ role: 'partner', name: 'intern-meine-angebote', path: '/intern/meine-angebote' },
	{ role: 'partner', name: 'intern-meine-angebote-neu', path: '/intern/meine-angebote/neu' },
	{
		role: 'partner', name: 'intern-meine-angebote-neu-fehler', path: '/intern/meine-angebote/neu',
		async prepare(page, guard) {
			guard.expect(422, '/intern/meine-angebote/neu');
			const r = await submitWith(page, () => page.locator('main form.form button[type="submit"]').last().click(),
				{ method: 'POST', path: '/intern/meine-angebote/neu' });
			assert.equal(r.status(), 422);
			await page.locator('.error-summary').waitFor();
		},
	},
	{ role: 'partner', name: 'intern-meine-angebote-angebot', path: own },
	{
		role: 'partner', name: 'intern-meine-angebote-eingereicht', path: own,
		/* propose a change: the list with the waiting proposal */
		async prepare(page) {
			const form = new URL(page.url()).pathname;
			await page.getByLabel('Aktueller Hinweis').fill('Sommerpause bis 15. August');
			assert.equal((await click(page, 'Zur Prüfung einreichen', 'POST', form)).status(), 303);
			assert.equal(new URL(page.url()).searchParams.get('hinweis'), 'eingereicht');
		},
	},
	{ role: 'partner', name: 'intern-konto-partner', path: '/intern/konto' },
	{ role: 'partner', name: 'intern-403', path: '/intern/benutzer', status: 403 },
	{ role: 'editor', name: 'intern-pruefung', path: '/intern/pruefung' },
	{ role: 'editor', name: 'intern-pruefung-vorschlag', path: (p, g) => env.linkOn(p, g, '/intern/pruefung', 'tbody a[href^="/intern/pruefung/"]') },
	{
		role: 'editor', name: 'intern-pruefung-ablehnen-fehler',
		path: (p, g) => env.linkOn(p, g, '/intern/pruefung', 'tbody a[href^="/intern/pruefung/"]'),
		/* reject without a reason */
		async prepare(page, guard) {
			const at = new URL(page.url()).pathname;
			guard.expect(422, `${at}/ablehnen`);
			assert.equal((await click(page, 'Vorschlag ablehnen', 'POST', `${at}/ablehnen`)).status(), 422);
			// one field: its message at the field, no summary
			await page.locator('#f-comment[aria-invalid="true"]').waitFor();
			await page.locator('.field-error').waitFor();
		},
	},
	{ role: 'admin', name: 'intern-admin', path: '/intern' },
	{ role: 'admin', name: 'intern-benutzer', path: '/intern/benutzer' },
	{
		role: 'admin', name: 'intern-benutzer-fehler', path: '/intern/benutzer',
		async prepare(page, guard) {
			await page.locator('#f-email').fill('keine-adresse');
			guard.expect(422, '/intern/benutzer');
			assert.equal((await click(page, 'Konto anlegen', 'POST', '/intern/benutzer')).status(), 422);
			await page.locator('.error-summary').waitFor();
		},
	},
	{ role: 'admin', name: 'intern-benutzer-eintrag', path: (p, g) => env.linkOn(p, g, '/intern/benutzer', 'tbody a[href^="/intern/benutzer/"]') },
	{ role: 'admin', name: 'intern-protokoll', path: '/intern/protokoll' },
	{ role: 'admin', name: 'intern-konto-admin', path: '/intern/konto' },
	{
		role: 'admin', name: 'intern-konto-fehler', path: '/intern/konto',
		async prepare(page, guard) {
			await page.getByLabel(/^Aktuelles Passwort/).fill('falsch');
			await page.getByLabel(/^Neues Passwort \(/).fill('kurz');
			guard.expect(422, '/intern/konto/passwort');
			const r = await click(page, 'Passwort ändern', 'POST', '/intern/konto/passwort');
			assert.ok(r.status() === 422, `a bad password change answers 422, got ${r.status()}`);
			await page.locator('.error-summary').waitFor();
		},
	},
	{ role: 'researcher', name: 'intern-forschung', path: '/intern' },
	{ role: 'researcher', name: 'intern-konto-forschung', path: '/intern/konto' },
	{ role: 'counsellor', name: 'intern-beratung', path: '/intern' },
	{ role: 'counsellor', name: 'intern-konto-beratung', path: '/intern/konto' },
];

describe(`staff pages of partner, admin, researcher, counsellor: axe-core (${AXE_TAGS.join(', ')}), tidy, screenshots, desktop and phone`, () => {
	for (const tg of TARGETS) {
		const shown = typeof tg.path === 'string' ? tg.path : 'found by following links';
		it(`${tg.role}: ${tg.name} (${shown}): no axe violations, no sideways scrolling, valid HTML`, TIMEOUT, async (t) => {
			const { page, guard } = await env.roles.as(tg.role);
			const p = typeof tg.path === 'string' ? tg.path : await tg.path(page, guard);
			t.diagnostic(`GET ${p}`);
			await env.visit(page, guard, p, tg.status || 200);
			if (tg.prepare) await tg.prepare(page, guard);
			assertStaffLayout(await pageFacts(page), p);
			await assertAccessible(page, tg.name, p, t);
			await guard.check(p);
		});
	}
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
