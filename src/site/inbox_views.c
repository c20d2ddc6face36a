/* inbox_views.c — HTML of the contact inbox: the list (names, no message
 * text) and one message with its actions. */
#include "site/staff_views.h"
#include "html/fields.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <stdint.h>
#include <string.h>

static const char *const status_filters[] = { "new", "done", "all", NULL };
static const char *const status_values[] = { "new", "done", NULL };
static const char *const notice_keys[] = { "erledigt", "offen", "geloescht", NULL };

const struct field inbox_query_fields[IQ__MAX] = {
	[IQ_STATUS] = { "status", FIELD_CHOICE, 0, 10, 0, 0, status_filters },
	[IQ_PAGE] = { "seite", FIELD_INT, 0, 10, 1, 1000000, NULL },
	[IQ_NOTICE] = { "hinweis", FIELD_CHOICE, 0, 20, 0, 0, notice_keys },
};

const struct field status_fields[SF__MAX] = {
	[SF_STATUS] = { "status", FIELD_CHOICE, FIELD_REQUIRED, 10, 0, 0, status_values },
};

const struct field delete_fields[DF__MAX] = {
	[DF_CONFIRM] = { "confirm", FIELD_CHECKBOX, FIELD_REQUIRED, 1, 0, 0, NULL },
};

const struct field search_fields[XF__MAX] = {
	[XF_EMAIL] = { "email", FIELD_EMAIL, FIELD_REQUIRED, 254, 0, 0, NULL },
};

const struct field erase_fields[EF_ERASE__MAX] = {
	[EF_ERASE_EMAIL] = { "email", FIELD_EMAIL, FIELD_REQUIRED, 254, 0, 0, NULL },
	[EF_ERASE_MAX_ID] = { "bis", FIELD_INT, FIELD_REQUIRED, 20, 1, INT64_MAX, NULL },
	[EF_ERASE_CONFIRM] = { "confirm", FIELD_CHECKBOX, FIELD_REQUIRED, 1, 0, 0, NULL },
};

const struct field search_query_fields[XQ__MAX] = {
	[XQ_DELETED] = { "geloescht", FIELD_INT, 0, 10, 0, 1000000000, NULL },
};

static const char *status_label(struct req *r, const char *status)
{
	return strcmp(status, "done") == 0 ? T(r, "erledigt") : T(r, "neu");
}

static const char *list_url(struct req *r, const char *status, long page)
{
	return html_url(r->a, "/intern/nachrichten", "status", strcmp(status, "new") == 0 ? NULL : status,
			"seite", page > 1 ? arena_printf(r->a, "%ld", page) : NULL, NULL);
}

static void filters(html *h, struct req *r, const char *current)
{
	static const struct {
		const char *status, *label;
	} items[] = {
		{ "new", N_("Neu") },
		{ "done", N_("Erledigt") },
		{ "all", N_("Alle") },
	};
	html_open(h, "nav", "class", "filter-links", "aria-label", T(r, "Nachrichten filtern"), NULL);
	html_open(h, "ul", "class", "inline-list", NULL);
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		html_open(h, "li", NULL);
		html_elem(h, "a", T(r, items[i].label), "href", list_url(r, items[i].status, 1),
			  "aria-current", strcmp(current, items[i].status) == 0 ? "page" : NULL, NULL);
		html_close(h, "li");
	}
	html_close(h, "ul");
	html_close(h, "nav");
}

