/* survey-upload.test.mjs — a researcher on a phone (360 px) uploads a
 * questionnaire of another tool on /intern/umfragen (#18): a LimeSurvey
 * .lss becomes a new draft, the importer's warnings on the page with a
 * link to it; a malformed file gives the form again with the error summary
 * (an alert, linking to the field) and the reason at the field, and nothing is stored. Each page
 * axe-core clean at 360 and 1280 px without sideways scrolling; tidy
 * checks every document (the page guard). Screenshots:
 * build/screenshots/umfrage-import-*-<desktop|phone>.png. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fixture, SHUTDOWN_TEST, TIMEOUT, VIEWPORTS, assertAccessible, submitWith } from './harness.mjs';

const fx = fixture({ sessions: { bypassCSP: true, viewport: VIEWPORTS.phone } });
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

const LSS = readFileSync(fileURLToPath(new URL('../data/surveys/quirks.lss', import.meta.url)));

async function upload(page, guard, name, buffer, status) {
	await env.visit(page, guard, '/intern/umfragen');
	await page.locator('#f-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
	if (status !== 200)
		guard.expect(status, '/intern/umfragen/import');
	const resp = await submitWith(page, () => page.locator('form[action="/intern/umfragen/import"] button').click(),
		{ method: 'POST', path: '/intern/umfragen/import' });
	assert.equal(resp.status(), status);
}

describe('uploading a questionnaire', () => {
	it('a LimeSurvey file becomes a draft; its warnings are shown', TIMEOUT, async (t) => {
		const { page, guard } = await env.roles.as('researcher');
		await env.visit(page, guard, '/intern/umfragen');
		await assertAccessible(page, 'umfrage-import-formular', '/intern/umfragen with the upload', t);
		await upload(page, guard, 'quirks.lss', LSS, 200);
		const main = await page.locator('main').textContent();
		assert.match(main, /Die Umfrage \S+ wurde als Entwurf angelegt\./);
		assert.ok(await page.locator('ul.import-warnings li').count() > 0, 'the warnings are listed');
		await assertAccessible(page, 'umfrage-import-ok', 'the import result', t);
		await page.locator('a', { hasText: 'Zur neuen Umfrage' }).click();
		await page.waitForURL(/\/intern\/umfragen\/\d+$/);
		await guard.check();
	});

	it('a malformed file: the form again with the reason, nothing stored', TIMEOUT, async (t) => {
		const { page, guard } = await env.roles.as('researcher');
		await env.visit(page, guard, '/intern/umfragen');
		const before = await page.locator('main table tbody tr').count();
		await upload(page, guard, 'kaputt.lss', LSS.subarray(0, 500), 422);
		assert.ok(await page.locator('.error-summary[role="alert"] a[href="#f-file"]').isVisible());
		assert.equal(await page.locator('#f-file').getAttribute('aria-invalid'), 'true');
		assert.ok((await page.locator('main').textContent()).includes('nichts wurde gespeichert'));
		await assertAccessible(page, 'umfrage-import-fehler', 'the refused upload', t);
		await env.visit(page, guard, '/intern/umfragen');
		assert.equal(await page.locator('main table tbody tr').count(), before, 'no survey was added');
		await guard.check();
	});

	it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
});
