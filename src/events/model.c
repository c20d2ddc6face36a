/* model.c — the events' queries: events, their organisers, registrations
 * with the waiting list, and the deletion of registrants' data; their
 * places read from the directory through its header. */
#include "events/events.h"
#include "auth/auth.h"
#include "core/core.h"
#include "directory/directory.h"
#include "html/layout.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const events_types[EVENTS_TYPES + 1] = { "seminar", "talk", "network", "info", "training", NULL };

void events_local_now(int64_t now, char out[17])
{
	time_t t = (time_t)now + (layout_summer_time((time_t)now) ? 7200 : 3600);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 17, "%Y-%m-%dT%H:%M", &tm);
}

int events_time_valid(const char *s)
{
	int y, mo, d, h, mi, n = 0;
	if (!s || strlen(s) != 16 || sscanf(s, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) != 5 || n != 16)
		return 0;
	for (int i = 0; i < 16; i++)
		if (i != 4 && i != 7 && i != 10 && i != 13 && (s[i] < '0' || s[i] > '9'))
			return 0;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 2000 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59)
		return 0;
	if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

#define EVENT_COLS                                                                                       \
	"e.id, e.uid, e.type, e.title, e.description_md, e.starts_at, e.ends_at, e.location_id, e.place, " \
	"e.online_url, e.accessibility, e.languages, e.target_groups, e.capacity, e.reg_opens_at, "       \
	"e.reg_closes_at, e.series, e.cancelled, e.updated_at, e.minutes_md, "                            \
	"(SELECT count(*) FROM event_registration g WHERE g.event_id = e.id AND g.status = 'confirmed'), " \
	"(SELECT count(*) FROM event_registration g WHERE g.event_id = e.id AND g.status = 'waiting') "

static void read_event(arena *a, sqlite3_stmt *st, struct event *e)
{
	*e = (struct event){
		.id = sqlite3_column_int64(st, 0), .uid = store_col_str(a, st, 1), .type = store_col_str(a, st, 2),
		.title = store_col_str(a, st, 3), .description_md = store_col_str(a, st, 4),
		.starts_at = store_col_str(a, st, 5), .ends_at = store_col_str(a, st, 6),
		.location_id = store_col_opt(a, st, 7), .place = store_col_str(a, st, 8),
		.online_url = store_col_opt(a, st, 9), .accessibility = store_col_str(a, st, 10),
		.languages = store_col_str(a, st, 11), .target_groups = store_col_str(a, st, 12),
		.capacity = store_col_int(st, 13), .reg_opens_at = store_col_opt(a, st, 14),
		.reg_closes_at = store_col_opt(a, st, 15), .series = store_col_str(a, st, 16),
		.cancelled = sqlite3_column_int(st, 17), .updated_at = store_col_str(a, st, 18),
		.minutes_md = store_col_str(a, st, 19),
		.confirmed = (long)sqlite3_column_int64(st, 20), .waiting = (long)sqlite3_column_int64(st, 21),
	};
}

/* Read the rows of st into *out. */
static int read_events(arena *a, sqlite3_stmt *st, struct event **out, size_t *n)
{
	struct event *v = NULL;
	size_t k = 0, cap = 0;
	int rc;
	while ((rc = store_step(st)) > 0) {
		v = arena_grow(a, v, k, &cap, sizeof(*v), 16);
		read_event(a, st, &v[k++]);
	}
	sqlite3_reset(st);
	*out = v;
	*n = rc == 0 ? k : 0;
	return rc == 0 ? ST_OK : ST_ERR;
}

/* The list's condition: ?1 now, ?2 past, ?3 type, ?4 month. */
#define LIST_WHERE                                                                              \
	"WHERE ((?2 = 0 AND e.ends_at >= ?1) OR (?2 = 1 AND e.ends_at < ?1 AND e.cancelled = 0)) " \
	"AND (?3 IS NULL OR e.type = ?3) AND (?4 IS NULL OR substr(e.starts_at, 1, 7) = ?4) "

