/* writer.c — the writing half of the flat offer import: each checked
 * row is written whole or not at all, its provider and place are found
 * (by name, by address) or made once, and a writer thread does this while
 * the reader (read.c) checks the next rows.
 *
 * The writer owns the connection during a pass, the maps of providers and
 * places and the counts of what it wrote; its problems go into a list of
 * their own, merged by line when it stops. */
#include "directory/import/import_internal.h"
#include "core/core.h"
#include "core/i18n.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- providers and places by name or address: key -> id (a copy); a
 * NULL id is a key taken back (the row that made it was rolled back) ---- */

static const char *id_get(const struct strmap *m, const char *key)
{
	return strmap_get(m, key, strlen(key));
}

static void id_put(struct strmap *m, const char *key, const char *id)
{
	void **v = strmap_slot(m, key, strlen(key));
	free(*v);
	*v = id ? xstrdup(id) : NULL;
}

void dir_import_problem_add(struct dir_import_problems *l, arena *a, long line, const char *msgid, const char *arg1,
		     const char *arg2)
{
	l->v = xgrow(l->v, l->n, &l->cap, sizeof(*l->v), 64);
	l->v[l->n++] = (struct dir_import_problem){ .line = line, .msgid = msgid,
						   .arg1 = arg1 ? arena_strdup(a, arg1) : NULL,
						   .arg2 = arg2 ? arena_strdup(a, arg2) : NULL };
}

/* A row the writer could not write (line: where it began). */
static void write_failed(struct dir_import_run *im, long line, const char *msgid, const char *arg1)
{
	dir_import_problem_add(&im->wproblems, im->wa, line, msgid, arg1, NULL);
	im->wbad++;
}

/* The writer's problems into the reader's, in the order of their lines. */
static void merge_problems(struct dir_import_run *im)
{
	struct dir_import_problems *r = &im->problems, *w = &im->wproblems;
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

/* A name as the import compares it: lower case (also Ä, É, Ö, Ü, ...), every
 * run of white space one space, none at the ends; into out (size n). */
static void fold(char *out, size_t n, const char *s)
{
	size_t k = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	while (*p && k + 2 < n) {
		unsigned char c = *p;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
				p++;
			if (*p)
				out[k++] = ' ';
			continue;
		}
		if (c >= 'A' && c <= 'Z') {
			out[k++] = (char)(c - 'A' + 'a');
		} else if (c == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97) {
			out[k++] = (char)c;
			out[k++] = (char)(p[1] + 0x20); /* À..Þ (Ä, É, Ö, Ü ...) -> à..þ */
			p++;
		} else {
			out[k++] = (char)c;
		}
		p++;
	}
	out[k] = '\0';
}

static struct strmap *map_of(struct dir_import_run *im, enum dir_import_kind kind)
{
	return kind == DIK_ORG ? &im->orgs : kind == DIK_OFFER ? &im->offers : &im->places;
}

static void remember(struct dir_import_run *im, const char *key, const char *id, enum dir_import_kind kind)
{
	int is_org = kind == DIK_ORG;
	id_put(map_of(im, kind), key, id);
	im->res->providers_created += is_org;
	if (!im->careful)
		return;
	if (im->nmade == im->capmade) {
		im->capmade = im->capmade ? 2 * im->capmade : 16;
		im->made = xrealloc(im->made, im->capmade * sizeof(*im->made));
	}
	im->made[im->nmade++] = (struct dir_import_made){ .key = xstrdup(key), .kind = kind };
}

/* The row's savepoint was released (keep = 1) or rolled back: what it
 * made stays known, or is forgotten. */
static void settle(struct dir_import_run *im, int keep)
{
	for (size_t i = 0; i < im->nmade; i++) {
		struct dir_import_made *m = &im->made[i];
		if (!keep) {
			id_put(map_of(im, m->kind), m->key, NULL);
			im->res->providers_created -= m->kind == DIK_ORG;
		}
		free(m->key);
	}
	im->nmade = 0;
}

