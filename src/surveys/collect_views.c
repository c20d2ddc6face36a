/* collect_views.c — HTML of the public collection: the gate pages, the
 * welcome page, one page of questions (fieldsets and legends, errors at
 * the question and in a summary that takes the focus, progress, back and
 * next, the language switch, the resume code), the end page and the
 * resume form. Works without JavaScript on a phone; the survey's texts
 * are marked with their language where it is not the page's. */
#include "surveys/surveys_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <string.h>

const char *survey_q_text(const struct survey_question *q, const char *lang)
{
	return survey_tx(&q->tx, "text", lang);
}

const char *survey_o_label(const struct survey_option *o, const char *lang)
{
	const char *l = survey_tx(&o->tx, "label", lang);
	return *l ? l : o->code;
}

static void begin(html *h, struct req *r, const struct survey *sv, const char *title)
{
	struct page_meta m = { .title = title, .noindex = 1, .script = "/static/umfrage.js",
			       .self = sv ? arena_printf(r->a, "/umfrage/%s", sv->code) : NULL };
	layout_begin(h, r, &m);
}

/* Open a block of the survey's own texts in lang tl (marked when it is
 * not the page's language). */
static void open_texts(html *h, struct req *r, const char *tl, const char *cls)
{
	int other = strcmp(tl, r->lang) != 0;
	html_open(h, "div", "class", cls, "lang", other ? tl : NULL, "dir", other ? layout_dir(r, tl) : NULL, NULL);
}

