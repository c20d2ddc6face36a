/* csv_import.c — the flat offer import: reading the file (libcsv, with
 * the line where each record starts) and writing every row whole or not
 * at all.
 *
 * All rows go into one transaction. First without savepoints (they cost
 * about a third of the time): rows are checked completely before anything
 * is written, so a write fails only on a constraint nobody foresaw. If
 * one does, the transaction is rolled back and the file is read again
 * with a savepoint per row, which reports that row and keeps the rest.
 *
 * Two threads share the work: this one reads and checks the rows, a
 * writer thread writes them (struct queue between them), so that reading
 * the next row overlaps writing the last. The writer owns the connection,
 * the maps of providers and places and the counts of what it wrote; its
 * problems go into a list of their own, merged by line at the end. */
#include "directory/csv_import.h"
#include "core/core.h"
#include "core/i18n.h"
#include "directory/import_write.h"

#include <csv.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS 200
#define BULK_MIN_ROWS 1000 /* fewer rows: the indexes stay as they are */
#define MAX_FIELD (256u << 10) /* a cell longer than this refuses its row */

/* ---- a small string map (key -> UUID) for providers and places; a
 * value "" is a key taken back (the row that made it was rolled back) ---- */

struct smap {
	char **keys;
	char (*vals)[37];
	size_t cap, n;
};

static uint64_t hash(const char *s)
{
	return core_hash(s, strlen(s));
}

static size_t smap_slot(const struct smap *m, const char *k)
{
	size_t i = hash(k) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], k) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static const char *smap_get(const struct smap *m, const char *k)
{
	if (!m->cap)
		return NULL;
	size_t i = smap_slot(m, k);
	return m->keys[i] && m->vals[i][0] ? m->vals[i] : NULL;
}

static void smap_put(struct smap *m, const char *k, const char *v)
{
	if (2 * (m->n + 1) > m->cap) {
		struct smap g = { .cap = m->cap ? 2 * m->cap : 1024, .n = m->n };
		g.keys = xcalloc(g.cap, sizeof(*g.keys));
		g.vals = xcalloc(g.cap, sizeof(*g.vals));
		for (size_t i = 0; i < m->cap; i++)
			if (m->keys[i]) {
				size_t j = smap_slot(&g, m->keys[i]);
				g.keys[j] = m->keys[i];
				memcpy(g.vals[j], m->vals[i], 37);
			}
		free(m->keys);
		free(m->vals);
		*m = g;
	}
	size_t i = smap_slot(m, k);
	if (!m->keys[i]) {
		m->keys[i] = xstrdup(k);
		m->n++;
	}
	snprintf(m->vals[i], 37, "%s", v);
}

static void smap_free(struct smap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
}

/* ---- the run ---- */

struct problems {
	struct dir_import_problem *v;
	size_t n, cap;
};

/* A provider or place made since the row's savepoint (careful mode). */
struct made {
	char *key;
	int is_org;
};

struct queue;

struct importer {
	struct store *s;
	arena *a;                  /* the result's */
	const struct dir_import_opts *o;
	struct dir_import_result *res;
	int careful;               /* a savepoint per row */
	atomic_int restart;        /* a write failed without savepoint: read again carefully */
	atomic_int failed;         /* the database failed: stop, roll back */
	int bulk;                  /* many new offers: indexes made after the rows */
	struct queue *q;           /* to the writer thread (NULL: rows are written here) */
	struct problems wproblems; /* the writer's, with their arguments in wa */
	long wbad;
	arena *wa;
	struct csv_parser csv;
	/* the record being read */
	buf cells;                 /* cells, each NUL-terminated */
	size_t off[MAX_COLS];
	size_t nf, extra;          /* cells kept; cells past MAX_COLS or the header */
	int too_long;
	long line, rec_line;       /* physical line being read; where the record began */
	size_t done, total;        /* bytes */
	/* the header */
	int have_header, ncols;
	int col[MAX_COLS];         /* file column -> enum dir_import_col, or -1 */
	/* lookups */
	arena *ta;
	struct dir_import_terms terms;
	struct smap orgs, places;  /* name -> id; place key -> id */
	struct made *made;
	size_t nmade, capmade;
	struct imp_ids ids;
	struct problems problems, notes;
};

static void add_problem(struct importer *im, struct problems *l, long line, const char *msgid,
			const char *arg1, const char *arg2)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = (struct dir_import_problem){ .line = line, .msgid = msgid,
						   .arg1 = arg1 ? arena_strdup(im->a, arg1) : NULL,
						   .arg2 = arg2 ? arena_strdup(im->a, arg2) : NULL };
}

