/* editor.c — the committee editors of the staff area (/intern/gremien,
 * editors): bodies, their meetings, agenda items, papers, consultations
 * and file uploads. Every change and its audit row are one transaction;
 * a refused form comes back with its errors and what was typed. */
#include "policy/editor_internal.h"
#include "policy/policy_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"
#include "http/server.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const kinds_choices[] = { "Vorlage", "Antrag", "Anfrage", "Stellungnahme", NULL };

const struct field pol_body_fields[BF__MAX] = {
	[BF_NAME] = { "name", FIELD_TEXT, FIELD_REQUIRED, 200, 0, 0, NULL },
	[BF_SHORT] = { "kurzname", FIELD_TEXT, 0, 40, 0, 0, NULL },
	[BF_KIND] = { "art", FIELD_TEXT, 0, 80, 0, 0, NULL },
	[BF_DESCRIPTION] = { "beschreibung", FIELD_MULTILINE, 0, 4000, 0, 0, NULL },
};
const struct field pol_meeting_fields[MF__MAX] = {
	[MF_NAME] = { "name", FIELD_TEXT, FIELD_REQUIRED, 200, 0, 0, NULL },
	[MF_DATE] = { "datum", FIELD_TEXT, FIELD_REQUIRED, 10, 0, 0, NULL },
	[MF_TIME] = { "uhrzeit", FIELD_TEXT, FIELD_REQUIRED, 5, 0, 0, NULL },
	[MF_PLACE] = { "ort", FIELD_TEXT, 0, 200, 0, 0, NULL },
	[MF_STATE] = { "stand", FIELD_CHOICE, FIELD_REQUIRED, 20, 0, 0, pol_meeting_states },
};
const struct field pol_item_fields[IF__MAX] = {
	[IF_NUMBER] = { "nummer", FIELD_TEXT, 0, 20, 0, 0, NULL },
	[IF_NAME] = { "name", FIELD_TEXT, FIELD_REQUIRED, 300, 0, 0, NULL },
	[IF_PUBLIC] = { "oeffentlich", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
	[IF_RESULT] = { "ergebnis", FIELD_TEXT, 0, 500, 0, 0, NULL },
};
const struct field pol_paper_fields[PF__MAX] = {
	[PF_REFERENCE] = { "nummer", FIELD_TEXT, 0, 40, 0, 0, NULL },
	[PF_NAME] = { "titel", FIELD_TEXT, FIELD_REQUIRED, 300, 0, 0, NULL },
	[PF_DATE] = { "datum", FIELD_TEXT, 0, 10, 0, 0, NULL },
	[PF_KIND] = { "art", FIELD_CHOICE, FIELD_REQUIRED, 20, 0, 0, kinds_choices },
	[PF_ORIGINATOR] = { "von", FIELD_TEXT, 0, 200, 0, 0, NULL },
	[PF_SUMMARY] = { "zusammenfassung", FIELD_MULTILINE, 0, 8000, 0, 0, NULL },
	[PF_PUBLIC] = { "oeffentlich", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
};
const struct field pol_cons_fields[CF__MAX] = {
	[CF_PAPER] = { "vorlage", FIELD_INT, FIELD_REQUIRED, 15, 1, 999999999999999LL, NULL },
	[CF_ITEM] = { "punkt", FIELD_INT, 0, 15, 1, 999999999999999LL, NULL },
	[CF_PURPOSE] = { "zweck", FIELD_CHOICE, FIELD_REQUIRED, 20, 0, 0, pol_purposes },
	[CF_RESULT] = { "ergebnis", FIELD_TEXT, 0, 500, 0, 0, NULL },
};
const struct field pol_file_fields[FF__MAX] = {
	[FF_NAME] = { "name", FIELD_TEXT, FIELD_REQUIRED, 200, 0, 0, NULL },
	[FF_ROLE] = { "rolle", FIELD_CHOICE, FIELD_REQUIRED, 20, 0, 0, pol_file_roles },
	[FF_PUBLIC] = { "oeffentlich", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
};

/* ---- local time of Mainz ---- */

int pol_local_to_utc(const char *date, const char *time_, char out[21])
{
	if (!pol_is_date(date) || strlen(time_) != 5 || time_[2] != ':')
		return -1;
	char iso[32];
	snprintf(iso, sizeof(iso), "%sT%s", date, time_);
	if (!pol_is_datetime(iso))
		return -1;
	struct tm tm = { 0 };
	tm.tm_year = atoi(date) - 1900;
	tm.tm_mon = atoi(date + 5) - 1;
	tm.tm_mday = atoi(date + 8);
	tm.tm_hour = atoi(time_);
	tm.tm_min = atoi(time_ + 3);
	time_t local = timegm(&tm);
	time_t t = local - 3600;
	if (layout_summer_time(t - 3600))
		t = local - 7200;
	struct tm u;
	gmtime_r(&t, &u);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &u);
	return 0;
}

void pol_utc_to_local(const char *iso, char date[11], char time_[6])
{
	date[0] = time_[0] = 0;
	if (!pol_is_datetime(iso))
		return;
	struct tm tm = { 0 };
	tm.tm_year = atoi(iso) - 1900;
	tm.tm_mon = atoi(iso + 5) - 1;
	tm.tm_mday = atoi(iso + 8);
	tm.tm_hour = atoi(iso + 11);
	tm.tm_min = atoi(iso + 14);
	time_t t = timegm(&tm);
	t += layout_summer_time(t) ? 7200 : 3600;
	struct tm l;
	gmtime_r(&t, &l);
	strftime(date, 11, "%Y-%m-%d", &l);
	strftime(time_, 6, "%H:%M", &l);
}

/* ---- helpers ---- */

static void failed(struct req *r, struct resp *w, int rc)
{
	if (rc == ST_NOTFOUND)
		layout_staff_not_found(r, w);
	else
		layout_staff_failed(r, w);
}

/* Run the write done by fn(r, arg, &id) and its audit row (action on
 * object type kind) as one transaction. */
static int audited(struct req *r, const char *action, const char *kind, int (*fn)(struct req *, const void *, int64_t *),
		   const void *arg, int64_t *id)
{
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = fn(r, arg, id);
	if (rc == ST_OK)
		rc = audit_add_req(r, action, kind, arena_printf(r->a, "%" PRId64, *id), "ok", NULL);
	return store_tx_end(r->db, &tx, rc);
}

static int do_body(struct req *r, const void *b, int64_t *id)
{
	return pol_body_save(r->db, b, id);
}
static int do_meeting(struct req *r, const void *m, int64_t *id)
{
	return pol_meeting_save(r->db, m, id);
}
static int do_item(struct req *r, const void *it, int64_t *id)
{
	return pol_item_add(r->db, it, id);
}
static int do_paper(struct req *r, const void *p, int64_t *id)
{
	return pol_paper_save(r->db, p, id);
}
static int do_cons(struct req *r, const void *c, int64_t *id)
{
	return pol_consultation_add(r->db, c, id);
}

/* ---- the overview: bodies and papers ---- */

static void home(struct req *r, struct resp *w, const struct form *bf, const struct form *pf, const char *notice)
{
	struct pol_editor_home p = { .bf = bf, .pf = pf, .notice = notice };
	int rc = pol_body_list(r->db, r->a, &p.bodies, &p.nbodies);
	if (rc == ST_OK)
		rc = pol_paper_list(r->db, r->a, 0, &p.papers, &p.npapers);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	pol_editor_view_home(r, w, &p);
}

void pol_editor_home(struct req *r, struct resp *w)
{
	const char *n = kv_get(&r->query, "gespeichert");
	home(r, w, NULL, NULL, n ? T(r, "Gespeichert.") : NULL);
}

static struct pol_body body_of(const struct form *f, int64_t id)
{
	return (struct pol_body){ .id = id, .name = f->val[BF_NAME], .short_name = f->val[BF_SHORT],
				  .kind = f->val[BF_KIND], .description = f->val[BF_DESCRIPTION] };
}

void pol_editor_body_create(struct req *r, struct resp *w)
{
	struct form f;
	form_validate(r, &r->form, pol_body_fields, BF__MAX, &f);
	if (f.nerr) {
		w->status = 422;
		home(r, w, &f, NULL, NULL);
		return;
	}
	struct pol_body b = body_of(&f, 0);
	int64_t id;
	int rc = audited(r, "policy.body.create", "pol_body", do_body, &b, &id);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/gremien/%" PRId64 "?gespeichert=1", id));
}

/* ---- a body and its meetings ---- */

void pol_editor_body_page(struct req *r, struct resp *w, int64_t id, const struct pol_body_forms *forms,
			  const char *notice)
{
	struct pol_editor_body p = { .notice = notice };
	if (forms)
		p.forms = *forms;
	int rc = id ? pol_body_get(r->db, r->a, id, &p.body) : ST_NOTFOUND;
	if (rc == ST_OK)
		rc = pol_body_meetings(r->db, r->a, id, &p.meetings, &p.nmeetings);
	if (rc == ST_OK)
		rc = pol_body_members(r->db, r->a, id, &p.members, &p.nmembers);
	if (rc == ST_OK)
		rc = pol_person_list(r->db, r->a, &p.persons, &p.npersons);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	pol_editor_view_body(r, w, &p);
}

void pol_editor_body(struct req *r, struct resp *w)
{
	int64_t id = pol_param_id(r->params[0]);
	if (r->method == HTTP_POST) {
		struct form f;
		form_validate(r, &r->form, pol_body_fields, BF__MAX, &f);
		if (f.nerr) {
			w->status = 422;
			pol_editor_body_page(r, w, id, &(struct pol_body_forms){ .bf = &f }, NULL);
			return;
		}
		struct pol_body b = body_of(&f, id);
		int64_t out = id;
		int rc = id ? audited(r, "policy.body.update", "pol_body", do_body, &b, &out) : ST_NOTFOUND;
		if (rc != ST_OK) {
			failed(r, w, rc);
			return;
		}
		resp_redirect(r, w, arena_printf(r->a, "/intern/gremien/%" PRId64 "?gespeichert=1", id));
		return;
	}
	pol_editor_body_page(r, w, id, NULL, kv_get(&r->query, "gespeichert") ? T(r, "Gespeichert.") : NULL);
}

/* The meeting of a form, or -1 with the field's error set. */
static int meeting_of(struct req *r, struct form *f, int64_t id, int64_t body_id, struct pol_meeting *m)
{
	char start[21];
	if (!f->nerr && pol_local_to_utc(f->val[MF_DATE], f->val[MF_TIME], start) != 0) {
		f->err[pol_is_date(f->val[MF_DATE]) ? MF_TIME : MF_DATE] =
			N_("Bitte Datum als JJJJ-MM-TT und Uhrzeit als HH:MM angeben, z. B. 2027-03-15 und 17:00.");
		f->nerr++;
	}
	if (f->nerr)
		return -1;
	*m = (struct pol_meeting){ .id = id, .body_id = body_id, .name = f->val[MF_NAME],
				   .start_at = arena_strdup(r->a, start), .place = f->val[MF_PLACE],
				   .state = f->val[MF_STATE] };
	return 0;
}

void pol_editor_meeting_create(struct req *r, struct resp *w)
{
	int64_t body = pol_param_id(r->params[0]);
	struct form f;
	struct pol_meeting m;
	form_validate(r, &r->form, pol_meeting_fields, MF__MAX, &f);
	if (meeting_of(r, &f, 0, body, &m) != 0) {
		w->status = 422;
		pol_editor_body_page(r, w, body, &(struct pol_body_forms){ .mf = &f }, NULL);
		return;
	}
	struct pol_body b;
	int64_t id;
	int rc = body ? pol_body_get(r->db, r->a, body, &b) : ST_NOTFOUND;
	if (rc == ST_OK)
		rc = audited(r, "policy.meeting.create", "pol_meeting", do_meeting, &m, &id);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/sitzungen/%" PRId64 "?gespeichert=1", id));
}

/* ---- a meeting: its data, agenda, consultations, files ---- */

void pol_editor_meeting_page(struct req *r, struct resp *w, int64_t id, const struct pol_meeting_forms *mfs,
			     const char *notice)
{
	struct pol_editor_meeting p = { .notice = notice };
	if (mfs)
		p.forms = *mfs;
	int rc = id ? pol_meeting_get(r->db, r->a, id, &p.meeting) : ST_NOTFOUND;
	if (rc == ST_OK)
		rc = pol_meeting_items(r->db, r->a, id, 0, &p.items, &p.nitems);
	if (rc == ST_OK)
		rc = pol_meeting_consultations(r->db, r->a, id, 0, &p.cons, &p.ncons);
	if (rc == ST_OK)
		rc = pol_files_of(r->db, r->a, id, 0, 0, 0, &p.files, &p.nfiles);
	if (rc == ST_OK)
		rc = pol_paper_list(r->db, r->a, 0, &p.papers, &p.npapers);
	if (rc == ST_OK)
		rc = pol_meeting_actions(r->db, r->a, id, &p.actions, &p.nactions);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	pol_editor_view_meeting(r, w, &p);
}

static const char *saved_path(struct req *r, int64_t id, const char *anchor)
{
	return arena_printf(r->a, "/intern/sitzungen/%" PRId64 "?gespeichert=1%s", id, anchor);
}

void pol_editor_meeting(struct req *r, struct resp *w)
{
	int64_t id = pol_param_id(r->params[0]);
	if (r->method != HTTP_POST) {
		pol_editor_meeting_page(r, w, id, NULL, kv_get(&r->query, "gespeichert") ? T(r, "Gespeichert.") : NULL);
		return;
	}
	struct pol_meeting old;
	int rc = id ? pol_meeting_get(r->db, r->a, id, &old) : ST_NOTFOUND;
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	struct form f;
	struct pol_meeting m;
	form_validate(r, &r->form, pol_meeting_fields, MF__MAX, &f);
	if (meeting_of(r, &f, id, old.body_id, &m) != 0) {
		w->status = 422;
		pol_editor_meeting_page(r, w, id, &(struct pol_meeting_forms){ .mf = &f }, NULL);
		return;
	}
	m.end_at = old.end_at;
	int64_t out = id;
	rc = audited(r, "policy.meeting.update", "pol_meeting", do_meeting, &m, &out);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, saved_path(r, id, ""));
}

void pol_editor_item_create(struct req *r, struct resp *w)
{
	int64_t id = pol_param_id(r->params[0]);
	struct form f;
	form_validate(r, &r->form, pol_item_fields, IF__MAX, &f);
	struct pol_meeting m;
	struct pol_item *items;
	size_t n;
	int rc = id ? pol_meeting_get(r->db, r->a, id, &m) : ST_NOTFOUND;
	if (rc == ST_OK)
		rc = pol_meeting_items(r->db, r->a, id, 0, &items, &n);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	if (f.nerr) {
		w->status = 422;
		pol_editor_meeting_page(r, w, id, &(struct pol_meeting_forms){ .itf = &f }, NULL);
		return;
	}
	struct pol_item it = { .meeting_id = id, .number = f.val[IF_NUMBER], .name = f.val[IF_NAME],
			       .public = f.val[IF_PUBLIC] != NULL, .result = f.val[IF_RESULT],
			       .position = n ? items[n - 1].position + 1 : 1 };
	int64_t iid;
	rc = audited(r, "policy.item.create", "pol_item", do_item, &it, &iid);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, saved_path(r, id, "#tagesordnung"));
}

