/* model.c — the counselling model's reads: who may see which case, a
 * case with its key opened, the list, a case's whole file, its identity,
 * consent, the provider's referrals. Writes: model_write.c. */
#include "counselling/counselling_internal.h"
#include "auth/auth.h"
#include "core/core.h"

#include <jansson.h>
#include <string.h>

int counsel_who_load(struct store *s, int64_t user_id, struct counsel_who *out)
{
	*out = (struct counsel_who){ .user_id = user_id };
	sqlite3_stmt *st = store_stmt(s, "SELECT coalesce(team_id, 0), lead FROM counsel_staff WHERE user_id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, user_id);
	int k = store_step(st);
	if (k > 0) {
		out->team_id = sqlite3_column_int64(st, 0);
		out->lead = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return k >= 0 ? ST_OK : ST_ERR;
}

#define CASE_COLS                                                                                              \
	"c.id, c.pseudonym, c.owner_id, coalesce(c.team_id, 0), c.status, c.restricted, c.wrapped_key, c.age_band, " \
	"c.languages, c.german_level, c.school_cert, c.school_country, c.recognition, c.stage, c.target_group, "     \
	"c.district, c.needs, c.residence_sealed, c.interests_sealed, c.opened_on, c.closed_on"

/* The row of CASE_COLS at st into out; with_key: open its key and texts. */
static int read_case(struct store *s, arena *a, sqlite3_stmt *st, int with_key, struct counsel_case *out)
{
	*out = (struct counsel_case){
		.id = sqlite3_column_int64(st, 0),
		.pseudonym = store_col_str(a, st, 1),
		.owner_id = sqlite3_column_int64(st, 2),
		.team_id = sqlite3_column_int64(st, 3),
		.status = store_col_str(a, st, 4),
		.restricted = sqlite3_column_int(st, 5),
		.age_band = store_col_str(a, st, 7),
		.languages = store_col_str(a, st, 8),
		.german_level = store_col_str(a, st, 9),
		.school_cert = store_col_str(a, st, 10),
		.school_country = store_col_str(a, st, 11),
		.recognition = store_col_str(a, st, 12),
		.stage = store_col_str(a, st, 13),
		.target_group = store_col_str(a, st, 14),
		.district = store_col_str(a, st, 15),
		.needs = store_col_str(a, st, 16),
		.residence = "",
		.interests = "",
		.opened_on = store_col_str(a, st, 19),
		.closed_on = store_col_opt(a, st, 20),
	};
	out->frozen = out->restricted;
	if (!with_key)
		return ST_OK;
	if (counsel_key_unwrap(s, out->pseudonym, sqlite3_column_blob(st, 6), (size_t)sqlite3_column_bytes(st, 6),
			       &out->key) != ST_OK)
		return ST_ERR;
	out->interests = counsel_open(a, &out->key, "interests", sqlite3_column_blob(st, 18),
				      (size_t)sqlite3_column_bytes(st, 18));
	out->residence = counsel_open(a, &out->key, "residence", sqlite3_column_blob(st, 17),
				      (size_t)sqlite3_column_bytes(st, 17));
	return out->interests && out->residence ? ST_OK : ST_ERR;
}

int counsel_case_get(struct store *s, arena *a, const struct counsel_who *who, const char *pseudonym,
		     struct counsel_case *out)
{
	if (!counsel_pseudonym_valid(pseudonym))
		return ST_NOTFOUND;
	sqlite3_stmt *st = store_stmt(
		s, "SELECT " CASE_COLS " FROM counsel_case c WHERE c.pseudonym = ?1 AND (c.owner_id = ?2 OR EXISTS "
		   "(SELECT 1 FROM counsel_share sh WHERE sh.case_id = c.id AND sh.user_id = ?2) OR (?3 = 1 AND "
		   "c.team_id = ?4))");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, pseudonym, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, who->user_id);
	sqlite3_bind_int(st, 3, who->lead && who->team_id ? 1 : 0);
	sqlite3_bind_int64(st, 4, who->team_id);
	int k = store_step(st);
	int rc = k < 0 ? ST_ERR : k == 0 ? ST_NOTFOUND : read_case(s, a, st, 1, out);
	sqlite3_reset(st);
	return rc;
}

int counsel_case_by_pseudonym(struct store *s, arena *a, const char *pseudonym, struct counsel_case *out)
{
	if (!counsel_pseudonym_valid(pseudonym))
		return ST_NOTFOUND;
	sqlite3_stmt *st = store_stmt(s, "SELECT " CASE_COLS " FROM counsel_case c WHERE c.pseudonym = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, pseudonym, -1, SQLITE_TRANSIENT);
	int k = store_step(st);
	int rc = k < 0 ? ST_ERR : k == 0 ? ST_NOTFOUND : read_case(s, a, st, 1, out);
	sqlite3_reset(st);
	return rc;
}

int counsel_case_list(struct store *s, arena *a, const struct counsel_who *who, struct counsel_case **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(
		s, "SELECT " CASE_COLS ", (SELECT max(held_on) FROM counsel_session v WHERE v.case_id = c.id), "
		   "(SELECT min(d) FROM (SELECT v.follow_up AS d FROM counsel_session v WHERE v.case_id = c.id AND "
		   "v.follow_up IS NOT NULL AND v.held_on = (SELECT max(held_on) FROM counsel_session v2 WHERE "
		   "v2.case_id = c.id) UNION ALL SELECT o.due_on FROM counsel_outcome o WHERE o.case_id = c.id AND "
		   "o.result IS NULL) AS due) "
		   "FROM counsel_case c WHERE c.owner_id = ?1 OR EXISTS (SELECT 1 FROM counsel_share sh WHERE "
		   "sh.case_id = c.id AND sh.user_id = ?1) OR (?2 = 1 AND c.team_id = ?3) "
		   "ORDER BY c.status DESC, c.pseudonym");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, who->user_id);
	sqlite3_bind_int(st, 2, who->lead && who->team_id ? 1 : 0);
	sqlite3_bind_int64(st, 3, who->team_id);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 64);
		struct counsel_case *c = &(*out)[(*n)++];
		read_case(s, a, st, 0, c);
		c->last_contact = store_col_opt(a, st, 21);
		c->next_follow_up = store_col_opt(a, st, 22);
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

static const char *opened(arena *a, const struct counsel_case *c, const char *field, sqlite3_stmt *st, int i)
{
	return counsel_open(a, &c->key, field, sqlite3_column_blob(st, i), (size_t)sqlite3_column_bytes(st, i));
}

static int load_consents(struct store *s, arena *a, const struct counsel_case *c, struct counsel_file *f)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id, purpose, org_id, given_by, given_on, text_version, withdrawn_on "
					 "FROM counsel_consent WHERE case_id = ? ORDER BY given_on, id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, c->id);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		f->consents = arena_grow(a, f->consents, f->nconsents, &cap, sizeof(*f->consents), 8);
		f->consents[f->nconsents++] = (struct counsel_consent){
			sqlite3_column_int64(st, 0), store_col_str(a, st, 1), store_col_str(a, st, 2),
			store_col_str(a, st, 3),     store_col_str(a, st, 4), store_col_str(a, st, 5),
			store_col_opt(a, st, 6),     NULL,
		};
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

static int load_sessions(struct store *s, arena *a, const struct counsel_case *c, struct counsel_file *f)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id, held_on, minutes, form, topics, notes_sealed, next_sealed, "
					 "follow_up FROM counsel_session WHERE case_id = ? ORDER BY held_on DESC, id DESC");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, c->id);
	size_t cap = 0;
	int k, bad = 0;
	while ((k = store_step(st)) > 0) {
		f->sessions = arena_grow(a, f->sessions, f->nsessions, &cap, sizeof(*f->sessions), 8);
		struct counsel_session *v = &f->sessions[f->nsessions++];
		*v = (struct counsel_session){ .id = sqlite3_column_int64(st, 0),
					       .held_on = store_col_str(a, st, 1),
					       .minutes = sqlite3_column_int(st, 2),
					       .form = store_col_str(a, st, 3),
					       .topics = store_col_str(a, st, 4),
					       .notes = opened(a, c, "notes", st, 5),
					       .next_steps = opened(a, c, "next", st, 6),
					       .follow_up = store_col_opt(a, st, 7) };
		bad |= !v->notes || !v->next_steps;
	}
	sqlite3_reset(st);
	return k == 0 && !bad ? ST_OK : ST_ERR;
}