void site_view_inbox_list(struct req *r, struct resp *w, const struct contact_row *rows, size_t n,
			  const char *status, long page, long total, const char *notice)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Nachrichten"));
	fields_notice(&h, notice);
	html_elem(&h, "p", T(r, "Nachrichten über das Kontaktformular. Sie enthalten personenbezogene Daten: "
				"Jeder Aufruf wird protokolliert. Löschen Sie Nachrichten, die Sie nicht mehr "
				"brauchen."), "class", "lead", NULL);
	filters(&h, r, status);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Alle Nachrichten einer E-Mail-Adresse finden (Auskunft, Löschung)"), "href",
		  "/intern/nachrichten/suche", NULL);
	html_close(&h, "p");
	if (n == 0) {
		const char *none = strcmp(status, "new") == 0    ? T(r, "Keine neuen Nachrichten.")
				   : strcmp(status, "done") == 0 ? T(r, "Keine erledigten Nachrichten.")
								 : T(r, "Keine Nachrichten.");
		html_elem(&h, "p", none, NULL);
		layout_end(&h, r);
		return;
	}
	html_elem(&h, "p", i18n_fill(r->a, T(r, "Nachrichten in dieser Ansicht: {1}"),
				     arena_printf(r->a, "%ld", total), NULL), "class", "meta", NULL);
	const char *const heads[] = { T(r, "Eingegangen"), T(r, "Name"), T(r, "Sprache"), T(r, "Status") };
	layout_table_begin(&h, r, "nachrichten-caption", T(r, "Nachrichten, die neueste zuerst"),
			   heads, NELEM(heads));
	for (size_t i = 0; i < n; i++) {
		html_open(&h, "tr", NULL);
		html_open(&h, "td", NULL);
		site_view_time(&h, r, rows[i].created_at);
		html_close(&h, "td");
		html_open(&h, "td", NULL);
		html_elem(&h, "a", rows[i].name, "href",
			  arena_printf(r->a, "/intern/nachrichten/%lld", (long long)rows[i].id), NULL);
		html_close(&h, "td");
		html_elem(&h, "td", i18n_lang(rows[i].lang) ? i18n_lang_name(rows[i].lang) : rows[i].lang, NULL);
		html_open(&h, "td", NULL);
		html_elem(&h, "span", status_label(r, rows[i].status), "class",
			  strcmp(rows[i].status, "new") == 0 ? "tag" : "tag tag-done", NULL);
		html_close(&h, "td");
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	layout_pages(&h, r, page, total, INBOX_PAGE_SIZE, "/intern/nachrichten", "status",
		     strcmp(status, "new") == 0 ? NULL : status, NULL, NULL);
	layout_end(&h, r);
}