/* The provider named name: known, or created now. */
/* The provider named name (case and spaces aside): known, or created now. */
static int resolve_org(struct dir_import_run *im, const char *name, char id[37])
{
	char key[1024];
	fold(key, sizeof(key), name);
	const char *known = id_get(&im->orgs, key);
	if (known) {
		memcpy(id, known, 37);
		return ST_OK;
	}
	int rc = dir_import_insert_org(im->s, &im->ids, name, im->o->who, id);
	if (rc == ST_OK)
		remember(im, key, id, DIK_ORG);
	return rc;
}

static void place_key(char *key, size_t n, const char *org_id, const char *street, const char *postcode,
		      const char *city, double lat, double lon, int has_coords)
{
	char fs[1024], fp[64], fc[512];
	fold(fs, sizeof(fs), street);
	fold(fp, sizeof(fp), postcode);
	fold(fc, sizeof(fc), city);
	if (!has_coords)
		lat = lon = 0;
	snprintf(key, n, "%s\x1f%s\x1f%s\x1f%s\x1f%.7f\x1f%.7f\x1f%d", org_id, fs, fp, fc, lat, lon, has_coords);
}

/* An offer as the import recognises it: its provider, its name (case and
 * spaces aside) and one of its places ("" for none). */
static void offer_key(char *key, size_t n, const char *org_id, const char *name, const char *place_id)
{
	char fn[1024];
	fold(fn, sizeof(fn), name);
	snprintf(key, n, "%s\x1f%s\x1f%s", org_id ? org_id : "", fn, place_id ? place_id : "");
}

/* The row's place at its provider: an equal one (same address and
 * coordinates, not confidential), or a new one. */
static int resolve_place(struct dir_import_run *im, const char *org_id, struct dir_import_row *row, char id[37])
{
	struct dir_location *l = &row->loc;
	char key[2048];
	place_key(key, sizeof(key), org_id, row->street, row->postcode, row->city, l->latitude, l->longitude,
		  l->has_coords);
	const char *known = id_get(&im->places, key);
	if (known) {
		memcpy(id, known, 37);
		return ST_OK;
	}
	l->organization_id = org_id;
	int rc = dir_import_insert_location(im->s, &im->ids, l, im->o->who, id);
	if (rc == ST_OK)
		remember(im, key, id, DIK_PLACE);
	return rc;
}

/* What is stored before the run: providers by name (an active one wins
 * over archived or merged ones), places by provider and address. */
