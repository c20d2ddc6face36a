/* panel.c — the surveys' card of the staff dashboard: the surveys
 * collecting now and their responses. */
#include "surveys/surveys.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"
#include "http/router.h"

#include <string.h>

int survey_staff_panel(struct req *r, struct layout_card *out)
{
	if (!req_may_get(r, "/intern/umfragen"))
		return 0;
	struct survey *v;
	size_t n;
	if (survey_list(r->db, r->a, &v, &n) != ST_OK)
		return -1;
	long active = 0, responses = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].status, "active") == 0) {
			active++;
			responses += v[i].complete;
		}
	out[0] = (struct layout_card){
		T(r, "Umfragen"),
		i18n_fill(r->a, T(r, "Aktive Umfragen: {1}, mit {2} vollständigen Antworten."), arena_printf(r->a, "%ld", active),
			  arena_printf(r->a, "%ld", responses), NULL),
		"/intern/umfragen", T(r, "Umfragen bearbeiten und auswerten") };
	return 1;
}