void pol_editor_consultation_create(struct req *r, struct resp *w)
{
	int64_t id = pol_param_id(r->params[0]);
	struct form f;
	form_validate(r, &r->form, pol_cons_fields, CF__MAX, &f);
	struct pol_meeting m;
	int rc = id ? pol_meeting_get(r->db, r->a, id, &m) : ST_NOTFOUND;
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	struct pol_paper p;
	if (!f.nerr && pol_paper_get(r->db, r->a, (int64_t)f.num[CF_PAPER], 0, &p) != ST_OK) {
		f.err[CF_PAPER] = N_("Bitte eine Vorlage aus der Liste wählen.");
		f.nerr++;
	}
	if (!f.nerr && f.val[CF_ITEM]) {
		/* the item must belong to this meeting */
		struct pol_item *items;
		size_t n, k;
		if (pol_meeting_items(r->db, r->a, id, 0, &items, &n) != ST_OK) {
			failed(r, w, ST_ERR);
			return;
		}
		for (k = 0; k < n && items[k].id != (int64_t)f.num[CF_ITEM]; k++)
			;
		if (k == n) {
			f.err[CF_ITEM] = N_("Bitte einen Punkt dieser Sitzung wählen.");
			f.nerr++;
		}
	}
	if (f.nerr) {
		w->status = 422;
		pol_editor_meeting_page(r, w, id, &(struct pol_meeting_forms){ .cf = &f }, NULL);
		return;
	}
	struct pol_consultation c = { .paper_id = (int64_t)f.num[CF_PAPER], .meeting_id = id,
				      .item_id = f.val[CF_ITEM] ? (int64_t)f.num[CF_ITEM] : 0, .body_id = m.body_id,
				      .purpose = f.val[CF_PURPOSE], .result = f.val[CF_RESULT] };
	int64_t cid;
	rc = audited(r, "policy.consultation.create", "pol_consultation", do_cons, &c, &cid);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, saved_path(r, id, "#beratungen"));
}

