/* harness.mjs — the browser tests' fixture: a real lotse server on a demo
 * database (or one made by plain `lotse init`: fixture({ demo: false })) in a temp dir, a headless Chromium that talks only to it, a page
 * guard that fails on console errors, failed requests, unexpected HTTP errors
 * and HTML that tidy rejects, plus axe-core and screenshot helpers.
 *
 * Every test file uses fixture() (below) for the server and browser, then:
 *   const { page, guard } = await env.page();
 *   await env.visit(page, guard, '/kontakt');
 *   await guard.check();            // after each step
 */
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));

export const ROOT = path.resolve(HERE, '..', '..');
export const SCREENSHOT_DIR = path.join(ROOT, 'build', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/* One action or navigation: a sign-in hashes the password, and with two
 * test files and the sanitizer suite on two cores that took over 5 s. */
export const ACTION_TIMEOUT = 15000;
/* Options for each test: none may take longer (the first one in a file also
 * starts the server and Chromium). A bound for a hang, not a speed target:
 * beside the sanitizer and robustness suites on two cores (load 12), tests
 * that take 10-20 s on a calm machine took up to 37 s. */
export const TIMEOUT = { timeout: 60000 };

/* The public pages: path, screenshot name, and whether the main navigation
 * has a link to it (then that link must carry aria-current="page"). */
export const PUBLIC_PAGES = [
	{ path: '/', name: 'startseite', inNav: true },
	{ path: '/bqn-rlp', name: 'bqn-rlp', inNav: true },
	{ path: '/modellprojekt-ludwigshafen', name: 'modellprojekt-ludwigshafen', inNav: true },
	{ path: '/modellprojekt-mainz', name: 'modellprojekt-mainz', inNav: true },
	{ path: '/kontakt', name: 'kontakt', inNav: true },
	{ path: '/datenschutz', name: 'datenschutz', inNav: false },
	{ path: '/impressum', name: 'impressum', inNav: false },
];

export const VIEWPORTS = {
	desktop: { width: 1280, height: 800 },
	phone: { width: 360, height: 740 },
};

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const CHROMIUM_ARGS = [
	'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/* ---------- server ---------- */

function run(bin, args, timeoutMs) {
	const r = spawnSync(bin, args, { encoding: 'utf8', timeout: timeoutMs });
	if (r.error) throw r.error;
	if (r.status !== 0)
		throw new Error(`${bin} ${args.join(' ')} exited ${r.status}:\n${r.stdout}${r.stderr}`);
	return r;
}

/* `lotse init --demo` fills every capability's demo and takes seconds, so
 * it runs once per binary: the database, its key file and what init
 * printed (the demo passwords) are kept in a folder in the temp dir named
 * after the binary's path, size and time, and each server starts on a copy.
 * The folder appears whole (renamed into place) or not at all. */
function demoTemplate(bin) {
	const st = fs.statSync(bin);
	const key = crypto.createHash('sha256').update(`${bin}\0${st.size}\0${st.mtimeMs}`).digest('hex').slice(0, 16);
	const tpl = path.join(os.tmpdir(), `lotse-demo-${key}`);
	if (fs.existsSync(path.join(tpl, 'init.out')))
		return tpl;
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-demo-new-'));
	const init = run(bin, ['init', '--db', path.join(tmp, 'x.db'), '--demo'], 120000);
	fs.writeFileSync(path.join(tmp, 'init.out'), init.stdout);
	try {
		fs.renameSync(tmp, tpl);
	} catch {
		fs.rmSync(tmp, { recursive: true, force: true }); /* another test file made it first */
	}
	return tpl;
}

/* The staff roles; `lotse init --demo` makes one account for each. */
export const ROLES = ['admin', 'editor', 'researcher', 'counsellor', 'partner'];

/* `lotse init --demo` prints one line per demo account,
 *   "  admin@demo.lotse.invalid           BFaNm5s7sCiwzxWq",
 * with its random password (shown only then). Returns
 * { admin: { email, password }, editor: ..., ... } keyed by the role, which
 * is the local part of the address. */
export function parseDemoAccounts(stdout) {
	const accounts = {};
	for (const m of stdout.matchAll(/^[ \t]+([a-z]+)@(\S+)[ \t]+(\S+)[ \t]*$/gm))
		accounts[m[1]] = { email: `${m[1]}@${m[2]}`, password: m[3] };
	for (const role of ROLES)
		assert.ok(accounts[role], `lotse init --demo printed no ${role} account:\n${stdout}`);
	/* the admin role needs a second factor: init enrols the demo admin and
	 * prints its key, "    second factor (TOTP) key: BASE32" */
	const key = stdout.match(/second factor \(TOTP\) key: ([A-Z2-7]+)/);
	assert.ok(key, `lotse init --demo printed no second-factor key:\n${stdout}`);
	accounts.admin.totp = key[1];
	return accounts;
}

/* ---------- the second factor ---------- */

/* The bytes of a base32 (RFC 4648) text. */
function base32Bytes(text) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = 0, value = 0;
	const out = [];
	for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
		value = (value << 5) | alphabet.indexOf(c);
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 255);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

/* The six-digit TOTP code (RFC 6238: HMAC-SHA1, 30-second steps) of key
 * (base32) for time step. */
export function totpCode(key, step) {
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(step));
	const h = crypto.createHmac('sha1', base32Bytes(key)).update(msg).digest();
	const o = h[h.length - 1] & 15;
	return String((h.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}

/* The server takes each time step's code once per account: a second
 * sign-in within one step takes the next step's code, and waits when that
 * would be more than one step ahead. */
const usedStep = new Map();
export async function totpNow(key) {
	for (;;) {
		const cur = Math.floor(Date.now() / 30000);
		const step = Math.max(cur, (usedStep.get(key) ?? -1) + 1);
		if (step <= cur + 1) {
			usedStep.set(key, step);
			return totpCode(key, step);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
}

/* Start `lotse serve` on a fresh demo database; resolves once it logs its
 * port. Returns { base, accounts, log(), stop() }; stop() sends SIGTERM and
 * waits. accounts: the demo accounts by role (parseDemoAccounts).
 * opts.demo false: a database made by plain `lotse init`, as a real install
 * starts (placeholder pages, no directory, no accounts); opts.users: roles
 * to create accounts for with `lotse user add` (role@example.org, a random
 * password), in accounts like the demo ones. */
export async function startServer(bin, opts = {}) {
	assert.ok(bin, 'LOTSE_BIN is not set (run tests/browser/run.sh path/to/lotse)');
	assert.ok(fs.existsSync(bin), `LOTSE_BIN ${bin} does not exist`);
	const demo = opts.demo ?? true;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotse-browser-'));
	const db = path.join(dir, 'x.db');
	let accounts = {};
	if (demo) {
		const tpl = demoTemplate(bin);
		for (const f of fs.readdirSync(tpl))
			if (f !== 'init.out') fs.copyFileSync(path.join(tpl, f), path.join(dir, f));
		accounts = parseDemoAccounts(fs.readFileSync(path.join(tpl, 'init.out'), 'utf8'));
	} else {
		run(bin, ['init', '--db', db], 60000);
	}
	for (const role of opts.users || []) {
		const acc = { email: `${role}@example.org`, password: crypto.randomBytes(12).toString('base64url') };
		const r = spawnSync(bin, ['user', 'add', '--db', db, '--email', acc.email, '--role', role, '--password-stdin'],
			{ input: `${acc.password}\n`, encoding: 'utf8', timeout: 20000 });
		assert.equal(r.status, 0, `lotse user add ${acc.email}: ${r.stdout}${r.stderr}`);
		accounts[role] = acc;
	}

	// a search after a change waits for the indexer however loaded the
	// machine is: the tests check what a search finds, not how fast
	const child = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0'],
		{ stdio: ['ignore', 'pipe', 'pipe'], env: { LOTSE_SEARCH_WAIT_MS: '20000', ...process.env } });
	let log = '';
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	// If this test process is ended (the runner's timeout sends SIGTERM),
	// take the server along instead of leaving it behind.
	const orphan = () => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); };
	process.on('exit', orphan);
	for (const sig of ['SIGTERM', 'SIGINT'])
		process.once(sig, () => { orphan(); fs.rmSync(dir, { recursive: true, force: true }); process.exit(128 + (sig === 'SIGTERM' ? 15 : 2)); });
	const port = await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not report its port in 10 s:\n${log}`)), 10000);
		const onData = (d) => {
			log += d.toString();
			const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
			if (m) { clearTimeout(timer); resolve(Number(m[1])); }
		};
		child.stderr.on('data', onData);
		child.stdout.on('data', (d) => { log += d.toString(); });
		exited.then(({ code, signal }) => {
			clearTimeout(timer);
			reject(new Error(`server exited early (code ${code}, signal ${signal}):\n${log}`));
		});
	});

	let stopped = null;
	return {
		base: `http://127.0.0.1:${port}`,
		dir,
		accounts,
		log: () => log,
		running: () => child.exitCode === null && child.signalCode === null,
		/* Stop with SIGTERM; SIGKILL after 5 s. Resolves to the exit status. */
		stop() {
			if (stopped) return stopped;
			stopped = (async () => {
				if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
				const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
				const st = await exited;
				clearTimeout(killer);
				fs.rmSync(dir, { recursive: true, force: true });
				return st;
			})();
			return stopped;
		},
	};
}

