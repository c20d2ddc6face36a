/* case_views.c — HTML of a case's page: its state and the buttons of the
 * data-subject rights, the profile, consent, sessions, the support plan,
 * referrals and outcomes, each with its form. */
#include "counselling/counselling_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <string.h>

static const char *href(struct req *r, const struct counsel_case *c, const char *rest)
{
	return arena_printf(r->a, "/intern/beratung/%s%s", c->pseudonym, rest ? rest : "");
}

/* A form of one button posting to action (with hidden name=value when
 * name is not NULL). */
static void button(html *h, struct req *r, const char *action, const char *label, const char *cls, const char *name,
		   const char *value)
{
	html_open(h, "form", "method", "post", "action", action, "class", "inline-form", NULL);
	fields_csrf(h, r);
	if (name)
		html_void(h, "input", "type", "hidden", "name", name, "value", value, NULL);
	html_elem(h, "button", label, "type", "submit", "class", cls, NULL);
	html_close(h, "form");
}

static void dl_row(html *h, const char *term, const char *value)
{
	html_elem(h, "dt", term, NULL);
	html_elem(h, "dd", value && *value ? value : "–", NULL);
}

static void heading(html *h, const char *id, const char *title)
{
	html_elem(h, "h2", title, "id", id, NULL);
}

/* The form of v sent with errors when it is which (of id), else NULL. */
static const struct form *sent(const struct counsel_case_view *v, const char *which, int64_t id)
{
	return v->sent && strcmp(v->sent, which) == 0 && v->sent_id == id ? v->sent_form : NULL;
}

/* The value typed into field i of a form sent back, or NULL. */
static const char *typed(const struct form *sf, int i)
{
	return sf ? sf->val[i] : NULL;
}

static const char *error(const struct form *sf, int i)
{
	return sf ? sf->err[i] : NULL;
}

static void profile(html *h, struct req *r, const struct counsel_case *c, const struct counsel_terms *terms,
		    const struct form *pf)
{
	heading(h, "profil", T(r, "Profil"));
	html_open(h, "dl", "class", "facts", NULL);
	dl_row(h, T(r, "Altersgruppe"), T(r, counsel_label(counsel_age_bands, counsel_age_band_labels, c->age_band)));
	dl_row(h, T(r, "Sprachen"), c->languages);
	dl_row(h, T(r, "Deutschkenntnisse (GER)"), c->german_level);
	dl_row(h, T(r, "Schulabschluss"), c->school_cert);
	dl_row(h, T(r, "Land des Schulabschlusses"), c->school_country);
	dl_row(h, T(r, "Stand der Anerkennung"), c->recognition);
	dl_row(h, T(r, "Phase im Übergang"), counsel_term_name(terms, "uebergangsphase", c->stage));
	dl_row(h, T(r, "Zielgruppe"), counsel_term_name(terms, "zielgruppe", c->target_group));
	dl_row(h, T(r, "Stadtteil oder Ort"), counsel_term_name(terms, "ort", c->district));
	const char *list = "";
	for (const char *p = c->needs; p && *p;) {
		size_t len = strcspn(p, ",");
		const char *name = counsel_term_name(terms, "angebotsart", arena_strndup(r->a, p, len));
		list = *list ? arena_printf(r->a, "%s, %s", list, name) : name;
		p += len + (p[len] == ',');
	}
	dl_row(h, T(r, "Bedarf"), list);
	dl_row(h, T(r, "Berufliche Interessen"), c->interests);
	if (counsel_residence_on())
		dl_row(h, T(r, "Aufenthaltsstatus"),
		       *c->residence ? T(r, counsel_label(counsel_residences, counsel_residence_labels, c->residence)) : "");
	html_close(h, "dl");
	if (c->frozen)
		return;
	html_open(h, "details", "open", pf ? "" : NULL, NULL);
	html_elem(h, "summary", T(r, "Profil ändern"), NULL);
	counsel_summary(h, r, pf);
	html_open(h, "form", "method", "post", "action", href(r, c, "/profil"), "novalidate", "", NULL);
	fields_csrf(h, r);
	counsel_profile_fields(h, r, terms, pf, c);
	html_elem(h, "button", T(r, "Profil speichern"), "type", "submit", "class", "button", NULL);
	html_close(h, "form");
	html_close(h, "details");
}