/* A row the writer could not write (line: where it began). */
static void write_failed(struct importer *im, long line, const char *msgid, const char *arg1)
{
	struct problems *l = &im->wproblems;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = (struct dir_import_problem){ .line = line, .msgid = msgid,
						   .arg1 = arg1 ? arena_strdup(im->wa, arg1) : NULL };
	im->wbad++;
}

/* The writer's problems into the reader's, in the order of their lines. */
static void merge_problems(struct importer *im)
{
	struct problems *r = &im->problems, *w = &im->wproblems;
	if (w->n) {
		struct dir_import_problem *v = xmalloc((r->n + w->n) * sizeof(*v));
		size_t i = 0, j = 0, k = 0;
		while (i < r->n || j < w->n) {
			if (j == w->n || (i < r->n && r->v[i].line <= w->v[j].line)) {
				v[k++] = r->v[i++];
			} else {
				v[k] = w->v[j++];
				if (v[k].arg1) /* from the writer's arena into the result's */
					v[k].arg1 = arena_strdup(im->a, v[k].arg1);
				k++;
			}
		}
		free(r->v);
		r->v = v;
		r->n = r->cap = k;
	}
	im->res->bad += im->wbad;
	w->n = 0;
	im->wbad = 0;
}

static void row_failed(struct importer *im, const char *msgid, const char *arg1, const char *arg2)
{
	im->res->bad++;
	add_problem(im, &im->problems, im->rec_line, msgid, arg1, arg2);
}

static int step_sql(struct importer *im, const char *sql)
{
	sqlite3_stmt *st = store_stmt(im->s, sql);
	return st ? store_exec_stmt(im->s, st) : ST_ERR;
}

static void remember(struct importer *im, const char *key, const char *id, int is_org)
{
	smap_put(is_org ? &im->orgs : &im->places, key, id);
	im->res->providers_created += is_org;
	if (!im->careful)
		return;
	if (im->nmade == im->capmade) {
		im->capmade = im->capmade ? 2 * im->capmade : 16;
		im->made = xrealloc(im->made, im->capmade * sizeof(*im->made));
	}
	im->made[im->nmade++] = (struct made){ .key = xstrdup(key), .is_org = is_org };
}

/* The row's savepoint was released (keep = 1) or rolled back: what it
 * made stays known, or is forgotten. */
static void settle(struct importer *im, int keep)
{
	for (size_t i = 0; i < im->nmade; i++) {
		struct made *m = &im->made[i];
		if (!keep) {
			struct smap *map = m->is_org ? &im->orgs : &im->places;
			map->vals[smap_slot(map, m->key)][0] = '\0';
			im->res->providers_created -= m->is_org;
		}
		free(m->key);
	}
	im->nmade = 0;
}

/* The provider named name: known, or created now. */
static int resolve_org(struct importer *im, const char *name, char id[37])
{
	const char *known = smap_get(&im->orgs, name);
	if (known) {
		memcpy(id, known, 37);
		return ST_OK;
	}
	int rc = imp_insert_org(im->s, &im->ids, name, im->o->who, id);
	if (rc == ST_OK)
		remember(im, name, id, 1);
	return rc;
}

static void place_key(char *key, size_t n, const char *org_id, const char *street, const char *postcode,
		      const char *city, double lat, double lon, int has_coords)
{
	if (!has_coords)
		lat = lon = 0;
	snprintf(key, n, "%s\x1f%s\x1f%s\x1f%s\x1f%.7f\x1f%.7f\x1f%d", org_id, street, postcode, city, lat, lon,
		 has_coords);
}

/* The row's place at its provider: an equal one (same address and
 * coordinates, not confidential), or a new one. */
static int resolve_place(struct importer *im, const char *org_id, struct dir_import_row *row, char id[37])
{
	struct dir_location *l = &row->loc;
	char key[2048];
	place_key(key, sizeof(key), org_id, row->street, row->postcode, row->city, l->latitude, l->longitude,
		  l->has_coords);
	const char *known = smap_get(&im->places, key);
	if (known) {
		memcpy(id, known, 37);
		return ST_OK;
	}
	l->organization_id = org_id;
	int rc = imp_insert_location(im->s, &im->ids, l, im->o->who, id);
	if (rc == ST_OK)
		remember(im, key, id, 0);
	return rc;
}

/* What is stored before the run: providers by name (an active one wins
 * over archived or merged ones), places by provider and address. */
