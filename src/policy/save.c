/* save.c — the writes of committees and decision processes: each a
 * transaction of its own (a savepoint in the caller's), stamping
 * created_at / modified_at with the time now. */
#include "policy/policy.h"
#include "policy/policy_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void pol_now(char out[21])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int pol_is_date(const char *v)
{
	if (!v || strlen(v) != 10 || v[4] != '-' || v[7] != '-' || !digits(v, 4) || !digits(v + 5, 2) ||
	    !digits(v + 8, 2))
		return 0;
	int y = atoi(v), m = atoi(v + 5), d = atoi(v + 8);
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

int pol_is_datetime(const char *v)
{
	if (!v || strlen(v) < 16)
		return 0;
	char date[11];
	memcpy(date, v, 10);
	date[10] = 0;
	if (!pol_is_date(date) || (v[10] != 'T' && v[10] != ' ') || !digits(v + 11, 2) || v[13] != ':' ||
	    !digits(v + 14, 2) || atoi(v + 11) > 23 || atoi(v + 14) > 59)
		return 0;
	const char *rest = v + 16;
	if (*rest == ':') {
		if (!digits(rest + 1, 2) || atoi(rest + 1) > 59)
			return 0;
		rest += 3;
	}
	return *rest == 0 || strcmp(rest, "Z") == 0;
}

static void bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

static void bind_date(sqlite3_stmt *st, int i, const char *v)
{
	store_bind_opt(st, i, v && *v ? v : NULL);
}

/* Run st (bound by the caller, ?1 and ?2 the times) alone in a
 * transaction; *id gets the new row's id (when id). */
static int write1(struct store *s, sqlite3_stmt *st, int64_t *id)
{
	if (!st)
		return ST_ERR;
	char now[21];
	pol_now(now);
	store_bind_str(st, 1, now);
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc == ST_OK)
		rc = store_exec_stmt(s, st);
	if (rc == ST_OK && id)
		*id = sqlite3_last_insert_rowid(store_db(s));
	else
		sqlite3_clear_bindings(st);
	return store_tx_end(s, &tx, rc);
}

/* An UPDATE through write1: ST_NOTFOUND when it changed no row. */
static int update1(struct store *s, sqlite3_stmt *st)
{
	int rc = write1(s, st, NULL);
	return rc == ST_OK && sqlite3_changes(store_db(s)) == 0 ? ST_NOTFOUND : rc;
}

/* The INSERT (given 0: *id the new row) or UPDATE of row given (*id = given). */
static int save1(struct store *s, sqlite3_stmt *st, int64_t given, int64_t *id)
{
	if (!given)
		return write1(s, st, id);
	int rc = update1(s, st);
	if (rc == ST_OK && id)
		*id = given;
	return rc;
}

int pol_body_save(struct store *s, const struct pol_body *b, int64_t *id)
{
	sqlite3_stmt *st;
	if (b->id == 0)
		st = store_stmt(s, "INSERT INTO pol_body (created_at, modified_at, name, short_name, kind, description, "
				   "website) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6)");
	else
		st = store_stmt(s, "UPDATE pol_body SET modified_at = ?1, name = ?2, short_name = ?3, kind = ?4, "
				   "description = ?5, website = ?6 WHERE id = ?7 AND deleted = 0");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 2, b->name);
	store_bind_str(st, 3, b->short_name);
	store_bind_str(st, 4, b->kind && *b->kind ? b->kind : "Gremium");
	store_bind_str(st, 5, b->description);
	store_bind_str(st, 6, b->website);
	if (b->id)
		sqlite3_bind_int64(st, 7, b->id);
	return save1(s, st, b->id, id);
}

int pol_person_save(struct store *s, const struct pol_person *p, int64_t *id)
{
	sqlite3_stmt *st;
	if (p->id == 0)
		st = store_stmt(s, "INSERT INTO pol_person (created_at, modified_at, name, given_name, family_name, "
				   "organisation) VALUES (?1, ?1, ?2, ?3, ?4, ?5)");
	else
		st = store_stmt(s, "UPDATE pol_person SET modified_at = ?1, name = ?2, given_name = ?3, family_name = ?4, "
				   "organisation = ?5 WHERE id = ?6 AND deleted = 0");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 2, p->name);
	store_bind_str(st, 3, p->given_name);
	store_bind_str(st, 4, p->family_name);
	store_bind_str(st, 5, p->organisation);
	if (p->id)
		sqlite3_bind_int64(st, 6, p->id);
	return save1(s, st, p->id, id);
}