static const char *org_name(const struct dir_org_brief *orgs, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(orgs[i].id, id) == 0)
			return orgs[i].name;
	return id;
}

static void consents(html *h, struct req *r, const struct counsel_file *f, const struct dir_org_brief *orgs,
		     size_t norgs, const struct form *sf)
{
	const struct counsel_case *c = &f->c;
	heading(h, "einwilligungen", T(r, "Einwilligungen"));
	if (f->nconsents) {
		const char *const heads[] = { T(r, "Zweck"), T(r, "Träger"), T(r, "Gegeben von"), T(r, "Am"),
					      T(r, "Textfassung"), T(r, "Stand") };
		layout_table_begin(h, r, "einwilligungen-caption", T(r, "Einwilligungen nach Zweck"), heads, NELEM(heads));
		for (size_t i = 0; i < f->nconsents; i++) {
			const struct counsel_consent *k = &f->consents[i];
			html_open(h, "tr", NULL);
			html_elem(h, "td", T(r, counsel_label(counsel_purposes, counsel_purpose_labels, k->purpose)), NULL);
			html_elem(h, "td", *k->org_id ? org_name(orgs, norgs, k->org_id) : "–", NULL);
			html_elem(h, "td", T(r, counsel_label(counsel_givers, counsel_giver_labels, k->given_by)), NULL);
			html_elem(h, "td", layout_date(r, k->given_on), NULL);
			html_elem(h, "td", k->text_version, NULL);
			html_open(h, "td", NULL);
			if (k->withdrawn_on) {
				layout_fill(h, r, T(r, "widerrufen am {1}"), layout_date(r, k->withdrawn_on), NULL);
			} else {
				html_text(h, T(r, "gilt"));
				html_text(h, " ");
				button(h, r, href(r, c, arena_printf(r->a, "/einwilligungen/%lld/widerruf", (long long)k->id)),
				       T(r, "Widerrufen"), "button secondary", NULL, NULL);
			}
			html_close(h, "td");
			html_close(h, "tr");
		}
		layout_table_end(h);
	} else {
		html_elem(h, "p", T(r, "Noch keine Einwilligung festgehalten."), NULL);
	}
	if (c->frozen)
		return;
	html_open(h, "details", "open", sf ? "" : NULL, NULL);
	html_elem(h, "summary", T(r, "Einwilligung festhalten"), NULL);
	html_open(h, "form", "method", "post", "action", href(r, c, "/einwilligungen"), NULL);
	fields_csrf(h, r);
	size_t n;
	const char **labels = counsel_tr(r, counsel_purpose_labels, &n);
	struct fields_in p = { .name = "purpose", .id = "f-purpose", .label = T(r, "Zweck"), .required = 1,
			       .value = typed(sf, 0), .err = error(sf, 0) };
	fields_select(h, r, &p, NULL, counsel_purposes, labels, n);
	const char **ids = arena_alloc(r->a, (norgs + 1) * sizeof(*ids));
	const char **names = arena_alloc(r->a, (norgs + 1) * sizeof(*names));
	const char **towns = arena_alloc(r->a, (norgs + 1) * sizeof(*towns));
	for (size_t i = 0; i < norgs; i++) {
		ids[i] = orgs[i].id;
		names[i] = orgs[i].name;
		towns[i] = orgs[i].city;
	}
	struct fields_in o = { .name = "org_id", .id = "f-org", .label = T(r, "Träger"),
			       .hint = T(r, "Nur für Vermittlung und Kontakt: der Träger, an den vermittelt wird."),
			       .value = typed(sf, 1), .err = error(sf, 1) };
	fields_pick(h, r, &o, T(r, "– keiner –"), ids, names, towns, norgs);
	labels = counsel_tr(r, counsel_giver_labels, &n);
	struct fields_in g = { .name = "given_by", .id = "f-given-by", .label = T(r, "Gegeben von"),
			       .hint = T(r, "Unter 16 Jahren geben Erziehungsberechtigte die Einwilligung."),
			       .required = 1, .value = typed(sf, 2), .err = error(sf, 2) };
	fields_select(h, r, &g, NULL, counsel_givers, labels, n);
	struct fields_in d = { .name = "given_on", .id = "f-given-on", .label = T(r, "Datum"),
			       .hint = T(r, "wie 2026-05-12; leer: heute"), .maxlen = 10, .value = typed(sf, 3),
			       .err = error(sf, 3) };
	fields_input(h, r, &d);
	html_open(h, "p", NULL);
	layout_fill(h, r, T(r, "Textfassung der Einwilligung: {1}"), COUNSEL_CONSENT_VERSION, NULL);
	html_close(h, "p");
	html_elem(h, "button", T(r, "Einwilligung speichern"), "type", "submit", "class", "button", NULL);
	html_close(h, "form");
	html_close(h, "details");
}

