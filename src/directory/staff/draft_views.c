/* draft_views.c — HTML of partner drafts: the partner's own offers and
 * proposals, the editors' review list, and an offer as rows of label and
 * text for comparing versions (the review page is review_views.c).
 * Escaping writer only. */
#include "directory/staff/staff_internal.h"
#include "html/fields.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <string.h>

const char *dir_staff_draft_status(struct req *r, const char *status)
{
	if (strcmp(status, "pending") == 0)
		return T(r, "wartet auf Prüfung");
	if (strcmp(status, "approved") == 0)
		return T(r, "freigegeben");
	if (strcmp(status, "rejected") == 0)
		return T(r, "abgelehnt");
	return status;
}

const char *dir_staff_draft_name(struct req *r, const struct dir_staff_draft *d)
{
	return *d->proposed_name ? d->proposed_name : d->service_name ? d->service_name : T(r, "ohne Namen");
}

/* ---- the partner's page ---- */

void dir_staff_view_partner(struct req *r, struct resp *w, const struct dir_staff_partner_page *p)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Meine Angebote"));
	fields_notice(&h, p->notice);
	if (!p->org) {
		html_elem(&h, "p", T(r, "Ihr Konto ist noch keinem Träger zugeordnet. Bitte wenden Sie sich an die "
					"Redaktion."), "class", "lead", NULL);
		layout_end(&h, r);
		return;
	}
	html_elem(&h, "p", i18n_fill(r->a, T(r, "Die Angebote von {1}. Ihre Änderungen prüft die Redaktion, bevor "
						"sie öffentlich erscheinen. Stimmt ein Angebot noch, bestätigen Sie "
						"das mit einem Klick auf „Noch aktuell“."), p->org->name, NULL),
		  "class", "lead", NULL);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Neues Angebot vorschlagen"), "class", "button", "href", "/intern/meine-angebote/neu",
		  NULL);
	html_close(&h, "p");
	if (p->n_offers == 0) {
		html_elem(&h, "p", T(r, "Noch keine Angebote."), NULL);
	} else {
		const char *heads[] = { T(r, "Angebot"), T(r, "Zuletzt geprüft"), T(r, "Bestätigen") };
		layout_table_begin(&h, r, "offers-caption", T(r, "Ihre Angebote"), heads, NELEM(heads));
		for (size_t i = 0; i < p->n_offers; i++) {
			const struct dir_service *s = &p->offers[i];
			dir_staff_view_row_link(&h, s->name, arena_printf(r->a, "/intern/meine-angebote/%s", s->id));
			html_elem(&h, "td", s->assured_date ? layout_date(r, s->assured_date) : T(r, "nie"), NULL);
			dir_staff_view_row_button(&h, r, "/intern/meine-angebote/aktuell", "angebot", s->id,
						  T(r, "Noch aktuell"), s->name);
			html_close(&h, "tr");
		}
		layout_table_end(&h);
	}
	html_elem(&h, "h2", T(r, "Meine Vorschläge"), "id", "vorschlaege", NULL);
	if (p->n_drafts == 0) {
		html_elem(&h, "p", T(r, "Sie haben noch keine Änderungen vorgeschlagen."), NULL);
		layout_end(&h, r);
		return;
	}
	const char *heads[] = { T(r, "Eingereicht"), T(r, "Angebot"), T(r, "Stand"), T(r, "Anmerkung der Redaktion") };
	layout_table_begin(&h, r, "drafts-caption", T(r, "Ihre Vorschläge, wartende zuerst"), heads, NELEM(heads));
	for (size_t i = 0; i < p->n_drafts; i++) {
		const struct dir_staff_draft *d = &p->drafts[i];
		html_open(&h, "tr", "class", arena_printf(r->a, "draft draft-%s", d->status), NULL);
		html_open(&h, "td", NULL);
		html_elem(&h, "time", layout_time(r, d->submitted_at), "datetime", d->submitted_at, NULL);
		html_close(&h, "td");
		html_open(&h, "td", NULL);
		html_text(&h, dir_staff_draft_name(r, d));
		if (!d->service_id) {
			html_text(&h, " ");
			html_elem(&h, "span", T(r, "neu"), "class", "tag", NULL);
		}
		html_close(&h, "td");
		html_elem(&h, "td", dir_staff_draft_status(r, d->status), NULL);
		html_open(&h, "td", NULL);
		layout_lines(&h, r, d->comment);
		html_close(&h, "td");
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	layout_end(&h, r);
}

