/* offer-form.test.mjs — staff work without training (#12), as an editor
 * does it in the browser: the offer form is a sequence of short sections
 * with a table of contents and fits in well under 10,000 px at 1280 px
 * (it was 11,800 px for a new offer, 14,100 px for a stored one); the
 * provider's places appear in the same form, a fourth phone row comes
 * without saving, days are ticked and times typed in time fields,
 * languages typed by name; a staff table's action button stays on a
 * 360 px screen; two offers are merged field by field; the dashboard
 * opens with what waits; axe-core finds nothing at 360 and 1280 px. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	fixture, SHUTDOWN_TEST, TIMEOUT, submitWith, assertAccessible, assertStaffLayout,
	pageFacts, VIEWPORTS,
} from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

const PROVIDER = 'Volkshochschule Mainz (Beispiel)';
const NAME = `Abendkurs Deutsch B2 (Formular ${Date.now().toString(36)})`;
const height = (page) => page.evaluate(() => document.documentElement.scrollHeight);

/* Click the button named name (a form post to path); returns the response. */
const press = (page, name, path) => submitWith(page, () => page.getByRole('button', { name, exact: true }).click(),
	{ method: 'POST', path });

describe('the offer form', () => {
	it('is short: a new offer and a stored one each well under 10,000 px at 1280 px', TIMEOUT, async (t) => {
		const { page, guard } = await env.roles.as('editor');
		await page.setViewportSize(VIEWPORTS.desktop);
		await env.visit(page, guard, '/intern/angebote/neu');
		const fresh = await height(page);
		const stored = await env.linkOn(page, guard, '/intern/angebote', 'tbody th a[href^="/intern/angebote/"]');
		await env.visit(page, guard, stored);
		const edit = await height(page);
		t.diagnostic(`page height at 1280 px: new offer ${fresh} px (was 11,803), stored offer ${edit} px (was 14,082)`);
		assert.ok(fresh < 8000, `the new offer's form is ${fresh} px high`);
		assert.ok(edit < 9000, `a stored offer's form is ${edit} px high`);
		// the table of contents links to every section, each with its heading
		const toc = await page.locator('nav.form-toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		assert.equal(toc.length, 7);
		for (const href of toc)
			assert.equal(await page.locator(`section${href} > h2`).count(), 1, `${href} is a section with a heading`);
		await guard.check();
	});

	it('an editor fills it in one go: places, a fourth phone, days, times and languages before the first save', TIMEOUT, async () => {
		const { page, guard } = await env.roles.as('editor');
		await env.visit(page, guard, '/intern/angebote/neu');
		await page.getByLabel(/^Träger/).selectOption({ label: PROVIDER });
		await page.getByLabel(/^Name des Angebots/).fill(NAME);
		await page.locator('#f-description').fill('Deutsch am Abend, für Berufstätige.');
		// the places of the provider, without saving
		const orte = await press(page, 'Orte des Trägers anzeigen', '/intern/angebote/neu');
		assert.equal(orte.status(), 200);
		assert.equal(new URL(page.url()).hash, '#standorte', 'the redrawn form opens at the places');
		assert.match(await page.locator('.success[role="status"]').textContent(), /Noch ist nichts gespeichert/);
		assert.equal(await page.getByLabel(/^Name des Angebots/).inputValue(), NAME, 'what was typed stays');
		await page.getByLabel(/^Lernzentrum Lerchenberg/).check();
		// a fourth phone number, without saving
		for (const [i, n] of ['06131 11', '06131 22', '06131 33'].entries())
			await page.locator(`#f-phone_number_${i}`).fill(n);
		await press(page, 'Weitere Telefonnummer', '/intern/angebote/neu');
		assert.equal(new URL(page.url()).hash, '#liste-phone');
		assert.ok(await page.getByLabel(/^Lernzentrum Lerchenberg/).isChecked(), 'the ticked place stays ticked');
		await page.locator('#f-phone_number_3').fill('06131 44');
		// days as checkboxes, times in time fields
		await page.locator('#f-schedule_description_0').fill('dienstags und donnerstags abends');
		await page.getByRole('checkbox', { name: 'Dienstag' }).check();
		await page.getByRole('checkbox', { name: 'Donnerstag' }).check();
		assert.equal(await page.locator('#f-schedule_opens_0').getAttribute('type'), 'time');
		await page.locator('#f-schedule_opens_0').fill('18:00');
		await page.locator('#f-schedule_closes_0').fill('20:30');
		// languages: a checkbox by its name, the others typed by name
		await page.getByLabel('Ukrainisch', { exact: true }).check();
		await page.getByLabel('Weitere Sprachen').fill('Albanisch, Dari');
		const saved = await press(page, 'Speichern', '/intern/angebote/neu');
		assert.equal(saved.status(), 303);
		assert.match(new URL(page.url()).pathname, /^\/intern\/angebote\/[0-9a-f-]{36}$/);
		assert.match(await page.locator('.success[role="status"]').textContent(), /angelegt/);
		// everything is there when the offer is opened again
		assert.ok(await page.getByLabel(/^Lernzentrum Lerchenberg/).isChecked());
		assert.equal(await page.locator('#f-phone_number_3').inputValue(), '06131 44');
		const first = page.getByRole('group', { name: 'Zeit 1' });
		assert.ok(await first.getByRole('checkbox', { name: 'Dienstag' }).isChecked());
		assert.ok(!(await first.getByRole('checkbox', { name: 'Mittwoch' }).isChecked()));
		assert.equal(await page.locator('#f-schedule_opens_0').inputValue(), '18:00');
		assert.equal(await page.getByLabel('Weitere Sprachen').inputValue(), 'Albanisch, Dari');
		await guard.check();
	});

	it('Enter in a field saves (it does not add a row)', TIMEOUT, async () => {
		const { page, guard } = await env.roles.as('editor');
		await env.visit(page, guard, '/intern/angebote/neu');
		guard.expect(422, '/intern/angebote/neu');
		const resp = await submitWith(page, () => page.getByLabel('Andere Bezeichnung').press('Enter'),
			{ method: 'POST', path: '/intern/angebote/neu' });
		assert.equal(resp.status(), 422, 'saved, and refused for the missing name and provider');
		await page.locator('.error-summary').waitFor();
		await guard.check();
	});
});

/* Where the first action button of a table is on the loaded page, with
 * the table not scrolled sideways, and whether the page scrolls sideways. */
function firstButton(page) {
	return page.evaluate(() => {
		const b = document.querySelector('.table-wrap tbody td form button[type="submit"]');
		if (!b) return null;
		const wrap = b.closest('.table-wrap');
		wrap.scrollLeft = 0;
		const r = b.getBoundingClientRect();
		return {
			left: r.left, right: r.right, width: window.innerWidth, text: b.textContent.trim(),
			pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
			tableScrolls: wrap.scrollWidth > wrap.clientWidth,
		};
	});
}

describe('staff tables on a 360 px phone: the row\'s action button is on the screen', () => {
	const TABLES = [
		{ role: 'editor', path: '/intern/angebote/veraltet', button: /^geprüft/ },
		{ role: 'editor', path: '/intern/aufgaben', button: /erledigt|öffnen/ },
		{ role: 'partner', path: '/intern/meine-angebote', button: /^Noch aktuell/ },
	];
	for (const tb of TABLES) {
		it(`${tb.path} (${tb.role})`, TIMEOUT, async (t) => {
			const { page, guard } = await env.roles.as(tb.role);
			await page.setViewportSize(VIEWPORTS.phone);
			try {
				await env.visit(page, guard, tb.path);
				const b = await firstButton(page);
				assert.ok(b, `${tb.path} has a table with an action button`);
				t.diagnostic(JSON.stringify(b));
				assert.match(b.text, tb.button);
				assert.ok(b.tableScrolls, 'the table is wider than the phone (else the test proves nothing)');
				assert.ok(!b.pageScrolls, 'the page itself does not scroll sideways');
				assert.ok(b.left >= 0 && b.right <= b.width, `the button (${b.left}–${b.right} px) is within the ${b.width} px screen`);
			} finally {
				await page.setViewportSize(VIEWPORTS.desktop);
			}
			await guard.check();
		});
	}
});

describe('axe-core at 360 and 1280 px', () => {
	const TARGETS = [
		{
			name: 'dashboard-todo-editor', path: '/intern',
			async prepare(page) {
				const lines = await page.locator('section.todo li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
				assert.ok(lines.includes('/intern/angebote/veraltet'), `the editor's notice links to the stale offers: ${lines}`);
			},
		},
		{
			name: 'dashboard-todo-partner', path: '/intern', role: 'partner',
			async prepare(page) {
				assert.equal(await page.locator('section.todo h2').textContent(), 'Für Sie zu tun');
				assert.equal(await page.locator('section.todo a[href="/intern/pruefung"]').count(), 0);
			},
		},
		{ name: 'offer-form-neu', path: '/intern/angebote/neu' },
		{
			name: 'offer-form-orte', path: '/intern/angebote/neu',
			async prepare(page) {
				await page.getByLabel(/^Träger/).selectOption({ label: PROVIDER });
				assert.equal((await press(page, 'Orte des Trägers anzeigen', '/intern/angebote/neu')).status(), 200);
			},
		},
		{
			name: 'offer-form-fehler', path: '/intern/angebote/neu',
			async prepare(page, guard) {
				await page.getByLabel('Weitere Sprachen').fill('Elbisch');
				guard.expect(422, '/intern/angebote/neu');
				assert.equal((await press(page, 'Speichern', '/intern/angebote/neu')).status(), 422);
				assert.match(await page.locator('.error-summary').textContent(), /Elbisch/);
			},
		},
		{ name: 'offer-form-angebot', path: (p, g) => env.linkOn(p, g, '/intern/angebote', 'tbody th a[href^="/intern/angebote/"]') },
		{
			name: 'offer-merge-choices',
			path: async (p, g) => env.linkOn(p, g, `${await env.linkOn(p, g, '/intern/angebote', 'tbody th a[href^="/intern/angebote/"]')}/zusammenfuehren`,
				'.merge-candidates a'),
			async prepare(page) {
				assert.ok(await page.locator('fieldset.merge-field').count() > 0, 'the differing fields, a choice each');
			},
		},
	];
	for (const tg of TARGETS) {
		it(`${tg.name}: no axe violations, no sideways scrolling`, TIMEOUT, async (t) => {
			const { page, guard } = await env.roles.as(tg.role || 'editor');
			const p = typeof tg.path === 'string' ? tg.path : await tg.path(page, guard);
			await env.visit(page, guard, p);
			if (tg.prepare) await tg.prepare(page, guard);
			assertStaffLayout(await pageFacts(page), p);
			await assertAccessible(page, tg.name, p, t);
			await guard.check(p);
		});
	}
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