static void sessions(html *h, struct req *r, const struct counsel_file *f, const struct form *sf)
{
	const struct counsel_case *c = &f->c;
	heading(h, "gespraeche", T(r, "Gespräche"));
	if (!f->nsessions)
		html_elem(h, "p", T(r, "Noch kein Gespräch."), NULL);
	for (size_t i = 0; i < f->nsessions; i++) {
		const struct counsel_session *v = &f->sessions[i];
		html_open(h, "article", "class", "session", NULL);
		html_elem(h, "h3",
			  arena_printf(r->a, "%s · %d min · %s", layout_date(r, v->held_on), v->minutes,
				       T(r, counsel_label(counsel_forms, counsel_form_labels, v->form))),
			  NULL);
		html_open(h, "dl", "class", "facts", NULL);
		dl_row(h, T(r, "Themen"), v->topics);
		html_elem(h, "dt", T(r, "Notizen"), NULL);
		html_open(h, "dd", NULL);
		layout_lines(h, r, *v->notes ? v->notes : "–");
		html_close(h, "dd");
		html_elem(h, "dt", T(r, "Vereinbarte nächste Schritte"), NULL);
		html_open(h, "dd", NULL);
		layout_lines(h, r, *v->next_steps ? v->next_steps : "–");
		html_close(h, "dd");
		dl_row(h, T(r, "Wiedervorlage"), v->follow_up ? layout_date(r, v->follow_up) : NULL);
		html_close(h, "dl");
		html_close(h, "article");
	}
	if (c->frozen)
		return;
	html_open(h, "details", "open", sf ? "" : NULL, NULL);
	html_elem(h, "summary", T(r, "Gespräch festhalten"), NULL);
	static const char *const labels[SF__MAX] = {
		[SF_DATE] = N_("Datum"),       [SF_MINUTES] = N_("Dauer in Minuten"), [SF_FORM] = N_("Form"),
		[SF_TOPICS] = N_("Themen"),    [SF_NOTES] = N_("Notizen"),
		[SF_NEXT] = N_("Vereinbarte nächste Schritte"), [SF_FOLLOW] = N_("Wiedervorlage am"),
	};
	const char *tl[SF__MAX];
	for (int i = 0; i < SF__MAX; i++)
		tl[i] = T(r, labels[i]);
	fields_summary(h, r, counsel_session_fields, sf, tl);
	html_open(h, "form", "method", "post", "action", href(r, c, "/gespraeche"), NULL);
	fields_csrf(h, r);
	char today[11];
	counsel_today(core_now(), today);
	static const char *const hints[SF__MAX] = { [SF_DATE] = N_("wie 2026-05-12"),
						    [SF_NOTES] = N_("Wird verschlüsselt gespeichert."),
						    [SF_FOLLOW] = N_("wie 2026-06-30") };
	const char *defaults[SF__MAX] = { [SF_DATE] = today, [SF_MINUTES] = "45" };
	size_t n;
	const char **forms = counsel_tr(r, counsel_form_labels, &n);
	for (int i = 0; i < SF__MAX; i++) {
		struct fields_in in = fields_of(&counsel_session_fields[i], sf ? sf->val[i] : defaults[i],
						sf ? sf->err[i] : NULL);
		in.label = tl[i];
		in.hint = hints[i] ? T(r, hints[i]) : NULL;
		if (i == SF_FORM)
			fields_select(h, r, &in, NULL, counsel_forms, forms, n);
		else if (i == SF_NOTES || i == SF_NEXT) {
			in.rows = i == SF_NOTES ? 5 : 3;
			fields_textarea(h, r, &in);
		} else {
			if (i == SF_MINUTES)
				in.type = "number";
			fields_input(h, r, &in);
		}
	}
	html_elem(h, "button", T(r, "Gespräch speichern"), "type", "submit", "class", "button", NULL);
	html_close(h, "form");
	html_close(h, "details");
}

