/* events.test.mjs — the events as a visitor uses them: the list with its
 * navigation entry and filters, an event page, registering (empty first:
 * the error summary; then filled in: the personal page), cancelling with
 * the personal link, the waiting list of a full event; axe-core clean and
 * no sideways scrolling at 360 and 1280 px on each page; an editor picks
 * an event's organiser and place by name, and the public page shows them. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, SHUTDOWN_TEST, TIMEOUT, pageFacts, assertLayout, assertAccessible, submitWith, signIn } from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

/* The path of the first event in the list whose title holds text. */
async function eventPath(page, text) {
	const href = await page.locator('.event-list a', { hasText: text }).first().getAttribute('href');
	assert.match(href, /^\/veranstaltungen\/\d+$/);
	return href;
}

async function register(page, name, email) {
	await page.locator('#f-name').fill(name);
	await page.locator('#f-email').fill(email);
	await page.locator('#f-consent').check();
	return submitWith(page, () => page.locator('form[action$="/anmeldung"] button[type="submit"]').click(),
		{ method: 'POST', path: /\/anmeldung$/ });
}

describe('events', () => {
	it('the list: navigation entry; accessible at both widths', TIMEOUT, async (t) => {
		const { page, guard, context } = await env.page({ bypassCSP: true });
		await env.visit(page, guard, '/veranstaltungen');
		const f = await pageFacts(page);
		assertLayout(f, '/veranstaltungen', 'de');
		const nav = f.nav.find((n) => n.href === '/veranstaltungen');
		assert.ok(nav, 'the main navigation links the events');
		assert.equal(nav.current, 'page');
		assert.ok(await page.locator('.event-list li').count() >= 3);
		await assertAccessible(page, 'veranstaltungen', '/veranstaltungen', t);
		await guard.check();
		await context.close();
	});

	it('the filters: by type', TIMEOUT, async () => {
		const { page, guard, context } = await env.page();
		await env.visit(page, guard, '/veranstaltungen');
		await page.locator('#f-typ').selectOption('network');
		await submitWith(page, () => page.locator('form.filters button').click(), { path: '/veranstaltungen' });
		assert.ok(page.url().includes('typ=network'));
		const titles = await page.locator('.event-list h2').allTextContents();
		assert.ok(titles.length >= 1 && titles.every((x) => x.includes('Netzwerktreffen')), titles.join(' | '));

		await guard.check();
		await context.close();
	});

	it('the archive: past events, accessible at both widths', TIMEOUT, async (t) => {
		const { page, guard, context } = await env.page({ bypassCSP: true });
		await env.visit(page, guard, '/veranstaltungen/archiv');
		assertLayout(await pageFacts(page), '/veranstaltungen/archiv', 'de');
		assert.ok((await page.locator('.event-list').textContent()).includes('Europäische Migration I:'));
		await assertAccessible(page, 'veranstaltungen-archiv', '/veranstaltungen/archiv', t);
		await guard.check();
		await context.close();
	});

	it('register (empty first), see the personal page, cancel', TIMEOUT, async (t) => {
		const { page, guard, context } = await env.page({ bypassCSP: true });
		await env.visit(page, guard, '/veranstaltungen');
		const path = await eventPath(page, 'Europäische Migration III');
		await env.visit(page, guard, path);
		assertLayout(await pageFacts(page), path, 'de');
		assert.equal(await page.locator('a[href$=".ics"]').count() >= 1, true, 'a calendar download');
		await assertAccessible(page, 'veranstaltung', path, t);

		guard.expect(422, `${path}/anmeldung`);
		const empty = await submitWith(page, () => page.locator('form[action$="/anmeldung"] button[type="submit"]').click(),
			{ method: 'POST', path: `${path}/anmeldung` });
		assert.equal(empty.status(), 422);
		await page.locator('.error-summary').waitFor({ state: 'visible' });
		assert.equal(await page.locator('#f-name').getAttribute('aria-invalid'), 'true');
		await assertAccessible(page, 'veranstaltung-fehler', `${path} with errors`, t);

		const ok = await register(page, 'Lea Browser', 'lea.browser@example.org');
		assert.equal(ok.status(), 303);
		await page.waitForURL(/\/veranstaltungen\/anmeldung\/[A-Za-z0-9_-]{43}$/);
		assert.ok(!page.url().includes('example.org'), 'no personal data in the URL');
		const status = await page.locator('.reg-status').textContent();
		assert.ok(status.includes('Lea Browser') && status.includes('angemeldet'), status);
		await assertAccessible(page, 'anmeldung', 'the personal page', t);

		await submitWith(page, () => page.locator('main form button[type="submit"]').click(), { method: 'POST' });
		assert.ok((await page.locator('main').textContent()).includes('Sie sind abgemeldet.'));
		assert.ok((await page.locator('.reg-status').textContent()).includes('abgesagt'));
		await guard.check();
		await context.close();
	});

	it('a full event puts the registrant on the waiting list, in Arabic too', TIMEOUT, async (t) => {
		const { page, guard, context } = await env.page({ bypassCSP: true });
		await env.visit(page, guard, '/veranstaltungen');
		const path = await eventPath(page, 'Infoabend');
		await env.visit(page, guard, `${path}?lang=ar`);
		assertLayout(await pageFacts(page), `${path}?lang=ar`, 'ar');
		await assertAccessible(page, 'veranstaltung-voll-ar', `${path} (ar, full)`, t);
		const ok = await register(page, 'سارة', 'sara.browser@example.org');
		assert.equal(ok.status(), 303);
		const status = await page.locator('.reg-status').textContent();
		assert.ok(status.includes('2'), `waiting-list place 2 (one waits already): ${status}`);
		await env.visit(page, guard, '/veranstaltungen?lang=de');
		await guard.check();
		await context.close();
	});

	describe('events: the staff form', () => {
	it('an editor picks organiser and place by name; the public page shows the address', TIMEOUT, async (t) => {
		const { page, guard } = await env.page({ bypassCSP: true });
		await signIn(env, page, guard, 'editor');
		await env.visit(page, guard, '/intern/veranstaltungen/neu');
		await assertAccessible(page, 'events-staff-neu', '/intern/veranstaltungen/neu', t);
		await page.locator('#f-type').selectOption('talk');
		await page.locator('#f-title').fill('Fachgespräch im Browser');
		await page.locator('#f-starts_at').fill('2099-07-01T18:00');
		await page.locator('#f-ends_at').fill('2099-07-01T20:00');
		await page.locator('#f-organiser_1').selectOption({ label: 'Jugendmigrationsdienst Mainz (Beispiel) (Mainz)' });
		await page.locator('#f-location_id').selectOption({ label: 'Beratungsstelle Neustadt (Frauenlobstraße 93, 55118 Mainz)' });
		const resp = await submitWith(page, () => page.locator('form[action="/intern/veranstaltungen/neu"] button[type="submit"]').click(),
			{ method: 'POST', path: '/intern/veranstaltungen/neu' });
		assert.equal(resp.status(), 303);
		const path = new URL(page.url()).pathname;
		assert.match(path, /^\/intern\/veranstaltungen\/\d+$/);
		assert.ok((await page.locator('#f-organiser_1 option:checked').textContent()).includes('Jugendmigrationsdienst'));
		await assertAccessible(page, 'events-staff-edit', path, t);
		await env.visit(page, guard, path.replace('/intern', ''));
		const main = await page.locator('main').textContent();
		assert.ok(main.includes('Frauenlobstraße 93, 55118 Mainz'), main);
		assert.ok(main.includes('Jugendmigrationsdienst Mainz (Beispiel)'), main);
		await guard.check();
	});
});

describe('events: the minutes', () => {
	it('an editor changes a task of the minutes, then deletes it', TIMEOUT, async (t) => {
		const { page, guard } = await env.page({ bypassCSP: true });
		await signIn(env, page, guard, 'editor');
		await env.visit(page, guard, '/intern/veranstaltungen');
		const href = await page.locator('tbody a', { hasText: 'Europäische Migration II:' }).first().getAttribute('href');
		await env.visit(page, guard, href);
		const edit = page.locator('#punkte ~ .table-wrap a', { hasText: 'Ändern' }).last();
		await submitWith(page, () => edit.click(), { path: /\/punkte\/\d+$/ });
		const path = new URL(page.url()).pathname;
		await assertAccessible(page, 'events-staff-punkt', path, t);
		await page.locator('#f-text').fill('Im Browser geändert');
		const r = await submitWith(page, () => page.locator(`form[action="${path}"] button[type="submit"]`).click(),
			{ method: 'POST', path });
		assert.equal(r.status(), 303);
		assert.ok((await page.locator('#punkte ~ .table-wrap').textContent()).includes('Im Browser geändert'));
		await env.visit(page, guard, path);
		const d = await submitWith(page, () => page.getByRole('button', { name: 'Diesen Punkt löschen' }).click(),
			{ method: 'POST', path: `${path}/loeschen` });
		assert.equal(d.status(), 303);
		assert.ok(!(await page.locator('main').textContent()).includes('Im Browser geändert'));
		await guard.check();
	});
});

describe('events: attendance on the day', () => {
	it('an editor ticks registrants off on a phone without JavaScript; the counts follow', TIMEOUT, async (t) => {
		/* at the door: a phone, no JavaScript */
		const { page, guard } = await env.page({ viewport: 'phone', javaScriptEnabled: false });
		await signIn(env, page, guard, 'editor');
		await env.visit(page, guard, '/intern/veranstaltungen');
		const href = await page.locator('tbody a', { hasText: 'Infoabend' }).first().getAttribute('href');
		await env.visit(page, guard, href);
		await submitWith(page, () => page.getByRole('link', { name: 'Anwesenheit abhaken' }).click(), { path: `${href}/einlass` });
		const path = new URL(page.url()).pathname;
		const present = () => page.locator('.checkin-counts li').first().locator('.checkin-num').textContent();
		assert.equal(await present(), '0');
		const rows = page.locator('ul.checkin').first().locator('li');
		assert.equal(await rows.count(), 3, 'the three confirmed registrants');
		const row = rows.first();
		const name = (await row.locator('.checkin-name').textContent()).trim();
		const button = row.getByRole('button', { name: `Ist da: ${name}` });
		const box = await button.boundingBox();
		assert.ok(box.height >= 44 && box.width >= 280, `a big touch target at 360 px: ${JSON.stringify(box)}`);
		const r = await submitWith(page, () => button.click(), { method: 'POST', path: /\/einlass\/\d+$/ });
		assert.equal(r.status(), 303);
		assert.match(page.url(), /\/einlass#anm-\d+$/);
		assert.equal(await present(), '1');
		const again = page.locator('ul.checkin').first().locator('li', { hasText: name });
		assert.match(await again.getAttribute('class'), /is-present/);
		assert.ok((await again.textContent()).includes('Doch nicht da'));
		/* axe (it needs JavaScript) on the same page in a second browser */
		const a = await env.page({ bypassCSP: true });
		await signIn(env, a.page, a.guard, 'editor');
		await env.visit(a.page, a.guard, path);
		await assertAccessible(a.page, 'events-einlass', path, t);
		await a.guard.check();
		/* a mistake taken back */
		await submitWith(page, () => again.getByRole('button', { name: `Doch nicht da: ${name}` }).click(),
			{ method: 'POST', path: /\/einlass\/\d+$/ });
		assert.equal(await present(), '0');
		await guard.check();
	});
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
});