static int load_plan(struct store *s, arena *a, const struct counsel_case *c, struct counsel_file *f)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id, phase, title_sealed, status FROM counsel_goal WHERE case_id = ? "
					 "ORDER BY id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, c->id);
	size_t cap = 0;
	int k, bad = 0;
	while ((k = store_step(st)) > 0) {
		f->goals = arena_grow(a, f->goals, f->ngoals, &cap, sizeof(*f->goals), 8);
		struct counsel_goal *g = &f->goals[f->ngoals++];
		*g = (struct counsel_goal){ sqlite3_column_int64(st, 0), store_col_str(a, st, 1),
					    opened(a, c, "goal", st, 2), store_col_str(a, st, 3), NULL, 0 };
		bad |= !g->title;
	}
	sqlite3_reset(st);
	if (k != 0 || bad)
		return ST_ERR;
	st = store_stmt(s, "SELECT t.id, t.goal_id, t.what_sealed, t.who, t.due, t.done FROM counsel_step t JOIN "
			   "counsel_goal g ON g.id = t.goal_id WHERE g.case_id = ? ORDER BY t.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, c->id);
	size_t *caps = arena_alloc(a, (f->ngoals + 1) * sizeof(*caps));
	memset(caps, 0, (f->ngoals + 1) * sizeof(*caps));
	while ((k = store_step(st)) > 0) {
		int64_t gid = sqlite3_column_int64(st, 1);
		for (size_t i = 0; i < f->ngoals; i++) {
			struct counsel_goal *g = &f->goals[i];
			if (g->id != gid)
				continue;
			g->steps = arena_grow(a, g->steps, g->nsteps, &caps[i], sizeof(*g->steps), 4);
			struct counsel_step *t = &g->steps[g->nsteps++];
			*t = (struct counsel_step){ sqlite3_column_int64(st, 0), gid, opened(a, c, "step", st, 2),
						    store_col_str(a, st, 3), store_col_opt(a, st, 4),
						    sqlite3_column_int(st, 5) };
			bad |= !t->what;
		}
	}
	sqlite3_reset(st);
	return k == 0 && !bad ? ST_OK : ST_ERR;
}

