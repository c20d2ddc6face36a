/* surveys.test.mjs — a survey as its users meet it: a young person answers
 * the demo needs survey on a phone in Arabic (right to left, consent, an
 * error at the question with the focus on the summary, back and next, the
 * language switch to German and back without losing an answer, the end),
 * with axe-core clean at 360 and 1280 px on each page and no sideways
 * scrolling; the same without JavaScript; and a researcher builds a
 * question with a condition, sees a broken condition refused at its field,
 * and looks at the analysis. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, SHUTDOWN_TEST, TIMEOUT, VIEWPORTS, pageFacts, assertLayout, assertAccessible, submitWith, signIn,
	runAxe, formatViolations, sidewaysOverflow }
	from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

const PATH = '/umfrage/bedarf-2027';

async function next(page, guard, status = 303) {
	if (status !== 303)
		guard.expect(status, PATH);
	const resp = await submitWith(page, () => page.locator('.survey-nav button[value="weiter"]').click(),
		{ method: 'POST', path: PATH });
	assert.equal(resp.status(), status);
	return resp;
}

describe('surveys', () => {
	it('answering on a phone in Arabic: errors, back and next, language switch, the end', { timeout: 90000 }, async (t) => {
		const { page, guard, context } = await env.page({ bypassCSP: true, viewport: VIEWPORTS.phone });
		await env.visit(page, guard, `${PATH}?lang=ar`);
		const f = await pageFacts(page);
		assertLayout(f, `${PATH}?lang=ar`, 'ar');
		assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
		await assertAccessible(page, 'umfrage-willkommen-ar', `${PATH} welcome (ar)`, t);
		/* start without consent: the summary takes the focus */
		guard.expect(422, PATH);
		const refused = await submitWith(page, () => page.locator('main form button[type="submit"]').click(),
			{ method: 'POST', path: PATH });
		assert.equal(refused.status(), 422);
		await page.locator('.error-summary').waitFor({ state: 'visible' });
		await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
		await page.locator('#f-einwilligung').check();
		await submitWith(page, () => page.locator('main form button[type="submit"]').click(), { method: 'POST', path: PATH });
		assert.ok((await page.locator('#fortschritt').textContent()).includes('1'));
		await assertAccessible(page, 'umfrage-seite1-ar', `${PATH} page 1 (ar)`, t);
		/* a wrong age: the error at the question, the other answers kept */
		await page.locator('#f-q-alter').fill('9');
		await page.locator('label[for="f-q-seit-1"]').click();
		await page.locator('#f-q-wohnort').selectOption('lu');
		await next(page, guard, 422);
		await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
		assert.equal(await page.locator('#f-q-alter').getAttribute('aria-invalid'), 'true');
		assert.equal(await page.locator('#f-q-alter').inputValue(), '9');
		assert.ok(await page.locator('#f-q-seit-1').isChecked());
		assert.equal(await page.locator('#f-q-wohnort').inputValue(), 'lu');
		await assertAccessible(page, 'umfrage-fehler-ar', `${PATH} page 1 with errors (ar)`, t);
		await page.locator('.error-summary a').first().click();
		await page.locator('#f-q-alter').fill('17');
		await page.locator('label[for="f-q-deutsch-1"]').click();
		await page.locator('label[for="f-q-schule"]').click();
		await next(page, guard);
		/* page 2: choose a goal; the field question follows after "next" */
		await page.locator('label[for="f-q-ziel"]').click();
		await next(page, guard);
		await submitWith(page, () => page.locator('.survey-nav button[value="zurueck"]').click(), { method: 'POST', path: PATH });
		assert.ok(await page.locator('#f-q-ziel').isChecked(), 'the goal is kept after going back');
		await page.locator('label[for="f-q-branche"]').click();
		/* switch to German mid-page: the ticked field is kept */
		await page.locator('#f-sprache').selectOption('de');
		await submitWith(page, () => page.locator('button[value="sprache"]').click(), { method: 'POST', path: PATH });
		assert.equal(await page.locator('html').getAttribute('lang'), 'de');
		assert.ok((await page.locator('main').textContent()).includes('In welchem Bereich?'));
		assert.ok(await page.locator('#f-q-branche').isChecked(), 'the answer survives the language switch');
		await page.locator('#f-sprache').selectOption('ar');
		await submitWith(page, () => page.locator('button[value="sprache"]').click(), { method: 'POST', path: PATH });
		assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
		await assertAccessible(page, 'umfrage-seite2-ar', `${PATH} page 2 (ar)`, t);
		await next(page, guard);
		/* page 3: the array */
		await page.locator('label[for="f-q-zufr"]').click();
		await assertAccessible(page, 'umfrage-seite3-ar', `${PATH} page 3 (ar)`, t);
		await next(page, guard);
		await page.locator('label[for="f-q-kontakt"]').click();
		await next(page, guard);
		assert.ok((await page.locator('main').textContent()).includes('شكراً'), 'the end page in Arabic');
		await assertAccessible(page, 'umfrage-ende-ar', `${PATH} end (ar)`, t);
		await guard.check();
		await context.close();
	});

	it('works without JavaScript at 360 px, and a closed survey says so', TIMEOUT, async (t) => {
		const { page, guard, context } = await env.page({ bypassCSP: true, viewport: VIEWPORTS.phone, javaScriptEnabled: false });
		await env.visit(page, guard, PATH);
		await page.locator('#f-einwilligung').check();
		await submitWith(page, () => page.locator('main form button[type="submit"]').click(), { method: 'POST', path: PATH });
		await next(page, guard, 422);
		assert.ok(await page.locator('.error-summary').isVisible());
		guard.expect(404, '/umfrage/gibt-es-nicht');
		await env.visit(page, guard, '/umfrage/gibt-es-nicht', 404);
		assert.ok((await page.locator('main').textContent()).includes('Eine Umfrage unter dieser Adresse gibt es nicht.'));
		await page.screenshot({ path: `${process.cwd()}/../../build/screenshots/umfrage-ohne-js-phone.png` });
		await guard.check();
		await context.close();
	});

	it('a researcher builds a question with a condition and sees the analysis', { timeout: 150000 }, async (t) => {
		const { page, guard, context } = await env.page({ bypassCSP: true });
		await signIn(env, page, guard, 'researcher');
		await env.visit(page, guard, '/intern/umfragen');
		await assertAccessible(page, 'umfragen-liste', '/intern/umfragen', t);
		await page.locator('#f-title').fill('Befragung der Schulen');
		await page.locator('#f-code').fill('schulen');
		await submitWith(page, () => page.locator('form[action="/intern/umfragen/neu"] button').click(), { method: 'POST' });
		const base = new URL(page.url()).pathname;
		assert.match(base, /^\/intern\/umfragen\/\d+$/);
		await page.locator('#f-page-title').fill('Ihre Schule');
		await submitWith(page, () => page.locator(`form[action="${base}/seiten"] button`).click(), { method: 'POST' });
		await page.locator('a', { hasText: 'Neue Frage' }).click();
		await page.waitForURL(/fragen\/neu$/);
		await assertAccessible(page, 'umfrage-frage-neu', `${base}/fragen/neu`, t);
		await page.locator('#f-code').fill('schulform');
		await page.locator('#f-type').selectOption('single');
		await page.locator('#f-text').fill('Welche Schulform?');
		await page.locator('#f-options').fill('rs = Realschule plus\nigs = Integrierte Gesamtschule');
		await page.locator('#f-cond').fill('schulform ==');
		guard.expect(422, `${base}/fragen/neu`);
		const bad = await submitWith(page, () => page.locator('main form button[type="submit"]').first().click(), { method: 'POST' });
		assert.equal(bad.status(), 422);
		assert.equal(await page.locator('#f-cond').getAttribute('aria-invalid'), 'true');
		assert.equal(await page.locator('#f-options').inputValue(), 'rs = Realschule plus\nigs = Integrierte Gesamtschule');
		await assertAccessible(page, 'umfrage-frage-fehler', 'the question form with errors', t);
		await page.locator('#f-cond').fill('');
		await submitWith(page, () => page.locator('main form button[type="submit"]').first().click(), { method: 'POST' });
		assert.ok((await page.locator('main').textContent()).includes('Welche Schulform?'));
		await assertAccessible(page, 'umfrage-editor', base, t);
		/* the demo survey's analysis */
		await env.visit(page, guard, '/intern/umfragen');
		await page.locator('a', { hasText: 'Was brauchst du' }).click();
		await page.locator('a', { hasText: 'Auswertung' }).first().click();
		await page.waitForURL(/auswertung$/);
		assert.ok(await page.locator('svg.chart-bars').count() > 5);
		assert.equal(await page.locator('svg.chart-diverging').count(), 1); /* the Likert array, diverging */
		/* the page is long: axe and the width at both sizes, without full-page screenshots */
		for (const [vp, size] of Object.entries(VIEWPORTS)) {
			await page.setViewportSize(size);
			const o = await sidewaysOverflow(page);
			assert.ok(o.scrollWidth <= o.width, `the analysis scrolls sideways at ${vp}: ${o.wide.join(', ')}`);
			const v = await runAxe(page);
			assert.deepEqual(v, [], formatViolations(v));
		}
		await page.screenshot({ path: `${process.cwd()}/../../build/screenshots/umfrage-auswertung-phone.png` });
		await page.setViewportSize(VIEWPORTS.desktop);
		await page.locator('svg.chart-diverging').screenshot({ path: `${process.cwd()}/../../build/screenshots/umfrage-likert.png` });
		await page.locator('#f-zeile').selectOption('deutsch');
		await page.locator('#f-spalte').selectOption('ziel');
		await submitWith(page, () => page.locator('form[action$="/kreuztabelle"] button').click(), { path: /kreuztabelle/ });
		assert.ok((await page.locator('main').textContent()).includes('Cramérs V'));
		await assertAccessible(page, 'umfrage-kreuztabelle', 'the crosstab', t);
		await guard.check();
		await context.close();
	});

	it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
});
