/* staff.test.mjs — the staff area (/intern) as its people use it: an
 * editor signs in with the keyboard, edits a page (preview, save, public),
 * reads a contact message, reviews a partner's proposal and signs out; an
 * admin looks at users, the audit log and the own account; a partner
 * proposes a change to an own offer; a wrong password is refused with a
 * message; a role without the right gets 403. Each role signs in once. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fixture, SHUTDOWN_TEST, TIMEOUT, submitWith, signIn } from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

/* One signed-in page per role, kept for the whole file. */
const sessions = {};
async function as(role) {
	if (!sessions[role]) {
		const s = await env.page();
		await signIn(env, s.page, s.guard, role);
		sessions[role] = s;
	}
	await sessions[role].guard.reset(); // leftovers of a failed test
	return sessions[role];
}

/* The staff navigation: [{ text, href, current }]. */
function staffNav(page) {
	return page.locator('nav.staff-nav a').evaluateAll((as) => as.map((a) => ({
		text: a.textContent.trim(), href: a.getAttribute('href'), current: a.getAttribute('aria-current'),
	})));
}

/* Follow the staff navigation link to href. */
async function navTo(page, href) {
	await submitWith(page, () => page.locator(`nav.staff-nav a[href="${href}"]`).click(), { method: 'GET', path: href });
	assert.equal(new URL(page.url()).pathname, href);
	const cur = (await staffNav(page)).filter((n) => n.current === 'page').map((n) => n.href);
	assert.deepEqual(cur, [href], `the staff navigation marks ${href} as current`);
}

const h1 = async (page) => (await page.locator('h1').textContent()).trim();
const STAMP = `Prüfvermerk ${Date.now().toString(36)}`;

