/* panel.c — the directory's part of the staff dashboard: partner proposals
 * waiting for review, offers nobody checked for a year, the providers; for
 * a partner, its own offers and proposals; and the lines of the notice at
 * the top of the dashboard: proposals waiting, stale offers (a partner's
 * own), a partner's rejected proposals. */
#include "directory/staff/staff.h"
#include "auth/auth.h"
#include "core/i18n.h"
#include "html/layout.h"
#include "http/router.h"

static const char *num(struct req *r, long n)
{
	return arena_printf(r->a, "%ld", n);
}

int dir_staff_panel(struct req *r, struct layout_card *out)
{
	int n = 0;
	if (req_may_get(r, "/intern/pruefung")) {
		long pending = dir_staff_pending_drafts(r->db);
		if (pending < 0)
			return -1;
		out[n++] = (struct layout_card){
			T(r, "Prüfung"),
			i18n_fill(r->a, T(r, "Vorschläge von Partnerorganisationen, die auf Prüfung warten: {1}"),
				  num(r, pending), NULL),
			"/intern/pruefung", T(r, "Vorschläge prüfen") };
	}
	if (req_may_get(r, "/intern/angebote")) {
		long stale = dir_staff_stale_offers(r->db);
		if (stale < 0)
			return -1;
		out[n++] = (struct layout_card){
			T(r, "Angebote"),
			i18n_fill(r->a, T(r, "Aktive Angebote, die seit über zwölf Monaten niemand geprüft hat: {1}"),
				  num(r, stale), NULL),
			"/intern/angebote", T(r, "Angebote bearbeiten") };
		out[n++] = (struct layout_card){
			T(r, "Aktualität"), T(r, "Nicht mehr geprüfte Angebote mit einem Klick als geprüft vermerken."),
			"/intern/angebote/veraltet", T(r, "Nicht mehr geprüfte Angebote") };
	}
	out[n++] = (struct layout_card){ T(r, "Träger"),
					T(r, "Träger und ihre Standorte anlegen, bearbeiten und zusammenführen."),
					"/intern/traeger", T(r, "Träger bearbeiten") };
	const struct auth_user *u = auth_current(r);
	if (u && u->org_id && req_may_get(r, "/intern/meine-angebote")) {
		long offers = dir_staff_org_offers(r->db, u->org_id);
		long pending = dir_staff_org_drafts(r->db, u->org_id, "pending");
		long rejected = dir_staff_org_drafts(r->db, u->org_id, "rejected");
		if (offers < 0 || pending < 0 || rejected < 0)
			return -1;
		out[n++] = (struct layout_card){
			T(r, "Meine Angebote"),
			i18n_fill(r->a, T(r, "Ihre Angebote: {1}. Vorschläge in Prüfung: {2}. Abgelehnte Vorschläge: {3}."),
				  num(r, offers), num(r, pending), num(r, rejected), NULL),
			"/intern/meine-angebote", T(r, "Meine Angebote pflegen") };
	}
	return n;
}

int dir_staff_todos(struct req *r, struct layout_todo *out)
{
	int n = 0;
	if (req_may_get(r, "/intern/pruefung")) {
		long pending = dir_staff_pending_drafts(r->db);
		if (pending < 0)
			return -1;
		if (pending > 0)
			out[n++] = (struct layout_todo){ i18n_fill(r->a, T(r, "Vorschläge von Partnerorganisationen, die auf "
									     "Prüfung warten: {1}"), num(r, pending), NULL),
							 "/intern/pruefung" };
	}
	if (req_may_get(r, "/intern/angebote/veraltet")) {
		long stale = dir_staff_stale_offers(r->db);
		if (stale < 0)
			return -1;
		if (stale > 0)
			out[n++] = (struct layout_todo){ i18n_fill(r->a, T(r, "Angebote, die seit über zwölf Monaten niemand "
									     "geprüft hat: {1}"), num(r, stale), NULL),
							 "/intern/angebote/veraltet" };
	}
	const struct auth_user *u = auth_current(r);
	if (u && u->org_id && req_may_get(r, "/intern/meine-angebote")) {
		long stale = dir_staff_org_stale(r->db, u->org_id);
		long rejected = dir_staff_org_drafts(r->db, u->org_id, "rejected");
		if (stale < 0 || rejected < 0)
			return -1;
		if (stale > 0)
			out[n++] = (struct layout_todo){ i18n_fill(r->a, T(r, "Ihre Angebote, die seit über zwölf Monaten "
									     "niemand geprüft hat: {1}. Stimmen sie noch? "
									     "Ein Klick auf „Noch aktuell“ genügt."),
								  num(r, stale), NULL),
							 "/intern/meine-angebote" };
		if (rejected > 0)
			out[n++] = (struct layout_todo){ i18n_fill(r->a, T(r, "Abgelehnte Vorschläge, mit der Begründung der "
									     "Redaktion: {1}"), num(r, rejected), NULL),
							 "/intern/meine-angebote" };
	}
	return n;
}