static int load_known(struct importer *im)
{
	sqlite3_stmt *st = store_stmt(im->s, "SELECT id, name FROM organization ORDER BY archived DESC, "
					     "merged_into IS NOT NULL DESC, rowid DESC");
	if (!st)
		return ST_ERR;
	while (sqlite3_step(st) == SQLITE_ROW)
		smap_put(&im->orgs, store_col_text(st, 1), store_col_text(st, 0));
	sqlite3_reset(st);
	st = store_stmt(im->s, "SELECT l.id, l.organization_id, coalesce(ad.address_1, ''), "
			       "coalesce(ad.postal_code, ''), coalesce(ad.city, ''), l.latitude, l.longitude, "
			       "l.latitude IS NOT NULL AND l.longitude IS NOT NULL FROM location l "
			       "LEFT JOIN address ad ON ad.location_id = l.id "
			       "WHERE l.confidential = 0 AND l.organization_id IS NOT NULL ORDER BY l.rowid DESC");
	if (!st)
		return ST_ERR;
	char key[2048];
	while (sqlite3_step(st) == SQLITE_ROW) {
		place_key(key, sizeof(key), store_col_text(st, 1), store_col_text(st, 2), store_col_text(st, 3),
			  store_col_text(st, 4), sqlite3_column_double(st, 5), sqlite3_column_double(st, 6),
			  sqlite3_column_int(st, 7));
		smap_put(&im->places, key, store_col_text(st, 0));
	}
	sqlite3_reset(st);
	return ST_OK;
}

static int has_taxonomy(const struct dir_import_row *row, const char *code)
{
	for (size_t i = 0; i < row->n_term_taxonomies; i++)
		if (strcmp(row->term_taxonomies[i], code) == 0)
			return 1;
	return 0;
}

/* Put the columns the file has into the stored offer sv (update by id). */
static void merge(arena *a, const struct dir_import_row *row, struct dir_service *sv)
{
	const struct dir_service *n = &row->sv;
	const int *has = row->present;
	sv->name = n->name;
#define TAKE(c, f) if (has[c]) sv->f = n->f
	TAKE(IC_DESCRIPTION, description);
	TAKE(IC_STATUS, status);
	TAKE(IC_AGE_MIN, minimum_age);
	TAKE(IC_AGE_MAX, maximum_age);
	TAKE(IC_FREE, free_of_charge);
	TAKE(IC_COSTS, fees_description);
	TAKE(IC_APPLY, application_process);
	TAKE(IC_ELIGIBILITY, eligibility_description);
	TAKE(IC_EMAIL, email);
	TAKE(IC_WEBSITE, url);
	TAKE(IC_CAPACITY, capacity);
	TAKE(IC_DELIVERY, delivery);
	TAKE(IC_ASSURED, assured_date);
#undef TAKE
#define TAKE_LIST(c, f) if (has[c]) sv->f = n->f, sv->n_##f = n->n_##f
	TAKE_LIST(IC_TIMES, schedules);
	TAKE_LIST(IC_LANGUAGES, languages);
	TAKE_LIST(IC_PHONE, phones);
	TAKE_LIST(IC_CONTACT, contacts);
	TAKE_LIST(IC_FUNDING, funding);
#undef TAKE_LIST
	/* terms: those of the taxonomies the file has are replaced */
	struct dir_term *t = arena_alloc(a, (sv->n_terms + n->n_terms + 1) * sizeof(*t));
	size_t k = 0;
	for (size_t i = 0; i < sv->n_terms; i++)
		if (!has_taxonomy(row, sv->terms[i].taxonomy_code))
			t[k++] = sv->terms[i];
	for (size_t i = 0; i < n->n_terms; i++)
		t[k++] = n->terms[i];
	sv->terms = t;
	sv->n_terms = k;
	sv->last_modified = NULL; /* an update is "now" */
}

enum { REFUSED = -1 }; /* write_row: refused before anything was written (*why set) */

/* Write one checked row: a new offer (fast path), or the change of a
 * stored one. ST_OK; REFUSED with *why; else the status of the failed
 * write (the row may be half written). */