/* ---------- HTML validity ---------- */

/* Run Debian's tidy on an HTML document. Returns { errors: [...lines] }.
 * tidy exits 2 on errors; warnings (exit 1) are not counted: tidy 5.6 does
 * not know aria-current and calls it "proprietary". */
export function tidy(html) {
	const r = spawnSync('tidy', ['-errors', '-quiet', '--show-warnings', 'no'],
		{ input: html, encoding: 'utf8', timeout: 10000 });
	if (r.error) throw r.error;
	const lines = (r.stderr || '').split('\n').filter((l) => l.trim() !== '');
	const errors = lines.filter((l) => /Error:/.test(l));
	if (r.status >= 2 && errors.length === 0) errors.push(...(lines.length ? lines : [`tidy exited ${r.status}`]));
	return { errors, status: r.status };
}

export function assertTidy(html, what) {
	const { errors } = tidy(html);
	assert.deepEqual(errors, [], `tidy found HTML errors in ${what}:\n  ${errors.join('\n  ')}`);
}

/* ---------- page guard ---------- */

/* Watch a page: console errors, uncaught exceptions, failed requests,
 * responses >= 400 (unless announced with expect()), dialogs, requests to
 * anything but the server, and tidy on every HTML document it loads.
 * check() asserts that nothing went wrong since the last check. */
