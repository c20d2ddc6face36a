/* interviews.test.mjs — interviews as a researcher uses them: the list of
 * projects, a project with its codebook, a document with its coded
 * segments; coding a selection with the mouse and the keyboard (the
 * script posts the selection's offsets in code points, and the segment
 * comes back marked with its code in the margin), coding a paragraph with
 * JavaScript off, the segments of a code and the agreement of the demo's
 * two coders, and a .qdpx exported and uploaded again from the browser;
 * every page axe-clean and without sideways scrolling at 360 and 1280 px. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixture, SHUTDOWN_TEST, TIMEOUT, assertAccessible, submitWith, signIn } from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

const PROJECT = '/intern/interviews/1';
/* axe at two widths on several pages takes its time on a shared machine */
const LONG = { timeout: 120000 };

/* The path of the document whose name holds text, from the project page. */
async function docPath(page, text) {
	const href = await page.locator('#dokumente ~ div a, table a', { hasText: text }).first().getAttribute('href');
	assert.match(href, /^\/intern\/interviews\/1\/dokumente\/\d+$/);
	return href;
}

/* Select the first occurrence of word inside a paragraph's text, as a
 * person does with the mouse (a DOM selection). */
async function selectWord(page, word) {
	await page.evaluate((w) => {
		const line = [...document.querySelectorAll('.iv-line')].find((l) => l.textContent.includes(w));
		const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
		let node;
		while ((node = walker.nextNode()) && !node.data.includes(w));
		const r = document.createRange();
		r.setStart(node, node.data.indexOf(w));
		r.setEnd(node, node.data.indexOf(w) + w.length);
		const sel = window.getSelection();
		sel.removeAllRanges();
		sel.addRange(r);
	}, word);
}

