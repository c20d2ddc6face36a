/* versions.test.mjs — two editors change the same offer at the same time,
 * the second one on a phone. Her save is refused (409) with a page that
 * says who saved meanwhile, shows what they saved beside what she typed,
 * keeps her input in the form, and takes it over when she saves again.
 * In German and in English; screenshotted at 360 px
 * (build/screenshots/konflikt-angebot-*.png), no axe violation, no
 * sideways scrolling. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	fixture, SHUTDOWN_TEST, TIMEOUT, assertAccessible, screenshot, signIn, sidewaysOverflow, submitWith,
} from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

let first, second, offer;

/* Save the offer form open on page (its main button), expecting status. */
async function save(page, guard, status, label = 'Speichern') {
	if (status >= 400) guard.expect(status, offer);
	const resp = await submitWith(page, () => page.getByRole('button', { name: label, exact: true }).click(),
		{ method: 'POST', path: offer });
	assert.equal(resp.status(), status, `saving the offer answers ${status}`);
	return resp;
}

describe('two editors save the same offer', () => {
	it('both open the form of the same offer, one at a desk, one on a phone', TIMEOUT, async () => {
		first = await env.page();
		second = await env.page({ viewport: 'phone', bypassCSP: true });
		await signIn(env, first.page, first.guard, 'editor');
		await signIn(env, second.page, second.guard, 'editor');
		await env.visit(first.page, first.guard, '/intern/angebote');
		offer = await first.page.locator('main table a[href^="/intern/angebote/"]').first().getAttribute('href');
		assert.match(offer, /^\/intern\/angebote\/[0-9a-f-]{36}$/);
		await env.visit(first.page, first.guard, offer);
		await env.visit(second.page, second.guard, offer);
	});

	it('the second save is refused: what was saved beside what she typed, her input kept (German, 360 px)', TIMEOUT, async (t) => {
		const a = first, b = second;
		await a.page.locator('#f-name').fill('Bewerbungstraining (neuer Name)');
		await save(a.page, a.guard, 303);
		await b.page.locator('#f-description').fill('Jeden Dienstag, auch in den Ferien.');
		await save(b.page, b.guard, 409);
		const p = b.page;
		assert.equal(await p.getByRole('heading', { level: 2, name: 'Jemand anderes hat dieses Angebot inzwischen geändert' }).count(), 1);
		const box = await p.locator('#konflikt').innerText();
		assert.ok(box.includes('editor@demo.lotse.invalid hat am'), `who saved and when: ${box}`);
		assert.ok(box.includes('Ihre Änderungen sind noch nicht gespeichert.'));
		const compare = await p.locator('section.compare').innerText();
		assert.ok(compare.includes('Bewerbungstraining (neuer Name)'), 'what the other one saved is shown');
		assert.ok(compare.includes('Jeden Dienstag, auch in den Ferien.'), 'what she typed is shown');
		assert.equal(await p.locator('#f-description').inputValue(), 'Jeden Dienstag, auch in den Ferien.', 'her input stays in the form');
		const o = await sidewaysOverflow(p);
		assert.ok(o.scrollWidth <= o.width, `the conflict page scrolls sideways at 360 px: ${o.wide.join(', ')}`);
		t.diagnostic(`screenshot ${await screenshot(p, 'konflikt-angebot-de-360')}`);
		await assertAccessible(p, 'konflikt-angebot-de', 'the conflict page of an offer', t);
		await b.guard.check();

		/* she takes over the other one's new name and saves again: both changes stay */
		await p.locator('#f-name').fill('Bewerbungstraining (neuer Name)');
		await save(p, b.guard, 303);
		await p.waitForURL((u) => u.pathname === offer);
		assert.equal(await p.locator('#f-name').inputValue(), 'Bewerbungstraining (neuer Name)');
		assert.equal(await p.locator('#f-description').inputValue(), 'Jeden Dienstag, auch in den Ferien.');
		await b.guard.check();
		await a.guard.check();
	});

	it('the same in English', TIMEOUT, async (t) => {
		const a = first, b = second;
		await env.visit(a.page, a.guard, offer);
		await env.visit(b.page, b.guard, `${offer}?lang=en`);
		await a.page.locator('#f-alternate_name').fill('BT');
		await save(a.page, a.guard, 303);
		await b.page.locator('#f-alert').fill('Closed in August.');
		await save(b.page, b.guard, 409, 'Save');
		const p = b.page;
		assert.equal(await p.getByRole('heading', { level: 2, name: 'Someone else has changed this offer in the meantime' }).count(), 1);
		const box = await p.locator('#konflikt').innerText();
		assert.ok(box.includes('Your changes are not saved yet.'), box);
		assert.ok(box.includes('click “Save” again'), box);
		assert.equal(await p.getByRole('link', { name: 'Discard what I entered and open the saved version' }).count(), 1);
		assert.equal(await p.locator('#f-alert').inputValue(), 'Closed in August.');
		t.diagnostic(`screenshot ${await screenshot(p, 'konflikt-angebot-en-360')}`);
		const o = await sidewaysOverflow(p);
		assert.ok(o.scrollWidth <= o.width, `the English conflict page scrolls sideways at 360 px: ${o.wide.join(', ')}`);
		await b.guard.check();
	});
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