/* The referral row of st (id, case_id, pseudonym, service_id, org_id,
 * service_name, status, channel, shared_sealed, created_on, updated_at);
 * shared opened with key (NULL: left NULL). */
static void read_referral(arena *a, sqlite3_stmt *st, const struct counsel_case *c, struct counsel_referral *v)
{
	*v = (struct counsel_referral){
		.id = sqlite3_column_int64(st, 0),     .case_id = sqlite3_column_int64(st, 1),
		.pseudonym = store_col_str(a, st, 2),  .service_id = store_col_str(a, st, 3),
		.org_id = store_col_str(a, st, 4),     .service_name = store_col_str(a, st, 5),
		.status = store_col_str(a, st, 6),     .channel = store_col_str(a, st, 7),
		.created_on = store_col_str(a, st, 9), .updated_at = store_col_str(a, st, 10),
	};
	if (c)
		v->shared = opened(a, c, "shared", st, 8);
}

static int load_referrals(struct store *s, arena *a, const struct counsel_case *c, struct counsel_file *f)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT r.id, r.case_id, '', r.service_id, r.org_id, r.service_name, "
					 "r.status, r.channel, r.shared_sealed, r.created_on, r.updated_at FROM "
					 "counsel_referral r WHERE r.case_id = ? ORDER BY r.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, c->id);
	size_t cap = 0;
	int k, bad = 0;
	while ((k = store_step(st)) > 0) {
		f->referrals = arena_grow(a, f->referrals, f->nreferrals, &cap, sizeof(*f->referrals), 8);
		struct counsel_referral *v = &f->referrals[f->nreferrals++];
		read_referral(a, st, c, v);
		v->pseudonym = c->pseudonym;
		bad |= !v->shared;
	}
	sqlite3_reset(st);
	return k == 0 && !bad ? ST_OK : ST_ERR;
}