describe('interviews', () => {
	it('projects and a project page: accessible at both widths', LONG, async (t) => {
		const { page, guard, context } = await env.page({ bypassCSP: true });
		await signIn(env, page, guard, 'researcher', '/intern/interviews');
		assert.ok(await page.locator('a', { hasText: 'Übergänge Schule–Beruf in Mainz (Demo)' }).count() === 1);
		await assertAccessible(page, 'interviews', '/intern/interviews', t);
		await env.visit(page, guard, PROJECT);
		assert.ok((await page.locator('ul.iv-codebook').textContent()).includes('Anerkennung von Abschlüssen'));
		/* the colour of a code comes from the project's stylesheet */
		const bg = await page.locator('ul.iv-codebook .iv-swatch').first().evaluate((el) => getComputedStyle(el).backgroundColor);
		assert.equal(bg, 'rgb(217, 83, 79)');
		await assertAccessible(page, 'interview-projekt', PROJECT, t);
		await guard.check();
		await context.close();
	});

	it('code a selection with the mouse, then with the keyboard', LONG, async (t) => {
		const { page, guard, context } = await env.page({ bypassCSP: true });
		await signIn(env, page, guard, 'researcher', PROJECT);
		const doc = await docPath(page, 'Interview 01');
		await env.visit(page, guard, doc);
		await assertAccessible(page, 'interview-dokument', doc, t);
		const form = page.locator('#iv-sel');
		assert.ok(await form.isVisible(), 'with JavaScript, the selection form shows');
		assert.ok(await page.locator('#iv-sel-submit').isDisabled(), 'nothing selected: the button waits');

		await selectWord(page, 'Elektriker');
		await page.waitForFunction(() => document.getElementById('iv-sel-start').value !== '');
		assert.equal(await page.locator('#iv-sel-text').textContent(), '„Elektriker“');
		/* the offsets count code points from the paragraph's start */
		const want = await page.evaluate(() => {
			const line = [...document.querySelectorAll('.iv-line')].find((l) => l.textContent.includes('Elektriker'));
			const s = Number(line.dataset.start) + Array.from(line.textContent.slice(0, line.textContent.indexOf('Elektriker'))).length;
			return [String(s), String(s + 10)];
		});
		assert.deepEqual([await page.locator('#iv-sel-start').inputValue(), await page.locator('#iv-sel-end').inputValue()], want);
		await page.locator('#iv-sel label', { hasText: 'Praktikum' }).click();
		const resp = await submitWith(page, () => page.locator('#iv-sel-submit').click(), { method: 'POST', path: /\/kodieren$/ });
		assert.equal(resp.status(), 303);
		assert.ok((await page.locator('[role="status"], .notice').first().textContent()).includes('Die Kodierung ist gespeichert'));
		const marked = await page.locator('.iv-line mark').allTextContents();
		assert.ok(marked.includes('Elektriker'), `marked: ${marked.join(' | ')}`);
		const para = page.locator('.iv-para', { hasText: 'Elektriker werden' });
		assert.ok((await para.locator('.iv-margin').textContent()).includes('Praktikum'), 'the code in the margin');

		/* the keyboard: the selection, then Space on a code and Enter on the button */
		await selectWord(page, 'Lebenslauf');
		await page.waitForFunction(() => document.getElementById('iv-sel-text').textContent.includes('Lebenslauf'));
		await page.locator('#iv-sel input[type="checkbox"]').nth(7).focus();
		await page.keyboard.press('Space');
		assert.ok(await page.locator('#iv-sel input[type="checkbox"]').nth(7).isChecked());
		await page.locator('#iv-sel-submit').focus();
		const r2 = await submitWith(page, () => page.keyboard.press('Enter'), { method: 'POST', path: /\/kodieren$/ });
		assert.equal(r2.status(), 303);
		assert.ok((await page.locator('.iv-line mark').allTextContents()).includes('Lebenslauf'));
		await guard.check();
		await context.close();
	});

	it('on a phone the coding panel is a slim bar until text is selected; the new pages are accessible', LONG, async (t) => {
		const { page, guard, context } = await env.page({ bypassCSP: true, viewport: 'phone' });
		await signIn(env, page, guard, 'researcher', PROJECT);
		const doc = await docPath(page, 'Interview 02');
		await env.visit(page, guard, doc);
		const vh = page.viewportSize().height;
		const slim = await page.locator('#iv-sel').boundingBox();
		assert.ok(slim.height < vh * 0.2, `the bar takes ${slim.height}px of ${vh}px before a selection`);
		assert.equal(await page.locator('#iv-sel .iv-sel-codes').isVisible(), false, 'no codes before a selection');
		await page.screenshot({ path: path.join(os.tmpdir(), 'lotse-iv-phone-bar.png') });
		await selectWord(page, 'Sprachkurs');
		await page.waitForFunction(() => document.getElementById('iv-sel').classList.contains('iv-sel-active'));
		assert.ok(await page.locator('#iv-sel .iv-sel-codes').isVisible(), 'the codes once text is selected');
		const open = await page.locator('#iv-sel').boundingBox();
		assert.ok(open.height < vh * 0.6, `the open panel takes ${open.height}px of ${vh}px`);
		await page.screenshot({ path: path.join(os.tmpdir(), 'lotse-iv-phone-open.png') });
		for (const [name, where] of [['interview-begriffe', '/begriffe'], ['interview-sets', '/sets'],
			['interview-schluessel', '/schluessel']]) {
			await env.visit(page, guard, PROJECT + where);
			await assertAccessible(page, name, PROJECT + where, t);
		}
		await env.visit(page, guard, doc.replace(/\d+$/, '6'));
		await assertAccessible(page, 'interview-expertengespraech', 'an expert talk', t);
		await guard.check();
		await context.close();
	});

	it('code a paragraph with JavaScript off', LONG, async (t) => {
		const { page, guard, context } = await env.page({ javaScriptEnabled: false, viewport: 'phone' });
		await signIn(env, page, guard, 'researcher', PROJECT);
		const doc = await docPath(page, 'Interview 05');
		await env.visit(page, guard, doc);
		assert.equal(await page.locator('#iv-sel').isVisible(), false, 'without JavaScript the selection form stays hidden');
		const before = await page.locator('.iv-line mark').count();
		const p2 = page.locator('#a-2');
		await p2.locator('summary').click();
		await p2.locator('select').selectOption({ label: 'Bedarfe' });
		const resp = await submitWith(page, () => p2.locator('button[type="submit"]').click(), { method: 'POST', path: /\/kodieren$/ });
		assert.equal(resp.status(), 303);
		assert.ok(page.url().endsWith('#a-2'));
		assert.ok(await page.locator('.iv-line mark').count() > before);
		assert.ok((await page.locator('#a-2 .iv-margin').textContent()).includes('Bedarfe'));
		await guard.check();
		await context.close();
	});

	it('segments of a code and the agreement of two coders: accessible', LONG, async (t) => {
		const { page, guard, context } = await env.page({ bypassCSP: true });
		await signIn(env, page, guard, 'researcher', PROJECT);
		await env.visit(page, guard, `${PROJECT}/segmente`);
		await page.locator('#f-code').selectOption({ label: 'Barrieren' });
		await page.locator('#f-sub').check();
		await submitWith(page, () => page.locator('main form button[type="submit"]').click(), { path: `${PROJECT}/segmente` });
		assert.ok(await page.locator('li.iv-segment').count() >= 10);
		await assertAccessible(page, 'interview-segmente', `${PROJECT}/segmente`, t);
		await env.visit(page, guard, `${PROJECT}/uebereinstimmung`);
		assert.ok((await page.locator('table').textContent()).includes('Insgesamt'));
		await assertAccessible(page, 'interview-uebereinstimmung', `${PROJECT}/uebereinstimmung`, t);
		await env.visit(page, guard, `${PROJECT}/matrix`);
		await assertAccessible(page, 'interview-matrix', `${PROJECT}/matrix`, t);
		await guard.check();
		await context.close();
	});

	it('a case on a phone: made, two documents put in it, its pages and the matrix by case accessible', LONG, async (t) => {
		const { page, guard, context } = await env.page({ bypassCSP: true, viewport: 'phone' });
		await signIn(env, page, guard, 'researcher', `${PROJECT}/faelle`);
		await assertAccessible(page, 'interview-faelle', `${PROJECT}/faelle`, t);
		await page.locator('#f-name').fill('Familie S.');
		await submitWith(page, () => page.locator('main form button[type="submit"]').click(),
			{ method: 'POST', path: `${PROJECT}/faelle` });
		assert.match(new URL(page.url()).pathname, /\/faelle\/\d+$/);
		const casePath = new URL(page.url()).pathname;
		await page.locator('label', { hasText: 'Interview 01' }).click();
		await page.locator('label', { hasText: 'Interview 02' }).click();
		await submitWith(page, () => page.locator('button', { hasText: 'Dokumente speichern' }).click(),
			{ method: 'POST', path: `${casePath}/dokumente` });
		assert.equal(await page.locator('input[name="doc"]:checked').count(), 2);
		await assertAccessible(page, 'interview-fall', casePath, t);
		await env.visit(page, guard, PROJECT);
		assert.match(await page.locator('#faelle + ul').textContent(), /Familie S\. · 2 Dokumente/);
		await env.visit(page, guard, `${PROJECT}/matrix?faelle=1`);
		assert.ok((await page.locator('table').textContent()).includes('Familie S. (2 Dok.)'));
		await assertAccessible(page, 'interview-matrix-faelle', `${PROJECT}/matrix?faelle=1`, t);
		await guard.check();
		await context.close();
	});

	it('export a .qdpx and upload it again', TIMEOUT, async () => {
		const { page, guard, context } = await env.page();
		await signIn(env, page, guard, 'researcher', '/intern/interviews');
		const res = await page.request.get(`${PROJECT}/projekt.qdpx`);
		assert.equal(res.status(), 200);
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-qdpx-'));
		const file = path.join(dir, 'projekt.qdpx');
		fs.writeFileSync(file, await res.body());
		await page.locator('#f-file').setInputFiles(file);
		const resp = await submitWith(page, () => page.locator('form[action="/intern/interviews/import"] button').click(),
			{ method: 'POST', path: '/intern/interviews/import' });
		assert.equal(resp.status(), 200);
		assert.match(await page.locator('main').textContent(), /Importiert: 10 Codes, 6 Dokumente, \d+ Kodierungen\./);
		assert.equal(await page.locator('a', { hasText: 'Übergänge Schule–Beruf in Mainz (Demo)' }).count(), 2);
		fs.rmSync(dir, { recursive: true, force: true });
		await guard.check();
		await context.close();
	});

	it(SHUTDOWN_TEST, () => fx.finish());
});