static int write_row(struct importer *im, arena *ra, struct dir_import_row *row, const char **why)
{
	struct dir_service sv;
	char org_id[37], place_id[37], new_id[37];
	int rc;
	const int *has = row->present;
	if (row->id) {
		rc = dir_service_get(im->s, ra, row->id, "de", DIR_STAFF, &sv);
		if (rc == ST_NOTFOUND)
			*why = N_("Ein Angebot mit der id {1} gibt es nicht.");
		if (rc != ST_OK)
			return rc == ST_NOTFOUND ? REFUSED : rc;
		merge(ra, row, &sv);
		if (sv.minimum_age >= 0 && sv.maximum_age >= 0 && sv.minimum_age > sv.maximum_age) {
			*why = N_("Alter von ist größer als Alter bis (zusammen mit den gespeicherten Angaben).");
			return REFUSED;
		}
	} else {
		sv = row->sv;
	}
	if (row->org) {
		if ((rc = resolve_org(im, row->org, org_id)) != ST_OK)
			return rc;
		sv.organization_id = org_id;
	}
	if (row->id && !(has[IC_STREET] || has[IC_POSTCODE] || has[IC_CITY] || has[IC_LAT] || has[IC_LON])) {
		/* the offer keeps its places */
	} else if (row->loc.has_address || row->loc.has_coords) {
		if ((rc = resolve_place(im, sv.organization_id, row, place_id)) != ST_OK)
			return rc;
		sv.locations = arena_alloc(ra, sizeof(*sv.locations));
		sv.locations[0] = (struct dir_location){ .id = place_id };
		sv.n_locations = 1;
	} else {
		sv.n_locations = 0;
	}
	if (!row->id)
		return imp_insert_offer(im->s, &im->ids, &sv, im->o->who, new_id);
	return dir_service_save(im->s, &sv, im->o->who, NULL);
}

/* Write a mapped row: without savepoint, or (careful) under its own. */
static void store_row(struct importer *im, arena *ra, struct dir_import_row *row, long line)
{
	const char *why = NULL;
	if (im->careful && step_sql(im, "SAVEPOINT import_row") != ST_OK) {
		im->failed = 1;
		return;
	}
	int rc = write_row(im, ra, row, &why);
	if (rc == ST_OK || rc == REFUSED) {
		if (im->careful && step_sql(im, "RELEASE import_row") != ST_OK) {
			im->failed = 1;
			return;
		}
		settle(im, 1);
		if (rc == REFUSED)
			write_failed(im, line, why, row->id);
		else if (row->id)
			im->res->updated++;
		else
			im->res->created++;
		return;
	}
	if (rc == ST_ERR || sqlite3_get_autocommit(store_db(im->s))) {
		im->failed = 1; /* the database failed (or gave up the transaction) */
		return;
	}
	if (!im->careful) {
		im->restart = 1; /* half a row is written: start again carefully */
		return;
	}
	if (step_sql(im, "ROLLBACK TO import_row") != ST_OK || step_sql(im, "RELEASE import_row") != ST_OK) {
		im->failed = 1;
		return;
	}
	settle(im, 0);
	write_failed(im, line, N_("Die Zeile passt nicht zu den gespeicherten Daten und wurde nicht gespeichert."),
		     NULL);
}

/* ---- the queue from the reader to the writer thread ---- */

#define QUEUE_LEN 64

struct job {
	arena *ra; /* the row's memory: the writer frees it */
	struct dir_import_row row;
	long line;
};

struct queue {
	pthread_mutex_t mu;
	pthread_cond_t put, take;
	struct job jobs[QUEUE_LEN];
	size_t head, n;
	int closed;
	pthread_t writer;
};

static void queue_put(struct queue *q, const struct job *j)
{
	pthread_mutex_lock(&q->mu);
	if (q->n == QUEUE_LEN)
		while (q->n > QUEUE_LEN / 2)
			pthread_cond_wait(&q->put, &q->mu);
	q->jobs[(q->head + q->n++) % QUEUE_LEN] = *j;
	if (q->n == 1)
		pthread_cond_signal(&q->take);
	pthread_mutex_unlock(&q->mu);
}

/* The next job; 0 once the queue is closed and empty. */
static int queue_take(struct queue *q, struct job *j)
{
	pthread_mutex_lock(&q->mu);
	while (q->n == 0 && !q->closed)
		pthread_cond_wait(&q->take, &q->mu);
	int got = q->n > 0;
	if (got) {
		*j = q->jobs[q->head];
		q->head = (q->head + 1) % QUEUE_LEN;
		if (q->n-- == QUEUE_LEN / 2) /* the reader waits for half the queue: fewer wake-ups */
			pthread_cond_signal(&q->put);
	}
	pthread_mutex_unlock(&q->mu);
	return got;
}

