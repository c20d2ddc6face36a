/* fields.c — the recurring shapes of forms and their messages (fields.h). */
#include "html/fields.h"
#include "html/layout.h"
#include "core/i18n.h"

#include <string.h>

void fields_alert(html *h, const char *text)
{
	if (!text)
		return;
	html_open(h, "div", "class", "error-summary", "role", "alert", "tabindex", "-1", NULL);
	html_elem(h, "p", text, NULL);
	html_close(h, "div");
}

void fields_alert_heading(html *h, const char *heading, const char *text)
{
	html_open(h, "div", "class", "error-summary", "role", "alert", "tabindex", "-1", NULL);
	html_elem(h, "h2", heading, NULL);
	html_elem(h, "p", text, NULL);
	html_close(h, "div");
}

void fields_notice(html *h, const char *text)
{
	if (!text)
		return;
	html_open(h, "div", "class", "success", "role", "status", NULL);
	html_elem(h, "p", text, NULL);
	html_close(h, "div");
}

/* One side of a difference: its lines, or that it is empty. */
static void value(html *h, struct req *r, const char *v)
{
	if (!v || !*v) {
		html_elem(h, "p", T(r, "(leer)"), "class", "compare-empty", NULL);
		return;
	}
	html_open(h, "p", NULL);
	layout_lines(h, r, v);
	html_close(h, "p");
}

void fields_conflict(html *h, struct req *r, const struct fields_conflict *c)
{
	html_open(h, "div", "class", "error-summary conflict", "role", "alert", "tabindex", "-1", "id", "konflikt",
		  NULL);
	html_elem(h, "h2", c->heading, NULL);
	html_elem(h, "p", c->who && *c->who && c->at
			       ? i18n_fill(r->a, T(r, "{1} hat am {2} gespeichert, nachdem Sie das Formular geöffnet "
						       "hatten. Ihre Änderungen sind noch nicht gespeichert."), c->who, c->at, NULL)
			       : T(r, "Jemand hat gespeichert, nachdem Sie das Formular geöffnet hatten. Ihre Änderungen "
				      "sind noch nicht gespeichert."), NULL);
	html_elem(h, "p", i18n_fill(r->a, T(r, "Ihre Eingaben stehen unten im Formular. Übernehmen Sie, was von der "
					       "anderen Fassung bleiben soll, und klicken Sie dann noch einmal auf "
					       "„{1}“: Dann gilt Ihre Fassung."), c->again, NULL), NULL);
	html_open(h, "p", NULL);
	html_elem(h, "a", T(r, "Meine Eingaben verwerfen und die gespeicherte Fassung öffnen"), "href", c->reload, NULL);
	html_close(h, "p");
	html_close(h, "div");

	html_open(h, "section", "class", "compare", "aria-labelledby", "konflikt-felder", NULL);
	html_elem(h, "h2", c->n ? T(r, "Was sich unterscheidet") : T(r, "Die gespeicherte Fassung ist gleich Ihrer Eingabe"),
		  "id", "konflikt-felder", NULL);
	const char *theirs = c->who && *c->who ? i18n_fill(r->a, T(r, "Gespeichert von {1}"), c->who, NULL)
					       : T(r, "Gespeichert");
	for (size_t i = 0; i < c->n; i++) {
		html_open(h, "div", "class", "compare-field", NULL);
		html_elem(h, "h3", c->label[i], NULL);
		html_open(h, "div", "class", "compare-theirs", NULL);
		html_elem(h, "p", theirs, "class", "compare-head", NULL);
		value(h, r, c->theirs[i]);
		html_close(h, "div");
		html_open(h, "div", "class", "compare-yours", NULL);
		html_elem(h, "p", T(r, "Ihre Eingabe"), "class", "compare-head", NULL);
		value(h, r, c->yours[i]);
		html_close(h, "div");
		html_close(h, "div");
	}
	html_close(h, "section");
}

void fields_csrf(html *h, const struct req *r)
{
	html_void(h, "input", "type", "hidden", "name", "csrf", "value", r->csrf, NULL);
}