int pol_membership_save(struct store *s, const struct pol_membership *m, int64_t *id)
{
	sqlite3_stmt *st;
	if (m->id == 0)
		st = store_stmt(s, "INSERT INTO pol_membership (created_at, modified_at, person_id, body_id, role, "
				   "voting_right, start_date, end_date) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	else /* the person and the body of a membership stay */
		st = store_stmt(s, "UPDATE pol_membership SET modified_at = ?1, role = ?4, voting_right = ?5, "
				   "start_date = ?6, end_date = ?7 WHERE id = ?8 AND deleted = 0");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 2, m->person_id);
	sqlite3_bind_int64(st, 3, m->body_id);
	store_bind_str(st, 4, m->role && *m->role ? m->role : "Mitglied");
	sqlite3_bind_int(st, 5, m->voting_right);
	bind_date(st, 6, m->start_date);
	bind_date(st, 7, m->end_date);
	if (m->id)
		sqlite3_bind_int64(st, 8, m->id);
	return save1(s, st, m->id, id);
}

int pol_term_save(struct store *s, const struct pol_term *t, int64_t *id)
{
	sqlite3_stmt *st;
	if (t->id == 0)
		st = store_stmt(s, "INSERT INTO pol_term (created_at, modified_at, name, start_date, end_date) "
				   "VALUES (?1, ?1, ?2, ?3, ?4)");
	else
		st = store_stmt(s, "UPDATE pol_term SET modified_at = ?1, name = ?2, start_date = ?3, end_date = ?4 "
				   "WHERE id = ?5 AND deleted = 0");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 2, t->name);
	bind_date(st, 3, t->start_date);
	bind_date(st, 4, t->end_date);
	if (t->id)
		sqlite3_bind_int64(st, 5, t->id);
	return save1(s, st, t->id, id);
}

int pol_meeting_save(struct store *s, const struct pol_meeting *m, int64_t *id)
{
	sqlite3_stmt *st;
	if (m->id == 0)
		st = store_stmt(s, "INSERT INTO pol_meeting (created_at, modified_at, body_id, name, start_at, end_at, "
				   "place, state) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	else
		st = store_stmt(s, "UPDATE pol_meeting SET modified_at = ?1, body_id = ?2, name = ?3, start_at = ?4, "
				   "end_at = ?5, place = ?6, state = ?7 WHERE id = ?8 AND deleted = 0");
	if (!st)
		return ST_ERR;
	bind_id(st, 2, m->body_id);
	store_bind_str(st, 3, m->name);
	store_bind_str(st, 4, m->start_at);
	bind_date(st, 5, m->end_at);
	store_bind_str(st, 6, m->place);
	store_bind_str(st, 7, m->state && *m->state ? m->state : "planned");
	if (m->id)
		sqlite3_bind_int64(st, 8, m->id);
	return save1(s, st, m->id, id);
}

int pol_item_add(struct store *s, const struct pol_item *it, int64_t *id)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO pol_item (created_at, modified_at, meeting_id, number, position, "
					 "name, public, result, resolution) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 2, it->meeting_id);
	store_bind_str(st, 3, it->number);
	sqlite3_bind_int(st, 4, it->position);
	store_bind_str(st, 5, it->name);
	sqlite3_bind_int(st, 6, it->public);
	store_bind_str(st, 7, it->result);
	store_bind_str(st, 8, it->resolution);
	return write1(s, st, id);
}

int pol_item_update(struct store *s, const struct pol_item *it)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE pol_item SET modified_at = ?1, number = ?2, name = ?3, public = ?4, "
					 "result = ?5 WHERE id = ?6 AND meeting_id = ?7 AND deleted = 0");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 2, it->number);
	store_bind_str(st, 3, it->name);
	sqlite3_bind_int(st, 4, it->public);
	store_bind_str(st, 5, it->result);
	sqlite3_bind_int64(st, 6, it->id);
	sqlite3_bind_int64(st, 7, it->meeting_id);
	return update1(s, st);
}

