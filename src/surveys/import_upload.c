/* import_upload.c — a questionnaire of another tool uploaded on the
 * surveys' staff page: a LimeSurvey .lss or an XLSForm .xlsx, read by the
 * same importers as `lotse survey import` into a new draft survey. The
 * warnings are shown with a link to the new survey; a malformed file
 * gives the form again with the reason, and nothing is stored. */
#include "surveys/surveys.h"
#include "surveys/surveys_internal.h"
#include "surveys/import_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void survey_view_import_form(html *h, struct req *r, const char *err)
{
	html_elem(h, "h2", T(r, "Fragebogen übernehmen"), "id", "import", NULL);
	html_elem(h, "p",
		  T(r, "Eine LimeSurvey-Struktur (.lss) oder ein XLSForm (.xlsx, etwa aus KoboToolbox oder ODK). Daraus "
		       "wird eine neue Umfrage im Entwurf; aus einer fehlerhaften Datei wird nichts gespeichert."),
		  NULL);
	html_open(h, "form", "class", "form", "method", "post", "action", "/intern/umfragen/import", "enctype",
		  "multipart/form-data", "novalidate", "", NULL);
	fields_csrf(h, r);
	struct fields_in file = { .name = "file", .label = T(r, "Datei (.lss oder .xlsx)"), .type = "file",
				  .accept = ".lss,.xlsx", .required = 1, .err = err };
	fields_input(h, r, &file);
	html_elem(h, "button", T(r, "Importieren"), "type", "submit", "class", "button", NULL);
	html_close(h, "form");
}

/* The form again with err (translated), 422. */
static void view_refused(struct req *r, struct resp *w, const char *err)
{
	w->status = 422;
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Fragebogen übernehmen"));
	fields_summary_begin(&h, r, NULL, NULL);
	fields_summary_item(&h, r, "file", T(r, "Datei (.lss oder .xlsx)"), err);
	fields_summary_end(&h);
	survey_view_import_form(&h, r, err);
	layout_end(&h, r);
}

/* The survey code made: the warnings (the lines of report but its last)
 * and the link to the survey id. */
static void view_done(struct req *r, struct resp *w, const char *report, const char *code, int64_t id)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Fragebogen übernehmen"));
	fields_notice(&h, i18n_fill(r->a, T(r, "Die Umfrage {1} wurde als Entwurf angelegt."), code, NULL));
	size_t nlines = 0;
	for (const char *p = report; *p; p++)
		nlines += *p == '\n';
	if (nlines > 1) {
		html_elem(&h, "h2", T(r, "Hinweise beim Übernehmen"), NULL);
		html_open(&h, "ul", "class", "import-warnings", NULL);
		for (const char *p = report; *p;) {
			size_t len = strcspn(p, "\n");
			if (strncmp(p, "imported survey ", 16) != 0)
				html_elem(&h, "li", arena_strndup(r->a, p, len), "lang", "en", NULL);
			p += len + (p[len] == '\n');
		}
		html_close(&h, "ul");
	}
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zur neuen Umfrage"), "href", arena_printf(r->a, "/intern/umfragen/%lld", (long long)id),
		  "class", "button", NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}

void survey_staff_import(struct req *r, struct resp *w)
{
	const struct kv *file = NULL;
	for (size_t i = 0; i < r->form.n && !file; i++)
		if (strcmp(r->form.items[i].key, "file") == 0 && r->form.items[i].len > 0)
			file = &r->form.items[i];
	if (!file) {
		view_refused(r, w, T(r, "Bitte eine .lss- oder .xlsx-Datei wählen."));
		return;
	}
	const char *name = file->filename && *file->filename ? file->filename : "upload";
	/* an .xlsx is a zip file; anything else is read as a LimeSurvey file */
	int xlsx = file->len >= 4 && memcmp(file->val, "PK\x03\x04", 4) == 0;
	char err[600] = "";
	char *report = NULL;
	size_t rlen = 0;
	FILE *rep = open_memstream(&report, &rlen);
	if (!rep) {
		layout_staff_failed(r, w);
		return;
	}
	int rc = xlsx ? survey_import_xlsform_mem(r->db, name, file->val, file->len, rep, err, sizeof(err))
		      : survey_import_lss_mem(r->db, name, file->val, file->len, rep, err, sizeof(err));
	fclose(rep);
	const char *text = arena_strdup(r->a, report ? report : "");
	free(report);
	/* the new survey's code, from the report's last line */
	const char *code = NULL, *at = strstr(text, "imported survey ");
	if (rc == ST_OK && at) {
		at += 16;
		code = arena_strndup(r->a, at, strcspn(at, ":\n"));
	}
	int64_t id = 0;
	if (rc == ST_OK && (!code || survey_draft_id(r->db, code, &id) != ST_OK))
		rc = ST_ERR;
	audit_add_req(r, "survey.import", "survey", code ? code : "-", rc == ST_OK ? "ok" : "refused",
		      rc == ST_OK ? name : err);
	if (rc == ST_ERR) {
		layout_staff_failed(r, w);
		return;
	}
	if (rc != ST_OK) {
		/* the reader's reason is technical English: said as it is */
		view_refused(r, w,
			     i18n_fill(r->a, T(r, "Die Datei wurde nicht übernommen, nichts wurde gespeichert: {1}"),
				       *err ? err : T(r, "Die Datei ist kein Fragebogen."), NULL));
		return;
	}
	view_done(r, w, text, code, id);
}