static void plan(html *h, struct req *r, const struct counsel_file *f, const struct counsel_case_view *cv)
{
	const struct counsel_case *c = &f->c;
	heading(h, "plan", T(r, "Förderplan"));
	size_t nw;
	const char **wl = counsel_tr(r, counsel_who_labels, &nw);
	if (!f->ngoals)
		html_elem(h, "p", T(r, "Noch kein Ziel."), NULL);
	for (size_t i = 0; i < f->ngoals; i++) {
		const struct counsel_goal *g = &f->goals[i];
		html_open(h, "article", "class", "goal", NULL);
		html_elem(h, "h3",
			  arena_printf(r->a, "%s: %s", T(r, counsel_label(counsel_phases, counsel_phase_labels, g->phase)),
				       g->title),
			  NULL);
		html_open(h, "ul", NULL);
		for (size_t k = 0; k < g->nsteps; k++) {
			const struct counsel_step *t = &g->steps[k];
			html_open(h, "li", NULL);
			html_text(h, t->done ? "✓ " : "");
			html_text(h, t->what);
			html_text(h, " — ");
			html_text(h, T(r, counsel_label(counsel_whos, counsel_who_labels, t->who)));
			if (t->due) {
				html_text(h, ", ");
				layout_fill(h, r, T(r, "bis {1}"), layout_date(r, t->due), NULL);
			}
			html_text(h, " ");
			if (!c->frozen)
				button(h, r, href(r, c, arena_printf(r->a, "/schritte/%lld/erledigt", (long long)t->id)),
				       t->done ? T(r, "wieder öffnen") : T(r, "erledigt"), "button secondary", "done",
				       t->done ? "0" : "1");
			html_close(h, "li");
		}
		html_close(h, "ul");
		if (!c->frozen) {
			const struct form *sf = sent(cv, "step", g->id);
			html_open(h, "details", "open", sf ? "" : NULL, NULL);
			html_elem(h, "summary", T(r, "Schritt hinzufügen"), NULL);
			html_open(h, "form", "method", "post", "action",
				  href(r, c, arena_printf(r->a, "/ziele/%lld/schritte", (long long)g->id)), NULL);
			fields_csrf(h, r);
			struct fields_in wt = { .name = "what", .id = arena_printf(r->a, "f-what-%zu", i),
						.label = T(r, "Was"), .maxlen = 300, .required = 1,
						.value = typed(sf, 0), .err = error(sf, 0) };
			fields_input(h, r, &wt);
			struct fields_in wo = { .name = "who", .id = arena_printf(r->a, "f-who-%zu", i), .label = T(r, "Wer"),
						.required = 1, .value = typed(sf, 1), .err = error(sf, 1) };
			fields_select(h, r, &wo, NULL, counsel_whos, wl, nw);
			struct fields_in du = { .name = "due", .id = arena_printf(r->a, "f-due-%zu", i),
						.label = T(r, "Bis wann"), .hint = T(r, "wie 2026-06-30"), .maxlen = 10,
						.value = typed(sf, 2), .err = error(sf, 2) };
			fields_input(h, r, &du);
			html_elem(h, "button", T(r, "Schritt speichern"), "type", "submit", "class", "button", NULL);
			html_close(h, "form");
			html_close(h, "details");
		}
		html_close(h, "article");
	}
	if (c->frozen)
		return;
	const struct form *gf = sent(cv, "goal", 0);
	html_open(h, "details", "open", gf ? "" : NULL, NULL);
	html_elem(h, "summary", T(r, "Ziel hinzufügen"), NULL);
	html_open(h, "form", "method", "post", "action", href(r, c, "/ziele"), NULL);
	fields_csrf(h, r);
	size_t n;
	const char **labels = counsel_tr(r, counsel_phase_labels, &n);
	struct fields_in p = { .name = "phase", .id = "f-phase", .label = T(r, "Phase"), .required = 1,
			       .value = typed(gf, 0), .err = error(gf, 0) };
	fields_select(h, r, &p, NULL, counsel_phases, labels, n);
	struct fields_in t = { .name = "title", .id = "f-title", .label = T(r, "Ziel"), .maxlen = 300, .required = 1,
			       .value = typed(gf, 1), .err = error(gf, 1) };
	fields_input(h, r, &t);
	html_elem(h, "button", T(r, "Ziel speichern"), "type", "submit", "class", "button", NULL);
	html_close(h, "form");
	html_close(h, "details");
}