/* ---- the review list ---- */

static void draft_table(html *h, struct req *r, const struct dir_staff_draft *d, size_t n, int pending, const char *id,
			const char *caption)
{
	const char *heads[] = { pending ? T(r, "Eingereicht") : T(r, "Entschieden"), T(r, "Angebot"), T(r, "Träger"),
				T(r, "Von"), T(r, "Stand") };
	layout_table_begin(h, r, id, caption, heads, NELEM(heads));
	for (size_t i = 0; i < n; i++) {
		if ((strcmp(d[i].status, "pending") == 0) != pending)
			continue;
		const char *at = pending ? d[i].submitted_at : d[i].reviewed_at;
		html_open(h, "tr", NULL);
		html_open(h, "td", NULL);
		html_elem(h, "time", layout_time(r, at), "datetime", at, NULL);
		html_close(h, "td");
		html_open(h, "th", "scope", "row", NULL);
		html_elem(h, "a", dir_staff_draft_name(r, &d[i]), "href", arena_printf(r->a, "/intern/pruefung/%lld",
									     (long long)d[i].id), NULL);
		if (!d[i].service_id) {
			html_text(h, " ");
			html_elem(h, "span", T(r, "neu"), "class", "tag", NULL);
		} else if (pending && DIR_STAFF_DRAFT_STALE(&d[i])) {
			/* its review has fields to decide */
			html_text(h, " ");
			html_elem(h, "span", T(r, "Angebot seither geändert"), "class", "tag", NULL);
		}
		html_close(h, "th");
		html_elem(h, "td", d[i].org_name, NULL);
		html_elem(h, "td", d[i].submitter, NULL);
		html_elem(h, "td", dir_staff_draft_status(r, d[i].status), NULL);
		html_close(h, "tr");
	}
	layout_table_end(h);
}

void dir_staff_view_reviews(struct req *r, struct resp *w, const struct dir_staff_draft *d, size_t n,
			    const char *notice)
{
	size_t pending = 0;
	for (size_t i = 0; i < n; i++)
		pending += strcmp(d[i].status, "pending") == 0;
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Prüfung"));
	fields_notice(&h, notice);
	html_elem(&h, "p", T(r, "Änderungen, die Partnerorganisationen an ihren Angeboten vorschlagen. Öffentlich "
				"erscheinen sie erst, wenn Sie sie freigeben."), "class", "lead", NULL);
	if (pending == 0)
		html_elem(&h, "p", T(r, "Keine Vorschläge warten auf Prüfung."), NULL);
	else
		draft_table(&h, r, d, n, 1, "pending-caption",
			    i18n_fill(r->a, T(r, "Warten auf Prüfung: {1}, die ältesten zuerst"),
				      arena_printf(r->a, "%zu", pending), NULL));
	if (n > pending) {
		html_elem(&h, "h2", T(r, "Zuletzt entschieden"), NULL);
		draft_table(&h, r, d, n, 0, "done-caption", T(r, "Entschiedene Vorschläge, die neuesten zuerst"));
	}
	layout_end(&h, r);
}

/* ---- an offer as rows of label and text ---- */