int pol_paper_save(struct store *s, const struct pol_paper *p, int64_t *id)
{
	sqlite3_stmt *st;
	if (p->id == 0)
		st = store_stmt(s, "INSERT INTO pol_paper (created_at, modified_at, reference, name, date, kind, "
				   "originator, body_id, summary, public) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	else
		st = store_stmt(s, "UPDATE pol_paper SET modified_at = ?1, reference = ?2, name = ?3, date = ?4, "
				   "kind = ?5, originator = ?6, body_id = ?7, summary = ?8, public = ?9 WHERE id = ?10 "
				   "AND deleted = 0");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 2, p->reference);
	store_bind_str(st, 3, p->name);
	bind_date(st, 4, p->date);
	store_bind_str(st, 5, p->kind && *p->kind ? p->kind : "Vorlage");
	store_bind_str(st, 6, p->originator);
	bind_id(st, 7, p->body_id);
	store_bind_str(st, 8, p->summary);
	sqlite3_bind_int(st, 9, p->public);
	if (p->id)
		sqlite3_bind_int64(st, 10, p->id);
	return save1(s, st, p->id, id);
}

int pol_paper_delete(struct store *s, int64_t id)
{
	return pol_del(s, POL_DEL_PAPER, id);
}

int pol_consultation_add(struct store *s, const struct pol_consultation *c, int64_t *id)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO pol_consultation (created_at, modified_at, paper_id, meeting_id, "
					 "item_id, body_id, purpose, result) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 2, c->paper_id);
	bind_id(st, 3, c->meeting_id);
	bind_id(st, 4, c->item_id);
	bind_id(st, 5, c->body_id);
	store_bind_str(st, 6, c->purpose && *c->purpose ? c->purpose : "information");
	store_bind_str(st, 7, c->result);
	return write1(s, st, id);
}

static void hex(char *out, const unsigned char *h, size_t n)
{
	static const char d[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = d[h[i] >> 4];
		out[2 * i + 1] = d[h[i] & 15];
	}
	out[2 * n] = 0;
}

/* The SHA-256 and SHA-512 of len bytes of data, in hex. */
struct sums {
	char x256[2 * crypto_hash_sha256_BYTES + 1], x512[2 * crypto_hash_sha512_BYTES + 1];
};

static void checksums(const void *data, size_t len, struct sums *out)
{
	unsigned char h256[crypto_hash_sha256_BYTES], h512[crypto_hash_sha512_BYTES];
	crypto_hash_sha256(h256, data, len);
	crypto_hash_sha512(h512, data, len);
	hex(out->x256, h256, sizeof(h256));
	hex(out->x512, h512, sizeof(h512));
}

int pol_file_add(struct store *s, const struct pol_file *f, const void *data, size_t len, int64_t *id)
{
	struct sums sum;
	checksums(data, len, &sum);
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO pol_file (created_at, modified_at, name, file_name, mime_type, "
					 "role, meeting_id, item_id, paper_id, public, size, sha256, sha512, data, date) "
					 "VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 2, f->name);
	store_bind_str(st, 3, f->file_name);
	store_bind_str(st, 4, f->mime_type && *f->mime_type ? f->mime_type : "application/pdf");
	store_bind_str(st, 5, f->role && *f->role ? f->role : "attachment");
	bind_id(st, 6, f->meeting_id);
	bind_id(st, 7, f->item_id);
	bind_id(st, 8, f->paper_id);
	sqlite3_bind_int(st, 9, f->public);
	sqlite3_bind_int64(st, 10, (sqlite3_int64)len);
	store_bind_str(st, 11, sum.x256);
	store_bind_str(st, 12, sum.x512);
	sqlite3_bind_blob64(st, 13, len ? data : "", len, SQLITE_TRANSIENT);
	bind_date(st, 14, f->date);
	return write1(s, st, id);
}

int pol_file_update(struct store *s, const struct pol_file *f, const void *data, size_t len)
{
	sqlite3_stmt *st;
	if (!data)
		st = store_stmt(s, "UPDATE pol_file SET modified_at = ?1, name = ?2, role = ?3, public = ?4 WHERE id = ?5 "
				   "AND deleted = 0");
	else
		st = store_stmt(s, "UPDATE pol_file SET modified_at = ?1, name = ?2, role = ?3, public = ?4, file_name = ?6, "
				   "size = ?7, sha256 = ?8, sha512 = ?9, data = ?10, date = ?11 WHERE id = ?5 AND "
				   "deleted = 0");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 2, f->name);
	store_bind_str(st, 3, f->role && *f->role ? f->role : "attachment");
	sqlite3_bind_int(st, 4, f->public);
	sqlite3_bind_int64(st, 5, f->id);
	if (data) {
		struct sums sum;
		checksums(data, len, &sum);
		store_bind_str(st, 6, f->file_name);
		sqlite3_bind_int64(st, 7, (sqlite3_int64)len);
		store_bind_str(st, 8, sum.x256);
		store_bind_str(st, 9, sum.x512);
		sqlite3_bind_blob64(st, 10, len ? data : "", len, SQLITE_TRANSIENT);
		bind_date(st, 11, f->date);
	}
	return update1(s, st);
}

