/* api.c — the JSON of a survey's analysis at
 * /intern/umfragen/{id}/auswertung.json?frage=Q (a frequency table) or
 * ?zeile=Q1&spalte=Q2 (a crosstab), with the filter of the analysis page:
 * the same JSON as `lotse analyse --json` (survey_freq_json,
 * survey_crosstab_json). */
#include "surveys/surveys_internal.h"
#include "surveys/columns.h"
#include "core/core.h"
#include "core/stats_json.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <stdlib.h>
#include <string.h>

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

int survey_variable(const struct survey *sv, const char *var, const struct survey_question **q, const char **sub)
{
	*sub = NULL;
	*q = survey_question_by_code(sv, var);
	if (*q)
		return (*q)->type == SQ_SINGLE || (*q)->type == SQ_DROPDOWN || (*q)->type == SQ_YESNO ? 0 : -1;
	for (size_t i = 0; i < sv->nqs; i++) {
		const struct survey_question *x = &sv->qs[i];
		size_t n = strlen(x->code);
		if (x->type == SQ_ARRAY && strncmp(var, x->code, n) == 0 && var[n] == '_' &&
		    survey_option_index(x, 1, var + n + 1) >= 0) {
			*q = x;
			*sub = x->subs[survey_option_index(x, 1, var + n + 1)].code;
			return 0;
		}
	}
	*q = NULL;
	return -1;
}

/* ---- the JSON of `lotse analyse` and of the staff's link ---- */

json_t *survey_freq_json(const struct survey_data *d, const struct survey *sv, const char *var, const char **err)
{
	const struct survey_question *q;
	const char *sub;
	*err = NULL;
	if (survey_variable(sv, var, &q, &sub) != 0) {
		*err = N_("Eine Häufigkeitstabelle gibt es für geschlossene Fragen (Einfachauswahl, Ja/Nein oder eine "
			  "Matrixzeile).");
		return NULL;
	}
	arena *a = arena_new();
	struct survey_freq f;
	json_t *j = NULL;
	if (survey_freq(a, d, q, sub, "de", &f) == ST_OK)
		j = stats_json_freq(sv->code, var, f.codes, f.labels, f.counts, f.k, f.no_answer, f.not_shown);
	arena_free(a);
	return j;
}

json_t *survey_crosstab_json(const struct survey_data *d, const struct survey *sv, const char *row, const char *col,
			     const char **err)
{
	arena *a = arena_new();
	struct survey_xtab x;
	json_t *j = NULL;
	if (survey_crosstab(a, d, sv, row, col, "de", &x, err) == ST_OK)
		j = stats_json_crosstab(sv->code, row, col, x.row_codes, x.rows, x.col_codes, x.cols, x.counts);
	arena_free(a);
	return j;
}