export function watch(page, base) {
	const problems = [];
	const expected = []; // { status, path }
	const tidyJobs = [];
	const bodyReads = []; // a body can only be read until the page navigates on
	const origin = new URL(base).origin;
	const isExpected = (status, url) => {
		let p;
		try { p = new URL(url).pathname; } catch { return false; }
		return expected.some((e) => e.status === status && e.path === p);
	};

	page.on('console', (msg) => {
		if (msg.type() !== 'error') return;
		const m = /status of (\d{3})/.exec(msg.text());
		if (m && isExpected(Number(m[1]), msg.location().url || '')) return;
		problems.push(`console error: ${msg.text()} (at ${msg.location().url || page.url()})`);
	});
	page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
	page.on('dialog', (d) => {
		problems.push(`a ${d.type()} dialog fired: ${JSON.stringify(d.message())} — injected script ran`);
		d.dismiss().catch(() => {});
	});
	// A request the browser cancels because the page navigated on is not a
	// failure. The favicon is fetched by the browser after "load", at no
	// fixed time, and cancelled on the next navigation; pages.test.mjs
	// checks that the icons are served.
	let navigations = 0;
	const issuedAt = new WeakMap();
	page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations++; });
	page.on('requestfailed', (req) => {
		const err = req.failure()?.errorText || '';
		if (err === 'net::ERR_ABORTED' && (issuedAt.get(req) !== navigations || /\/favicon\.(svg|ico)$/.test(req.url()))) return;
		problems.push(`request failed: ${req.method()} ${req.url()} — ${err}`);
	});
	page.on('request', (req) => {
		issuedAt.set(req, navigations);
		const u = req.url();
		if (u.startsWith('data:') || u.startsWith('about:')) return;
		if (new URL(u).origin !== origin) problems.push(`request outside the server: ${req.method()} ${u}`);
	});
	page.on('response', (resp) => {
		const st = resp.status();
		const url = resp.url();
		if (st >= 400 && !isExpected(st, url))
			problems.push(`HTTP ${st} for ${resp.request().method()} ${url}`);
		if (resp.request().resourceType() === 'document' && !(st >= 300 && st < 400)) {
			const what = `${resp.request().method()} ${url} (${st})`;
			const body = resp.text();
			bodyReads.push(body.catch(() => {}));
			tidyJobs.push(body.then(
				(body) => { const { errors } = tidy(body); if (errors.length) problems.push(`tidy errors in ${what}:\n    ${errors.join('\n    ')}`); },
				(err) => problems.push(`could not read the body of ${what} for tidy: ${err.message}`)));
		}
	});

	return {
		/* Announce an HTTP error status the next steps expect for path. */
		expect(status, p) { expected.push({ status, path: p }); },
		problems,
		/* Wait until the HTML documents loaded so far have been read for tidy:
		 * before navigating on (env.visit and submitWith do). */
		async bodiesRead() { await Promise.all(bodyReads.splice(0)); },
		/* Forget what happened so far (a page reused after a failed test). */
		async reset() {
			await Promise.allSettled(tidyJobs.splice(0));
			problems.splice(0);
			expected.splice(0);
		},
		async check(what = page.url()) {
			await Promise.all(tidyJobs.splice(0));
			const found = problems.splice(0);
			assert.deepEqual(found, [], `problems on ${what}:\n  ${found.join('\n  ')}`);
		},
	};
}

