/* counselling_internal.h — what the files of src/counselling/ share: the
 * records of a case, the sealing of its texts, the model's queries, the
 * access rule and the views. Not for other folders. */
#ifndef LOTSE_COUNSELLING_INTERNAL_H
#define LOTSE_COUNSELLING_INTERNAL_H

#include "counselling/counselling.h"
#include "core/arena.h"
#include "directory/directory.h"
#include "http/form.h"

#include <sodium.h>
#include <stddef.h>
#include <stdint.h>

#define COUNSEL_KEY_BYTES 32
/* "K-" and four of COUNSEL_ALPHABET */
#define COUNSEL_PSEUDONYM_LEN 6
extern const char COUNSEL_ALPHABET[];

/* ---- sealing (crypto.c) ----
 *
 * Every case has its own random key; it is stored sealed with the
 * counselling subkey ("counsel") of the key file. A text of the case is
 * sealed with the case key and bound to the case's pseudonym and the
 * column it is for (associated data), so a sealed value cannot be moved
 * to another case or field unnoticed. Erasing the case destroys its
 * sealed key: what is left of its texts anywhere cannot be opened. */

/* Load the counselling subkey of s's database (create: make the key file
 * when missing). ST_OK, or ST_ERR with a message in err. Cached per
 * process and database path after the first success. */
int counsel_key_open(struct store *s, int create, char *err, size_t errlen);
/* A new random pseudonym "K-XXXX" into out. */
void counsel_pseudonym_new(char out[COUNSEL_PSEUDONYM_LEN + 1]);
/* Is s a well-formed pseudonym? */
int counsel_pseudonym_valid(const char *s);

struct counsel_key {
	unsigned char k[COUNSEL_KEY_BYTES];
	const char *pseudonym;
};
/* A fresh case key for pseudonym, and its sealed form (in a) for the
 * case row. ST_OK or ST_ERR (the key file cannot be read). */
int counsel_key_new(struct store *s, arena *a, const char *pseudonym, struct counsel_key *key,
		    const unsigned char **wrapped, size_t *wlen);
/* Open the sealed key of a case. ST_OK or ST_ERR. */
int counsel_key_unwrap(struct store *s, const char *pseudonym, const void *wrapped, size_t wlen,
		       struct counsel_key *key);
/* Seal text (NULL or "": *out NULL, nothing stored) for field. */
void counsel_seal(arena *a, const struct counsel_key *key, const char *field, const char *text,
		  const unsigned char **out, size_t *len);
/* Open a sealed value: the text in a, "" for none, NULL when it does not
 * open (wrong key, changed bytes). */
const char *counsel_open(arena *a, const struct counsel_key *key, const char *field, const void *sealed,
			 size_t len);
/* Forget a key (sodium_memzero). */
void counsel_key_forget(struct counsel_key *key);

/* ---- records ---- */

struct counsel_case {
	int64_t id, owner_id, team_id; /* team_id 0: none */
	const char *pseudonym, *status, *age_band, *languages, *german_level, *school_cert, *school_country,
		*recognition, *stage, *target_group, *district, *needs, *interests;
	const char *residence; /* opened with the key ("" none); to a write: NULL keeps the stored one */
	const char *opened_on, *closed_on; /* closed_on NULL while open */
	int restricted;
	int frozen;                        /* the views offer no change: restricted, or a break-glass read */
	struct counsel_key key;            /* opened by counsel_case_get */
	const char *last_contact;          /* the last session's day, or NULL */
	const char *next_follow_up;        /* the earliest open follow-up, or NULL */
};

struct counsel_identity {
	const char *name, *first_name, *contact, *birth_date, *guardian;
};

enum counsel_purpose { CP_COUNSELLING, CP_REFERRAL, CP_CONTACT, CP_STATISTICS, CP__COUNT };
extern const char *const counsel_purposes[CP__COUNT + 1];
struct counsel_consent {
	int64_t id;
	const char *purpose, *org_id, *given_by, *given_on, *text_version, *withdrawn_on;
	const char *org_name; /* resolved for views */
};

struct counsel_session {
	int64_t id;
	const char *held_on, *form, *topics, *notes, *next_steps, *follow_up;
	int minutes;
};

struct counsel_step {
	int64_t id, goal_id;
	const char *what, *who, *due;
	int done;
};
struct counsel_goal {
	int64_t id;
	const char *phase, *title, *status;
	struct counsel_step *steps;
	size_t nsteps;
};

