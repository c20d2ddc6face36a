/* api.c — the JSON of a survey's analysis at
 * /intern/umfragen/{id}/auswertung.json?frage=Q (a frequency table) or
 * ?zeile=Q1&spalte=Q2 (a crosstab), with the filter of the analysis page:
 * the same JSON as `lotse analyse --json`. */
#include "surveys/surveys_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <stdlib.h>

void survey_staff_json(struct req *r, struct resp *w)
{
	struct survey sv;
	struct survey_filter f;
	struct survey_data *d;
	if (survey_staff_load(r, w, &sv) != 0)
		return;
	survey_read_filter(r, &f);
	w->content_type = "application/json";
	const char *err = NULL;
	int rc = survey_data_load(r->db, &sv, &f, &d, &err);
	json_t *j = NULL;
	if (rc == ST_OK) {
		const char *q = kv_get(&r->query, "frage"), *row = kv_get(&r->query, "zeile"), *col = kv_get(&r->query, "spalte");
		if (q)
			j = survey_freq_json(d, &sv, q, &err);
		else if (row && col)
			j = survey_crosstab_json(d, &sv, row, col, &err);
		else
			err = N_("Bitte frage=CODE oder zeile=CODE&spalte=CODE angeben.");
		survey_data_free(d);
	}
	if (!j) {
		w->status = err ? 400 : resp_store_failed(r, w);
		j = json_pack("{s:s, s:i, s:s}", "title", err ? T(r, err) : "error", "status", w->status, "type", "about:blank");
		w->content_type = "application/problem+json";
	}
	char *out = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER);
	if (out) {
		buf_puts(&w->body, out);
		buf_putc(&w->body, '\n');
	}
	free(out);
	json_decref(j);
}
