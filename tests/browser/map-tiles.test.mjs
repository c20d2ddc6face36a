/* map-tiles.test.mjs — the maps (#12) over the tiles of the network's own
 * tile server: LOTSE_MAP_TILES names a tiny static tile server on
 * 127.0.0.1 that this test runs; the results' map and an offer's map load
 * their tiles from it under the server's Content-Security-Policy (no
 * violation, no console error, no failed request), without sending the
 * page's address as a referrer, and nothing else leaves the site.
 * Screenshots: build/screenshots/karte-kacheln-<desktop|phone>.png. */
import { describe, it, before, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { fixture, SHUTDOWN_TEST, TIMEOUT, VIEWPORTS, screenshot } from './harness.mjs';

/* A 1x1 PNG (one grey pixel): every tile the server is asked for. */
const TILE = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/* The tile server: /tiles/{z}/{x}/{y}.png answers the tile, anything else
 * 404; it remembers each request's path and Referer. */
const asked = [];
let tiles;
let tileOrigin;
before(async () => {
	tiles = http.createServer((req, res) => {
		asked.push({ path: req.url, referer: req.headers.referer || null });
		if (/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(req.url)) {
			res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': TILE.length });
			res.end(TILE);
		} else {
			res.writeHead(404, { 'Content-Type': 'text/plain' });
			res.end('no such tile');
		}
	});
	await new Promise((resolve) => tiles.listen(0, '127.0.0.1', resolve));
	tileOrigin = `http://127.0.0.1:${tiles.address().port}`;
	/* the lotse server the fixture starts takes its environment */
	process.env.LOTSE_MAP_TILES = `${tileOrigin}/tiles/{z}/{x}/{y}.png`;
});

const fx = fixture();
let env;
beforeEach(async () => { env = await fx.ready(); });
after(async () => {
	await fx.cleanup();
	await new Promise((resolve) => tiles.close(resolve));
});

/* The page guard counts every request to another origin as a problem; the
 * tile server's are the ones this test expects, so they are taken out
 * (and counted) before the guard's check. */
function takeTileRequests(guard) {
	let n = 0;
	for (let i = guard.problems.length - 1; i >= 0; i--)
		if (guard.problems[i].startsWith(`request outside the server: GET ${tileOrigin}/tiles/`)) {
			guard.problems.splice(i, 1);
			n++;
		}
	return n;
}

/* The file's page at phone width, which records every CSP violation. */
const watched = new WeakSet();
async function tilesPage() {
	const s = await env.shared('tiles', { viewport: 'phone' });
	if (!watched.has(s.page)) {
		await s.page.addInitScript(() => {
			window.__cspViolations = [];
			document.addEventListener('securitypolicyviolation',
				(e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
		});
		watched.add(s.page);
	}
	return s;
}

/* Open path, bring the map into view (its tiles load lazily) and wait
 * until each tile image has loaded; returns what the page saw. */
async function loadTiles(page, guard, path) {
	const before = asked.length;
	const resp = await env.visit(page, guard, path);
	const csp = resp.headers()['content-security-policy'] || '';
	await page.locator('figure.map').scrollIntoViewIfNeeded();
	const imgs = page.locator('figure.map .map-grid img');
	const n = await imgs.count();
	assert.ok(n >= 1, `${path}: the map has tiles`);
	await page.waitForFunction(() => [...document.querySelectorAll('figure.map .map-grid img')]
		.every((i) => i.complete), null, { timeout: 10000 });
	const loaded = await imgs.evaluateAll((is) => is.map((i) => ({ src: i.getAttribute('src'), w: i.naturalWidth })));
	const violations = await page.evaluate(() => window.__cspViolations);
	return { csp, loaded, violations, requests: asked.slice(before) };
}

describe('the maps over the network\'s tile server', () => {
	it('the results\' map loads its tiles under the CSP, without a referrer', TIMEOUT, async (t) => {
		const { page, guard } = await tilesPage();
		const got = await loadTiles(page, guard, '/angebote/karte?q=Beratung');
		assert.match(got.csp, new RegExp(`img-src 'self' data: ${tileOrigin.replace(/[.]/g, '\\.')};`),
			'the CSP allows images from the tile server, and only from there besides the site');
		for (const img of got.loaded) {
			assert.ok(img.src.startsWith(`${tileOrigin}/tiles/`), `a tile from the tile server: ${img.src}`);
			assert.ok(img.w > 0, `the tile ${img.src} loaded`);
		}
		assert.deepEqual(got.violations, [], 'no Content-Security-Policy violation');
		assert.ok(got.requests.length >= got.loaded.length, 'the tile server was asked for each tile');
		assert.ok(got.requests.every((q) => /^\/tiles\//.test(q.path)), `only tiles: ${JSON.stringify(got.requests)}`);
		assert.deepEqual(got.requests.filter((q) => q.referer), [], 'no tile request names the page it is for');
		assert.ok(takeTileRequests(guard) >= 1, 'the browser fetched the tiles');
		for (const [vp, size] of Object.entries(VIEWPORTS)) {
			await page.setViewportSize(size);
			t.diagnostic(`screenshot ${await screenshot(page, `karte-kacheln-${vp}`)}`);
		}
		takeTileRequests(guard);
		await guard.check('/angebote/karte?q=Beratung');
	});

	it('an offer\'s map loads its tiles the same way', TIMEOUT, async () => {
		const { page, guard } = await tilesPage();
		await env.visit(page, guard, '/angebote/karte?q=Beratung');
		const href = await page.locator('ol.map-list a.map-offer').first().getAttribute('href');
		takeTileRequests(guard);
		const got = await loadTiles(page, guard, href);
		assert.ok(got.loaded.every((i) => i.w > 0 && i.src.startsWith(`${tileOrigin}/tiles/`)),
			`every tile loaded from the tile server: ${JSON.stringify(got.loaded)}`);
		assert.deepEqual(got.violations, [], 'no Content-Security-Policy violation');
		takeTileRequests(guard);
		await guard.check(href);
	});
});

it(SHUTDOWN_TEST, TIMEOUT, () => fx.finish());