/* ---------- browser ---------- */

/* The guard of each page made by env.page(), for helpers given only the page. */
const guards = new WeakMap();

export async function launchBrowser() {
	// A non-persistent launch runs Chromium with a fresh temporary profile
	// (playwright-core creates and removes it), so nothing carries over.
	return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 30000 });
}

/* Start the server and the browser for one test file (opts as for startServer). */
export async function setup(opts = {}) {
	const server = await startServer(process.env.LOTSE_BIN, opts);
	let browser;
	try {
		browser = await launchBrowser();
	} catch (e) {
		await server.stop();
		throw e;
	}
	const contexts = [];
	const shared = {};
	const env = {
		server,
		base: server.base,
		browser,
		url: (p) => server.base + p,
		/* The demo accounts (or opts.users) by role: { email, password }. */
		accounts: server.accounts,
		/* A fresh context (own cookies) with one guarded page.
		 * opts: viewport name or size, locale (default de-DE), bypassCSP (only
		 * for axe), javaScriptEnabled (default true; the site needs none). */
		async page(opts = {}) {
			const viewport = typeof opts.viewport === 'string' ? VIEWPORTS[opts.viewport] : (opts.viewport || VIEWPORTS.desktop);
			const context = await browser.newContext({
				viewport,
				locale: opts.locale || 'de-DE',
				bypassCSP: !!opts.bypassCSP,
				javaScriptEnabled: opts.javaScriptEnabled ?? true,
				serviceWorkers: 'block',
				baseURL: server.base,
			});
			contexts.push(context);
			context.setDefaultTimeout(ACTION_TIMEOUT);
			context.setDefaultNavigationTimeout(ACTION_TIMEOUT);
			const page = await context.newPage();
			const guard = watch(page, server.base);
			guards.set(page, guard);
			return { context, page, guard };
		},
		/* Like page(), but one page per key, reused by the tests of a file
		 * (a new context costs a few hundred ms): cookies cleared, guard reset. */
		async shared(key, opts = {}) {
			shared[key] ??= await env.page(opts);
			const s = shared[key];
			await s.context.clearCookies();
			await s.guard.reset();
			return s;
		},
		/* Navigate and assert the status (default 200). Returns the response. */
		async visit(page, guard, p, status = 200) {
			if (status >= 400) guard.expect(status, new URL(p, server.base).pathname);
			const resp = await page.goto(p, { waitUntil: 'load' });
			await guard.bodiesRead();
			assert.ok(resp, `no response for ${p}`);
			assert.equal(resp.status(), status, `status of ${p}`);
			return resp;
		},
		async closeContexts() {
			for (const k of Object.keys(shared)) delete shared[k];
			await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
		},
		async teardown() {
			await env.closeContexts();
			await browser.close().catch(() => {});
			const wasRunning = server.running();
			const st = await server.stop();
			assert.ok(wasRunning, `the server died during the tests:\n${server.log()}`);
			assert.ok(st.code === 0, `server did not stop cleanly on SIGTERM (code ${st.code}, signal ${st.signal}):\n${server.log()}`);
			// Log lines are "DATE TIMEZ LEVEL message"; access lines "METHOD PATH STATUS TIME".
			const bad = server.log().split('\n').filter((l) =>
				/^\S+ \S+ (error|fatal|crit)\b/.test(l) || /^\S+ \S+ \w+ [A-Z]+ \S+ 5\d\d\b/.test(l) ||
				/AddressSanitizer|LeakSanitizer|runtime error:/.test(l));
			assert.deepEqual(bad, [], 'the server logged errors or answered 5xx');
		},
	};
	/* One signed-in page per role for the file (roleSessions); the pages
	 * are made with opts.sessions (as for env.page(); default bypassCSP,
	 * which axe needs). */
	env.roles = roleSessions(env, opts.sessions ?? { bypassCSP: true });
	/* Links found on pages, remembered for the file (linkFinder). */
	env.linkOn = linkFinder(env);
	return env;
}

