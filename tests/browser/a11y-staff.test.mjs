/* a11y-staff.test.mjs — every page of the staff area an editor reaches by
 * GET (src/routes.c), plus its forms after a preview, with errors and after
 * saving: axe-core (WCAG 2.0/2.1 A and AA) finds no violation, nothing
 * scrolls sideways, at desktop and phone width; tidy checks every document
 * (the page guard). Ids come from links on the list pages. Screenshots:
 * build/screenshots/<name>-<desktop|phone>.png. The other roles' pages,
 * and the review pages (they need a partner's proposal): a11y-roles.test.mjs. */
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

const offer = (p, g) => env.linkOn(p, g, '/intern/angebote', 'tbody th a[href^="/intern/angebote/"]');
const org = (p, g) => env.linkOn(p, g, '/intern/traeger', 'tbody th a[href^="/intern/traeger/"]');
const event = (p, g) => env.linkOn(p, g, '/intern/veranstaltungen', 'tbody a[href^="/intern/veranstaltungen/"]');
const click = (page, name, method, path) =>
	submitWith(page, () => page.getByRole('button', { name, exact: true }).click(), { method, path });

/* Send a message through the contact form, as a visitor. */
async function sendContactMessage() {
	const v = await env.page();
	await env.visit(v.page, v.guard, '/kontakt');
	await v.page.locator('#f-name').fill('Mira Beispiel');
	await v.page.locator('#f-email').fill('mira@example.org');
	await v.page.locator('#f-message').fill('Guten Tag,\nwann beginnt der nächste Deutschkurs am Abend?');
	await v.page.locator('#f-consent').check();
	const r = await submitWith(v.page, () => v.page.locator('form.form button[type="submit"]').click(), { method: 'POST', path: '/kontakt' });
	assert.equal(r.status(), 303);
	await v.guard.check();
	await v.context.close();
}

const PAGE = '/intern/seiten/bqn-rlp/de';

