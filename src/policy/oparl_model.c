/* oparl_model.c — the queries of the OParl API: one statement per object
 * kind serves its list (filters, page) and its single object; what was
 * never public is never selected, and what was made non-public again is
 * read as withdrawn (shown as "deleted": true). */
#include "policy/oparl_internal.h"
#include "policy/policy_internal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ?1..?4 the time bounds, ?5 limit, ?6 offset, ?7 an organization (0: any),
 * ?8 one id (NULL: any). MOD is when the row last changed as a client sees
 * it (a withdrawn file: also when its paper was made non-public). */
#define FILTER(X, MOD)                                                                        \
	" AND (?1 IS NULL OR " X ".created_at >= ?1) AND (?2 IS NULL OR " X ".created_at <= ?2)" \
	" AND (?3 IS NULL OR " MOD " >= ?3) AND (?4 IS NULL OR " MOD " <= ?4)"                   \
	" AND (?8 IS NULL OR " X ".id = ?8) ORDER BY " X ".id LIMIT ?5 OFFSET ?6"
/* After a kind's columns: whether the public may no longer see the row
 * (it is shown as withdrawn, "deleted": true), MOD, and the count of the
 * rows that pass. */
#define TAIL(WITHDRAWN, MOD) ", " WITHDRAWN ", " MOD ", COUNT(*) OVER ()"
/* The later of two times (both ISO 8601 UTC, b may be NULL). */
#define LATER(A, B) "CASE WHEN " B " > " A " THEN " B " ELSE " A " END"

/* Rows the public sees, or saw once: an agenda item, a paper or a file
 * that was public and was made non-public again stays in the lists as
 * withdrawn; one never public stays unknown. A consultation is known with
 * its paper: moved into a non-public agenda item it is withdrawn. */
#define ITEM_SEEN "(i.public = 1 OR i.was_public = 1)"
#define PAPER_SEEN "(p.public = 1 OR p.was_public = 1)"
#define CONS_MOD LATER(LATER("c.modified_at", "p.modified_at"), "i.modified_at")
#define FILE_SEEN                                                                  \
	"((f.public = 1 OR f.was_public = 1) AND (fi.id IS NULL OR fi.public = 1 OR " \
	"fi.was_public = 1) AND (fp.id IS NULL OR fp.public = 1 OR fp.was_public = 1))"
#define FILE_MOD LATER(LATER("f.modified_at", "fi.modified_at"), "fp.modified_at")