/* The moves a counsellor may make from status. */
static void moves(html *h, struct req *r, const struct counsel_case *c, const struct counsel_referral *v)
{
	for (size_t i = 0; counsel_statuses[i]; i++) {
		if (!counsel_move_allowed(v->status, counsel_statuses[i], 0))
			continue;
		const char *label = strcmp(counsel_statuses[i], "sent") == 0 ? T(r, "An den Träger senden")
										 : T(r, "Abbrechen");
		button(h, r, href(r, c, arena_printf(r->a, "/vermittlungen/%lld/status", (long long)v->id)), label,
		       "button secondary", "status", counsel_statuses[i]);
	}
}

static void referrals(html *h, struct req *r, const struct counsel_file *f)
{
	const struct counsel_case *c = &f->c;
	heading(h, "vermittlungen", T(r, "Vermittlungen"));
	html_open(h, "p", NULL);
	html_elem(h, "a", T(r, "Passende Angebote suchen"), "class", "button", "href", href(r, c, "/passende-angebote"),
		  NULL);
	html_close(h, "p");
	if (!f->nreferrals) {
		html_elem(h, "p", T(r, "Noch keine Vermittlung."), NULL);
		return;
	}
	const char *const heads[] = { T(r, "Angebot"), T(r, "Seit"), T(r, "Stand"), T(r, "Kontaktweg"),
				      T(r, "Für den Träger"), T(r, "Schritte") };
	layout_table_begin(h, r, "vermittlungen-caption", T(r, "Vermittlungen an Angebote"), heads, NELEM(heads));
	for (size_t i = 0; i < f->nreferrals; i++) {
		const struct counsel_referral *v = &f->referrals[i];
		html_open(h, "tr", NULL);
		html_elem(h, "td", v->service_name, NULL);
		html_elem(h, "td", layout_date(r, v->created_on), NULL);
		html_elem(h, "td", T(r, counsel_label(counsel_statuses, counsel_status_labels, v->status)), NULL);
		html_elem(h, "td", T(r, counsel_label(counsel_channels, counsel_channel_labels, v->channel)), NULL);
		html_elem(h, "td", *v->shared ? v->shared : "–", NULL);
		html_open(h, "td", NULL);
		if (!c->frozen)
			moves(h, r, c, v);
		html_close(h, "td");
		html_close(h, "tr");
	}
	layout_table_end(h);
}

