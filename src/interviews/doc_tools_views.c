/* doc_tools_views.c — HTML of a document's tools: an expert talk's
 * participants as a table and its event with the form to link it, the
 * pseudonymisation form, and the project's key list of pseudonyms. */
#include "interviews/iv_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <inttypes.h>
#include <string.h>

/* One participant's line "name, organisation, role" as three cells (the
 * role takes what follows the second comma). */
static void participant_row(html *h, struct req *r, const char *line, size_t len)
{
	const char *cell[3] = { "", "", "" };
	const char *p = line, *end = line + len;
	for (int i = 0; i < 3 && p < end; i++) {
		const char *c = i < 2 ? memchr(p, ',', (size_t)(end - p)) : NULL;
		const char *stop = c ? c : end;
		while (p < stop && *p == ' ')
			p++;
		cell[i] = arena_strndup(r->a, p, (size_t)(stop - p));
		p = c ? c + 1 : end;
	}
	html_open(h, "tr", NULL);
	html_elem(h, "td", cell[0], NULL);
	html_elem(h, "td", cell[1], NULL);
	html_elem(h, "td", cell[2], NULL);
	html_close(h, "tr");
}

void iv_view_doc_talk(html *h, struct req *r, const struct iv_doc_view *v)
{
	const struct iv_doc *d = v->d;
	if (*d->participants) {
		const char *const heads[] = { T(r, "Name"), T(r, "Organisation"), T(r, "Rolle") };
		layout_table_begin(h, r, "teilnehmende-caption", T(r, "Teilnehmende"), heads, NELEM(heads));
		for (const char *p = d->participants; *p;) {
			size_t len = strcspn(p, "\r\n");
			if (len)
				participant_row(h, r, p, len);
			p += len;
			p += strspn(p, "\r\n");
		}
		layout_table_end(h);
	}
	const struct iv_event_choice *ec = v->events;
	if (!ec || strcmp(d->kind, "expert") != 0)
		return;
	html_elem(h, "h2", T(r, "Veranstaltung"), "id", "veranstaltung", NULL);
	if (ec->url) {
		html_open(h, "p", NULL);
		html_text(h, T(r, "Das Gespräch fand statt bei:"));
		html_text(h, " ");
		html_elem(h, "a", ec->title, "href", ec->url, NULL);
		html_text(h, " (");
		html_text(h, layout_date(r, arena_strndup(r->a, ec->starts_at, 10)));
		html_text(h, ")");
		html_close(h, "p");
	}
	html_open(h, "form", "class", "form", "method", "post", "action",
		  iv_path(r, v->p->id, arena_printf(r->a, "/dokumente/%" PRId64 "/veranstaltung", d->id)), NULL);
	fields_csrf(h, r);
	struct fields_in in = { .name = "event",
				.id = "f-event",
				.label = T(r, "Veranstaltung, bei der das Gespräch stattfand"),
				.value = ec->current };
	fields_select(h, r, &in, T(r, "(keine)"), ec->ids, ec->labels, ec->n);
	html_elem(h, "button", T(r, "Veranstaltung speichern"), "type", "submit", "class", "button secondary", NULL);
	html_close(h, "form");
}

void iv_view_doc_pseudonym(html *h, struct req *r, const struct iv_doc_view *v)
{
	html_elem(h, "h2", T(r, "Pseudonymisieren"), "id", "pseudonym", NULL);
	html_open(h, "p", NULL);
	html_text(h, T(r, "Ersetzt einen Namen oder Ort überall im Text durch einen Platzhalter wie [Name 1] oder "
			  "[Schule A]; derselbe Name bekommt im ganzen Projekt denselben Platzhalter. Kodierungen bleiben "
			  "erhalten. Die Zuordnung steht nur in der"));
	html_text(h, " ");
	html_elem(h, "a", T(r, "Schlüsselliste"), "href", iv_path(r, v->p->id, "/schluessel"), NULL);
	html_text(h, ".");
	html_close(h, "p");
	html_open(h, "form", "class", "form", "method", "post", "action",
		  iv_path(r, v->p->id, arena_printf(r->a, "/dokumente/%" PRId64 "/pseudonym", v->d->id)), NULL);
	fields_csrf(h, r);
	struct fields_in in = { .name = "original",
				.id = "f-original",
				.label = T(r, "Name oder Ort, wie im Text"),
				.maxlen = IV_MAX_NAME,
				.autocomplete = "off",
				.required = 1 };
	fields_input(h, r, &in);
	const char *labels[] = { T(r, "Name einer Person"), T(r, "Ort"), T(r, "Schule"), T(r, "Betrieb"),
				 T(r, "Organisation") };
	in = (struct fields_in){ .name = "kind", .id = "f-kind", .label = T(r, "Art"), .value = "Name" };
	fields_select(h, r, &in, NULL, iv_pseudonym_kinds, labels, NELEM(labels));
	html_elem(h, "button", T(r, "Ersetzen"), "type", "submit", "class", "button secondary", NULL);
	html_close(h, "form");
}

void iv_view_keys(struct req *r, struct resp *w, const struct iv_project *p, const struct iv_pseudonym *k,
		  size_t n)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Schlüsselliste der Pseudonyme"));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", p->name, "href", iv_path(r, p->id, NULL), NULL);
	html_close(&h, "p");
	html_elem(&h, "p",
		  T(r, "Welcher Platzhalter für welchen Namen steht. Nur die Mitglieder des Projekts sehen diese Liste; "
		       "jedes Öffnen wird protokolliert. Nicht ausdrucken, nicht weitergeben."),
		  NULL);
	if (n == 0) {
		html_elem(&h, "p", T(r, "Noch nichts pseudonymisiert."), NULL);
	} else {
		const char *const heads[] = { T(r, "Platzhalter"), T(r, "steht für"), T(r, "Art"), T(r, "seit") };
		layout_table_begin(&h, r, "schluessel-caption", T(r, "Platzhalter und Namen"), heads, NELEM(heads));
		for (size_t i = 0; i < n; i++) {
			html_open(&h, "tr", NULL);
			html_elem(&h, "td", k[i].placeholder, NULL);
			html_open(&h, "td", NULL);
			html_elem(&h, "bdi", k[i].original, NULL);
			html_close(&h, "td");
			html_elem(&h, "td", k[i].kind, NULL);
			html_elem(&h, "td", layout_time(r, k[i].created_at), NULL);
			html_close(&h, "tr");
		}
		layout_table_end(&h);
	}
	layout_end(&h, r);
}