static const struct {
	const char *sql;
	size_t size;
	void (*read)(arena *, sqlite3_stmt *, void *);
	size_t deleted, modified; /* offsets in the row's struct */
} kinds[PK__COUNT] = {
#define R(fn) ((void (*)(arena *, sqlite3_stmt *, void *))(fn))
#define AT(type, fn) sizeof(struct type), R(fn), offsetof(struct type, deleted), offsetof(struct type, modified)
	[PK_ORGANIZATION] = { "SELECT " POL_BODY_COLS TAIL("0", "b.modified_at") " FROM pol_body b WHERE ?7 >= 0"
				      FILTER("b", "b.modified_at"),
			      AT(pol_body, pol_read_body) },
	[PK_PERSON] = { "SELECT " POL_PERSON_COLS TAIL("0", "x.modified_at") " FROM pol_person x WHERE ?7 >= 0"
				FILTER("x", "x.modified_at"),
			AT(pol_person, pol_read_person) },
	[PK_MEMBERSHIP] = { "SELECT " POL_MEMBERSHIP_COLS TAIL("0", "m.modified_at") " FROM pol_membership m JOIN "
			    "pol_person p ON p.id = m.person_id JOIN pol_body b ON b.id = m.body_id WHERE ?7 >= 0"
				    FILTER("m", "m.modified_at"),
			    AT(pol_membership, pol_read_membership) },
	[PK_MEETING] = { "SELECT " POL_MEETING_COLS TAIL("0", "m.modified_at") " FROM pol_meeting m LEFT JOIN "
			 "pol_body b ON b.id = m.body_id WHERE (?7 = 0 OR m.body_id = ?7)" FILTER("m", "m.modified_at"),
			 AT(pol_meeting, pol_read_meeting) },
	[PK_AGENDAITEM] = { "SELECT " POL_ITEM_COLS TAIL("CASE WHEN i.public = 1 THEN 0 ELSE 1 END", "i.modified_at")
			    " FROM pol_item i WHERE ?7 >= 0 AND " ITEM_SEEN FILTER("i", "i.modified_at"),
			    AT(pol_item, pol_read_item) },
	[PK_PAPER] = { "SELECT " POL_PAPER_COLS TAIL("CASE WHEN p.public = 1 THEN 0 ELSE 1 END", "p.modified_at")
		       " FROM pol_paper p WHERE ?7 >= 0 AND " PAPER_SEEN FILTER("p", "p.modified_at"),
		       AT(pol_paper, pol_read_paper) },
	[PK_CONSULTATION] = { "SELECT " POL_CONSULTATION_COLS
			      TAIL("CASE WHEN p.public = 1 AND p.deleted = 0 AND (c.item_id IS NULL OR (i.public = 1 "
				   "AND i.deleted = 0)) THEN 0 ELSE 1 END", CONS_MOD)
			      " FROM " POL_CONSULTATION_FROM " WHERE ?7 >= 0 AND " PAPER_SEEN FILTER("c", CONS_MOD),
			      AT(pol_consultation, pol_read_consultation) },
	[PK_FILE] = { "SELECT " POL_FILE_COLS TAIL("CASE WHEN " POL_FILE_PUBLIC " THEN 0 ELSE 1 END", FILE_MOD)
		      " FROM " POL_FILE_FROM " WHERE ?7 >= 0 AND " FILE_SEEN FILTER("f", FILE_MOD),
		      AT(pol_file, pol_read_file) },
	[PK_TERM] = { "SELECT " POL_TERM_COLS TAIL("0", "t.modified_at") " FROM pol_term t WHERE ?7 >= 0"
			      FILTER("t", "t.modified_at"),
		      AT(pol_term, pol_read_term) },
	[PK_LOCATION] = { "SELECT " POL_MEETING_COLS TAIL("0", "m.modified_at") " FROM pol_meeting m LEFT JOIN "
			  "pol_body b ON b.id = m.body_id WHERE ?7 >= 0 AND m.place <> ''" FILTER("m", "m.modified_at"),
			  AT(pol_meeting, pol_read_meeting) },
#undef AT
#undef R
};

static int run(struct store *s, arena *a, enum pol_kind kind, const struct pol_oparl_filter *f, int64_t id,
	       struct pol_oparl_page *out)
{
	memset(out, 0, sizeof(*out));
	if ((unsigned)kind >= PK__COUNT)
		return ST_ERR;
	sqlite3_stmt *st = store_stmt(s, kinds[kind].sql);
	if (!st)
		return ST_ERR;
	store_bind_opt(st, 1, f->created_since);
	store_bind_opt(st, 2, f->created_until);
	store_bind_opt(st, 3, f->modified_since);
	store_bind_opt(st, 4, f->modified_until);
	sqlite3_bind_int64(st, 5, f->limit);
	sqlite3_bind_int64(st, 6, f->offset);
	sqlite3_bind_int64(st, 7, f->organization);
	if (id > 0)
		sqlite3_bind_int64(st, 8, id);
	else
		sqlite3_bind_null(st, 8);
	size_t cap = f->limit > 0 && f->limit < 1000 ? (size_t)f->limit : 1000;
	out->rows = arena_alloc(a, (cap ? cap : 1) * sizeof(*out->rows));
	int cols = sqlite3_column_count(st);
	int rc;
	while ((rc = store_step(st)) > 0) {
		if (out->n == cap)
			continue;
		void *row = arena_alloc(a, kinds[kind].size);
		memset(row, 0, kinds[kind].size);
		kinds[kind].read(a, st, row);
		/* withdrawn from the public: only its frame, when it went */
		if (sqlite3_column_int(st, cols - 3))
			*(int *)((char *)row + kinds[kind].deleted) = 1;
		*(const char **)((char *)row + kinds[kind].modified) = store_col_str(a, st, cols - 2);
		out->rows[out->n++] = row;
		out->total = (long)sqlite3_column_int64(st, cols - 1);
	}
	sqlite3_reset(st);
	return rc < 0 ? ST_ERR : ST_OK;
}

