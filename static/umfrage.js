/* umfrage.js — one help for the survey pages: after a page came back with
 * errors, the focus goes to the error summary, so that a screen reader
 * reads it first and the keyboard starts there. Without it the page works
 * the same (the summary is announced as an alert). */
(function () {
	'use strict';
	var s = document.querySelector('.error-summary');
	if (s) s.focus();
})();