int pol_process_add(struct store *s, const struct pol_process *p, int64_t *id)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO pol_process (created_at, modified_at, title, summary, public) "
					 "VALUES (?1, ?1, ?2, ?3, ?4)");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 2, p->title);
	store_bind_str(st, 3, p->summary);
	sqlite3_bind_int(st, 4, p->public);
	return write1(s, st, id);
}

int pol_process_update(struct store *s, const struct pol_process *p)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE pol_process SET modified_at = ?1, title = ?2, summary = ?3, public = ?4 "
					 "WHERE id = ?5 AND deleted = 0");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 2, p->title);
	store_bind_str(st, 3, p->summary);
	sqlite3_bind_int(st, 4, p->public);
	sqlite3_bind_int64(st, 5, p->id);
	return update1(s, st);
}

/* A step added, or moved to another day, comes last of its day. */
#define STEP_LAST_OF_DAY                                                                              \
	"(SELECT coalesce(max(y.position) + 1, 0) FROM pol_step y WHERE y.process_id = ?2 AND y.date = ?3 " \
	"AND y.deleted = 0)"

int pol_step_add(struct store *s, const struct pol_step *x, int64_t *id)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO pol_step (created_at, process_id, date, kind, text, paper_id, "
					 "meeting_id, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " STEP_LAST_OF_DAY ")");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 2, x->process_id);
	store_bind_str(st, 3, x->date);
	store_bind_str(st, 4, x->kind);
	store_bind_str(st, 5, x->text);
	bind_id(st, 6, x->paper_id);
	bind_id(st, 7, x->meeting_id);
	return write1(s, st, id);
}

int pol_step_update(struct store *s, const struct pol_step *x)
{
	/* pol_step has no modified_at: ?1 (the time) is only bound */
	sqlite3_stmt *st = store_stmt(s, "UPDATE pol_step SET position = CASE WHEN date = ?3 THEN position ELSE "
					 STEP_LAST_OF_DAY " END, date = ?3, kind = ?4, text = ?5, paper_id = ?6, "
					 "meeting_id = ?7 WHERE id = ?8 AND process_id = ?2 AND deleted = 0 AND "
					 "?1 IS NOT NULL");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 2, x->process_id);
	store_bind_str(st, 3, x->date);
	store_bind_str(st, 4, x->kind);
	store_bind_str(st, 5, x->text);
	bind_id(st, 6, x->paper_id);
	bind_id(st, 7, x->meeting_id);
	sqlite3_bind_int64(st, 8, x->id);
	return update1(s, st);
}

/* Swap row id with its neighbour before it (up 1) or after it in the
 * order list_sql gives (?1 the id, ?2 the parent: the row's siblings in
 * their order, their ids), and number them anew from first with
 * upd_sql (?1 the number, ?2 the id, ?3 the time now), so that ties are
 * gone. ST_OK, ST_NOTFOUND, ST_CONFLICT (first or last already), ST_ERR. */