/* The per-file fixture. Use it as
 *   const fx = fixture();
 *   let env;
 *   beforeEach(async () => { env = await fx.ready(); });
 *   after(() => fx.cleanup());
 *   ...tests...
 *   it(SHUTDOWN_TEST, () => fx.finish());   // last
 * Setup runs once, on the first test. If it fails, every test fails with its
 * error (a failing before() hook would only cancel them, and cancelled tests
 * count neither as passed nor as failed). opts as for startServer, e.g.
 * fixture({ demo: false, users: ['editor'] }) for a plain-init database,
 * and opts.sessions for the pages of env.roles (setup). A test signed in
 * as a role takes its page from env.roles.as(role). */
export const SHUTDOWN_TEST = 'the server stops cleanly on SIGTERM, with no error or 5xx in its log';
export function fixture(opts = {}) {
	let envp = null;
	let done = false;
	return {
		ready() { return (envp ??= setup(opts)); },
		async finish() {
			const env = await this.ready();
			done = true;
			await env.teardown();
		},
		async cleanup() {
			if (!envp || done) return;
			try { await (await envp).teardown(); } catch { /* reported by the tests */ }
		},
	};
}

/* ---------- page facts ---------- */

/* Facts about the loaded page, for assertions. */
export async function pageFacts(page) {
	return page.evaluate(() => ({
		lang: document.documentElement.getAttribute('lang'),
		title: document.title,
		h1: [...document.querySelectorAll('h1')].map((e) => e.textContent.trim()),
		main: !!document.querySelector('main#main'),
		skip: document.querySelector('a.skip-link')?.getAttribute('href') || null,
		header: !!document.querySelector('header'),
		footer: !!document.querySelector('footer'),
		nav: [...document.querySelectorAll('nav.main-nav a')].map((a) => ({
			text: a.textContent.trim(), href: a.getAttribute('href'), current: a.getAttribute('aria-current'),
		})),
		langLinks: [...document.querySelectorAll('nav.lang-menu a')].map((a) => ({
			text: a.textContent.trim(), hreflang: a.getAttribute('hreflang'), current: a.getAttribute('aria-current'),
		})),
	}));
}