struct counsel_referral {
	int64_t id, case_id;
	const char *pseudonym; /* provider list */
	const char *service_id, *org_id, *service_name, *status, *channel, *shared, *created_on, *updated_at;
};

struct counsel_outcome {
	int64_t id;
	int64_t referral_id; /* 0: the case */
	int months;
	const char *due_on, *result, *occupation, *recorded_on;
};

/* A break-glass read: by whom (e-mail), when (UTC), why (opened). */
struct counsel_glass {
	int64_t user_id;
	const char *user, *at, *reason;
};

/* Everything of a case that its page shows. */
struct counsel_file {
	struct counsel_case c;
	struct counsel_consent *consents;
	size_t nconsents;
	struct counsel_session *sessions;
	size_t nsessions;
	struct counsel_goal *goals;
	size_t ngoals;
	struct counsel_referral *referrals;
	size_t nreferrals;
	struct counsel_outcome *outcomes;
	size_t noutcomes;
	struct counsel_glass *glass;
	size_t nglass;
	/* sharing: who the case is shared with, and who it may be shared with
	 * (the team; only when the reader is the owner or the team's lead) */
	struct counsel_person *shares, *team;
	size_t nshares, nteam;
	int may_share;
};

/* ---- vocabularies (vocab.c) ----
 * Each list NULL-terminated; the labels are German msgids in the same order. */
extern const char *const counsel_age_bands[], *const counsel_age_band_labels[];
extern const char *const counsel_levels[];
extern const char *const counsel_forms[], *const counsel_form_labels[];
extern const char *const counsel_phases[], *const counsel_phase_labels[];
extern const char *const counsel_whos[], *const counsel_who_labels[];
extern const char *const counsel_statuses[], *const counsel_status_labels[];
extern const char *const counsel_results[], *const counsel_result_labels[];
extern const char *const counsel_purpose_labels[];
extern const char *const counsel_givers[], *const counsel_giver_labels[];
extern const char *const counsel_channels[], *const counsel_channel_labels[];
/* The residence-status categories; recorded only while the network
 * switches them on: LOTSE_COUNSEL_RESIDENCE=1 (off when unset). Sealed
 * like the identity; never in lists, search, statistics or the
 * provider's view. */
extern const char *const counsel_residences[], *const counsel_residence_labels[];
int counsel_residence_on(void);
/* The label of v in values (parallel labels), or v itself. */
const char *counsel_label(const char *const *values, const char *const *labels, const char *v);
/* The version of the consent texts shown today. */
#define COUNSEL_CONSENT_VERSION "2026-1"
/* Age band's lowest and highest age; 0 when unknown. */
int counsel_age_range(const char *band, int *lo, int *hi);
/* May a referral move from status from to status to, and by whom
 * (provider 1: the provider's account, 0: the counsellor)? */
int counsel_move_allowed(const char *from, const char *to, int provider);
/* Today (UTC) as "YYYY-MM-DD", and days added to a day. */
void counsel_today(int64_t now, char out[11]);
void counsel_day_add(const char *day, int days, char out[11]);
/* Is s a real day "YYYY-MM-DD"? */
int counsel_day_valid(const char *s);
/* An open case whose follow-up day (session or outcome) is today or
 * past; an open case without a session for COUNSEL_QUIET_DAYS (8 weeks).
 * Both read a case of counsel_case_list. */
#define COUNSEL_QUIET_DAYS 56
struct counsel_case;
int counsel_case_due(const struct counsel_case *c, const char *today);
int counsel_case_quiet(const struct counsel_case *c, const char *today);
/* Days from day from to day to ("YYYY-MM-DD"), or -1 when one is not a day. */
long counsel_days_between(const char *from, const char *to);

/* ---- the model (model.c, model_write.c) ---- */

/* Who asks: the account and what it may see (own cases, shared ones, the
 * team's when it leads a team). */
struct counsel_who {
	int64_t user_id;
	int64_t team_id; /* 0: none */
	int lead;
};
int counsel_who_load(struct store *s, int64_t user_id, struct counsel_who *out);

/* The case with pseudonym if who may see it, its key opened. ST_NOTFOUND
 * when there is none or it is not who's (the same answer). */
int counsel_case_get(struct store *s, arena *a, const struct counsel_who *who, const char *pseudonym,
		     struct counsel_case *out);
/* The same without the access rule (the command line, retention). */
int counsel_case_by_pseudonym(struct store *s, arena *a, const char *pseudonym, struct counsel_case *out);
/* The cases who may see (no texts opened), open ones first, by pseudonym;
 * with last contact and next follow-up. */
