/* builder_views.c — HTML of the researchers' survey builder: the list
 * with the form for a new survey, a survey's page (settings, pages and
 * questions with their conditions and the problems that forbid
 * activation), the question form, the texts of one language beside the
 * German ones with the missing ones marked, the printable questionnaire
 * and the sheet of invitation codes. */
#include "surveys/surveys_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <stdio.h>
#include <string.h>

static const char *status_label(struct req *r, const char *status)
{
	if (strcmp(status, "active") == 0)
		return T(r, "aktiv");
	if (strcmp(status, "closed") == 0)
		return T(r, "geschlossen");
	return T(r, "Entwurf");
}

static const char *base(struct req *r, const struct survey *sv)
{
	return arena_printf(r->a, "/intern/umfragen/%lld", (long long)sv->id);
}

void survey_view_list(struct req *r, struct resp *w, const struct survey *list, size_t n, const char *err,
		      const char *code, const char *title)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Umfragen"));
	if (err) {
		fields_summary_begin(&h, r, NULL, NULL);
		fields_summary_item(&h, r, "code", T(r, "Neue Umfrage"), err);
		fields_summary_end(&h);
	}
	const char *const heads[] = { T(r, "Titel"), T(r, "Code"), T(r, "Version"), T(r, "Status"), T(r, "Antworten"),
				      T(r, "davon vollständig") };
	layout_table_begin(&h, r, "umfragen-caption", T(r, "Alle Umfragen, die neueste zuerst"), heads, NELEM(heads));
	for (size_t i = 0; i < n; i++) {
		const struct survey *sv = &list[i];
		html_open(&h, "tr", NULL);
		html_open(&h, "td", NULL);
		html_elem(&h, "a", survey_tx(&sv->tx, "title", "de"), "href", base(r, sv), "lang", "de", "dir",
			  layout_dir(r, "de"), NULL);
		html_close(&h, "td");
		html_elem(&h, "td", sv->code, NULL);
		html_elem(&h, "td", arena_printf(r->a, "%d", sv->version), NULL);
		html_elem(&h, "td", status_label(r, sv->status), NULL);
		html_elem(&h, "td", arena_printf(r->a, "%ld", sv->responses), NULL);
		html_elem(&h, "td", arena_printf(r->a, "%ld", sv->complete), NULL);
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	html_elem(&h, "h2", T(r, "Neue Umfrage"), "id", "neu", NULL);
	html_open(&h, "form", "class", "form", "method", "post", "action", "/intern/umfragen/neu", NULL);
	fields_csrf(&h, r);
	struct fields_in t = { .name = "title", .label = T(r, "Titel"), .value = title, .required = 1, .maxlen = 300 };
	fields_input(&h, r, &t);
	struct fields_in c = { .name = "code", .label = T(r, "Code"), .value = code, .err = err, .required = 1, .maxlen = 64,
			       .hint = T(r, "Steht in der Adresse der Umfrage, zum Beispiel bedarf-2027: /umfrage/bedarf-2027") };
	fields_input(&h, r, &c);
	struct fields_in o = { .name = "angebote", .label = T(r, "Angebotsumfrage (die Antworten sind Angebote von Trägern)") };
	fields_checkbox(&h, r, &o, 0);
	html_elem(&h, "button", T(r, "Umfrage anlegen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	survey_view_import_form(&h, r, NULL);
	layout_end(&h, r);
}

static void post_button(html *h, struct req *r, const char *action, const char *label, const char *cls)
{
	html_open(h, "form", "class", "inline-form", "method", "post", "action", action, NULL);
	fields_csrf(h, r);
	html_elem(h, "button", label, "type", "submit", "class", cls, NULL);
	html_close(h, "form");
}

static void settings_form(html *h, struct req *r, const struct survey *sv)
{
	int draft = strcmp(sv->status, "draft") == 0;
	html_elem(h, "h2", T(r, "Einstellungen"), "id", "einstellungen", NULL);
	html_open(h, "form", "class", "form", "method", "post", "action", base(r, sv), NULL);
	fields_csrf(h, r);
	struct fields_in t = { .name = "title", .label = T(r, "Titel"), .value = survey_tx_exact(&sv->tx, "title", "de"),
			       .required = 1, .maxlen = 300, .ctl_lang = "de" };
	fields_input(h, r, &t);
	static const char *const f[] = { "welcome", "privacy", "consent_text", "end" };
	static const char *const tf[] = { "welcome", "privacy", "consent", "end" };
	const char *labels[] = { T(r, "Begrüßung"), T(r, "Datenschutzhinweis"), T(r, "Text der Einwilligung"),
				 T(r, "Text am Ende") };
	for (size_t i = 0; i < NELEM(f); i++) {
		struct fields_in x = { .name = f[i], .label = labels[i], .value = survey_tx_exact(&sv->tx, tf[i], "de"),
				       .maxlen = 5000, .rows = 3, .ctl_lang = "de" };
		fields_textarea(h, r, &x);
	}
	html_open(h, "fieldset", "class", "field", NULL);
	html_elem(h, "legend", T(r, "Sprachen (Deutsch immer)"), NULL);
	for (size_t i = 1; i18n_langs[i]; i++) {
		struct fields_in x = { .name = arena_printf(r->a, "lang_%s", i18n_langs[i]),
				       .label = i18n_lang_name(i18n_langs[i]) };
		fields_checkbox(h, r, &x, survey_has_lang(sv, i18n_langs[i]));
	}
	html_close(h, "fieldset");
	struct fields_in o = { .name = "opens_on", .label = T(r, "Beginn"), .value = sv->opens_on, .maxlen = 10,
			       .hint = T(r, "Ein Tag wie 2027-05-31; leer: ab der Aktivierung") };
	fields_input(h, r, &o);
	struct fields_in c = { .name = "closes_on", .label = T(r, "Ende (letzter Tag)"), .value = sv->closes_on,
			       .maxlen = 10, .hint = T(r, "Leer: offen bis zum Schließen") };
	fields_input(h, r, &c);
	struct fields_in l = { .name = "limit", .label = T(r, "Höchstzahl vollständiger Antworten"), .type = "number",
			       .value = sv->response_limit > 0 ? arena_printf(r->a, "%ld", sv->response_limit) : NULL,
			       .maxlen = 9 };
	fields_input(h, r, &l);
	const char **wcodes = arena_alloc(r->a, (sv->nqs + 1) * sizeof(char *));
	size_t nw = 0;
	for (size_t i = 0; i < sv->nqs; i++)
		if (sv->qs[i].type == SQ_NUMBER)
			wcodes[nw++] = sv->qs[i].code;
	struct fields_in wt = { .name = "weight", .label = T(r, "Gewichtung der Bedarfe (Zahlenfrage)"),
				.value = sv->weight,
				.hint = T(r, "Mit dieser Antwort zählt jede Antwortende in den Bedarfen der Analyse.") };
	fields_select(h, r, &wt, T(r, "(keine)"), wcodes, wcodes, nw);
	struct fields_in an = { .name = "anonymous", .label = T(r, "Anonym: keine Verbindung zwischen Code und Antwort"),
				.hint = draft ? NULL : T(r, "Nur im Entwurf änderbar.") };
	fields_checkbox(h, r, &an, sv->anonymous);
	struct fields_in inv = { .name = "invitation", .label = T(r, "Nur mit Einladungscode (eine Antwort je Code)") };
	fields_checkbox(h, r, &inv, sv->invitation);
	struct fields_in con = { .name = "consent", .label = T(r, "Einwilligung vor der ersten Frage") };
	fields_checkbox(h, r, &con, sv->consent);
	html_elem(h, "button", T(r, "Einstellungen speichern"), "type", "submit", "class", "button", NULL);
	html_close(h, "form");
}

static void cond_line(html *h, struct req *r, const char *cond, const char *src, const char *error)
{
	if (*error) {
		html_open(h, "p", "class", "field-error", NULL);
		html_text(h, i18n_fill(r->a, T(r, "Bedingung nicht übersetzt: {1} ({2})"), src, error, NULL));
		html_close(h, "p");
	} else if (*cond) {
		html_open(h, "p", NULL);
		html_text(h, T(r, "Nur wenn:"));
		html_text(h, " ");
		html_elem(h, "code", cond, "dir", "ltr", NULL);
		html_close(h, "p");
	}
}

void survey_view_editor(struct req *r, struct resp *w, const struct survey *sv, const char *notice,
			const char *const *problems, size_t nproblems, long responses)
{
	html h = html_on(&w->body);
	int draft = strcmp(sv->status, "draft") == 0;
	layout_staff_begin(&h, r, survey_tx(&sv->tx, "title", "de"));
	fields_notice(&h, notice);
	if (nproblems) {
		fields_summary_begin(&h, r, T(r, "Vor der Aktivierung zu klären"), NULL);
		for (size_t i = 0; i < nproblems; i++)
			html_elem(&h, "li", problems[i], NULL);
		fields_summary_end(&h);
	}
	html_open(&h, "p", NULL);
	html_text(&h, i18n_fill(r->a, T(r, "Code {1}, Version {2}, {3}, {4} Antworten."), sv->code,
				arena_printf(r->a, "%d", sv->version), status_label(r, sv->status),
				arena_printf(r->a, "%ld", responses), NULL));
	if (!draft) {
		html_text(&h, " ");
		html_elem(&h, "a", T(r, "Zur öffentlichen Umfrage"), "href", arena_printf(r->a, "/umfrage/%s", sv->code), NULL);
	}
	html_close(&h, "p");
	html_open(&h, "ul", "class", "inline-list page-links", NULL);
	const char *links[][2] = {
		{ "/auswertung", T(r, "Auswertung") }, { "/texte", T(r, "Texte in anderen Sprachen") },
		{ "/druck", T(r, "Fragebogen drucken") }, { "/codes", T(r, "Einladungscodes") },
	};
	for (size_t i = 0; i < NELEM(links); i++) {
		html_li_link(&h, links[i][1], arena_printf(r->a, "%s%s", base(r, sv), links[i][0]));
	}
	html_close(&h, "ul");
	html_open(&h, "div", "class", "actions", NULL);
	if (draft)
		post_button(&h, r, arena_printf(r->a, "%s/aktivieren", base(r, sv)), T(r, "Aktivieren"), "button");
	if (strcmp(sv->status, "active") == 0)
		post_button(&h, r, arena_printf(r->a, "%s/schliessen", base(r, sv)), T(r, "Schließen"), "button secondary");
	if (!draft)
		post_button(&h, r, arena_printf(r->a, "%s/neue-version", base(r, sv)), T(r, "Neue Version zum Ändern"),
			    "button secondary");
	html_close(&h, "div");
	/* the structure */
	html_elem(&h, "h2", T(r, "Seiten und Fragen"), NULL);
	if (!draft)
		html_elem(&h, "p", T(r, "Die Umfrage ist nicht mehr im Entwurf: Fragen und Seiten sind fest, damit die "
					"Antworten ihre Bedeutung behalten."), NULL);
	for (size_t p = 0; p < sv->npages; p++) {
		const struct survey_page *pg = &sv->pages[p];
		html_open(&h, "section", "class", "card", NULL);
		html_elem(&h, "h3",
			  i18n_fill(r->a, T(r, "Seite {1}: {2}"), arena_printf(r->a, "%zu", p + 1), survey_tx(&pg->tx, "title", "de"),
				    NULL), NULL);
		cond_line(&h, r, pg->cond, pg->cond_src, pg->cond_error);
		if (draft) {
			html_open(&h, "form", "class", "form", "method", "post", "action",
				  arena_printf(r->a, "%s/seiten/%lld", base(r, sv), (long long)pg->id), NULL);
			fields_csrf(&h, r);
			struct fields_in c = { .name = "cond", .id = arena_printf(r->a, "f-cond-%zu", p),
					       .label = T(r, "Bedingung der Seite"), .value = pg->cond,
					       .maxlen = SURVEY_EXPR_MAX_LEN, .hint = T(r, "Zum Beispiel: alter >= 16 and "
											  "selected(hilfe, \"sprache\"); leer: immer") };
			fields_input(&h, r, &c);
			html_elem(&h, "button", T(r, "Bedingung speichern"), "type", "submit", "class", "button secondary", NULL);
			html_close(&h, "form");
		}
		html_open(&h, "ol", NULL);
		for (size_t i = pg->first; i < pg->first + pg->n; i++) {
			const struct survey_question *q = &sv->qs[i];
			html_open(&h, "li", NULL);
			html_elem(&h, "code", q->code, NULL);
			html_text(&h, " · ");
			html_text(&h, T(r, survey_qtype_labels[q->type]));
			html_text(&h, " · ");
			html_elem(&h, "a", survey_q_text(q, "de"), "href",
				  arena_printf(r->a, "%s/fragen/%lld", base(r, sv), (long long)q->id), NULL);
			if (q->mandatory) {
				html_text(&h, " ");
				html_elem(&h, "span", T(r, "(Pflicht)"), "class", "req", NULL);
			}
			if (survey_tags_on_question(q) || survey_tags_on_options(q) || q->type == SQ_ARRAY ||
			    strcmp(sv->kind, "offers") == 0) {
				html_text(&h, " · ");
				html_elem(&h, "a", T(r, "Schlagworte"), "href",
					  arena_printf(r->a, "%s/fragen/%lld/schlagworte", base(r, sv), (long long)q->id),
					  "aria-label", i18n_fill(r->a, T(r, "Schlagworte der Frage {1}"), q->code, NULL), NULL);
			}
			cond_line(&h, r, q->cond, q->cond_src, q->cond_error);
			html_close(&h, "li");
		}
		html_close(&h, "ol");
		html_close(&h, "section");
	}
	if (draft) {
		html_open(&h, "p", NULL);
		html_elem(&h, "a", T(r, "Neue Frage"), "class", "button", "href", arena_printf(r->a, "%s/fragen/neu", base(r, sv)),
			  NULL);
		html_close(&h, "p");
		html_open(&h, "form", "class", "form", "method", "post", "action", arena_printf(r->a, "%s/seiten", base(r, sv)),
			  NULL);
		fields_csrf(&h, r);
		struct fields_in t = { .name = "title", .id = "f-page-title", .label = T(r, "Titel der neuen Seite"),
				       .maxlen = 300 };
		fields_input(&h, r, &t);
		html_elem(&h, "button", T(r, "Seite anlegen"), "type", "submit", "class", "button secondary", NULL);
		html_close(&h, "form");
	}
	settings_form(&h, r, sv);
	layout_end(&h, r);
}

/* The options as lines "code = label" (German). */
static const char *lines_of(struct req *r, const struct survey_option *o, size_t n)
{
	char *s = arena_strdup(r->a, "");
	for (size_t i = 0; i < n; i++)
		s = arena_printf(r->a, "%s%s = %s\n", s, o[i].code, survey_tx(&o[i].tx, "label", "de"));
	return s;
}

void survey_view_question(struct req *r, struct resp *w, const struct survey *sv, const struct survey_question *q,
			  const struct form *f)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, q ? i18n_fill(r->a, T(r, "Frage {1}"), q->code, NULL) : T(r, "Neue Frage"));
	const char *labels[QF__MAX] = {
		[QF_PAGE] = T(r, "Seite"), [QF_CODE] = T(r, "Code (Variablenname)"), [QF_TYPE] = T(r, "Art"),
		[QF_TEXT] = T(r, "Fragetext (Deutsch)"), [QF_HELP] = T(r, "Hilfetext"), [QF_MANDATORY] = T(r, "Pflichtfrage"),
		[QF_OTHER] = T(r, "Mit „Sonstiges“ und Textfeld"), [QF_DECIMALS] = T(r, "Kommazahlen erlaubt"),
		[QF_MIN] = T(r, "Kleinste Zahl"), [QF_MAX] = T(r, "Größte Zahl"), [QF_MAXLEN] = T(r, "Höchstlänge (Zeichen)"),
		[QF_PATTERN] = T(r, "Muster (regulärer Ausdruck)"), [QF_MESSAGE] = T(r, "Meldung bei falscher Antwort"),
		[QF_OPTIONS] = T(r, "Antwortoptionen"), [QF_SUBS] = T(r, "Teilfragen (Zeilen einer Matrix)"),
		[QF_COND] = T(r, "Bedingung"),
	};
	fields_summary(&h, r, survey_question_fields, f, labels);
	const char *action = arena_printf(r->a, "%s/fragen/%s", base(r, sv), q ? arena_printf(r->a, "%lld", (long long)q->id) : "neu");
	html_open(&h, "form", "class", "form form-wide", "method", "post", "action", action, NULL);
	fields_csrf(&h, r);
	const char *v[QF__MAX] = { 0 };
	if (f) {
		for (size_t i = 0; i < QF__MAX; i++)
			v[i] = f->val[i];
	} else if (q) {
		v[QF_PAGE] = arena_printf(r->a, "%lld", (long long)q->page_id);
		v[QF_CODE] = q->code;
		v[QF_TYPE] = survey_qtype_names[q->type];
		v[QF_TEXT] = survey_tx_exact(&q->tx, "text", "de");
		v[QF_HELP] = survey_tx_exact(&q->tx, "help", "de");
		v[QF_MANDATORY] = q->mandatory ? "1" : NULL;
		v[QF_OTHER] = q->other ? "1" : NULL;
		v[QF_DECIMALS] = q->decimals ? "1" : NULL;
		v[QF_MIN] = q->has_min ? arena_printf(r->a, "%g", q->min_value) : NULL;
		v[QF_MAX] = q->has_max ? arena_printf(r->a, "%g", q->max_value) : NULL;
		v[QF_MAXLEN] = q->max_length ? arena_printf(r->a, "%ld", q->max_length) : NULL;
		v[QF_PATTERN] = *q->pattern ? q->pattern : NULL;
		v[QF_MESSAGE] = survey_tx_exact(&q->tx, "message", "de");
		v[QF_OPTIONS] = lines_of(r, q->opts, q->nopts);
		v[QF_SUBS] = lines_of(r, q->subs, q->nsubs);
		v[QF_COND] = *q->cond ? q->cond : NULL;
	}
#define IN(i) fields_of(&survey_question_fields[i], v[i], f ? f->err[i] : NULL)
	/* the page */
	const char **ids = arena_alloc(r->a, (sv->npages + 1) * sizeof(*ids));
	const char **names = arena_alloc(r->a, (sv->npages + 1) * sizeof(*names));
	for (size_t p = 0; p < sv->npages; p++) {
		ids[p] = arena_printf(r->a, "%lld", (long long)sv->pages[p].id);
		names[p] = i18n_fill(r->a, T(r, "Seite {1}: {2}"), arena_printf(r->a, "%zu", p + 1),
				     survey_tx(&sv->pages[p].tx, "title", "de"), NULL);
	}
	struct fields_in in = IN(QF_PAGE);
	in.label = labels[QF_PAGE];
	if (!v[QF_PAGE] && sv->npages)
		in.value = ids[sv->npages - 1];
	fields_select(&h, r, &in, NULL, ids, names, sv->npages);
	in = IN(QF_CODE);
	in.label = labels[QF_CODE];
	in.hint = T(r, "Buchstaben, Ziffern und _, zum Beispiel alter oder Q1; so heißt die Spalte im Export.");
	fields_input(&h, r, &in);
	const char *tl[SQ__COUNT];
	for (size_t i = 0; i < SQ__COUNT; i++)
		tl[i] = T(r, survey_qtype_labels[i]);
	in = IN(QF_TYPE);
	in.label = labels[QF_TYPE];
	fields_select(&h, r, &in, NULL, survey_qtype_names, tl, SQ__COUNT);
	in = IN(QF_TEXT);
	in.label = labels[QF_TEXT];
	in.rows = 2;
	fields_textarea(&h, r, &in);
	in = IN(QF_HELP);
	in.label = labels[QF_HELP];
	in.rows = 2;
	fields_textarea(&h, r, &in);
	in = IN(QF_MANDATORY);
	in.label = labels[QF_MANDATORY];
	fields_checkbox(&h, r, &in, v[QF_MANDATORY] != NULL);
	in = IN(QF_OPTIONS);
	in.label = labels[QF_OPTIONS];
	in.hint = T(r, "Eine Option je Zeile: Code = Text, zum Beispiel A2 = Deutsch auf Niveau A2. Bei einer Matrix: "
		       "die Skala, zum Beispiel 1 = gar nicht … 5 = sehr.");
	in.rows = 6;
	fields_textarea(&h, r, &in);
	in = IN(QF_OTHER);
	in.label = labels[QF_OTHER];
	fields_checkbox(&h, r, &in, v[QF_OTHER] != NULL);
	in = IN(QF_SUBS);
	in.label = labels[QF_SUBS];
	in.hint = T(r, "Nur bei einer Matrix: eine Teilfrage je Zeile, Code = Text, zum Beispiel SQ001 = Schule.");
	in.rows = 4;
	fields_textarea(&h, r, &in);
	static const int more[] = { QF_DECIMALS, QF_MIN, QF_MAX, QF_MAXLEN, QF_PATTERN, QF_MESSAGE, QF_COND };
	for (size_t k = 0; k < NELEM(more); k++) {
		int i = more[k];
		in = IN(i);
		in.label = labels[i];
		if (i == QF_DECIMALS) {
			fields_checkbox(&h, r, &in, v[i] != NULL);
			continue;
		}
		if (i == QF_COND)
			in.hint = T(r, "Die Frage erscheint nur, wenn dies zutrifft. Zum Beispiel: alter >= 16 and status == "
				       "\"A2\", selected(branche, \"pflege\"), count_selected(hilfe) > 2, is_empty(Q3).");
		if (i == QF_MIN || i == QF_MAX)
			in.type = "number";
		fields_input(&h, r, &in);
	}
#undef IN
	html_open(&h, "div", "class", "actions", NULL);
	html_elem(&h, "button", T(r, "Frage speichern"), "type", "submit", "class", "button", NULL);
	html_elem(&h, "a", T(r, "Zurück zur Umfrage"), "href", base(r, sv), NULL);
	html_close(&h, "div");
	html_close(&h, "form");
	if (q && strcmp(sv->status, "draft") == 0)
		post_button(&h, r, arena_printf(r->a, "%s/loeschen", action), T(r, "Frage löschen"), "button danger");
	layout_end(&h, r);
}

