/* exchange.c — REFI-QDA from the browser and the command line: the
 * project's .qdpx and its codebook's .qdc to download, a .qdpx or .qdc
 * uploaded into a new project, and `lotse qda list|export|import`. Every
 * export and import is audited. */
#include "interviews/iv_internal.h"
#include "auth/auth.h"
#include "core/buf.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void export(struct req *r, struct resp *w, int codebook)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	char err[300], *data = NULL;
	size_t len;
	int rc = iv_qda_export_mem(r->db, p.id, codebook, &data, &len, err, sizeof(err));
	audit_add_req(r, codebook ? "iv_export_qdc" : "iv_export_qdpx", "iv_project", iv_id(r, p.id),
		      rc == ST_OK ? "ok" : "failed", NULL);
	if (rc != ST_OK) {
		if (codebook)
			layout_staff_problem(r, w, 409, T(r, "Kein Codebuch"),
					     T(r, "Das Codebuch ist leer; ein Codebuch-Export braucht mindestens einen Code."));
		else
			layout_staff_failed(r, w);
		return;
	}
	w->content_type = codebook ? "application/xml" : "application/zip";
	w->no_store = 1;
	resp_header(r, w, "Content-Disposition",
		    arena_printf(r->a, "attachment; filename=\"projekt-%" PRId64 ".%s\"", p.id, codebook ? "qdc" : "qdpx"));
	buf_append(&w->body, data, len);
	free(data);
	if (w->body.err)
		layout_staff_problem(r, w, 500, T(r, "Zu groß"), T(r, "Der Export ist zu groß für den Browser."));
}

void iv_export_qdpx(struct req *r, struct resp *w)
{
	export(r, w, 0);
}

void iv_export_qdc(struct req *r, struct resp *w)
{
	export(r, w, 1);
}

void iv_import_post(struct req *r, struct resp *w)
{
	const struct auth_user *u = auth_current(r);
	const struct kv *file = NULL;
	for (size_t i = 0; i < r->form.n && !file; i++)
		if (strcmp(r->form.items[i].key, "file") == 0 && r->form.items[i].len > 0)
			file = &r->form.items[i];
	struct iv_list_view v = { 0 };
	struct iv_project *projects;
	if (!file) {
		v.import_err = T(r, "Bitte eine .qdpx- oder .qdc-Datei wählen.");
	} else {
		char err[300];
		buf report;
		buf_init(&report, 1 << 16);
		int64_t id = 0;
		struct iv_qda_counts c;
		int rc = iv_qda_import(r->db, file->val, file->len, u ? u->id : 0, &id, &c, &report, err, sizeof(err));
		audit_add_req(r, "iv_import", "iv_project", rc == ST_OK ? iv_id(r, id) : "-", rc == ST_OK ? "ok" : "refused",
			      rc == ST_OK ? arena_printf(r->a, "%ld codes, %ld documents, %ld codings, %ld left out", c.codes,
							 c.docs, c.codings, c.skipped)
					  : err);
		if (rc == ST_OK) {
			v.notice = i18n_fill(r->a, T(r, "Importiert: {1} Codes, {2} Dokumente, {3} Kodierungen."),
					     arena_printf(r->a, "%ld", c.codes), arena_printf(r->a, "%ld", c.docs),
					     arena_printf(r->a, "%ld", c.codings), NULL);
			v.report = arena_strdup(r->a, buf_str(&report));
		} else {
			/* the reader's reason is technical English: said as it is */
			v.import_err = i18n_fill(r->a, T(r, "Die Datei wurde nicht übernommen, nichts wurde gespeichert: {1}"),
						 err, NULL);
		}
		buf_free(&report);
	}
	if (v.import_err)
		w->status = 422;
	if (iv_projects(r->db, r->a, u ? u->id : -1, &projects, &v.n) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	v.projects = projects;
	iv_view_projects(r, w, &v);
}

/* ---- lotse qda ---- */

static const char cli_usage[] = "usage: lotse qda list [--db PATH]\n"
				"       lotse qda export [--db PATH] ID FILE.qdpx\n"
				"       lotse qda export [--db PATH] --codebook ID FILE.qdc\n"
				"       lotse qda import [--db PATH] FILE.qdpx|FILE.qdc\n"
				"       lotse qda member [--db PATH] ID EMAIL\n";

static int cli_list(struct store *s)
{
	arena *a = arena_new();
	struct iv_project *p;
	size_t n;
	int rc = iv_projects(s, a, 0, &p, &n);
	for (size_t i = 0; rc == ST_OK && i < n; i++)
		printf("%" PRId64 "\t%s\t%ld documents\t%ld codes\t%ld codings\n", p[i].id, p[i].name, p[i].ndocs, p[i].ncodes,
		       p[i].ncodings);
	if (rc != ST_OK)
		fprintf(stderr, "lotse: the projects could not be read\n");
	arena_free(a);
	return rc == ST_OK ? 0 : 1;
}

static int cli_export(struct store *s, int codebook, const char *idtext, const char *path)
{
	int64_t id = iv_param_id(idtext);
	if (id <= 0) {
		fprintf(stderr, "lotse: %s is no project id (see `lotse qda list`)\n", idtext);
		return 2;
	}
	char err[300];
	int64_t t0 = core_mono_us();
	int rc = iv_qda_export(s, id, codebook, path, err, sizeof(err));
	char idbuf[24];
	snprintf(idbuf, sizeof(idbuf), "%" PRId64, id);
	audit_add(s, 0, codebook ? "iv_export_qdc" : "iv_export_qdpx", "iv_project", idbuf, rc == ST_OK ? "ok" : "failed");
	if (rc != ST_OK) {
		fprintf(stderr, "lotse: %s\n", err);
		return 1;
	}
	printf("wrote %s (%.2f s)\n", path, (double)(core_mono_us() - t0) / 1e6);
	return 0;
}

static int cli_import(struct store *s, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "lotse: cannot open %s\n", path);
		return 1;
	}
	buf data;
	buf_init(&data, IV_MAX_FILE + 1);
	char chunk[65536];
	size_t k;
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&data, chunk, k);
	int rerr = ferror(f);
	fclose(f);
	if (rerr || data.err) {
		fprintf(stderr, "lotse: %s\n", rerr ? "cannot read the file" : "the file is too big");
		buf_free(&data);
		return 1;
	}
	char err[300];
	buf report;
	buf_init(&report, 1 << 20);
	int64_t id = 0;
	struct iv_qda_counts c;
	int rc = iv_qda_import(s, data.data ? data.data : "", data.len, 0, &id, &c, &report, err, sizeof(err));
	buf_free(&data);
	char idbuf[24];
	snprintf(idbuf, sizeof(idbuf), "%" PRId64, id);
	audit_add(s, 0, "iv_import", "iv_project", rc == ST_OK ? idbuf : "-", rc == ST_OK ? "ok" : "refused");
	if (rc != ST_OK) {
		fprintf(stderr, "lotse: %s: %s; nothing was stored\n", path, err);
		buf_free(&report);
		return 1;
	}
	if (report.len)
		fprintf(stderr, "left out:\n%s", buf_str(&report));
	printf("imported project %" PRId64 ": %ld codes, %ld documents, %ld codings\n", id, c.codes, c.docs, c.codings);
	buf_free(&report);
	return 0;
}

