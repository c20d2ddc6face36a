/* routes.c — the public pages of committees and decision processes:
 * /gremien, /gremien/ID, /sitzungen/ID, /vorlagen, /vorlagen/ID,
 * /prozesse/ID and the files at /dateien/ID. Only what is public. */
#include "policy/policy.h"
#include "policy/policy_internal.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t pol_param_id(const char *s)
{
	if (!s || !*s || strlen(s) > 15)
		return 0;
	for (const char *p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	if (s[0] == '0')
		return 0;
	return (int64_t)strtoll(s, NULL, 10);
}

/* The error page of a failed read (rc ST_NOTFOUND: 404). */
static void failed(struct req *r, struct resp *w, int rc)
{
	if (rc == ST_NOTFOUND)
		w->status = 404;
	else
		resp_store_failed(r, w);
	layout_error_page(r, w, w->status);
}

void pol_public_bodies(struct req *r, struct resp *w)
{
	struct pol_body *b;
	struct pol_process *procs;
	size_t n, np;
	int rc = pol_body_list(r->db, r->a, &b, &n);
	if (rc == ST_OK)
		rc = pol_process_list(r->db, r->a, 1, &procs, &np);
	if (rc != ST_OK) {
		failed(r, w, ST_ERR);
		return;
	}
	pol_view_bodies(r, w, b, n, procs, np);
}

void pol_public_body(struct req *r, struct resp *w)
{
	struct pol_body_page p = { 0 };
	int64_t id = pol_param_id(r->params[0]);
	int rc = id ? pol_body_get(r->db, r->a, id, &p.body) : ST_NOTFOUND;
	if (rc == ST_OK)
		rc = pol_body_members(r->db, r->a, id, &p.members, &p.nmembers);
	if (rc == ST_OK)
		rc = pol_body_meetings(r->db, r->a, id, &p.meetings, &p.nmeetings);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	pol_view_body(r, w, &p);
}

void pol_public_meeting(struct req *r, struct resp *w)
{
	struct pol_meeting_page p = { 0 };
	int64_t id = pol_param_id(r->params[0]);
	int rc = id ? pol_meeting_get(r->db, r->a, id, &p.meeting) : ST_NOTFOUND;
	if (rc == ST_OK)
		rc = pol_meeting_items(r->db, r->a, id, 1, &p.items, &p.nitems);
	if (rc == ST_OK)
		rc = pol_meeting_consultations(r->db, r->a, id, 1, &p.cons, &p.ncons);
	if (rc == ST_OK)
		rc = pol_files_of(r->db, r->a, id, 0, 0, 1, &p.files, &p.nfiles);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	pol_view_meeting(r, w, &p);
}

void pol_public_papers(struct req *r, struct resp *w)
{
	struct pol_paper *p;
	size_t n;
	int rc = pol_paper_list(r->db, r->a, 1, &p, &n);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	pol_view_papers(r, w, p, n);
}

void pol_public_paper(struct req *r, struct resp *w)
{
	struct pol_paper_page p = { 0 };
	int64_t id = pol_param_id(r->params[0]);
	int rc = id ? pol_paper_get(r->db, r->a, id, 1, &p.paper) : ST_NOTFOUND;
	if (rc == ST_OK)
		rc = pol_paper_consultations(r->db, r->a, id, 1, &p.cons, &p.ncons);
	if (rc == ST_OK)
		rc = pol_files_of(r->db, r->a, 0, 0, id, 1, &p.files, &p.nfiles);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	pol_view_paper(r, w, &p);
}

void pol_public_process(struct req *r, struct resp *w)
{
	struct pol_process p;
	struct pol_step *steps;
	size_t n;
	int64_t id = pol_param_id(r->params[0]);
	int rc = id ? pol_process_get(r->db, r->a, id, 1, &p) : ST_NOTFOUND;
	if (rc == ST_OK)
		rc = pol_process_steps(r->db, r->a, id, 1, &steps, &n);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	pol_view_process(r, w, &p, steps, n);
}

/* GET /dateien/ID — a public file's bytes with its type, and as an
 * attachment under its file name (quoted, and RFC 5987 for the rest). */
void pol_public_file(struct req *r, struct resp *w)
{
	struct pol_file f;
	int64_t id = pol_param_id(r->params[0]);
	int rc = id ? pol_file_get(r->db, r->a, id, 1, 1, &f) : ST_NOTFOUND;
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	w->content_type = strcmp(f.mime_type, "application/pdf") == 0 ? "application/pdf" : "application/octet-stream";
	buf ascii = { 0 }, enc = { 0 };
	for (const unsigned char *c = (const unsigned char *)f.file_name; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '.' ||
		    *c == '-' || *c == '_') {
			buf_putc(&ascii, (char)*c);
			buf_putc(&enc, (char)*c);
		} else {
			buf_putc(&ascii, '_');
			buf_printf(&enc, "%%%02X", *c);
		}
	}
	const char *cd = arena_printf(r->a, "attachment; filename=\"%s\"; filename*=UTF-8''%s",
				      ascii.len ? buf_str(&ascii) : "datei", enc.len ? buf_str(&enc) : "datei");
	buf_free(&ascii);
	buf_free(&enc);
	resp_header(r, w, "Content-Disposition", cd);
	buf_append(&w->body, f.data, (size_t)f.size);
}