static int move_in(struct store *s, const char *list_sql, const char *upd_sql, int64_t parent, int64_t id, int up,
		   int first)
{
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, at = 0;
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	rc = ST_ERR;
	sqlite3_stmt *st = store_stmt(s, list_sql);
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, parent);
	int k;
	while ((k = store_step(st)) > 0) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			int64_t *more = realloc(ids, cap * sizeof(*ids));
			if (!more) {
				k = -1;
				break;
			}
			ids = more;
		}
		ids[n] = sqlite3_column_int64(st, 0);
		if (ids[n] == id)
			at = n;
		n++;
	}
	sqlite3_reset(st);
	if (k < 0)
		goto out;
	if (n == 0) {
		rc = ST_NOTFOUND;
		goto out;
	}
	if (up ? at == 0 : at + 1 == n) {
		rc = ST_CONFLICT;
		goto out;
	}
	size_t other = up ? at - 1 : at + 1;
	int64_t t = ids[at];
	ids[at] = ids[other];
	ids[other] = t;
	if (!(st = store_stmt(s, upd_sql)))
		goto out;
	char now[21];
	pol_now(now);
	rc = ST_OK;
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)i + first);
		sqlite3_bind_int64(st, 2, ids[i]);
		store_bind_str(st, 3, now);
		rc = store_exec_stmt(s, st);
	}
out:
	free(ids);
	return store_tx_end(s, &tx, rc);
}

int pol_step_move(struct store *s, int64_t process_id, int64_t id, int up)
{
	/* the steps of its day; pol_step has no modified_at (?3 only bound) */
	return move_in(s,
		       "SELECT y.id FROM pol_step x JOIN pol_step y ON y.process_id = x.process_id AND y.date = x.date "
		       "AND y.deleted = 0 WHERE x.id = ?1 AND x.process_id = ?2 AND x.deleted = 0 ORDER BY y.position, y.id",
		       "UPDATE pol_step SET position = ?1 WHERE id = ?2 AND ?3 IS NOT NULL", process_id, id, up, 0);
}

int pol_item_move(struct store *s, int64_t meeting_id, int64_t id, int up)
{
	/* the agenda of its meeting; an item whose place changed is modified
	 * (OParl's "order") */
	return move_in(s,
		       "SELECT y.id FROM pol_item x JOIN pol_item y ON y.meeting_id = x.meeting_id AND y.deleted = 0 "
		       "WHERE x.id = ?1 AND x.meeting_id = ?2 AND x.deleted = 0 ORDER BY y.position, y.id",
		       "UPDATE pol_item SET position = ?1, modified_at = ?3 WHERE id = ?2 AND position <> ?1", meeting_id,
		       id, up, 1);
}

int pol_consultation_update(struct store *s, const struct pol_consultation *c)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE pol_consultation SET modified_at = ?1, item_id = ?2, purpose = ?3, "
					 "result = ?4 WHERE id = ?5 AND meeting_id = ?6 AND deleted = 0");
	if (!st)
		return ST_ERR;
	bind_id(st, 2, c->item_id);
	store_bind_str(st, 3, c->purpose && *c->purpose ? c->purpose : "information");
	store_bind_str(st, 4, c->result);
	sqlite3_bind_int64(st, 5, c->id);
	sqlite3_bind_int64(st, 6, c->meeting_id);
	return update1(s, st);
}

/* ---- action items ---- */

int pol_action_add(struct store *s, const struct pol_action *x, int64_t *id)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO pol_action (created_at, modified_at, meeting_id, text, who, due) "
					 "VALUES (?1, ?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 2, x->meeting_id);
	store_bind_str(st, 3, x->text);
	store_bind_str(st, 4, x->who);
	store_bind_str(st, 5, x->due);
	return write1(s, st, id);
}

int pol_action_update(struct store *s, const struct pol_action *x)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE pol_action SET modified_at = ?1, text = ?2, who = ?3, due = ?4 WHERE "
					 "id = ?5 AND meeting_id = ?6");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 2, x->text);
	store_bind_str(st, 3, x->who);
	store_bind_str(st, 4, x->due);
	sqlite3_bind_int64(st, 5, x->id);
	sqlite3_bind_int64(st, 6, x->meeting_id);
	return update1(s, st);
}

int pol_action_delete(struct store *s, int64_t meeting_id, int64_t id)
{
	/* not in OParl, no public page: gone for good, its audit row remains */
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM pol_action WHERE id = ?2 AND meeting_id = ?3 AND ?1 IS NOT NULL");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 2, id);
	sqlite3_bind_int64(st, 3, meeting_id);
	return update1(s, st);
}