describe('editor', () => {
	it('signs in with the keyboard alone and sees the dashboard', TIMEOUT, async () => {
		const s = await env.page();
		const { page, guard } = s;
		const acc = env.accounts.editor;
		await env.visit(page, guard, '/login');
		assert.equal(await h1(page), 'Anmelden');
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
		await page.keyboard.press('Enter');
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement.id), 'f-email', 'Tab from main reaches the e-mail field');
		await page.keyboard.type(acc.email);
		await page.keyboard.press('Tab');
		assert.equal(await page.evaluate(() => document.activeElement.id), 'f-password');
		await page.keyboard.type(acc.password);
		const resp = await submitWith(page, () => page.keyboard.press('Enter'), { method: 'POST', path: '/login' });
		assert.equal(resp.status(), 303);
		assert.equal(new URL(page.url()).pathname, '/intern');
		assert.equal(await h1(page), 'Interner Bereich');
		assert.match(await page.locator('main .lead').textContent(), new RegExp(acc.email.replace(/\./g, '\\.')));
		assert.equal((await page.locator('.signout .signed-in').textContent()).trim(), acc.email);
		const nav = await staffNav(page);
		for (const href of ['/intern', '/intern/seiten', '/intern/nachrichten', '/intern/angebote', '/intern/traeger', '/intern/pruefung', '/intern/konto'])
			assert.ok(nav.some((n) => n.href === href), `the editor's navigation links to ${href}: ${JSON.stringify(nav)}`);
		assert.ok(!nav.some((n) => n.href === '/intern/benutzer'), 'no user administration for an editor');
		assert.equal(nav.find((n) => n.current === 'page')?.href, '/intern');
		const cookies = await s.context.cookies();
		const session = cookies.find((c) => /session/.test(c.name));
		assert.ok(session && session.httpOnly, `an httpOnly session cookie: ${JSON.stringify(cookies.map((c) => c.name))}`);
		await guard.check();
		sessions.editor = s;
	});

	it('edits /bqn-rlp (de): preview, save, the change is public, a version is kept', TIMEOUT, async () => {
		const { page, guard } = await as('editor');
		await env.visit(page, guard, '/intern');
		await navTo(page, '/intern/seiten');
		const edit = page.locator('a[href="/intern/seiten/bqn-rlp/de"]');
		await submitWith(page, () => edit.click(), { method: 'GET', path: '/intern/seiten/bqn-rlp/de' });
		assert.match(await h1(page), /bqn-rlp/);
		const body = page.getByLabel('Text');
		const original = await body.inputValue();
		assert.ok(original.length > 100, 'the editor shows the page text');
		const added = `\n\n## ${STAMP}\n\nEin **neuer** Absatz aus dem Browsertest.\n`;
		await body.fill(original + added);

		// preview: shown rendered, not yet public
		const pv = await submitWith(page, () => page.getByRole('button', { name: 'Vorschau' }).click(),
			{ method: 'POST', path: '/intern/seiten/bqn-rlp/de' });
		assert.equal(pv.status(), 200);
		const preview = page.locator('section.preview');
		assert.equal(await preview.locator('h2', { hasText: STAMP }).count(), 1, 'the preview renders the new heading');
		assert.equal(await preview.locator('strong', { hasText: 'neuer' }).count(), 1, 'and the Markdown emphasis');
		// (trailing white space may go)
		assert.ok((await body.inputValue()).trimEnd() === (original + added).trimEnd(), 'the text stays in the editor after the preview');
		const pub = await fetch(env.url('/bqn-rlp'), { signal: AbortSignal.timeout(5000) }).then((r) => r.text());
		assert.ok(!pub.includes(STAMP), 'a preview changes nothing public');

		// save
		const sv = await submitWith(page, () => page.getByRole('button', { name: 'Speichern' }).click(),
			{ method: 'POST', path: '/intern/seiten/bqn-rlp/de' });
		assert.equal(sv.status(), 303, 'saving answers 303 See Other');
		const u = new URL(page.url());
		assert.equal(u.pathname, '/intern/seiten/bqn-rlp/de');
		assert.equal(u.searchParams.get('gespeichert'), '1');
		assert.match(await page.locator('.success[role="status"]').textContent(), /Gespeichert/);

		// the public page, as the editor sees it from the link
		await submitWith(page, () => page.getByRole('link', { name: 'Öffentliche Seite ansehen' }).click(),
			{ method: 'GET', path: '/bqn-rlp' });
		assert.equal(await page.locator('main h2', { hasText: STAMP }).count(), 1, 'the saved change is on the public page');
		// and to a visitor without a session
		const anon = await env.page();
		await env.visit(anon.page, anon.guard, '/bqn-rlp');
		assert.equal(await anon.page.locator('main h2', { hasText: STAMP }).count(), 1, 'a visitor sees the change');
		await anon.guard.check();
		await anon.context.close();

		// the versions
		await env.visit(page, guard, '/intern/seiten/bqn-rlp/de/versionen');
		assert.ok(await page.locator('main a[href^="/intern/seiten/bqn-rlp/de/versionen/"]').count() >= 1,
			'the saved version is listed');
		await guard.check();
	});

	it('reads a message sent through /kontakt in the inbox and marks it done', TIMEOUT, async () => {
		// a visitor writes
		const v = await env.page();
		await env.visit(v.page, v.guard, '/kontakt');
		await v.page.locator('#f-name').fill('Ada Beispiel');
		await v.page.locator('#f-email').fill('ada@example.org');
		await v.page.locator('#f-message').fill(`Guten Tag, ${STAMP}: gibt es Sprachkurse am Abend?`);
		await v.page.locator('#f-consent').check();
		const sent = await submitWith(v.page, () => v.page.locator('form.form button[type="submit"]').click(),
			{ method: 'POST', path: '/kontakt' });
		assert.equal(sent.status(), 303);
		await v.guard.check();
		await v.context.close();

		// the editor reads it
		const { page, guard } = await as('editor');
		await env.visit(page, guard, '/intern');
		assert.match(await page.locator('.card', { hasText: 'Nachrichten' }).first().textContent(), /Neue Nachrichten über das Kontaktformular: [1-9]/,
			'the dashboard counts the new message');
		await navTo(page, '/intern/nachrichten');
		const row = page.locator('tbody tr', { hasText: 'Ada Beispiel' });
		assert.equal(await row.count(), 1, 'the message is listed by its sender');
		const link = row.locator('a[href^="/intern/nachrichten/"]');
		const href = await link.getAttribute('href');
		await submitWith(page, () => link.click(), { method: 'GET', path: href });
		assert.match(await page.locator('.message-text').textContent(), new RegExp(STAMP), 'the message text is shown');
		assert.equal(await page.locator('main a[href="mailto:ada@example.org"]').count() >= 1, true, 'a reply link');
		const done = await submitWith(page, () => page.getByRole('button', { name: 'Als erledigt markieren' }).click(),
			{ method: 'POST', path: `${href}/erledigt` });
		assert.equal(done.status(), 303);
		assert.equal(new URL(page.url()).pathname, '/intern/nachrichten');
		assert.equal(await page.locator('tbody tr', { hasText: 'Ada Beispiel' }).count(), 0, 'a done message leaves the "new" list');
		await guard.check();
	});
});

