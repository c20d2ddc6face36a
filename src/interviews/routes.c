/* routes.c — the handlers of projects and documents in the staff area
 * (/intern/interviews): the list of one's projects, a new project, a
 * project's page with its documents, codebook and members, adding a
 * document (upload or paste), a document's page (every read audited),
 * its variables and its deletion. Only members see a project: anyone
 * else gets the same 404 as for a project that does not exist. */
#include "interviews/iv_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const iv_kinds[] = { "interview", "expert", NULL };

const struct field iv_project_fields[PF__MAX] = {
	[PF_NAME] = { "name", FIELD_TEXT, FIELD_REQUIRED, IV_MAX_NAME, 0, 0, NULL },
	[PF_DESC] = { "description", FIELD_MULTILINE, 0, 4000, 0, 0, NULL },
};
const struct field iv_member_fields[MF__MAX] = {
	[MF_EMAIL] = { "email", FIELD_EMAIL, FIELD_REQUIRED, 200, 0, 0, NULL },
};
const struct field iv_doc_fields[DF__MAX] = {
	[DF_NAME] = { "name", FIELD_TEXT, FIELD_REQUIRED, IV_MAX_NAME, 0, 0, NULL },
	[DF_KIND] = { "kind", FIELD_CHOICE, FIELD_REQUIRED, 20, 0, 0, iv_kinds },
	[DF_TEXT] = { "text", FIELD_MULTILINE, 0, IV_MAX_TEXT, 0, 0, NULL },
	[DF_DATE] = { "talk_date", FIELD_TEXT, 0, 10, 0, 0, NULL },
	[DF_PARTICIPANTS] = { "participants", FIELD_MULTILINE, 0, 2000, 0, 0, NULL },
	[DF_TOPIC] = { "topic", FIELD_TEXT, 0, 300, 0, 0, NULL },
};
#define VAR_FIELD(i) \
	[VF_NAME1 + i] = { "var_name_" #i, FIELD_TEXT, 0, 60, 0, 0, NULL }, \
	[VF_VALUE1 + i] = { "var_value_" #i, FIELD_TEXT, 0, 200, 0, 0, NULL }
const struct field iv_var_fields[VF__MAX] = {
	VAR_FIELD(0), VAR_FIELD(1), VAR_FIELD(2), VAR_FIELD(3), VAR_FIELD(4), VAR_FIELD(5), VAR_FIELD(6), VAR_FIELD(7),
};

int64_t iv_param_id(const char *s)
{
	if (!s)
		return -1;
	size_t n = strspn(s, "0123456789");
	if (n == 0 || n > 15 || s[n] || s[0] == '0')
		return -1;
	return strtoll(s, NULL, 10);
}

const char *iv_id(struct req *r, int64_t id)
{
	return arena_printf(r->a, "%" PRId64, id);
}

const char *iv_path(struct req *r, int64_t project_id, const char *more)
{
	return arena_printf(r->a, "/intern/interviews/%" PRId64 "%s", project_id, more ? more : "");
}

static int64_t user_id(const struct req *r)
{
	const struct auth_user *u = auth_current(r);
	return u ? u->id : -1;
}

int iv_req_project(struct req *r, struct resp *w, struct iv_project *p)
{
	int64_t id = iv_param_id(r->params[0]);
	int64_t uid = user_id(r);
	int rc = id > 0 && uid > 0 ? iv_project_get(r->db, r->a, id, uid, p) : ST_NOTFOUND;
	if (rc == ST_NOTFOUND)
		layout_staff_not_found(r, w);
	else if (rc != ST_OK)
		layout_staff_failed(r, w);
	return rc == ST_OK ? 0 : -1;
}

int iv_req_doc(struct req *r, struct resp *w, const struct iv_project *p, int body, struct iv_doc *d)
{
	int64_t id = iv_param_id(r->params[1]);
	int rc = id > 0 ? iv_doc_get(r->db, r->a, p->id, id, body, d) : ST_NOTFOUND;
	if (rc == ST_NOTFOUND)
		layout_staff_not_found(r, w);
	else if (rc != ST_OK)
		layout_staff_failed(r, w);
	return rc == ST_OK ? 0 : -1;
}

int iv_req_coder(struct req *r, struct resp *w, const struct iv_project *p, int64_t *coder)
{
	if (iv_coder_of(r->db, p->id, user_id(r), coder) != ST_OK) {
		layout_staff_failed(r, w);
		return -1;
	}
	return 0;
}

static void list_page(struct req *r, struct resp *w, struct iv_list_view *v)
{
	struct iv_project *p;
	if (iv_projects(r->db, r->a, user_id(r), &p, &v->n) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	v->projects = p;
	iv_view_projects(r, w, v);
}

void iv_project_list(struct req *r, struct resp *w)
{
	struct iv_list_view v = { 0 };
	list_page(r, w, &v);
}

void iv_project_new(struct req *r, struct resp *w)
{
	struct form f;
	if (form_validate(r, &r->form, iv_project_fields, PF__MAX, &f) > 0) {
		w->status = 422;
		struct iv_list_view v = { .f = &f };
		list_page(r, w, &v);
		return;
	}
	int64_t id;
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = iv_project_create(r->db, f.val[PF_NAME], f.val[PF_DESC], NULL, user_id(r), &id);
	if (rc == ST_OK)
		rc = audit_add_req(r, "iv_project_create", "iv_project", iv_id(r, id), "ok", NULL);
	if (store_tx_end(r->db, &tx, rc) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, iv_path(r, id, NULL));
}

/* The project's page (code_form, member_form: a form with errors). */
static void project_page(struct req *r, struct resp *w, const struct iv_project *p, const struct form *code_form,
			 const struct form *member_form, const char *notice)
{
	struct iv_project_view v = { .p = p, .code_form = code_form, .member_form = member_form, .notice = notice };
	struct iv_doc *docs;
	struct iv_code *codes;
	struct iv_member *members;
	struct iv_memo *memos;
	struct iv_case *cases;
	if (iv_docs(r->db, r->a, p->id, &docs, &v.ndocs) != ST_OK ||
	    iv_codes(r->db, r->a, p->id, &codes, &v.ncodes) != ST_OK ||
	    iv_members(r->db, r->a, p->id, &members, &v.nmembers) != ST_OK ||
	    iv_memos(r->db, r->a, p->id, &memos, &v.nmemos) != ST_OK ||
	    iv_cases(r->db, r->a, p->id, &cases, &v.ncases) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	v.docs = docs;
	v.codes = codes;
	v.members = members;
	v.memos = memos;
	v.cases = cases;
	iv_view_project(r, w, &v);
}

void iv_project_page(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	const char *n = kv_get(&r->query, "ok");
	const char *notice = !n ? NULL
			     : strcmp(n, "code") == 0 ? T(r, "Der Code ist gespeichert.")
			     : strcmp(n, "member") == 0 ? T(r, "Das Mitglied ist hinzugefügt.")
			     : strcmp(n, "deleted") == 0 ? T(r, "Das Dokument ist gelöscht: sein Text, seine Kodierungen und "
							       "sein Eintrag im Suchindex.")
			     : strcmp(n, "merged") == 0 ? T(r, "Die Codes sind zusammengeführt.")
			     : strcmp(n, "memo") == 0 ? T(r, "Das Memo ist gespeichert.")
			     : strcmp(n, "codememo") == 0 ? T(r, "Das Memo des Codes ist gespeichert.")
			     : strcmp(n, "codememo-deleted") == 0 ? T(r, "Das Memo des Codes ist gelöscht.")
			     : strcmp(n, "event") == 0 ? T(r, "Die Veranstaltung ist gespeichert.")
							: NULL;
	project_page(r, w, &p, NULL, NULL, notice);
}

/* The stylesheet of a codebook's colours: ".iv-c-ID" for each code (the
 * CSP allows no inline styles); a colour is "#rrggbb" (iv_color_valid). */
static void colors_css(struct resp *w, const struct iv_code *codes, size_t n)
{
	w->content_type = "text/css; charset=utf-8";
	w->no_store = 1;
	for (size_t i = 0; i < n; i++) {
		const char *c = iv_color_valid(codes[i].color) ? codes[i].color : "#ffd866";
		unsigned long rgb = strtoul(c + 1, NULL, 16);
		/* black or white text, whichever contrasts more (WCAG: one of
		 * them reaches 4.58:1 on any colour) */
		double l = 0;
		static const double weight[3] = { 0.2126, 0.7152, 0.0722 };
		for (int k = 0; k < 3; k++) {
			double v = (double)((rgb >> (16 - 8 * k)) & 255) / 255.0;
			l += weight[k] * (v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4));
		}
		int dark = (l + 0.05) / 0.05 >= 1.05 / (l + 0.05);
		buf_printf(&w->body, ".iv-c-%" PRId64 "{background-color:%s;color:%s}\n", codes[i].id, c,
			   dark ? "#000" : "#fff");
	}
}

void iv_project_colors(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	struct iv_code *codes;
	size_t n;
	if (iv_codes(r->db, r->a, p.id, &codes, &n) != ST_OK) {
		w->status = resp_store_failed(r, w);
		return;
	}
	colors_css(w, codes, n);
}

void iv_project_member(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	struct form f;
	if (form_validate(r, &r->form, iv_member_fields, MF__MAX, &f) == 0) {
		int64_t uid;
		struct store_tx tx;
		int rc = store_tx_begin(r->db, &tx);
		if (rc == ST_OK)
			rc = iv_member_add(r->db, p.id, f.val[MF_EMAIL], &uid);
		if (rc == ST_OK)
			rc = audit_add_req(r, "iv_member_add", "iv_project", iv_id(r, p.id), "ok", iv_id(r, uid));
		rc = store_tx_end(r->db, &tx, rc);
		if (rc == ST_OK) {
			resp_redirect(r, w, iv_path(r, p.id, "?ok=member#mitglieder"));
			return;
		}
		if (rc == ST_NOTFOUND) {
			f.err[MF_EMAIL] = N_("Unter dieser Adresse gibt es kein Konto mit der Rolle Forschung.");
		} else if (rc == ST_CONFLICT) {
			f.err[MF_EMAIL] = N_("Diese Person ist schon Mitglied.");
		} else {
			layout_staff_failed(r, w);
			return;
		}
		f.nerr++;
	}
	w->status = 422;
	project_page(r, w, &p, NULL, &f, NULL);
}

void iv_doc_new_form(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	iv_view_doc_new(r, w, &p, NULL, NULL);
}

/* The uploaded file of the form, or NULL (none sent, or empty). */
static const struct kv *upload(struct req *r)
{
	for (size_t i = 0; i < r->form.n; i++)
		if (strcmp(r->form.items[i].key, "file") == 0 && r->form.items[i].len > 0)
			return &r->form.items[i];
	return NULL;
}

void iv_doc_upload(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	struct form f;
	form_validate(r, &r->form, iv_doc_fields, DF__MAX, &f);
	const struct kv *file = upload(r);
	const char *file_err = NULL;
	char *text = NULL;
	size_t tlen = 0;
	if (file && f.val[DF_TEXT]) {
		file_err = N_("Bitte entweder eine Datei hochladen oder Text einfügen, nicht beides.");
	} else if (file) {
		if (iv_read_document(r->a, file->val, file->len, &text, &tlen, &file_err) != ST_OK)
			text = NULL;
	} else if (f.val[DF_TEXT]) {
		/* the pasted text as the browser sent it (with its CRLF line ends) */
		text = (char *)f.val[DF_TEXT];
		tlen = strlen(text);
	} else {
		file_err = N_("Bitte eine Datei hochladen oder den Text einfügen.");
	}
	if (text && tlen == 0)
		file_err = N_("Das Dokument enthält keinen Text.");
	const char *date = f.val[DF_DATE];
	if (date && !f.err[DF_DATE] &&
	    (strlen(date) != 10 || date[4] != '-' || date[7] != '-' || strspn(date, "0123456789-") != 10)) {
		f.err[DF_DATE] = N_("Bitte das Datum wie 2027-05-12 angeben.");
		f.nerr++;
	}
	if (f.nerr || file_err) {
		w->status = 422;
		iv_view_doc_new(r, w, &p, &f, file_err);
		return;
	}
	struct iv_doc d = { .project_id = p.id, .name = f.val[DF_NAME], .kind = f.val[DF_KIND], .body = text,
			    .talk_date = f.val[DF_DATE], .participants = f.val[DF_PARTICIPANTS],
			    .topic = f.val[DF_TOPIC] };
	int64_t id;
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = iv_doc_add(r->db, &d, &id);
	if (rc == ST_OK)
		rc = audit_add_req(r, "iv_doc_add", "iv_document", iv_id(r, id), "ok",
				   arena_printf(r->a, "project %" PRId64 ", %zu bytes", p.id, tlen));
	if (store_tx_end(r->db, &tx, rc) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, iv_path(r, p.id, arena_printf(r->a, "/dokumente/%" PRId64, id)));
}

/* The document's page; every read audited. */
static void doc_page(struct req *r, struct resp *w, const struct iv_project *p, const struct iv_doc *d,
		     const char *notice, const char *problem)
{
	struct iv_event_choice ec;
	struct iv_doc_view v = { .p = p, .d = d, .notice = notice, .problem = problem, .events = &ec };
	struct iv_para *paras;
	struct iv_coding *codings;
	struct iv_code *codes;
	struct iv_var *vars;
	struct iv_memo *memos;
	struct iv_case *cases;
	if (iv_doc_cases(r->db, r->a, d->id, &cases, &v.ncases) != ST_OK ||
	    iv_paras(r->db, r->a, d->id, &paras, &v.nparas) != ST_OK ||
	    iv_codings_doc(r->db, r->a, d->id, &codings, &v.ncodings) != ST_OK ||
	    iv_codes(r->db, r->a, p->id, &codes, &v.ncodes) != ST_OK ||
	    iv_doc_vars(r->db, r->a, d->id, &vars, &v.nvars) != ST_OK ||
	    iv_memos(r->db, r->a, p->id, &memos, &v.nmemos) != ST_OK || iv_event_choice_load(r, d, &ec) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	if (audit_add_req(r, "iv_doc_read", "iv_document", iv_id(r, d->id), "ok", NULL) != ST_OK) {
		/* no read without its audit row */
		layout_staff_failed(r, w);
		return;
	}
	v.paras = paras;
	v.codings = codings;
	v.codes = codes;
	v.vars = vars;
	v.memos = memos;
	v.cases = cases;
	iv_view_doc(r, w, &v);
}

void iv_doc_show(struct req *r, struct resp *w, const struct iv_project *p, const struct iv_doc *d,
		 const char *notice, const char *problem)
{
	doc_page(r, w, p, d, notice, problem);
}

void iv_doc_page(struct req *r, struct resp *w)
{
	struct iv_project p;
	struct iv_doc d;
	if (iv_req_project(r, w, &p) != 0 || iv_req_doc(r, w, &p, 0, &d) != 0)
		return;
	const char *n = kv_get(&r->query, "ok");
	const char *notice = !n ? NULL
			     : strcmp(n, "coded") == 0 ? T(r, "Die Kodierung ist gespeichert.")
			     : strcmp(n, "uncoded") == 0 ? T(r, "Die Kodierung ist entfernt.")
			     : strcmp(n, "vars") == 0 ? T(r, "Die Variablen sind gespeichert.")
			     : strcmp(n, "memo") == 0 ? T(r, "Das Memo ist gespeichert.")
			     : strcmp(n, "event") == 0 ? T(r, "Die Veranstaltung ist gespeichert.")
							: NULL;
	doc_page(r, w, &p, &d, notice, NULL);
}

void iv_doc_remove(struct req *r, struct resp *w)
{
	struct iv_project p;
	struct iv_doc d;
	if (iv_req_project(r, w, &p) != 0 || iv_req_doc(r, w, &p, 0, &d) != 0)
		return;
	int rc = iv_doc_delete(r->db, p.id, d.id);
	audit_add_req(r, "iv_doc_delete", "iv_document", iv_id(r, d.id), rc == ST_OK ? "ok" : "failed", NULL);
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, iv_path(r, p.id, "?ok=deleted"));
}

int iv_vars_replace(struct store *s, const struct form *f, int64_t id, const struct iv_var *old, size_t nold,
		    int (*set)(struct store *s, int64_t id, const char *name, const char *value))
{
	int rc = ST_OK;
	/* the form holds every variable: one left empty is removed */
	for (size_t i = 0; rc == ST_OK && i < nold; i++)
		rc = set(s, id, old[i].name, NULL);
	for (int i = 0; rc == ST_OK && i < IV_VAR_SLOTS; i++)
		if (f->val[VF_NAME1 + i])
			rc = set(s, id, f->val[VF_NAME1 + i], f->val[VF_VALUE1 + i]);
	return rc;
}

void iv_doc_vars_save(struct req *r, struct resp *w)
{
	struct iv_project p;
	struct iv_doc d;
	if (iv_req_project(r, w, &p) != 0 || iv_req_doc(r, w, &p, 0, &d) != 0)
		return;
	struct form f;
	if (form_validate(r, &r->form, iv_var_fields, VF__MAX, &f) > 0) {
		w->status = 422;
		doc_page(r, w, &p, &d, NULL, T(r, "Bitte prüfen Sie die Variablen: Namen bis 60, Werte bis 200 Zeichen."));
		return;
	}
	struct iv_var *old;
	size_t nold;
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = iv_doc_vars(r->db, r->a, d.id, &old, &nold);
	if (rc == ST_OK)
		rc = iv_vars_replace(r->db, &f, d.id, old, nold, iv_doc_var_set);
	if (rc == ST_OK)
		rc = audit_add_req(r, "iv_doc_vars", "iv_document", iv_id(r, d.id), "ok", NULL);
	if (store_tx_end(r->db, &tx, rc) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, iv_path(r, p.id, arena_printf(r->a, "/dokumente/%" PRId64 "?ok=vars#variablen", d.id)));
}
