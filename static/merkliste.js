/* merkliste.js — the Merkliste in the browser (localStorage, never sent
 * anywhere): the "Merken" buttons of offers, the list page's "Entfernen",
 * copying a share link and printing. Without it every page works: the
 * list is its link /merkliste?ids=... and the server shows it. */
(function () {
	'use strict';
	var KEY = 'lotse-merkliste';
	var MAX = 50;
	var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

	function load() {
		try {
			var v = JSON.parse(window.localStorage.getItem(KEY) || '[]');
			if (!Array.isArray(v)) return [];
			return v.filter(function (x) { return typeof x === 'string' && UUID.test(x); }).slice(0, MAX);
		} catch (e) {
			return [];
		}
	}
	function save(ids) {
		try { window.localStorage.setItem(KEY, JSON.stringify(ids.slice(0, MAX))); } catch (e) { /* private mode: the link still works */ }
	}
	function listUrl(ids) {
		return ids.length ? '/merkliste?ids=' + ids.join(',') : '/merkliste';
	}
	function show(el) { el.hidden = false; }

	/* the "Merken" buttons: pressed when the offer is on the list */
	function paint() {
		var ids = load();
		document.querySelectorAll('button.keep[data-id]').forEach(function (b) {
			var on = ids.indexOf(b.getAttribute('data-id')) >= 0;
			b.setAttribute('aria-pressed', on ? 'true' : 'false');
			b.textContent = b.getAttribute(on ? 'data-on' : 'data-off');
		});
		document.querySelectorAll('a[href="/merkliste"]').forEach(function (a) {
			a.setAttribute('href', listUrl(ids));
		});
	}
	document.querySelectorAll('button.keep[data-id]').forEach(function (b) {
		show(b);
		b.addEventListener('click', function () {
			var id = b.getAttribute('data-id'), ids = load(), i = ids.indexOf(id);
			if (i >= 0) ids.splice(i, 1);
			else if (ids.length < MAX) ids.push(id);
			save(ids);
			paint();
		});
	});
	paint();

	/* the list page: the browser's list when the address has none; removing */
	var page = document.querySelector('.keep-page');
	if (page) {
		var shown = (page.getAttribute('data-ids') || '').split(',').filter(function (x) { return UUID.test(x); });
		var stored = load();
		if (!new URLSearchParams(window.location.search).has('ids') && stored.length) {
			window.location.replace(listUrl(stored));
			return;
		}
		document.querySelectorAll('button.keep-remove[data-id]').forEach(function (b) {
			show(b);
			b.addEventListener('click', function () {
				var id = b.getAttribute('data-id');
				save(load().filter(function (x) { return x !== id; }));
				window.location.assign(listUrl(shown.filter(function (x) { return x !== id; })));
			});
		});
		document.querySelectorAll('button.print-page').forEach(function (b) {
			show(b);
			b.addEventListener('click', function () { window.print(); });
		});
		document.querySelectorAll('.print-hint-nojs').forEach(function (s) { s.hidden = true; });
	}

	/* copy a share link */
	document.querySelectorAll('button.copy-link[data-for]').forEach(function (b) {
		var input = document.getElementById(b.getAttribute('data-for'));
		if (!input || !navigator.clipboard) return;
		show(b);
		b.addEventListener('click', function () {
			navigator.clipboard.writeText(input.value).then(function () {
				b.textContent = b.getAttribute('data-done');
			}, function () {
				input.select();
			});
		});
	});
})();
