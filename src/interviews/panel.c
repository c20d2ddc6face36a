/* panel.c — the interviews' card on the staff dashboard: the user's
 * projects with their documents and codings. */
#include "interviews/interviews.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"
#include "http/router.h"

int iv_staff_panel(struct req *r, struct layout_card *out)
{
	const struct auth_user *u = auth_current(r);
	if (!u || !req_may_get(r, "/intern/interviews"))
		return 0;
	struct iv_project *p;
	size_t n;
	if (iv_projects(r->db, r->a, u->id, &p, &n) != ST_OK)
		return -1;
	long docs = 0, codings = 0;
	for (size_t i = 0; i < n; i++) {
		docs += p[i].ndocs;
		codings += p[i].ncodings;
	}
	out[0] = (struct layout_card){
		T(r, "Interviews"),
		i18n_fill(r->a, T(r, "Ihre Projekte: {1}, mit {2} Dokumenten und {3} Kodierungen."),
			  arena_printf(r->a, "%zu", n), arena_printf(r->a, "%ld", docs), arena_printf(r->a, "%ld", codings),
			  NULL),
		"/intern/interviews", T(r, "Interviews auswerten") };
	return 1;
}
