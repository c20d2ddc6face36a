/* counselling.test.mjs — the whole counselling process in the browser, as
 * the demo team lead and the demo partner do it: a new case (empty first:
 * the error summary), consent to a referral to the partner's provider and
 * to its contact, a session, a goal of the support plan, the matching
 * offers with their reasons, a referral sent, the provider accepting,
 * starting and completing it, and the outcome at the follow-up; the team
 * lead's page with a case reassigned, and the statistics; the network has
 * switched the residence status on (LOTSE_COUNSEL_RESIDENCE); every page
 * axe-core clean and without sideways scrolling at 360 and 1280 px. */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, SHUTDOWN_TEST, TIMEOUT, assertAccessible, submitWith, signIn } from './harness.mjs';

/* the server inherits it: the residence-status field is on for this file */
process.env.LOTSE_COUNSEL_RESIDENCE = '1';
const fx = fixture();
let env;
before(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

const PROVIDER = /Brückenwerk Bildung/;
const OFFER = 'Bewerbungstraining kompakt';
/* the whole flow is many pages, each checked at two widths */
const LONG = { timeout: 150000 };

/* Open the <details> whose summary says label and submit the form in it
 * after fill(form) filled it; returns the response. */
async function inDetails(page, label, fill, path) {
	const d = page.locator('details', { has: page.locator('summary', { hasText: label }) }).first();
	await d.locator('summary').click();
	const form = d.locator('form').first();
	await fill(form);
	return submitWith(page, () => form.locator('button[type="submit"]').last().click(), { method: 'POST', path });
}

describe('counselling', () => {
	let casePath = '';

	it('a counsellor runs a case: new case, consent, session, plan, matching, referral', LONG, async (t) => {
		const { page, guard, context } = await env.page({ bypassCSP: true });
		await signIn(env, page, guard, 'teamleitung', '/intern/beratung');
		assert.ok(await page.locator('main a[href^="/intern/beratung/K-"]').count() >= 10, 'the team\'s demo cases');
		await assertAccessible(page, 'beratung-liste', '/intern/beratung', t);

		await submitWith(page, () => page.locator('main a', { hasText: 'Neuer Fall' }).click(), { path: '/intern/beratung/neu' });
		await assertAccessible(page, 'beratung-neu', '/intern/beratung/neu', t);
		guard.expect(422, '/intern/beratung/neu');
		const empty = await submitWith(page, () => page.locator('main form button[type="submit"]').click(),
			{ method: 'POST', path: '/intern/beratung/neu' });
		assert.equal(empty.status(), 422);
		assert.ok(await page.locator('a[href="#f-name"]').count() === 1, 'the error summary links to the surname');
		await assertAccessible(page, 'beratung-neu-fehler', 'the new case with errors', t);
		await page.locator('#f-name').fill('Beispielname');
		await page.locator('#f-first_name').fill('Rana');
		await page.locator('#f-contact').fill('0151 1234567');
		await page.locator('#f-age_band').selectOption('16-17');
		await page.locator('#f-languages').fill('ar');
		await page.locator('#f-german_level').selectOption('A2');
		await page.locator('#f-stage').selectOption('berufsorientierung');
		await page.locator('#f-target_group').selectOption('neuzugewanderte');
		await page.locator('#f-district').selectOption('mainz-hechtsheim');
		await page.locator('#f-needs-bewerbungstraining').check();
		await page.locator('#f-residence').selectOption('unclear');
		const made = await submitWith(page, () => page.locator('main form button[type="submit"]').click(),
			{ method: 'POST', path: '/intern/beratung/neu' });
		assert.equal(made.status(), 303);
		casePath = new URL(page.url()).pathname;
		assert.match(casePath, /^\/intern\/beratung\/K-[A-Z0-9]{4}$/);
		assert.ok(!(await page.locator('main').textContent()).includes('Beispielname'), 'the case page does not name the person');
		assert.ok((await page.locator('main dl').first().textContent()).includes('ungeklärt'), 'the residence status on the case');

		/* consent to referral and to contact, for the partner's provider */
		for (const purpose of ['referral', 'contact']) {
			await inDetails(page, 'Einwilligung festhalten', async (f) => {
				await f.locator('#f-purpose').selectOption(purpose);
				const value = await f.locator('#f-org option', { hasText: PROVIDER }).first().getAttribute('value');
				await f.locator('#f-org').selectOption(value);
				await f.locator('#f-given-by').selectOption('guardian');
			}, `${casePath}/einwilligungen`);
		}
		assert.ok((await page.locator('main').textContent()).includes('Kontakt durch den Träger'));

		await inDetails(page, 'Gespräch festhalten', async (f) => {
			await f.locator('#f-topics').fill('Bewerbung');
			await f.locator('#f-notes').fill('Möchte eine Ausbildung im Handwerk.');
			await f.locator('#f-follow_up').fill('2030-01-15');
		}, `${casePath}/gespraeche`);
		assert.ok((await page.locator('main').textContent()).includes('Möchte eine Ausbildung im Handwerk.'));

		await inDetails(page, 'Ziel hinzufügen', async (f) => {
			await f.locator('#f-phase').selectOption('application');
			await f.locator('#f-title').fill('Bewerbungsmappe fertig');
		}, `${casePath}/ziele`);
		await inDetails(page, 'Schritt hinzufügen', async (f) => {
			await f.locator('input[name="what"]').fill('Lebenslauf schreiben');
			await f.locator('select[name="who"]').selectOption('young');
		}, /\/ziele\/\d+\/schritte$/);
		assert.ok((await page.locator('main').textContent()).includes('Lebenslauf schreiben'));
		await assertAccessible(page, 'beratung-fall', 'the case page', t);

		/* matching: reasons in words, and the offers left out */
		await submitWith(page, () => page.locator('main a', { hasText: 'Passende Angebote suchen' }).click(),
			{ path: `${casePath}/passende-angebote` });
		const item = page.locator('ol.matches > li', { has: page.locator('h3', { hasText: OFFER }) });
		assert.equal(await item.count(), 1, `${OFFER} is suggested`);
		const reasons = await item.locator('ul.inline-list li').allTextContents();
		assert.ok(reasons.some((r) => r.includes('km')), `a distance among the reasons: ${reasons.join(' | ')}`);
		assert.ok(reasons.includes('Bewerbungstraining'), `the need among the reasons: ${reasons.join(' | ')}`);
		assert.ok(await page.locator('table tbody tr').count() >= 1, 'the offers left out, with their reason');
		await assertAccessible(page, 'beratung-passend', 'the matching offers', t);
		await item.locator('summary').click();
		await item.locator('select[name="channel"]').selectOption('phone');
		await item.locator('textarea[name="shared"]').fill('Sucht einen Kurs ab sofort.');
		await submitWith(page, () => item.locator('button[type="submit"]').click(), { method: 'POST', path: `${casePath}/vermittlungen` });
		assert.equal(new URL(page.url()).pathname, casePath);
		await submitWith(page, () => page.locator('button', { hasText: 'An den Träger senden' }).click(),
			{ method: 'POST', path: /\/vermittlungen\/\d+\/status$/ });
		assert.ok((await page.locator('main').textContent()).includes('gesendet'), 'the referral is sent');
		await guard.check();
		await context.close();
	});

	it('the provider accepts, starts and completes; the counsellor records the outcome', LONG, async (t) => {
		assert.ok(casePath, 'the case of the first test');
		const pseudonym = casePath.split('/').pop();
		const { page, guard, context } = await env.page({ bypassCSP: true });
		await signIn(env, page, guard, 'partner', '/intern/vermittlungen');
		const row = page.locator('tbody tr', { hasText: 'Rana' });
		assert.equal(await row.count(), 1, 'the referral with the first name (contact consent)');
		assert.ok(!(await row.textContent()).includes('Beispielname'), 'never the surname');
		assert.ok((await row.textContent()).includes('0151 1234567'));
		await assertAccessible(page, 'vermittlungen-traeger', '/intern/vermittlungen', t);
		for (const label of ['Annehmen', 'Beginn festhalten', 'Abschluss festhalten'])
			await submitWith(page, () => page.locator('tbody tr', { hasText: 'Rana' }).locator('button', { hasText: label }).click(),
				{ method: 'POST', path: /^\/intern\/vermittlungen\/\d+\/status$/ });
		assert.ok((await page.locator('tbody tr', { hasText: 'Rana' }).textContent()).includes('abgeschlossen'));
		await guard.check();
		await context.close();

		const c = await env.page({ bypassCSP: true });
		await signIn(env, c.page, c.guard, 'teamleitung', casePath);
		const form = c.page.locator('form[action*="/ergebnisse/"]').first();
		await form.locator('select[name="result"]').selectOption('apprenticeship');
		await form.locator('input[name="occupation"]').fill('Tischler');
		await submitWith(c.page, () => form.locator('button[type="submit"]').click(), { method: 'POST', path: /\/ergebnisse\/\d+$/ });
		assert.ok((await c.page.locator('main').textContent()).includes('Ausbildung begonnen: Tischler'));
		assert.ok((await c.page.locator('h1').textContent()).includes(pseudonym));

		/* the lead's team page: caseload per counsellor; the case goes to beratung1 */
		await submitWith(c.page, () => c.page.goto(`${env.base}/intern/beratung`), { path: '/intern/beratung' });
		await submitWith(c.page, () => c.page.locator('main a', { hasText: 'Team' }).click(), { path: '/intern/beratung/team' });
		const load = c.page.locator('table', { has: c.page.locator('caption', { hasText: 'Fallzahl je Beratung' }) });
		assert.ok(await load.locator('tbody tr', { hasText: 'Beratung 1' }).count() === 1, 'beratung1 in the caseload');
		assert.ok(!(await c.page.locator('main').textContent()).includes('ungeklärt'), 'no residence status on the team page');
		await assertAccessible(c.page, 'beratung-team', '/intern/beratung/team', t);
		await c.page.locator('#f-case').fill(pseudonym.toLowerCase());
		const to = await c.page.locator('#f-to option', { hasText: 'Beratung 1' }).getAttribute('value');
		await c.page.locator('#f-to').selectOption(to);
		await submitWith(c.page, () => c.page.locator('main form button', { hasText: 'Zuweisen' }).click(),
			{ method: 'POST', path: '/intern/beratung/team/zuweisen' });
		assert.ok((await c.page.locator('main').textContent()).includes('Der Fall ist neu zugewiesen.'));

		/* the statistics: tables with totals, small counts hidden */
		await submitWith(c.page, () => c.page.goto(`${env.base}/intern/statistik/beratung`), { path: '/intern/statistik/beratung' });
		assert.ok(await c.page.locator('main table').count() >= 4, 'the statistics\' tables');
		assert.ok(!(await c.page.locator('main').textContent()).includes('ungeklärt'), 'no residence status in the statistics');
		await assertAccessible(c.page, 'beratung-statistik', '/intern/statistik/beratung', t);
		await c.guard.check();
		await c.context.close();
	});

});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
