/* staff-phone.test.mjs — the staff area on a phone (#12): the staff
 * navigation's links sit behind one "Menü" button (a <details>, so it
 * opens without JavaScript), as on the public pages, so that on a 360 px
 * screen each staff page's own title is on the first screen; opened, the
 * menu lists the role's links and one leads on. At 1280 px the links stand
 * as a bar without opening anything. For an editor, an admin and a
 * partner; axe-core and no sideways scrolling at both widths (screenshots
 * build/screenshots/intern-telefon-*-<desktop|phone>.png). */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	fixture, SHUTDOWN_TEST, TIMEOUT, VIEWPORTS, assertAccessible, submitWith, signIn,
} from './harness.mjs';

const fx = fixture({ sessions: { viewport: 'phone', bypassCSP: true } });
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

const PAGES = {
	editor: ['/intern', '/intern/angebote', '/intern/angebote/neu', '/intern/traeger', '/intern/import',
		'/intern/pruefung', '/intern/nachrichten', '/intern/konto'],
	admin: ['/intern', '/intern/benutzer', '/intern/protokoll'],
	partner: ['/intern', '/intern/meine-angebote'],
};

/* Where the page's title is and what the staff navigation shows. */
function layoutFacts(page) {
	return page.evaluate(() => {
		const h = document.querySelector('main h1, main h2');
		const r = h.getBoundingClientRect();
		const links = [...document.querySelectorAll('nav.staff-nav a')];
		return {
			heading: h.tagName.toLowerCase(),
			top: r.top + window.scrollY,
			bottom: r.bottom + window.scrollY,
			screen: window.innerHeight,
			menu: !!document.querySelector('nav.staff-nav details.staff-menu > summary'),
			open: document.querySelector('nav.staff-nav details')?.open ?? null,
			links: links.length,
			shown: links.filter((a) => a.checkVisibility()).length,
		};
	});
}

describe('the staff navigation on a phone and on a desktop', () => {
	for (const [role, paths] of Object.entries(PAGES))
		it(`${role}: every page's title is on the first screen of a phone, the menu opens and leads on`, TIMEOUT, async () => {
			const { page, guard } = await env.roles.as(role);
			for (const path of paths) {
				await env.visit(page, guard, path);
				const f = await layoutFacts(page);
				assert.equal(f.heading, 'h1', `${path}: the page's first heading is its title`);
				assert.ok(f.bottom <= f.screen, `${path}: the title ends at ${Math.round(f.bottom)} px, below the first screen (${f.screen} px)`);
				assert.ok(f.menu, `${path}: the staff navigation is a menu button`);
				assert.equal(f.open, false, `${path}: the menu is closed`);
				assert.ok(f.links >= 2, `${path}: the menu holds the ${role}'s links`);
				assert.equal(f.shown, 0, `${path}: no link of the closed menu takes room`);
			}
			// open the menu: its links appear, and one leads to its page
			await page.locator('nav.staff-nav summary').click();
			const f = await layoutFacts(page);
			assert.equal(f.open, true);
			assert.equal(f.shown, f.links, 'the opened menu shows every link');
			const target = page.locator('nav.staff-nav a[href="/intern"]');
			await submitWith(page, () => target.click(), { method: 'GET', path: '/intern' });
			assert.equal(await page.locator('nav.staff-nav a[aria-current="page"]').getAttribute('href'), '/intern');
			await guard.check();
		});

	it('on a desktop the links stand as a bar, the title right below the header', TIMEOUT, async () => {
		const { page, guard } = await env.roles.as('editor');
		await page.setViewportSize(VIEWPORTS.desktop);
		try {
			for (const path of PAGES.editor) {
				await env.visit(page, guard, path);
				const f = await layoutFacts(page);
				assert.equal(f.shown, f.links, `${path}: every staff link is shown without opening a menu`);
				assert.equal(await page.locator('nav.staff-nav summary').isVisible(), false, `${path}: no menu button`);
				assert.ok(f.bottom <= f.screen, `${path}: the title is on the first screen (ends at ${Math.round(f.bottom)} px)`);
			}
		} finally {
			await page.setViewportSize(VIEWPORTS.phone);
		}
		await guard.check();
	});

	it('without JavaScript the menu opens and its links work', TIMEOUT, async () => {
		const { page, guard } = await env.page({ viewport: 'phone', javaScriptEnabled: false });
		await signIn(env, page, guard, 'partner');
		await page.locator('nav.staff-nav summary').click();
		await submitWith(page, () => page.locator('nav.staff-nav a[href="/intern/meine-angebote"]').click(),
			{ method: 'GET', path: '/intern/meine-angebote' });
		assert.equal((await layoutFacts(page)).open, false, 'the next page starts with the menu closed');
		await guard.check();
	});

	for (const [role, path, name] of [['editor', '/intern/angebote', 'angebote'], ['admin', '/intern/protokoll', 'protokoll'],
		['partner', '/intern/meine-angebote', 'meine-angebote']])
		it(`${role} at ${path}: axe-core finds nothing with the menu closed and open, at 360 and 1280 px`, TIMEOUT, async (t) => {
			const { page, guard } = await env.roles.as(role);
			await env.visit(page, guard, path);
			await assertAccessible(page, `intern-telefon-${name}`, path, t);
			await page.locator('nav.staff-nav summary').click();
			await assertAccessible(page, `intern-telefon-${name}-menue`, `${path} (menu open)`, t);
			await guard.check();
		});
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