int pol_action_done(struct store *s, int64_t meeting_id, int64_t id, int done)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE pol_action SET modified_at = ?1, done = ?2 WHERE id = ?3 AND "
					 "meeting_id = ?4");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int(st, 2, done ? 1 : 0);
	sqlite3_bind_int64(st, 3, id);
	sqlite3_bind_int64(st, 4, meeting_id);
	return update1(s, st);
}

/* ---- soft deletion by the editors ---- */

/* What each kind's deletion reads (?1 the id: its name and the id of the
 * page it is listed on, 0 when none) and writes (?1 the time, ?2 the id). */
static const struct {
	const char *read, *write;
} del_sql[POL_DEL__COUNT] = {
	[POL_DEL_ITEM] = { "SELECT name, meeting_id FROM pol_item WHERE id = ?1 AND deleted = 0",
			   "UPDATE pol_item SET deleted = 1, modified_at = ?1 WHERE id = ?2 AND deleted = 0" },
	[POL_DEL_CONSULTATION] = { "SELECT p.name, coalesce(c.meeting_id, 0) FROM pol_consultation c JOIN pol_paper p "
				   "ON p.id = c.paper_id WHERE c.id = ?1 AND c.deleted = 0",
				   "UPDATE pol_consultation SET deleted = 1, modified_at = ?1 WHERE id = ?2 AND "
				   "deleted = 0" },
	[POL_DEL_FILE] = { "SELECT name, coalesce(meeting_id, 0) FROM pol_file WHERE id = ?1 AND deleted = 0",
			   "UPDATE pol_file SET deleted = 1, modified_at = ?1 WHERE id = ?2 AND deleted = 0" },
	[POL_DEL_PAPER] = { "SELECT CASE WHEN reference = '' THEN name ELSE reference || ' ' || name END, 0 "
			    "FROM pol_paper WHERE id = ?1 AND deleted = 0",
			    "UPDATE pol_paper SET deleted = 1, modified_at = ?1 WHERE id = ?2 AND deleted = 0" },
	[POL_DEL_STEP] = { "SELECT text, process_id FROM pol_step WHERE id = ?1 AND deleted = 0",
			   "UPDATE pol_step SET deleted = 1 WHERE id = ?2 AND deleted = 0 AND ?1 IS NOT NULL" },
	[POL_DEL_MEMBERSHIP] = { "SELECT p.name || ' (' || m.role || ')', m.body_id FROM pol_membership m JOIN pol_person p "
				 "ON p.id = m.person_id WHERE m.id = ?1 AND m.deleted = 0",
				 "UPDATE pol_membership SET deleted = 1, modified_at = ?1 WHERE id = ?2 AND deleted = 0" },
	/* a person goes with the memberships (their history) */
	[POL_DEL_PERSON] = { "SELECT name, 0 FROM pol_person WHERE id = ?1 AND deleted = 0",
			     "UPDATE pol_person SET deleted = 1, modified_at = ?1 WHERE id = ?2 AND deleted = 0 AND NOT EXISTS "
			     "(SELECT 1 FROM pol_membership m WHERE m.person_id = ?2 AND m.deleted = 0)" },
	[POL_DEL_TERM] = { "SELECT name, 0 FROM pol_term WHERE id = ?1 AND deleted = 0",
			   "UPDATE pol_term SET deleted = 1, modified_at = ?1 WHERE id = ?2 AND deleted = 0" },
};

int pol_del_read(struct store *s, arena *a, enum pol_del kind, int64_t id, const char **name, int64_t *parent)
{
	sqlite3_stmt *st = store_stmt(s, del_sql[kind].read);
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	int k = store_step(st);
	if (k > 0) {
		*name = store_col_str(a, st, 0);
		*parent = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return k < 0 ? ST_ERR : k == 0 ? ST_NOTFOUND : ST_OK;
}

int pol_del(struct store *s, enum pol_del kind, int64_t id)
{
	sqlite3_stmt *st = store_stmt(s, del_sql[kind].write);
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 2, id);
	return update1(s, st);
}