const TARGETS = [
	{ name: 'intern-redaktion', path: '/intern' },
	{ name: 'intern-seiten', path: '/intern/seiten' },
	{ name: 'intern-seite-bearbeiten', path: PAGE },
	{
		name: 'intern-seite-vorschau', path: PAGE,
		async prepare(page) {
			await page.getByLabel('Text').fill('## Neu\n\nEin Absatz mit **Betonung**, einer [Verlinkung](/kontakt) und\n\n- einer\n- Liste\n');
			assert.equal((await click(page, 'Vorschau', 'POST', PAGE)).status(), 200);
			await page.locator('section.preview').waitFor();
		},
	},
	{
		name: 'intern-seite-fehler', path: PAGE,
		async prepare(page, guard) {
			await page.getByLabel(/^Titel/).fill('');
			guard.expect(422, PAGE);
			assert.equal((await click(page, 'Speichern', 'POST', PAGE)).status(), 422);
			await page.locator('.error-summary').waitFor();
		},
	},
	{
		name: 'intern-seite-gespeichert', path: PAGE,
		async prepare(page) {
			const body = page.getByLabel('Text');
			await body.fill(`${await body.inputValue()}\n\nEin neuer Satz.`);
			assert.equal((await click(page, 'Speichern', 'POST', PAGE)).status(), 303);
			assert.equal(new URL(page.url()).searchParams.get('gespeichert'), '1');
		},
	},
	{ name: 'intern-seite-versionen', path: `${PAGE}/versionen` },
	{ name: 'intern-seite-version', path: (p, g) => env.linkOn(p, g, `${PAGE}/versionen`, `main a[href^="${PAGE}/versionen/"]`) },
	{ name: 'intern-nachrichten-leer', path: '/intern/nachrichten' },
	{ name: 'intern-nachrichten', path: '/intern/nachrichten', before: sendContactMessage },
	{ name: 'intern-nachricht', path: (p, g) => env.linkOn(p, g, '/intern/nachrichten', 'tbody a[href^="/intern/nachrichten/"]') },
	{ name: 'intern-angebote', path: '/intern/angebote' },
	{ name: 'intern-angebot-neu', path: '/intern/angebote/neu' },
	{
		name: 'intern-angebot-neu-fehler', path: '/intern/angebote/neu',
		async prepare(page, guard) {
			guard.expect(422, '/intern/angebote/neu');
			assert.equal((await click(page, 'Speichern', 'POST', '/intern/angebote/neu')).status(), 422);
			await page.locator('.error-summary').waitFor();
		},
	},
	{ name: 'intern-angebote-veraltet', path: '/intern/angebote/veraltet' },
	{ name: 'intern-angebot', path: offer },
	{ name: 'intern-angebot-verlauf', path: async (p, g) => `${await offer(p, g)}/verlauf` },
	{ name: 'intern-angebot-zusammenfuehren', path: async (p, g) => `${await offer(p, g)}/zusammenfuehren` },
	{
		name: 'intern-angebot-zusammenfuehren-ziel',
		path: async (p, g) => env.linkOn(p, g, `${await offer(p, g)}/zusammenfuehren`, '.merge-candidates a'),
	},
	{ name: 'intern-import', path: '/intern/import' },
	{
		name: 'intern-import-ergebnis', path: '/intern/import',
		/* a spreadsheet with one good and one bad row: the report */
		async prepare(page) {
			await page.getByLabel(/^CSV-Datei/).setInputFiles({
				name: 'angebote.csv', mimeType: 'text/csv',
				buffer: Buffer.from('Angebot;Träger;Alter von\nAbendkurs Deutsch B1;Volkshochschule Mainz (Beispiel);16\n;Niemand;abc\n'),
			});
			assert.equal((await click(page, 'Importieren', 'POST', '/intern/import')).status(), 200);
			await page.locator('#import-result').waitFor();
		},
	},
	{ name: 'intern-traeger', path: '/intern/traeger' },
	{ name: 'intern-traeger-neu', path: '/intern/traeger/neu' },
	{ name: 'intern-traeger-eintrag', path: org },
	{ name: 'intern-traeger-verlauf', path: async (p, g) => `${await org(p, g)}/verlauf` },
	{ name: 'intern-traeger-zusammenfuehren', path: async (p, g) => `${await org(p, g)}/zusammenfuehren?q=Beispiel` },
	{ name: 'intern-standort-neu', path: async (p, g) => `${await org(p, g)}/standorte/neu` },
	{
		name: 'intern-standort',
		path: async (p, g) => env.linkOn(p, g, await org(p, g), 'main a[href*="/standorte/"]:not([href$="/neu"])'),
	},
	{ name: 'intern-veranstaltungen', path: '/intern/veranstaltungen' },
	{ name: 'intern-veranstaltung-neu', path: '/intern/veranstaltungen/neu' },
	{
		name: 'intern-veranstaltung-neu-fehler', path: '/intern/veranstaltungen/neu',
		async prepare(page, guard) {
			guard.expect(422, '/intern/veranstaltungen/neu');
			assert.equal((await click(page, 'Speichern', 'POST', '/intern/veranstaltungen/neu')).status(), 422);
		},
	},
	{ name: 'intern-veranstaltung', path: event },
	{ name: 'intern-veranstaltung-anwesenheit', path: async (p, g) => `${await event(p, g)}/anwesenheit` },
	{ name: 'intern-aufgaben', path: '/intern/aufgaben' },
	{ name: 'intern-konto-redaktion', path: '/intern/konto' },
];

describe(`staff pages of an editor: axe-core (${AXE_TAGS.join(', ')}), tidy, screenshots, desktop and phone`, () => {
	for (const tg of TARGETS) {
		const shown = typeof tg.path === 'string' ? tg.path : 'found by following links';
		it(`${tg.name} (${shown}): no axe violations, no sideways scrolling, valid HTML`, TIMEOUT, async (t) => {
			const { page, guard } = await env.roles.as('editor');
			if (tg.before) await tg.before();
			const p = typeof tg.path === 'string' ? tg.path : await tg.path(page, guard);
			t.diagnostic(`GET ${p}`);
			await env.visit(page, guard, p);
			if (tg.prepare) await tg.prepare(page, guard);
			assertStaffLayout(await pageFacts(page), p);
			await assertAccessible(page, tg.name, p, t);
			await guard.check(p);
		});
	}
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
