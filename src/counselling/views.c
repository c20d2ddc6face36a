/* views.c — HTML of the counselling pages but the case page
 * (case_views.c): the case list with what is due, the new case, the
 * identity screen, the matching offers, the provider's referrals. */
#include "counselling/counselling_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <string.h>

struct counsel_terms counsel_terms_load(struct req *r)
{
	struct counsel_terms t = { 0 };
	t.t = dir_taxonomies(r->db, r->a, r->lang, &t.n);
	return t;
}

const char *counsel_term_name(const struct counsel_terms *t, const char *taxonomy, const char *code)
{
	if (!code || !*code)
		return "";
	const struct dir_term *d = t->t ? dir_term_find(t->t, t->n, taxonomy, code) : NULL;
	return d ? d->name : code;
}

const char **counsel_tr(struct req *r, const char *const *labels, size_t *n)
{
	size_t k = 0;
	while (labels[k])
		k++;
	const char **out = arena_alloc(r->a, (k + 1) * sizeof(*out));
	for (size_t i = 0; i < k; i++)
		out[i] = T(r, labels[i]);
	*n = k;
	return out;
}

static const char *case_href(struct req *r, const char *pseudonym, const char *rest)
{
	return arena_printf(r->a, "/intern/beratung/%s%s", pseudonym, rest ? rest : "");
}

/* The cases v[0..n) as a table; of a work list (more 1) at most
 * COUNSEL_WORK_ROWS rows, then how many more there are. */
static void case_table(html *h, struct req *r, const struct counsel_case *const *v, size_t n, const char *id,
		       const char *caption, const struct counsel_terms *terms, int more)
{
	size_t all = n;
	if (more && n > COUNSEL_WORK_ROWS)
		n = COUNSEL_WORK_ROWS;
	const char *const heads[] = { T(r, "Fall"), T(r, "Phase"), T(r, "Stadtteil"), T(r, "Letzter Kontakt"),
				      T(r, "Nächste Wiedervorlage"), T(r, "Stand") };
	layout_table_begin(h, r, id, caption, heads, NELEM(heads));
	for (size_t i = 0; i < n; i++) {
		const struct counsel_case *c = v[i];
		html_open(h, "tr", NULL);
		html_open(h, "td", NULL);
		html_elem(h, "a", c->pseudonym, "href", case_href(r, c->pseudonym, NULL), "class", "pseudonym", NULL);
		html_close(h, "td");
		html_elem(h, "td", counsel_term_name(terms, "uebergangsphase", c->stage), NULL);
		html_elem(h, "td", counsel_term_name(terms, "ort", c->district), NULL);
		html_elem(h, "td", c->last_contact ? layout_date(r, c->last_contact) : T(r, "noch keiner"), NULL);
		html_elem(h, "td", c->next_follow_up ? layout_date(r, c->next_follow_up) : "–", NULL);
		html_elem(h, "td",
			  c->restricted ? T(r, "eingeschränkt")
			  : strcmp(c->status, "open") == 0 ? T(r, "offen")
							   : T(r, "abgeschlossen"),
			  NULL);
		html_close(h, "tr");
	}
	layout_table_end(h);
	if (all > n) {
		html_open(h, "p", NULL);
		layout_fill(h, r, T(r, "… und {1} weitere (unten unter „Alle Fälle“)."), arena_printf(r->a, "%zu", all - n),
			    NULL);
		html_close(h, "p");
	}
}

