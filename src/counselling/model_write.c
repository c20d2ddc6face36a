/* model_write.c — the counselling model's writes, each one transaction:
 * cases and their identity, consent, sessions, the plan, referrals and
 * their flow, outcomes, closing, restriction and erasure. Texts are
 * sealed with the case key here, before they reach the store. */
#include "counselling/counselling_internal.h"
#include "core/core.h"

#include <jansson.h>
#include <string.h>

static void bind_blob(sqlite3_stmt *st, int i, const unsigned char *p, size_t n)
{
	if (p)
		sqlite3_bind_blob(st, i, p, (int)n, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

/* Seal text for field of c and bind it as parameter i. */
static void bind_sealed(arena *a, sqlite3_stmt *st, int i, const struct counsel_case *c, const char *field,
			const char *text)
{
	const unsigned char *p;
	size_t n;
	counsel_seal(a, &c->key, field, text, &p, &n);
	bind_blob(st, i, p, n);
}

static char *identity_json(const struct counsel_identity *id)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", id->name ? id->name : "", "first_name",
			      id->first_name ? id->first_name : "", "contact", id->contact ? id->contact : "",
			      "birth_date", id->birth_date ? id->birth_date : "", "guardian",
			      id->guardian ? id->guardian : "");
	char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	return text;
}

static int put_identity(struct store *s, arena *a, const struct counsel_case *c, const struct counsel_identity *id)
{
	char *text = identity_json(id);
	if (!text)
		return ST_ERR;
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO counsel_identity(case_id, sealed) VALUES (?, ?) ON CONFLICT "
					 "(case_id) DO UPDATE SET sealed = excluded.sealed");
	int rc = ST_ERR;
	if (st) {
		sqlite3_bind_int64(st, 1, c->id);
		bind_sealed(a, st, 2, c, "identity", text);
		rc = store_exec_stmt(s, st);
	}
	sodium_memzero(text, strlen(text));
	free(text);
	return rc;
}

/* Bind the profile of in as parameters from i: age_band .. needs (10
 * values), then the sealed residence status and the sealed interests. */
static void bind_profile(arena *a, sqlite3_stmt *st, int i, const struct counsel_case *c,
			 const struct counsel_case *in)
{
	const char *v[] = { in->age_band, in->languages, in->german_level, in->school_cert, in->school_country,
			    in->recognition, in->stage, in->target_group, in->district, in->needs };
	for (size_t k = 0; k < sizeof(v) / sizeof(v[0]); k++)
		store_bind_str(st, i + (int)k, v[k]);
	bind_sealed(a, st, i + 10, c, "residence", in->residence);
	bind_sealed(a, st, i + 11, c, "interests", in->interests);
}

int counsel_case_create(struct store *s, arena *a, const struct counsel_who *owner, const struct counsel_case *in,
			const struct counsel_identity *id, const char *opened_on, char out[COUNSEL_PSEUDONYM_LEN + 1])
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	struct counsel_case c = { 0 };
	for (int tries = 0; rc == ST_OK && tries < 20; tries++) {
		counsel_pseudonym_new(out);
		c.pseudonym = out;
		const unsigned char *wrapped;
		size_t wlen;
		rc = counsel_key_new(s, a, out, &c.key, &wrapped, &wlen);
		sqlite3_stmt *st = rc == ST_OK ? store_stmt(s, "INSERT INTO counsel_case(pseudonym, owner_id, team_id, "
							       "wrapped_key, age_band, languages, german_level, "
							       "school_cert, school_country, recognition, stage, "
							       "target_group, district, needs, residence_sealed, "
							       "interests_sealed, opened_on) VALUES (?, ?, ?, ?, ?, ?, "
							       "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
							       "(pseudonym) DO NOTHING")
					       : NULL;
		if (!st) {
			rc = ST_ERR;
			break;
		}
		sqlite3_bind_text(st, 1, out, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, owner->user_id);
		if (owner->team_id)
			sqlite3_bind_int64(st, 3, owner->team_id);
		else
			sqlite3_bind_null(st, 3);
		bind_blob(st, 4, wrapped, wlen);
		bind_profile(a, st, 5, &c, in);
		store_bind_str(st, 17, opened_on);
		rc = store_exec_stmt(s, st);
		if (rc == ST_OK && sqlite3_changes(store_db(s)) == 1) {
			c.id = sqlite3_last_insert_rowid(store_db(s));
			break;
		}
		rc = rc == ST_OK ? ST_CONFLICT : rc; /* the pseudonym is taken: another */
		if (rc == ST_CONFLICT)
			rc = ST_OK;
	}
	if (rc == ST_OK && c.id == 0)
		rc = ST_ERR;
	if (rc == ST_OK)
		rc = put_identity(s, a, &c, id);
	counsel_key_forget(&c.key);
	return store_tx_end(s, &tx, rc);
}