describe('editor: import', () => {
	it('from the offer list to the import page, which offers the CSV template for download', TIMEOUT, async () => {
		const { page, guard } = await as('editor');
		await env.visit(page, guard, '/intern/angebote');
		await submitWith(page, () => page.getByRole('link', { name: 'Angebote importieren' }).click(),
			{ method: 'GET', path: '/intern/import' });
		assert.equal(await h1(page), 'Angebote importieren');
		const [dl] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Vorlage herunterladen (CSV)' }).click(),
		]);
		assert.match(dl.suggestedFilename(), /\.csv$/, `the template is a .csv file: ${dl.suggestedFilename()}`);
		const text = await fs.promises.readFile(await dl.path(), 'utf8');
		const head = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
		for (const col of ['Angebot', 'Träger'])
			assert.ok(head.split(/[;,]/).includes(col), `the template's header names the column "${col}": ${head}`);
		await guard.check();
	});
});

describe('partner and review', () => {
	it('a partner proposes a change to an own offer; the editor approves it; it is public', TIMEOUT, async () => {
		const { page, guard } = await as('partner');
		const nav = await staffNav(page);
		assert.deepEqual(nav.map((n) => n.href), ['/intern', '/intern/meine-angebote', '/intern/konto', '/intern/vermittlungen'],
			'a partner sees only the own offers, the referrals to them and the account');
		await navTo(page, '/intern/meine-angebote');
		const offers = page.locator('tbody a[href^="/intern/meine-angebote/"]');
		assert.ok(await offers.count() >= 1, 'the partner has offers');
		const offer = offers.filter({ hasText: 'Bewerbungstraining kompakt' });
		const href = await offer.getAttribute('href');
		const id = href.split('/').pop();
		await submitWith(page, () => offer.click(), { method: 'GET', path: href });
		const alert = `${STAMP}: Sommerpause bis 15. August`;
		await page.getByLabel('Aktueller Hinweis').fill(alert);
		const sub = await submitWith(page, () => page.getByRole('button', { name: 'Zur Prüfung einreichen' }).click(),
			{ method: 'POST', path: href });
		assert.equal(sub.status(), 303);
		assert.equal(new URL(page.url()).searchParams.get('hinweis'), 'eingereicht');
		const mine = page.locator('#vorschlaege ~ * tbody tr', { hasText: 'Bewerbungstraining kompakt' });
		assert.equal(await mine.count(), 1, 'the proposal is listed under "Meine Vorschläge"');
		assert.match(await mine.textContent(), /wartet auf Prüfung/);
		await guard.check();
		// not public yet
		const before = await fetch(env.url(`/angebote/${id}`), { signal: AbortSignal.timeout(5000) }).then((r) => r.text());
		assert.ok(!before.includes(STAMP), 'a proposal is not public before review');

		const ed = await as('editor');
		await env.visit(ed.page, ed.guard, '/intern');
		await navTo(ed.page, '/intern/pruefung');
		const draft = ed.page.locator('tbody a[href^="/intern/pruefung/"]').first();
		const dhref = await draft.getAttribute('href');
		await submitWith(ed.page, () => draft.click(), { method: 'GET', path: dhref });
		assert.match(await h1(ed.page), /^Vorschlag prüfen: Bewerbungstraining kompakt/);
		assert.equal(await ed.page.locator('fieldset#feld-alert').count(), 1, 'the changed field has its own group');
		assert.ok(await ed.page.locator('main', { hasText: alert }).count() === 1, 'the proposed text is shown');
		const ok = await submitWith(ed.page, () => ed.page.getByRole('button', { name: 'Gewählte Werte übernehmen' }).click(),
			{ method: 'POST', path: `${dhref}/freigeben` });
		assert.equal(ok.status(), 303);
		assert.match(await ed.page.locator('.success').textContent(), /freigegeben/);
		await ed.guard.check();

		await env.visit(page, guard, `/angebote/${id}`);
		assert.ok(await page.locator('main', { hasText: alert }).count() === 1, 'after approval the notice is on the public offer page');
		await guard.check();
	});

	it('a partner gets 403 for the user administration and the editor pages', TIMEOUT, async () => {
		const { page, guard } = await as('partner');
		for (const p of ['/intern/benutzer', '/intern/seiten', '/intern/pruefung'])
			await env.visit(page, guard, p, 403);
		assert.ok((await h1(page)).length > 0, 'the 403 page has a heading');
		await guard.check();
	});
});