static void bind_filter(sqlite3_stmt *st, const struct events_filter *f)
{
	sqlite3_bind_text(st, 1, f->now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, f->past ? 1 : 0);
	store_bind_opt(st, 3, f->type);
	store_bind_opt(st, 4, f->month);
}

int events_list(struct store *s, arena *a, const struct events_filter *f, size_t offset, size_t limit,
		struct event **out, size_t *n, long *total)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	struct store_tx tx;
	int rc = store_tx_read(s, &tx);
	if (rc != ST_OK)
		return rc;
	rc = ST_ERR;
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM event e " LIST_WHERE);
	if (!st)
		goto out;
	bind_filter(st, f);
	if (store_step(st) <= 0) {
		sqlite3_reset(st);
		goto out;
	}
	*total = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	st = store_stmt(s, f->past ? "SELECT " EVENT_COLS "FROM event e " LIST_WHERE
				     "ORDER BY e.starts_at DESC, e.id DESC LIMIT ?5 OFFSET ?6"
				   : "SELECT " EVENT_COLS "FROM event e " LIST_WHERE
				     "ORDER BY e.starts_at, e.id LIMIT ?5 OFFSET ?6");
	if (!st)
		goto out;
	bind_filter(st, f);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)limit);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)offset);
	rc = read_events(a, st, out, n);
out:
	return store_tx_end(s, &tx, rc);
}

int events_all(struct store *s, arena *a, struct event **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " EVENT_COLS "FROM event e ORDER BY e.starts_at DESC, e.id DESC");
	*out = NULL;
	*n = 0;
	if (!st)
		return ST_ERR;
	return read_events(a, st, out, n);
}

int events_get(struct store *s, arena *a, int64_t id, struct event *out)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " EVENT_COLS "FROM event e WHERE e.id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	int rc = store_step(st);
	if (rc > 0)
		read_event(a, st, out);
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : rc == 0 ? ST_NOTFOUND : ST_ERR;
}

int events_orgs(struct store *s, arena *a, int64_t id, struct event_org **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT org_id, role FROM event_org WHERE event_id = ? "
					 "ORDER BY role DESC, org_id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	struct event_org *v = NULL;
	size_t k = 0, cap = 0;
	int rc;
	while ((rc = store_step(st)) > 0) {
		v = arena_grow(a, v, k, &cap, sizeof(*v), 4);
		v[k++] = (struct event_org){ store_col_str(a, st, 0), store_col_str(a, st, 1) };
	}
	sqlite3_reset(st);
	*out = v;
	*n = rc == 0 ? k : 0;
	return rc == 0 ? ST_OK : ST_ERR;
}

static void bind_event(sqlite3_stmt *st, const struct event *e)
{
	sqlite3_bind_text(st, 1, e->type, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, e->title, -1, SQLITE_TRANSIENT);
	store_bind_str(st, 3, e->description_md);
	sqlite3_bind_text(st, 4, e->starts_at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, e->ends_at, -1, SQLITE_TRANSIENT);
	store_bind_opt(st, 6, e->location_id);
	store_bind_str(st, 7, e->place);
	store_bind_opt(st, 8, e->online_url);
	store_bind_str(st, 9, e->accessibility);
	store_bind_str(st, 10, e->languages);
	store_bind_str(st, 11, e->target_groups);
	store_bind_int_opt(st, 12, e->capacity);
	store_bind_opt(st, 13, e->reg_opens_at);
	store_bind_opt(st, 14, e->reg_closes_at);
	store_bind_str(st, 15, e->series);
	sqlite3_bind_int(st, 16, e->cancelled ? 1 : 0);
}

