/* policy.test.mjs — committees and decision processes in the browser: the
 * public pages (bodies, a body, a meeting, papers, a paper, a decision
 * process, the search, one that finds nothing in Ukrainian, and the bodies
 * in Arabic, right to left) have no axe-core violation and do not scroll
 * sideways at 360 and 1280 px (screenshots in
 * build/screenshots/policy-*), the non-public agenda item is not shown; an
 * editor creates a meeting with an agenda item through the forms, and it
 * appears on the public page; the editor deletes it after the warning page,
 * and it is gone from the public page; the editor adds a new person as a
 * member of a body, ends the membership, and the persons' and the
 * legislative terms' pages are accessible. A search with a typo on the
 * Arabic page offers the word as the papers write it, as a link that
 * finds them. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, SHUTDOWN_TEST, TIMEOUT, assertAccessible, submitWith, signIn } from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

const PAGES = [
	{ name: 'policy-gremien', path: '/gremien', text: 'Ausländerbeirat' },
	{ name: 'policy-gremien-ar', path: '/gremien?lang=ar', text: 'Ausländerbeirat' },
	{ name: 'policy-gremium', path: '/gremien/1', text: 'Hanna Becker' },
	{ name: 'policy-sitzung', path: '/sitzungen/2', text: 'Stellungnahme des Ausländerbeirats' },
	{ name: 'policy-vorlagen', path: '/vorlagen', text: 'AK-2026/01' },
	{ name: 'policy-vorlage', path: '/vorlagen/1', text: 'Beratungen' },
	{ name: 'policy-prozess', path: '/prozesse/1', text: 'Zeitleiste' },
	{ name: 'policy-suche', path: '/gremien/suche?q=Ausbildungslotsen', text: 'AK-2026/01' },
	{ name: 'policy-suche-leer-uk', path: '/gremien/suche?q=Stellenplan&lang=uk',
		text: 'Документів або пунктів порядку денного не знайдено' },
];

describe('public committee pages', () => {
	for (const pg of PAGES) {
		it(`${pg.path}: accessible at 360 and 1280 px, nothing non-public`, TIMEOUT, async (t) => {
			const { page, guard } = await env.shared('axe', { bypassCSP: true });
			await env.visit(page, guard, pg.path);
			const main = await page.locator('main').textContent();
			assert.ok(main.includes(pg.text), `${pg.path} shows ${pg.text}`);
			assert.ok(!/Personalangelegenheiten|Personalfragen|vertraulich/i.test(main), `${pg.path} shows nothing non-public`);
			await assertAccessible(page, pg.name, pg.path, t);
			await guard.check(pg.path);
		});
	}
});

describe('search with a typo', () => {
	it('"Meinten Sie" names the word as the papers write it; following it finds them', TIMEOUT, async () => {
		const { page, guard } = await env.page({ bypassCSP: true }); /* its own: ?lang=ar sets a cookie */
		await env.visit(page, guard, '/gremien/suche?q=Ausbildungslotzen&lang=ar');
		const link = page.locator('.did-you-mean a');
		assert.equal((await link.textContent()).trim(), 'Ausbildungslotsen');
		await link.click();
		await page.waitForURL(/\/gremien\/suche\?q=Ausbildungslotsen$/);
		assert.equal(await page.locator('.did-you-mean').count(), 0, 'spelled right: no suggestion');
		assert.ok((await page.locator('main').textContent()).includes('AK-2026/01'));
		await guard.check('/gremien/suche?q=Ausbildungslotsen');
	});
});

