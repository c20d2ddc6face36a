/* inbox.c — the contact inbox of the staff area. Contact messages are
 * personal data: every list view, read, change and deletion is audited,
 * and nothing is shown when the audit row cannot be written. A search for
 * the messages of one address (access and erasure requests) records their
 * number, never the address. */
#include "site/site.h"
#include "html/layout.h"
#include "site/staff_views.h"
#include "auth/auth.h"
#include "core/i18n.h"

#include <string.h>

static void refuse(struct req *r, struct resp *w, int rc)
{
	if (rc == ST_NOTFOUND)
		w->status = 404;
	else
		resp_store_failed(r, w);
	layout_error_page(r, w, w->status);
}

static int audit(struct req *r, const char *action, const char *object_id)
{
	const struct auth_user *u = auth_current(r);
	return audit_add(r->db, u->id, action, "contact_message", object_id, "ok");
}

void site_inbox_list(struct req *r, struct resp *w)
{
	static const struct {
		const char *key, *text;
	} notices[] = {
		{ "erledigt", N_("Die Nachricht ist als erledigt markiert.") },
		{ "offen", N_("Die Nachricht ist wieder offen.") },
		{ "geloescht", N_("Die Nachricht ist gelöscht.") },
	};
	struct form q;
	/* A bad filter in the address falls back to the default view. */
	form_validate(r, &r->query, inbox_query_fields, IQ__MAX, &q);
	const char *status = !q.err[IQ_STATUS] && q.val[IQ_STATUS] ? q.val[IQ_STATUS] : "new";
	long page = !q.err[IQ_PAGE] && q.val[IQ_PAGE] ? (long)q.num[IQ_PAGE] : 1;
	const char *filter = strcmp(status, "all") == 0 ? NULL : status;
	const char *notice = NULL;
	for (size_t i = 0; i < sizeof(notices) / sizeof(notices[0]); i++)
		if (!q.err[IQ_NOTICE] && q.val[IQ_NOTICE] && strcmp(q.val[IQ_NOTICE], notices[i].key) == 0)
			notice = T(r, notices[i].text);

	struct contact_row *rows;
	size_t n;
	long total = site_contact_count_status(r->db, filter);
	int rc = total < 0 ? ST_ERR
			   : site_contact_list(r->db, r->a, filter, (size_t)(page - 1) * INBOX_PAGE_SIZE,
					       INBOX_PAGE_SIZE, &rows, &n);
	if (rc == ST_OK)
		rc = audit(r, "contact_list", status);
	if (rc != ST_OK) {
		refuse(r, w, ST_ERR);
		return;
	}
	site_view_inbox_list(r, w, rows, n, status, page, total, notice);
}

/* The message named by params[0]: ST_NOTFOUND for malformed ids too. */
static int load(struct req *r, int64_t *id, struct contact_row *m)
{
	if (r->nparams < 1 || site_parse_id(r->params[0], id) != 0)
		return ST_NOTFOUND;
	return m ? site_contact_get(r->db, r->a, *id, m) : ST_OK;
}

/* Show message m, recording the read first. */
static void show(struct req *r, struct resp *w, const struct contact_row *m, const struct form *del)
{
	if (audit(r, "contact_read", arena_printf(r->a, "%lld", (long long)m->id)) != ST_OK) {
		refuse(r, w, ST_ERR);
		return;
	}
	site_view_inbox_show(r, w, m, del);
}

void site_inbox_show(struct req *r, struct resp *w)
{
	int64_t id;
	struct contact_row m;
	int rc = load(r, &id, &m);
	if (rc != ST_OK) {
		refuse(r, w, rc);
		return;
	}
	show(r, w, &m, NULL);
}

/* Set the status of message id (status NULL: delete it) and record it,
 * in one transaction. ST_NOTFOUND when there is no such message. */
static int change(struct req *r, int64_t id, const char *status, const char *action)
{
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc != ST_OK)
		goto out;
	rc = status ? site_contact_set_status(r->db, id, status) : site_contact_delete(r->db, id);
	if (rc != ST_OK)
		goto out;
	rc = audit(r, action, arena_printf(r->a, "%lld", (long long)id));
out:
	return store_tx_end(r->db, &tx, rc);
}