int counsel_case_list(struct store *s, arena *a, const struct counsel_who *who, struct counsel_case **out,
		      size_t *n);
/* The file of case c: consents, sessions, goals with steps, referrals,
 * outcomes, texts opened with c's key. */
int counsel_file_load(struct store *s, arena *a, const struct counsel_case *c, struct counsel_file *f);
int counsel_identity_get(struct store *s, arena *a, const struct counsel_case *c, struct counsel_identity *out);

/* A new case of owner (team: the owner's) with its identity; *out gets
 * the pseudonym. ST_OK or ST_ERR. */
int counsel_case_create(struct store *s, arena *a, const struct counsel_who *owner, const struct counsel_case *in,
			const struct counsel_identity *id, const char *opened_on, char out[COUNSEL_PSEUDONYM_LEN + 1]);
int counsel_profile_update(struct store *s, arena *a, const struct counsel_case *c, const struct counsel_case *in);
int counsel_identity_put(struct store *s, arena *a, const struct counsel_case *c, const struct counsel_identity *id);
int counsel_consent_give(struct store *s, const struct counsel_case *c, const char *purpose, const char *org_id,
			 const char *given_by, const char *given_on, int64_t by);
/* Withdraw consent id of case c today. ST_NOTFOUND: none, or withdrawn. */
int counsel_consent_withdraw_id(struct store *s, const struct counsel_case *c, int64_t id, const char *today);
/* Is there live consent for purpose (and org_id, for referral and contact)? 1, 0, or -1 on error. */
int counsel_consent_live(struct store *s, int64_t case_id, const char *purpose, const char *org_id);
int counsel_session_put(struct store *s, arena *a, const struct counsel_case *c, const struct counsel_session *v,
			int64_t by);
int counsel_goal_put(struct store *s, arena *a, const struct counsel_case *c, const char *phase, const char *title);
int counsel_step_put(struct store *s, arena *a, const struct counsel_case *c, int64_t goal_id,
		     const struct counsel_step *v);
int counsel_step_set_done(struct store *s, const struct counsel_case *c, int64_t step_id, int done);
/* A referral of case c to offer service_id of org_id in status
 * "proposed"; ST_CONFLICT when there is no live referral consent for
 * org_id (checked inside the transaction). */
int counsel_referral_put(struct store *s, arena *a, const struct counsel_case *c, const char *service_id,
			 const char *org_id, const char *service_name, const char *channel, const char *shared,
			 const char *today, int64_t by, int64_t *id);
/* Move referral id (of case_id, or of org_id when org_id is not NULL)
 * to status to, with its step; a completed referral gets its follow-ups.
 * ST_NOTFOUND (not there / not the org's), ST_CONFLICT (a move the flow
 * does not allow, or "sent" without live referral consent). */
int counsel_referral_set(struct store *s, int64_t case_id, const char *org_id, int64_t id, const char *to,
			 const char *reason, const char *today, int64_t by);
int counsel_outcome_put(struct store *s, const struct counsel_case *c, int64_t id, const char *result,
			const char *occupation, const char *today);
/* Close case c today (with follow-ups at 3, 6, 12 months), or reopen. */
int counsel_case_close(struct store *s, const struct counsel_case *c, const char *today);
int counsel_case_restrict(struct store *s, const struct counsel_case *c, int restricted);
/* Erase case id: its rows deleted with secure_delete on, then a
 * checkpoint. ST_OK or ST_ERR. */
int counsel_case_erase(struct store *s, int64_t id);

/* Record a break-glass read of case c by user with reason (sealed). */
int counsel_glass_put(struct store *s, arena *a, const struct counsel_case *c, int64_t user, const char *reason);

/* The teams by name. */
struct counsel_team {
	int64_t id;
	const char *name;
};
int counsel_teams(struct store *s, arena *a, struct counsel_team **out, size_t *n);
/* Teams: a new team (*id; ST_CONFLICT when the name is taken), a
 * counsellor's team (0: none) and lead flag, a case shared with another
 * counsellor. */
int counsel_team_put(struct store *s, const char *name, int64_t *id);
int counsel_staff_put(struct store *s, int64_t user_id, int64_t team_id, int lead);
int counsel_share_put(struct store *s, int64_t case_id, int64_t user_id);

int counsel_share_delete(struct store *s, int64_t case_id, int64_t user_id);
/* Give case_id of counsellor from to counsellor to (a share with to
 * ends). ST_NOTFOUND when from no longer owns it. */