int counsel_profile_update(struct store *s, arena *a, const struct counsel_case *c, const struct counsel_case *in)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE counsel_case SET age_band = ?1, languages = ?2, german_level = ?3, "
					 "school_cert = ?4, school_country = ?5, recognition = ?6, stage = ?7, "
					 "target_group = ?8, district = ?9, needs = ?10, residence_sealed = CASE WHEN ?14 "
					 "THEN residence_sealed ELSE ?11 END, interests_sealed = ?12, updated_at = "
					 "CURRENT_TIMESTAMP WHERE id = ?13");
	if (!st)
		return ST_ERR;
	bind_profile(a, st, 1, c, in);
	sqlite3_bind_int64(st, 13, c->id);
	sqlite3_bind_int(st, 14, in->residence == NULL); /* the switch is off: keep what is stored */
	return store_exec_changed(s, st);
}

int counsel_identity_put(struct store *s, arena *a, const struct counsel_case *c, const struct counsel_identity *id)
{
	return put_identity(s, a, c, id);
}

int counsel_consent_give(struct store *s, const struct counsel_case *c, const char *purpose, const char *org_id,
			 const char *given_by, const char *given_on, int64_t by)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO counsel_consent(case_id, purpose, org_id, given_by, given_on, "
					 "text_version, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, c->id);
	store_bind_str(st, 2, purpose);
	store_bind_str(st, 3, org_id);
	store_bind_str(st, 4, given_by);
	store_bind_str(st, 5, given_on);
	sqlite3_bind_text(st, 6, COUNSEL_CONSENT_VERSION, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, by);
	return store_exec_stmt(s, st);
}

int counsel_consent_withdraw_id(struct store *s, const struct counsel_case *c, int64_t id, const char *today)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE counsel_consent SET withdrawn_on = ? WHERE id = ? AND case_id = ? "
					 "AND withdrawn_on IS NULL");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, today);
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, c->id);
	return store_exec_changed(s, st);
}

int counsel_session_put(struct store *s, arena *a, const struct counsel_case *c, const struct counsel_session *v,
			int64_t by)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO counsel_session(case_id, held_on, minutes, form, topics, "
					 "notes_sealed, next_sealed, follow_up, counsellor_id) VALUES (?, ?, ?, ?, ?, ?, "
					 "?, ?, ?)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, c->id);
	store_bind_str(st, 2, v->held_on);
	sqlite3_bind_int(st, 3, v->minutes);
	store_bind_str(st, 4, v->form);
	store_bind_str(st, 5, v->topics);
	bind_sealed(a, st, 6, c, "notes", v->notes);
	bind_sealed(a, st, 7, c, "next", v->next_steps);
	store_bind_opt(st, 8, v->follow_up);
	sqlite3_bind_int64(st, 9, by);
	return store_exec_stmt(s, st);
}

int counsel_goal_put(struct store *s, arena *a, const struct counsel_case *c, const char *phase, const char *title)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO counsel_goal(case_id, phase, title_sealed) VALUES (?, ?, ?)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, c->id);
	store_bind_str(st, 2, phase);
	bind_sealed(a, st, 3, c, "goal", title);
	return store_exec_stmt(s, st);
}

