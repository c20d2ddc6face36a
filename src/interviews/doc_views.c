/* doc_views.c — HTML of a document: its paragraphs with speaker turns
 * and timestamps, coded segments highlighted in their code's colour and
 * the codes in the margin; coding a paragraph with a form of its own
 * (without JavaScript) or a selection (static/interviews.js shows the
 * selection's form); its variables, memos and deletion.
 *
 * The text of a paragraph is the element .iv-line alone, with data-start
 * its offset in code points, so that the script counts a selection's
 * offsets from the text the reader sees. */
#include "interviews/iv_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char *code_name(const struct iv_code *codes, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (codes[i].id == id)
			return codes[i].name;
	return "?";
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* The paragraph's text with its coded pieces as <mark> in the colour of
 * the first code that covers them (a piece under several codes is marked
 * iv-multi). c[0..nc) are the document's codings, by start. */
static void para_text(html *h, struct req *r, const struct iv_para *p, const struct iv_coding *c, size_t nc)
{
	size_t tl = strlen(p->text);
	long len = p->end - p->start;
	long *cut = arena_alloc(r->a, (2 * nc + 2) * sizeof(long));
	size_t ncut = 0;
	cut[ncut++] = 0;
	cut[ncut++] = len;
	for (size_t i = 0; i < nc && c[i].start < p->end; i++) {
		if (c[i].end <= p->start)
			continue;
		long s = c[i].start - p->start, e = c[i].end - p->start;
		cut[ncut++] = s < 0 ? 0 : s;
		cut[ncut++] = e > len ? len : e;
	}
	qsort(cut, ncut, sizeof(long), cmp_long);
	html_open(h, "p", "class", "iv-line", "data-start", arena_printf(r->a, "%ld", p->start), NULL);
	for (size_t k = 0; k + 1 < ncut; k++) {
		long a = cut[k], b = cut[k + 1];
		if (b <= a)
			continue;
		size_t ba = iv_cp_offset(p->text, tl, a), bb = iv_cp_offset(p->text, tl, b);
		const char *piece = arena_strndup(r->a, p->text + ba, bb - ba);
		int64_t first = 0;
		int count = 0;
		for (size_t i = 0; i < nc && c[i].start < p->end; i++) {
			if (c[i].start - p->start <= a && c[i].end - p->start >= b) {
				if (!count)
					first = c[i].code_id;
				count++;
			}
		}
		if (count)
			html_elem(h, "mark", piece, "class",
				  arena_printf(r->a, "iv-c-%" PRId64 "%s", first, count > 1 ? " iv-multi" : ""), NULL);
		else
			html_text(h, piece);
	}
	html_close(h, "p");
}

/* The memos on coding c and the form to add one (in a <details>). */
static void segment_memos(html *h, struct req *r, const struct iv_doc_view *v, const struct iv_coding *c)
{
	for (size_t i = 0; i < v->nmemos; i++) {
		const struct iv_memo *m = &v->memos[i];
		if (m->coding_id != c->id)
			continue;
		html_open(h, "div", "class", "iv-seg-memo", NULL);
		layout_lines(h, r, m->text);
		html_elem(h, "p", arena_printf(r->a, "%s, %s", m->coder, layout_time(r, m->created_at)), "class", "iv-small",
			  NULL);
		html_close(h, "div");
	}
	html_open(h, "details", "class", "iv-code-para iv-seg-memo-form", NULL);
	html_elem(h, "summary", T(r, "Memo zu diesem Segment"), NULL);
	html_open(h, "form", "class", "form", "method", "post", "action", iv_path(r, v->p->id, "/memos"), NULL);
	fields_csrf(h, r);
	html_void(h, "input", "type", "hidden", "name", "doc", "value", iv_id(r, v->d->id), NULL);
	html_void(h, "input", "type", "hidden", "name", "coding", "value", iv_id(r, c->id), NULL);
	struct fields_in in = { .name = "text",
				.id = arena_printf(r->a, "f-memo-%" PRId64, c->id),
				.label = i18n_fill(r->a, T(r, "Memo zum Segment ({1})"),
						   code_name(v->codes, v->ncodes, c->code_id), NULL),
				.maxlen = 20000,
				.rows = 2 };
	fields_textarea(h, r, &in);
	html_elem(h, "button", T(r, "Memo speichern"), "type", "submit", "class", "button secondary", NULL);
	html_close(h, "form");
	html_close(h, "details");
}

