/* panel.c — the committees' card on the staff dashboard. */
#include "policy/policy.h"
#include "core/i18n.h"
#include "html/layout.h"
#include "http/router.h"

int pol_staff_panel(struct req *r, struct layout_card *out)
{
	if (!req_may_get(r, "/intern/gremien"))
		return 0;
	out[0] = (struct layout_card){ T(r, "Gremien"),
				       T(r, "Gremien, Sitzungen mit Tagesordnung, Vorlagen, Beratungen und Dateien pflegen."),
				       "/intern/gremien", T(r, "Gremien bearbeiten") };
	return 1;
}