/* One row of the texts table: the German text and the field for lang. */
static void text_row(html *h, struct req *r, const char *what, const struct survey_texts *t, char item, int64_t ref,
		     const char *field, const char *lang, size_t *missing)
{
	const char *de = survey_tx_exact(t, field, "de");
	if (!de || !*de)
		return;
	const char *have = survey_tx_exact(t, field, lang);
	if (!have)
		(*missing)++;
	const char *name = arena_printf(r->a, "t-%c-%lld-%s", item, (long long)ref, field);
	html_open(h, "tr", "class", have ? NULL : "missing", NULL);
	html_elem(h, "td", what, NULL);
	html_elem(h, "td", de, "lang", "de", "dir", layout_dir(r, "de"), NULL);
	html_open(h, "td", NULL);
	html_void(h, "input", "type", "text", "name", name, "id", arena_printf(r->a, "f-%s", name), "value", have, "lang",
		  lang, "dir", i18n_rtl(lang) ? "rtl" : "ltr", "aria-label",
		  i18n_fill(r->a, T(r, "{1} in {2}"), what, i18n_lang_name(lang), NULL), "maxlength", "5000", NULL);
	if (!have)
		html_elem(h, "span", T(r, "fehlt"), "class", "tag tag-todo", NULL);
	html_close(h, "td");
	html_close(h, "tr");
}