void fields_done_button(html *h, struct req *r, const char *action, int done, const char *back)
{
	html_open(h, "form", "method", "post", "action", action, NULL);
	fields_csrf(h, r);
	html_void(h, "input", "type", "hidden", "name", "done", "value", done ? "0" : "1", NULL);
	if (back)
		html_void(h, "input", "type", "hidden", "name", "zurueck", "value", back, NULL);
	html_elem(h, "button", done ? T(r, "Wieder öffnen") : T(r, "Als erledigt markieren"), "type", "submit", "class",
		  "button secondary", NULL);
	html_close(h, "form");
}

/* ---- the labelled control ---- */

struct fields_in fields_of(const struct field *d, const char *value, const char *err)
{
	struct fields_in in = { .name = d->name, .value = value, .err = err, .maxlen = d->maxlen,
				.required = (d->flags & FIELD_REQUIRED) != 0 };
	return in;
}

/* The ids of a control, its hint and its error, and what describes it. */
struct ids {
	const char *id, *hint, *err, *described;
};

static struct ids ids_of(struct req *r, const struct fields_in *in)
{
	struct ids x;
	x.id = in->id ? in->id : arena_printf(r->a, "f-%s", in->name);
	x.hint = arena_printf(r->a, "%s-hint", x.id);
	x.err = arena_printf(r->a, "%s-err", x.id);
	x.described = in->err ? (in->hint ? arena_printf(r->a, "%s %s", x.err, x.hint) : x.err)
			      : in->hint ? x.hint : NULL;
	return x;
}

/* <div class="BASE CLS has-error"> */
static void open_wrapper(html *h, struct req *r, const struct fields_in *in, const char *base)
{
	html_open(h, "div", "class", arena_printf(r->a, "%s%s%s%s", base, in->cls ? " " : "", in->cls ? in->cls : "",
						  in->err ? " has-error" : ""), NULL);
}

static void required_mark(html *h, struct req *r, const struct fields_in *in)
{
	if (!in->required || in->unmarked)
		return;
	html_text(h, " ");
	html_elem(h, "span", T(r, "(Pflichtfeld)"), "class", "req", NULL);
}

static void open_field(html *h, struct req *r, const struct fields_in *in, const struct ids *x)
{
	open_wrapper(h, r, in, "field");
	html_open(h, "label", "for", x->id, NULL);
	html_text(h, in->label);
	required_mark(h, r, in);
	html_close(h, "label");
}

static void close_field(html *h, struct req *r, const struct fields_in *in, const struct ids *x)
{
	if (in->hint)
		html_elem(h, "p", in->hint, "class", "field-hint", "id", x->hint, NULL);
	if (in->err)
		html_elem(h, "p", T(r, in->err), "class", "field-error", "id", x->err, NULL);
	html_close(h, "div");
}

static const char *maxlength(struct req *r, const struct fields_in *in)
{
	return arena_printf(r->a, "%zu", in->maxlen ? in->maxlen : 200);
}

void fields_input(html *h, struct req *r, const struct fields_in *in)
{
	struct ids x = ids_of(r, in);
	const char *type = in->type ? in->type : "text", *mode = NULL;
	if (strcmp(type, "number") == 0) {
		type = "text";
		mode = "numeric";
	}
	int plain = mode || strcmp(type, "email") == 0 || strcmp(type, "url") == 0;
	int file = strcmp(type, "file") == 0;
	open_field(h, r, in, &x);
	html_void(h, "input", "id", x.id, "name", in->name, "type", type, "inputmode", mode, "class", in->ctl_cls,
		  "accept", in->accept, "required", in->required ? "" : NULL, "maxlength", file ? NULL : maxlength(r, in),
		  "autocomplete", in->autocomplete, "spellcheck", plain ? "false" : NULL, "value", in->value, "lang", in->ctl_lang,
		  "dir", in->ctl_lang ? layout_dir(r, in->ctl_lang) : NULL, "aria-invalid", in->err ? "true" : NULL,
		  "aria-describedby", x.described, NULL);
	close_field(h, r, in, &x);
}