/* The common layout: one h1, skip link, header, main#main, nav, footer. */
export function assertLayout(f, what, lang) {
	assert.equal(f.lang, lang, `<html lang> on ${what}`);
	assert.equal(f.h1.length, 1, `${what} must have exactly one h1, has ${JSON.stringify(f.h1)}`);
	assert.ok(f.h1[0].length > 0, `the h1 of ${what} is empty`);
	assert.ok(f.title.trim().length > 0, `${what} has no <title>`);
	assert.equal(f.skip, '#main', `skip link to #main on ${what}`);
	assert.ok(f.main, `${what} has no main#main`);
	assert.ok(f.header && f.footer, `${what} lacks header or footer`);
	assert.ok(f.nav.length >= 5, `${what}: main navigation has ${f.nav.length} links`);
	const cur = f.langLinks.filter((l) => l.current === 'true').map((l) => l.hreflang);
	assert.deepEqual(cur, [lang], `${what}: the language switch must mark exactly "${lang}" as current`);
}

/* ---------- axe-core ---------- */

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/* Run axe-core on the page (its context needs bypassCSP). Returns violations. */
export async function runAxe(page) {
	if (!(await page.evaluate(() => typeof window.axe === 'object')))
		await page.addScriptTag({ content: AXE_SOURCE });
	return page.evaluate(async (tags) => {
		const r = await window.axe.run(document, {
			runOnly: { type: 'tag', values: tags },
			resultTypes: ['violations'],
		});
		return r.violations.map((v) => ({
			id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
			nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
		}));
	}, AXE_TAGS);
}

export function formatViolations(vs) {
	return vs.map((v) => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) =>
		`      ${n.target}  ${n.html.slice(0, 160)}\n        ${(n.summary || '').replace(/\n/g, '\n        ')}`).join('\n')).join('\n  ');
}

/* ---------- screenshots ---------- */

export async function screenshot(page, name) {
	fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const file = path.join(SCREENSHOT_DIR, `${name}.png`);
	await page.screenshot({ path: file, fullPage: true, animations: 'disabled', timeout: 10000 });
	return file;
}

/* ---------- forms, signing in ---------- */

/* Do something that submits a form or follows a link (a click, a key
 * press) and wait for the answer to it and for the page it leads to to be
 * shown and loaded. match: { method, path } of the request it sends (path:
 * the pathname, a string or RegExp). Returns the response to that request
 * (a 303 when the answer redirects). */
export async function submitWith(page, action, match = {}) {
	const want = (r) => {
		if (match.method && r.request().method() !== match.method) return false;
		if (r.request().resourceType() !== 'document') return false;
		if (!match.path) return true;
		const p = new URL(r.url()).pathname;
		return typeof match.path === 'string' ? p === match.path : match.path.test(p);
	};
	// The old document is loaded already: wait for the new one to be
	// committed (the main frame navigates) before waiting for its load.
	const [resp] = await Promise.all([
		page.waitForResponse(want),
		page.waitForEvent('framenavigated', (f) => f === page.mainFrame()),
		action(),
	]);
	await page.waitForLoadState('load');
	await guards.get(page)?.bodiesRead();
	return resp;
}

/* Sign in as the account of role (env.accounts) through the form at /login, as a person
 * would (type, press the button); lands on next (default /intern). */
export async function signIn(env, page, guard, role, next = '/intern') {
	const acc = env.accounts[role];
	await env.visit(page, guard, next === '/intern' ? '/login' : `/login?next=${encodeURIComponent(next)}`);
	await page.locator('#f-email').fill(acc.email);
	await page.locator('#f-password').fill(acc.password);
	const resp = await submitWith(page, () => page.locator('main form button[type="submit"]').click(),
		{ method: 'POST', path: '/login' });
	assert.equal(resp.status(), 303, `signing in as ${role}: the login answers 303 See Other`);
	if (new URL(page.url()).pathname === '/login/code') {
		/* the second step: the code of the account's authenticator */
		assert.ok(acc.totp, `${role} has a second factor, but the test knows no key`);
		await page.locator('#f-code').fill(await totpNow(acc.totp));
		const r2 = await submitWith(page, () => page.locator('main form button[type="submit"]').click(),
			{ method: 'POST', path: '/login/code' });
		assert.equal(r2.status(), 303, `signing in as ${role}: the code answers 303 See Other`);
	}
	await page.waitForURL((u) => u.pathname === next);
	assert.equal(await page.locator('.signout .signed-in').textContent(), acc.email,
		`the header shows who is signed in (${role})`);
}

/* ---------- accessibility of one loaded page at every viewport ---------- */

