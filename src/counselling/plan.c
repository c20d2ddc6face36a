/* plan.c — the changes a counsellor makes on a case page: consent given
 * and withdrawn, sessions, the support plan's goals and steps, referrals
 * to offers (only with live consent for the provider) and their flow,
 * outcomes at the follow-ups; and the page of matching offers. */
#include "counselling/counselling_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "directory/directory.h"
#include "html/layout.h"

#include <string.h>

enum { KF_PURPOSE, KF_ORG, KF_GIVER, KF_DATE, KF__MAX };
static const struct field consent_fields[KF__MAX] = {
	[KF_PURPOSE] = { "purpose", FIELD_CHOICE, FIELD_REQUIRED, 20, 0, 0, counsel_purposes },
	[KF_ORG] = { "org_id", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[KF_GIVER] = { "given_by", FIELD_CHOICE, FIELD_REQUIRED, 10, 0, 0, counsel_givers },
	[KF_DATE] = { "given_on", FIELD_TEXT, 0, 10, 0, 0, NULL },
};

const struct field counsel_session_fields[SF__MAX] = {
	[SF_DATE] = { "held_on", FIELD_TEXT, FIELD_REQUIRED, 10, 0, 0, NULL },
	[SF_MINUTES] = { "minutes", FIELD_INT, FIELD_REQUIRED, 3, 1, 600, NULL },
	[SF_FORM] = { "form", FIELD_CHOICE, FIELD_REQUIRED, 10, 0, 0, counsel_forms },
	[SF_TOPICS] = { "topics", FIELD_TEXT, 0, 300, 0, 0, NULL },
	[SF_NOTES] = { "notes", FIELD_MULTILINE, 0, 20000, 0, 0, NULL },
	[SF_NEXT] = { "next_steps", FIELD_MULTILINE, 0, 4000, 0, 0, NULL },
	[SF_FOLLOW] = { "follow_up", FIELD_TEXT, 0, 10, 0, 0, NULL },
};

enum { GF_PHASE, GF_TITLE, GF__MAX };
static const struct field goal_fields[GF__MAX] = {
	[GF_PHASE] = { "phase", FIELD_CHOICE, FIELD_REQUIRED, 20, 0, 0, counsel_phases },
	[GF_TITLE] = { "title", FIELD_TEXT, FIELD_REQUIRED, 300, 0, 0, NULL },
};

enum { TF_WHAT, TF_WHO, TF_DUE, TF__MAX };
static const struct field step_fields[TF__MAX] = {
	[TF_WHAT] = { "what", FIELD_TEXT, FIELD_REQUIRED, 300, 0, 0, NULL },
	[TF_WHO] = { "who", FIELD_CHOICE, FIELD_REQUIRED, 20, 0, 0, counsel_whos },
	[TF_DUE] = { "due", FIELD_TEXT, 0, 10, 0, 0, NULL },
};

enum { RF_SERVICE, RF_CHANNEL, RF_SHARED, RF__MAX };
static const struct field referral_fields[RF__MAX] = {
	[RF_SERVICE] = { "service_id", FIELD_TEXT, FIELD_REQUIRED, 64, 0, 0, NULL },
	[RF_CHANNEL] = { "channel", FIELD_CHOICE, FIELD_REQUIRED, 20, 0, 0, counsel_channels },
	[RF_SHARED] = { "shared", FIELD_MULTILINE, 0, 2000, 0, 0, NULL },
};

enum { MF_STATUS, MF_REASON, MF__MAX };
static const struct field move_fields[MF__MAX] = {
	[MF_STATUS] = { "status", FIELD_CHOICE, FIELD_REQUIRED, 20, 0, 0, counsel_statuses },
	[MF_REASON] = { "reason", FIELD_TEXT, 0, 300, 0, 0, NULL },
};

enum { OF_RESULT, OF_OCCUPATION, OF__MAX };
static const struct field outcome_fields[OF__MAX] = {
	[OF_RESULT] = { "result", FIELD_CHOICE, FIELD_REQUIRED, 20, 0, 0, counsel_results },
	[OF_OCCUPATION] = { "occupation", FIELD_TEXT, 0, 200, 0, 0, NULL },
};

/* A form's problem: the page that says so (422) with the way back. */
static void invalid(struct req *r, struct resp *w, const char *title, const char *text)
{
	layout_staff_problem(r, w, 422, T(r, title), T(r, text));
}

/* A form of the case page sent with errors: the case page again (422)
 * with title at the top and that form open, what was typed kept and each
 * error at its field. which and id: see struct counsel_case_view. */
static void again(struct req *r, struct resp *w, struct counsel_case *c, const char *title, const char *which,
		  int64_t id, const struct form *f)
{
	struct counsel_file file;
	int rc = counsel_file_load(r->db, r->a, c, &file);
	counsel_key_forget(&c->key);
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	w->status = 422;
	struct counsel_case_view v = { .f = &file, .problem = T(r, title), .sent = which, .sent_id = id, .sent_form = f };
	counsel_view_case(r, w, &v);
}

/* Marks field i of f wrong with msgid err, unless it is already. */
static void wrong(struct form *f, int i, const char *err)
{
	if (f->err[i])
		return;
	f->err[i] = err;
	f->nerr++;
}

/* The case of the request, open for changes, and the id of one of its
 * parts (a goal, a referral) from the path: 0, or -1 when the answer is
 * made already (not found, not allowed, frozen). */
static int load_part(struct req *r, struct resp *w, struct counsel_who *who, struct counsel_case *c, int64_t *id)
{
	if (counsel_load(r, w, NULL, who, c) != 0 || counsel_frozen(r, w, c))
		return -1;
	if (counsel_parse_id(r->params[1], id) != 0) {
		layout_staff_not_found(r, w);
		return -1;
	}
	return 0;
}

void counsel_consent_add(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	struct form f;
	if (counsel_load(r, w, NULL, &who, &c) != 0 || counsel_frozen(r, w, &c))
		return;
	form_validate(r, &r->form, consent_fields, KF__MAX, &f);
	char today[11];
	counsel_today(core_now(), today);
	const char *purpose = f.val[KF_PURPOSE], *org = f.val[KF_ORG], *day = f.val[KF_DATE] ? f.val[KF_DATE] : today;
	int per_org = purpose && (strcmp(purpose, "referral") == 0 || strcmp(purpose, "contact") == 0);
	struct dir_org o;
	if (f.val[KF_DATE] && (!counsel_day_valid(day) || strcmp(day, today) > 0))
		wrong(&f, KF_DATE, N_("Bitte ein Datum bis heute angeben, wie 2026-05-12."));
	if (per_org && (!org || dir_org_get(r->db, r->a, org, "de", DIR_PUBLIC, &o) != ST_OK))
		wrong(&f, KF_ORG, N_("Für Vermittlung und Kontakt bitte den Träger wählen."));
	if (f.nerr) {
		again(r, w, &c, N_("Die Einwilligung wurde nicht gespeichert"), "consent", 0, &f);
		return;
	}
	counsel_done(r, w, &c, "counsel_consent_give",
		     counsel_consent_give(r->db, &c, purpose, per_org ? org : "", f.val[KF_GIVER], day, r->user->id),
		     "einwilligungen");
}

void counsel_consent_withdraw(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	int64_t id;
	if (counsel_load(r, w, NULL, &who, &c) != 0)
		return;
	/* withdrawal stays possible on a restricted case: it only takes away */
	char today[11];
	counsel_today(core_now(), today);
	int rc = counsel_parse_id(r->params[1], &id) == 0 ? counsel_consent_withdraw_id(r->db, &c, id, today)
							  : ST_NOTFOUND;
	counsel_done(r, w, &c, "counsel_consent_withdraw", rc, "einwilligungen");
}

void counsel_session_add(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	struct form f;
	if (counsel_load(r, w, NULL, &who, &c) != 0 || counsel_frozen(r, w, &c))
		return;
	form_validate(r, &r->form, counsel_session_fields, SF__MAX, &f);
	static const int days[] = { SF_DATE, SF_FOLLOW };
	for (size_t i = 0; i < 2; i++)
		if (f.val[days[i]] && !f.err[days[i]] && !counsel_day_valid(f.val[days[i]])) {
			f.err[days[i]] = N_("Bitte ein Datum wie 2026-05-12 angeben.");
			f.nerr++;
		}
	if (f.nerr) {
		/* the case page again, the session's form open with what was typed */
		struct counsel_file file;
		int rc = counsel_file_load(r->db, r->a, &c, &file);
		counsel_key_forget(&c.key);
		if (rc != ST_OK) {
			layout_staff_failed(r, w);
			return;
		}
		w->status = 422;
		struct counsel_case_view v = { .f = &file, .session = &f };
		counsel_view_case(r, w, &v);
		return;
	}
	struct counsel_session v = { .held_on = f.val[SF_DATE], .minutes = (int)f.num[SF_MINUTES],
				     .form = f.val[SF_FORM], .topics = f.val[SF_TOPICS], .notes = f.val[SF_NOTES],
				     .next_steps = f.val[SF_NEXT], .follow_up = f.val[SF_FOLLOW] };
	counsel_done(r, w, &c, "counsel_session_add", counsel_session_put(r->db, r->a, &c, &v, r->user->id),
		     "gespraeche");
}

void counsel_goal_add(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	struct form f;
	if (counsel_load(r, w, NULL, &who, &c) != 0 || counsel_frozen(r, w, &c))
		return;
	if (form_validate(r, &r->form, goal_fields, GF__MAX, &f)) {
		again(r, w, &c, N_("Das Ziel wurde nicht gespeichert"), "goal", 0, &f);
		return;
	}
	counsel_done(r, w, &c, "counsel_goal_add", counsel_goal_put(r->db, r->a, &c, f.val[GF_PHASE], f.val[GF_TITLE]),
		     "plan");
}

void counsel_step_add(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	struct form f;
	int64_t goal;
	if (load_part(r, w, &who, &c, &goal) != 0)
		return;
	form_validate(r, &r->form, step_fields, TF__MAX, &f);
	if (f.val[TF_DUE] && !counsel_day_valid(f.val[TF_DUE]))
		wrong(&f, TF_DUE, N_("Bitte ein Datum wie 2026-05-12 angeben."));
	if (f.nerr) {
		again(r, w, &c, N_("Der Schritt wurde nicht gespeichert"), "step", goal, &f);
		return;
	}
	struct counsel_step v = { .what = f.val[TF_WHAT], .who = f.val[TF_WHO], .due = f.val[TF_DUE] };
	counsel_done(r, w, &c, "counsel_step_add", counsel_step_put(r->db, r->a, &c, goal, &v), "plan");
}

void counsel_step_done(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	int64_t step;
	if (counsel_load(r, w, NULL, &who, &c) != 0 || counsel_frozen(r, w, &c))
		return;
	const char *done = kv_get(&r->form, "done");
	int rc = counsel_parse_id(r->params[1], &step) == 0
			 ? counsel_step_set_done(r->db, &c, step, done && strcmp(done, "1") == 0)
			 : ST_NOTFOUND;
	counsel_done(r, w, &c, "counsel_step_done", rc, "plan");
}

void counsel_match_page(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	struct counsel_match *m;
	size_t n;
	if (counsel_load(r, w, "counsel_match", &who, &c) != 0)
		return;
	counsel_key_forget(&c.key);
	if (counsel_match_case(r, &c, &m, &n) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	counsel_view_match(r, w, &c, m, n, NULL);
}

void counsel_referral_add(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	struct form f;
	if (counsel_load(r, w, NULL, &who, &c) != 0 || counsel_frozen(r, w, &c))
		return;
	if (form_validate(r, &r->form, referral_fields, RF__MAX, &f)) {
		/* the matching offers again, this offer's form open as typed */
		struct counsel_match *m;
		size_t n;
		counsel_key_forget(&c.key);
		audit_add_req(r, "counsel_referral_add", "counsel_case", c.pseudonym, "refused", "invalid form");
		int rc = counsel_match_case(r, &c, &m, &n);
		if (rc != ST_OK) {
			layout_staff_failed(r, w);
			return;
		}
		w->status = 422;
		counsel_view_match(r, w, &c, m, n, &f);
		return;
	}
	/* the offer and its provider from the directory, never from the form */
	struct dir_service sv;
	int rc = dir_service_get(r->db, r->a, f.val[RF_SERVICE], "de", DIR_PUBLIC, &sv);
	if (rc != ST_OK) {
		if (rc == ST_NOTFOUND)
			invalid(r, w, N_("Die Vermittlung wurde nicht angelegt"),
				N_("Dieses Angebot gibt es im Verzeichnis nicht (mehr)."));
		else
			layout_staff_failed(r, w);
		return;
	}
	char today[11];
	int64_t id;
	counsel_today(core_now(), today);
	rc = counsel_referral_put(r->db, r->a, &c, sv.id, sv.organization_id, sv.name, f.val[RF_CHANNEL],
				  f.val[RF_SHARED], today, r->user->id, &id);
	if (rc == ST_CONFLICT) {
		audit_add_req(r, "counsel_referral_add", "counsel_case", c.pseudonym, "refused", "no consent");
		layout_staff_problem(r, w, 409, T(r, "Keine Einwilligung zur Vermittlung"),
				     T(r, "Für eine Vermittlung an diesen Träger fehlt die Einwilligung. Halten Sie sie "
					  "zuerst fest (Einwilligungen auf der Fallseite)."));
		return;
	}
	counsel_done(r, w, &c, "counsel_referral_add", rc, "vermittlungen");
}

void counsel_referral_move(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	struct form f;
	int64_t id;
	if (load_part(r, w, &who, &c, &id) != 0)
		return;
	if (form_validate(r, &r->form, move_fields, MF__MAX, &f)) {
		invalid(r, w, N_("Der Stand wurde nicht geändert"), N_("Bitte einen Stand wählen."));
		return;
	}
	char today[11];
	counsel_today(core_now(), today);
	int rc = counsel_referral_set(r->db, c.id, NULL, id, f.val[MF_STATUS], f.val[MF_REASON], today, r->user->id);
	if (rc == ST_CONFLICT) {
		audit_add_req(r, "counsel_referral_move", "counsel_case", c.pseudonym, "refused", f.val[MF_STATUS]);
		layout_staff_problem(r, w, 409, T(r, "Der Stand wurde nicht geändert"),
				     T(r, "Dieser Schritt ist jetzt nicht möglich: Entweder passt er nicht zum Stand der "
					  "Vermittlung, oder die Einwilligung zur Vermittlung an diesen Träger fehlt."));
		return;
	}
	counsel_done(r, w, &c, "counsel_referral_move", rc, "vermittlungen");
}

void counsel_outcome_save(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	struct form f;
	int64_t id;
	if (load_part(r, w, &who, &c, &id) != 0)
		return;
	if (form_validate(r, &r->form, outcome_fields, OF__MAX, &f)) {
		again(r, w, &c, N_("Das Ergebnis wurde nicht gespeichert"), "outcome", id, &f);
		return;
	}
	char today[11];
	counsel_today(core_now(), today);
	counsel_done(r, w, &c, "counsel_outcome",
		     counsel_outcome_put(r->db, &c, id, f.val[OF_RESULT], f.val[OF_OCCUPATION], today), "ergebnisse");
}