static void *writer_main(void *p)
{
	struct importer *im = p;
	struct job j;
	while (queue_take(im->q, &j)) {
		if (!im->failed && !im->restart) /* after those, the rest is dropped */
			store_row(im, j.ra, &j.row, j.line);
		arena_free(j.ra);
	}
	return NULL;
}

/* Start the writer; without a thread the reader writes itself. */
static void writer_start(struct importer *im)
{
	struct queue *q = xcalloc(1, sizeof(*q));
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->put, NULL);
	pthread_cond_init(&q->take, NULL);
	im->q = q;
	if (pthread_create(&q->writer, NULL, writer_main, im) != 0)
		im->q = NULL;
	if (!im->q) {
		pthread_cond_destroy(&q->take);
		pthread_cond_destroy(&q->put);
		pthread_mutex_destroy(&q->mu);
		free(q);
	}
}

/* Let the writer finish what is queued and wait for it. */
static void writer_stop(struct importer *im)
{
	struct queue *q = im->q;
	if (!q)
		return;
	pthread_mutex_lock(&q->mu);
	q->closed = 1;
	pthread_cond_signal(&q->take);
	pthread_mutex_unlock(&q->mu);
	pthread_join(q->writer, NULL);
	pthread_cond_destroy(&q->take);
	pthread_cond_destroy(&q->put);
	pthread_mutex_destroy(&q->mu);
	free(q);
	im->q = NULL;
}

static void do_row(struct importer *im)
{
	const char *val[IC__MAX] = { 0 };
	const char *cells = buf_str(&im->cells);
	int blank = 1;
	for (size_t i = 0; i < im->nf && blank; i++)
		blank = cells[im->off[i]] == '\0';
	if (blank && !im->extra)
		return; /* an empty row */
	im->res->rows++;
	if (im->too_long) {
		row_failed(im, N_("Ein Feld der Zeile ist länger als 256 KB."), NULL, NULL);
		return;
	}
	if (im->extra || im->nf != (size_t)im->ncols) {
		row_failed(im, N_("Die Zeile hat {1} Felder, die Kopfzeile {2}. Bitte Trennzeichen und "
				  "Anführungszeichen prüfen."),
			   arena_printf(im->a, "%zu", im->nf + im->extra), arena_printf(im->a, "%d", im->ncols));
		return;
	}
	for (int i = 0; i < im->ncols; i++)
		if (im->col[i] >= 0)
			val[im->col[i]] = cells + im->off[i];
	arena *ra = arena_new();
	struct dir_import_row row;
	struct dir_import_problem p;
	if (dir_import_row_map(ra, val, &im->terms, &row, &p) != 0) {
		row_failed(im, p.msgid, p.arg1, p.arg2);
	} else if (im->q) {
		queue_put(im->q, &(struct job){ .ra = ra, .row = row, .line = im->rec_line });
		return;
	} else {
		store_row(im, ra, &row, im->rec_line);
	}
	arena_free(ra);
}

static int do_header(struct importer *im)
{
	const char *cells = buf_str(&im->cells);
	int seen[IC__MAX] = { 0 };
	if (im->extra)
		return add_problem(im, &im->problems, 0, N_("Die Kopfzeile hat mehr als 200 Spalten."), NULL, NULL),
		       -1;
	im->ncols = (int)im->nf;
	for (int i = 0; i < im->ncols; i++) {
		const char *h = cells + im->off[i];
		int c = dir_import_col_find(h);
		im->col[i] = c;
		if (c < 0) {
			if (*h)
				add_problem(im, &im->notes, im->rec_line,
					    N_("Die Spalte „{1}“ ist unbekannt und wird nicht gelesen."), h, NULL);
			continue;
		}
		if (seen[c]++)
			return add_problem(im, &im->problems, 0, N_("Die Spalte „{1}“ steht zweimal in der Kopfzeile."),
					   dir_import_col_label(c), NULL),
			       -1;
	}
	if (!seen[IC_NAME])
		return add_problem(im, &im->problems, 0, N_("Die Kopfzeile (die erste Zeile) hat keine Spalte „{1}“."),
				   dir_import_col_label(IC_NAME), NULL),
		       -1;
	if (!seen[IC_ORG] && !seen[IC_ID])
		return add_problem(im, &im->problems, 0,
				   N_("Die Kopfzeile braucht eine Spalte „Träger“ (oder „id“, um gespeicherte "
				      "Angebote zu ändern)."),
				   NULL, NULL),
		       -1;
	return 0;
}

/* ---- libcsv callbacks ---- */