static void outcomes(html *h, struct req *r, const struct counsel_file *f, const struct counsel_case_view *cv)
{
	const struct counsel_case *c = &f->c;
	heading(h, "ergebnisse", T(r, "Ergebnisse"));
	if (!f->noutcomes) {
		html_elem(h, "p",
			  T(r, "Nachfragen nach 3, 6 und 12 Monaten entstehen, wenn eine Vermittlung abgeschlossen oder "
			       "der Fall beendet wird."),
			  NULL);
		return;
	}
	size_t n;
	const char **labels = counsel_tr(r, counsel_result_labels, &n);
	const char *const heads[] = { T(r, "Nachfrage"), T(r, "Fällig"), T(r, "Ergebnis") };
	layout_table_begin(h, r, "ergebnisse-caption", T(r, "Ergebnisse bei den Nachfragen"), heads, NELEM(heads));
	for (size_t i = 0; i < f->noutcomes; i++) {
		const struct counsel_outcome *o = &f->outcomes[i];
		html_open(h, "tr", NULL);
		html_elem(h, "td", i18n_fill(r->a, T(r, "nach {1} Monaten"), arena_printf(r->a, "%d", o->months), NULL),
			  NULL);
		html_elem(h, "td", layout_date(r, o->due_on), NULL);
		html_open(h, "td", NULL);
		if (o->result) {
			html_text(h, T(r, counsel_label(counsel_results, counsel_result_labels, o->result)));
			if (*o->occupation) {
				html_text(h, ": ");
				html_text(h, o->occupation);
			}
		} else if (!c->frozen) {
			const struct form *sf = sent(cv, "outcome", o->id);
			html_open(h, "form", "method", "post", "action",
				  href(r, c, arena_printf(r->a, "/ergebnisse/%lld", (long long)o->id)), NULL);
			fields_csrf(h, r);
			struct fields_in res = { .name = "result", .id = arena_printf(r->a, "f-result-%zu", i),
						 .label = T(r, "Ergebnis"), .required = 1, .value = typed(sf, 0),
						 .err = error(sf, 0) };
			fields_select(h, r, &res, NULL, counsel_results, labels, n);
			struct fields_in oc = { .name = "occupation", .id = arena_printf(r->a, "f-occupation-%zu", i),
						.label = T(r, "Beruf (bei Ausbildung)"), .maxlen = 200,
						.value = typed(sf, 1), .err = error(sf, 1) };
			fields_input(h, r, &oc);
			html_elem(h, "button", T(r, "Ergebnis speichern"), "type", "submit", "class", "button", NULL);
			html_close(h, "form");
		} else {
			html_text(h, "–");
		}
		html_close(h, "td");
		html_close(h, "tr");
	}
	layout_table_end(h);
}

/* The break-glass reads of the case, when there were any. */
static void glass(html *h, struct req *r, const struct counsel_file *f)
{
	if (!f->nglass)
		return;
	heading(h, "notfall", T(r, "Notfallzugriffe"));
	const char *const heads[] = { T(r, "Wann"), T(r, "Wer"), T(r, "Grund") };
	layout_table_begin(h, r, "notfall-caption", T(r, "Wer diesen Fall ohne Zuständigkeit gelesen hat"), heads,
			   NELEM(heads));
	for (size_t i = 0; i < f->nglass; i++) {
		html_open(h, "tr", NULL);
		html_elem(h, "td", layout_time(r, f->glass[i].at), NULL);
		html_elem(h, "td", *f->glass[i].user ? f->glass[i].user : "–", NULL);
		html_elem(h, "td", f->glass[i].reason, NULL);
		html_close(h, "tr");
	}
	layout_table_end(h);
}

static void sharing(html *h, struct req *r, const struct counsel_file *f)
{
	const struct counsel_case *c = &f->c;
	heading(h, "teilen", T(r, "Geteilt mit"));
	if (!f->nshares)
		html_elem(h, "p", T(r, "Mit niemandem geteilt."), NULL);
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < f->nshares; i++) {
		html_open(h, "li", NULL);
		html_text(h, f->shares[i].email);
		html_text(h, " ");
		if (f->may_share && !c->frozen)
			button(h, r, href(r, c, arena_printf(r->a, "/teilen/%lld/aufheben", (long long)f->shares[i].id)),
			       T(r, "Nicht mehr teilen"), "button secondary", NULL, NULL);
		html_close(h, "li");
	}
	html_close(h, "ul");
	if (!f->may_share || c->frozen || !f->nteam)
		return;
	const char **ids = arena_alloc(r->a, (f->nteam + 1) * sizeof(*ids));
	const char **names = arena_alloc(r->a, (f->nteam + 1) * sizeof(*names));
	size_t k = 0;
	for (size_t i = 0; i < f->nteam; i++) {
		if (f->team[i].id == c->owner_id)
			continue;
		ids[k] = arena_printf(r->a, "%lld", (long long)f->team[i].id);
		names[k++] = f->team[i].email;
	}
	if (!k)
		return;
	html_open(h, "form", "method", "post", "action", href(r, c, "/teilen"), NULL);
	fields_csrf(h, r);
	struct fields_in in = { .name = "user_id", .id = "f-share", .label = T(r, "Teilen mit (aus dem Team)"),
				.required = 1 };
	fields_select(h, r, &in, NULL, ids, names, k);
	html_elem(h, "button", T(r, "Teilen"), "type", "submit", "class", "button", NULL);
	html_close(h, "form");
}

