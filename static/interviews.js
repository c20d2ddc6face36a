// interviews.js — coding a selection in a document (src/interviews/doc_views.c).
// The page works without it (a form under each paragraph); with it, text
// selected in the document is shown in the form "Markierten Text kodieren",
// which posts its start and end as offsets in Unicode code points, counted
// from each paragraph's data-start. On a phone the form is a slim bar
// until text is selected (style.css, .iv-sel-active).
(function () {
  'use strict';
  var form = document.getElementById('iv-sel');
  var doc = document.getElementById('iv-doc');
  if (!form || !doc || !window.getSelection) return;
  var start = document.getElementById('iv-sel-start');
  var end = document.getElementById('iv-sel-end');
  var para = document.getElementById('iv-sel-para');
  var text = document.getElementById('iv-sel-text');
  var submit = document.getElementById('iv-sel-submit');
  form.hidden = false;

  function lineOf(node) {
    var el = node.nodeType === 1 ? node : node.parentNode;
    return el && el.closest ? el.closest('.iv-line') : null;
  }

  // The offset in code points of (node, offset) in the document's text.
  function offsetOf(line, node, offset) {
    var r = document.createRange();
    r.selectNodeContents(line);
    r.setEnd(node, offset);
    return Number(line.getAttribute('data-start')) + Array.from(r.toString()).length;
  }

  document.addEventListener('selectionchange', function () {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    var range = sel.getRangeAt(0);
    var a = lineOf(range.startContainer), b = lineOf(range.endContainer);
    if (!a || !b || !doc.contains(a) || !doc.contains(b)) return;
    var s = offsetOf(a, range.startContainer, range.startOffset);
    var e = offsetOf(b, range.endContainer, range.endOffset);
    if (e <= s) return;
    start.value = String(s);
    end.value = String(e);
    var p = a.closest('.iv-para');
    para.value = p ? p.getAttribute('data-para') : '';
    var shown = range.toString();
    if (shown.length > 200) shown = shown.slice(0, 200) + '…';
    text.textContent = '„' + shown + '“';
    submit.disabled = false;
    form.classList.add('iv-sel-active'); // on a phone the panel opens only now
  });
})();