void counsel_view_list(struct req *r, struct resp *w, const struct counsel_list_view *v)
{
	html h = html_on(&w->body);
	struct counsel_terms terms = counsel_terms_load(r);
	layout_staff_begin(&h, r, T(r, "Beratung: Fälle"));
	html_open(&h, "p", "class", "actions", NULL);
	html_elem(&h, "a", T(r, "Neuer Fall"), "class", "button", "href", "/intern/beratung/neu", NULL);
	html_elem(&h, "a", T(r, "Statistik"), "class", "button secondary", "href", "/intern/statistik/beratung", NULL);
	if (v->lead)
		html_elem(&h, "a", T(r, "Team"), "class", "button secondary", "href", "/intern/beratung/team", NULL);
	html_close(&h, "p");
	html_open(&h, "form", "method", "post", "action", "/intern/beratung/suche", "role", "search", NULL);
	fields_csrf(&h, r);
	struct fields_in in = { .name = "q", .id = "f-q", .label = T(r, "Fall suchen"),
				.hint = T(r, "Kürzel, Name oder Vorname; nur unter Ihren Fällen"), .value = v->q,
				.maxlen = 100, .autocomplete = "off" };
	fields_input(&h, r, &in);
	html_elem(&h, "button", T(r, "Suchen"), "type", "submit", "class", "button secondary", NULL);
	html_close(&h, "form");
	if (v->q) {
		html_open(&h, "p", NULL);
		layout_fill(&h, r, T(r, "{1} Treffer."), arena_printf(r->a, "%zu", v->n), NULL);
		html_text(&h, " ");
		html_elem(&h, "a", T(r, "Alle Fälle zeigen"), "href", "/intern/beratung", NULL);
		html_close(&h, "p");
	}
	const struct counsel_case **due = arena_alloc(r->a, (v->n + 1) * sizeof(*due));
	const struct counsel_case **quiet = arena_alloc(r->a, (v->n + 1) * sizeof(*quiet));
	const struct counsel_case **all = arena_alloc(r->a, (v->n + 1) * sizeof(*all));
	size_t ndue = 0, nquiet = 0;
	for (size_t i = 0; i < v->n; i++) {
		const struct counsel_case *c = &v->cases[i];
		all[i] = c;
		if (counsel_case_due(c, v->today))
			due[ndue++] = c;
		if (counsel_case_quiet(c, v->today))
			quiet[nquiet++] = c;
	}
	html_elem(&h, "h2", T(r, "Fällige Wiedervorlagen"), NULL);
	if (ndue)
		case_table(&h, r, due, ndue, "faellig-caption", T(r, "Fälle mit fälliger Wiedervorlage"), &terms, 1);
	else
		html_elem(&h, "p", T(r, "Keine Wiedervorlage ist fällig."), NULL);
	html_elem(&h, "h2", T(r, "Seit 8 Wochen ohne Kontakt"), NULL);
	if (nquiet)
		case_table(&h, r, quiet, nquiet, "still-caption", T(r, "Offene Fälle ohne Gespräch in den letzten 8 Wochen"),
			   &terms, 1);
	else
		html_elem(&h, "p", T(r, "Jeder offene Fall hatte in den letzten 8 Wochen Kontakt."), NULL);
	html_elem(&h, "h2", T(r, "Alle Fälle"), "id", "alle", NULL);
	size_t from = (size_t)(v->page - 1) * COUNSEL_PAGE_ROWS;
	size_t k = v->q ? v->n : v->n - from < COUNSEL_PAGE_ROWS ? v->n - from : COUNSEL_PAGE_ROWS;
	if (v->n) {
		case_table(&h, r, all + from, k, "faelle-caption", T(r, "Ihre Fälle und die mit Ihnen geteilten"), &terms, 0);
		if (!v->q) /* a search shows all it found */
			layout_pages(&h, r, v->page, (long)v->n, COUNSEL_PAGE_ROWS, "/intern/beratung", NULL, NULL, NULL,
				     NULL);
	} else
		html_elem(&h, "p", T(r, "Sie haben noch keine Fälle."), NULL);
	layout_end(&h, r);
}

/* A select of the terms of taxonomy (name "name", label), value selected. */
void counsel_term_select(html *h, struct req *r, const struct counsel_terms *terms, const char *taxonomy,
			 struct fields_in *in)
{
	const char **values = NULL, **labels = NULL;
	size_t n = 0;
	for (size_t i = 0; terms->t && i < terms->n; i++) {
		if (strcmp(terms->t[i].code, taxonomy) != 0)
			continue;
		n = terms->t[i].n_terms;
		values = arena_alloc(r->a, (n + 1) * sizeof(*values));
		labels = arena_alloc(r->a, (n + 1) * sizeof(*labels));
		for (size_t k = 0; k < n; k++) {
			values[k] = terms->t[i].terms[k].code;
			labels[k] = terms->t[i].terms[k].name;
		}
	}
	fields_select(h, r, in, T(r, "– nicht angegeben –"), values, labels, n);
}