/* The codes in the margin: the codings that begin in this paragraph
 * (last: those that begin before the first paragraph, none do), each
 * with its coder and a button to remove it. */
static void margin(html *h, struct req *r, const struct iv_doc_view *v, const struct iv_para *p, long next_start)
{
	int any = 0;
	for (size_t i = 0; i < v->ncodings; i++) {
		const struct iv_coding *c = &v->codings[i];
		if (c->start < p->start || c->start >= next_start)
			continue;
		if (!any)
			html_open(h, "ul", "class", "iv-margin", "aria-label",
				  i18n_fill(r->a, T(r, "Codes in Absatz {1}"), arena_printf(r->a, "%ld", p->n), NULL), NULL);
		any = 1;
		html_open(h, "li", "id", arena_printf(r->a, "k-%" PRId64, c->id), NULL);
		html_elem(h, "span", "", "class", arena_printf(r->a, "iv-swatch iv-c-%" PRId64, c->code_id), "aria-hidden",
			  "true", NULL);
		html_elem(h, "span", code_name(v->codes, v->ncodes, c->code_id), "class", "iv-code-name", NULL);
		html_text(h, " ");
		html_elem(h, "span", arena_printf(r->a, "(%s, %ld–%ld)", c->coder, c->start, c->end), "class", "iv-small",
			  NULL);
		html_open(h, "form", "method", "post", "class", "iv-inline", "action",
			  iv_path(r, v->p->id,
				  arena_printf(r->a, "/dokumente/%" PRId64 "/kodierungen/%" PRId64 "/loeschen", v->d->id, c->id)),
			  NULL);
		fields_csrf(h, r);
		html_elem(h, "button", T(r, "entfernen"), "type", "submit", "class", "iv-link-button", "aria-label",
			  i18n_fill(r->a, T(r, "Kodierung {1} entfernen"), code_name(v->codes, v->ncodes, c->code_id), NULL),
			  NULL);
		html_close(h, "form");
		segment_memos(h, r, v, c);
		html_close(h, "li");
	}
	if (any)
		html_close(h, "ul");
}

/* The paragraph's own coding form (without JavaScript). */
static void para_form(html *h, struct req *r, const struct iv_doc_view *v, const struct iv_para *p, const char **ids,
		      const char **names, size_t k)
{
	html_open(h, "details", "class", "iv-code-para", NULL);
	html_elem(h, "summary", i18n_fill(r->a, T(r, "Absatz {1} kodieren"), arena_printf(r->a, "%ld", p->n), NULL), NULL);
	html_open(h, "form", "method", "post", "class", "form iv-para-form", "action",
		  iv_path(r, v->p->id, arena_printf(r->a, "/dokumente/%" PRId64 "/kodieren", v->d->id)), NULL);
	fields_csrf(h, r);
	html_void(h, "input", "type", "hidden", "name", "start", "value", arena_printf(r->a, "%ld", p->start), NULL);
	html_void(h, "input", "type", "hidden", "name", "end", "value", arena_printf(r->a, "%ld", p->end), NULL);
	html_void(h, "input", "type", "hidden", "name", "para", "value", arena_printf(r->a, "%ld", p->n), NULL);
	struct fields_in in = { .name = "code", .id = arena_printf(r->a, "code-%ld", p->n), .label = T(r, "Code"),
				.required = 1 };
	fields_select(h, r, &in, NULL, ids, names, k);
	html_elem(h, "button", T(r, "Absatz kodieren"), "type", "submit", "class", "button secondary", NULL);
	html_close(h, "form");
	html_close(h, "details");
}

