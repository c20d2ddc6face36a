/* staff-import.test.mjs — the spreadsheet import through /intern/import
 * (#12): an editor uploads a file with two good rows and one row with
 * several problems; the result counts the new offers, links them and
 * lists every problem of the bad row with line, column and reason. The
 * same file again makes nothing new: both offers are recognised and
 * reported unchanged. A changed row updates its offer, and the offer's
 * change log marks the changed words. Each page axe-core clean and without
 * sideways scrolling at 1280 and 360 px; tidy checks every document (the
 * page guard). Screenshots: build/screenshots/staff-import-*-<desktop|phone>.png. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	fixture, SHUTDOWN_TEST, TIMEOUT, VIEWPORTS, pageFacts, assertStaffLayout, assertAccessible, submitWith,
} from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

const CSV = 'Träger;Angebot;Alter von;E-Mail;PLZ;Ort\n'
	+ 'Browser-Verein;Browserkurs Lesen;14;lesen@example.org;55116;Mainz\n'
	+ 'Browser-Verein;Browserkurs Schreiben;;;55116;Mainz\n'
	+ 'Browser-Verein;Browserkurs Kaputt;vierzehn;kaputt(at)example.org;55!16;Mainz\n';

async function upload(page, guard) {
	await env.visit(page, guard, '/intern/import');
	await page.locator('#f-datei').setInputFiles({ name: 'angebote.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
	const resp = await submitWith(page, () => page.getByRole('button', { name: 'Importieren', exact: true }).click(),
		{ method: 'POST', path: '/intern/import' });
	assert.equal(resp.status(), 200);
	assertStaffLayout(await pageFacts(page), 'the import result');
}

/* The facts of the result: "Neue Angebote" -> "2", ... */
function facts(page) {
	return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('section dl.meta dt')]
		.map((dt) => [dt.textContent.trim(), dt.nextElementSibling.textContent.trim()])));
}

describe('the spreadsheet import', () => {
	it('the first upload makes the good rows, links them and names every problem of the bad row', TIMEOUT, async (t) => {
		const { page, guard } = await env.roles.as('editor');
		await upload(page, guard);
		const f = await facts(page);
		assert.equal(f['Neue Angebote'], '2');
		assert.equal(f['Abgelehnte Zeilen'], '1');
		const links = page.locator('ul.import-offers a');
		assert.equal(await links.count(), 2);
		assert.match(await links.first().getAttribute('href'), /^\/intern\/angebote\/[0-9a-f-]{36}$/);
		const rows = await page.locator('table tbody tr').evaluateAll((trs) =>
			trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
		assert.deepEqual(rows.map((r) => r[0]), ['4', '4', '4'], 'three problems, all of line 4');
		assert.deepEqual(rows.map((r) => r[1]), ['Alter von', 'E-Mail', 'PLZ']);
		assert.match(rows[0][2], /keine Zahl: „vierzehn“/);
		await assertAccessible(page, 'staff-import-first', 'the first import result', t);
		await guard.check();
	});

	it('the same file again makes nothing new: both offers are recognised, unchanged', TIMEOUT, async (t) => {
		const { page, guard } = await env.roles.as('editor');
		await upload(page, guard);
		const f = await facts(page);
		assert.equal(f['Neue Angebote'], '0');
		assert.equal(f['Geänderte Angebote'], '0');
		assert.equal(f['Unveränderte Angebote'], '2');
		assert.equal(f['Abgelehnte Zeilen'], '1');
		assert.equal(await page.locator('ul.import-offers').count(), 0, 'no links: nothing new or changed');
		await env.visit(page, guard, '/intern/angebote?q=Browserkurs');
		assert.equal(await page.locator('tbody th a[href^="/intern/angebote/"]').count(), 2, 'two offers, not four');
		await upload(page, guard);
		await assertAccessible(page, 'staff-import-again', 'the second import result', t);
		await guard.check();
	});

	it('a changed row updates its offer, linked; the offer\'s change log shows the words that changed', TIMEOUT, async (t) => {
		const { page, guard } = await env.roles.as('editor');
		const text = (day) => `Wir lesen jeden ${day} zusammen Bücher und Zeitungen und sprechen über das, was wir gelesen haben.`;
		for (const [day, want] of [['Montag', 'Geänderte Angebote'], ['Mittwoch', 'Geänderte Angebote']]) {
			await env.visit(page, guard, '/intern/import');
			const csv = `Träger;Angebot;Beschreibung;PLZ;Ort\nBrowser-Verein;Browserkurs Lesen;${text(day)};55116;Mainz\n`;
			await page.locator('#f-datei').setInputFiles({ name: 'lesen.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
			await submitWith(page, () => page.getByRole('button', { name: 'Importieren', exact: true }).click(),
				{ method: 'POST', path: '/intern/import' });
			assert.equal((await facts(page))[want], '1');
		}
		const href = await page.locator('ul.import-offers a').first().getAttribute('href');
		await env.visit(page, guard, `${href}/verlauf`);
		assertStaffLayout(await pageFacts(page), 'the change log');
		const row = page.locator('tr.change', { has: page.locator('td[data-field="description"]') }).first();
		assert.equal((await row.locator('del').first().textContent()).trim(), 'Montag');
		assert.equal((await row.locator('ins').first().textContent()).trim(), 'Mittwoch');
		await assertAccessible(page, 'staff-import-log', 'the change log with a word diff', t);
		const before = page.viewportSize();
		try {
			await page.setViewportSize(VIEWPORTS.phone);
			const log = await page.locator('.table-wrap.card-rows').evaluate((el) => ({
				scroll: el.scrollWidth, width: el.clientWidth,
				label: getComputedStyle(el.querySelector('tbody td'), '::before').content,
			}));
			assert.ok(log.scroll <= log.width, `on a phone the change log is cards, not a table to swipe: ${log.scroll}px > ${log.width}px`);
			assert.equal(log.label, '"Zeit: "', 'each cell after its column\'s head');
		} finally {
			await page.setViewportSize(before);
		}
		await guard.check();
	});

	it(SHUTDOWN_TEST, () => fx.finish());
});