void fields_textarea(html *h, struct req *r, const struct fields_in *in)
{
	struct ids x = ids_of(r, in);
	open_field(h, r, in, &x);
	html_open(h, "textarea", "id", x.id, "name", in->name, "rows", arena_printf(r->a, "%d", in->rows ? in->rows : 4),
		  "class", in->ctl_cls, "required", in->required ? "" : NULL, "maxlength", maxlength(r, in), "lang",
		  in->ctl_lang, "dir", in->ctl_lang ? layout_dir(r, in->ctl_lang) : NULL, "aria-invalid",
		  in->err ? "true" : NULL, "aria-describedby", x.described, NULL);
	/* a newline right after <textarea> is dropped by parsers: keep a leading one */
	if (in->value && in->value[0] == '\n')
		html_text(h, "\n");
	html_text(h, in->value);
	html_close(h, "textarea");
	close_field(h, r, in, &x);
}

void fields_select(html *h, struct req *r, const struct fields_in *in, const char *empty,
		   const char *const *values, const char *const *labels, size_t n)
{
	struct ids x = ids_of(r, in);
	open_field(h, r, in, &x);
	html_open(h, "select", "id", x.id, "name", in->name, "class", in->ctl_cls, "required",
		  in->required ? "" : NULL, "aria-invalid", in->err ? "true" : NULL, "aria-describedby",
		  x.described, NULL);
	if (empty)
		html_elem(h, "option", empty, "value", "", NULL);
	for (size_t i = 0; i < n; i++)
		html_elem(h, "option", labels[i], "value", values[i], "selected",
			  in->value && strcmp(in->value, values[i]) == 0 ? "" : NULL, NULL);
	html_close(h, "select");
	close_field(h, r, in, &x);
}

void fields_pick(html *h, struct req *r, const struct fields_in *in, const char *empty, const char *const *ids,
		 const char *const *names, const char *const *places, size_t n)
{
	const char **labels = arena_alloc(r->a, (n + 1) * sizeof(*labels));
	for (size_t i = 0; i < n; i++)
		labels[i] = places && places[i] && *places[i] ? arena_printf(r->a, "%s (%s)", names[i], places[i])
							      : names[i];
	fields_select(h, r, in, empty, ids, labels, n);
}

void fields_checkbox(html *h, struct req *r, const struct fields_in *in, int checked)
{
	struct ids x = ids_of(r, in);
	open_wrapper(h, r, in, "field-check");
	html_void(h, "input", "type", "checkbox", "id", x.id, "name", in->name, "value", "1", "class", in->ctl_cls,
		  "required", in->required ? "" : NULL, "checked", checked ? "" : NULL, "aria-invalid",
		  in->err ? "true" : NULL, "aria-describedby", x.described, NULL);
	html_open(h, "label", "for", x.id, NULL);
	html_text(h, in->label);
	if (in->link) {
		html_text(h, " ");
		html_elem(h, "a", in->link, "href", in->link_href, NULL);
		html_text(h, ".");
	}
	required_mark(h, r, in);
	html_close(h, "label");
	close_field(h, r, in, &x);
}

/* ---- the error summary ---- */

void fields_summary_begin(html *h, struct req *r, const char *heading, const char *text)
{
	html_open(h, "div", "class", "error-summary", "role", "alert", "tabindex", "-1", NULL);
	html_elem(h, "h2", heading ? heading : T(r, "Bitte prüfen Sie Ihre Eingaben"), NULL);
	if (text)
		html_elem(h, "p", text, NULL);
	html_open(h, "ul", NULL);
}

void fields_summary_link(html *h, struct req *r, const char *anchor, const char *text)
{
	html_li_link(h, text, arena_printf(r->a, "#%s", anchor));
}

void fields_summary_item(html *h, struct req *r, const char *name, const char *label, const char *err)
{
	if (!err)
		return;
	fields_summary_link(h, r, arena_printf(r->a, "f-%s", name),
			    i18n_fill(r->a, T(r, "{1}: {2}"), label, T(r, err), NULL));
}

void fields_summary_end(html *h)
{
	html_close(h, "ul");
	html_close(h, "div");
}

void fields_summary(html *h, struct req *r, const struct field *defs, const struct form *f,
		    const char *const *labels)
{
	if (!f || !f->nerr)
		return;
	fields_summary_begin(h, r, NULL, NULL);
	for (size_t i = 0; i < f->n; i++)
		if (labels[i])
			fields_summary_item(h, r, defs[i].name, labels[i], f->err[i]);
	fields_summary_end(h);
}
