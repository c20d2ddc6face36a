/* session.c — server-side sessions keyed by the hash of their token. */
#include "auth/auth.h"
#include "auth/second.h"
#include "core/core.h"

#include <sodium.h>
#include <string.h>

/* The database keeps BLAKE2b-256(token), so a copy of the database does
 * not hand out live sessions. */
static void token_hash(const char *token, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

int auth_session_create(struct store *s, int64_t user_id, int64_t now, char token[44], char csrf[44])
{
	unsigned char h[32];
	auth_token(token);
	auth_token(csrf);
	token_hash(token, h);
	sqlite3_stmt *st = store_stmt(s,
		"INSERT INTO session(id_hash, user_id, csrf, created_at, last_seen) VALUES (?, ?, ?, ?, ?)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_blob(st, 1, h, sizeof(h), SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_text(st, 3, csrf, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, now);
	return store_exec_stmt(s, st);
}

static int delete_hash(struct store *s, const unsigned char h[32])
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM session WHERE id_hash = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_blob(st, 1, h, 32, SQLITE_TRANSIENT);
	return store_exec_stmt(s, st);
}

int auth_session_load(struct store *s, arena *a, const char *token, int64_t now, struct auth_user *u)
{
	if (!token || strlen(token) != 43)
		return ST_NOTFOUND;
	unsigned char h[32];
	token_hash(token, h);
	sqlite3_stmt *st = store_stmt(s,
		"SELECT s.user_id, s.csrf, s.created_at, s.last_seen, u.email, u.display_name, "
		"u.org_id, u.disabled FROM session s JOIN user u ON u.id = s.user_id WHERE s.id_hash = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_blob(st, 1, h, sizeof(h), SQLITE_TRANSIENT);
	int k = store_step(st);
	if (k <= 0) {
		sqlite3_reset(st);
		return k == 0 ? ST_NOTFOUND : ST_ERR;
	}
	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(st, 0);
	u->csrf = store_col_str(a, st, 1);
	u->created_at = sqlite3_column_int64(st, 2);
	int64_t last_seen = sqlite3_column_int64(st, 3);
	u->email = store_col_str(a, st, 4);
	u->name = store_col_str(a, st, 5);
	u->org_id = store_col_opt(a, st, 6);
	int disabled = sqlite3_column_int(st, 7);
	sqlite3_reset(st);

	if (disabled || auth_session_state(u->created_at, last_seen, now) != SESSION_OK) {
		/* not signed out while the session stays behind */
		return delete_hash(s, h) == ST_OK ? ST_NOTFOUND : ST_ERR;
	}
	/* Touch at most once a minute: fewer writes, the same idle timeout.
	 * Untouched, a session in use would time out as idle. */
	if (now - last_seen >= 60) {
		st = store_stmt(s, "UPDATE session SET last_seen = ? WHERE id_hash = ?");
		if (!st)
			return ST_ERR;
		sqlite3_bind_int64(st, 1, now);
		sqlite3_bind_blob(st, 2, h, sizeof(h), SQLITE_TRANSIENT);
		if (store_exec_stmt(s, st) != ST_OK)
			return ST_ERR;
	}
	st = store_stmt(s, "SELECT role FROM user_role WHERE user_id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, u->id);
	while ((k = store_step(st)) > 0)
		u->roles |= auth_role_parse(store_col_text(st, 0));
	sqlite3_reset(st);
	if (k < 0) {
		u->roles = 0; /* never a partial set of roles */
		return ST_ERR;
	}
	return ST_OK;
}

int auth_session_delete(struct store *s, const char *token)
{
	if (!token)
		return ST_OK;
	unsigned char h[32];
	token_hash(token, h);
	return delete_hash(s, h);
}

int auth_session_expire(struct store *s, int64_t now, long *deleted)
{
	*deleted = 0;
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM session WHERE created_at <= ?1 OR created_at > ?2 "
					 "OR last_seen <= ?3");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, now - AUTH_ABSOLUTE_TIMEOUT);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, now - AUTH_IDLE_TIMEOUT);
	int rc = store_exec_stmt(s, st);
	if (rc == ST_OK)
		*deleted = (long)sqlite3_changes(store_db(s));
	return rc;
}

int auth_session_delete_user(struct store *s, int64_t user_id)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM session WHERE user_id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, user_id);
	return store_exec_stmt(s, st);
}

/* ---- one's sessions (second.h) ---- */

int auth_session_list(struct store *s, arena *a, int64_t user_id, const char *token, int64_t now,
		      struct session_info *out, size_t max, size_t *n)
{
	unsigned char mine[32] = { 0 };
	if (token)
		token_hash(token, mine);
	*n = 0;
	sqlite3_stmt *st = store_stmt(s,
		"SELECT id_hash, agent, created_at, last_seen FROM session WHERE user_id = ? "
		"ORDER BY last_seen DESC, created_at DESC");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, user_id);
	int k;
	while ((k = store_step(st)) > 0 && *n < max) {
		int64_t created = sqlite3_column_int64(st, 2), seen = sqlite3_column_int64(st, 3);
		if (auth_session_state(created, seen, now) != SESSION_OK)
			continue; /* over, though not yet deleted */
		struct session_info *i = &out[(*n)++];
		i->current = token && sqlite3_column_bytes(st, 0) == 32 &&
			     memcmp(sqlite3_column_blob(st, 0), mine, 32) == 0;
		i->agent = store_col_str(a, st, 1);
		i->created_at = created;
		i->last_seen = seen;
	}
	sqlite3_reset(st);
	if (k < 0) {
		*n = 0;
		return ST_ERR;
	}
	return ST_OK;
}