int pol_oparl_query(struct store *s, arena *a, enum pol_kind kind, const struct pol_oparl_filter *f,
		    struct pol_oparl_page *out)
{
	int rc = run(s, a, kind, f, 0, out);
	if (rc == ST_OK && out->n == 0 && f->offset > 0) {
		/* a page past the end: the total from the first row */
		struct pol_oparl_filter g = *f;
		struct pol_oparl_page first;
		g.offset = 0;
		g.limit = 1;
		rc = run(s, a, kind, &g, 0, &first);
		out->total = first.total;
	}
	return rc;
}

int pol_oparl_get(struct store *s, arena *a, enum pol_kind kind, int64_t id, const void **out)
{
	struct pol_oparl_filter f = { .limit = 1 };
	struct pol_oparl_page pg;
	int rc = run(s, a, kind, &f, id, &pg);
	if (rc != ST_OK)
		return rc;
	if (pg.n == 0)
		return ST_NOTFOUND;
	*out = pg.rows[0];
	return ST_OK;
}

int pol_oparl_person_memberships(struct store *s, arena *a, int64_t person_id, struct pol_membership **out,
				 size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " POL_MEMBERSHIP_COLS " FROM pol_membership m JOIN pol_person p ON "
					 "p.id = m.person_id JOIN pol_body b ON b.id = m.body_id WHERE m.person_id = ? AND "
					 "m.deleted = 0 ORDER BY m.start_date, m.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, person_id);
	return pol_collect(a, st, sizeof(**out), (void (*)(arena *, sqlite3_stmt *, void *))pol_read_membership,
			   (void **)out, n);
}

const char *pol_utc(arena *a, const char *v)
{
	size_t n = strlen(v);
	char date[11];
	if (n < 10)
		return NULL;
	memcpy(date, v, 10);
	date[10] = 0;
	if (!pol_is_date(date))
		return NULL;
	struct tm tm = { 0 };
	tm.tm_year = atoi(v) - 1900;
	tm.tm_mon = atoi(v + 5) - 1;
	tm.tm_mday = atoi(v + 8);
	long offset = 0;
	if (n > 10) {
		const char *t = v + 10;
		if (*t != 'T' || n < 16 || t[3] != ':')
			return NULL;
		for (int i = 1; i <= 5; i++)
			if (i != 3 && (t[i] < '0' || t[i] > '9'))
				return NULL;
		tm.tm_hour = atoi(t + 1);
		tm.tm_min = atoi(t + 4);
		const char *z = t + 6;
		if (*z == ':') {
			if (z[1] < '0' || z[1] > '9' || z[2] < '0' || z[2] > '9')
				return NULL;
			tm.tm_sec = atoi(z + 1);
			z += 3;
			if (*z == '.') {
				z++;
				while (*z >= '0' && *z <= '9')
					z++;
			}
		}
		if (tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 59)
			return NULL;
		if (*z == '+' || *z == ' ' || *z == '-') {
			if (strlen(z) != 6 || z[3] != ':' || z[1] < '0' || z[1] > '9' || z[2] < '0' || z[2] > '9' ||
			    z[4] < '0' || z[4] > '9' || z[5] < '0' || z[5] > '9')
				return NULL;
			offset = (*z == '-' ? -1 : 1) * (atol(z + 1) * 3600 + atol(z + 4) * 60);
		} else if (*z && strcmp(z, "Z") != 0) {
			return NULL;
		}
	}
	time_t t = timegm(&tm) - offset;
	struct tm out;
	if (!gmtime_r(&t, &out))
		return NULL;
	char text[32];
	strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &out);
	return arena_strdup(a, text);
}