int dir_import_load_known(struct dir_import_run *im)
{
	sqlite3_stmt *st = store_stmt(im->s, "SELECT id, name FROM organization ORDER BY archived DESC, "
					     "merged_into IS NOT NULL DESC, rowid DESC");
	if (!st)
		return ST_ERR;
	int k;
	char key[2048];
	while ((k = store_step(st)) > 0) {
		fold(key, sizeof(key), store_col_text(st, 1));
		id_put(&im->orgs, key, store_col_text(st, 0));
	}
	sqlite3_reset(st);
	if (k < 0)
		return ST_ERR;
	st = store_stmt(im->s, "SELECT l.id, l.organization_id, coalesce(ad.address_1, ''), "
			       "coalesce(ad.postal_code, ''), coalesce(ad.city, ''), l.latitude, l.longitude, "
			       "l.latitude IS NOT NULL AND l.longitude IS NOT NULL FROM location l "
			       "LEFT JOIN address ad ON ad.location_id = l.id "
			       "WHERE l.confidential = 0 AND l.organization_id IS NOT NULL ORDER BY l.rowid DESC");
	if (!st)
		return ST_ERR;
	while ((k = store_step(st)) > 0) {
		place_key(key, sizeof(key), store_col_text(st, 1), store_col_text(st, 2), store_col_text(st, 3),
			  store_col_text(st, 4), sqlite3_column_double(st, 5), sqlite3_column_double(st, 6),
			  sqlite3_column_int(st, 7));
		id_put(&im->places, key, store_col_text(st, 0));
	}
	sqlite3_reset(st);
	if (k < 0)
		return ST_ERR;
	/* offers not archived nor merged, by each of their places (or none);
	 * of two alike the older wins */
	st = store_stmt(im->s, "SELECT s.id, s.organization_id, s.name, sal.location_id FROM service s "
			       "LEFT JOIN service_at_location sal ON sal.service_id = s.id "
			       "WHERE s.archived = 0 AND s.merged_into IS NULL ORDER BY s.rowid DESC");
	if (!st)
		return ST_ERR;
	while ((k = store_step(st)) > 0) {
		offer_key(key, sizeof(key), store_col_text(st, 1), store_col_text(st, 2), store_col_text(st, 3));
		id_put(&im->offers, key, store_col_text(st, 0));
	}
	sqlite3_reset(st);
	return k < 0 ? ST_ERR : ST_OK;
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

enum { REFUSED = -1, /* write_row: refused before anything was written (*why set) */
       STOP = -2 };   /* staged, and the row names a stored offer: nothing written */

enum outcome { OUT_NEW, OUT_CHANGED, OUT_SAME };

/* Write one checked row: a new offer (fast path), or the change of a
 * stored one, named by id or recognised by provider, name and place (a
 * stored offer the row would not change is left as it is). ST_OK with
 * *out, the offer's id and name; REFUSED with *why; STOP; else the status
 * of the failed write (the row may be half written). */
static int write_row(struct dir_import_run *im, arena *ra, struct dir_import_row *row, const char **why,
		     enum outcome *out, char id[37], const char **name)
{
	struct dir_service sv, old;
	char org_id[37], place_id[37];
	int rc;
	const int *has = row->present;
	const char *stored = row->id;
	int place_given = row->loc.has_address || row->loc.has_coords;
	int keep_places = row->id && !(has[IC_STREET] || has[IC_POSTCODE] || has[IC_CITY] || has[IC_LAT] ||
				       has[IC_LON]);
	if (stored) {
		rc = dir_service_get(im->s, ra, stored, "de", DIR_STAFF, &old);
		if (rc == ST_NOTFOUND)
			*why = N_("Ein Angebot mit der id {1} gibt es nicht.");
		if (rc != ST_OK)
			return rc == ST_NOTFOUND ? REFUSED : rc;
	}
	if (row->org && (rc = resolve_org(im, row->org, org_id)) != ST_OK)
		return rc;
	if (!keep_places && place_given &&
	    (rc = resolve_place(im, row->org ? org_id : old.organization_id, row, place_id)) != ST_OK)
		return rc;
	if (!stored) {
		char key[2048];
		offer_key(key, sizeof(key), org_id, row->sv.name, place_given ? place_id : "");
		const char *known = id_get(&im->offers, key);
		if (!known) {
			sv = row->sv;
			sv.organization_id = org_id;
			sv.n_locations = 0;
			if (place_given) {
				sv.locations = arena_alloc(ra, sizeof(*sv.locations));
				sv.locations[0] = (struct dir_location){ .id = place_id };
				sv.n_locations = 1;
			}
			/* not remembered: a row recognises offers stored before
			 * the run, and two alike rows of one file stay two offers */
			rc = dir_import_insert_offer(im->s, &im->ids, &sv, im->o->who, id);
			/* a bulk or staged import's new offers get their facts at its end */
			if (rc == ST_OK && !im->bulk && !im->staged)
				rc = dir_fact_refresh(im->s, id);
			if (rc == ST_OK) {
				*out = OUT_NEW;
				*name = sv.name;
			}
			return rc;
		}
		if (im->staged) {
			im->unstage = 1; /* a change of a stored offer is not staged */
			return STOP;
		}
		stored = arena_strdup(ra, known);
		rc = dir_service_get(im->s, ra, stored, "de", DIR_STAFF, &old);
		if (rc != ST_OK)
			return rc == ST_NOTFOUND ? ST_CONFLICT : rc;
		keep_places = 1; /* it is at this place, and keeps its others */
	}
	sv = old;
	merge(ra, row, &sv);
	if (sv.minimum_age >= 0 && sv.maximum_age >= 0 && sv.minimum_age > sv.maximum_age) {
		*why = N_("Alter von ist größer als Alter bis (zusammen mit den gespeicherten Angaben).");
		return REFUSED;
	}
	if (row->org)
		sv.organization_id = org_id;
	if (!keep_places) {
		sv.n_locations = 0;
		if (place_given) {
			sv.locations = arena_alloc(ra, sizeof(*sv.locations));
			sv.locations[0] = (struct dir_location){ .id = place_id };
			sv.n_locations = 1;
		}
	}
	snprintf(id, 37, "%s", stored);
	*name = sv.name;
	if (!dir_service_differs(&old, &sv)) {
		*out = OUT_SAME;
		return ST_OK;
	}
	*out = OUT_CHANGED;
	return dir_service_save(im->s, &sv, im->o->who, NULL);
}

static void add_link(struct dir_import_run *im, long line, const char *id, const char *name, int changed)
{
	struct dir_import_links *l = &im->links;
	if (l->n >= DIR_IMPORT_MAX_LINKS)
		return;
	l->v = xgrow(l->v, l->n, &l->cap, sizeof(*l->v), 64);
	l->v[l->n++] = (struct dir_import_link){ .line = line, .id = arena_strdup(im->wa, id),
						 .name = arena_strdup(im->wa, name), .changed = changed };
}

/* Write a mapped row: without savepoint, or (careful) under its own. */
static void store_row(struct dir_import_run *im, arena *ra, struct dir_import_row *row, long line)
{
	const char *why = NULL, *name = "";
	enum outcome out = OUT_SAME;
	char id[37] = "";
	struct store_tx tx = { 0 }; /* careful: the row's savepoint */
	if (im->careful && store_tx_begin(im->s, &tx) != ST_OK) {
		im->failed = 1;
		return;
	}
	int rc = write_row(im, ra, row, &why, &out, id, &name);
	if (rc == ST_OK || rc == REFUSED || rc == STOP) {
		if (store_tx_end(im->s, &tx, ST_OK) != ST_OK) {
			im->failed = 1;
			return;
		}
		settle(im, 1);
		if (rc == STOP)
			return;
		if (rc == REFUSED) {
			write_failed(im, line, why, row->id);
		} else if (out == OUT_SAME) {
			im->res->unchanged++;
		} else {
			if (out == OUT_CHANGED)
				im->res->updated++;
			else
				im->res->created++;
			add_link(im, line, id, name, out == OUT_CHANGED);
		}
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
	if (store_tx_end(im->s, &tx, rc) == ST_ERR) {
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

struct dir_import_queue {
	pthread_mutex_t mu;
	pthread_cond_t put, take;
	struct job jobs[QUEUE_LEN];
	size_t head, n;
	int closed;
	pthread_t writer;
};

static void queue_put(struct dir_import_queue *q, const struct job *j)
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
static int queue_take(struct dir_import_queue *q, struct job *j)
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
	struct dir_import_run *im = p;
	struct job j;
	while (queue_take(im->q, &j)) {
		if (!im->failed && !im->restart && !im->unstage) /* after those, the rest is dropped */
			store_row(im, j.ra, &j.row, j.line);
		arena_free(j.ra);
	}
	return NULL;
}

/* Start the writer; without a thread the reader writes itself. */
void dir_import_writer_start(struct dir_import_run *im)
{
	struct dir_import_queue *q = xcalloc(1, sizeof(*q));
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
void dir_import_writer_stop(struct dir_import_run *im)
{
	struct dir_import_queue *q = im->q;
	if (q) {
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
	merge_problems(im);
}

void dir_import_write(struct dir_import_run *im, arena *ra, struct dir_import_row *row, long line)
{
	if (im->q) {
		queue_put(im->q, &(struct job){ .ra = ra, .row = *row, .line = line });
		return;
	}
	store_row(im, ra, row, line);
	arena_free(ra);
}

void dir_import_forget(struct dir_import_run *im)
{
	settle(im, 1);
	free(im->made);
	im->made = NULL;
	im->capmade = 0;
	strmap_free(&im->orgs, free);
	strmap_free(&im->places, free);
	strmap_free(&im->offers, free);
}