describe('admin', () => {
	it('users list, one user, the audit log (with the logins), my account', TIMEOUT, async () => {
		const { page, guard } = await as('admin');
		const nav = await staffNav(page);
		assert.deepEqual(nav.map((n) => n.href), ['/intern', '/intern/benutzer', '/intern/protokoll', '/intern/konto']);

		await navTo(page, '/intern/benutzer');
		const rows = page.locator('tbody tr');
		assert.ok(await rows.count() >= 5, 'every demo account is listed');
		for (const role of ['admin', 'editor', 'researcher', 'counsellor', 'partner'])
			assert.equal(await page.locator(`tbody a`, { hasText: env.accounts[role].email }).count(), 1, `${role} is listed`);
		const user = page.locator('tbody a', { hasText: env.accounts.editor.email });
		const uhref = await user.getAttribute('href');
		await submitWith(page, () => user.click(), { method: 'GET', path: uhref });
		assert.match(uhref, /^\/intern\/benutzer\/\d+$/);
		assert.match(await page.locator('dl.facts').textContent(), /Redaktion/, 'the user page shows the role');
		assert.equal(await page.getByRole('button', { name: 'Rollen speichern' }).count(), 1);

		await navTo(page, '/intern/protokoll');
		assert.match(await page.locator('.success[role="status"]').textContent(), /Kette ist intakt/, 'the hash chain is checked');
		const log = await page.locator('tbody').textContent();
		assert.match(log, /Anmeldung im internen Bereich/, 'logins are in the audit log');
		assert.ok(log.includes(env.accounts.editor.email), "the editor's login is in the audit log");
		// filter by action
		await page.getByLabel('Aktion').selectOption('login');
		await submitWith(page, () => page.getByRole('button', { name: 'Anzeigen' }).click(), { method: 'GET', path: '/intern/protokoll' });
		const actions = await page.locator('tbody tr td:nth-child(3)').allTextContents();
		assert.ok(actions.length > 0 && actions.every((a) => a === 'Anmeldung im internen Bereich'), `only logins: ${actions}`);

		await navTo(page, '/intern/konto');
		assert.equal(await h1(page), 'Mein Konto');
		assert.match(await page.locator('dl.facts').textContent(), new RegExp(env.accounts.admin.email.replace(/\./g, '\\.')));
		assert.ok(await page.locator('#anmeldungen ~ * tbody tr').count() >= 1, 'the own logins are listed');
		assert.equal(await page.getByLabel(/^Neues Passwort wiederholen/).getAttribute('autocomplete'), 'new-password');
		await guard.check();
	});
});