int counsel_step_put(struct store *s, arena *a, const struct counsel_case *c, int64_t goal_id,
		     const struct counsel_step *v)
{
	/* the goal must be one of this case's */
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO counsel_step(goal_id, what_sealed, who, due) SELECT id, ?, ?, ? "
					 "FROM counsel_goal WHERE id = ? AND case_id = ?");
	if (!st)
		return ST_ERR;
	bind_sealed(a, st, 1, c, "step", v->what);
	store_bind_str(st, 2, v->who);
	store_bind_opt(st, 3, v->due);
	sqlite3_bind_int64(st, 4, goal_id);
	sqlite3_bind_int64(st, 5, c->id);
	return store_exec_changed(s, st);
}

int counsel_step_set_done(struct store *s, const struct counsel_case *c, int64_t step_id, int done)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE counsel_step SET done = ? WHERE id = ? AND goal_id IN (SELECT id FROM "
					 "counsel_goal WHERE case_id = ?)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int(st, 1, done ? 1 : 0);
	sqlite3_bind_int64(st, 2, step_id);
	sqlite3_bind_int64(st, 3, c->id);
	return store_exec_changed(s, st);
}

static int add_step(struct store *s, int64_t referral, const char *status, const char *reason, const char *today,
		    int64_t by)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO counsel_referral_step(referral_id, status, on_day, reason, "
					 "by_user) VALUES (?, ?, ?, ?, ?)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, referral);
	store_bind_str(st, 2, status);
	store_bind_str(st, 3, today);
	store_bind_str(st, 4, reason);
	sqlite3_bind_int64(st, 5, by);
	return store_exec_stmt(s, st);
}

int counsel_referral_put(struct store *s, arena *a, const struct counsel_case *c, const char *service_id,
			 const char *org_id, const char *service_name, const char *channel, const char *shared,
			 const char *today, int64_t by, int64_t *id)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc == ST_OK) {
		int live = counsel_consent_live(s, c->id, "referral", org_id);
		rc = live < 0 ? ST_ERR : live == 0 ? ST_CONFLICT : ST_OK;
	}
	sqlite3_stmt *st = rc == ST_OK ? store_stmt(s, "INSERT INTO counsel_referral(case_id, service_id, org_id, "
						       "service_name, status, channel, shared_sealed, created_on) "
						       "VALUES (?, ?, ?, ?, 'proposed', ?, ?, ?)")
				       : NULL;
	if (rc == ST_OK && !st)
		rc = ST_ERR;
	if (rc == ST_OK) {
		sqlite3_bind_int64(st, 1, c->id);
		store_bind_str(st, 2, service_id);
		store_bind_str(st, 3, org_id);
		store_bind_str(st, 4, service_name);
		store_bind_str(st, 5, channel);
		bind_sealed(a, st, 6, c, "shared", shared);
		store_bind_str(st, 7, today);
		rc = store_exec_stmt(s, st);
	}
	if (rc == ST_OK) {
		*id = sqlite3_last_insert_rowid(store_db(s));
		rc = add_step(s, *id, "proposed", "", today, by);
	}
	return store_tx_end(s, &tx, rc);
}

/* Follow-ups 3, 6 and 12 months after day, for the case (referral 0) or
 * a referral. */
static int add_follow_ups(struct store *s, int64_t case_id, int64_t referral, const char *day)
{
	static const int months[] = { 3, 6, 12 };
	for (size_t i = 0; i < 3; i++) {
		char due[11];
		counsel_day_add(day, months[i] * 365 / 12 + (months[i] == 12 ? 0 : 1), due);
		sqlite3_stmt *st = store_stmt(s, "INSERT INTO counsel_outcome(case_id, referral_id, months, due_on) "
						 "VALUES (?, ?, ?, ?)");
		if (!st)
			return ST_ERR;
		sqlite3_bind_int64(st, 1, case_id);
		if (referral)
			sqlite3_bind_int64(st, 2, referral);
		else
			sqlite3_bind_null(st, 2);
		sqlite3_bind_int(st, 3, months[i]);
		store_bind_str(st, 4, due);
		if (store_exec_stmt(s, st) != ST_OK)
			return ST_ERR;
	}
	return ST_OK;
}

