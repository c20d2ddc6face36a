/* process_editor.c — the decision processes in the staff area
 * (/intern/prozesse, editors): the list, a new process, and a process's
 * timeline with a form for the next step (date, kind, text, the paper and
 * meeting it links); changing the process, a step, and the order of the
 * steps of one day. Each change and its audit row are one transaction. */
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

static void process_page(struct req *r, struct resp *w, int64_t id, const struct form *sf, const struct form *rf,
			 const char *notice)
{
	struct pol_editor_process p = { .sf = sf, .rf = rf, .notice = notice };
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
	process_page(r, w, pol_param_id(r->params[0]), NULL, NULL,
		     kv_get(&r->query, "gespeichert") ? T(r, "Gespeichert.") : NULL);
}

/* The step form of process id into f and x; the number of errors. */
static int read_step(struct req *r, struct form *f, int64_t id, struct pol_step *x)
{
	form_validate(r, &r->form, pol_step_fields, SF__MAX, f);
	if (!f->err[SF_DATE] && f->val[SF_DATE] && !pol_is_date(f->val[SF_DATE])) {
		f->err[SF_DATE] = N_("Bitte das Datum als JJJJ-MM-TT angeben, z. B. 2027-03-15.");
		f->nerr++;
	}
	struct pol_paper pp;
	if (!f->err[SF_PAPER] && f->val[SF_PAPER] &&
	    pol_paper_get(r->db, r->a, (int64_t)f->num[SF_PAPER], 0, &pp) != ST_OK) {
		f->err[SF_PAPER] = N_("Bitte eine Vorlage aus der Liste wählen.");
		f->nerr++;
	}
	struct pol_meeting mt;
	if (!f->err[SF_MEETING] && f->val[SF_MEETING] &&
	    pol_meeting_get(r->db, r->a, (int64_t)f->num[SF_MEETING], &mt) != ST_OK) {
		f->err[SF_MEETING] = N_("Bitte eine Sitzung aus der Liste wählen.");
		f->nerr++;
	}
	*x = (struct pol_step){ .process_id = id, .date = f->val[SF_DATE], .kind = f->val[SF_KIND],
				.text = f->val[SF_TEXT], .paper_id = f->val[SF_PAPER] ? (int64_t)f->num[SF_PAPER] : 0,
				.meeting_id = f->val[SF_MEETING] ? (int64_t)f->num[SF_MEETING] : 0 };
	return f->nerr;
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
	struct pol_step x;
	if (read_step(r, &f, id, &x) != 0) {
		w->status = 422;
		process_page(r, w, id, &f, NULL, NULL);
		return;
	}
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

/* ---- changing a process, a step, and the order of a day's steps ---- */

void pol_editor_process_save(struct req *r, struct resp *w)
{
	int64_t id = pol_param_id(r->params[0]);
	struct pol_process old;
	int rc = id ? pol_process_get(r->db, r->a, id, 0, &old) : ST_NOTFOUND;
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	struct form f;
	form_validate(r, &r->form, pol_process_fields, RF__MAX, &f);
	if (f.nerr) {
		w->status = 422;
		process_page(r, w, id, NULL, &f, NULL);
		return;
	}
	struct pol_process p = old;
	p.title = f.val[RF_TITLE];
	p.summary = f.val[RF_SUMMARY] ? f.val[RF_SUMMARY] : "";
	p.public = f.val[RF_PUBLIC] != NULL;
	struct store_tx tx;
	rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = pol_process_update(r->db, &p);
	if (rc == ST_OK)
		rc = audit_add_req(r, "policy.process.update", "pol_process", arena_printf(r->a, "%" PRId64, id), "ok",
				   NULL);
	rc = store_tx_end(r->db, &tx, rc);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/prozesse/%" PRId64 "?gespeichert=1", id));
}

/* The step of params[1] among the steps of process params[0] (pid), or
 * NULL after answering with the not-found or failure page. */
static struct pol_step *find_step(struct req *r, struct resp *w, int64_t *pid)
{
	int64_t sid = pol_param_id(r->params[1]);
	struct pol_process proc;
	struct pol_step *steps;
	size_t n = 0;
	*pid = pol_param_id(r->params[0]);
	int rc = *pid && sid ? pol_process_get(r->db, r->a, *pid, 0, &proc) : ST_NOTFOUND;
	if (rc == ST_OK)
		rc = pol_process_steps(r->db, r->a, *pid, 0, &steps, &n);
	for (size_t i = 0; rc == ST_OK && i < n; i++)
		if (steps[i].id == sid)
			return &steps[i];
	failed(r, w, rc == ST_OK ? ST_NOTFOUND : rc);
	return NULL;
}

static void step_page(struct req *r, struct resp *w, const struct pol_step *x, const struct form *f)
{
	struct pol_paper *papers;
	struct pol_meeting *meetings;
	size_t np, nm;
	int rc = pol_paper_list(r->db, r->a, 0, &papers, &np);
	if (rc == ST_OK)
		rc = pol_meeting_list(r->db, r->a, &meetings, &nm);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	struct pol_editor_step p = {
		.step = x, .papers = papers, .npapers = np, .meetings = meetings, .nmeetings = nm, .f = f,
		.action = arena_printf(r->a, "/intern/prozesse/%" PRId64 "/schritte/%" PRId64, x->process_id, x->id),
		.back = arena_printf(r->a, "/intern/prozesse/%" PRId64 "#zeitleiste", x->process_id),
	};
	pol_editor_view_step(r, w, &p);
}

void pol_editor_step_edit(struct req *r, struct resp *w)
{
	int64_t pid;
	struct pol_step *old = find_step(r, w, &pid);
	if (!old)
		return;
	if (r->method != HTTP_POST) {
		step_page(r, w, old, NULL);
		return;
	}
	struct form f;
	struct pol_step x;
	if (read_step(r, &f, pid, &x) != 0) {
		w->status = 422;
		step_page(r, w, old, &f);
		return;
	}
	x.id = old->id;
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = pol_step_update(r->db, &x);
	if (rc == ST_OK)
		rc = audit_add_req(r, "policy.step.update", "pol_step", arena_printf(r->a, "%" PRId64, x.id), "ok", NULL);
	rc = store_tx_end(r->db, &tx, rc);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/prozesse/%" PRId64 "?gespeichert=1#schritt-%" PRId64, pid, x.id));
}

void pol_editor_step_move(struct req *r, struct resp *w)
{
	int64_t pid;
	struct pol_step *x = find_step(r, w, &pid);
	if (!x)
		return;
	const char *dir = kv_get(&r->form, "richtung");
	int up = dir && strcmp(dir, "hoch") == 0;
	if (!up && !(dir && strcmp(dir, "runter") == 0)) {
		layout_staff_problem(r, w, 400, T(r, "Das ging nicht"),
				     T(r, "Bitte auf der Seite des Prozesses „Nach oben“ oder „Nach unten“ wählen."));
		return;
	}
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = pol_step_move(r->db, pid, x->id, up);
	if (rc == ST_OK)
		rc = audit_add_req(r, "policy.step.move", "pol_step", arena_printf(r->a, "%" PRId64, x->id), "ok",
				   up ? "up" : "down");
	rc = store_tx_end(r->db, &tx, rc);
	if (rc == ST_CONFLICT) {
		layout_staff_problem(r, w, 409, T(r, "Schon am Rand"),
				     up ? T(r, "Dieser Schritt steht schon als erster an seinem Tag.")
					: T(r, "Dieser Schritt steht schon als letzter an seinem Tag."));
		return;
	}
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "/intern/prozesse/%" PRId64 "#schritt-%" PRId64, pid, x->id));
}