int counsel_case_reassign(struct store *s, int64_t case_id, int64_t from, int64_t to);
/* An account as a sharing list shows it. */
struct counsel_person {
	int64_t id;
	const char *email, *name;
};
/* The counsellors of team_id, and those case_id is shared with. */
int counsel_team_members(struct store *s, arena *a, int64_t team_id, struct counsel_person **out, size_t *n);
int counsel_shares(struct store *s, arena *a, int64_t case_id, struct counsel_person **out, size_t *n);

/* The provider's view: referrals to org_id's offers past "proposed". */
int counsel_provider_referrals(struct store *s, arena *a, const char *org_id, struct counsel_referral **out,
			       size_t *n);
/* The first name and contact of a case for the provider, only with live
 * contact consent for org_id (else both NULL). */
int counsel_provider_contact(struct store *s, arena *a, int64_t case_id, const char *org_id, const char **first_name,
			     const char **contact);

/* The counts behind the statistics (model.c), from cases with live
 * consent to statistics only, read in one transaction: per table the
 * non-zero cells (a: the row's value, b: the column's, "" for the
 * caseload's one column); the days from each case's first session to its
 * first apprenticeship, unsorted. */
enum { CS_CASELOAD, CS_REFERRALS, CS_BY_STAGE, CS_BY_GROUP, CS_BY_LANGUAGE, CS__N };
struct counsel_cell {
	const char *a, *b;
	long n;
};
struct counsel_stats {
	struct counsel_cell *cells[CS__N];
	size_t n[CS__N];
	long *days;
	size_t ndays;
};
int counsel_stats_load(struct store *s, arena *a, struct counsel_stats *out);

/* Which counts of a table may not be shown (stats.c). v holds the
 * (rows + 1) x (cols + 1) counts row by row, the last column the rows'
 * totals, the last row the columns' totals (its last entry the grand
 * total). hidden[i] becomes 1 for every count from 1 to min - 1
 * (primary suppression), then for as few others as needed, the smallest
 * first, that no row and no column of v has exactly one hidden count:
 * one alone could be recomputed from its total and the others
 * (complementary suppression). */
void counsel_suppress(const long *v, size_t rows, size_t cols, long min, unsigned char *hidden);

/* ---- access (routes.c) ---- */

/* The case of r->params[0] for r's user, or answered (404 / 500) and -1.
 * A load writes the audit row action (NULL: none; a change writes its
 * own with counsel_done); a refused one is audited as "denied". */
int counsel_load(struct req *r, struct resp *w, const char *action, struct counsel_who *who, struct counsel_case *c);
/* A change refused on a restricted case: answered 409, returns 1. */
int counsel_frozen(struct req *r, struct resp *w, const struct counsel_case *c);
/* After a change: audit row and 303 back to the case page (#anchor). */
void counsel_done(struct req *r, struct resp *w, const struct counsel_case *c, const char *action, int rc,
		  const char *anchor);
int counsel_parse_id(const char *s, int64_t *id);

/* ---- matching (match.c) ---- */
/* The places of offers that referrals hold (accepted or started, of any
 * case), by service id in ascending order: free places are an offer's
 * capacity less these. */
struct counsel_taken {
	const char *service_id;
	int n;
};
int counsel_places_taken(struct store *s, arena *a, struct counsel_taken **out, size_t *n);
struct counsel_match {
	const char *service_id, *org_id, *name, *org_name;
	int score;
	const char **reasons; /* translated, NULL-terminated */
	const char *left_out; /* translated reason it was left out; NULL: suggested */
};
/* Offers of the directory for case c, suggested ones (best first) before
 * the ones left out, reasons in r's language. */
int counsel_match_case(struct req *r, const struct counsel_case *c, struct counsel_match **out, size_t *n);

/* ---- views (views.c, case_views.c) ---- */
extern const struct field counsel_case_fields[];
enum {
	CF_AGE, CF_LANGS, CF_LEVEL, CF_CERT, CF_COUNTRY, CF_RECOG, CF_STAGE, CF_GROUP, CF_DISTRICT, CF_NEEDS,
	CF_INTERESTS, CF_RESIDENCE, CF_NAME, CF_FIRST, CF_CONTACT, CF_BIRTH, CF_GUARDIAN, CF__MAX
};
/* The case list: work lists of at most COUNSEL_WORK_ROWS rows, all cases
 * COUNSEL_PAGE_ROWS a page. */