static void on_cell(void *data, size_t len, void *ctx)
{
	struct importer *im = ctx;
	if (im->nf >= MAX_COLS || (im->have_header && im->nf >= (size_t)im->ncols)) {
		/* past the header's width: only counts when it holds something */
		for (size_t i = 0; i < len; i++)
			if (((const char *)data)[i] != ' ' && ((const char *)data)[i] != '\t') {
				im->extra++;
				break;
			}
		return;
	}
	if (len > MAX_FIELD) {
		im->too_long = 1;
		len = 0;
	}
	im->off[im->nf++] = im->cells.len;
	/* trim white space at both ends */
	const char *s = data, *e = s + len;
	while (s < e && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		e--;
	buf_append(&im->cells, s, (size_t)(e - s));
	buf_putc(&im->cells, '\0');
}

static void on_record(int c, void *ctx)
{
	(void)c;
	struct importer *im = ctx;
	if (im->failed || im->restart || im->res->refused) {
		/* nothing more to do */
	} else if (!im->have_header) {
		if (im->nf || im->extra) {
			im->have_header = 1;
			if (do_header(im) != 0)
				im->res->refused = 1;
		}
	} else {
		do_row(im);
		long n = im->res->rows;
		if (im->o->progress && n % 500 == 0)
			im->o->progress(im->o->progress_ctx, im->done, im->total, n);
	}
	buf_reset(&im->cells);
	im->nf = im->extra = 0;
	im->too_long = 0;
}

/* ---- the run ---- */

static int stopped(const struct importer *im)
{
	return im->failed || im->restart || im->res->refused;
}

#define CSV_OPTS (CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)

/* libcsv stopped at a quote out of place (strict mode): the record is
 * refused and reading goes on with the next line and a fresh parser. */
static void quote_error(struct importer *im)
{
	if (csv_error(&im->csv) != CSV_EPARSE || !im->have_header) {
		add_problem(im, &im->problems, im->have_header ? im->rec_line : 0,
			    im->have_header ? N_("Die Datei konnte nicht gelesen werden.")
					    : N_("Die Kopfzeile hat ein Anführungszeichen an falscher Stelle."),
			    NULL, NULL);
		im->res->refused = 1;
		return;
	}
	im->res->rows++;
	row_failed(im, N_("Ein Anführungszeichen steht an falscher Stelle. Ein Feld mit \" muss ganz in "
			  "Anführungszeichen stehen, ein \" darin wird verdoppelt (\"\")."),
		   NULL, NULL);
	csv_free(&im->csv);
	if (csv_init(&im->csv, CSV_OPTS) != 0) {
		im->failed = 1;
		return;
	}
	csv_set_delim(&im->csv, (unsigned char)im->res->separator);
	buf_reset(&im->cells);
	im->nf = im->extra = 0;
	im->too_long = 0;
}

static void read_csv(struct importer *im, const char *text, size_t len)
{
	csv_set_delim(&im->csv, (unsigned char)im->res->separator);
	im->total = len;
	size_t i = 0;
	while (i < len && !stopped(im)) {
		/* one physical line: up to '\n', or a '\r' not followed by '\n' */
		size_t e = i;
		while (e < len && text[e] != '\n' && !(text[e] == '\r' && (e + 1 >= len || text[e + 1] != '\n')))
			e++;
		if (e < len)
			e++;
		im->line++;
		/* libcsv's state 0 (ROW_NOT_BEGUN): a new record starts on this line */
		if (im->csv.pstate == 0)
			im->rec_line = im->line;
		im->done = i;
		if (csv_parse(&im->csv, text + i, e - i, on_cell, on_record, im) != e - i && !stopped(im))
			quote_error(im);
		i = e;
	}
	im->done = len;
	if (stopped(im))
		return;
	if (csv_fini(&im->csv, on_cell, on_record, im) != 0) {
		/* CSV_STRICT_FINI: a quote opened and never closed */
		im->res->rows++;
		row_failed(im, N_("Ein Anführungszeichen wird nicht geschlossen; ab hier wurde nichts gelesen."), NULL,
			   NULL);
	}
	if (!im->have_header && !stopped(im)) {
		add_problem(im, &im->problems, 0, N_("Die Datei ist leer."), NULL, NULL);
		im->res->refused = 1;
	}
}

/* Forget what one pass found (before a careful second one). */
static void reset_pass(struct importer *im)
{
	struct dir_import_result *res = im->res;
	const char *enc = res->encoding;
	char sep = res->separator;
	memset(res, 0, sizeof(*res));
	res->encoding = enc;
	res->separator = sep;
	im->problems.n = im->notes.n = 0;
	settle(im, 1);
	smap_free(&im->orgs);
	smap_free(&im->places);
	memset(&im->orgs, 0, sizeof(im->orgs));
	memset(&im->places, 0, sizeof(im->places));
	buf_reset(&im->cells);
	im->nf = im->extra = 0;
	im->too_long = im->have_header = im->ncols = 0;
	im->line = im->rec_line = 0;
	im->restart = 0;
}

/* The tables a new offer writes to. In a bulk import their indexes are
 * made after the rows and their triggers rest: the only work of those is
 * to mark the changed offers for the search index, which bulk_end does
 * for all new offers at once. */
static const char *const bulk_tables[] = {
	"organization", "location", "address", "service", "service_at_location", "phone", "contact",
	"schedule", "language", "funding", "attribute", "metadata", NULL,
};

static int bulk_begin(struct store *s, struct store_bulk *b, sqlite3_int64 *last)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT coalesce(max(rowid), 0) FROM service");
	if (!st || sqlite3_step(st) != SQLITE_ROW)
		return ST_ERR;
	*last = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return store_bulk_begin(s, bulk_tables, b);
}