void site_view_inbox_show(struct req *r, struct resp *w, const struct contact_row *msg, const struct form *del)
{
	html h = html_on(&w->body);
	const char *id = arena_printf(r->a, "%lld", (long long)msg->id);
	const char *base = arena_printf(r->a, "/intern/nachrichten/%s", id);
	int done = strcmp(msg->status, "done") == 0;
	/* The title names no one: it ends up in the browser's history. */
	layout_staff_begin(&h, r, i18n_fill(r->a, T(r, "Nachricht Nr. {1}"), id, NULL));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zurück zu den Nachrichten"), "href", "/intern/nachrichten", NULL);
	html_close(&h, "p");
	if (del && del->nerr)
		fields_alert(&h, T(r, "Die Nachricht ist nicht gelöscht. Bitte bestätigen Sie das Löschen mit "
				       "dem Kästchen."));

	html_open(&h, "dl", "class", "facts", NULL);
	html_elem(&h, "dt", T(r, "Name"), NULL);
	html_elem(&h, "dd", msg->name, NULL);
	html_elem(&h, "dt", T(r, "E-Mail-Adresse"), NULL);
	html_open(&h, "dd", NULL);
	html_elem(&h, "a", msg->email, "href", html_mailto(r->a, msg->email), NULL);
	html_close(&h, "dd");
	html_elem(&h, "dt", T(r, "Eingegangen"), NULL);
	html_open(&h, "dd", NULL);
	site_view_time(&h, r, msg->created_at);
	html_close(&h, "dd");
	html_elem(&h, "dt", T(r, "Sprache"), NULL);
	html_elem(&h, "dd", i18n_lang(msg->lang) ? i18n_lang_name(msg->lang) : msg->lang, NULL);
	html_elem(&h, "dt", T(r, "Einwilligung erteilt"), NULL);
	html_open(&h, "dd", NULL);
	site_view_time(&h, r, msg->consent_at);
	html_close(&h, "dd");
	html_elem(&h, "dt", T(r, "Status"), NULL);
	html_open(&h, "dd", NULL);
	html_elem(&h, "span", status_label(r, msg->status), "class", done ? "tag tag-done" : "tag", NULL);
	html_close(&h, "dd");
	html_close(&h, "dl");

	html_elem(&h, "h2", T(r, "Nachricht"), "id", "nachricht", NULL);
	html_open(&h, "blockquote", "class", "message-text", "aria-labelledby", "nachricht", "lang", msg->lang,
		  NULL);
	html_open(&h, "p", NULL);
	layout_lines(&h, r, msg->message);
	html_close(&h, "p");
	html_close(&h, "blockquote");

	html_open(&h, "div", "class", "actions", NULL);
	html_open(&h, "form", "class", "inline-form", "method", "post", "action",
		  arena_printf(r->a, "%s/erledigt", base), NULL);
	fields_csrf(&h, r);
	html_void(&h, "input", "type", "hidden", "name", "status", "value", done ? "new" : "done", NULL);
	html_elem(&h, "button", done ? T(r, "Wieder öffnen") : T(r, "Als erledigt markieren"), "type",
		  "submit", "class", "button", NULL);
	html_close(&h, "form");
	html_elem(&h, "a", T(r, "Per E-Mail antworten"), "class", "button secondary", "href",
		  html_mailto(r->a, msg->email), NULL);
	html_close(&h, "div");

	html_elem(&h, "h2", T(r, "Nachricht löschen"), "id", "loeschen", NULL);
	html_elem(&h, "p", T(r, "Löschen Sie die Nachricht, wenn die Anfrage erledigt ist und Sie sie nicht "
				"mehr brauchen. Das lässt sich nicht rückgängig machen."), NULL);
	html_open(&h, "form", "class", "form", "method", "post", "action", arena_printf(r->a, "%s/loeschen", base),
		  "novalidate", "", "aria-labelledby", "loeschen", NULL);
	fields_csrf(&h, r);
	struct fields_in confirm = fields_of(&delete_fields[DF_CONFIRM], NULL, del ? del->err[DF_CONFIRM] : NULL);
	confirm.label = T(r, "Ja, diese Nachricht endgültig löschen.");
	confirm.cls = "field";
	confirm.unmarked = 1;
	fields_checkbox(&h, r, &confirm, 0);
	html_elem(&h, "button", T(r, "Endgültig löschen"), "type", "submit", "class", "button danger", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}

/* Message m in full, for an access request: its facts and its text. */
static void message_block(html *h, struct req *r, const struct contact_row *m)
{
	const char *id = arena_printf(r->a, "%lld", (long long)m->id);
	const char *hid = arena_printf(r->a, "nachricht-%s", id);
	html_open(h, "article", "class", "found-message", "aria-labelledby", hid, NULL);
	html_open(h, "h3", "id", hid, NULL);
	html_elem(h, "a", i18n_fill(r->a, T(r, "Nachricht Nr. {1}"), id, NULL), "href",
		  arena_printf(r->a, "/intern/nachrichten/%s", id), NULL);
	html_close(h, "h3");
	html_open(h, "dl", "class", "facts", NULL);
	html_elem(h, "dt", T(r, "Eingegangen"), NULL);
	html_open(h, "dd", NULL);
	site_view_time(h, r, m->created_at);
	html_close(h, "dd");
	html_elem(h, "dt", T(r, "Name"), NULL);
	html_elem(h, "dd", m->name, NULL);
	html_elem(h, "dt", T(r, "E-Mail-Adresse"), NULL);
	html_elem(h, "dd", m->email, NULL);
	html_elem(h, "dt", T(r, "Sprache"), NULL);
	html_elem(h, "dd", i18n_lang(m->lang) ? i18n_lang_name(m->lang) : m->lang, NULL);
	html_elem(h, "dt", T(r, "Einwilligung erteilt"), NULL);
	html_open(h, "dd", NULL);
	site_view_time(h, r, m->consent_at);
	html_close(h, "dd");
	html_elem(h, "dt", T(r, "Status"), NULL);
	html_open(h, "dd", NULL);
	html_elem(h, "span", status_label(r, m->status), "class",
		  strcmp(m->status, "done") == 0 ? "tag tag-done" : "tag", NULL);
	html_close(h, "dd");
	html_close(h, "dl");
	html_open(h, "blockquote", "class", "message-text", "lang", m->lang, NULL);
	html_open(h, "p", NULL);
	layout_lines(h, r, m->message);
	html_close(h, "p");
	html_close(h, "blockquote");
	html_close(h, "article");
}

/* "Alle löschen": the address and the newest id shown, and the box. */
static void erase_form(html *h, struct req *r, const struct inbox_search *v)
{
	int64_t max_id = 0;
	for (size_t i = 0; i < v->n; i++)
		if (v->rows[i].id > max_id)
			max_id = v->rows[i].id;
	const char *count = arena_printf(r->a, "%zu", v->n);
	html_elem(h, "h2", T(r, "Alle löschen"), "id", "alle-loeschen", NULL);
	html_elem(h, "p", T(r, "Für einen Antrag auf Löschung (Art. 17 DSGVO): Löschen Sie alle Nachrichten, die "
			       "oben stehen. Das lässt sich nicht rückgängig machen. Das Protokoll hält nur fest, "
			       "wie viele Nachrichten gelöscht wurden, nicht die Adresse."), NULL);
	if (v->erase && v->erase->nerr)
		fields_alert(h, T(r, "Nichts ist gelöscht. Bitte bestätigen Sie das Löschen mit dem Kästchen."));
	html_open(h, "form", "class", "form", "method", "post", "action", "/intern/nachrichten/suche/loeschen",
		  "novalidate", "", "aria-labelledby", "alle-loeschen", NULL);
	fields_csrf(h, r);
	html_void(h, "input", "type", "hidden", "name", "email", "value", v->email, NULL);
	html_void(h, "input", "type", "hidden", "name", "bis", "value", arena_printf(r->a, "%lld", (long long)max_id),
		  NULL);
	struct fields_in confirm = fields_of(&erase_fields[EF_ERASE_CONFIRM], NULL,
					     v->erase ? v->erase->err[EF_ERASE_CONFIRM] : NULL);
	confirm.label = i18n_fill(r->a, T(r, "Ja, alle Nachrichten dieser Adresse endgültig löschen (Anzahl: {1})."),
				  count, NULL);
	confirm.cls = "field";
	confirm.unmarked = 1;
	fields_checkbox(h, r, &confirm, 0);
	html_elem(h, "button", T(r, "Alle endgültig löschen"), "type", "submit", "class", "button danger", NULL);
	html_close(h, "form");
}

void site_view_inbox_search(struct req *r, struct resp *w, const struct inbox_search *v)
{
	html h = html_on(&w->body);
	/* The title names no one: it ends up in the browser's history. */
	layout_staff_begin(&h, r, T(r, "Nachrichten einer E-Mail-Adresse"));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zurück zu den Nachrichten"), "href", "/intern/nachrichten", NULL);
	html_close(&h, "p");
	fields_notice(&h, v->notice);
	html_elem(&h, "p", T(r, "Für eine Auskunft (Art. 15 DSGVO) oder eine Löschung (Art. 17 DSGVO): Finden Sie "
				"alle Nachrichten, die von einer E-Mail-Adresse gekommen sind. Groß- und "
				"Kleinschreibung zählen nicht. Jede Suche wird protokolliert, die Adresse nicht."),
		  "class", "lead", NULL);
	const struct form *f = v->f;
	if (f && f->nerr)
		fields_summary(&h, r, search_fields, f, (const char *const[]){ T(r, "E-Mail-Adresse") });
	html_open(&h, "form", "class", "form", "method", "post", "action", "/intern/nachrichten/suche", "novalidate",
		  "", "role", "search", NULL);
	fields_csrf(&h, r);
	struct fields_in email = fields_of(&search_fields[XF_EMAIL], f ? f->val[XF_EMAIL] : NULL,
					   f ? f->err[XF_EMAIL] : NULL);
	email.label = T(r, "E-Mail-Adresse");
	email.type = "email";
	email.autocomplete = "off";
	fields_input(&h, r, &email);
	html_elem(&h, "button", T(r, "Nachrichten suchen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	if (!v->searched) {
		layout_end(&h, r);
		return;
	}
	html_elem(&h, "h2", i18n_fill(r->a, T(r, "Gefundene Nachrichten: {1}"), arena_printf(r->a, "%zu", v->n), NULL),
		  "id", "gefunden", NULL);
	if (v->n == 0) {
		html_elem(&h, "p", T(r, "Von dieser Adresse sind keine Nachrichten gespeichert."), NULL);
		layout_end(&h, r);
		return;
	}
	for (size_t i = 0; i < v->n; i++)
		message_block(&h, r, &v->rows[i]);
	erase_form(&h, r, v);
	layout_end(&h, r);
}