describe('partner accounts', () => {
	it('an admin binds a new partner account to its provider by picking its name, on a phone without JavaScript', TIMEOUT, async () => {
		const { page, guard, context } = await env.page({ viewport: 'phone', javaScriptEnabled: false });
		await signIn(env, page, guard, 'admin', '/intern/benutzer');
		const picker = page.getByLabel('Organisation', { exact: true });
		assert.equal(await picker.evaluate((e) => e.tagName), 'SELECT', 'the provider is picked from a list, not typed');
		const options = await picker.locator('option').allTextContents();
		assert.ok(options.includes('Jugendmigrationsdienst Mainz (Beispiel) (Mainz)'), `providers by name and town: ${options.slice(0, 3)}`);
		await page.getByLabel(/^E-Mail-Adresse/).fill('picker.partner@example.org');
		await page.getByLabel(/^Name/).fill('Pia Picker');
		await page.getByLabel('Partnerorganisation', { exact: true }).check();
		await picker.selectOption({ label: 'Jugendmigrationsdienst Mainz (Beispiel) (Mainz)' });
		const resp = await submitWith(page, () => page.getByRole('button', { name: 'Konto anlegen' }).click(),
			{ method: 'POST', path: '/intern/benutzer' });
		assert.equal(resp.status(), 200);
		assert.match(await page.locator('main').textContent(), /Das Konto für picker\.partner@example\.org ist angelegt/);
		await env.visit(page, guard, '/intern/benutzer');
		const user = page.locator('tbody a', { hasText: 'picker.partner@example.org' });
		await submitWith(page, () => user.click(), { method: 'GET', path: await user.getAttribute('href') });
		assert.match(await page.locator('dl.facts').textContent(), /Jugendmigrationsdienst Mainz \(Beispiel\)/,
			'the user page names the provider');
		await guard.check();
		await context.close();
	});
});

describe('signing in and out', () => {
	it('a wrong password: 401, the message, the address kept, the password not', TIMEOUT, async () => {
		const { page, guard, context } = await env.page();
		await env.visit(page, guard, '/login');
		await page.getByLabel('E-Mail-Adresse').fill(env.accounts.editor.email);
		await page.getByLabel('Passwort').fill('das-ist-nicht-das-passwort');
		guard.expect(401, '/login');
		const resp = await submitWith(page, () => page.getByRole('button', { name: 'Anmelden' }).click(),
			{ method: 'POST', path: '/login' });
		assert.equal(resp.status(), 401);
		const err = page.locator('.error-summary[role="alert"]');
		assert.equal((await err.textContent()).trim(), 'E-Mail-Adresse oder Passwort ist falsch.');
		assert.equal(await page.getByLabel('E-Mail-Adresse').inputValue(), env.accounts.editor.email);
		assert.equal(await page.getByLabel('Passwort').inputValue(), '', 'the password is not sent back');
		assert.equal(await page.locator('.signout').count(), 0, 'not signed in');
		await guard.check();
		await context.close();
	});

	it('the editor signs out with the header button; /intern then leads to /login', TIMEOUT, async () => {
		const { page, guard, context } = await as('editor');
		await env.visit(page, guard, '/intern/konto');
		const out = page.locator('header form.signout button[type="submit"]');
		assert.equal((await out.textContent()).trim(), 'Abmelden');
		const resp = await submitWith(page, () => out.click(), { method: 'POST', path: '/logout' });
		delete sessions.editor;
		assert.equal(resp.status(), 303);
		const u = new URL(page.url());
		assert.equal(u.pathname, '/login');
		assert.match(await page.locator('main').textContent(), /Sie sind abgemeldet/);
		assert.equal(await page.locator('.signout').count(), 0, 'no sign-out button after signing out');

		const back = await page.goto('/intern', { waitUntil: 'load' });
		assert.equal(back.status(), 200);
		const v = new URL(page.url());
		assert.equal(v.pathname, '/login', '/intern redirects to /login once signed out');
		assert.equal(v.searchParams.get('next'), '/intern');
		await guard.check();
		await context.close();
	});
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
