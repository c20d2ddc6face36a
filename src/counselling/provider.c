/* provider.c — the provider's side at /intern/vermittlungen: a partner
 * account sees the referrals to its own organisation's offers (not
 * those still proposed, nor of restricted cases) with the minimum of
 * data — the pseudonym, the agreed channel, what the counsellor shared,
 * and first name and contact only while the young person's consent to be
 * contacted by this provider holds — and answers them. */
#include "counselling/counselling_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <string.h>

void counsel_provider_list(struct req *r, struct resp *w)
{
	const char *org = r->user->org_id;
	struct counsel_referral *v = NULL;
	size_t n = 0;
	if (org && counsel_provider_referrals(r->db, r->a, org, &v, &n) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	const char **first = arena_alloc(r->a, (n + 1) * sizeof(*first));
	const char **contact = arena_alloc(r->a, (n + 1) * sizeof(*contact));
	for (size_t i = 0; i < n; i++) {
		if (counsel_provider_contact(r->db, r->a, v[i].case_id, org, &first[i], &contact[i]) != ST_OK) {
			layout_staff_failed(r, w);
			return;
		}
		audit_add_req(r, "counsel_provider_read", "counsel_case", v[i].pseudonym, "ok",
			      first[i] ? "with contact" : NULL);
	}
	counsel_view_provider(r, w, v, first, contact, n, kv_get(&r->query, "ok") ? T(r, "Gespeichert.") : NULL);
}

void counsel_provider_move(struct req *r, struct resp *w)
{
	int64_t id;
	const char *to = kv_get(&r->form, "status"), *reason = kv_get(&r->form, "reason");
	const char *org = r->user->org_id;
	if (counsel_parse_id(r->params[0], &id) != 0 || !org) {
		layout_staff_not_found(r, w);
		return;
	}
	/* a status not in the flow is refused by counsel_referral_set (409) */
	if (!to || (reason && strlen(reason) > 300)) {
		layout_staff_problem(r, w, 422, T(r, "Der Stand wurde nicht geändert"), T(r, "Bitte einen Stand wählen."));
		return;
	}
	char today[11];
	counsel_today(core_now(), today);
	int rc = counsel_referral_set(r->db, 0, org, id, to, reason ? reason : "", today, r->user->id);
	audit_add_req(r, "counsel_provider_move", "counsel_referral", arena_printf(r->a, "%lld", (long long)id),
		      rc == ST_OK ? "ok" : "refused", to);
	if (rc == ST_NOTFOUND)
		layout_staff_not_found(r, w);
	else if (rc == ST_CONFLICT)
		layout_staff_problem(r, w, 409, T(r, "Der Stand wurde nicht geändert"),
				     T(r, "Dieser Schritt passt nicht zum Stand der Vermittlung."));
	else if (rc != ST_OK)
		layout_staff_failed(r, w);
	else
		resp_redirect(r, w, "/intern/vermittlungen?ok=1");
}

static void move_button(html *h, struct req *r, const struct counsel_referral *v, const char *to, const char *label)
{
	html_open(h, "form", "method", "post", "action",
		  arena_printf(r->a, "/intern/vermittlungen/%lld/status", (long long)v->id), "class", "inline-form", NULL);
	fields_csrf(h, r);
	html_void(h, "input", "type", "hidden", "name", "status", "value", to, NULL);
	html_elem(h, "button", label, "type", "submit", "class", "button secondary", NULL);
	html_close(h, "form");
}

void counsel_view_provider(struct req *r, struct resp *w, const struct counsel_referral *v, const char *const *first,
			   const char *const *contact, size_t n, const char *notice)
{
	w->no_store = 1;
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Vermittlungen an Ihre Angebote"));
	fields_notice(&h, notice);
	html_elem(&h, "p",
		  T(r, "Sie sehen nur, was die Beratung mit Ihnen teilt. Name und Kontakt stehen hier nur, solange der "
		       "junge Mensch dem Kontakt durch Ihre Organisation zugestimmt hat."),
		  NULL);
	if (!n) {
		html_elem(&h, "p", T(r, "Keine Vermittlungen."), NULL);
		layout_end(&h, r);
		return;
	}
	const char *const heads[] = { T(r, "Fall"), T(r, "Angebot"), T(r, "Stand"), T(r, "Kontakt"), T(r, "Hinweis"),
				      T(r, "Antwort") };
	layout_table_begin(&h, r, "vermittlungen-caption", T(r, "Vermittlungen, die neueste zuerst"), heads,
			   NELEM(heads));
	for (size_t i = 0; i < n; i++) {
		html_open(&h, "tr", NULL);
		html_elem(&h, "td", first[i] && *first[i] ? first[i] : v[i].pseudonym, NULL);
		html_elem(&h, "td", v[i].service_name, NULL);
		html_elem(&h, "td", T(r, counsel_label(counsel_statuses, counsel_status_labels, v[i].status)), NULL);
		html_open(&h, "td", NULL);
		html_text(&h, T(r, counsel_label(counsel_channels, counsel_channel_labels, v[i].channel)));
		if (contact[i] && *contact[i]) {
			html_text(&h, ": ");
			html_text(&h, contact[i]);
		} else if (!first[i]) {
			html_text(&h, " (");
			html_text(&h, T(r, "über die Beratung"));
			html_text(&h, ")");
		}
		html_close(&h, "td");
		html_elem(&h, "td", *v[i].shared ? v[i].shared : "–", NULL);
		html_open(&h, "td", NULL);
		static const struct {
			const char *to, *label;
		} answers[] = { { "accepted", N_("Annehmen") },       { "declined", N_("Ablehnen") },
				{ "started", N_("Beginn festhalten") }, { "completed", N_("Abschluss festhalten") },
				{ "dropped", N_("Abbruch festhalten") } };
		for (size_t k = 0; k < sizeof(answers) / sizeof(answers[0]); k++)
			if (counsel_move_allowed(v[i].status, answers[k].to, 1))
				move_button(&h, r, &v[i], answers[k].to, T(r, answers[k].label));
		html_close(&h, "td");
		html_close(&h, "tr");
	}
	layout_table_end(&h);
	layout_end(&h, r);
}
