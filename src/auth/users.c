/* users.c — the queries of staff accounts and their roles. */
#include "auth/auth.h"
#include "auth/throttle.h"
#include "core/core.h"

#include <stdio.h>

#include <string.h>

static int load_roles(struct store *s, int64_t id, unsigned *roles)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT role FROM user_role WHERE user_id = ?");
	*roles = 0;
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	int k;
	while ((k = store_step(st)) > 0)
		*roles |= auth_role_parse(store_col_text(st, 0));
	sqlite3_reset(st);
	if (k < 0)
		*roles = 0; /* never a partial set of roles */
	return k < 0 ? ST_ERR : ST_OK;
}

static int save_roles(struct store *s, int64_t id, unsigned roles)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM user_role WHERE user_id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	if (store_exec_stmt(s, st) != ST_OK)
		return ST_ERR;
	for (unsigned i = 0; i < ROLE__COUNT; i++) {
		if (!(roles & (1u << i)))
			continue;
		st = store_stmt(s, "INSERT INTO user_role(user_id, role) VALUES (?, ?)");
		if (!st)
			return ST_ERR;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, auth_role_names[i], -1, SQLITE_STATIC);
		if (store_exec_stmt(s, st) != ST_OK)
			return ST_ERR;
	}
	return ST_OK;
}

int auth_user_add(struct store *s, const char *email, const char *name, const char *password,
		  unsigned roles, const char *org_id, int64_t *id)
{
	char hash[128];
	if (auth_hash_password(password, hash) != 0)
		return ST_ERR;
	struct store_tx tx;
	if (store_tx_begin(s, &tx) != ST_OK)
		return ST_ERR;
	sqlite3_stmt *st = store_stmt(s,
		"INSERT INTO user(email, display_name, pw_hash, org_id, created_at, password_changed_at) "
		"VALUES (?, ?, ?, ?, ?, ?)");
	int rc = ST_ERR;
	if (!st)
		goto out;
	int64_t now = core_now();
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	store_bind_str(st, 2, name);
	sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
	if (org_id && *org_id)
		sqlite3_bind_text(st, 4, org_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_int64(st, 6, now);
	rc = store_exec_stmt(s, st);
	if (rc != ST_OK)
		goto out;
	*id = sqlite3_last_insert_rowid(store_db(s));
	rc = save_roles(s, *id, roles);
out:
	return store_tx_end(s, &tx, rc);
}

#define USER_COLS "id, email, display_name, pw_hash, org_id, disabled, throttle_lifted_at, created_at"

static void read_user(struct store *s, arena *a, sqlite3_stmt *st, struct user_row *u)
{
	u->id = sqlite3_column_int64(st, 0);
	u->email = store_col_str(a, st, 1);
	u->name = store_col_str(a, st, 2);
	u->pw_hash = store_col_str(a, st, 3);
	u->org_id = store_col_opt(a, st, 4);
	u->disabled = sqlite3_column_int(st, 5);
	u->throttle_lifted_at = sqlite3_column_int64(st, 6);
	u->created_at = sqlite3_column_int64(st, 7);
	(void)s;
}

static int one_user(struct store *s, arena *a, sqlite3_stmt *st, struct user_row *u)
{
	int k = store_step(st);
	if (k > 0)
		read_user(s, a, st, u);
	sqlite3_reset(st);
	if (k <= 0)
		return k == 0 ? ST_NOTFOUND : ST_ERR;
	return load_roles(s, u->id, &u->roles);
}

int auth_user_by_email(struct store *s, arena *a, const char *email, struct user_row *u)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " USER_COLS " FROM user WHERE email = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	return one_user(s, a, st, u);
}

int auth_user_by_id(struct store *s, arena *a, int64_t id, struct user_row *u)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " USER_COLS " FROM user WHERE id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	return one_user(s, a, st, u);
}

int auth_user_list(struct store *s, arena *a, struct user_row **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " USER_COLS " FROM user ORDER BY email");
	size_t cap = 16, k = 0;
	struct user_row *v = arena_alloc(a, cap * sizeof(*v));
	*out = v;
	*n = 0;
	if (!st)
		return ST_ERR;
	int step;
	while ((step = store_step(st)) > 0) {
		if (k == cap) {
			struct user_row *w = arena_alloc(a, 2 * cap * sizeof(*w));
			memcpy(w, v, k * sizeof(*v));
			v = w;
			cap *= 2;
		}
		read_user(s, a, st, &v[k++]);
	}
	sqlite3_reset(st);
	if (step < 0)
		return ST_ERR;
	for (size_t i = 0; i < k; i++)
		if (load_roles(s, v[i].id, &v[i].roles) != ST_OK)
			return ST_ERR;
	*out = v;
	*n = k;
	return ST_OK;
}

int auth_user_set_password(struct store *s, int64_t id, const char *password)
{
	char hash[128];
	if (auth_hash_password(password, hash) != 0)
		return ST_ERR;
	sqlite3_stmt *st = store_stmt(s,
		"UPDATE user SET pw_hash = ?, password_changed_at = ? WHERE id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, core_now());
	sqlite3_bind_int64(st, 3, id);
	int rc = store_exec_changed(s, st);
	if (rc == ST_OK)
		rc = auth_session_delete_user(s, id);
	return rc;
}

int auth_user_set_roles(struct store *s, int64_t id, unsigned roles, const char *org_id)
{
	struct store_tx tx;
	if (store_tx_begin(s, &tx) != ST_OK)
		return ST_ERR;
	sqlite3_stmt *st = store_stmt(s, "UPDATE user SET org_id = ? WHERE id = ?");
	int rc = ST_ERR;
	if (st) {
		if (org_id && *org_id)
			sqlite3_bind_text(st, 1, org_id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, id);
		rc = store_exec_changed(s, st);
	}
	if (rc == ST_OK)
		rc = save_roles(s, id, roles);
	return store_tx_end(s, &tx, rc);
}

int auth_user_set_profile(struct store *s, int64_t id, const char *email, const char *name)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE user SET email = ?, display_name = ? WHERE id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, id);
	int rc = store_exec_changed(s, st);
	return rc;
}

int auth_user_set_disabled(struct store *s, int64_t id, int disabled)
{
	/* enabling also lifts the sign-in throttle (throttle.h) */
	sqlite3_stmt *st = store_stmt(s,
		"UPDATE user SET disabled = ?1, "
		"throttle_lifted_at = CASE WHEN ?1 = 0 THEN ?2 ELSE throttle_lifted_at END WHERE id = ?3");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int(st, 1, disabled ? 1 : 0);
	sqlite3_bind_int64(st, 2, core_now());
	sqlite3_bind_int64(st, 3, id);
	int rc = store_exec_changed(s, st);
	if (rc == ST_OK && disabled)
		rc = auth_session_delete_user(s, id);
	return rc;
}

int auth_user_throttled(const struct user_row *u, int64_t now)
{
	char key[32];
	snprintf(key, sizeof(key), "u:%lld", (long long)u->id);
	return throttle_active(key, u->throttle_lifted_at, now);
}
