/* a11y-finder.test.mjs — axe-core (WCAG 2.0/2.1 A and AA) finds no
 * violation, and nothing scrolls sideways, on the offer finder (bare, with
 * a query, with filters open and applied, by postcode, with no result, page
 * 2, English), the results on a map (and none), an offer page, its print view, a provider page, an unknown
 * offer (404), and the login form (empty and with an error), at desktop and
 * phone width; tidy checks every document (the page guard). Screenshots:
 * build/screenshots/<name>-<desktop|phone>.png. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, SHUTDOWN_TEST, TIMEOUT, AXE_TAGS, pageFacts, assertLayout, assertAccessible, submitWith } from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

const offer = (page, guard) => env.linkOn(page, guard, '/angebote?q=Bewerbungstraining', 'ol.hits h3 a');

const openFilterGroups = (page) => page.evaluate(() => { for (const d of document.querySelectorAll('details.filter-group')) d.open = true; });

const TARGETS = [
	{ name: 'angebote', path: '/angebote' },
	{ name: 'angebote-suche', path: '/angebote?q=Sprachkurs' },
	{
		name: 'angebote-filter', path: '/angebote?q=Sprachkurs&gruppe=gefluechtete&sprache=de&kostenlos=1',
		/* every filter group open, so that axe sees every box */
		prepare: openFilterGroups,
	},
	{ name: 'angebote-umkreis', path: '/angebote?plz=55116&umkreis=10' },
	{ name: 'angebote-keine-treffer', path: '/angebote?q=Xylophonbau&ort=bingen' },
	{ name: 'angebote-seite-2', path: '/angebote?seite=2' },
	{ name: 'angebote-en', path: '/angebote?lang=en&q=language', lang: 'en' },
	{ name: 'angebote-karte', path: '/angebote/karte?q=Sprachkurs' },
	{ name: 'angebote-karte-leer', path: '/angebote/karte?q=Xylophonbau&ort=bingen' },
	{ name: 'angebot', path: offer },
	{ name: 'angebot-druck', path: async (p, g) => `${await offer(p, g)}?druck=1`, print: true },
	{ name: 'traeger', path: async (p, g) => env.linkOn(p, g, await offer(p, g), '.offer-provider a') },
	{ name: 'angebot-404', path: '/angebote/00000000-0000-4000-8000-000000000000', status: 404 },
	{ name: 'login', path: '/login' },
	{
		name: 'login-fehler', path: '/login',
		async prepare(page, guard) {
			await page.getByLabel('E-Mail-Adresse').fill('editor@demo.lotse.invalid');
			await page.getByLabel('Passwort').fill('falsches-passwort-123');
			guard.expect(401, '/login');
			const resp = await submitWith(page, () => page.getByRole('button', { name: 'Anmelden' }).click(),
				{ method: 'POST', path: '/login' });
			assert.equal(resp.status(), 401);
			await page.locator('.error-summary').waitFor({ state: 'visible' });
		},
	},
];

describe(`accessibility (axe-core ${AXE_TAGS.join(', ')}), tidy and screenshots of the finder and login, desktop and phone`, () => {
	for (const tg of TARGETS) {
		const shown = typeof tg.path === 'string' ? tg.path : 'found by following links';
		it(`${tg.name} (${shown}): no axe violations, no sideways scrolling, valid HTML`, TIMEOUT, async (t) => {
			const { page, guard } = await env.shared('axe', { bypassCSP: true });
			const p = typeof tg.path === 'string' ? tg.path : await tg.path(page, guard);
			await env.visit(page, guard, p, tg.status || 200);
			if (tg.prepare) await tg.prepare(page, guard);
			const f = await pageFacts(page);
			if (tg.print) {
				assert.equal(f.h1.length, 1, `${p}: one h1`);
				assert.equal(f.lang, tg.lang || 'de');
			} else {
				assertLayout(f, p, tg.lang || 'de');
			}
			await assertAccessible(page, tg.name, p, t);
			await guard.check(p);
		});
	}
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
