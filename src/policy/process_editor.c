/* process_editor.c — the decision processes in the staff area
 * (/intern/prozesse, editors): the list, a new process, and a process's
 * timeline with a form for the next step (date, kind, text, the paper and
 * meeting it links). Each change and its audit row are one transaction. */
#include "policy/editor_internal.h"
#include "policy/policy_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <inttypes.h>
#include <string.h>

const struct field pol_process_fields[RF__MAX] = {
	[RF_TITLE] = { "titel", FIELD_TEXT, FIELD_REQUIRED, 300, 0, 0, NULL },
	[RF_SUMMARY] = { "zusammenfassung", FIELD_MULTILINE, 0, 4000, 0, 0, NULL },
	[RF_PUBLIC] = { "oeffentlich", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
};
const struct field pol_step_fields[SF__MAX] = {
	[SF_DATE] = { "datum", FIELD_TEXT, FIELD_REQUIRED, 10, 0, 0, NULL },
	[SF_KIND] = { "art", FIELD_CHOICE, FIELD_REQUIRED, 20, 0, 0, pol_step_kinds },
	[SF_TEXT] = { "text", FIELD_MULTILINE, FIELD_REQUIRED, 2000, 0, 0, NULL },
	[SF_PAPER] = { "vorlage", FIELD_INT, 0, 15, 1, 999999999999999LL, NULL },
	[SF_MEETING] = { "sitzung", FIELD_INT, 0, 15, 1, 999999999999999LL, NULL },
};

static void failed(struct req *r, struct resp *w, int rc)
{
	if (rc == ST_NOTFOUND)
		layout_staff_not_found(r, w);
	else
		layout_staff_failed(r, w);
}

static void list_page(struct req *r, struct resp *w, const struct form *rf, const char *notice)
{
	struct pol_editor_processes p = { .rf = rf, .notice = notice };
	int rc = pol_process_list(r->db, r->a, 0, &p.procs, &p.n);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	pol_editor_view_processes(r, w, &p);
}

void pol_editor_processes(struct req *r, struct resp *w)
{
	list_page(r, w, NULL, kv_get(&r->query, "gespeichert") ? T(r, "Gespeichert.") : NULL);
}

void pol_editor_process_create(struct req *r, struct resp *w)
{
	struct form f;
	form_validate(r, &r->form, pol_process_fields, RF__MAX, &f);
	if (f.nerr) {
		w->status = 422;
		list_page(r, w, &f, NULL);
		return;
	}
	struct pol_process p = { .title = f.val[RF_TITLE], .summary = f.val[RF_SUMMARY], .public = f.val[RF_PUBLIC] != NULL };
	int64_t id = 0;
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = pol_process_add(r->db, &p, &id);
	if (rc == ST_OK)
		rc = audit_add_req(r, "policy.process.create", "pol_process", arena_printf(r->a, "%" PRId64, id), "ok", NULL);
	rc = store_tx_end(r->db, &tx, rc);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/prozesse/%" PRId64 "?gespeichert=1", id));
}

static void process_page(struct req *r, struct resp *w, int64_t id, const struct form *sf, const char *notice)
{
	struct pol_editor_process p = { .sf = sf, .notice = notice };
	int rc = id ? pol_process_get(r->db, r->a, id, 0, &p.proc) : ST_NOTFOUND;
	if (rc == ST_OK)
		rc = pol_process_steps(r->db, r->a, id, 0, &p.steps, &p.nsteps);
	if (rc == ST_OK)
		rc = pol_paper_list(r->db, r->a, 0, &p.papers, &p.npapers);
	if (rc == ST_OK)
		rc = pol_meeting_list(r->db, r->a, &p.meetings, &p.nmeetings);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	pol_editor_view_process(r, w, &p);
}

void pol_editor_process(struct req *r, struct resp *w)
{
	process_page(r, w, pol_param_id(r->params[0]), NULL,
		     kv_get(&r->query, "gespeichert") ? T(r, "Gespeichert.") : NULL);
}

void pol_editor_step_create(struct req *r, struct resp *w)
{
	int64_t id = pol_param_id(r->params[0]);
	struct pol_process proc;
	int rc = id ? pol_process_get(r->db, r->a, id, 0, &proc) : ST_NOTFOUND;
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	struct form f;
	form_validate(r, &r->form, pol_step_fields, SF__MAX, &f);
	if (!f.err[SF_DATE] && f.val[SF_DATE] && !pol_is_date(f.val[SF_DATE])) {
		f.err[SF_DATE] = N_("Bitte das Datum als JJJJ-MM-TT angeben, z. B. 2027-03-15.");
		f.nerr++;
	}
	struct pol_paper pp;
	if (!f.err[SF_PAPER] && f.val[SF_PAPER] && pol_paper_get(r->db, r->a, (int64_t)f.num[SF_PAPER], 0, &pp) != ST_OK) {
		f.err[SF_PAPER] = N_("Bitte eine Vorlage aus der Liste wählen.");
		f.nerr++;
	}
	struct pol_meeting mt;
	if (!f.err[SF_MEETING] && f.val[SF_MEETING] &&
	    pol_meeting_get(r->db, r->a, (int64_t)f.num[SF_MEETING], &mt) != ST_OK) {
		f.err[SF_MEETING] = N_("Bitte eine Sitzung aus der Liste wählen.");
		f.nerr++;
	}
	if (f.nerr) {
		w->status = 422;
		process_page(r, w, id, &f, NULL);
		return;
	}
	struct pol_step x = { .process_id = id, .date = f.val[SF_DATE], .kind = f.val[SF_KIND], .text = f.val[SF_TEXT],
			      .paper_id = f.val[SF_PAPER] ? (int64_t)f.num[SF_PAPER] : 0,
			      .meeting_id = f.val[SF_MEETING] ? (int64_t)f.num[SF_MEETING] : 0 };
	int64_t sid = 0;
	struct store_tx tx;
	rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = pol_step_add(r->db, &x, &sid);
	if (rc == ST_OK)
		rc = audit_add_req(r, "policy.step.create", "pol_process", arena_printf(r->a, "%" PRId64, id), "ok", NULL);
	rc = store_tx_end(r->db, &tx, rc);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/prozesse/%" PRId64 "?gespeichert=1#zeitleiste", id));
}