/* The needs as checkboxes (every ticked code is sent as "needs"). */
void counsel_needs_boxes(html *h, struct req *r, const struct counsel_terms *terms, const char *ticked,
			 const char *err)
{
	html_open(h, "fieldset", "class", "field", NULL);
	html_elem(h, "legend", T(r, "Bedarf"), NULL);
	if (err)
		html_elem(h, "p", T(r, err), "class", "field-error", "id", "f-needs-err", NULL);
	for (size_t i = 0; terms->t && i < terms->n; i++) {
		if (strcmp(terms->t[i].code, "angebotsart") != 0)
			continue;
		for (size_t k = 0; k < terms->t[i].n_terms; k++) {
			const struct dir_term *t = &terms->t[i].terms[k];
			const char *id = arena_printf(r->a, "f-needs-%s", t->code);
			int on = 0;
			for (const char *p = ticked; p && *p;) {
				size_t len = strcspn(p, ",");
				on |= len == strlen(t->code) && strncmp(p, t->code, len) == 0;
				p += len + (p[len] == ',');
			}
			html_open(h, "div", "class", "field-check", NULL);
			html_void(h, "input", "type", "checkbox", "id", id, "name", "needs", "value", t->code, "checked",
				  on ? "" : NULL, NULL);
			html_elem(h, "label", t->name, "for", id, NULL);
			html_close(h, "div");
		}
	}
	html_close(h, "fieldset");
}

/* The profile's fields (f: the form sent, else c's stored values). */
void counsel_profile_fields(html *h, struct req *r, const struct counsel_terms *terms, const struct form *f,
			    const struct counsel_case *c)
{
	const char *stored[CF_NAME] = { 0 };
	if (c) {
		const char *v[CF_NAME] = { c->age_band, c->languages, c->german_level, c->school_cert,
					   c->school_country, c->recognition, c->stage, c->target_group,
					   c->district, c->needs, c->interests, c->residence };
		memcpy(stored, v, sizeof(v));
	}
	size_t n;
	const char **ages = counsel_tr(r, counsel_age_band_labels, &n);
	size_t nres;
	const char **residences = counsel_tr(r, counsel_residence_labels, &nres);
	static const struct {
		int field;
		const char *label, *hint;
	} parts[] = {
		{ CF_AGE, N_("Altersgruppe"), NULL },
		{ CF_LANGS, N_("Sprachen"), N_("Sprachkürzel, durch Kommas getrennt, etwa: ar, fr") },
		{ CF_LEVEL, N_("Deutschkenntnisse (GER)"), NULL },
		{ CF_CERT, N_("Schulabschluss"), NULL },
		{ CF_COUNTRY, N_("Land des Schulabschlusses"), NULL },
		{ CF_RECOG, N_("Stand der Anerkennung"), NULL },
		{ CF_STAGE, N_("Phase im Übergang"), NULL },
		{ CF_GROUP, N_("Zielgruppe"), NULL },
		{ CF_DISTRICT, N_("Stadtteil oder Ort"), NULL },
		{ CF_NEEDS, NULL, NULL },
		{ CF_INTERESTS, N_("Berufliche Interessen"), N_("Wird verschlüsselt gespeichert.") },
		{ CF_RESIDENCE, N_("Aufenthaltsstatus"),
		  N_("Nur angeben, wenn es für die Beratung nötig ist. Wird verschlüsselt gespeichert und in keiner Liste "
		     "und keiner Statistik gezeigt.") },
	};
	for (size_t k = 0; k < NELEM(parts); k++) {
		int i = parts[k].field;
		if (i == CF_RESIDENCE && !counsel_residence_on())
			continue; /* the network has not switched it on */
		if (i == CF_NEEDS) {
			counsel_needs_boxes(h, r, terms, f ? counsel_form_needs(r) : stored[CF_NEEDS],
					    f ? f->err[CF_NEEDS] : NULL);
			continue;
		}
		struct fields_in in = fields_of(&counsel_case_fields[i], f ? f->val[i] : stored[i], f ? f->err[i] : NULL);
		in.label = T(r, parts[k].label);
		in.hint = parts[k].hint ? T(r, parts[k].hint) : NULL;
		switch (i) {
		case CF_AGE: fields_select(h, r, &in, T(r, "– bitte wählen –"), counsel_age_bands, ages, n); break;
		case CF_LEVEL: fields_select(h, r, &in, T(r, "– nicht bekannt –"), counsel_levels, counsel_levels, 6); break;
		case CF_STAGE: counsel_term_select(h, r, terms, "uebergangsphase", &in); break;
		case CF_GROUP: counsel_term_select(h, r, terms, "zielgruppe", &in); break;
		case CF_DISTRICT: counsel_term_select(h, r, terms, "ort", &in); break;
		case CF_INTERESTS: fields_textarea(h, r, &in); break;
		case CF_RESIDENCE:
			fields_select(h, r, &in, T(r, "– nicht angegeben –"), counsel_residences, residences, nres);
			break;
		default: fields_input(h, r, &in); break;
		}
	}
}

