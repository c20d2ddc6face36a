/* pages.test.mjs — every public page opens as a visitor sees it, in German
 * and English; an unknown path gets the layout with 404; the raw HTML of
 * every page is valid according to tidy. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, SHUTDOWN_TEST, TIMEOUT, PUBLIC_PAGES, pageFacts, assertLayout, assertTidy } from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

describe('public pages', () => {
	for (const lang of ['de', 'en']) {
		for (const pg of PUBLIC_PAGES) {
			it(`${pg.path} (${lang}) opens with status 200, an h1 and lang="${lang}"`, TIMEOUT, async () => {
				const { page, guard } = await env.shared('pages');
				const p = lang === 'de' ? pg.path : `${pg.path}?lang=${lang}`;
				await env.visit(page, guard, p, 200);
				const f = await pageFacts(page);
				assertLayout(f, p, lang);
				if (pg.inNav) {
					const cur = f.nav.filter((n) => n.current === 'page').map((n) => n.href);
					assert.deepEqual(cur, [pg.path], `${p}: the main navigation marks the current page`);
				} else {
					assert.ok(f.nav.every((n) => n.current !== 'page'), `${p}: no nav link may be current`);
				}
				const css = await page.evaluate(() => [...document.styleSheets].map((s) => s.href));
				assert.ok(css.some((h) => h && h.endsWith('/static/style.css')), `${p} loads the stylesheet`);
				await guard.check(p);
			});
		}
	}

	it('the English pages are not the German ones (their h1 differs)', TIMEOUT, async () => {
		const { page, guard } = await env.page();
		const diff = [];
		for (const pg of PUBLIC_PAGES) {
			await env.visit(page, guard, `${pg.path}?lang=de`);
			const de = await pageFacts(page);
			await env.visit(page, guard, `${pg.path}?lang=en`);
			const en = await pageFacts(page);
			if (de.h1[0] === en.h1[0]) diff.push(`${pg.path}: h1 "${en.h1[0]}" in both languages`);
		}
		await guard.check();
		assert.deepEqual(diff, [], 'English content missing');
		await page.context().close();
	});
});

describe('unknown path', () => {
	for (const lang of ['de', 'en']) {
		it(`/gibt-es-nicht (${lang}) renders the layout with status 404`, TIMEOUT, async () => {
			const { page, guard } = await env.page();
			await env.visit(page, guard, `/gibt-es-nicht/seite?lang=${lang}`, 404);
			const f = await pageFacts(page);
			assertLayout(f, `404 page (${lang})`, lang);
			assert.ok(f.nav.every((n) => n.current !== 'page'), 'no nav link may be current on the 404 page');
			// a way back home
			assert.ok(await page.locator('main a[href="/"]').count() >= 1, '404 page offers a link to the home page');
			await guard.check();
			await page.context().close();
		});
	}
});

describe('HTML validity (tidy, raw response bodies)', () => {
	const urls = [];
	for (const pg of PUBLIC_PAGES) {
		urls.push({ path: pg.path, status: 200 });
		urls.push({ path: `${pg.path}?lang=en`, status: 200 });
	}
	urls.push({ path: '/gibt-es-nicht', status: 404 });
	urls.push({ path: '/kontakt/danke', status: 200 });
	urls.push({ path: '/kontakt', status: 422, method: 'POST',
		body: 'name=&email=kaputt&message=%3Cscript%3Ealert(1)%3C%2Fscript%3E&website=' });
	urls.push({ path: '/kontakt?lang=en', status: 422, method: 'POST', body: 'name=A&email=&message=' });

	for (const u of urls) {
		it(`${u.method || 'GET'} ${u.path} is valid HTML`, TIMEOUT, async () => {
			const resp = await fetch(env.url(u.path), {
				method: u.method || 'GET',
				body: u.body,
				headers: u.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
				redirect: 'manual',
				signal: AbortSignal.timeout(5000),
			});
			assert.equal(resp.status, u.status, `status of ${u.method || 'GET'} ${u.path}`);
			assert.match(resp.headers.get('content-type') || '', /^text\/html; charset=utf-8$/i);
			const html = await resp.text();
			assert.match(html, /^<!DOCTYPE html>/i, 'starts with the HTML5 doctype');
			assertTidy(html, `${u.method || 'GET'} ${u.path}`);
		});
	}
});

describe('static files the layout links to', () => {
	for (const [p, type] of [['/static/style.css', /^text\/css/], ['/favicon.ico', /^image\//], ['/static/favicon.svg', /^image\/svg\+xml/]]) {
		it(`${p} is served with the right type`, TIMEOUT, async () => {
			const resp = await fetch(env.url(p), { signal: AbortSignal.timeout(5000) });
			assert.equal(resp.status, 200, `status of ${p}`);
			assert.match(resp.headers.get('content-type') || '', type, `content type of ${p}`);
			assert.ok((await resp.arrayBuffer()).byteLength > 0, `${p} is empty`);
		});
	}
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
