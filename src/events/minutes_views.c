/* minutes_views.c — HTML of an event's minutes in the staff area: the
 * text, the decisions and action items (who does what by when) with their
 * forms, and the list of action items across events. */
#include "events/events_internal.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"
#include "html/markdown.h"

#include <string.h>

static const char *const kinds[] = { "decision", "action", NULL };

const struct field events_item_fields[IF__MAX] = {
	[IF_KIND] = { "kind", FIELD_CHOICE, FIELD_REQUIRED, 10, 0, 0, kinds },
	[IF_TEXT] = { "text", FIELD_MULTILINE, FIELD_REQUIRED, 2000, 0, 0, NULL },
	[IF_WHO] = { "who", FIELD_TEXT, 0, 200, 0, 0, NULL },
	[IF_DUE] = { "due", FIELD_TEXT, 0, 10, 0, 0, NULL },
};

/* The form of a decision or action item, posted to action (labelled by
 * heading_id): f's values and errors, else it's, else empty (an action). */
static void item_form(html *h, struct req *r, const char *action, const char *heading_id, const struct form *f,
		      const struct event_item *it, const char *button)
{
	static const char *const labels_de[IF__MAX] = { N_("Art"), N_("Was"), N_("Wer"), N_("Bis") };
	const char *labels[IF__MAX];
	for (int i = 0; i < IF__MAX; i++)
		labels[i] = T(r, labels_de[i]);
	const char *vals[IF__MAX] = { it ? it->kind : "action", it ? it->text : NULL,
				      it && *it->who ? it->who : NULL, it ? it->due : NULL };
	for (int i = 0; f && i < IF__MAX; i++)
		vals[i] = f->val[i];
	fields_summary(h, r, events_item_fields, f, labels);
	html_open(h, "form", "class", "form", "method", "post", "novalidate", "", "action", action, "aria-labelledby",
		  heading_id, NULL);
	fields_csrf(h, r);
	const char *kl[] = { T(r, "Beschluss"), T(r, "Aufgabe") };
	struct fields_in k = fields_of(&events_item_fields[IF_KIND], vals[IF_KIND], f ? f->err[IF_KIND] : NULL);
	k.label = labels[IF_KIND];
	fields_select(h, r, &k, NULL, kinds, kl, 2);
	struct fields_in t = fields_of(&events_item_fields[IF_TEXT], vals[IF_TEXT], f ? f->err[IF_TEXT] : NULL);
	t.label = labels[IF_TEXT];
	t.rows = 3;
	fields_textarea(h, r, &t);
	struct fields_in w = fields_of(&events_item_fields[IF_WHO], vals[IF_WHO], f ? f->err[IF_WHO] : NULL);
	w.label = labels[IF_WHO];
	w.hint = T(r, "Bei einer Aufgabe: wer sie erledigt.");
	fields_input(h, r, &w);
	struct fields_in d = fields_of(&events_item_fields[IF_DUE], vals[IF_DUE], f ? f->err[IF_DUE] : NULL);
	d.label = labels[IF_DUE];
	d.type = "date";
	d.hint = T(r, "Bei einer Aufgabe: bis wann, z. B. 2027-06-30.");
	fields_input(h, r, &d);
	html_elem(h, "button", button, "type", "submit", "class", "button", NULL);
	html_close(h, "form");
}

void events_view_minutes(html *h, struct req *r, const struct event *e, const struct event_item *items, size_t n,
			 const struct form *f)
{
	const char *base = arena_printf(r->a, "/intern/veranstaltungen/%lld", (long long)e->id);
	html_elem(h, "h2", T(r, "Protokoll"), "id", "protokoll", NULL);
	html_open(h, "form", "class", "form", "method", "post", "action", arena_printf(r->a, "%s/protokoll", base),
		  "aria-labelledby", "protokoll", NULL);
	fields_csrf(h, r);
	struct fields_in m = { .name = "minutes", .label = T(r, "Protokoll (Markdown)"), .value = e->minutes_md,
			       .maxlen = 50000, .rows = 10 };
	fields_textarea(h, r, &m);
	html_elem(h, "button", T(r, "Protokoll speichern"), "type", "submit", "class", "button", NULL);
	html_close(h, "form");

	html_elem(h, "h3", T(r, "Beschlüsse und Aufgaben"), "id", "punkte", NULL);
	if (n == 0)
		html_elem(h, "p", T(r, "Noch keine."), NULL);
	else {
		const char *const heads[] = { T(r, "Art"), T(r, "Was"), T(r, "Wer"), T(r, "Bis"), T(r, "Erledigt") };
		layout_table_begin(h, r, "punkte-caption", T(r, "Beschlüsse und Aufgaben dieser Veranstaltung"), heads,
				   NELEM(heads));
		for (size_t i = 0; i < n; i++) {
			int action = strcmp(items[i].kind, "action") == 0;
			html_open(h, "tr", NULL);
			html_elem(h, "td", action ? T(r, "Aufgabe") : T(r, "Beschluss"), NULL);
			html_open(h, "td", NULL);
			layout_lines(h, r, items[i].text);
			html_text(h, " ");
			html_elem(h, "a", T(r, "Ändern"), "href",
				  arena_printf(r->a, "%s/punkte/%lld", base, (long long)items[i].id), "aria-label",
				  i18n_fill(r->a, T(r, "Ändern: {1}"), items[i].text, NULL), NULL);
			html_close(h, "td");
			html_elem(h, "td", items[i].who, "dir", "auto", NULL);
			html_elem(h, "td", items[i].due ? layout_date(r, items[i].due) : "", NULL);
			html_open(h, "td", NULL);
			if (action) {
				fields_done_button(h, r, arena_printf(r->a, "%s/punkte/%lld/erledigt", base, (long long)items[i].id),
						   items[i].done, NULL);
				if (items[i].done)
					html_elem(h, "span", T(r, "erledigt"), "class", "tag tag-done", NULL);
			}
			html_close(h, "td");
			html_close(h, "tr");
		}
		layout_table_end(h);
	}

	html_elem(h, "h3", T(r, "Beschluss oder Aufgabe hinzufügen"), "id", "punkt-neu", NULL);
	item_form(h, r, arena_printf(r->a, "%s/punkte#punkt-neu", base), "punkt-neu", f, NULL, T(r, "Hinzufügen"));
}