/* The indexes and triggers again; every offer after last (the new ones:
 * rowids only grow) waits for the search index. */
static int bulk_end(struct store *s, struct store_bulk *b, sqlite3_int64 last)
{
	int rc = store_bulk_end(s, b);
	sqlite3_stmt *st = rc == ST_OK ? store_stmt(s, "INSERT INTO search_dirty SELECT id FROM service "
						       "WHERE rowid > ? ON CONFLICT DO NOTHING") : NULL;
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, last);
	return store_exec_stmt(s, st);
}

/* One pass over the text inside a new transaction: committed, or (on a
 * refused file, a restart or a failure) rolled back. */
static int pass(struct importer *im, const char *text, size_t len)
{
	int rc = ST_ERR;
	if (csv_init(&im->csv, CSV_OPTS) != 0)
		return ST_ERR;
	if (store_begin(im->s) != ST_OK)
		goto out;
	struct store_bulk bulk = { 0 };
	sqlite3_int64 last = 0;
	if (load_known(im) != ST_OK || (im->bulk && bulk_begin(im->s, &bulk, &last) != ST_OK)) {
		store_rollback(im->s);
		goto out;
	}
	writer_start(im);
	read_csv(im, text, len);
	writer_stop(im);
	merge_problems(im);
	if (im->failed || im->restart || im->res->refused) {
		store_rollback(im->s);
		rc = im->failed ? ST_ERR : ST_OK;
		goto out;
	}
	rc = im->bulk ? bulk_end(im->s, &bulk, last) : ST_OK;
	if (rc == ST_OK)
		rc = store_commit(im->s);
	if (rc != ST_OK)
		store_rollback(im->s);
out:
	store_bulk_free(&bulk);
	csv_free(&im->csv);
	return rc;
}

struct first_line {
	int id, done;
};

static void header_cell(void *data, size_t len, void *ctx)
{
	struct first_line *f = ctx;
	char h[64];
	if (f->done || len >= sizeof(h))
		return;
	memcpy(h, data, len);
	h[len] = '\0';
	f->id |= dir_import_col_find(h) == IC_ID;
}

static void header_end(int c, void *ctx)
{
	(void)c;
	((struct first_line *)ctx)->done = 1;
}

/* Does the header name an id column, i.e. may rows change stored offers? */
static int header_has_id(const char *text, size_t len, char sep)
{
	struct csv_parser p;
	struct first_line f = { 0 };
	if (csv_init(&p, 0) != 0)
		return 1;
	csv_set_delim(&p, (unsigned char)sep);
	for (size_t i = 0; i < len && !f.done; i += 4096)
		csv_parse(&p, text + i, len - i < 4096 ? len - i : 4096, header_cell, header_end, &f);
	csv_free(&p);
	return f.id;
}

/* Is the file big against what is stored? Then making the indexes once
 * after the rows costs less than keeping them current row by row. (Lines
 * count rows from above: a cell may hold line breaks.) */
static int is_bulk(struct store *s, const char *text, size_t len)
{
	size_t lines = 0;
	for (const char *p = text; (p = memchr(p, '\n', len - (size_t)(p - text))); p++)
		lines++;
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM service");
	if (!st || sqlite3_step(st) != SQLITE_ROW)
		return 0;
	sqlite3_int64 stored = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return lines >= BULK_MIN_ROWS && (sqlite3_int64)lines >= stored;
}