/* The form for a selection: hidden until the script shows it. */
static void selection_form(html *h, struct req *r, const struct iv_doc_view *v)
{
	html_open(h, "form", "method", "post", "id", "iv-sel", "class", "form iv-sel", "hidden", "", "aria-labelledby",
		  "iv-sel-h", "action", iv_path(r, v->p->id, arena_printf(r->a, "/dokumente/%" PRId64 "/kodieren", v->d->id)),
		  NULL);
	fields_csrf(h, r);
	html_elem(h, "h2", T(r, "Markierten Text kodieren"), "id", "iv-sel-h", NULL);
	html_elem(h, "p", T(r, "Markieren Sie Text im Dokument, wählen Sie einen oder mehrere Codes und speichern Sie."),
		  "id", "iv-sel-text", "aria-live", "polite", "class", "iv-sel-text", NULL);
	html_void(h, "input", "type", "hidden", "name", "start", "id", "iv-sel-start", NULL);
	html_void(h, "input", "type", "hidden", "name", "end", "id", "iv-sel-end", NULL);
	html_void(h, "input", "type", "hidden", "name", "para", "id", "iv-sel-para", NULL);
	html_open(h, "fieldset", "class", "iv-sel-codes", NULL);
	html_elem(h, "legend", T(r, "Codes"), NULL);
	for (size_t i = 0; i < v->ncodes; i++) {
		const char *id = arena_printf(r->a, "sel-code-%" PRId64, v->codes[i].id);
		html_open(h, "div", "class", arena_printf(r->a, "field-check iv-depth-%d", v->codes[i].depth < 4 ? v->codes[i].depth : 4),
			  NULL);
		html_void(h, "input", "type", "checkbox", "name", "code", "id", id, "value", iv_id(r, v->codes[i].id), NULL);
		html_open(h, "label", "for", id, NULL);
		html_elem(h, "span", "", "class", arena_printf(r->a, "iv-swatch iv-c-%" PRId64, v->codes[i].id), "aria-hidden",
			  "true", NULL);
		html_text(h, v->codes[i].name);
		html_close(h, "label");
		html_close(h, "div");
	}
	html_close(h, "fieldset");
	html_elem(h, "button", T(r, "Auswahl kodieren"), "type", "submit", "class", "button", "id", "iv-sel-submit",
		  "disabled", "", NULL);
	html_close(h, "form");
}

void iv_view_vars_form(html *h, struct req *r, const char *action, const char *intro, const struct iv_var *vars,
		       size_t n)
{
	html_elem(h, "h2", T(r, "Variablen"), "id", "variablen", NULL);
	html_elem(h, "p", intro, NULL);
	html_open(h, "form", "method", "post", "class", "form iv-vars", "action", action, "novalidate", "", NULL);
	fields_csrf(h, r);
	for (int i = 0; i < IV_VAR_SLOTS; i++) {
		html_open(h, "div", "class", "iv-var-row", NULL);
		struct fields_in in = fields_of(&iv_var_fields[VF_NAME1 + i], (size_t)i < n ? vars[i].name : NULL, NULL);
		in.label = i18n_fill(r->a, T(r, "Variable {1}"), arena_printf(r->a, "%d", i + 1), NULL);
		fields_input(h, r, &in);
		in = fields_of(&iv_var_fields[VF_VALUE1 + i], (size_t)i < n ? vars[i].value : NULL, NULL);
		in.label = i18n_fill(r->a, T(r, "Wert {1}"), arena_printf(r->a, "%d", i + 1), NULL);
		fields_input(h, r, &in);
		html_close(h, "div");
	}
	html_elem(h, "button", T(r, "Variablen speichern"), "type", "submit", "class", "button secondary", NULL);
	html_close(h, "form");
}

