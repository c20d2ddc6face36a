/* analysis.c — the handlers of retrieval and comparison: the segments of
 * a code (page, CSV and XLSX), the code x variable matrix, the co-occurrence
 * of codes, the full-text search in a project, and the agreement of two
 * coders (their HTML: analysis_views.c). What shows transcript text is
 * audited as a read of the project. */
#include "interviews/iv_internal.h"
#include "interviews/analysis_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/xlsx.h"
#include "core/csvio.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

const struct field iv_seg_fields[SF__MAX] = {
	[SF_CODE] = { "code", FIELD_INT, 0, 15, 1, 999999999999999LL, NULL },
	[SF_SUB] = { "sub", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
	[SF_VAR] = { "var", FIELD_TEXT, 0, 60, 0, 0, NULL },
	[SF_VALUE] = { "value", FIELD_TEXT, 0, 200, 0, 0, NULL },
	[SF_CODER] = { "coder", FIELD_INT, 0, 15, 1, 999999999999999LL, NULL },
	[SF_CASE] = { "fall", FIELD_INT, 0, 15, 1, 999999999999999LL, NULL },
	[SF_PAGE] = { "seite", FIELD_INT, 0, 6, 1, 100000, NULL },
};

/* The query of the segments into f and filter (a page of them when
 * paged: IV_SEGMENTS_PER_PAGE from the page asked for). */
static void seg_query(struct req *r, struct form *f, struct iv_seg_filter *filter, int paged)
{
	form_validate(r, &r->query, iv_seg_fields, SF__MAX, f);
	size_t page = f->val[SF_PAGE] && !f->err[SF_PAGE] ? (size_t)f->num[SF_PAGE] : 1;
	*filter = (struct iv_seg_filter){ .code_id = f->val[SF_CODE] && !f->err[SF_CODE] ? f->num[SF_CODE] : 0,
					  .subcodes = f->val[SF_SUB] != NULL,
					  .var = f->err[SF_VAR] ? NULL : f->val[SF_VAR],
					  .value = f->val[SF_VALUE] ? f->val[SF_VALUE] : "",
					  .coder_id = f->val[SF_CODER] && !f->err[SF_CODER] ? f->num[SF_CODER] : 0,
					  .case_id = f->val[SF_CASE] && !f->err[SF_CASE] ? f->num[SF_CASE] : 0,
					  .offset = paged ? (page - 1) * IV_SEGMENTS_PER_PAGE : 0,
					  .limit = paged ? IV_SEGMENTS_PER_PAGE : 0 };
}

/* The segments of the query, a page of them, into v (with what the form
 * offers when all is 1); audited as action. ST_OK or ST_ERR. */
static int seg_page(struct req *r, struct iv_seg_view *v, struct form *f, struct iv_seg_filter *filter, int all,
		    const char *action)
{
	seg_query(r, f, filter, 1);
	v->f = f;
	v->filter = filter;
	v->page = filter->offset / IV_SEGMENTS_PER_PAGE + 1;
	struct iv_code *codes = NULL;
	struct iv_coder *coders = NULL;
	struct iv_case *cases = NULL;
	const char **vars = NULL;
	struct iv_segment *seg = NULL;
	int64_t t0 = core_mono_us();
	int rc = ST_OK;
	if (all) {
		rc = iv_codes(r->db, r->a, v->p->id, &codes, &v->ncodes);
		if (rc == ST_OK)
			rc = iv_coders(r->db, r->a, v->p->id, &coders, &v->ncoders);
		if (rc == ST_OK)
			rc = iv_all_var_names(r->db, r->a, v->p->id, &vars, &v->nvars);
		if (rc == ST_OK)
			rc = iv_cases(r->db, r->a, v->p->id, &cases, &v->ncases);
	}
	if (rc == ST_OK && filter->code_id) {
		rc = iv_segments_count(r->db, v->p->id, filter, &v->total);
		if (rc == ST_OK)
			rc = iv_segments(r->db, r->a, v->p->id, filter, &seg, &v->nseg);
		v->asked = 1;
	}
	v->us = core_mono_us() - t0;
	if (rc == ST_OK && v->asked)
		rc = audit_add_req(r, action, "iv_project", iv_id(r, v->p->id), "ok",
				   arena_printf(r->a, "code %" PRId64 ", %zu of %zu segments", filter->code_id, v->nseg,
						v->total));
	v->codes = codes;
	v->coders = coders;
	v->cases = cases;
	v->vars = vars;
	v->seg = seg;
	return rc;
}

void iv_segments_page(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	struct form f;
	struct iv_seg_filter filter;
	struct iv_seg_view v = { .p = &p };
	if (seg_page(r, &v, &f, &filter, 1, "iv_segments_read") != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	iv_view_segments(r, w, &v);
}

/* The segments an export asks for (audited as an export of the project);
 * 0, or -1 after the error page. */
static int seg_export(struct req *r, struct resp *w, struct iv_project *p, struct iv_seg_filter *filter,
		      struct iv_segment **seg, size_t *n)
{
	if (iv_req_project(r, w, p) != 0)
		return -1;
	struct form f;
	seg_query(r, &f, filter, 0);
	if (!filter->code_id) {
		layout_staff_problem(r, w, 400, T(r, "Kein Code gewählt"), T(r, "Bitte zuerst einen Code wählen."));
		return -1;
	}
	if (iv_segments(r->db, r->a, p->id, filter, seg, n) != ST_OK ||
	    audit_add_req(r, "iv_segments_export", "iv_project", iv_id(r, p->id), "ok",
			  arena_printf(r->a, "code %" PRId64 ", %zu segments", filter->code_id, *n)) != ST_OK) {
		layout_staff_failed(r, w);
		return -1;
	}
	return 0;
}

/* GET .../segmente/druck: a page of the segments of the query to print
 * (audited as an export). */
void iv_segments_print(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	struct form f;
	struct iv_seg_filter filter;
	struct iv_seg_view v = { .p = &p };
	if (seg_page(r, &v, &f, &filter, 0, "iv_segments_export") != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	if (!v.asked) {
		layout_staff_problem(r, w, 400, T(r, "Kein Code gewählt"), T(r, "Bitte zuerst einen Code wählen."));
		return;
	}
	iv_view_segments_print(r, w, &v);
}

/* The columns of both exports. */
static const char *const seg_heads[] = { "Dokument", "Absatz", "Code",	  "Kodiert von", "Start",
					 "Ende",     "Sprecher", "Segment", "Kontext" };

void iv_segments_csv(struct req *r, struct resp *w)
{
	struct iv_project p;
	struct iv_seg_filter filter;
	struct iv_segment *seg;
	size_t n;
	if (seg_export(r, w, &p, &filter, &seg, &n) != 0)
		return;
	w->content_type = "text/csv; charset=utf-8";
	w->no_store = 1;
	resp_header(r, w, "Content-Disposition",
		    arena_printf(r->a, "attachment; filename=\"segmente-%" PRId64 "-%" PRId64 ".csv\"", p.id, filter.code_id));
	int first = 1;
	for (size_t i = 0; i < NELEM(seg_heads); i++)
		csvio_field(&w->body, &first, seg_heads[i]);
	csvio_end(&w->body, &first);
	for (size_t i = 0; i < n; i++) {
		csvio_field(&w->body, &first, seg[i].doc_name);
		csvio_field(&w->body, &first, arena_printf(r->a, "%ld", seg[i].para_n));
		csvio_field(&w->body, &first, seg[i].code_name);
		csvio_field(&w->body, &first, seg[i].coder);
		csvio_field(&w->body, &first, arena_printf(r->a, "%ld", seg[i].start));
		csvio_field(&w->body, &first, arena_printf(r->a, "%ld", seg[i].end));
		csvio_field(&w->body, &first, seg[i].speaker);
		csvio_field(&w->body, &first, seg[i].text);
		csvio_field(&w->body, &first, seg[i].context);
		csvio_end(&w->body, &first);
	}
}

/* The workbook of the segments into out. libxlsxwriter writes files
 * only: a private temporary file, read back and removed. 0 or -1. */
static int seg_xlsx(const struct iv_segment *seg, size_t n, buf *out)
{
	struct xlsx_tmp x;
	lxw_workbook *wb = xlsx_begin(&x, "interview segments");
	if (!wb)
		return -1;
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Segmente");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	for (size_t c = 0; c < NELEM(seg_heads); c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, seg_heads[c], bold);
	for (size_t i = 0; i < n; i++) {
		lxw_row_t row = (lxw_row_t)(i + 1);
		worksheet_write_string(ws, row, 0, seg[i].doc_name, NULL);
		worksheet_write_number(ws, row, 1, (double)seg[i].para_n, NULL);
		worksheet_write_string(ws, row, 2, seg[i].code_name, NULL);
		worksheet_write_string(ws, row, 3, seg[i].coder ? seg[i].coder : "", NULL);
		worksheet_write_number(ws, row, 4, (double)seg[i].start, NULL);
		worksheet_write_number(ws, row, 5, (double)seg[i].end, NULL);
		worksheet_write_string(ws, row, 6, seg[i].speaker ? seg[i].speaker : "", NULL);
		worksheet_write_string(ws, row, 7, seg[i].text, NULL);
		worksheet_write_string(ws, row, 8, seg[i].context ? seg[i].context : "", NULL);
	}
	return xlsx_finish(&x, 1, out, "interview segments");
}

void iv_segments_xlsx(struct req *r, struct resp *w)
{
	struct iv_project p;
	struct iv_seg_filter filter;
	struct iv_segment *seg;
	size_t n;
	if (seg_export(r, w, &p, &filter, &seg, &n) != 0)
		return;
	if (seg_xlsx(seg, n, &w->body) != 0) {
		buf_reset(&w->body);
		layout_staff_failed(r, w);
		return;
	}
	w->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	w->no_store = 1;
	resp_header(r, w, "Content-Disposition",
		    arena_printf(r->a, "attachment; filename=\"segmente-%" PRId64 "-%" PRId64 ".xlsx\"", p.id, filter.code_id));
}

void iv_matrix_page(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	static const struct field q[] = { { "var", FIELD_TEXT, 0, 60, 0, 0, NULL },
					  { "faelle", FIELD_CHECKBOX, 0, 1, 0, 0, NULL } };
	struct form f;
	form_validate(r, &r->query, q, 2, &f);
	const char **vars;
	size_t nvars;
	struct iv_matrix m = { 0 };
	int by_case = f.val[1] != NULL;
	const char *var = f.err[0] ? NULL : f.val[0];
	int64_t t0 = core_mono_us();
	int rc = iv_all_var_names(r->db, r->a, p.id, &vars, &nvars);
	if (rc == ST_OK && !var && nvars)
		var = vars[0];
	if (rc == ST_OK && by_case)
		rc = iv_matrix_cases(r->db, r->a, p.id, &m);
	else if (rc == ST_OK && var)
		rc = iv_matrix_get(r->db, r->a, p.id, var, &m);
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	iv_view_matrix(r, w, &p, vars, nvars, var, by_case || var ? &m : NULL, core_mono_us() - t0);
}

void iv_cooc_page(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	const char *mode = kv_get(&r->query, "art");
	int para = !(mode && strcmp(mode, "ueberlappung") == 0);
	struct iv_code *codes;
	size_t n;
	long *counts;
	if (iv_cooccurrence(r->db, r->a, p.id, para, &codes, &n, &counts) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	iv_view_cooc(r, w, &p, para, codes, n, counts);
}

void iv_search_page(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	static const struct field q[] = { { "q", FIELD_TEXT, 0, 200, 0, 0, NULL } };
	struct form f;
	form_validate(r, &r->query, q, 1, &f);
	const char *text = f.err[0] ? NULL : f.val[0];
	struct iv_hit *hits = NULL;
	size_t n = 0, total = 0;
	if (text && (iv_search(r->db, r->a, p.id, text, 100, &hits, &n, &total) != ST_OK ||
		     audit_add_req(r, "iv_search", "iv_project", iv_id(r, p.id), "ok",
				   arena_printf(r->a, "%zu hits", total)) != ST_OK)) {
		layout_staff_failed(r, w);
		return;
	}
	iv_view_search(r, w, &p, text, f.err[0], hits, n, total);
}

void iv_agree_page(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	static const struct field q[] = {
		{ "a", FIELD_INT, 0, 15, 1, 999999999999999LL, NULL },
		{ "b", FIELD_INT, 0, 15, 1, 999999999999999LL, NULL },
	};
	struct form f;
	form_validate(r, &r->query, q, 2, &f);
	struct iv_agree_view v = { .p = &p };
	struct iv_coder *coders;
	if (iv_coders(r->db, r->a, p.id, &coders, &v.ncoders) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	v.coders = coders;
	/* by default the two who coded most */
	v.a = f.val[0] && !f.err[0] ? f.num[0] : 0;
	v.b = f.val[1] && !f.err[1] ? f.num[1] : 0;
	if (!v.a && !v.b && v.ncoders >= 2) {
		size_t i1 = 0, i2 = 1;
		for (size_t i = 1; i < v.ncoders; i++)
			if (coders[i].ncodings > coders[i1].ncodings)
				i1 = i;
		i2 = i1 == 0 ? 1 : 0;
		for (size_t i = 0; i < v.ncoders; i++)
			if (i != i1 && coders[i].ncodings > coders[i2].ncodings)
				i2 = i;
		v.a = coders[i1 < i2 ? i1 : i2].id;
		v.b = coders[i1 < i2 ? i2 : i1].id;
	}
	int known = 0;
	for (size_t i = 0; i < v.ncoders; i++)
		known += coders[i].id == v.a || coders[i].id == v.b;
	if (v.a && v.b && v.a != v.b && known == 2) {
		if (iv_agreement(r->db, r->a, p.id, v.a, v.b, &v.rows, &v.nrows, &v.dis, &v.ndis) != ST_OK ||
		    audit_add_req(r, "iv_agreement", "iv_project", iv_id(r, p.id), "ok", NULL) != ST_OK) {
			layout_staff_failed(r, w);
			return;
		}
		v.asked = 1;
	} else if (v.a || v.b) {
		v.problem = T(r, "Bitte zwei verschiedene Kodierende dieses Projekts wählen.");
	}
	iv_view_agree(r, w, &v);
}