void survey_view_texts(struct req *r, struct resp *w, const struct survey *sv, const char *lang, const char *notice)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Texte in anderen Sprachen"));
	fields_notice(&h, notice);
	if (!lang) {
		html_elem(&h, "p", T(r, "Die Umfrage hat nur Deutsch. Weitere Sprachen wählen Sie in den Einstellungen."), NULL);
		html_open(&h, "p", NULL);
		html_elem(&h, "a", T(r, "Zurück zur Umfrage"), "href", base(r, sv), NULL);
		html_close(&h, "p");
		layout_end(&h, r);
		return;
	}
	html_open(&h, "ul", "class", "inline-list filter-links", NULL);
	for (size_t i = 1; i < sv->nlangs; i++) {
		html_open(&h, "li", NULL);
		html_elem(&h, "a", i18n_lang_name(sv->langs[i]), "href",
			  html_url(r->a, arena_printf(r->a, "%s/texte", base(r, sv)), "sprache", sv->langs[i], NULL), "lang",
			  sv->langs[i], "aria-current", strcmp(sv->langs[i], lang) == 0 ? "page" : NULL, NULL);
		html_close(&h, "li");
	}
	html_close(&h, "ul");
	html_open(&h, "form", "class", "form-wide", "method", "post", "action", arena_printf(r->a, "%s/texte", base(r, sv)),
		  NULL);
	fields_csrf(&h, r);
	html_void(&h, "input", "type", "hidden", "name", "sprache", "value", lang, NULL);
	const char *const heads[] = { T(r, "Text"), T(r, "Deutsch"), i18n_lang_name(lang) };
	layout_table_begin(&h, r, "texte-caption",
			   i18n_fill(r->a, T(r, "Die Texte der Umfrage auf Deutsch und in {1}"), i18n_lang_name(lang), NULL), heads,
			   3);
	size_t missing = 0;
	static const char *const sf[] = { "title", "welcome", "privacy", "consent", "end" };
	const char *sl[] = { T(r, "Titel"), T(r, "Begrüßung"), T(r, "Datenschutzhinweis"), T(r, "Text der Einwilligung"),
			     T(r, "Text am Ende") };
	for (size_t i = 0; i < NELEM(sf); i++)
		text_row(&h, r, sl[i], &sv->tx, 's', 0, sf[i], lang, &missing);
	for (size_t p = 0; p < sv->npages; p++) {
		const struct survey_page *pg = &sv->pages[p];
		text_row(&h, r, i18n_fill(r->a, T(r, "Seite {1}"), arena_printf(r->a, "%zu", p + 1), NULL), &pg->tx, 'p', pg->id,
			 "title", lang, &missing);
		for (size_t i = pg->first; i < pg->first + pg->n; i++) {
			const struct survey_question *q = &sv->qs[i];
			text_row(&h, r, q->code, &q->tx, 'q', q->id, "text", lang, &missing);
			text_row(&h, r, arena_printf(r->a, "%s (%s)", q->code, T(r, "Hilfe")), &q->tx, 'q', q->id, "help", lang,
				 &missing);
			for (size_t k = 0; k < q->nopts; k++)
				text_row(&h, r, arena_printf(r->a, "%s: %s", q->code, q->opts[k].code), &q->opts[k].tx, 'o',
					 q->opts[k].id, "label", lang, &missing);
			for (size_t k = 0; k < q->nsubs; k++)
				text_row(&h, r, arena_printf(r->a, "%s_%s", q->code, q->subs[k].code), &q->subs[k].tx, 'o',
					 q->subs[k].id, "label", lang, &missing);
		}
	}
	layout_table_end(&h);
	html_elem(&h, "p",
		  missing ? i18n_fill(r->a, T(r, "Es fehlen {1} Texte in dieser Sprache; sie erscheinen dort auf Deutsch."),
				      arena_printf(r->a, "%zu", missing), NULL)
			  : T(r, "Alle Texte sind übersetzt."),
		  "class", "notice", "id", "fehlend", NULL);
	html_elem(&h, "button", T(r, "Texte speichern"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}

/* The line of an item's tags in the printed questionnaire, if any. */
static void print_tags(html *h, struct req *r, const struct survey_terms *tt, const char *const *tags)
{
	const char *t = survey_tags_text(r, tt, tags);
	if (t)
		html_elem(h, "span", arena_printf(r->a, " [%s]", t), "class", "survey-tags", NULL);
}

void survey_view_print(struct req *r, struct resp *w, const struct survey *sv, const struct survey_terms *tt)
{
	html h = html_on(&w->body);
	const char *lang = survey_text_lang(r, sv);
	layout_staff_begin(&h, r, survey_tx(&sv->tx, "title", lang));
	html_open(&h, "div", "class", "survey-print", NULL);
	const char *welcome = survey_tx(&sv->tx, "welcome", lang);
	if (*welcome)
		html_elem(&h, "p", welcome, "class", "prose", NULL);
	for (size_t p = 0; p < sv->npages; p++) {
		const struct survey_page *pg = &sv->pages[p];
		html_elem(&h, "h2", survey_tx(&pg->tx, "title", lang), NULL);
		if (*pg->cond)
			html_elem(&h, "p", i18n_fill(r->a, T(r, "Nur ausfüllen, wenn: {1}"), pg->cond, NULL), NULL);
		for (size_t i = pg->first; i < pg->first + pg->n; i++) {
			const struct survey_question *q = &sv->qs[i];
			html_open(&h, "div", "class", "field", NULL);
			html_open(&h, "p", NULL);
			html_elem(&h, "strong", arena_printf(r->a, "%s. ", q->code), NULL);
			html_text(&h, survey_q_text(q, lang));
			print_tags(&h, r, tt, q->tags);
			html_close(&h, "p");
			if (*q->cond)
				html_elem(&h, "p", i18n_fill(r->a, T(r, "Nur beantworten, wenn: {1}"), q->cond, NULL), "class",
					  "field-hint", NULL);
			if (q->type == SQ_ARRAY) {
				for (size_t s = 0; s < q->nsubs; s++) {
					html_open(&h, "p", NULL);
					html_text(&h, survey_o_label(&q->subs[s], lang));
					print_tags(&h, r, tt, q->subs[s].tags);
					html_text(&h, ": ");
					for (size_t k = 0; k < q->nopts; k++)
						html_text(&h, arena_printf(r->a, "☐ %s  ", survey_o_label(&q->opts[k], lang)));
					html_close(&h, "p");
				}
			} else if (q->type == SQ_YESNO) {
				html_elem(&h, "p", arena_printf(r->a, "☐ %s   ☐ %s", T(r, "Ja"), T(r, "Nein")), NULL);
			} else if (survey_qtype_has_options(q->type)) {
				html_open(&h, "ul", "class", "plain", NULL);
				for (size_t k = 0; k < q->nopts; k++) {
					html_open(&h, "li", NULL);
					html_text(&h, arena_printf(r->a, q->type == SQ_RANKING ? "__ %s" : "☐ %s",
								   survey_o_label(&q->opts[k], lang)));
					print_tags(&h, r, tt, q->opts[k].tags);
					html_close(&h, "li");
				}
				if (q->other)
					html_elem(&h, "li", arena_printf(r->a, "☐ %s: ____________", T(r, "Sonstiges")), NULL);
				html_close(&h, "ul");
			} else if (q->type != SQ_DISPLAY) {
				html_elem(&h, "p", q->type == SQ_LONGTEXT ? "______________________________\n______________________________"
									  : "______________________________",
					  NULL);
			}
			html_close(&h, "div");
		}
	}
	html_close(&h, "div");
	layout_end(&h, r);
}

void survey_view_invites(struct req *r, struct resp *w, const struct survey *sv, const char *const *codes,
			 const int *used, size_t n)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Einladungscodes"));
	html_open(&h, "form", "class", "form no-print", "method", "post", "action",
		  arena_printf(r->a, "%s/codes", base(r, sv)), NULL);
	fields_csrf(&h, r);
	struct fields_in in = { .name = "anzahl", .label = T(r, "Neue Codes"), .type = "number", .maxlen = 4,
				.hint = T(r, "1 bis 1000; jeder Code gilt für eine Antwort.") };
	fields_input(&h, r, &in);
	html_elem(&h, "button", T(r, "Codes erzeugen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	if (!sv->invitation)
		html_elem(&h, "p", T(r, "Hinweis: Die Umfrage verlangt noch keinen Code (Einstellungen)."), "class", "notice", NULL);
	html_open(&h, "ul", "class", "invite-sheet", NULL);
	for (size_t i = 0; i < n; i++) {
		html_open(&h, "li", NULL);
		html_elem(&h, "strong", survey_tx(&sv->tx, "title", "de"), NULL);
		html_open(&h, "p", NULL);
		html_text(&h, T(r, "Adresse:"));
		html_text(&h, " ");
		html_elem(&h, "code", arena_printf(r->a, "%s/umfrage/%s", r->base_url, sv->code), NULL);
		html_close(&h, "p");
		html_open(&h, "p", NULL);
		html_text(&h, T(r, "Ihr Einladungscode:"));
		html_text(&h, " ");
		html_elem(&h, "code", codes[i], "class", "secret", NULL);
		if (used[i]) {
			html_text(&h, " ");
			html_elem(&h, "span", T(r, "benutzt"), "class", "tag no-print", NULL);
		}
		html_close(&h, "p");
		html_close(&h, "li");
	}
	html_close(&h, "ul");
	layout_end(&h, r);
}