void events_view_item(struct req *r, struct resp *w, const struct event *e, const struct event_item *it,
		      const struct form *f)
{
	const char *base = arena_printf(r->a, "/intern/veranstaltungen/%lld", (long long)e->id);
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, strcmp(it->kind, "action") == 0 ? T(r, "Aufgabe ändern") : T(r, "Beschluss ändern"));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", i18n_fill(r->a, T(r, "Zurück zu „{1}“"), e->title, NULL), "href",
		  arena_printf(r->a, "%s#punkte", base), NULL);
	html_close(&h, "p");
	html_elem(&h, "h2", T(r, "Der Punkt"), "id", "punkt", NULL);
	const char *action = arena_printf(r->a, "%s/punkte/%lld", base, (long long)it->id);
	item_form(&h, r, action, "punkt", f, it, T(r, "Speichern"));
	html_elem(&h, "h2", T(r, "Löschen"), "id", "punkt-loeschen", NULL);
	html_elem(&h, "p", T(r, "Der Punkt verschwindet aus dem Protokoll und aus der Liste der Aufgaben. Das lässt sich "
			       "nicht rückgängig machen."),
		  NULL);
	html_open(&h, "form", "method", "post", "action", arena_printf(r->a, "%s/loeschen", action), "aria-labelledby",
		  "punkt-loeschen", NULL);
	fields_csrf(&h, r);
	html_elem(&h, "button", T(r, "Diesen Punkt löschen"), "type", "submit", "class", "button danger", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}

void events_view_actions(struct req *r, struct resp *w, const struct events_task *t, size_t n, int all,
			 const char *today)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Aufgaben"));
	html_elem(&h, "p",
		  T(r, "Die Aufgaben aus den Protokollen der Veranstaltungen und den Sitzungen der Gremien, die nächste "
		       "Frist zuerst."),
		  NULL);
	html_open(&h, "p", NULL);
	if (all)
		html_elem(&h, "a", T(r, "Nur offene Aufgaben"), "href", "/intern/aufgaben", NULL);
	else
		html_elem(&h, "a", T(r, "Auch erledigte Aufgaben zeigen"), "href", "/intern/aufgaben?alle=1", NULL);
	html_close(&h, "p");
	if (n == 0) {
		html_elem(&h, "p", T(r, "Keine offenen Aufgaben."), NULL);
		layout_end(&h, r);
		return;
	}
	const char *const heads[] = { T(r, "Bis"), T(r, "Was"), T(r, "Wer"), T(r, "Veranstaltung oder Sitzung"),
				      T(r, "Status"), T(r, "Erledigt") };
	layout_table_begin(&h, r, "aufgaben-caption", T(r, "Aufgaben nach Frist"), heads, NELEM(heads));
	for (size_t i = 0; i < n; i++) {
		const struct events_task *it = &t[i];
		int late = !it->done && *it->due && strcmp(it->due, today) < 0;
		html_open(&h, "tr", NULL);
		html_elem(&h, "td", *it->due ? layout_date(r, it->due) : "", NULL);
		html_open(&h, "td", NULL);
		layout_lines(&h, r, it->text);
		html_close(&h, "td");
		html_elem(&h, "td", it->who, "dir", "auto", NULL);
		html_open(&h, "td", NULL);
		html_elem(&h, "a", it->source, "href", it->source_href, NULL);
		html_close(&h, "td");
		html_open(&h, "td", NULL);
		html_elem(&h, "span", it->done ? T(r, "erledigt") : late ? T(r, "überfällig") : T(r, "offen"), "class",
			  it->done ? "tag tag-done" : "tag", NULL);
		html_close(&h, "td");
		html_open(&h, "td", NULL);
		fields_done_button(&h, r, it->done_action, it->done, "aufgaben");
		html_close(&h, "td");
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	layout_end(&h, r);
}