static void identity_fields(html *h, struct req *r, const struct form *f, const struct counsel_identity *id)
{
	const char *stored[CF__MAX] = { 0 };
	if (id) {
		stored[CF_NAME] = id->name;
		stored[CF_FIRST] = id->first_name;
		stored[CF_CONTACT] = id->contact;
		stored[CF_BIRTH] = id->birth_date;
		stored[CF_GUARDIAN] = id->guardian;
	}
	static const char *const labels[CF__MAX] = {
		[CF_NAME] = N_("Nachname"),      [CF_FIRST] = N_("Vorname"),
		[CF_CONTACT] = N_("Kontakt (Telefon, E-Mail)"), [CF_BIRTH] = N_("Geburtsdatum"),
		[CF_GUARDIAN] = N_("Erziehungsberechtigte (bei Minderjährigen)"),
	};
	for (int i = CF_NAME; i < CF__MAX; i++) {
		struct fields_in in = fields_of(&counsel_case_fields[i], f ? f->val[i] : stored[i], f ? f->err[i] : NULL);
		in.label = T(r, labels[i]);
		in.autocomplete = "off";
		if (i == CF_BIRTH)
			in.hint = T(r, "wie 2009-03-14");
		fields_input(h, r, &in);
	}
}

/* The error summary of a form over counsel_case_fields (NULL: nothing). */
static void summary(html *h, struct req *r, const struct form *f)
{
	if (!f)
		return;
	static const char *const labels[CF__MAX] = {
		[CF_AGE] = N_("Altersgruppe"),   [CF_LANGS] = N_("Sprachen"),   [CF_STAGE] = N_("Phase im Übergang"),
		[CF_GROUP] = N_("Zielgruppe"),   [CF_DISTRICT] = N_("Stadtteil oder Ort"),
		[CF_NEEDS] = N_("Bedarf"),       [CF_NAME] = N_("Nachname"),   [CF_FIRST] = N_("Vorname"),
		[CF_BIRTH] = N_("Geburtsdatum"), [CF_RESIDENCE] = N_("Aufenthaltsstatus"),
	};
	const char *tl[CF__MAX];
	for (int i = 0; i < CF__MAX; i++)
		tl[i] = labels[i] ? T(r, labels[i]) : NULL;
	fields_summary(h, r, counsel_case_fields, f, tl);
}

void counsel_summary(html *h, struct req *r, const struct form *f)
{
	summary(h, r, f);
}