/* Elements sticking out sideways (the page would scroll horizontally). */
export function sidewaysOverflow(page) {
	return page.evaluate(() => {
		const w = document.documentElement.clientWidth;
		const wide = [...document.querySelectorAll('body *')].filter((el) => {
			const r = el.getBoundingClientRect();
			return r.width > 0 && r.right > w + 1 && !el.closest('.hp, .skip-link');
		}).map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).split(' ').join('.') : ''}`);
		return { scrollWidth: document.documentElement.scrollWidth, width: w, wide: wide.slice(0, 8) };
	});
}

/* The page as loaded, at each viewport in turn (desktop, then phone; the
 * viewport is restored after): a full-page screenshot
 * build/screenshots/<name>-<viewport>.png, no sideways scrolling, and no
 * axe-core violation (its context needs bypassCSP). One load serves both
 * widths, so the guard sees each document once. t: the test context, for
 * the screenshot paths as diagnostics. */
export async function assertAccessible(page, name, what, t) {
	const before = page.viewportSize();
	const failures = [];
	try {
		for (const [vp, size] of Object.entries(VIEWPORTS)) {
			await page.setViewportSize(size);
			await page.evaluate(() => document.fonts.ready);
			const file = await screenshot(page, `${name}-${vp}`);
			t?.diagnostic(`screenshot ${file}`);
			const o = await sidewaysOverflow(page);
			if (o.scrollWidth > o.width)
				failures.push(`${what} scrolls sideways at ${vp} width: ${o.scrollWidth}px > ${o.width}px; too wide: ${o.wide.join(', ')}`);
			const violations = await runAxe(page);
			if (violations.length)
				failures.push(`axe found ${violations.length} violation(s) on ${what} at ${vp}:\n  ${formatViolations(violations)}`);
		}
	} finally {
		if (before) await page.setViewportSize(before);
	}
	assert.deepEqual(failures, [], failures.join('\n'));
}

/* ---------- the staff area, page by page ---------- */

/* One signed-in page per role for a test file (each role signs in once);
 * opts as for env.page(). as(role) returns { page, guard, context } with the
 * guard's leftovers from a failed earlier test forgotten; forget(role) drops
 * a page whose session ended. */
export function roleSessions(env, opts = {}) {
	const sessions = {};
	return {
		async as(role) {
			if (!sessions[role]) {
				const s = await env.page(opts);
				await signIn(env, s.page, s.guard, role);
				sessions[role] = s;
			}
			await sessions[role].guard.reset();
			return sessions[role];
		},
		forget(role) { delete sessions[role]; },
	};
}

/* Links found on pages, as a person follows them instead of guessing ids:
 * linkOn(page, guard, from, selector) opens from and returns the href of the
 * first element matching selector (remembered for the file). */
export function linkFinder(env) {
	const found = new Map();
	return async (page, guard, from, selector) => {
		const key = `${from} ${selector}`;
		if (!found.has(key)) {
			await env.visit(page, guard, from);
			const el = page.locator(selector).first();
			assert.ok(await el.count() === 1, `no link ${selector} on ${from}`);
			found.set(key, await el.getAttribute('href'));
		}
		return found.get(key);
	};
}

/* The layout of a staff page: like assertLayout, but the navigation is the
 * staff navigation (3 links for a partner) and marks at most one page. */
export function assertStaffLayout(f, what, lang = 'de') {
	assert.equal(f.lang, lang, `<html lang> on ${what}`);
	assert.equal(f.h1.length, 1, `${what} must have exactly one h1, has ${JSON.stringify(f.h1)}`);
	assert.ok(f.h1[0].length > 0, `the h1 of ${what} is empty`);
	assert.ok(f.title.trim().length > 0, `${what} has no <title>`);
	assert.equal(f.skip, '#main', `skip link to #main on ${what}`);
	assert.ok(f.main, `${what} has no main#main`);
	assert.ok(f.header && f.footer, `${what} lacks header or footer`);
	assert.ok(f.nav.length >= 2, `${what}: the staff navigation has ${f.nav.length} links`);
	assert.ok(f.nav.filter((n) => n.current === 'page').length <= 1, `${what}: more than one navigation link is current`);
}