describe('editor', () => {
	it('creates a meeting with an agenda item; the public page shows it', TIMEOUT, async (t) => {
		const { page, guard } = await env.page({ bypassCSP: true });
		await signIn(env, page, guard, 'editor');
		await env.visit(page, guard, '/intern/gremien/4');
		await page.locator('#f-name').first().fill('Sitzung im Browser');
		const form = page.locator('form[action="/intern/gremien/4/sitzungen"]');
		await form.locator('#f-datum').fill('2027-05-12');
		await form.locator('#f-uhrzeit').fill('18:30');
		await form.locator('#f-ort').fill('Rathaus Mainz, Ratssaal');
		await form.locator('#f-stand').selectOption('invited');
		const resp = await submitWith(page, () => form.locator('button[type="submit"]').click(),
			{ method: 'POST', path: '/intern/gremien/4/sitzungen' });
		assert.equal(resp.status(), 303);
		const path = new URL(page.url()).pathname;
		assert.match(path, /^\/intern\/sitzungen\/\d+$/);
		assert.ok((await page.locator('main').textContent()).includes('Gespeichert.'));
		await assertAccessible(page, 'policy-editor-sitzung', path, t);
		const item = page.locator(`form[action="${path}/punkte"]`);
		await item.locator('#f-nummer').fill('1');
		await item.locator('#f-name').fill('Bericht aus den Schulen');
		const r2 = await submitWith(page, () => item.locator('button[type="submit"]').click(),
			{ method: 'POST', path: `${path}/punkte` });
		assert.equal(r2.status(), 303);
		const id = path.split('/').pop();
		await env.visit(page, guard, `/sitzungen/${id}`);
		const main = await page.locator('main').textContent();
		assert.ok(main.includes('Sitzung im Browser') && main.includes('Bericht aus den Schulen'), main);
		assert.ok(main.includes('12.05.2027, 18:30 Uhr'), `the time in Mainz: ${main}`);
		/* delete the item: the warning page, then back to the meeting */
		await env.visit(page, guard, path);
		await page.locator('#tagesordnung + ol a.delete-link').first().click();
		await page.waitForURL(/\/intern\/gremien\/loeschen\/punkt\/\d+$/);
		const del = new URL(page.url()).pathname;
		await assertAccessible(page, 'policy-editor-loeschen', del, t);
		const r3 = await submitWith(page, () => page.locator(`form[action="${del}"] button[type="submit"]`).click(),
			{ method: 'POST', path: del });
		assert.equal(r3.status(), 303);
		assert.equal(new URL(page.url()).pathname, path);
		await env.visit(page, guard, `/sitzungen/${id}`);
		assert.ok(!(await page.locator('main').textContent()).includes('Bericht aus den Schulen'));
		await guard.check();
	});
});

describe('members', () => {
	it('adds a new person as a member, ends the membership', TIMEOUT, async (t) => {
		const { page, guard } = await env.page({ bypassCSP: true });
		await signIn(env, page, guard, 'editor');
		await env.visit(page, guard, '/intern/gremien/4');
		const form = page.locator('form[action="/intern/gremien/4/mitglieder"]');
		await form.locator('#f-vorname').fill('Amina');
		await form.locator('#f-nachname').fill('Browser-Test');
		await form.locator('#f-rolle').fill('Stellvertretung');
		await form.locator('#f-von').fill('2027-02-01');
		const resp = await submitWith(page, () => form.locator('button[type="submit"]').click(),
			{ method: 'POST', path: '/intern/gremien/4/mitglieder' });
		assert.equal(resp.status(), 303);
		const row = page.locator('table:has(#pol-ed-members) tr').filter({ hasText: 'Amina Browser-Test' });
		assert.equal(await row.count(), 1, 'the new member is listed');
		assert.ok((await row.textContent()).includes('Stellvertretung'));
		await assertAccessible(page, 'policy-editor-mitglieder', '/intern/gremien/4', t);
		await row.locator('a', { hasText: 'Ändern' }).click();
		await page.waitForURL(/\/intern\/mitgliedschaften\/\d+$/);
		const path = new URL(page.url()).pathname;
		await assertAccessible(page, 'policy-editor-mitgliedschaft', path, t);
		await page.locator('#f-bis').fill('2027-06-30');
		const r2 = await submitWith(page, () => page.locator(`form[action="${path}"] button[type="submit"]`).click(),
			{ method: 'POST', path });
		assert.equal(r2.status(), 303);
		const ended = page.locator('table:has(#pol-ed-members) tr').filter({ hasText: 'Amina Browser-Test' });
		assert.ok((await ended.textContent()).includes('30.06.2027'), await ended.textContent());
		for (const [name, p] of [['policy-editor-personen', '/intern/personen'], ['policy-editor-wahlperioden', '/intern/wahlperioden']]) {
			await env.visit(page, guard, p);
			await assertAccessible(page, name, p, t);
		}
		assert.ok((await page.locator('main').textContent()).includes('Wahlperiode 2024–2029'));
		await guard.check();
	});
});

/* Every page of the committee editors, with the demo's records. */
const EDITOR_PAGES = [
	['policy-editor-gremien', '/intern/gremien'],
	['policy-editor-gremium', '/intern/gremien/1'],
	['policy-editor-sitzung-1', '/intern/sitzungen/1'],
	['policy-editor-punkt', '/intern/sitzungen/1/punkte/1'],
	['policy-editor-beratung', '/intern/sitzungen/1/beratungen/1'],
	['policy-editor-vorlage', '/intern/vorlagen/1'],
	['policy-editor-vorlage-nicht-oeffentlich', '/intern/vorlagen/5'],
	['policy-editor-datei', '/intern/dateien/1'],
	['policy-editor-prozesse', '/intern/prozesse'],
	['policy-editor-prozess', '/intern/prozesse/1'],
	['policy-editor-schritt', '/intern/prozesse/1/schritte/1'],
	['policy-editor-person', '/intern/personen/1'],
	['policy-editor-wahlperiode', '/intern/wahlperioden/1'],
	['policy-editor-loeschen-schritt', '/intern/gremien/loeschen/schritt/1'],
];