static int load_outcomes(struct store *s, arena *a, const struct counsel_case *c, struct counsel_file *f)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id, coalesce(referral_id, 0), months, due_on, result, occupation, "
					 "recorded_on FROM counsel_outcome WHERE case_id = ? ORDER BY due_on, id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, c->id);
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		f->outcomes = arena_grow(a, f->outcomes, f->noutcomes, &cap, sizeof(*f->outcomes), 8);
		f->outcomes[f->noutcomes++] = (struct counsel_outcome){
			sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int(st, 2),
			store_col_str(a, st, 3),     store_col_opt(a, st, 4),     store_col_str(a, st, 5),
			store_col_opt(a, st, 6),
		};
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

static int load_glass(struct store *s, arena *a, const struct counsel_case *c, struct counsel_file *f)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT user_id, at, reason_sealed FROM counsel_break_glass WHERE case_id = ? "
					 "ORDER BY id DESC");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, c->id);
	size_t cap = 0;
	int k, bad = 0;
	while ((k = store_step(st)) > 0) {
		f->glass = arena_grow(a, f->glass, f->nglass, &cap, sizeof(*f->glass), 4);
		struct counsel_glass *g = &f->glass[f->nglass++];
		*g = (struct counsel_glass){ sqlite3_column_int64(st, 0), "", store_col_str(a, st, 1),
					     opened(a, c, "glass", st, 2) };
		bad |= !g->reason;
	}
	sqlite3_reset(st);
	if (k != 0 || bad)
		return ST_ERR;
	for (size_t i = 0; i < f->nglass; i++) {
		struct user_row u;
		int rc = auth_user_by_id(s, a, f->glass[i].user_id, &u);
		if (rc == ST_OK)
			f->glass[i].user = u.email;
		else if (rc != ST_NOTFOUND)
			return ST_ERR;
	}
	return ST_OK;
}

int counsel_file_load(struct store *s, arena *a, const struct counsel_case *c, struct counsel_file *f)
{
	*f = (struct counsel_file){ .c = *c };
	struct store_tx tx;
	int rc = store_tx_read(s, &tx);
	if (rc == ST_OK)
		rc = load_consents(s, a, c, f);
	if (rc == ST_OK)
		rc = load_sessions(s, a, c, f);
	if (rc == ST_OK)
		rc = load_plan(s, a, c, f);
	if (rc == ST_OK)
		rc = load_referrals(s, a, c, f);
	if (rc == ST_OK)
		rc = load_outcomes(s, a, c, f);
	if (rc == ST_OK)
		rc = load_glass(s, a, c, f);
	return store_tx_end(s, &tx, rc);
}

static const char *json_str(arena *a, json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));
	return arena_strdup(a, v ? v : "");
}

int counsel_identity_get(struct store *s, arena *a, const struct counsel_case *c, struct counsel_identity *out)
{
	*out = (struct counsel_identity){ "", "", "", "", "" };
	sqlite3_stmt *st = store_stmt(s, "SELECT sealed FROM counsel_identity WHERE case_id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, c->id);
	int k = store_step(st);
	const char *text = k > 0 ? opened(a, c, "identity", st, 0) : "";
	sqlite3_reset(st);
	if (k < 0 || !text)
		return ST_ERR;
	if (!*text)
		return ST_OK;
	json_t *o = json_loads(text, 0, NULL);
	if (!json_is_object(o)) {
		json_decref(o);
		return ST_ERR;
	}
	*out = (struct counsel_identity){ json_str(a, o, "name"), json_str(a, o, "first_name"),
					  json_str(a, o, "contact"), json_str(a, o, "birth_date"),
					  json_str(a, o, "guardian") };
	json_decref(o);
	return ST_OK;
}

int counsel_consent_live(struct store *s, int64_t case_id, const char *purpose, const char *org_id)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM counsel_consent WHERE case_id = ? AND purpose = ? AND "
					 "org_id = ? AND withdrawn_on IS NULL");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, purpose, -1, SQLITE_STATIC);
	store_bind_str(st, 3, org_id);
	int k = store_step(st);
	int live = k > 0 ? sqlite3_column_int(st, 0) > 0 : -1;
	sqlite3_reset(st);
	return live;
}