/* The bulk settings of the connection around the import. The rows are
 * checked more strictly than the schema's CHECK constraints, and a new
 * row refers only to records found or made in the same transaction, so
 * both kinds of check may rest: they cost SQLite an ephemeral table (for
 * every IN list) and extra cursors per insert, half the time of a run.
 * Changes of stored offers (an id column) keep the foreign keys: their
 * cascades tidy up what hangs off a replaced place. */
static void bulk_settings(struct store *s, int on, int fk_off, int *fk_was)
{
	if (on) {
		sqlite3_stmt *st = store_stmt(s, "PRAGMA foreign_keys");
		*fk_was = st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
		if (st)
			sqlite3_reset(st);
		store_exec(s, "PRAGMA ignore_check_constraints = ON");
		if (fk_off && *fk_was)
			store_exec(s, "PRAGMA foreign_keys = OFF");
	} else {
		store_exec(s, "PRAGMA ignore_check_constraints = OFF");
		if (fk_off && *fk_was)
			store_exec(s, "PRAGMA foreign_keys = ON");
	}
}

int dir_import_offers(struct store *s, arena *a, const char *data, size_t len, const struct dir_import_opts *o,
		      struct dir_import_result *out)
{
	memset(out, 0, sizeof(*out));
	out->encoding = "UTF-8";
	out->separator = ';';
	struct importer *im = xcalloc(1, sizeof(*im));
	im->s = s;
	im->a = a;
	im->o = o;
	im->res = out;
	im->ta = arena_new();
	im->wa = arena_new();
	buf_init(&im->cells, 0);
	imp_ids_init(&im->ids);
	int rc = ST_OK;
	char *owned = NULL;
	size_t tlen = 0;
	const char *problem = NULL;
	const char *text = dir_import_decode(data, len, &tlen, &owned, &out->encoding, &out->separator, &problem);
	if (!text) {
		add_problem(im, &im->problems, 0, problem, NULL, NULL);
		out->refused = 1;
		goto out;
	}
	if (dir_import_terms_build(im->ta, s, &im->terms) != ST_OK) {
		rc = ST_ERR;
		goto out;
	}
	int fk_off = !header_has_id(text, tlen, out->separator), fk_was = 0;
	im->bulk = fk_off && is_bulk(s, text, tlen);
	bulk_settings(s, 1, fk_off, &fk_was);
	rc = pass(im, text, tlen);
	if (rc == ST_OK && im->restart) {
		reset_pass(im);
		im->careful = 1;
		rc = pass(im, text, tlen);
	}
	bulk_settings(s, 0, fk_off, &fk_was);
	if (o->progress)
		o->progress(o->progress_ctx, len, len, out->rows);
out:
	if (rc != ST_OK || out->refused)
		out->created = out->updated = out->providers_created = 0;
	settle(im, 1);
	free(im->made);
	out->problems = arena_alloc(a, (im->problems.n + 1) * sizeof(*out->problems));
	if (im->problems.n)
		memcpy(out->problems, im->problems.v, im->problems.n * sizeof(*out->problems));
	out->n_problems = im->problems.n;
	out->notes = arena_alloc(a, (im->notes.n + 1) * sizeof(*out->notes));
	if (im->notes.n)
		memcpy(out->notes, im->notes.v, im->notes.n * sizeof(*out->notes));
	out->n_notes = im->notes.n;
	free(im->problems.v);
	free(im->notes.v);
	free(owned);
	smap_free(&im->orgs);
	smap_free(&im->places);
	buf_free(&im->cells);
	arena_free(im->ta);
	arena_free(im->wa);
	free(im->wproblems.v);
	free(im);
	return rc;
}

/* ---- messages ---- */

const char *dir_import_problem_text(arena *a, const char *lang, const struct dir_import_problem *p)
{
	const char *text = i18n_fill(a, i18n_get(lang, p->msgid), p->arg1 ? p->arg1 : "", p->arg2 ? p->arg2 : "",
				     NULL);
	if (p->line <= 0)
		return text;
	return i18n_fill(a, i18n_get(lang, N_("Zeile {1}: {2}")), arena_printf(a, "%ld", p->line), text, NULL);
}

const char *dir_import_summary(arena *a, const char *lang, const struct dir_import_result *res)
{
	return i18n_fill(a, i18n_get(lang, N_("Angebote importiert: {1}, Zeilen mit Fehlern: {2}")),
			 arena_printf(a, "%ld", res->created + res->updated), arena_printf(a, "%ld", res->bad), NULL);
}