void survey_view_gate(struct req *r, struct resp *w, const struct survey *sv, enum survey_gate g)
{
	html h = html_on(&w->body);
	const char *title = sv ? survey_tx(&sv->tx, "title", survey_text_lang(r, sv)) : T(r, "Umfrage nicht gefunden");
	const char *text = NULL;
	switch (g) {
	case SG_UNKNOWN:
		w->status = 404;
		text = T(r, "Eine Umfrage unter dieser Adresse gibt es nicht. Bitte prüfen Sie den Link, den Sie "
			    "bekommen haben.");
		break;
	case SG_NOT_YET:
		text = i18n_fill(r->a, T(r, "Diese Umfrage beginnt erst am {1}. Bitte kommen Sie dann wieder."),
				 layout_date(r, sv->opens_on), NULL);
		break;
	case SG_CLOSED:
		text = T(r, "Diese Umfrage ist beendet. Antworten sind nicht mehr möglich. Vielen Dank für Ihr Interesse.");
		break;
	case SG_FULL:
		text = T(r, "Diese Umfrage hat schon genug Antworten. Antworten sind nicht mehr möglich. Vielen Dank "
			    "für Ihr Interesse.");
		break;
	case SG_OPEN:
		break;
	}
	begin(&h, r, sv, title);
	html_elem(&h, "p", text, "class", "lead", NULL);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zur Startseite"), "href", "/", NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}

void survey_view_welcome(struct req *r, struct resp *w, const struct survey *sv, const char *problem,
			 const char *invite, int consent_err)
{
	html h = html_on(&w->body);
	const char *tl = survey_text_lang(r, sv);
	begin(&h, r, sv, survey_tx(&sv->tx, "title", tl));
	if (problem || consent_err) {
		fields_summary_begin(&h, r, NULL, NULL);
		if (problem)
			fields_summary_item(&h, r, "einladung", T(r, "Einladungscode"), problem);
		if (consent_err)
			fields_summary_item(&h, r, "einwilligung", T(r, "Einwilligung"),
					    T(r, "Bitte stimmen Sie zu, damit Sie teilnehmen können."));
		fields_summary_end(&h);
	}
	const char *welcome = survey_tx(&sv->tx, "welcome", tl);
	if (*welcome) {
		open_texts(&h, r, tl, "prose survey-welcome");
		html_open(&h, "p", NULL);
		layout_lines(&h, r, welcome);
		html_close(&h, "p");
		html_close(&h, "div");
	}
	if (sv->nlangs > 1) {
		html_open(&h, "p", NULL);
		html_text(&h, T(r, "Diese Umfrage gibt es auf:"));
		for (size_t i = 0; i < sv->nlangs; i++) {
			html_text(&h, " ");
			html_elem(&h, "a", i18n_lang_name(sv->langs[i]), "href",
				  html_url(r->a, arena_printf(r->a, "/umfrage/%s", sv->code), "lang", sv->langs[i], NULL),
				  "lang", sv->langs[i], "hreflang", sv->langs[i], NULL);
		}
		html_close(&h, "p");
	}
	const char *privacy = survey_tx(&sv->tx, "privacy", tl);
	if (*privacy) {
		html_elem(&h, "h2", T(r, "Datenschutz"), NULL);
		open_texts(&h, r, tl, "prose");
		html_open(&h, "p", NULL);
		layout_lines(&h, r, privacy);
		html_close(&h, "p");
		html_close(&h, "div");
	}
	html_open(&h, "form", "class", "form", "method", "post", "action", arena_printf(r->a, "/umfrage/%s", sv->code),
		  "novalidate", "", NULL);
	fields_csrf(&h, r);
	html_void(&h, "input", "type", "hidden", "name", "aktion", "value", "start", NULL);
	if (sv->invitation) {
		struct fields_in in = { .name = "einladung", .label = T(r, "Einladungscode"),
					.hint = T(r, "Er steht auf Ihrem Einladungsblatt, zum Beispiel ABCD-EFGH."),
					.value = invite, .err = problem, .required = 1, .maxlen = 20,
					.autocomplete = "off" };
		fields_input(&h, r, &in);
	}
	if (sv->consent) {
		const char *c = survey_tx(&sv->tx, "consent", tl);
		struct fields_in in = { .name = "einwilligung", .label = *c ? c : T(r, "Ich bin mit der Verarbeitung meiner "
											 "Antworten einverstanden."),
					.err = consent_err ? T(r, "Bitte stimmen Sie zu, damit Sie teilnehmen können.") : NULL,
					.required = 1, .unmarked = 1 };
		fields_checkbox(&h, r, &in, 0);
	}
	html_elem(&h, "button", T(r, "Umfrage beginnen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Sie haben schon angefangen? Mit Ihrem Code weitermachen"), "href",
		  arena_printf(r->a, "/umfrage/%s/fortsetzen", sv->code), NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}

/* The legend or label of a question, with its mandatory mark. */
static void q_title(html *h, struct req *r, const struct survey_question *q, const char *tl)
{
	html_text(h, survey_q_text(q, tl));
	if (q->mandatory) {
		html_text(h, " ");
		html_elem(h, "span", T(r, "(Pflichtfeld)"), "class", "req", NULL);
	}
}

static void hint_and_error(html *h, struct req *r, const char *id, const char *help, const char *err)
{
	if (*help)
		html_elem(h, "p", help, "class", "field-hint", "id", arena_printf(r->a, "%s-hint", id), NULL);
	if (err)
		html_elem(h, "p", T(r, err), "class", "field-error", "id", arena_printf(r->a, "%s-err", id), NULL);
}

static const char *described(struct req *r, const char *id, const char *help, const char *err)
{
	if (err)
		return *help ? arena_printf(r->a, "%s-err %s-hint", id, id) : arena_printf(r->a, "%s-err", id);
	return *help ? arena_printf(r->a, "%s-hint", id) : NULL;
}

/* One radio button or checkbox with its label. */
static void choice(html *h, const char *type, const char *name, const char *id, const char *value, const char *label,
		   int checked, const char *desc, int invalid)
{
	html_open(h, "div", "class", "field-check", NULL);
	html_void(h, "input", "type", type, "name", name, "id", id, "value", value, "checked", checked ? "" : NULL,
		  "aria-describedby", desc, "aria-invalid", invalid ? "true" : NULL, NULL);
	html_elem(h, "label", label, "for", id, NULL);
	html_close(h, "div");
}

static void other_text(html *h, struct req *r, const struct survey_question *q, const char *value)
{
	struct fields_in in = { .name = arena_printf(r->a, "q-%s-other", q->code), .label = T(r, "Sonstiges, und zwar:"),
				.value = value, .maxlen = 500, .cls = "survey-other" };
	fields_input(h, r, &in);
}

static void question(html *h, struct req *r, const struct survey *sv, size_t qi, const struct survey_answers *as,
		     const char *err, const char *tl)
{
	const struct survey_question *q = &sv->qs[qi];
	const char *name = arena_printf(r->a, "q-%s", q->code);
	const char *id = arena_printf(r->a, "f-%s", name);
	const char *help = survey_tx(&q->tx, "help", tl);
	const char *v = survey_answer_get(as, qi, "");
	const char *desc = described(r, id, help, err);
	const char *cls = err ? "field question has-error" : "field question";
	switch (q->type) {
	case SQ_DISPLAY:
		html_open(h, "div", "class", "prose survey-display", NULL);
		html_open(h, "p", NULL);
		layout_lines(h, r, survey_q_text(q, tl));
		html_close(h, "p");
		html_close(h, "div");
		return;
	case SQ_NUMBER:
	case SQ_TEXT:
	case SQ_DATE:
	case SQ_LONGTEXT: {
		html_open(h, "div", "class", cls, NULL);
		html_open(h, "label", "for", id, NULL);
		q_title(h, r, q, tl);
		html_close(h, "label");
		const char *ml = arena_printf(r->a, "%ld", q->max_length > 0 ? q->max_length : 2000);
		if (q->type == SQ_LONGTEXT) {
			html_open(h, "textarea", "id", id, "name", name, "rows", "5", "maxlength", ml, "aria-describedby",
				  desc, "aria-invalid", err ? "true" : NULL, NULL);
			html_text(h, v ? v : "");
			html_close(h, "textarea");
		} else {
			const char *type = q->type == SQ_DATE ? "date" : "text";
			const char *mode = q->type == SQ_NUMBER ? (q->decimals ? "decimal" : "numeric") : NULL;
			html_void(h, "input", "id", id, "name", name, "type", type, "inputmode", mode, "maxlength",
				  q->type == SQ_TEXT ? ml : NULL, "value", v, "aria-describedby", desc, "aria-invalid",
				  err ? "true" : NULL, "autocomplete", "off", NULL);
		}
		hint_and_error(h, r, id, help, err);
		html_close(h, "div");
		return;
	}
	case SQ_DROPDOWN: {
		html_open(h, "div", "class", cls, NULL);
		html_open(h, "label", "for", id, NULL);
		q_title(h, r, q, tl);
		html_close(h, "label");
		html_open(h, "select", "id", id, "name", name, "aria-describedby", desc, "aria-invalid", err ? "true" : NULL,
			  NULL);
		html_elem(h, "option", T(r, "Bitte wählen"), "value", "", NULL);
		for (size_t i = 0; i < q->nopts; i++)
			html_elem(h, "option", survey_o_label(&q->opts[i], tl), "value", q->opts[i].code, "selected",
				  v && strcmp(v, q->opts[i].code) == 0 ? "" : NULL, NULL);
		if (q->other)
			html_elem(h, "option", T(r, "Sonstiges"), "value", "other", "selected",
				  v && strcmp(v, "other") == 0 ? "" : NULL, NULL);
		html_close(h, "select");
		hint_and_error(h, r, id, help, err);
		if (q->other)
			other_text(h, r, q, survey_answer_get(as, qi, "other"));
		html_close(h, "div");
		return;
	}
	default:
		break;
	}
	/* a group of controls: a fieldset with the question as its legend */
	html_open(h, "fieldset", "class", cls, "aria-describedby", desc, NULL);
	html_open(h, "legend", NULL);
	q_title(h, r, q, tl);
	html_close(h, "legend");
	hint_and_error(h, r, id, help, err);
	switch (q->type) {
	case SQ_SINGLE:
	case SQ_YESNO: {
		size_t n = q->type == SQ_YESNO ? 2 : q->nopts;
		for (size_t i = 0; i < n; i++) {
			const char *code = q->type == SQ_YESNO ? (i ? "N" : "Y") : q->opts[i].code;
			const char *label = q->type == SQ_YESNO ? (i ? T(r, "Nein") : T(r, "Ja")) : survey_o_label(&q->opts[i], tl);
			choice(h, "radio", name, i ? arena_printf(r->a, "%s-%zu", id, i) : id, code, label,
			       v && strcmp(v, code) == 0, NULL, err != NULL);
		}
		if (q->other) {
			choice(h, "radio", name, arena_printf(r->a, "%s-oth", id), "other", T(r, "Sonstiges"),
			       v && strcmp(v, "other") == 0, NULL, err != NULL);
			other_text(h, r, q, survey_answer_get(as, qi, "other"));
		}
		break;
	}
	case SQ_MULTIPLE:
		for (size_t i = 0; i < q->nopts; i++)
			choice(h, "checkbox", name, i ? arena_printf(r->a, "%s-%zu", id, i) : id, q->opts[i].code,
			       survey_o_label(&q->opts[i], tl), survey_answer_get(as, qi, q->opts[i].code) != NULL, NULL,
			       err != NULL);
		if (q->other)
			other_text(h, r, q, survey_answer_get(as, qi, "other"));
		break;
	case SQ_ARRAY:
		for (size_t s = 0; s < q->nsubs; s++) {
			const char *sub = q->subs[s].code;
			const char *sname = arena_printf(r->a, "%s-%s", name, sub);
			const char *sv2 = survey_answer_get(as, qi, sub);
			html_open(h, "fieldset", "class", "survey-row", NULL);
			html_elem(h, "legend", survey_o_label(&q->subs[s], tl), NULL);
			html_open(h, "div", "class", "survey-scale", NULL);
			for (size_t i = 0; i < q->nopts; i++)
				choice(h, "radio", sname, s == 0 && i == 0 ? id : arena_printf(r->a, "%s-%zu-%zu", id, s, i),
				       q->opts[i].code, survey_o_label(&q->opts[i], tl), sv2 && strcmp(sv2, q->opts[i].code) == 0,
				       NULL, err && !sv2);
			html_close(h, "div");
			html_close(h, "fieldset");
		}
		break;
	case SQ_RANKING:
		for (size_t k = 0; k < q->nopts; k++) {
			const char *rid = k ? arena_printf(r->a, "%s-%zu", id, k + 1) : id;
			const char *cur = survey_answer_get(as, qi, arena_printf(r->a, "%zu", k + 1));
			html_open(h, "div", "class", "field", NULL);
			html_elem(h, "label", i18n_fill(r->a, T(r, "Platz {1}"), arena_printf(r->a, "%zu", k + 1), NULL), "for",
				  rid, NULL);
			html_open(h, "select", "id", rid, "name", arena_printf(r->a, "%s-%zu", name, k + 1), NULL);
			html_elem(h, "option", T(r, "Bitte wählen"), "value", "", NULL);
			for (size_t i = 0; i < q->nopts; i++)
				html_elem(h, "option", survey_o_label(&q->opts[i], tl), "value", q->opts[i].code, "selected",
					  cur && strcmp(cur, q->opts[i].code) == 0 ? "" : NULL, NULL);
			html_close(h, "select");
			html_close(h, "div");
		}
		break;
	default:
		break;
	}
	html_close(h, "fieldset");
}

static void resume_box(html *h, struct req *r, const struct survey *sv, const char *code)
{
	if (!code)
		return;
	html_open(h, "details", "class", "survey-resume", NULL);
	html_elem(h, "summary", T(r, "Später weitermachen"), NULL);
	html_elem(h, "p", T(r, "Ihre Antworten sind gespeichert, sobald Sie „Weiter“ oder „Zurück“ wählen. Mit diesem Code "
			       "können Sie später weitermachen, auch auf einem anderen Gerät:"), NULL);
	html_open(h, "p", NULL);
	html_elem(h, "code", code, "class", "secret", "dir", "ltr", NULL);
	html_close(h, "p");
	html_open(h, "p", NULL);
	html_text(h, T(r, "Bitte schreiben Sie ihn auf. Die Adresse zum Weitermachen:"));
	html_text(h, " ");
	html_elem(h, "bdi", arena_printf(r->a, "%s/umfrage/%s/fortsetzen", r->base_url, sv->code), NULL);
	html_close(h, "p");
	html_close(h, "details");
}

void survey_view_page(struct req *r, struct resp *w, const struct survey_page_view *v)
{
	const struct survey *sv = v->sv;
	const struct survey_page *pg = &sv->pages[v->page];
	const char *tl = survey_text_lang(r, sv);
	html h = html_on(&w->body);
	begin(&h, r, sv, survey_tx(&sv->tx, "title", tl));
	const char *progress = i18n_fill(r->a, T(r, "Seite {1} von {2}"), arena_printf(r->a, "%zu", v->step),
					 arena_printf(r->a, "%zu", v->steps), NULL);
	html_open(&h, "div", "class", "survey-progress", NULL);
	html_elem(&h, "p", progress, "id", "fortschritt", NULL);
	html_elem(&h, "progress", progress, "max", arena_printf(r->a, "%zu", v->steps), "value",
		  arena_printf(r->a, "%zu", v->step), "aria-labelledby", "fortschritt", NULL);
	html_close(&h, "div");
	int nerr = 0;
	for (size_t i = 0; v->errs && i < pg->n; i++)
		nerr += v->errs[i] != NULL;
	if (nerr) {
		fields_summary_begin(&h, r, NULL, NULL);
		for (size_t i = 0; i < pg->n; i++) {
			const struct survey_question *q = &sv->qs[pg->first + i];
			if (v->errs[i])
				fields_summary_item(&h, r, arena_printf(r->a, "q-%s", q->code), survey_q_text(q, tl),
						    T(r, v->errs[i]));
		}
		fields_summary_end(&h);
	}
	html_open(&h, "form", "class", "form survey-form", "method", "post", "action",
		  arena_printf(r->a, "/umfrage/%s", sv->code), "novalidate", "", NULL);
	fields_csrf(&h, r);
	html_void(&h, "input", "type", "hidden", "name", "seite", "value", arena_printf(r->a, "%zu", v->page), NULL);
	open_texts(&h, r, tl, "survey-page");
	const char *ptitle = survey_tx(&pg->tx, "title", tl);
	if (*ptitle)
		html_elem(&h, "h2", ptitle, NULL);
	const char *intro = survey_tx(&pg->tx, "intro", tl);
	if (*intro)
		html_elem(&h, "p", intro, "class", "prose", NULL);
	for (size_t i = 0; i < pg->n; i++) {
		size_t qi = pg->first + i;
		if (!survey_question_shown(sv, v->as, qi))
			continue;
		question(&h, r, sv, qi, v->as, v->errs ? v->errs[i] : NULL, tl);
	}
	html_close(&h, "div");
	html_open(&h, "div", "class", "actions survey-nav", NULL);
	html_elem(&h, "button", v->last ? T(r, "Absenden") : T(r, "Weiter"), "type", "submit", "name", "aktion", "value",
		  "weiter", "class", "button", NULL);
	if (!v->first)
		html_elem(&h, "button", T(r, "Zurück"), "type", "submit", "name", "aktion", "value", "zurueck", "class",
			  "button secondary", NULL);
	html_close(&h, "div");
	if (sv->nlangs > 1) {
		html_open(&h, "div", "class", "survey-lang", NULL);
		html_open(&h, "label", "for", "f-sprache", NULL);
		html_text(&h, T(r, "Sprache der Umfrage"));
		html_close(&h, "label");
		html_open(&h, "select", "id", "f-sprache", "name", "sprache", NULL);
		for (size_t i = 0; i < sv->nlangs; i++)
			html_elem(&h, "option", i18n_lang_name(sv->langs[i]), "value", sv->langs[i], "lang", sv->langs[i],
				  "selected", strcmp(sv->langs[i], tl) == 0 ? "" : NULL, NULL);
		html_close(&h, "select");
		html_elem(&h, "button", T(r, "Sprache wechseln"), "type", "submit", "name", "aktion", "value", "sprache",
			  "class", "button secondary", NULL);
		html_close(&h, "div");
	}
	html_close(&h, "form");
	resume_box(&h, r, sv, v->resume);
	layout_end(&h, r);
}

void survey_view_end(struct req *r, struct resp *w, const struct survey *sv)
{
	html h = html_on(&w->body);
	const char *tl = survey_text_lang(r, sv);
	begin(&h, r, sv, survey_tx(&sv->tx, "title", tl));
	fields_notice(&h, T(r, "Vielen Dank! Ihre Antworten sind gespeichert."));
	const char *end = survey_tx(&sv->tx, "end", tl);
	if (*end) {
		open_texts(&h, r, tl, "prose");
		html_open(&h, "p", NULL);
		layout_lines(&h, r, end);
		html_close(&h, "p");
		html_close(&h, "div");
	}
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zur Startseite"), "href", "/", NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}

void survey_view_resume(struct req *r, struct resp *w, const struct survey *sv, const char *problem)
{
	html h = html_on(&w->body);
	begin(&h, r, sv, T(r, "Mit Ihrem Code weitermachen"));
	if (problem) {
		fields_summary_begin(&h, r, NULL, NULL);
		fields_summary_item(&h, r, "code", T(r, "Ihr Code"), problem);
		fields_summary_end(&h);
	}
	html_open(&h, "form", "class", "form", "method", "post", "action",
		  arena_printf(r->a, "/umfrage/%s/fortsetzen", sv->code), NULL);
	fields_csrf(&h, r);
	struct fields_in in = { .name = "code", .label = T(r, "Ihr Code"),
				.hint = T(r, "16 Buchstaben und Ziffern, zum Beispiel ABCD-EFGH-JKMN-PQRS"),
				.err = problem, .required = 1, .maxlen = 40, .autocomplete = "off" };
	fields_input(&h, r, &in);
	html_elem(&h, "button", T(r, "Weitermachen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}