/* Is the upload a PDF (its first bytes)? */
static int is_pdf(const struct kv *f)
{
	return f->len >= 5 && memcmp(f->val, "%PDF-", 5) == 0;
}

const struct kv *pol_editor_upload(struct req *r, int required, const char **problem, const char **fname)
{
	const struct kv *file = NULL;
	for (size_t i = 0; i < r->form.n && !file; i++)
		if (strcmp(r->form.items[i].key, "datei") == 0)
			file = &r->form.items[i];
	*problem = NULL;
	*fname = NULL;
	if (!file || file->len == 0) {
		if (required)
			*problem = N_("Bitte eine PDF-Datei auswählen.");
		return NULL;
	}
	if (kv_count(&r->form, "datei") > 1)
		*problem = N_("Bitte genau eine Datei hochladen.");
	else if (!is_pdf(file))
		*problem = N_("Die Datei ist kein PDF. Bitte eine PDF-Datei hochladen.");
	if (*problem)
		return NULL;
	/* the name it is served under: the browser's name without a folder, or "datei.pdf" */
	const char *n = file->filename ? file->filename : "";
	for (const char *p = n; *p; p++)
		if (*p == '/' || *p == '\\')
			n = p + 1;
	*fname = *n ? n : "datei.pdf";
	return file;
}