int counsel_referral_set(struct store *s, int64_t case_id, const char *org_id, int64_t id, const char *to,
			 const char *reason, const char *today, int64_t by)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	sqlite3_stmt *st = rc == ST_OK ? store_stmt(s, "SELECT r.status, r.case_id, r.org_id, c.restricted FROM "
						       "counsel_referral r JOIN counsel_case c ON c.id = r.case_id "
						       "WHERE r.id = ?")
				       : NULL;
	char from[16] = "", org[64] = "";
	int64_t cid = 0;
	int restricted = 0;
	if (rc == ST_OK && !st)
		rc = ST_ERR;
	if (rc == ST_OK) {
		sqlite3_bind_int64(st, 1, id);
		int k = store_step(st);
		if (k > 0) {
			snprintf(from, sizeof(from), "%s", store_col_text(st, 0));
			cid = sqlite3_column_int64(st, 1);
			snprintf(org, sizeof(org), "%s", store_col_text(st, 2));
			restricted = sqlite3_column_int(st, 3);
		}
		sqlite3_reset(st);
		rc = k < 0 ? ST_ERR : k == 0 ? ST_NOTFOUND : ST_OK;
	}
	/* the counsellor names the case, the provider its organisation */
	if (rc == ST_OK && (org_id ? strcmp(org, org_id) != 0 || strcmp(from, "proposed") == 0 || restricted
				   : cid != case_id))
		rc = ST_NOTFOUND;
	if (rc == ST_OK && !counsel_move_allowed(from, to, org_id != NULL))
		rc = ST_CONFLICT;
	if (rc == ST_OK && strcmp(to, "sent") == 0) {
		int live = counsel_consent_live(s, cid, "referral", org);
		rc = live < 0 ? ST_ERR : live == 0 ? ST_CONFLICT : ST_OK;
	}
	if (rc == ST_OK) {
		st = store_stmt(s, "UPDATE counsel_referral SET status = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?");
		if (!st)
			rc = ST_ERR;
		else {
			store_bind_str(st, 1, to);
			sqlite3_bind_int64(st, 2, id);
			rc = store_exec_changed(s, st);
		}
	}
	if (rc == ST_OK)
		rc = add_step(s, id, to, reason, today, by);
	if (rc == ST_OK && strcmp(to, "completed") == 0)
		rc = add_follow_ups(s, cid, id, today);
	return store_tx_end(s, &tx, rc);
}

int counsel_outcome_put(struct store *s, const struct counsel_case *c, int64_t id, const char *result,
			const char *occupation, const char *today)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE counsel_outcome SET result = ?, occupation = ?, recorded_on = ? WHERE "
					 "id = ? AND case_id = ?");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, result);
	store_bind_str(st, 2, occupation);
	store_bind_str(st, 3, today);
	sqlite3_bind_int64(st, 4, id);
	sqlite3_bind_int64(st, 5, c->id);
	return store_exec_changed(s, st);
}

int counsel_case_close(struct store *s, const struct counsel_case *c, const char *today)
{
	int closing = strcmp(c->status, "open") == 0;
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	sqlite3_stmt *st = rc == ST_OK ? store_stmt(s, "UPDATE counsel_case SET status = ?, closed_on = ?, updated_at "
						       "= CURRENT_TIMESTAMP WHERE id = ?")
				       : NULL;
	if (rc == ST_OK && !st)
		rc = ST_ERR;
	if (rc == ST_OK) {
		sqlite3_bind_text(st, 1, closing ? "closed" : "open", -1, SQLITE_STATIC);
		store_bind_opt(st, 2, closing ? today : NULL);
		sqlite3_bind_int64(st, 3, c->id);
		rc = store_exec_changed(s, st);
	}
	if (rc == ST_OK && closing)
		rc = add_follow_ups(s, c->id, 0, today);
	return store_tx_end(s, &tx, rc);
}

int counsel_case_restrict(struct store *s, const struct counsel_case *c, int restricted)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE counsel_case SET restricted = ?, updated_at = CURRENT_TIMESTAMP WHERE "
					 "id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int(st, 1, restricted ? 1 : 0);
	sqlite3_bind_int64(st, 2, c->id);
	return store_exec_changed(s, st);
}

