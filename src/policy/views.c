/* views.c — the HTML of the public committee pages: the bodies, a body
 * with its members and meetings, a meeting with its agenda, the papers, a
 * paper with its consultations, a decision process as a timeline. */
#include "policy/policy_internal.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <inttypes.h>
#include <string.h>

const char *pol_label(struct req *r, const char *v)
{
	static const char *const keys[] = { "planned", "invited", "held", "cancelled", "preliminary", "decision",
					    "information", "proposal", "consultation", "contribution",
					    "implementation", "Vorlage", "Antrag", "Anfrage", "Stellungnahme",
					    "invitation", "minutes", "attachment" };
	const char *labels[] = {
		T(r, "geplant"),       T(r, "eingeladen"),     T(r, "durchgeführt"), T(r, "abgesagt"),
		T(r, "Vorberatung"),   T(r, "Entscheidung"),   T(r, "Kenntnisnahme"), T(r, "Vorschlag"),
		T(r, "Beratung im Gremium"), T(r, "Beitrag des Netzwerks"), T(r, "Umsetzung"), T(r, "Vorlage"),
		T(r, "Antrag"),        T(r, "Anfrage"),        T(r, "Stellungnahme"),
		T(r, "Einladung"),     T(r, "Niederschrift"),  T(r, "Anlage"),
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(v, keys[i]) == 0)
			return labels[i];
	return v;
}

static const char *path_id(struct req *r, const char *prefix, int64_t id)
{
	return arena_printf(r->a, "%s/%" PRId64, prefix, id);
}

/* <a href="prefix/id"><bdi>text</bdi></a> */
static void link_to(html *h, struct req *r, const char *prefix, int64_t id, const char *text)
{
	html_open(h, "a", "href", path_id(r, prefix, id), NULL);
	html_elem(h, "bdi", text, NULL);
	html_close(h, "a");
}

/* Text the network wrote (German, the source language) in its own
 * language and direction on a page of another. */
static void user_text(html *h, struct req *r, const char *tag, const char *text)
{
	const char *dir = layout_dir(r, "de");
	if (dir)
		html_open(h, tag, "lang", "de", "dir", dir, NULL);
	else
		html_open(h, tag, "lang", "de", NULL);
	html_text(h, text);
	html_close(h, tag);
}

static void back_link(html *h, struct req *r)
{
	html_open(h, "p", NULL);
	html_elem(h, "a", T(r, "Alle Gremien und Entscheidungsprozesse"), "href", "/gremien", NULL);
	html_close(h, "p");
}