void site_inbox_status(struct req *r, struct resp *w)
{
	int64_t id;
	struct form f;
	int rc = load(r, &id, NULL);
	if (rc != ST_OK) {
		refuse(r, w, rc);
		return;
	}
	if (form_validate(r, &r->form, status_fields, SF__MAX, &f) != 0) {
		/* the value comes from a hidden field: only a tampered form gets here */
		w->status = 400;
		layout_error_page(r, w, 400);
		return;
	}
	int done = strcmp(f.val[SF_STATUS], "done") == 0;
	rc = change(r, id, f.val[SF_STATUS], done ? "contact_done" : "contact_reopen");
	if (rc != ST_OK) {
		refuse(r, w, rc);
		return;
	}
	resp_redirect(r, w, done ? "/intern/nachrichten?hinweis=erledigt" : "/intern/nachrichten?hinweis=offen");
}

void site_inbox_delete(struct req *r, struct resp *w)
{
	int64_t id;
	struct form f;
	int rc = load(r, &id, NULL);
	if (rc != ST_OK) {
		refuse(r, w, rc);
		return;
	}
	if (form_validate(r, &r->form, delete_fields, DF__MAX, &f) != 0) {
		/* not confirmed: the message again, with the question at the box */
		struct contact_row m;
		if ((rc = site_contact_get(r->db, r->a, id, &m)) != ST_OK) {
			refuse(r, w, rc);
			return;
		}
		w->status = 422;
		show(r, w, &m, &f);
		return;
	}
	rc = change(r, id, NULL, "contact_delete");
	if (rc != ST_OK) {
		refuse(r, w, rc);
		return;
	}
	resp_redirect(r, w, "/intern/nachrichten?hinweis=geloescht");
}

/* ---- all messages of one address (access and erasure requests) ---- */

void site_inbox_search_form(struct req *r, struct resp *w)
{
	struct form q;
	form_validate(r, &r->query, search_query_fields, XQ__MAX, &q);
	struct inbox_search v = { 0 };
	if (!q.err[XQ_DELETED] && q.val[XQ_DELETED])
		v.notice = i18n_fill(r->a, T(r, "Alle Nachrichten der Adresse sind gelöscht. Gelöschte Nachrichten: {1}"),
				     q.val[XQ_DELETED], NULL);
	site_view_inbox_search(r, w, &v);
}

/* Find and show the messages of email, recording the search (with their
 * number: the address itself stays out of the log). */
static void found(struct req *r, struct resp *w, struct inbox_search *v)
{
	struct contact_row *rows;
	size_t n;
	int rc = site_contact_by_email(r->db, r->a, v->email, &rows, &n);
	if (rc == ST_OK)
		rc = audit(r, "contact_search", arena_printf(r->a, "%zu", n));
	if (rc != ST_OK) {
		refuse(r, w, ST_ERR);
		return;
	}
	v->searched = 1;
	v->rows = rows;
	v->n = n;
	site_view_inbox_search(r, w, v);
}

void site_inbox_search(struct req *r, struct resp *w)
{
	struct form f;
	struct inbox_search v = { .f = &f };
	w->no_store = 1;
	if (form_validate(r, &r->form, search_fields, XF__MAX, &f) != 0) {
		w->status = 422;
		site_view_inbox_search(r, w, &v);
		return;
	}
	v.email = f.val[XF_EMAIL];
	found(r, w, &v);
}

void site_inbox_erase(struct req *r, struct resp *w)
{
	struct form f;
	w->no_store = 1;
	form_validate(r, &r->form, erase_fields, EF_ERASE__MAX, &f);
	if (f.err[EF_ERASE_EMAIL] || f.err[EF_ERASE_MAX_ID]) {
		/* hidden fields: only a tampered form gets here */
		w->status = 400;
		layout_error_page(r, w, 400);
		return;
	}
	if (f.err[EF_ERASE_CONFIRM]) {
		/* not confirmed: the messages again, with the question at the box */
		struct form s = { 0 };
		s.val[XF_EMAIL] = f.val[EF_ERASE_EMAIL];
		struct inbox_search v = { .f = &s, .email = f.val[EF_ERASE_EMAIL], .erase = &f };
		w->status = 422;
		found(r, w, &v);
		return;
	}
	long deleted = 0;
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = site_contact_delete_email(r->db, f.val[EF_ERASE_EMAIL], (int64_t)f.num[EF_ERASE_MAX_ID], &deleted);
	if (rc == ST_OK)
		rc = audit(r, "contact_erase", arena_printf(r->a, "%ld", deleted));
	rc = store_tx_end(r->db, &tx, rc);
	if (rc != ST_OK) {
		refuse(r, w, ST_ERR);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/nachrichten/suche?geloescht=%ld", deleted));
}