describe('editor pages', () => {
	let session;
	for (const [name, path] of EDITOR_PAGES) {
		it(`${path}: accessible at 360 and 1280 px`, TIMEOUT, async (t) => {
			if (!session) {
				session = await env.page({ bypassCSP: true });
				await signIn(env, session.page, session.guard, 'editor');
			}
			const { page, guard } = session;
			await guard.reset();
			await env.visit(page, guard, path);
			await assertAccessible(page, name, path, t);
			await guard.check(path);
		});
	}

	it('a meeting\'s task added, changed and deleted', TIMEOUT, async (t) => {
		const { page, guard } = await env.page({ bypassCSP: true });
		await signIn(env, page, guard, 'editor');
		await env.visit(page, guard, '/intern/sitzungen/4');
		const add = page.locator('form[action="/intern/sitzungen/4/aufgaben"]');
		await add.locator('#f-was').fill('Elternbrief übersetzen lassen');
		await add.locator('#f-wer').fill('Geschäftsstelle');
		await add.locator('#f-bis').fill('2027-03-01');
		await submitWith(page, () => add.locator('button[type="submit"]').click(), { method: 'POST', path: '/intern/sitzungen/4/aufgaben' });
		await submitWith(page, () => page.getByRole('link', { name: 'Ändern: Elternbrief übersetzen lassen' }).click(),
			{ path: /\/intern\/sitzungen\/4\/aufgaben\/\d+$/ });
		const path = new URL(page.url()).pathname;
		await assertAccessible(page, 'policy-editor-aufgabe', path, t);
		await page.locator('#f-wer').fill('Frau Demir');
		await submitWith(page, () => page.locator(`form[action="${path}"] button[type="submit"]`).click(), { method: 'POST', path });
		assert.ok((await page.locator('#aufgaben ~ .table-wrap').first().textContent()).includes('Frau Demir'));
		await env.visit(page, guard, path);
		await submitWith(page, () => page.getByRole('button', { name: 'Diese Aufgabe löschen' }).click(),
			{ method: 'POST', path: `${path}/loeschen` });
		assert.ok(!(await page.locator('main').textContent()).includes('Elternbrief übersetzen lassen'));
		await guard.check();
	});

	it('a step changed with an error, then saved; two steps of a day ordered', TIMEOUT, async (t) => {
		const { page, guard } = await env.page({ bypassCSP: true });
		await signIn(env, page, guard, 'editor');
		await env.visit(page, guard, '/intern/prozesse/1/schritte/6');
		await page.locator('#f-text').fill('');
		guard.expect(422, '/intern/prozesse/1/schritte/6');
		const bad = await submitWith(page, () => page.locator('form[action="/intern/prozesse/1/schritte/6"] button').click(),
			{ method: 'POST', path: '/intern/prozesse/1/schritte/6' });
		assert.equal(bad.status(), 422);
		assert.equal(await page.locator('#f-text').getAttribute('aria-invalid'), 'true');
		await assertAccessible(page, 'policy-editor-schritt-fehler', '/intern/prozesse/1/schritte/6 with an error', t);
		await page.locator('#f-text').fill('Zum Schuljahr 2026/27 beginnen die Lotsen an sechs Schulen.');
		await page.locator('#f-datum').fill('2026-06-24');
		await submitWith(page, () => page.locator('form[action="/intern/prozesse/1/schritte/6"] button').click(),
			{ method: 'POST', path: '/intern/prozesse/1/schritte/6' });
		/* now on the day of step 5: it can go up */
		const up = page.getByRole('button', { name: /^Nach oben: Zum Schuljahr/ });
		assert.equal(await up.count(), 1);
		await assertAccessible(page, 'policy-editor-prozess-ordnen', '/intern/prozesse/1 with a day of two steps', t);
		await submitWith(page, () => up.click(), { method: 'POST', path: '/intern/prozesse/1/schritte/6/verschieben' });
		await env.visit(page, guard, '/prozesse/1');
		const main = await page.locator('main').textContent();
		assert.ok(main.indexOf('Zum Schuljahr 2026/27 beginnen die Lotsen') < main.indexOf('Der Initiativausschuss empfiehlt'),
			'moved up before the other step of its day');
		await guard.check();
	});
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
