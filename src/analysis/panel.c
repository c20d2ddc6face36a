/* panel.c — the analysis's card on the staff dashboard: the offers
 * counted, and a way to the coverage. */
#include "analysis/analysis.h"
#include "core/core.h"
#include "core/i18n.h"
#include "http/router.h"

int an_staff_panel(struct req *r, struct layout_card *out)
{
	if (!req_may_get(r, "/intern/analyse"))
		return 0;
	out[0] = (struct layout_card){ T(r, "Auswertung"),
				       T(r, "Wo es welche Angebote gibt, für wen und in welcher Sprache; Förderung "
					    "und Förderende; ein Bericht zum Drucken."),
				       "/intern/analyse", T(r, "Abdeckung ansehen") };
	return 1;
}