static void case_sections(html *h, struct req *r, const struct counsel_file *f, const struct counsel_case_view *v,
			  const struct counsel_terms *terms, const struct dir_org_brief *orgs, size_t norgs)
{
	profile(h, r, &f->c, terms, v->profile);
	consents(h, r, f, orgs, norgs, sent(v, "consent", 0));
	sessions(h, r, f, v->session);
	plan(h, r, f, v);
	referrals(h, r, f);
	outcomes(h, r, f, v);
	if (!v->glass && !v->session && !v->profile && !v->sent) /* the sharing is loaded for the page itself */
		sharing(h, r, f);
}

void counsel_view_case(struct req *r, struct resp *w, const struct counsel_case_view *v)
{
	const struct counsel_file *f = v->f;
	const struct counsel_case *c = &f->c;
	w->no_store = 1;
	struct counsel_terms terms = counsel_terms_load(r);
	struct dir_org_brief *orgs = NULL;
	size_t norgs = 0;
	if (dir_org_briefs(r->db, r->a, NULL, &orgs, &norgs) != ST_OK)
		norgs = 0;
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, arena_printf(r->a, "%s %s", T(r, "Fall"), c->pseudonym));
	fields_notice(&h, v->notice);
	if (v->problem)
		fields_alert(&h, v->problem);
	if (c->restricted)
		fields_alert_heading(&h, T(r, "Verarbeitung eingeschränkt"),
				     T(r, "Dieser Fall kann angesehen, aber nicht geändert werden (Art. 18 DSGVO)."));
	html_open(&h, "p", NULL);
	layout_fill(&h, r,
		    strcmp(c->status, "open") == 0 ? T(r, "Offen seit {1}.") : T(r, "Abgeschlossen am {2}, offen seit {1}."),
		    layout_date(r, c->opened_on), c->closed_on ? layout_date(r, c->closed_on) : "", NULL);
	html_close(&h, "p");
	if (v->glass) {
		fields_alert_heading(&h, T(r, "Notfallzugriff"),
				     T(r, "Sie lesen diesen Fall, weil Sie einen Grund angegeben haben. Der Zugriff ist "
					  "protokolliert und wird der zuständigen Beratung auf dem Fall angezeigt."));
		glass(&h, r, f);
		case_sections(&h, r, f, v, &terms, orgs, norgs);
		layout_end(&h, r);
		return;
	}
	html_open(&h, "div", "class", "actions", NULL);
	html_elem(&h, "a", T(r, "Identität ansehen"), "class", "button secondary", "href", href(r, c, "/identitaet"), NULL);
	html_elem(&h, "a", T(r, "Auskunft (Art. 15)"), "class", "button secondary", "href", href(r, c, "/auskunft"), NULL);
	if (!c->frozen)
		button(&h, r, href(r, c, "/abschliessen"),
		       strcmp(c->status, "open") == 0 ? T(r, "Fall abschließen") : T(r, "Fall wieder öffnen"),
		       "button secondary", NULL, NULL);
	button(&h, r, href(r, c, "/einschraenken"),
	       c->restricted ? T(r, "Einschränkung aufheben") : T(r, "Verarbeitung einschränken (Art. 18)"),
	       "button secondary", NULL, NULL);
	html_elem(&h, "a", T(r, "Löschen (Art. 17)"), "class", "button danger", "href", href(r, c, "/loeschen"), NULL);
	html_close(&h, "div");
	glass(&h, r, f);
	case_sections(&h, r, f, v, &terms, orgs, norgs);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zurück zu den Fällen"), "href", "/intern/beratung", NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}