int events_save(struct store *s, const struct event *e, const struct event_org *orgs, size_t norgs,
		int64_t *new_id)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	int64_t id = e->id;
	sqlite3_stmt *st;
	rc = ST_ERR;
	if (id == 0) {
		st = store_stmt(s, "INSERT INTO event(type, title, description_md, starts_at, ends_at, location_id, "
				   "place, online_url, accessibility, languages, target_groups, capacity, "
				   "reg_opens_at, reg_closes_at, series, cancelled, uid) "
				   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
		if (!st)
			goto out;
		bind_event(st, e);
		char uid[44];
		auth_token(uid);
		sqlite3_bind_text(st, 17, uid, -1, SQLITE_TRANSIENT);
		if ((rc = store_exec_stmt(s, st)) != ST_OK)
			goto out;
		id = sqlite3_last_insert_rowid(store_db(s));
	} else {
		st = store_stmt(s, "UPDATE event SET type = ?, title = ?, description_md = ?, starts_at = ?, "
				   "ends_at = ?, location_id = ?, place = ?, online_url = ?, accessibility = ?, "
				   "languages = ?, target_groups = ?, capacity = ?, reg_opens_at = ?, "
				   "reg_closes_at = ?, series = ?, cancelled = ?, updated_at = CURRENT_TIMESTAMP "
				   "WHERE id = ?17");
		if (!st)
			goto out;
		bind_event(st, e);
		sqlite3_bind_int64(st, 17, id);
		if ((rc = store_exec_stmt(s, st)) != ST_OK)
			goto out;
		if (sqlite3_changes(store_db(s)) == 0) {
			rc = ST_NOTFOUND;
			goto out;
		}
		rc = ST_ERR;
		if (!(st = store_stmt(s, "DELETE FROM event_org WHERE event_id = ?")))
			goto out;
		sqlite3_bind_int64(st, 1, id);
		if ((rc = store_exec_stmt(s, st)) != ST_OK)
			goto out;
	}
	for (size_t i = 0; i < norgs; i++) {
		rc = ST_ERR;
		if (!(st = store_stmt(s, "INSERT INTO event_org(event_id, org_id, role) VALUES (?, ?, ?) "
					 "ON CONFLICT(event_id, org_id) DO NOTHING")))
			goto out;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, orgs[i].org_id, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, orgs[i].role, -1, SQLITE_TRANSIENT);
		if ((rc = store_exec_stmt(s, st)) != ST_OK)
			goto out;
	}
	if (new_id)
		*new_id = id;
out:
	return store_tx_end(s, &tx, rc);
}

int events_set_cancelled(struct store *s, int64_t id, int cancelled)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE event SET cancelled = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int(st, 1, cancelled ? 1 : 0);
	sqlite3_bind_int64(st, 2, id);
	int rc = store_exec_changed(s, st);
	return rc;
}

/* ---- registrations ---- */

static void token_hash(const char *token, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

/* A single number from a query with ?1 = id; -1 on failure. */
static long scalar_id(struct store *s, const char *sql, int64_t id)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	long v = store_step(st) > 0 ? (long)sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return v;
}

int events_register(struct store *s, int64_t id, const char *name, const char *email, const char *org,
		    const char *lang, char token[44], const char **status)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	rc = ST_ERR;
	long cap = scalar_id(s, "SELECT coalesce(capacity, -1) FROM event WHERE id = ?", id);
	long taken = scalar_id(s, "SELECT count(*) FROM event_registration WHERE event_id = ? AND status = 'confirmed'",
			       id);
	if (cap == -1 && scalar_id(s, "SELECT count(*) FROM event WHERE id = ?", id) == 0) {
		rc = ST_NOTFOUND;
		goto out;
	}
	if (taken < 0)
		goto out;
	*status = cap < 0 || taken < cap ? "confirmed" : "waiting";
	auth_token(token);
	unsigned char h[32];
	token_hash(token, h);
	sqlite3_stmt *st = store_stmt(s,
		"INSERT INTO event_registration(event_id, token_hash, name, email, organisation, lang, status, "
		"consent_at) VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)");
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_blob(st, 2, h, sizeof(h), SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, email, -1, SQLITE_TRANSIENT);
	store_bind_opt(st, 5, org);
	sqlite3_bind_text(st, 6, lang, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, *status, -1, SQLITE_STATIC);
	rc = store_exec_stmt(s, st);
