/* downloads.c — a survey's responses downloaded from the staff's pages:
 * every response (no filter) as CSV with codes or labels, XLSX, an SPSS
 * .sav, or for R the script and the CSV it reads (two files, the names
 * the script expects); and the links to them on the analysis page. */
#include "surveys/surveys.h"
#include "surveys/surveys_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The formats: the path's last segment, the file's ending, its type and
 * the link's text (msgid). */
static const struct {
	const char *name, *suffix, *type, *label;
} formats[] = {
	{ "csv", ".csv", "text/csv; charset=utf-8", N_("CSV (Codes)") },
	{ "csv-labels", "-beschriftet.csv", "text/csv; charset=utf-8", N_("CSV (Beschriftungen)") },
	{ "xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", N_("Excel (XLSX)") },
	{ "sav", ".sav", "application/x-spss-sav", N_("SPSS (.sav, mit Variablen- und Wertelabels)") },
	{ "r", "-r.R", "text/plain; charset=utf-8", N_("R-Skript (liest die R-Daten daneben)") },
	{ "r-csv", "-r.csv", "text/csv; charset=utf-8", N_("R-Daten (CSV zum R-Skript)") },
};
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

static const char *file_name(arena *a, const struct survey *sv, size_t f)
{
	return arena_printf(a, "antworten-%s%s", sv->code, formats[f].suffix);
}

void survey_view_downloads(html *h, struct req *r, const struct survey *sv)
{
	html_elem(h, "h2", T(r, "Alle Antworten herunterladen"), NULL);
	html_elem(h, "p", T(r, "Ohne Filter: jede Antwort eine Zeile, jede Variable eine Spalte."), NULL);
	html_open(h, "ul", "class", "downloads", NULL);
	for (size_t f = 0; f < NFORMATS; f++) {
		html_open(h, "li", NULL);
		html_elem(h, "a", T(r, formats[f].label), "href",
			  arena_printf(r->a, "/intern/umfragen/%lld/antworten/%s", (long long)sv->id, formats[f].name),
			  "download", file_name(r->a, sv, f), NULL);
		html_close(h, "li");
	}
	html_close(h, "ul");
}

/* The export f of sv appended to out. */
static int write_format(struct req *r, const struct survey *sv, size_t f, buf *out, long *rows)
{
	const char *name = formats[f].name;
	if (strcmp(name, "xlsx") == 0)
		return survey_responses_xlsx_buf(r->db, sv, 0, out, rows);
	char *data = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&data, &len);
	if (!m)
		return ST_ERR;
	FILE *none = fopen("/dev/null", "w");
	int rc = ST_ERR;
	if (!none)
		rc = ST_ERR;
	else if (strcmp(name, "sav") == 0)
		rc = survey_responses_export_sav(r->db, sv, m, none, rows);
	else if (strcmp(name, "r") == 0 || strcmp(name, "r-csv") == 0) {
		/* the script and its CSV: the one asked for kept, the other dropped */
		int script = strcmp(name, "r") == 0;
		const char *csv = file_name(r->a, sv, 5);
		rc = survey_responses_export_r(r->db, sv, script ? m : none, script ? none : m, csv, none, rows);
	} else
		rc = survey_responses_export(r->db, sv, strcmp(name, "csv-labels") == 0, m, rows);
	if (none)
		fclose(none);
	if (fclose(m) != 0)
		rc = ST_ERR;
	if (rc == ST_OK)
		buf_append(out, data, len);
	free(data);
	return rc;
}

void survey_staff_download(struct req *r, struct resp *w)
{
	struct survey sv;
	if (survey_staff_load(r, w, &sv) != 0)
		return;
	size_t f = 0;
	while (f < NFORMATS && strcmp(formats[f].name, r->params[1]) != 0)
		f++;
	if (f == NFORMATS) {
		layout_staff_not_found(r, w);
		return;
	}
	long rows = 0;
	int rc = write_format(r, &sv, f, &w->body, &rows);
	audit_add_req(r, "survey_responses_export", "survey", sv.code, rc == ST_OK ? "ok" : "failed", formats[f].name);
	if (rc != ST_OK || w->body.err) {
		buf_reset(&w->body);
		layout_staff_problem(r, w, 500, T(r, "Export fehlgeschlagen"),
				     T(r, "Die Antworten konnten nicht exportiert werden (zu viele für den Browser?). "
					  "Mit `lotse responses export` geht es auf dem Server."));
		return;
	}
	w->content_type = formats[f].type;
	w->no_store = 1;
	resp_header(r, w, "Content-Disposition",
		    arena_printf(r->a, "attachment; filename=\"%s\"", file_name(r->a, &sv, f)));
}