#define COUNSEL_WORK_ROWS 50
#define COUNSEL_PAGE_ROWS 100
struct counsel_list_view {
	const struct counsel_case *cases;
	size_t n;
	const char *today;
	long page;       /* of all cases, from 1 */
	const char *q;   /* the search (pseudonym, name or first name), or NULL */
	int lead;        /* the reader leads a team: a link to the team's page */
};
void counsel_view_list(struct req *r, struct resp *w, const struct counsel_list_view *v);
void counsel_view_new(struct req *r, struct resp *w, const struct form *f);
struct counsel_case_view {
	const struct counsel_file *f;
	const char *notice;
	const char *problem;          /* a sentence at the top (a refused change) */
	const struct form *session;   /* a session's form sent with errors, shown again; NULL: none */
	int glass;                    /* a break-glass read: read-only, no actions */
	const struct form *profile;   /* the profile's form sent with errors (counsel_case_fields); NULL: none */
	/* another of the case page's forms sent with errors, shown open again
	 * with what was typed: "consent", "goal", "step" (of goal sent_id) or
	 * "outcome" (sent_id); NULL: none. Its fields are plan.c's. */
	const char *sent;
	int64_t sent_id;
	const struct form *sent_form;
};
/* The form of a session (plan.c). */
enum { SF_DATE, SF_MINUTES, SF_FORM, SF_TOPICS, SF_NOTES, SF_NEXT, SF_FOLLOW, SF__MAX };
extern const struct field counsel_session_fields[SF__MAX];
void counsel_view_case(struct req *r, struct resp *w, const struct counsel_case_view *v);
/* f: the identity sent with errors (indexes of counsel_case_fields), or NULL. */
void counsel_view_identity(struct req *r, struct resp *w, const struct counsel_case *c,
			   const struct counsel_identity *id, const char *notice, const struct form *f);
/* sent: the referral form sent with errors (plan.c's fields: service_id,
 * channel, shared), shown open again at its offer; NULL: none. */
void counsel_view_match(struct req *r, struct resp *w, const struct counsel_case *c, const struct counsel_match *m,
			size_t n, const struct form *sent);
void counsel_view_provider(struct req *r, struct resp *w, const struct counsel_referral *v, const char *const *first,
			   const char *const *contact, size_t n, const char *notice);
/* The taxonomies of the directory in r's language (for the profile's
 * stage, target group, district and needs); NULL and 0 when unreadable. */
struct counsel_terms {
	struct dir_taxonomy *t;
	size_t n;
};
struct counsel_terms counsel_terms_load(struct req *r);
/* The name of a term code of taxonomy, or the code itself. */
const char *counsel_term_name(const struct counsel_terms *t, const char *taxonomy, const char *code);
/* The form parts the new case and the case page share: a select of the
 * terms of taxonomy; the needs as checkboxes (each ticked code sent as
 * "needs"); the profile's fields (f: the form sent, else c's values). */
struct html;
struct fields_in;
void counsel_term_select(struct html *h, struct req *r, const struct counsel_terms *terms, const char *taxonomy,
			 struct fields_in *in);
void counsel_needs_boxes(struct html *h, struct req *r, const struct counsel_terms *terms, const char *ticked,
			 const char *err);
void counsel_profile_fields(struct html *h, struct req *r, const struct counsel_terms *terms, const struct form *f,
			    const struct counsel_case *c);
/* The error summary of a form over counsel_case_fields (NULL: nothing). */
void counsel_summary(struct html *h, struct req *r, const struct form *f);
/* The needs ticked in r's form, comma-separated (to show them again). */
const char *counsel_form_needs(struct req *r);
/* Translated copies of the NULL-terminated msgids labels, and their count. */
const char **counsel_tr(struct req *r, const char *const *labels, size_t *n);

/* ---- export (privacy.c) ---- */
/* Everything held on case c as JSON text (in a), with its audit rows. */
char *counsel_export_json(struct store *s, arena *a, const struct counsel_case *c);

/* ---- the evidence loop's counts (evidence.c, declines.c) ---- */
/* Only cases with a live consent to statistics count (c: the case). */
#define COUNSEL_EV_CONSENTING                                                                            \
	"EXISTS (SELECT 1 FROM counsel_consent k WHERE k.case_id = c.id AND k.purpose = 'statistics' AND " \
	"k.withdrawn_on IS NULL)"
/* The statement sql with ?1 from and ?2 to bound (NULL: left NULL, open
 * on that side); NULL on failure. */
sqlite3_stmt *counsel_ev_stmt(struct store *s, const char *sql, const char *from, const char *to);
/* After st's rows (k: the last store_step): st reset; ST_OK when they
 * ended, ST_ERR when a read failed. */
int counsel_ev_end(sqlite3_stmt *st, int k);

#endif