void pol_view_bodies(struct req *r, struct resp *w, const struct pol_body *b, size_t n,
		     const struct pol_process *procs, size_t nprocs)
{
	html h = html_on(&w->body);
	struct page_meta m = { .title = T(r, "Gremien"),
			       .description = T(r, "Die Gremien des Netzwerks, ihre Sitzungen, Vorlagen und Entscheidungen.") };
	layout_begin(&h, r, &m);
	html_elem(&h, "p", T(r, "Hier sehen Sie, wer im Netzwerk worüber berät und entscheidet."), NULL);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Vorlagen und Tagesordnungen durchsuchen"), "href", "/gremien/suche", NULL);
	html_close(&h, "p");
	html_open(&h, "ul", "class", "pol-list", NULL);
	for (size_t i = 0; i < n; i++) {
		html_open(&h, "li", NULL);
		link_to(&h, r, "/gremien", b[i].id, b[i].name);
		if (*b[i].description)
			user_text(&h, r, "p", b[i].description);
		html_close(&h, "li");
	}
	html_close(&h, "ul");
	html_elem(&h, "h2", T(r, "Entscheidungsprozesse"), NULL);
	html_open(&h, "ul", "class", "pol-list", NULL);
	for (size_t i = 0; i < nprocs; i++) {
		html_open(&h, "li", NULL);
		link_to(&h, r, "/prozesse", procs[i].id, procs[i].title);
		html_close(&h, "li");
	}
	html_close(&h, "ul");
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Alle Vorlagen"), "href", "/vorlagen", NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}

static void meeting_row(html *h, struct req *r, const struct pol_meeting *m)
{
	html_open(h, "tr", NULL);
	html_open(h, "td", NULL);
	html_text(h, layout_time(r, m->start_at));
	html_close(h, "td");
	html_open(h, "td", NULL);
	link_to(h, r, "/sitzungen", m->id, m->name);
	html_close(h, "td");
	html_elem(h, "td", pol_label(r, m->state), NULL);
	html_close(h, "tr");
}

void pol_view_body(struct req *r, struct resp *w, const struct pol_body_page *p)
{
	html h = html_on(&w->body);
	struct page_meta m = { .title = p->body.name, .description = p->body.description, .title_lang = "de" };
	layout_begin(&h, r, &m);
	if (*p->body.description)
		user_text(&h, r, "p", p->body.description);
	html_elem(&h, "h2", T(r, "Mitglieder"), NULL);
	const char *mh[] = { T(r, "Name"), T(r, "Rolle"), T(r, "seit"), T(r, "bis") };
	layout_table_begin(&h, r, "pol-members", T(r, "Mitglieder"), mh, 4);
	for (size_t i = 0; i < p->nmembers; i++) {
		const struct pol_membership *x = &p->members[i];
		html_open(&h, "tr", NULL);
		html_open(&h, "td", NULL);
		html_elem(&h, "bdi", x->person_name, NULL);
		html_close(&h, "td");
		html_open(&h, "td", NULL);
		html_elem(&h, "bdi", x->role, NULL);
		html_close(&h, "td");
		html_elem(&h, "td", *x->start_date ? layout_date(r, x->start_date) : "", NULL);
		html_elem(&h, "td", *x->end_date ? layout_date(r, x->end_date) : "", NULL);
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	html_elem(&h, "h2", T(r, "Sitzungen"), NULL);
	const char *sh[] = { T(r, "Datum"), T(r, "Sitzung"), T(r, "Stand") };
	layout_table_begin(&h, r, "pol-meetings", T(r, "Sitzungen"), sh, 3);
	for (size_t i = 0; i < p->nmeetings; i++)
		meeting_row(&h, r, &p->meetings[i]);
	layout_table_end(&h);
	back_link(&h, r);
	layout_end(&h, r);
}

static void file_list(html *h, struct req *r, const struct pol_file *f, size_t n)
{
	if (!n)
		return;
	html_elem(h, "h2", T(r, "Dateien"), NULL);
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < n; i++) {
		html_open(h, "li", NULL);
		link_to(h, r, "/dateien", f[i].id, f[i].name);
		html_textf(h, " (PDF, %lld kB)", (f[i].size + 1023) / 1024);
		html_close(h, "li");
	}
	html_close(h, "ul");
}

void pol_view_meeting(struct req *r, struct resp *w, const struct pol_meeting_page *p)
{
	const struct pol_meeting *mt = &p->meeting;
	html h = html_on(&w->body);
	struct page_meta m = { .title = mt->name, .title_lang = "de" };
	layout_begin(&h, r, &m);
	html_open(&h, "dl", "class", "pol-facts", NULL);
	html_elem(&h, "dt", T(r, "Gremium"), NULL);
	html_open(&h, "dd", NULL);
	if (mt->body_id)
		link_to(&h, r, "/gremien", mt->body_id, mt->body_name);
	html_close(&h, "dd");
	html_elem(&h, "dt", T(r, "Beginn"), NULL);
	html_elem(&h, "dd", layout_time(r, mt->start_at), NULL);
	html_elem(&h, "dt", T(r, "Ort"), NULL);
	html_open(&h, "dd", NULL);
	html_elem(&h, "bdi", mt->place, NULL);
	html_close(&h, "dd");
	html_elem(&h, "dt", T(r, "Stand"), NULL);
	html_elem(&h, "dd", pol_label(r, mt->state), NULL);
	html_close(&h, "dl");
	html_elem(&h, "h2", T(r, "Tagesordnung"), NULL);
	html_open(&h, "ol", "class", "pol-agenda", NULL);
	for (size_t i = 0; i < p->nitems; i++) {
		const struct pol_item *it = &p->items[i];
		html_open(&h, "li", "id", arena_printf(r->a, "top-%" PRId64, it->id), NULL);
		html_open(&h, "p", NULL);
		html_elem(&h, "bdi", it->name, NULL);
		html_close(&h, "p");
		for (size_t k = 0; k < p->ncons; k++) {
			if (p->cons[k].item_id != it->id)
				continue;
			html_open(&h, "p", NULL);
			html_text(&h, pol_label(r, p->cons[k].purpose));
			html_text(&h, ": ");
			link_to(&h, r, "/vorlagen", p->cons[k].paper_id, p->cons[k].paper_name);
			html_close(&h, "p");
		}
		if (*it->result) {
			html_open(&h, "p", NULL);
			html_elem(&h, "strong", T(r, "Ergebnis:"), NULL);
			html_text(&h, " ");
			html_elem(&h, "bdi", it->result, NULL);
			html_close(&h, "p");
		}
		html_close(&h, "li");
	}
	html_close(&h, "ol");
	file_list(&h, r, p->files, p->nfiles);
	back_link(&h, r);
	layout_end(&h, r);
}

void pol_view_papers(struct req *r, struct resp *w, const struct pol_paper *p, size_t n)
{
	html h = html_on(&w->body);
	struct page_meta m = { .title = T(r, "Vorlagen"),
			       .description = T(r, "Vorlagen, Anträge, Anfragen und Stellungnahmen des Netzwerks.") };
	layout_begin(&h, r, &m);
	const char *heads[] = { T(r, "Datum"), T(r, "Nummer"), T(r, "Art"), T(r, "Titel") };
	layout_table_begin(&h, r, "pol-papers", T(r, "Vorlagen"), heads, 4);
	for (size_t i = 0; i < n; i++) {
		html_open(&h, "tr", NULL);
		html_elem(&h, "td", *p[i].date ? layout_date(r, p[i].date) : "", NULL);
		html_open(&h, "td", NULL);
		html_elem(&h, "bdi", p[i].reference, NULL);
		html_close(&h, "td");
		html_elem(&h, "td", pol_label(r, p[i].kind), NULL);
		html_open(&h, "td", NULL);
		link_to(&h, r, "/vorlagen", p[i].id, p[i].name);
		html_close(&h, "td");
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	back_link(&h, r);
	layout_end(&h, r);
}

void pol_view_paper(struct req *r, struct resp *w, const struct pol_paper_page *p)
{
	const struct pol_paper *pp = &p->paper;
	html h = html_on(&w->body);
	struct page_meta m = { .title = pp->name, .title_lang = "de" };
	layout_begin(&h, r, &m);
	html_open(&h, "dl", "class", "pol-facts", NULL);
	html_elem(&h, "dt", T(r, "Nummer"), NULL);
	html_open(&h, "dd", NULL);
	html_elem(&h, "bdi", pp->reference, NULL);
	html_close(&h, "dd");
	html_elem(&h, "dt", T(r, "Art"), NULL);
	html_elem(&h, "dd", pol_label(r, pp->kind), NULL);
	html_elem(&h, "dt", T(r, "Datum"), NULL);
	html_elem(&h, "dd", *pp->date ? layout_date(r, pp->date) : "", NULL);
	html_elem(&h, "dt", T(r, "Von"), NULL);
	html_open(&h, "dd", NULL);
	html_elem(&h, "bdi", pp->originator, NULL);
	html_close(&h, "dd");
	html_close(&h, "dl");
	if (*pp->summary)
		user_text(&h, r, "p", pp->summary);
	html_elem(&h, "h2", T(r, "Beratungen"), NULL);
	const char *heads[] = { T(r, "Datum"), T(r, "Sitzung"), T(r, "Zweck"), T(r, "Ergebnis") };
	layout_table_begin(&h, r, "pol-cons", T(r, "Beratungen"), heads, 4);
	for (size_t i = 0; i < p->ncons; i++) {
		const struct pol_consultation *c = &p->cons[i];
		html_open(&h, "tr", NULL);
		html_elem(&h, "td", *c->meeting_start ? layout_time(r, c->meeting_start) : "", NULL);
		html_open(&h, "td", NULL);
		if (c->meeting_id)
			link_to(&h, r, "/sitzungen", c->meeting_id, c->meeting_name);
		html_close(&h, "td");
		html_elem(&h, "td", pol_label(r, c->purpose), NULL);
		html_open(&h, "td", NULL);
		html_elem(&h, "bdi", c->result, NULL);
		html_close(&h, "td");
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	file_list(&h, r, p->files, p->nfiles);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Alle Vorlagen"), "href", "/vorlagen", NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}

void pol_view_process(struct req *r, struct resp *w, const struct pol_process *p, const struct pol_step *steps,
		      size_t n)
{
	html h = html_on(&w->body);
	struct page_meta m = { .title = p->title, .description = p->summary, .title_lang = "de" };
	layout_begin(&h, r, &m);
	if (*p->summary)
		user_text(&h, r, "p", p->summary);
	html_elem(&h, "h2", T(r, "Zeitleiste"), NULL);
	html_open(&h, "ol", "class", "pol-timeline", NULL);
	for (size_t i = 0; i < n; i++) {
		const struct pol_step *x = &steps[i];
		html_open(&h, "li", NULL);
		html_open(&h, "p", NULL);
		html_open(&h, "time", "datetime", x->date, NULL);
		html_text(&h, layout_date(r, x->date));
		html_close(&h, "time");
		html_text(&h, " – ");
		html_elem(&h, "strong", pol_label(r, x->kind), NULL);
		html_close(&h, "p");
		user_text(&h, r, "p", x->text);
		if (x->paper_id || x->meeting_id) {
			html_open(&h, "p", NULL);
			if (x->paper_id)
				link_to(&h, r, "/vorlagen", x->paper_id,
					*x->paper_reference ? arena_printf(r->a, "%s: %s", x->paper_reference, x->paper_name)
							    : x->paper_name);
			if (x->paper_id && x->meeting_id)
				html_text(&h, " · ");
			if (x->meeting_id)
				link_to(&h, r, "/sitzungen", x->meeting_id, x->meeting_name);
			html_close(&h, "p");
		}
		html_close(&h, "li");
	}
	html_close(&h, "ol");
	back_link(&h, r);
	layout_end(&h, r);
}
