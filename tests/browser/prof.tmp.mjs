// temporary profiling script (not committed)
import { setup, runAxe, screenshot, sidewaysOverflow, VIEWPORTS } from './harness.mjs';
const env = await setup();
const { page, guard } = await env.page({ viewport: 'phone', bypassCSP: true });
const pages = ['/', '/angebote', '/angebote?q=Sprachkurs&kostenlos=1', '/veranstaltungen', '/gremien', '/vorlagen', '/kontakt', '/leichte-sprache'];
const T = { goto: 0, axe: 0, shot: 0, side: 0, fonts: 0, vp: 0 };
const cpu0 = process.cpuUsage();
const t0 = Date.now();
for (const lang of ['tr', 'ar']) for (const p of pages) {
	let t = Date.now();
	await env.visit(page, guard, `${p}${p.includes('?') ? '&' : '?'}lang=${lang}`);
	T.goto += Date.now() - t;
	for (const [vp, size] of Object.entries(VIEWPORTS)) {
		t = Date.now(); await page.setViewportSize(size); T.vp += Date.now() - t;
		t = Date.now(); await page.evaluate(() => document.fonts.ready); T.fonts += Date.now() - t;
		t = Date.now(); await screenshot(page, `prof-${vp}`); T.shot += Date.now() - t;
		t = Date.now(); await sidewaysOverflow(page); T.side += Date.now() - t;
		t = Date.now(); await runAxe(page); T.axe += Date.now() - t;
	}
	await guard.check();
}
console.log('wall', Date.now() - t0, T, 'node cpu', process.cpuUsage(cpu0));
await env.teardown();
