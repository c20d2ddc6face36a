/* coding.c — the handlers of coding and of the codebook: coding a
 * paragraph (the form of each paragraph, without JavaScript) or a
 * selection (static/interviews.js posts its start and end), removing a
 * coding, adding, editing, moving and merging codes, and memos. */
#include "interviews/iv_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <inttypes.h>
#include <string.h>

const struct field iv_code_fields[CF__MAX] = {
	[CF_NAME] = { "name", FIELD_TEXT, FIELD_REQUIRED, IV_MAX_NAME, 0, 0, NULL },
	[CF_PARENT] = { "parent", FIELD_INT, 0, 15, 0, 999999999999999LL, NULL },
	[CF_COLOR] = { "color", FIELD_TEXT, 0, 7, 0, 0, NULL },
	[CF_DESC] = { "description", FIELD_MULTILINE, 0, 4000, 0, 0, NULL },
	[CF_MEMO] = { "memo", FIELD_MULTILINE, 0, 20000, 0, 0, NULL },
};

void iv_code_options(struct req *r, const struct iv_code *codes, size_t n, int64_t except, const char ***ids,
		     const char ***names, size_t *k)
{
	*ids = arena_alloc(r->a, (n + 1) * sizeof(**ids));
	*names = arena_alloc(r->a, (n + 1) * sizeof(**names));
	*k = 0;
	int skip_depth = -1;
	for (size_t i = 0; i < n; i++) {
		if (skip_depth >= 0 && codes[i].depth > skip_depth)
			continue;
		skip_depth = -1;
		if (codes[i].id == except) {
			skip_depth = codes[i].depth;
			continue;
		}
		/* indented by depth with no-break spaces, which every select shows */
		static const char nbsp3[] = "\u00a0\u00a0\u00a0";
		int depth = codes[i].depth < 8 ? codes[i].depth : 8;
		char pre[8 * (sizeof(nbsp3) - 1) + 1];
		for (int d = 0; d < depth; d++)
			memcpy(pre + (size_t)d * (sizeof(nbsp3) - 1), nbsp3, sizeof(nbsp3) - 1);
		pre[(size_t)depth * (sizeof(nbsp3) - 1)] = '\0';
		(*ids)[*k] = iv_id(r, codes[i].id);
		(*names)[(*k)++] = arena_printf(r->a, "%s%s", pre, codes[i].name);
	}
}

static const struct field coding_fields[] = {
	{ "start", FIELD_INT, FIELD_REQUIRED, 10, 0, 2000000000, NULL },
	{ "end", FIELD_INT, FIELD_REQUIRED, 10, 1, 2000000000, NULL },
};

