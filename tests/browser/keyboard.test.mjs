/* keyboard.test.mjs — the site works with the keyboard alone: the skip link
 * comes first and leads into main, the main navigation is reachable with Tab
 * (on a phone after Enter on its "Menü" button) and Enter follows a link;
 * every focused element shows where focus is. */
import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, SHUTDOWN_TEST, TIMEOUT, pageFacts } from './harness.mjs';

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(() => fx.cleanup());

/* What has focus now, where it is, and whether it shows a focus indicator. */
function focused(page) {
	return page.evaluate(() => {
		const el = document.activeElement;
		if (!el || el === document.body) return { tag: 'body' };
		const cs = getComputedStyle(el);
		const r = el.getBoundingClientRect();
		return {
			tag: el.tagName.toLowerCase(),
			cls: el.className || '',
			text: (el.textContent || '').trim().replace(/\s+/g, ' '),
			href: el.getAttribute('href'),
			inMainNav: !!el.closest('nav.main-nav'),
			inMain: !!el.closest('main'),
			focusVisible: el.matches(':focus-visible'),
			indicator: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) ||
				(cs.boxShadow && cs.boxShadow !== 'none'),
			onScreen: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 &&
				r.right <= window.innerWidth + 1 && r.bottom <= window.innerHeight + 1,
			rect: [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)],
		};
	});
}

function describeFocus(f) {
	return `<${f.tag}${f.cls ? ` class="${f.cls}"` : ''}${f.href ? ` href="${f.href}"` : ''}> "${f.text?.slice(0, 40)}"`;
}

function assertVisibleFocus(f) {
	assert.ok(f.focusVisible, `${describeFocus(f)} focused by Tab should match :focus-visible`);
	assert.ok(f.indicator, `${describeFocus(f)} has focus but no visible focus indicator (outline/box-shadow)`);
}

for (const vp of ['desktop', 'phone']) {
	describe(`keyboard only (${vp})`, () => {
		it('the first Tab reaches the skip link, visibly; Enter on it moves on into main', TIMEOUT, async () => {
			const { page, guard } = await env.page({ viewport: vp });
			await env.visit(page, guard, '/');
			await page.keyboard.press('Tab');
			const f = await focused(page);
			assert.equal(f.cls, 'skip-link', `first Tab should focus the skip link, got ${describeFocus(f)}`);
			assert.equal(f.href, '#main');
			assert.ok(f.onScreen, `the focused skip link must be visible on screen, its box is ${f.rect}`);
			assertVisibleFocus(f);

			await page.keyboard.press('Enter');
			await page.waitForURL(/#main$/);
			// Focus moves to main itself (if it is focusable) or the sequential
			// focus starting point does: the next Tab lands inside main.
			const after = await focused(page);
			if (after.tag !== 'main') {
				await page.keyboard.press('Tab');
				const next = await focused(page);
				assert.ok(next.inMain, `after the skip link, Tab should go into main, went to ${describeFocus(next)}`);
				assertVisibleFocus(next);
			}
			await guard.check();
			await page.context().close();
		});

		it('Tab through the main navigation, Enter on "Das Modellprojekt Mainz" goes there', TIMEOUT, async () => {
			const { page, guard } = await env.page({ viewport: vp });
			await env.visit(page, guard, '/');
			const navTexts = (await pageFacts(page)).nav.map((n) => n.text);
			const target = 'Das Modellprojekt Mainz';
			assert.ok(navTexts.includes(target), `main nav has "${target}": ${navTexts}`);

			const seen = [];
			let f;
			for (let i = 0; i < 25; i++) {
				await page.keyboard.press('Tab');
				f = await focused(page);
				seen.push(f);
				assertVisibleFocus(f);
				assert.ok(f.onScreen, `${describeFocus(f)} is focused but not (fully) on screen: box ${f.rect}`);
				if (f.inMainNav && f.text === target) break;
				// on a phone the navigation is behind the "Menü" button (a
				// <details>): Enter opens it, as a keyboard user would
				if (f.inMainNav && f.tag === 'summary' && !(await page.locator('details.site-menu').evaluate((d) => d.open)))
					await page.keyboard.press('Enter');
			}
			assert.ok(f.inMainNav && f.text === target,
				`Tab never reached "${target}"; focus went:\n  ${seen.map(describeFocus).join('\n  ')}`);
			assert.equal(seen[0].cls, 'skip-link', 'skip link first');
			// the nav links before the target were passed in order
			assert.deepEqual(seen.filter((s) => s.inMainNav && s.tag === 'a').map((s) => s.text),
				navTexts.slice(0, navTexts.indexOf(target) + 1), 'Tab passes the main navigation in order');

			await page.keyboard.press('Enter');
			await page.waitForURL(/\/modellprojekt-mainz$/);
			await page.waitForLoadState('load');
			const g = await pageFacts(page);
			assert.equal(g.h1.length, 1);
			assert.deepEqual(g.nav.filter((n) => n.current === 'page').map((n) => n.text), [target]);
			await guard.check();
			await page.context().close();
		});
	});
}

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