int counsel_provider_referrals(struct store *s, arena *a, const char *org_id, struct counsel_referral **out,
			       size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT r.id, r.case_id, c.pseudonym, r.service_id, r.org_id, "
					 "r.service_name, r.status, r.channel, r.shared_sealed, r.created_on, "
					 "r.updated_at, c.wrapped_key FROM counsel_referral r JOIN counsel_case c ON "
					 "c.id = r.case_id WHERE r.org_id = ? AND r.status <> 'proposed' AND "
					 "c.restricted = 0 ORDER BY r.updated_at DESC, r.id DESC");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, org_id);
	size_t cap = 0;
	int k, bad = 0;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 16);
		struct counsel_referral *v = &(*out)[(*n)++];
		read_referral(a, st, NULL, v);
		struct counsel_case c = { .pseudonym = v->pseudonym };
		if (counsel_key_unwrap(s, v->pseudonym, sqlite3_column_blob(st, 11),
				       (size_t)sqlite3_column_bytes(st, 11), &c.key) != ST_OK) {
			bad = 1;
			continue;
		}
		v->shared = opened(a, &c, "shared", st, 8);
		counsel_key_forget(&c.key);
		bad |= !v->shared;
	}
	sqlite3_reset(st);
	return k == 0 && !bad ? ST_OK : ST_ERR;
}

int counsel_provider_contact(struct store *s, arena *a, int64_t case_id, const char *org_id, const char **first_name,
			     const char **contact)
{
	*first_name = *contact = NULL;
	int live = counsel_consent_live(s, case_id, "contact", org_id);
	if (live <= 0)
		return live < 0 ? ST_ERR : ST_OK;
	sqlite3_stmt *st = store_stmt(s, "SELECT pseudonym, wrapped_key FROM counsel_case WHERE id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, case_id);
	int k = store_step(st);
	struct counsel_case c = { .id = case_id };
	int rc = k > 0 ? ST_OK : k == 0 ? ST_NOTFOUND : ST_ERR;
	if (rc == ST_OK) {
		c.pseudonym = store_col_str(a, st, 0);
		rc = counsel_key_unwrap(s, c.pseudonym, sqlite3_column_blob(st, 1), (size_t)sqlite3_column_bytes(st, 1),
					&c.key);
	}
	sqlite3_reset(st);
	struct counsel_identity id;
	if (rc == ST_OK)
		rc = counsel_identity_get(s, a, &c, &id);
	counsel_key_forget(&c.key);
	if (rc == ST_OK) {
		*first_name = id.first_name;
		*contact = id.contact;
	}
	return rc;
}

/* Accounts by id into out (e-mail and name from auth); ST_OK or ST_ERR. */
static int people(struct store *s, arena *a, sqlite3_stmt *st, struct counsel_person **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 8);
		(*out)[(*n)++] = (struct counsel_person){ sqlite3_column_int64(st, 0), "", "" };
	}
	sqlite3_reset(st);
	if (k != 0)
		return ST_ERR;
	for (size_t i = 0; i < *n; i++) {
		struct user_row u;
		int rc = auth_user_by_id(s, a, (*out)[i].id, &u);
		if (rc == ST_OK) {
			(*out)[i].email = u.email;
			(*out)[i].name = u.name;
		} else if (rc != ST_NOTFOUND) {
			return ST_ERR;
		}
	}
	return ST_OK;
}

int counsel_team_members(struct store *s, arena *a, int64_t team_id, struct counsel_person **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT user_id FROM counsel_staff WHERE team_id = ? ORDER BY user_id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, team_id);
	return people(s, a, st, out, n);
}

int counsel_shares(struct store *s, arena *a, int64_t case_id, struct counsel_person **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT user_id FROM counsel_share WHERE case_id = ? ORDER BY user_id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, case_id);
	return people(s, a, st, out, n);
}

/* ---- the statistics' counts (stats.c), of consenting cases only ---- */