void counsel_view_new(struct req *r, struct resp *w, const struct form *f)
{
	html h = html_on(&w->body);
	struct counsel_terms terms = counsel_terms_load(r);
	layout_staff_begin(&h, r, T(r, "Neuer Fall"));
	summary(&h, r, f);
	html_elem(&h, "p",
		  T(r, "Der Fall bekommt ein zufälliges Kürzel (etwa K-7Q4M), das überall statt des Namens steht. Name "
		       "und Kontakt werden verschlüsselt und getrennt vom Fall gespeichert."),
		  NULL);
	html_open(&h, "form", "method", "post", "action", "/intern/beratung/neu", "novalidate", "", NULL);
	fields_csrf(&h, r);
	html_open(&h, "fieldset", NULL);
	html_elem(&h, "legend", T(r, "Identität (nur auf dem eigenen Bildschirm sichtbar)"), NULL);
	identity_fields(&h, r, f, NULL);
	html_close(&h, "fieldset");
	html_open(&h, "fieldset", NULL);
	html_elem(&h, "legend", T(r, "Profil"), NULL);
	counsel_profile_fields(&h, r, &terms, f, NULL);
	html_close(&h, "fieldset");
	html_elem(&h, "button", T(r, "Fall anlegen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}

void counsel_view_identity(struct req *r, struct resp *w, const struct counsel_case *c,
			   const struct counsel_identity *id, const char *notice, const struct form *f)
{
	w->no_store = 1;
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, arena_printf(r->a, "%s: %s", T(r, "Identität"), c->pseudonym));
	fields_notice(&h, notice);
	summary(&h, r, f);
	html_elem(&h, "p", T(r, "Dieser Abruf ist im Protokoll vermerkt."), NULL);
	html_open(&h, "form", "method", "post", "action", case_href(r, c->pseudonym, "/identitaet"), "novalidate", "",
		  NULL);
	fields_csrf(&h, r);
	identity_fields(&h, r, f, id);
	html_elem(&h, "button", T(r, "Identität speichern"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zurück zum Fall"), "href", case_href(r, c->pseudonym, NULL), NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}

void counsel_view_match(struct req *r, struct resp *w, const struct counsel_case *c, const struct counsel_match *m,
			size_t n, const struct form *sent)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, arena_printf(r->a, "%s: %s", T(r, "Passende Angebote"), c->pseudonym));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zurück zum Fall"), "href", case_href(r, c->pseudonym, NULL), NULL);
	html_close(&h, "p");
	if (sent)
		fields_alert(&h, T(r, "Die Vermittlung wurde nicht angelegt"));
	size_t k = 0;
	while (k < n && !m[k].left_out)
		k++;
	html_elem(&h, "h2", T(r, "Vorschläge"), NULL);
	if (!k)
		html_elem(&h, "p", T(r, "Kein Angebot passt zu diesem Profil."), NULL);
	size_t nch;
	const char **chl = counsel_tr(r, counsel_channel_labels, &nch);
	html_open(&h, "ol", "class", "matches", NULL);
	for (size_t i = 0; i < k; i++) {
		html_open(&h, "li", NULL);
		html_elem(&h, "h3", m[i].name, NULL);
		html_elem(&h, "p", m[i].org_name, NULL);
		html_open(&h, "ul", "class", "inline-list", "aria-label", T(r, "Gründe"), NULL);
		for (size_t j = 0; m[i].reasons[j]; j++)
			html_elem(&h, "li", m[i].reasons[j], NULL);
		html_close(&h, "ul");
		/* the form sent with errors is this offer's: open, as typed */
		const struct form *sf = sent && sent->val[0] && strcmp(sent->val[0], m[i].service_id) == 0 ? sent : NULL;
		html_open(&h, "details", "open", sf ? "" : NULL, NULL);
		html_elem(&h, "summary", T(r, "Vermitteln"), NULL);
		html_open(&h, "form", "method", "post", "action", case_href(r, c->pseudonym, "/vermittlungen"), NULL);
		fields_csrf(&h, r);
		html_void(&h, "input", "type", "hidden", "name", "service_id", "value", m[i].service_id, NULL);
		struct fields_in ch = { .name = "channel", .id = arena_printf(r->a, "f-channel-%zu", i),
					.label = T(r, "Vereinbarter Kontaktweg"), .required = 1,
					.value = sf ? sf->val[1] : NULL, .err = sf ? sf->err[1] : NULL };
		fields_select(&h, r, &ch, NULL, counsel_channels, chl, nch);
		struct fields_in sh = { .name = "shared", .id = arena_printf(r->a, "f-shared-%zu", i),
					.label = T(r, "Was der Träger erfahren soll"),
					.hint = T(r, "Nur das Nötige. Name und Kontakt sieht der Träger nur mit der Einwilligung "
						     "zum Kontakt."),
					.maxlen = 2000, .rows = 3, .value = sf ? sf->val[2] : NULL,
					.err = sf ? sf->err[2] : NULL };
		fields_textarea(&h, r, &sh);
		html_elem(&h, "button", T(r, "Vermittlung vorschlagen"), "type", "submit", "class", "button", NULL);
		html_close(&h, "form");
		html_close(&h, "details");
		html_close(&h, "li");
	}
	html_close(&h, "ol");
	html_elem(&h, "h2", T(r, "Nicht vorgeschlagen"), NULL);
	if (k < n) {
		const char *const heads[] = { T(r, "Angebot"), T(r, "Träger"), T(r, "Grund") };
		layout_table_begin(&h, r, "nicht-caption", T(r, "Angebote, die nicht passen, und warum"), heads,
				   NELEM(heads));
		for (size_t i = k; i < n; i++) {
			html_open(&h, "tr", NULL);
			html_elem(&h, "td", m[i].name, NULL);
			html_elem(&h, "td", m[i].org_name, NULL);
			html_elem(&h, "td", m[i].left_out, NULL);
			html_close(&h, "tr");
		}
		layout_table_end(&h);
	} else {
		html_elem(&h, "p", T(r, "Keines."), NULL);
	}
	layout_end(&h, r);
}