static const char *join(struct req *r, const char *acc, const char *item)
{
	return *acc ? arena_printf(r->a, "%s\n%s", acc, item) : item;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static const char *num(struct req *r, int v)
{
	return v < 0 ? "" : arena_printf(r->a, "%d", v);
}

/* The non-empty ones of a, b, c joined by " · ". */
static const char *parts(struct req *r, const char *a, const char *b, const char *c)
{
	const char *v[] = { a, b, c }, *out = "";
	for (int i = 0; i < 3; i++)
		if (v[i] && *v[i])
			out = *out ? arena_printf(r->a, "%s · %s", out, v[i]) : v[i];
	return out;
}

size_t dir_staff_offer_items(const struct dir_service *s, enum dir_staff_item_list l)
{
	const size_t n[DI__N] = { s->n_phones, s->n_contacts, s->n_costs, s->n_funding, s->n_languages,
				  s->n_terms, s->n_locations, s->n_schedules, s->n_areas };
	return (unsigned)l < DI__N ? n[l] : 0;
}

/* t on one line: line breaks (of imported texts) as spaces. */
static const char *one_line(struct req *r, const char *t)
{
	if (!strpbrk(t, "\r\n"))
		return t;
	char *c = arena_strdup(r->a, t);
	for (char *p = c; *p; p++)
		if (*p == '\r' || *p == '\n')
			*p = ' ';
	return c;
}

const char *dir_staff_offer_item(struct req *r, const struct dir_service *s, enum dir_staff_item_list l, size_t k,
				 const struct dir_taxonomy *tax, size_t ntax, const struct dir_location *locs,
				 size_t nlocs)
{
	const char *t = "";
	switch (l) {
	case DI_PHONES:
		t = parts(r, s->phones[k].number, s->phones[k].extension, s->phones[k].description);
		break;
	case DI_CONTACTS:
		t = parts(r, s->contacts[k].name, s->contacts[k].title,
			  parts(r, s->contacts[k].department, s->contacts[k].email, NULL));
		break;
	case DI_COSTS:
		t = parts(r, s->costs[k].option,
			  s->costs[k].has_amount
				  ? arena_printf(r->a, "%.2f %s", s->costs[k].amount, or_empty(s->costs[k].currency))
				  : NULL,
			  s->costs[k].amount_description);
		break;
	case DI_FUNDING: t = or_empty(s->funding[k]); break;
	case DI_LANGUAGES: t = dir_staff_lang_label(r, s->languages[k].code); break;
	case DI_TERMS:
		t = s->terms[k].id;
		for (size_t x = 0; x < ntax; x++)
			for (size_t i = 0; i < tax[x].n_terms; i++)
				if (strcmp(tax[x].terms[i].id, s->terms[k].id) == 0)
					t = i18n_fill(r->a, T(r, "{1}: {2}"), tax[x].name, tax[x].terms[i].name, NULL);
		break;
	case DI_LOCATIONS:
		t = s->locations[k].id;
		for (size_t i = 0; i < nlocs; i++)
			if (strcmp(locs[i].id, s->locations[k].id) == 0)
				t = *locs[i].name ? locs[i].name : or_empty(locs[i].address.address_1);
		break;
	case DI_SCHEDULES: {
		const struct dir_schedule *x = &s->schedules[k];
		t = parts(r, x->description, x->byday,
			  x->opens_at && x->closes_at ? arena_printf(r->a, "%s–%s", x->opens_at, x->closes_at) : NULL);
		break;
	}
	case DI_AREAS: t = or_empty(s->areas[k].name); break;
	default: break;
	}
	return one_line(r, t);
}

size_t dir_staff_offer_rows(struct req *r, const struct dir_service *s, const struct dir_taxonomy *tax, size_t ntax,
			    const struct dir_location *locs, size_t nlocs, const char **label, const char **text)
{
	size_t n = 0;
#define ROW(l, t) (label[n] = (l), text[n++] = or_empty(t))
	ROW(T(r, "Name"), s->name);
	ROW(T(r, "Andere Bezeichnung"), s->alternate_name);
	ROW(T(r, "Beschreibung"), s->description);
	ROW(T(r, "Status"), T(r, dir_staff_status_label(s->status)));
	ROW(T(r, "Form"), T(r, dir_staff_delivery_label(s->delivery)));
	ROW(T(r, "Aktueller Hinweis"), s->alert);
	ROW(T(r, "Voraussetzungen"), s->eligibility_description);
	ROW(T(r, "Mindestalter"), num(r, s->minimum_age));
	ROW(T(r, "Höchstalter"), num(r, s->maximum_age));
	ROW(T(r, "Plätze"), num(r, s->capacity));
	ROW(T(r, "Anmeldung"), s->application_process);
	ROW(T(r, "Dolmetschen"), s->interpretation_services);
	ROW(T(r, "Webseite"), s->url);
	ROW(T(r, "E-Mail-Adresse"), s->email);
	ROW(T(r, "Kostenlos"), s->free_of_charge ? T(r, "ja") : T(r, "nein"));
	ROW(T(r, "Kosten (Text)"), s->fees_description);
	static const char *const lists[] = { N_("Telefonnummern"), N_("Ansprechpersonen"), N_("Kosten"), N_("Förderung"),
					     N_("Sprachen"), N_("Kategorien"), N_("Standorte"), N_("Zeiten"),
					     N_("Einzugsgebiete") };
	for (int l = 0; l < DI__N; l++) {
		const char *t = "";
		for (size_t k = 0; k < dir_staff_offer_items(s, (enum dir_staff_item_list)l); k++)
			t = join(r, t, dir_staff_offer_item(r, s, (enum dir_staff_item_list)l, k, tax, ntax, locs, nlocs));
		ROW(T(r, lists[l]), t);
	}
#undef ROW
	return n;
}
