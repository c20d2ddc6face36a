/* counselling.h — the counselling model: pseudonymised case files of
 * young people, consent per purpose, sessions, the support plan, referrals
 * to directory offers with the provider's answers, outcomes at follow-ups,
 * statistics from consenting cases, and the data-subject rights
 * (export, erasure, restriction, the record of processing).
 *
 * What other folders may call: the route handlers, the dashboard card,
 * the demo, the command line (`lotse privacy`) and the retention job of
 * `lotse maintenance`. Everything about cases stays inside the folder;
 * the statistics leave it only as aggregates (/intern/statistik/beratung,
 * also as JSON). */
#ifndef LOTSE_COUNSELLING_H
#define LOTSE_COUNSELLING_H

#include "http/http.h"
#include "store/store.h"

#include <stdint.h>
#include <stdio.h>

/* ---- handlers (routes.c, case.c, plan.c, provider.c, stats.c) ---- */
void counsel_list(struct req *r, struct resp *w);            /* GET /intern/beratung */
void counsel_search_post(struct req *r, struct resp *w);     /* POST /intern/beratung/suche */
void counsel_new_form(struct req *r, struct resp *w);        /* GET /intern/beratung/neu */
void counsel_create(struct req *r, struct resp *w);          /* POST /intern/beratung/neu */
void counsel_case_page(struct req *r, struct resp *w);       /* GET /intern/beratung/{} */
void counsel_profile_save(struct req *r, struct resp *w);    /* POST /intern/beratung/{}/profil */
void counsel_identity_page(struct req *r, struct resp *w);   /* GET /intern/beratung/{}/identitaet */
void counsel_identity_save(struct req *r, struct resp *w);   /* POST /intern/beratung/{}/identitaet */
void counsel_consent_add(struct req *r, struct resp *w);     /* POST /intern/beratung/{}/einwilligungen */
void counsel_consent_withdraw(struct req *r, struct resp *w); /* POST /intern/beratung/{}/einwilligungen/{}/widerruf */
void counsel_session_add(struct req *r, struct resp *w);     /* POST /intern/beratung/{}/gespraeche */
void counsel_goal_add(struct req *r, struct resp *w);        /* POST /intern/beratung/{}/ziele */
void counsel_step_add(struct req *r, struct resp *w);        /* POST /intern/beratung/{}/ziele/{}/schritte */
void counsel_step_done(struct req *r, struct resp *w);       /* POST /intern/beratung/{}/schritte/{}/erledigt */
void counsel_match_page(struct req *r, struct resp *w);      /* GET /intern/beratung/{}/passende-angebote */
void counsel_referral_add(struct req *r, struct resp *w);    /* POST /intern/beratung/{}/vermittlungen */
void counsel_referral_move(struct req *r, struct resp *w);   /* POST /intern/beratung/{}/vermittlungen/{}/status */
void counsel_outcome_save(struct req *r, struct resp *w);    /* POST /intern/beratung/{}/ergebnisse/{} */
void counsel_close(struct req *r, struct resp *w);           /* POST /intern/beratung/{}/abschliessen */
void counsel_restrict(struct req *r, struct resp *w);        /* POST /intern/beratung/{}/einschraenken */
void counsel_export_page(struct req *r, struct resp *w);     /* GET /intern/beratung/{}/auskunft(.json) */
void counsel_erase_form(struct req *r, struct resp *w);      /* GET /intern/beratung/{}/loeschen */
void counsel_erase(struct req *r, struct resp *w);           /* POST /intern/beratung/{}/loeschen */
void counsel_share_add(struct req *r, struct resp *w);       /* POST /intern/beratung/{}/teilen */
void counsel_share_remove(struct req *r, struct resp *w);    /* POST /intern/beratung/{}/teilen/{}/aufheben */
void counsel_glass_form(struct req *r, struct resp *w);      /* GET /intern/beratung/{}/notfall */
void counsel_glass_read(struct req *r, struct resp *w);      /* POST /intern/beratung/{}/notfall */
void counsel_provider_list(struct req *r, struct resp *w);   /* GET /intern/vermittlungen */
void counsel_provider_move(struct req *r, struct resp *w);   /* POST /intern/vermittlungen/{}/status */
void counsel_stats_page(struct req *r, struct resp *w);      /* GET /intern/statistik/beratung */
void counsel_team_page(struct req *r, struct resp *w);       /* GET /intern/beratung/team (team lead) */
void counsel_reassign(struct req *r, struct resp *w);        /* POST /intern/beratung/team/zuweisen */
void counsel_teams_page(struct req *r, struct resp *w);      /* GET /intern/beratung/teams (admins) */
void counsel_team_add(struct req *r, struct resp *w);        /* POST /intern/beratung/teams */
void counsel_member_set(struct req *r, struct resp *w);      /* POST /intern/beratung/teams/mitglied */

/* The counselling card of the staff dashboard (see staff/staff.h): the
 * user's open cases, due follow-ups, cases without contact. The number
 * of cards written, or -1. */
struct layout_card;
int counsel_staff_panel(struct req *r, struct layout_card *out);
/* Its lines of what waits at the top of the dashboard (staff/staff.h):
 * due follow-ups for a counsellor, unanswered referrals for a partner. */
struct layout_todo;
int counsel_staff_todos(struct req *r, struct layout_todo *out);