#define CONSENTING                                                                                       \
	"EXISTS (SELECT 1 FROM counsel_consent k WHERE k.case_id = c.id AND k.purpose = 'statistics' AND " \
	"k.withdrawn_on IS NULL)"

static const char *const stats_sql[CS__N] = {
	[CS_CASELOAD] = "SELECT c.status, '', count(*) FROM counsel_case c WHERE " CONSENTING
			" GROUP BY c.status ORDER BY c.status DESC",
	[CS_REFERRALS] = "SELECT r.service_name, r.status, count(*) FROM counsel_referral r JOIN counsel_case c ON "
			 "c.id = r.case_id WHERE " CONSENTING " GROUP BY r.service_name, r.status ORDER BY "
			 "r.service_name, r.status",
	[CS_BY_STAGE] = "SELECT c.stage, o.result, count(*) FROM counsel_outcome o JOIN counsel_case c ON c.id = "
			"o.case_id WHERE o.result IS NOT NULL AND " CONSENTING " GROUP BY c.stage, o.result ORDER BY "
			"c.stage, o.result",
	[CS_BY_GROUP] = "SELECT c.target_group, o.result, count(*) FROM counsel_outcome o JOIN counsel_case c ON "
			"c.id = o.case_id WHERE o.result IS NOT NULL AND " CONSENTING " GROUP BY c.target_group, "
			"o.result ORDER BY c.target_group, o.result",
	[CS_BY_LANGUAGE] = "SELECT c.languages, o.result, count(*) FROM counsel_outcome o JOIN counsel_case c ON "
			   "c.id = o.case_id WHERE o.result IS NOT NULL AND " CONSENTING " GROUP BY c.languages, "
			   "o.result ORDER BY c.languages, o.result",
};

static int stats_cells(struct store *s, arena *a, const char *sql, struct counsel_cell **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	if (!st)
		return ST_ERR;
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 16);
		(*out)[(*n)++] = (struct counsel_cell){ store_col_str(a, st, 0), store_col_str(a, st, 1),
							(long)sqlite3_column_int64(st, 2) };
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

/* The days from each consenting case's first session to its first
 * outcome "apprenticeship". */
static int stats_days(struct store *s, arena *a, struct counsel_stats *out)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT (SELECT min(v.held_on) FROM counsel_session v WHERE v.case_id = c.id), "
					 "(SELECT min(o.recorded_on) FROM counsel_outcome o WHERE o.case_id = c.id AND "
					 "o.result = 'apprenticeship') FROM counsel_case c WHERE " CONSENTING);
	if (!st)
		return ST_ERR;
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		if (sqlite3_column_type(st, 0) == SQLITE_NULL || sqlite3_column_type(st, 1) == SQLITE_NULL)
			continue;
		long d = counsel_days_between(store_col_text(st, 0), store_col_text(st, 1));
		if (d < 0)
			continue;
		out->days = arena_grow(a, out->days, out->ndays, &cap, sizeof(*out->days), 64);
		out->days[out->ndays++] = d;
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int counsel_stats_load(struct store *s, arena *a, struct counsel_stats *out)
{
	*out = (struct counsel_stats){ 0 };
	struct store_tx tx;
	int rc = store_tx_read(s, &tx);
	for (int i = 0; rc == ST_OK && i < CS__N; i++)
		rc = stats_cells(s, a, stats_sql[i], &out->cells[i], &out->n[i]);
	if (rc == ST_OK)
		rc = stats_days(s, a, out);
	return store_tx_end(s, &tx, rc);
}

int counsel_places_taken(struct store *s, arena *a, struct counsel_taken **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT service_id, count(*) FROM counsel_referral WHERE status IN "
					 "('accepted', 'started') GROUP BY service_id ORDER BY service_id");
	if (!st)
		return ST_ERR;
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 16);
		(*out)[(*n)++] = (struct counsel_taken){ store_col_str(a, st, 0), sqlite3_column_int(st, 1) };
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int counsel_teams(struct store *s, arena *a, struct counsel_team **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT id, name FROM counsel_team ORDER BY name");
	if (!st)
		return ST_ERR;
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 8);
		(*out)[(*n)++] = (struct counsel_team){ sqlite3_column_int64(st, 0), store_col_str(a, st, 1) };
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}