out:
	return store_tx_end(s, &tx, rc);
}

#define REG_COLS                                                                                        \
	"r.id, r.event_id, r.name, r.email, r.organisation, r.lang, r.status, r.created_at, r.cancelled_at, " \
	"r.attended, CASE WHEN r.status = 'waiting' THEN (SELECT count(*) FROM event_registration q "         \
	"WHERE q.event_id = r.event_id AND q.status = 'waiting' AND q.id <= r.id) ELSE 0 END "

static void read_reg(arena *a, sqlite3_stmt *st, struct event_reg *g)
{
	*g = (struct event_reg){
		.id = sqlite3_column_int64(st, 0), .event_id = sqlite3_column_int64(st, 1),
		.name = store_col_opt(a, st, 2), .email = store_col_opt(a, st, 3),
		.organisation = store_col_opt(a, st, 4), .lang = store_col_str(a, st, 5),
		.status = store_col_str(a, st, 6), .created_at = store_col_str(a, st, 7),
		.cancelled_at = store_col_opt(a, st, 8), .attended = sqlite3_column_int(st, 9),
		.position = (long)sqlite3_column_int64(st, 10),
	};
}

int events_reg_by_token(struct store *s, arena *a, const char *token, struct event_reg *out)
{
	unsigned char h[32];
	token_hash(token, h);
	sqlite3_stmt *st = store_stmt(s, "SELECT " REG_COLS "FROM event_registration r WHERE r.token_hash = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_blob(st, 1, h, sizeof(h), SQLITE_TRANSIENT);
	int rc = store_step(st);
	if (rc > 0)
		read_reg(a, st, out);
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : rc == 0 ? ST_NOTFOUND : ST_ERR;
}

int events_reg_cancel(struct store *s, const char *token)
{
	unsigned char h[32];
	token_hash(token, h);
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	rc = ST_ERR;
	sqlite3_stmt *st = store_stmt(s, "SELECT id, event_id, status FROM event_registration WHERE token_hash = ?");
	if (!st)
		goto out;
	sqlite3_bind_blob(st, 1, h, sizeof(h), SQLITE_TRANSIENT);
	int k = store_step(st);
	int64_t rid = k > 0 ? sqlite3_column_int64(st, 0) : 0, eid = k > 0 ? sqlite3_column_int64(st, 1) : 0;
	int held = k > 0 && strcmp(store_col_text(st, 2), "confirmed") == 0;
	int live = k > 0 && strcmp(store_col_text(st, 2), "cancelled") != 0;
	sqlite3_reset(st);
	if (k < 0)
		goto out;
	if (!live) {
		rc = ST_NOTFOUND;
		goto out;
	}
	if (!(st = store_stmt(s, "UPDATE event_registration SET status = 'cancelled', "
				 "cancelled_at = CURRENT_TIMESTAMP WHERE id = ?")))
		goto out;
	sqlite3_bind_int64(st, 1, rid);
	if ((rc = store_exec_stmt(s, st)) != ST_OK || !held)
		goto out;
	/* the first on the waiting list moves up while there is room */
	rc = ST_ERR;
	if (!(st = store_stmt(s,
		"UPDATE event_registration SET status = 'confirmed' WHERE id = (SELECT id FROM event_registration "
		"WHERE event_id = ?1 AND status = 'waiting' ORDER BY id LIMIT 1) AND "
		"(SELECT coalesce(capacity, -1) FROM event WHERE id = ?1) > (SELECT count(*) FROM "
		"event_registration WHERE event_id = ?1 AND status = 'confirmed')")))
		goto out;
	sqlite3_bind_int64(st, 1, eid);
	rc = store_exec_stmt(s, st);
out:
	return store_tx_end(s, &tx, rc);
}

int events_regs(struct store *s, arena *a, int64_t id, struct event_reg **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s,
		"SELECT " REG_COLS "FROM event_registration r WHERE r.event_id = ? ORDER BY "
		"CASE r.status WHEN 'confirmed' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END, r.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	struct event_reg *v = NULL;
	size_t k = 0, cap = 0;
	int rc;
	while ((rc = store_step(st)) > 0) {
		v = arena_grow(a, v, k, &cap, sizeof(*v), 16);
		read_reg(a, st, &v[k++]);
	}
	sqlite3_reset(st);
	*out = v;
	*n = rc == 0 ? k : 0;
	return rc == 0 ? ST_OK : ST_ERR;
}

int events_reg_attend(struct store *s, int64_t id, int64_t reg, int present)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE event_registration SET attended = ? WHERE id = ? AND event_id = ? "
					 "AND status <> 'cancelled'");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int(st, 1, present ? 1 : 0);
	sqlite3_bind_int64(st, 2, reg);
	sqlite3_bind_int64(st, 3, id);
	return store_exec_changed(s, st);
}