int auth_session_delete_others(struct store *s, int64_t user_id, const char *token)
{
	unsigned char h[32];
	if (!token)
		return ST_ERR;
	token_hash(token, h);
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM session WHERE user_id = ? AND id_hash <> ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_blob(st, 2, h, sizeof(h), SQLITE_TRANSIENT);
	return store_exec_stmt(s, st);
}

int auth_session_set_agent(struct store *s, const char *token, const char *agent)
{
	unsigned char h[32];
	token_hash(token, h);
	sqlite3_stmt *st = store_stmt(s, "UPDATE session SET agent = ? WHERE id_hash = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, agent ? agent : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_blob(st, 2, h, sizeof(h), SQLITE_TRANSIENT);
	return store_exec_stmt(s, st);
}

int64_t auth_session_reauth_at(struct store *s, const char *token)
{
	unsigned char h[32];
	if (!token)
		return -1;
	token_hash(token, h);
	sqlite3_stmt *st = store_stmt(s, "SELECT reauth_at FROM session WHERE id_hash = ?");
	if (!st)
		return -1;
	sqlite3_bind_blob(st, 1, h, sizeof(h), SQLITE_TRANSIENT);
	int k = store_step(st);
	int64_t at = k > 0 ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return k < 0 ? -1 : at;
}

int auth_session_set_reauth(struct store *s, const char *token, int64_t now)
{
	unsigned char h[32];
	if (!token)
		return ST_ERR;
	token_hash(token, h);
	sqlite3_stmt *st = store_stmt(s, "UPDATE session SET reauth_at = ? WHERE id_hash = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_blob(st, 2, h, sizeof(h), SQLITE_TRANSIENT);
	return store_exec_stmt(s, st);
}

const char *auth_agent_short(arena *a, const char *ua)
{
	/* the order matters: Edge and Opera name Chrome too, Chrome names Safari */
	static const char *const browsers[][2] = {
		{ "Firefox/", "Firefox" }, { "Edg/", "Edge" }, { "OPR/", "Opera" },
		{ "HeadlessChrome/", "Chrome" }, { "Chromium/", "Chromium" }, { "Chrome/", "Chrome" },
		{ "Safari/", "Safari" }, { "curl/", "curl" },
	};
	static const char *const systems[][2] = {
		{ "Android", "Android" }, { "iPhone", "iPhone" }, { "iPad", "iPad" }, { "Windows", "Windows" },
		{ "Mac OS X", "macOS" }, { "CrOS", "ChromeOS" }, { "Linux", "Linux" },
	};
	const char *b = NULL, *o = NULL;
	for (size_t i = 0; ua && !b && i < NELEM(browsers); i++)
		if (strstr(ua, browsers[i][0]))
			b = browsers[i][1];
	for (size_t i = 0; ua && !o && i < NELEM(systems); i++)
		if (strstr(ua, systems[i][0]))
			o = systems[i][1];
	if (b && o)
		return arena_printf(a, "%s, %s", b, o);
	return arena_strdup(a, b ? b : o ? o : "");
}

/* ---- sign-ins waiting for their code (second.h) ---- */

int auth_pending_create(struct store *s, int64_t user_id, const char *next, int64_t now, char token[44])
{
	unsigned char h[32];
	auth_token(token);
	token_hash(token, h);
	/* the waiting sign-ins that are over go first */
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM login_pending WHERE created_at < ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, now - PENDING_TTL);
	if (store_exec_stmt(s, st) != ST_OK)
		return ST_ERR;
	st = store_stmt(s, "INSERT INTO login_pending(id_hash, user_id, next, created_at) VALUES (?, ?, ?, ?)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_blob(st, 1, h, sizeof(h), SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_text(st, 3, next, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, now);
	return store_exec_stmt(s, st);
}

int auth_pending_get(struct store *s, arena *a, const char *token, int64_t now, int64_t *user_id,
		     const char **next)
{
	if (!token || strlen(token) != 43)
		return ST_NOTFOUND;
	unsigned char h[32];
	token_hash(token, h);
	sqlite3_stmt *st = store_stmt(s,
		"SELECT user_id, next FROM login_pending WHERE id_hash = ? AND created_at >= ? AND fails < ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_blob(st, 1, h, sizeof(h), SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now - PENDING_TTL);
	sqlite3_bind_int(st, 3, PENDING_FAILS);
	int k = store_step(st);
	if (k > 0) {
		*user_id = sqlite3_column_int64(st, 0);
		*next = store_col_str(a, st, 1);
	}
	sqlite3_reset(st);
	return k > 0 ? ST_OK : k == 0 ? ST_NOTFOUND : ST_ERR;
}

int auth_pending_try(struct store *s, const char *token, int64_t now)
{
	if (!token || strlen(token) != 43)
		return ST_NOTFOUND;
	unsigned char h[32];
	token_hash(token, h);
	/* counted before the code is checked: parallel guesses count too */
	sqlite3_stmt *st = store_stmt(s,
		"UPDATE login_pending SET fails = fails + 1 WHERE id_hash = ? AND created_at >= ? AND fails < ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_blob(st, 1, h, sizeof(h), SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now - PENDING_TTL);
	sqlite3_bind_int(st, 3, PENDING_FAILS);
	int rc = store_exec_changed(s, st);
	return rc;
}

int auth_pending_delete(struct store *s, const char *token)
{
	if (!token)
		return ST_OK;
	unsigned char h[32];
	token_hash(token, h);
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM login_pending WHERE id_hash = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_blob(st, 1, h, sizeof(h), SQLITE_TRANSIENT);
	return store_exec_stmt(s, st);
}