/* Add the researcher with address email to project idtext. */
static int cli_member(struct store *s, const char *idtext, const char *email)
{
	int64_t id = iv_param_id(idtext), uid = 0;
	if (id <= 0) {
		fprintf(stderr, "lotse: %s is no project id (see `lotse qda list`)\n", idtext);
		return 2;
	}
	arena *a = arena_new();
	struct iv_project p;
	int rc = iv_project_get(s, a, id, 0, &p);
	arena_free(a);
	if (rc == ST_OK)
		rc = iv_member_add(s, id, email, &uid);
	if (rc == ST_OK)
		rc = audit_add(s, 0, "iv_member_add", "iv_project", idtext, "ok");
	if (rc != ST_OK) {
		fprintf(stderr, "lotse: %s\n", rc == ST_NOTFOUND ? "no such project, or no enabled researcher with that address"
				   : rc == ST_CONFLICT ? "a member already" : "the member could not be added");
		return 1;
	}
	printf("%s is a member of project %s\n", email, idtext);
	return 0;
}

int iv_qda_cli(const char *db, int codebook, int argc, char **argv)
{
	if (argc < 1) {
		fputs(cli_usage, stderr);
		return 2;
	}
	const char *verb = argv[0];
	int npos = argc - 1;
	char **pos = argv + 1;
	int ok = (strcmp(verb, "list") == 0 && npos == 0 && !codebook) || (strcmp(verb, "export") == 0 && npos == 2) ||
		 (strcmp(verb, "import") == 0 && npos == 1 && !codebook) ||
		 (strcmp(verb, "member") == 0 && npos == 2 && !codebook);
	if (!ok) {
		fputs(cli_usage, stderr);
		return 2;
	}
	struct store *s;
	char err[400];
	if (store_open(db, STORE_EXISTING, &s, err, sizeof(err)) != ST_OK || store_migrate(s, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "lotse: %s\n", err);
		store_close(s);
		return 1;
	}
	int rc = strcmp(verb, "list") == 0     ? cli_list(s)
		 : strcmp(verb, "export") == 0 ? cli_export(s, codebook, pos[0], pos[1])
		 : strcmp(verb, "member") == 0 ? cli_member(s, pos[0], pos[1])
					       : cli_import(s, pos[0]);
	store_close(s);
	return rc;
}