/* ---- keeping what the privacy notice promises ---- */

int events_keep_months(void)
{
	const char *v = getenv("LOTSE_EVENTS_KEEP_MONTHS");
	if (!v || !*v)
		return EVENTS_KEEP_MONTHS;
	char *end;
	long n = strtol(v, &end, 10);
	return *end || n < 0 || n > 120 ? EVENTS_KEEP_MONTHS : (int)n;
}

int events_expire(struct store *s, int64_t now, int months, long *erased)
{
	*erased = 0;
	char local[17];
	events_local_now(now, local);
	/* months back, by the calendar (31 March less one month is 3 March) */
	struct tm tm = { 0 };
	if (sscanf(local, "%4d-%2d-%2dT%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min) != 5)
		return ST_ERR;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1 + months;
	time_t t = timegm(&tm);
	char cutoff[17];
	if (t == (time_t)-1 || !gmtime_r(&t, &tm) || strftime(cutoff, sizeof(cutoff), "%Y-%m-%dT%H:%M", &tm) != 16)
		return ST_ERR;
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	rc = ST_ERR;
	sqlite3_stmt *st = store_stmt(s,
		"UPDATE event_registration SET name = NULL, email = NULL, organisation = NULL, "
		"erased_at = CURRENT_TIMESTAMP WHERE erased_at IS NULL AND event_id IN "
		"(SELECT id FROM event WHERE ends_at < ?)");
	if (!st)
		goto out;
	sqlite3_bind_text(st, 1, cutoff, -1, SQLITE_TRANSIENT);
	if ((rc = store_exec_stmt(s, st)) != ST_OK)
		goto out;
	*erased = (long)sqlite3_changes(store_db(s));
	char n[24];
	snprintf(n, sizeof(n), "%ld", *erased);
	rc = audit_add(s, 0, "event_registration_expire", "event_registration", n, "ok");
out:
	if (rc != ST_OK)
		*erased = 0;
	return store_tx_end(s, &tx, rc);
}

/* ---- minutes: decisions and action items ---- */

int events_minutes_save(struct store *s, int64_t id, const char *md)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE event SET minutes_md = ?, updated_at = CURRENT_TIMESTAMP WHERE id = ?");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, md);
	sqlite3_bind_int64(st, 2, id);
	int rc = store_exec_changed(s, st);
	return rc;
}

static int read_items(arena *a, sqlite3_stmt *st, int with_event, struct event_item **out, size_t *n)
{
	struct event_item *v = NULL;
	size_t k = 0, cap = 0;
	int rc;
	while ((rc = store_step(st)) > 0) {
		v = arena_grow(a, v, k, &cap, sizeof(*v), 16);
		v[k++] = (struct event_item){
			.id = sqlite3_column_int64(st, 0), .event_id = sqlite3_column_int64(st, 1),
			.kind = store_col_str(a, st, 2), .text = store_col_str(a, st, 3), .who = store_col_str(a, st, 4),
			.due = store_col_opt(a, st, 5), .done = sqlite3_column_int(st, 6),
			.event_title = with_event ? store_col_str(a, st, 7) : NULL,
			.event_starts_at = with_event ? store_col_str(a, st, 8) : NULL,
		};
	}
	sqlite3_reset(st);
	*out = v;
	*n = rc == 0 ? k : 0;
	return rc == 0 ? ST_OK : ST_ERR;
}

int events_items(struct store *s, arena *a, int64_t id, struct event_item **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, "SELECT id, event_id, kind, text, who, due, done FROM event_item "
					 "WHERE event_id = ? ORDER BY id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	return read_items(a, st, 0, out, n);
}

int events_item_add(struct store *s, int64_t id, const char *kind, const char *text, const char *who,
		    const char *due)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO event_item(event_id, kind, text, who, due) "
					 "SELECT id, ?, ?, ?, ? FROM event WHERE id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
	store_bind_str(st, 3, who);
	store_bind_opt(st, 4, due);
	sqlite3_bind_int64(st, 5, id);
	int rc = store_exec_changed(s, st);
	return rc;
}