/* ---- demo (demo.c) ---- */

/* The demo team "Beratung Mainz": accounts beratung1, beratung2
 * (counsellors) and teamleitung (counsellor and team lead), each
 * @demo.lotse.invalid with a random password printed to out, and some
 * dozens of fictional cases with consents, sessions, plans, referrals to
 * the demo offers (some to partner_org's) and outcomes. Needs the key
 * file (made when missing). ST_OK, or ST_ERR with a message in err. */
int counsel_demo_load(struct store *s, FILE *out, const char *partner_org, char *err, size_t errlen);

/* ---- data-subject rights and retention (privacy.c) ---- */

/* `lotse privacy export|erase PSEUDONYM` and `lotse privacy record`:
 * argv[0..argc) are the words after "privacy"; the database at db.
 * Returns the exit status (2: wrong arguments). */
int counsel_privacy_cli(const char *db, int argc, char **argv);

/* Months after closing until `lotse maintenance` erases a case:
 * LOTSE_COUNSEL_KEEP_MONTHS (1 to 120), else COUNSEL_KEEP_MONTHS. */
#define COUNSEL_KEEP_MONTHS 24
int counsel_keep_months(void);
/* Erase every case closed more than months before now (as
 * counsel_privacy_cli's erase), each with an audit row that names only
 * its pseudonym; *erased gets their number. ST_OK or ST_ERR. */
int counsel_expire(struct store *s, int64_t now, int months, long *erased);

/* for the evidence loop (#17) */
#include "core/arena.h"
#include <stddef.h>
/* Needs counted from cases with live consent to statistics (evidence.c):
 * per the case's stage, target group and district (term codes, "" none)
 * and its languages (ISO 639-1, comma-separated, as recorded), the
 * cases with needs recorded that were open on some day of [from, to]
 * (either date NULL: open on that side), by the needs recorded too.
 * Strings in a. ST_OK or ST_ERR. (Declined and dropped referrals:
 * counsel_evidence_declines.) */
enum counsel_need_kind { COUNSEL_NEED_RECORDED };
struct counsel_need {
	const char *stage, *group, *district, *languages;
	const char *needs; /* the kinds of offer needed (angebotsart codes, comma-separated) */
	enum counsel_need_kind kind;
	long cases;
};
int counsel_evidence_needs(struct store *s, arena *a, const char *from, const char *to, struct counsel_need **out,
			   size_t *n);
/* Counts of consenting cases' cells (declines.c), by the case's stage,
 * target group, district and languages as in struct counsel_need:
 * counsel_evidence_declines: the referrals made in [from, to] that were
 * declined (dropped 0) or dropped (1), by the reason given with that step
 * as typed ("" none: the reason is free text; the caller decides what of
 * it may be shown) and by the kinds of the offer referred to (kinds:
 * codes of the taxonomy Angebotsart, comma-separated, "" none, read with
 * dir_fact_kinds whether the offer is current or not);
 * counsel_evidence_unmatched: the cases whose matching
 * found no fitting offer on a day of [from, to], by the kinds of offer
 * they need (needs, comma-separated). Strings in a. ST_OK or ST_ERR. */
struct counsel_decline {
	const char *stage, *group, *district, *languages;
	const char *reason; /* declines: as typed, "" none */
	const char *needs;  /* unmatched: the case's needs */
	const char *kinds;  /* declines: the kinds of the offer referred to */
	int dropped;
	long count;
};
int counsel_evidence_declines(struct store *s, arena *a, const char *from, const char *to,
			      struct counsel_decline **out, size_t *n);
int counsel_evidence_unmatched(struct store *s, arena *a, const char *from, const char *to,
			       struct counsel_decline **out, size_t *n);
/* Note that the matching of case_id found no fitting offer on day
 * ("YYYY-MM-DD"; once a day). ST_OK or ST_ERR. */
int counsel_unmatched_note(struct store *s, int64_t case_id, const char *day);

/* The referrals made in [from, to] of cases with live consent to
 * statistics, counted by offer and the case's stage, group, languages and district
 * (evidence.c): n[] in the order of enum counsel_outcome_n; at[0] the
 * follow-ups at 6 months, at[1] at 12, each in the order of enum
 * counsel_followup (a referral counts in a result when a follow-up of
 * that time records it; known: any result but "unknown"; school: school
 * or studies). Strings in a. ST_OK or ST_ERR. */
/* running: proposed, sent, accepted or started (not yet completed,
 * declined or dropped): the referrals that depend on the offer now */
enum counsel_outcome_n { COUNSEL_OC_REFERRED, COUNSEL_OC_STARTED, COUNSEL_OC_COMPLETED, COUNSEL_OC_RUNNING, COUNSEL_OC__N };
enum counsel_followup {
	COUNSEL_FU_KNOWN, COUNSEL_FU_TRAINING, COUNSEL_FU_EQ, COUNSEL_FU_SCHOOL, COUNSEL_FU_JOB, COUNSEL_FU_NONE,
	COUNSEL_FU__N
};
struct counsel_outcome_count {
	const char *service_id, *service_name, *stage, *group, *languages, *district;
	long n[COUNSEL_OC__N];
	long at[2][COUNSEL_FU__N];
};
int counsel_evidence_outcomes(struct store *s, arena *a, const char *from, const char *to,
			      struct counsel_outcome_count **out, size_t *n);

#endif