void iv_view_doc(struct req *r, struct resp *w, const struct iv_doc_view *v)
{
	html h = html_on(&w->body);
	const struct iv_doc *d = v->d;
	struct page_meta m = { .title = d->name, .staff = 1, .noindex = 1, .script = "/static/interviews.js",
			       .style = iv_path(r, v->p->id, "/farben.css") };
	layout_begin(&h, r, &m);
	fields_notice(&h, v->notice);
	if (v->problem)
		fields_alert(&h, v->problem);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", v->p->name, "href", iv_path(r, v->p->id, "#dokumente"), NULL);
	html_text(&h, " · ");
	html_text(&h, strcmp(d->kind, "expert") == 0 ? T(r, "Expertengespräch") : T(r, "Interview"));
	if (*d->talk_date) {
		html_text(&h, " · ");
		html_text(&h, layout_date(r, d->talk_date));
	}
	html_close(&h, "p");
	if (*d->topic) {
		html_open(&h, "p", NULL);
		html_elem(&h, "strong", T(r, "Thema:"), NULL);
		html_text(&h, " ");
		html_text(&h, d->topic);
		html_close(&h, "p");
	}
	if (v->ncases) {
		html_open(&h, "p", NULL);
		html_elem(&h, "strong", TN(r, "Fall:", "Fälle:", (unsigned long)v->ncases), NULL);
		for (size_t i = 0; i < v->ncases; i++) {
			html_text(&h, i ? ", " : " ");
			html_elem(&h, "a", v->cases[i].name, "href",
				  iv_path(r, v->p->id, arena_printf(r->a, "/faelle/%" PRId64, v->cases[i].id)), NULL);
		}
		html_close(&h, "p");
	}
	iv_view_doc_talk(&h, r, v);

	html_elem(&h, "h2", T(r, "Text"), "id", "text", NULL);
	if (v->ncodes == 0) {
		html_open(&h, "p", NULL);
		html_text(&h, T(r, "Zum Kodieren braucht das Projekt zuerst Codes:"));
		html_text(&h, " ");
		html_elem(&h, "a", T(r, "Codebuch"), "href", iv_path(r, v->p->id, "#codebuch"), NULL);
		html_close(&h, "p");
	} else {
		html_elem(&h, "p",
			  T(r, "Einen Absatz kodieren Sie mit dem Formular unter ihm; mit JavaScript können Sie auch "
			       "Text markieren und ihn im Formular „Markierten Text kodieren“ kodieren."),
			  "class", "iv-small", NULL);
	}
	const char **ids, **names;
	size_t k;
	iv_code_options(r, v->codes, v->ncodes, 0, &ids, &names, &k);
	html_open(&h, "div", "class", "iv-doc", "id", "iv-doc", NULL);
	for (size_t i = 0; i < v->nparas; i++) {
		const struct iv_para *p = &v->paras[i];
		html_open(&h, "div", "class", p->turn ? "iv-para iv-turn" : "iv-para", "id",
			  arena_printf(r->a, "a-%ld", p->n), "data-para", arena_printf(r->a, "%ld", p->n), NULL);
		html_open(&h, "div", "class", "iv-meta", NULL);
		html_elem(&h, "span", arena_printf(r->a, "%ld", p->n), "class", "iv-n", NULL);
		if (*p->stamp)
			html_elem(&h, "span", p->stamp, "class", "iv-stamp", NULL);
		if (*p->speaker && !p->turn)
			html_elem(&h, "span", p->speaker, "class", "iv-speaker", NULL);
		html_close(&h, "div");
		html_open(&h, "div", "class", "iv-body", NULL);
		para_text(&h, r, p, v->codings, v->ncodings);
		margin(&h, r, v, p, i + 1 < v->nparas ? v->paras[i + 1].start : d->nchars + 1);
		if (k)
			para_form(&h, r, v, p, ids, names, k);
		html_close(&h, "div");
		html_close(&h, "div");
	}
	html_close(&h, "div");
	/* after the text, kept in sight at the bottom while one reads it */
	if (v->ncodes)
		selection_form(&h, r, v);

	iv_view_vars_form(&h, r, iv_path(r, v->p->id, arena_printf(r->a, "/dokumente/%" PRId64 "/variablen", d->id)),
			  T(r, "Merkmale des Dokuments für Auswertungen, etwa Gruppe (Jugendliche, Eltern, Lehrkraft, "
			       "Expertin, Betrieb), Stadtteil, Sprache. Ein leeres Feld entfernt die Variable."),
			  v->vars, v->nvars);
	iv_view_memos(&h, r, v->p, v->memos, v->nmemos, d->id);
	iv_view_doc_pseudonym(&h, r, v);

	html_elem(&h, "h2", T(r, "Dokument löschen"), "id", "loeschen", NULL);
	html_elem(&h, "p",
		  T(r, "Löscht den Text, alle Kodierungen, Variablen und Memos des Dokuments und seine Einträge im "
		       "Suchindex, unwiderruflich."),
		  NULL);
	html_open(&h, "form", "method", "post", "class", "form", "action",
		  iv_path(r, v->p->id, arena_printf(r->a, "/dokumente/%" PRId64 "/loeschen", d->id)), NULL);
	fields_csrf(&h, r);
	html_elem(&h, "button", T(r, "Dokument endgültig löschen"), "type", "submit", "class", "button danger", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}