int counsel_glass_put(struct store *s, arena *a, const struct counsel_case *c, int64_t user, const char *reason)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO counsel_break_glass(case_id, user_id, reason_sealed) VALUES (?, ?, ?)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, c->id);
	sqlite3_bind_int64(st, 2, user);
	bind_sealed(a, st, 3, c, "glass", reason);
	return store_exec_stmt(s, st);
}

int counsel_case_erase(struct store *s, int64_t id)
{
	static const char *const sql[] = {
		"DELETE FROM counsel_break_glass WHERE case_id = ?",
		"DELETE FROM counsel_referral_step WHERE referral_id IN (SELECT id FROM counsel_referral WHERE "
		"case_id = ?)",
		"DELETE FROM counsel_step WHERE goal_id IN (SELECT id FROM counsel_goal WHERE case_id = ?)",
		"DELETE FROM counsel_outcome WHERE case_id = ?",
		"DELETE FROM counsel_referral WHERE case_id = ?",
		"DELETE FROM counsel_goal WHERE case_id = ?",
		"DELETE FROM counsel_session WHERE case_id = ?",
		"DELETE FROM counsel_consent WHERE case_id = ?",
		"DELETE FROM counsel_share WHERE case_id = ?",
		"DELETE FROM counsel_identity WHERE case_id = ?",
		"DELETE FROM counsel_case WHERE id = ?",
	};
	if (store_secure_delete(s, 1) != ST_OK)
		return ST_ERR;
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	for (size_t i = 0; rc == ST_OK && i < sizeof(sql) / sizeof(sql[0]); i++) {
		sqlite3_stmt *st = store_stmt(s, sql[i]);
		if (!st) {
			rc = ST_ERR;
			break;
		}
		sqlite3_bind_int64(st, 1, id);
		rc = i + 1 == sizeof(sql) / sizeof(sql[0]) ? store_exec_changed(s, st) : store_exec_stmt(s, st);
	}
	rc = store_tx_end(s, &tx, rc);
	if (store_secure_delete(s, 0) != ST_OK && rc == ST_OK)
		rc = ST_ERR;
	return rc;
}

int counsel_team_put(struct store *s, const char *name, int64_t *id)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO counsel_team(name) VALUES (?)");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, name);
	int rc = store_exec_stmt(s, st);
	if (rc == ST_OK)
		*id = sqlite3_last_insert_rowid(store_db(s));
	return rc;
}

int counsel_staff_put(struct store *s, int64_t user_id, int64_t team_id, int lead)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO counsel_staff(user_id, team_id, lead) VALUES (?, ?, ?) ON "
					 "CONFLICT (user_id) DO UPDATE SET team_id = excluded.team_id, lead = excluded.lead");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, user_id);
	if (team_id)
		sqlite3_bind_int64(st, 2, team_id);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_int(st, 3, lead ? 1 : 0);
	return store_exec_stmt(s, st);
}

int counsel_share_put(struct store *s, int64_t case_id, int64_t user_id)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO counsel_share(case_id, user_id) VALUES (?, ?) ON CONFLICT "
					 "(case_id, user_id) DO NOTHING");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, user_id);
	return store_exec_stmt(s, st);
}

int counsel_share_delete(struct store *s, int64_t case_id, int64_t user_id)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM counsel_share WHERE case_id = ? AND user_id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, user_id);
	return store_exec_changed(s, st);
}

int counsel_case_reassign(struct store *s, int64_t case_id, int64_t from, int64_t to)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	sqlite3_stmt *st = NULL;
	if (rc == ST_OK && !(st = store_stmt(s, "UPDATE counsel_case SET owner_id = ?3, updated_at = CURRENT_TIMESTAMP "
						 "WHERE id = ?1 AND owner_id = ?2")))
		rc = ST_ERR;
	if (rc == ST_OK) {
		sqlite3_bind_int64(st, 1, case_id);
		sqlite3_bind_int64(st, 2, from);
		sqlite3_bind_int64(st, 3, to);
		rc = store_exec_changed(s, st);
	}
	/* the new counsellor owns it now: a sharing with them ends (none is fine) */
	if (rc == ST_OK && counsel_share_delete(s, case_id, to) == ST_ERR)
		rc = ST_ERR;
	return store_tx_end(s, &tx, rc);
}
