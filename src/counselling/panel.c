/* panel.c — the counselling card of the staff dashboard: the user's open
 * cases, follow-ups due, cases without contact for 8 weeks; for a
 * partner, its open referrals. */
#include "counselling/counselling_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"
#include "http/router.h"

#include <string.h>

int counsel_staff_panel(struct req *r, struct layout_card *out)
{
	int n = 0;
	if (req_may_get(r, "/intern/beratung")) {
		struct counsel_who who;
		struct counsel_case *v;
		size_t k;
		if (counsel_who_load(r->db, r->user->id, &who) != ST_OK ||
		    counsel_case_list(r->db, r->a, &who, &v, &k) != ST_OK)
			return -1;
		char today[11];
		counsel_today(core_now(), today);
		long open = 0, due = 0, quiet = 0;
		for (size_t i = 0; i < k; i++) {
			open += strcmp(v[i].status, "open") == 0;
			due += counsel_case_due(&v[i], today);
			quiet += counsel_case_quiet(&v[i], today);
		}
		out[n++] = (struct layout_card){
			T(r, "Beratung"),
			i18n_fill(r->a, T(r, "Offene Fälle: {1}. Fällige Wiedervorlagen: {2}. Seit 8 Wochen ohne Kontakt: {3}."),
				  arena_printf(r->a, "%ld", open), arena_printf(r->a, "%ld", due),
				  arena_printf(r->a, "%ld", quiet), NULL),
			"/intern/beratung", T(r, "Fälle ansehen") };
	}
	if (req_may_get(r, "/intern/beratung/teams"))
		out[n++] = (struct layout_card){ T(r, "Beratungsteams"),
						 T(r, "Wer in welchem Team berät und wer es leitet."),
						 "/intern/beratung/teams", T(r, "Teams ansehen") };
	if (r->user->roles & ROLE_RESEARCHER)
		out[n++] = (struct layout_card){ T(r, "Statistik der Beratung"),
						 T(r, "Fälle, Vermittlungen und Ergebnisse der Beratung, nur als Summen "
						      "aus Fällen mit Einwilligung."),
						 "/intern/statistik/beratung", T(r, "Statistik ansehen") };
	if (req_may_get(r, "/intern/vermittlungen") && r->user->org_id) {
		struct counsel_referral *v;
		size_t k;
		if (counsel_provider_referrals(r->db, r->a, r->user->org_id, &v, &k) != ST_OK)
			return -1;
		long waiting = 0;
		for (size_t i = 0; i < k; i++)
			waiting += strcmp(v[i].status, "sent") == 0;
		out[n++] = (struct layout_card){
			T(r, "Vermittlungen"),
			i18n_fill(r->a, T(r, "Vermittlungen an Ihre Angebote: {1}, davon unbeantwortet: {2}."),
				  arena_printf(r->a, "%zu", k), arena_printf(r->a, "%ld", waiting), NULL),
			"/intern/vermittlungen", T(r, "Vermittlungen ansehen") };
	}
	return n;
}

int counsel_staff_todos(struct req *r, struct layout_todo *out)
{
	int n = 0;
	if (req_may_get(r, "/intern/beratung")) {
		struct counsel_who who;
		struct counsel_case *v;
		size_t k;
		if (counsel_who_load(r->db, r->user->id, &who) != ST_OK ||
		    counsel_case_list(r->db, r->a, &who, &v, &k) != ST_OK)
			return -1;
		char today[11];
		counsel_today(core_now(), today);
		long due = 0;
		for (size_t i = 0; i < k; i++)
			due += counsel_case_due(&v[i], today);
		if (due)
			out[n++] = (struct layout_todo){ i18n_fill(r->a, T(r, "Fällige Wiedervorlagen in der Beratung: {1}"),
								   arena_printf(r->a, "%ld", due), NULL),
							 "/intern/beratung" };
	}
	if (req_may_get(r, "/intern/vermittlungen") && r->user->org_id) {
		struct counsel_referral *v;
		size_t k;
		if (counsel_provider_referrals(r->db, r->a, r->user->org_id, &v, &k) != ST_OK)
			return -1;
		long waiting = 0;
		for (size_t i = 0; i < k; i++)
			waiting += strcmp(v[i].status, "sent") == 0;
		if (waiting)
			out[n++] = (struct layout_todo){ i18n_fill(r->a, T(r, "Unbeantwortete Vermittlungen an Ihre Angebote: {1}"),
								   arena_printf(r->a, "%ld", waiting), NULL),
							 "/intern/vermittlungen" };
	}
	return n;
}