void pol_editor_file_upload(struct req *r, struct resp *w)
{
	int64_t id = pol_param_id(r->params[0]);
	struct form f;
	form_validate(r, &r->form, pol_file_fields, FF__MAX, &f);
	struct pol_meeting m;
	int rc = id ? pol_meeting_get(r->db, r->a, id, &m) : ST_NOTFOUND;
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	const char *problem, *fname;
	const struct kv *file = pol_editor_upload(r, 1, &problem, &fname);
	if (f.nerr || problem) {
		w->status = 422;
		pol_editor_meeting_page(r, w, id, &(struct pol_meeting_forms){ .ff = &f, .file_problem = problem }, NULL);
		return;
	}
	char date[11], tm_[6], now[21];
	pol_now(now);
	pol_utc_to_local(now, date, tm_);
	struct pol_file pf = { .name = f.val[FF_NAME], .file_name = fname,
			       .mime_type = "application/pdf", .role = f.val[FF_ROLE], .meeting_id = id,
			       .public = f.val[FF_PUBLIC] != NULL, .date = date };
	struct store_tx tx;
	int64_t fid = 0;
	rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = pol_file_add(r->db, &pf, file->val, file->len, &fid);
	if (rc == ST_OK)
		rc = audit_add_req(r, "policy.file.upload", "pol_file", arena_printf(r->a, "%" PRId64, fid), "ok",
				   arena_printf(r->a, "%zu bytes", file->len));
	rc = store_tx_end(r->db, &tx, rc);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, saved_path(r, id, "#dateien"));
}

/* ---- papers ---- */

void pol_editor_paper_create(struct req *r, struct resp *w)
{
	struct form f;
	form_validate(r, &r->form, pol_paper_fields, PF__MAX, &f);
	if (!f.nerr && f.val[PF_DATE] && !pol_is_date(f.val[PF_DATE])) {
		f.err[PF_DATE] = N_("Bitte das Datum als JJJJ-MM-TT angeben, z. B. 2027-03-15.");
		f.nerr++;
	}
	if (f.nerr) {
		w->status = 422;
		home(r, w, NULL, &f, NULL);
		return;
	}
	struct pol_paper p = { .reference = f.val[PF_REFERENCE], .name = f.val[PF_NAME], .date = f.val[PF_DATE],
			       .kind = f.val[PF_KIND], .originator = f.val[PF_ORIGINATOR],
			       .summary = f.val[PF_SUMMARY], .public = f.val[PF_PUBLIC] != NULL };
	int64_t id;
	int rc = audited(r, "policy.paper.create", "pol_paper", do_paper, &p, &id);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, "/intern/gremien?gespeichert=1#vorlagen");
}