int events_item_done(struct store *s, int64_t id, int64_t item, int done)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE event_item SET done = ? WHERE id = ? AND event_id = ? AND kind = 'action'");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int(st, 1, done ? 1 : 0);
	sqlite3_bind_int64(st, 2, item);
	sqlite3_bind_int64(st, 3, id);
	int rc = store_exec_changed(s, st);
	return rc;
}

int events_item_update(struct store *s, int64_t id, int64_t item, const char *kind, const char *text,
		       const char *who, const char *due)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE event_item SET kind = ?, text = ?, who = ?, due = ?, "
					 "done = CASE WHEN ? = 'action' THEN done ELSE 0 END WHERE id = ? AND event_id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
	store_bind_str(st, 3, who);
	store_bind_opt(st, 4, due);
	sqlite3_bind_text(st, 5, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 6, item);
	sqlite3_bind_int64(st, 7, id);
	return store_exec_changed(s, st);
}

int events_item_delete(struct store *s, int64_t id, int64_t item)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM event_item WHERE id = ? AND event_id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, item);
	sqlite3_bind_int64(st, 2, id);
	return store_exec_changed(s, st);
}

int events_actions(struct store *s, arena *a, int all, struct event_item **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s,
		"SELECT i.id, i.event_id, i.kind, i.text, i.who, i.due, i.done, e.title, e.starts_at "
		"FROM event_item i JOIN event e ON e.id = i.event_id "
		"WHERE i.kind = 'action' AND (?1 = 1 OR i.done = 0) ORDER BY i.done, i.due, i.id LIMIT 2000");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int(st, 1, all ? 1 : 0);
	return read_items(a, st, 1, out, n);
}

int events_resolve_places(struct store *s, arena *a, struct event *ev, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		ev[i].location_line = NULL;
		if (!ev[i].location_id)
			continue;
		struct dir_location_brief p;
		int rc = dir_location_brief(s, a, ev[i].location_id, &p);
		if (rc == ST_ERR)
			return ST_ERR;
		if (rc == ST_OK) /* confidential or archived since: not shown */
			ev[i].location_line = *p.address ? arena_printf(a, "%s, %s", p.name, p.address) : p.name;
	}
	return ST_OK;
}

const char *events_where(arena *a, const struct event *e)
{
	const char *place = e->place ? e->place : "";
	if (!e->location_line)
		return place;
	return *place ? arena_printf(a, "%s, %s", e->location_line, place) : e->location_line;
}