/* POST .../dokumente/{d}/kodieren: code=ID (one or more), start, end. */
void iv_coding_post(struct req *r, struct resp *w)
{
	struct iv_project p;
	struct iv_doc d;
	int64_t coder;
	if (iv_req_project(r, w, &p) != 0 || iv_req_doc(r, w, &p, 0, &d) != 0 || iv_req_coder(r, w, &p, &coder) != 0)
		return;
	struct form f;
	const char *problem = NULL;
	size_t ncodes = kv_count(&r->form, "code");
	if (form_validate(r, &r->form, coding_fields, NELEM(coding_fields), &f) > 0 || f.num[1] <= f.num[0])
		problem = N_("Bitte zuerst Text markieren oder einen Absatz wählen.");
	else if (ncodes == 0 || ncodes > 50)
		problem = N_("Bitte mindestens einen Code wählen.");
	struct store_tx tx = { 0 };
	int rc = problem ? ST_OK : store_tx_begin(r->db, &tx);
	for (size_t i = 0; !problem && rc == ST_OK && i < r->form.n; i++) {
		if (strcmp(r->form.items[i].key, "code") != 0)
			continue;
		int64_t code = iv_param_id(r->form.items[i].val);
		rc = code > 0 ? iv_coding_add(r->db, p.id, d.id, code, coder, (long)f.num[0], (long)f.num[1], NULL, NULL)
			      : ST_NOTFOUND;
		if (rc == ST_NOTFOUND)
			problem = N_("Diesen Code gibt es in diesem Projekt nicht.");
		else if (rc == ST_CONFLICT)
			problem = N_("Die Stelle liegt nicht im Text des Dokuments.");
	}
	if (!problem && rc == ST_OK)
		rc = audit_add_req(r, "iv_coding_add", "iv_document", iv_id(r, d.id), "ok",
				   arena_printf(r->a, "%lld-%lld, %zu codes", f.num[0], f.num[1], ncodes));
	rc = store_tx_end(r->db, &tx, problem ? ST_CONFLICT : rc);
	if (problem) {
		w->status = 422;
		iv_doc_show(r, w, &p, &d, NULL, T(r, problem));
		return;
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	/* back to the paragraph the coding begins in */
	const char *back = kv_get(&r->form, "para");
	int64_t para = iv_param_id(back);
	resp_redirect(r, w,
		      iv_path(r, p.id,
			      para > 0 ? arena_printf(r->a, "/dokumente/%" PRId64 "?ok=coded#a-%" PRId64, d.id, para)
				       : arena_printf(r->a, "/dokumente/%" PRId64 "?ok=coded", d.id)));
}

void iv_coding_remove(struct req *r, struct resp *w)
{
	struct iv_project p;
	struct iv_doc d;
	if (iv_req_project(r, w, &p) != 0 || iv_req_doc(r, w, &p, 0, &d) != 0)
		return;
	int64_t id = iv_param_id(r->params[2]);
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = id > 0 ? iv_coding_delete(r->db, d.id, id) : ST_NOTFOUND;
	if (rc == ST_OK)
		rc = audit_add_req(r, "iv_coding_delete", "iv_document", iv_id(r, d.id), "ok", iv_id(r, id));
	rc = store_tx_end(r->db, &tx, rc);
	if (rc == ST_NOTFOUND) {
		layout_staff_not_found(r, w);
		return;
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, iv_path(r, p.id, arena_printf(r->a, "/dokumente/%" PRId64 "?ok=uncoded", d.id)));
}

/* Validate the code form into c; the number of errors. */
static int read_code(struct req *r, struct form *f, struct iv_code *c)
{
	form_validate(r, &r->form, iv_code_fields, CF__MAX, f);
	if (f->val[CF_COLOR] && !iv_color_valid(f->val[CF_COLOR])) {
		f->err[CF_COLOR] = N_("Bitte eine Farbe wie #ffd866 angeben.");
		f->nerr++;
	}
	c->name = f->val[CF_NAME];
	c->parent_id = f->val[CF_PARENT] ? f->num[CF_PARENT] : 0;
	c->color = f->val[CF_COLOR] ? f->val[CF_COLOR] : "#ffd866";
	c->description = f->val[CF_DESC];
	c->memo = f->val[CF_MEMO];
	return f->nerr;
}

/* POST /intern/interviews/{p}/codes: a new code. */
void iv_code_post(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	struct form f;
	struct iv_code c = { 0 };
	int rc = ST_OK;
	int64_t id = 0;
	if (read_code(r, &f, &c) == 0) {
		struct store_tx tx;
		rc = store_tx_begin(r->db, &tx);
		if (rc == ST_OK)
			rc = iv_code_save(r->db, p.id, &c, &id);
		if (rc == ST_OK)
			rc = audit_add_req(r, "iv_code_add", "iv_code", iv_id(r, id), "ok", NULL);
		rc = store_tx_end(r->db, &tx, rc);
		if (rc == ST_OK) {
			resp_redirect(r, w, iv_path(r, p.id, "?ok=code#codebuch"));
			return;
		}
		if (rc != ST_NOTFOUND) {
			layout_staff_failed(r, w);
			return;
		}
		f.err[CF_PARENT] = N_("Diesen Obercode gibt es in diesem Projekt nicht.");
		f.nerr++;
	}
	/* the project's page with the form again */
	w->status = 422;
	struct iv_project_view v = { .p = &p, .code_form = &f };
	struct iv_doc *docs;
	struct iv_code *codes;
	struct iv_member *members;
	struct iv_memo *memos;
	if (iv_docs(r->db, r->a, p.id, &docs, &v.ndocs) != ST_OK || iv_codes(r->db, r->a, p.id, &codes, &v.ncodes) != ST_OK ||
	    iv_members(r->db, r->a, p.id, &members, &v.nmembers) != ST_OK ||
	    iv_memos(r->db, r->a, p.id, &memos, &v.nmemos) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	v.docs = docs;
	v.codes = codes;
	v.members = members;
	v.memos = memos;
	iv_view_project(r, w, &v);
}


/* The code's page (its term form filled here). */
static void show_code(struct req *r, struct resp *w, const struct iv_project *p, const struct iv_code *c,
		      const struct iv_code *codes, size_t n, const struct form *f, const char *problem)
{
	struct iv_term_choice tc;
	struct iv_segment *segs;
	size_t nsegs;
	struct iv_seg_filter sf = { .code_id = c->id };
	if (iv_term_choice_load(r, p, c->id, &tc) != ST_OK || iv_segments(r->db, r->a, p->id, &sf, &segs, &nsegs) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	const char *ok = kv_get(&r->query, "ok");
	if (ok && strcmp(ok, "split") == 0)
		tc.notice = T(r, "Der Code ist aufgeteilt; dies ist der neue Code.");
	iv_view_code(r, w, p, c, codes, n, f, problem, &tc, segs, nsegs);
}

int iv_req_code(struct req *r, struct resp *w, struct iv_code_req *q)
{
	if (iv_req_project(r, w, &q->p) != 0)
		return -1;
	if (iv_codes(r->db, r->a, q->p.id, &q->codes, &q->n) != ST_OK) {
		layout_staff_failed(r, w);
		return -1;
	}
	int64_t id = iv_param_id(r->params[1]);
	for (size_t i = 0; i < q->n; i++)
		if (q->codes[i].id == id) {
			q->c = &q->codes[i];
			return 0;
		}
	layout_staff_not_found(r, w);
	return -1;
}

void iv_code_page(struct req *r, struct resp *w)
{
	struct iv_code_req q;
	if (iv_req_code(r, w, &q) == 0)
		show_code(r, w, &q.p, q.c, q.codes, q.n, NULL, NULL);
}

/* POST .../codes/{c}: name, colour, description, memo, parent (moving it). */
void iv_code_edit(struct req *r, struct resp *w)
{
	struct iv_code_req q;
	if (iv_req_code(r, w, &q) != 0)
		return;
	struct form f;
	struct iv_code c = { .id = q.c->id };
	const char *problem = NULL;
	if (read_code(r, &f, &c) == 0) {
		int64_t id;
		struct store_tx tx;
		int rc = store_tx_begin(r->db, &tx);
		if (rc == ST_OK)
			rc = iv_code_save(r->db, q.p.id, &c, &id);
		if (rc == ST_OK)
			rc = audit_add_req(r, "iv_code_save", "iv_code", iv_id(r, c.id), "ok", NULL);
		rc = store_tx_end(r->db, &tx, rc);
		if (rc == ST_OK) {
			resp_redirect(r, w, iv_path(r, q.p.id, "?ok=code#codebuch"));
			return;
		}
		if (rc == ST_CONFLICT || rc == ST_NOTFOUND) {
			f.err[CF_PARENT] = rc == ST_CONFLICT ? N_("Ein Code kann nicht unter sich selbst oder seinen "
								  "Untercodes stehen.")
							     : N_("Diesen Obercode gibt es in diesem Projekt nicht.");
			f.nerr++;
		} else {
			layout_staff_failed(r, w);
			return;
		}
	}
	w->status = 422;
	show_code(r, w, &q.p, q.c, q.codes, q.n, &f, problem);
}

/* POST .../codes/{c}/zusammenfuehren: into=ID. */
void iv_code_merge_post(struct req *r, struct resp *w)
{
	struct iv_code_req q;
	if (iv_req_code(r, w, &q) != 0)
		return;
	int64_t into = iv_param_id(kv_get(&r->form, "into"));
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = into > 0 ? iv_code_merge(r->db, q.p.id, q.c->id, into) : ST_NOTFOUND;
	if (rc == ST_OK)
		rc = audit_add_req(r, "iv_code_merge", "iv_code", iv_id(r, q.c->id), "ok", iv_id(r, into));
	rc = store_tx_end(r->db, &tx, rc);
	if (rc == ST_OK) {
		resp_redirect(r, w, iv_path(r, q.p.id, "?ok=merged#codebuch"));
		return;
	}
	if (rc != ST_NOTFOUND && rc != ST_CONFLICT) {
		layout_staff_failed(r, w);
		return;
	}
	w->status = 422;
	show_code(r, w, &q.p, q.c, q.codes, q.n, NULL,
		     rc == ST_CONFLICT ? T(r, "Ein Code kann nicht mit einem seiner Untercodes zusammengeführt werden.")
				       : T(r, "Bitte den Code wählen, in den dieser aufgehen soll."));
}

/* POST .../codes/{c}/memo: text (the code's memo, from the codebook on
 * the project's page; empty, or the button "loeschen": deleted). */
void iv_code_memo_post(struct req *r, struct resp *w)
{
	struct iv_code_req q;
	if (iv_req_code(r, w, &q) != 0)
		return;
	static const struct field memo_field[] = { { "text", FIELD_MULTILINE, 0, 20000, 0, 0, NULL } };
	struct form f;
	if (form_validate(r, &r->form, memo_field, 1, &f) > 0) {
		layout_staff_problem(r, w, 422, T(r, "Das Memo wurde nicht gespeichert"),
				     T(r, "Ein Memo hat höchstens 20.000 Zeichen."));
		return;
	}
	const char *text = kv_get(&r->form, "loeschen") || !f.val[0] ? "" : f.val[0];
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = iv_code_memo_set(r->db, q.p.id, q.c->id, text);
	if (rc == ST_OK)
		rc = audit_add_req(r, *text ? "iv_code_memo" : "iv_code_memo_delete", "iv_code", iv_id(r, q.c->id), "ok", NULL);
	if (store_tx_end(r->db, &tx, rc) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, iv_path(r, q.p.id, arena_printf(r->a, "?ok=%s#code-%" PRId64, *text ? "codememo" : "codememo-deleted",
							   q.c->id)));
}

/* POST /intern/interviews/{p}/memos: text, and doc (a document's memo),
 * and coding (a memo on a segment of that document). */
void iv_memo_post(struct req *r, struct resp *w)
{
	struct iv_project p;
	int64_t coder;
	if (iv_req_project(r, w, &p) != 0 || iv_req_coder(r, w, &p, &coder) != 0)
		return;
	static const struct field memo_fields[] = {
		{ "text", FIELD_MULTILINE, FIELD_REQUIRED, 20000, 0, 0, NULL },
		{ "doc", FIELD_INT, 0, 15, 1, 999999999999999LL, NULL },
		{ "coding", FIELD_INT, 0, 15, 1, 999999999999999LL, NULL },
	};
	struct form f;
	int bad = form_validate(r, &r->form, memo_fields, NELEM(memo_fields), &f);
	struct iv_memo m = { .text = f.val[0], .doc_id = f.val[1] ? f.num[1] : 0, .coding_id = f.val[2] ? f.num[2] : 0 };
	struct iv_doc d;
	int rc = bad || (m.coding_id && !m.doc_id) ? ST_CONFLICT
		 : m.doc_id			     ? iv_doc_get(r->db, r->a, p.id, m.doc_id, 0, &d)
						     : ST_OK;
	if (rc == ST_OK && m.coding_id) {
		/* the segment must be one of the document's */
		struct iv_coding *c;
		size_t n;
		rc = iv_codings_doc(r->db, r->a, m.doc_id, &c, &n);
		int found = 0;
		for (size_t i = 0; rc == ST_OK && i < n; i++)
			found |= c[i].id == m.coding_id;
		if (rc == ST_OK && !found)
			rc = ST_NOTFOUND;
	}
	if (rc == ST_NOTFOUND || rc == ST_CONFLICT) {
		layout_staff_problem(r, w, 422, T(r, "Das Memo wurde nicht gespeichert"),
				     T(r, "Ein Memo braucht einen Text und gehört zu einem Dokument dieses Projekts."));
		return;
	}
	struct store_tx tx;
	if (rc == ST_OK)
		rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK) {
		rc = iv_memo_add(r->db, p.id, &m, coder);
		if (rc == ST_OK)
			rc = audit_add_req(r, "iv_memo_add", "iv_project", iv_id(r, p.id), "ok", NULL);
		rc = store_tx_end(r->db, &tx, rc);
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	const char *to = m.coding_id ? arena_printf(r->a, "/dokumente/%" PRId64 "?ok=memo#k-%" PRId64, m.doc_id, m.coding_id)
			 : m.doc_id  ? arena_printf(r->a, "/dokumente/%" PRId64 "?ok=memo#memos", m.doc_id)
				     : "?ok=memo#memos";
	resp_redirect(r, w, iv_path(r, p.id, to));
}
