/* api_cache.c — the order of the HSDS API's lists of offers, kept in
 * memory: the public offers in name order, and their links to public
 * locations (service_at_location) in list order with each location's
 * coordinates, each with a map from id to position. A list is then a
 * slice of that order, or the set of ids an index gives for a filter (a
 * term's offers, a postcode's links) put in order by position, and
 * distances are computed over the links in memory: page 1000 costs what
 * page 1 costs, and no list sorts or joins every offer. The offers of a
 * term, a taxonomy or a provider are read once per order, on the first
 * list that asks for them, and kept with it (up to a budget of memory
 * and of values, past which they are read each time): a filtered list
 * then reads no table but for the rows of its page.
 *
 * The order is read again once the offers' search index has moved on
 * (dir_search_version): its triggers mark every change that moves an
 * offer into or out of the lists or within them (names, archiving,
 * merging, providers, links, locations). While changes wait to be
 * indexed, or while another thread reads the order again, the lists are
 * answered by SQL alone (api_model.c). */
#include "directory/hsds/hsds_internal.h"
#include "directory/search/search.h"
#include "core/core.h"
#include "core/log.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ids in an order, and id -> position */
struct order {
	size_t n, cap;
	char (*id)[37];
	size_t slots;   /* a power of two, at least twice n */
	uint32_t *slot; /* position + 1; 0 = empty */
};

struct dir_hsds_cache {
	int64_t gen;
	char token[40];
	struct order svc, sal;
	uint32_t *sal_svc; /* each link's offer, by position */
	double *lat, *lon; /* each link's location; NAN without coordinates */
	size_t coord_cap;
	/* the links by their location: the public locations (a few
	 * thousand, each id once), each link's location by position, per
	 * location its first link + 1, and each link's next at the same
	 * location + 1 */
	struct order locs;
	uint32_t *loc, *loc_first, *loc_next;
	int refs;          /* under lock */
	struct memo *memo; /* under lock: the filters' offers read so far */
	size_t memo_bytes, n_memo;
};

/* The offers (positions in svc) one filter value selects, as read once. */
struct memo {
	struct memo *next;
	int kind;
	char value[40];
	size_t n;
	uint32_t pos[];
};

#define MEMO_BUDGET (16u << 20) /* bytes of positions kept per order */
#define MEMO_MAX 1024            /* and filter values: each list asking scans them */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct dir_hsds_cache *current; /* the newest order */
static int building;

static void order_free(struct order *o)
{
	free(o->id);
	free(o->slot);
}

static void cache_free(struct dir_hsds_cache *c)
{
	if (!c)
		return;
	order_free(&c->svc);
	order_free(&c->sal);
	order_free(&c->locs);
	free(c->sal_svc);
	free(c->lat);
	free(c->lon);
	free(c->loc);
	free(c->loc_first);
	free(c->loc_next);
	while (c->memo) {
		struct memo *m = c->memo;
		c->memo = m->next;
		free(m);
	}
	free(c);
}

static void order_add(struct order *o, const char *id)
{
	o->id = xgrow(o->id, o->n, &o->cap, sizeof(*o->id), 1024);
	snprintf(o->id[o->n++], 37, "%s", id);
}

static void order_index(struct order *o)
{
	o->slots = 16;
	while (o->slots < 2 * o->n)
		o->slots *= 2;
	o->slot = xcalloc(o->slots, sizeof(*o->slot));
	for (size_t i = 0; i < o->n; i++) {
		size_t k = core_hash(o->id[i], strlen(o->id[i])) & (o->slots - 1);
		while (o->slot[k])
			k = (k + 1) & (o->slots - 1);
		o->slot[k] = (uint32_t)i + 1;
	}
}

/* The position of id in o, or -1. */
static long order_find(const struct order *o, const char *id)
{
	if (!o->slots || !id)
		return -1;
	for (size_t k = core_hash(id, strlen(id)) & (o->slots - 1);; k = (k + 1) & (o->slots - 1)) {
		uint32_t p = o->slot[k];
		if (!p)
			return -1;
		if (strcmp(o->id[p - 1], id) == 0)
			return (long)p - 1;
	}
}

/* The links at each location (after the links are read). */
static void locations_index(struct dir_hsds_cache *c)
{
	size_t n = c->sal.n;
	c->loc_first = xcalloc(c->locs.n + 1, sizeof(*c->loc_first));
	c->loc_next = xcalloc(n + 1, sizeof(*c->loc_next));
	for (size_t i = n; i-- > 0;) { /* backwards: each chain in list order */
		c->loc_next[i] = c->loc_first[c->loc[i]];
		c->loc_first[c->loc[i]] = (uint32_t)i + 1;
	}
}

/* The first link (+ 1) at the location id, or 0; the next: loc_next. */
static uint32_t location_links(const struct dir_hsds_cache *c, const char *id)
{
	long p = order_find(&c->locs, id);
	return p < 0 ? 0 : c->loc_first[p];
}

/* The ids of sql's one column, in its order, into o, indexed: 0, or -1
 * on an error. */
static int order_read(struct store *s, const char *sql, struct order *o)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	if (!st)
		return -1;
	int k;
	while ((k = store_step(st)) > 0)
		order_add(o, store_col_text(st, 0));
	sqlite3_reset(st);
	if (k == 0)
		order_index(o);
	return k;
}

#define PUBLIC "s.archived = 0 AND s.merged_into IS NULL AND o.archived = 0 AND o.merged_into IS NULL"

/* Read the order inside one read transaction; NULL when the index waits
 * for changes (the order would soon be out of date) or on an error. */
static struct dir_hsds_cache *build(struct store *s)
{
	struct store_tx tx;
	if (store_tx_read(s, &tx) != ST_OK)
		return NULL;
	struct dir_hsds_cache *c = xcalloc(1, sizeof(*c));
	int rc = ST_ERR, k = 0;
	c->gen = dir_search_version(s, c->token);
	if (c->gen < 0)
		goto out;
	if ((k = order_read(s, "SELECT s.id FROM service s JOIN organization o ON o.id = s.organization_id WHERE " PUBLIC
			    " ORDER BY s.name, s.id", &c->svc)) < 0 ||
	    (k = order_read(s, "SELECT id FROM location WHERE confidential = 0", &c->locs)) < 0)
		goto out;
	sqlite3_stmt *st = store_stmt(s, "SELECT sal.id, s.id, l.latitude, l.longitude, l.id FROM service s "
				      "JOIN organization o ON o.id = s.organization_id JOIN service_at_location sal "
				      "ON sal.service_id = s.id JOIN location l ON l.id = sal.location_id WHERE " PUBLIC
				      " AND l.confidential = 0 ORDER BY s.name, s.id, l.name, sal.id");
	if (!st)
		goto out;
	while ((k = store_step(st)) > 0) {
		size_t i = c->sal.n, cap = c->coord_cap;
		order_add(&c->sal, store_col_text(st, 0));
		if (cap <= i) {
			c->coord_cap = c->sal.cap;
			c->sal_svc = xrealloc(c->sal_svc, c->coord_cap * sizeof(*c->sal_svc));
			c->lat = xrealloc(c->lat, c->coord_cap * sizeof(*c->lat));
			c->lon = xrealloc(c->lon, c->coord_cap * sizeof(*c->lon));
			c->loc = xrealloc(c->loc, c->coord_cap * sizeof(*c->loc));
		}
		long p = order_find(&c->svc, store_col_text(st, 1)), l = order_find(&c->locs, store_col_text(st, 4));
		c->sal_svc[i] = p < 0 ? 0 : (uint32_t)p; /* both always found: same transaction */
		c->loc[i] = l < 0 ? 0 : (uint32_t)l;
		int coords = sqlite3_column_type(st, 2) != SQLITE_NULL && sqlite3_column_type(st, 3) != SQLITE_NULL;
		c->lat[i] = coords ? sqlite3_column_double(st, 2) : NAN;
		c->lon[i] = coords ? sqlite3_column_double(st, 3) : NAN;
	}
	sqlite3_reset(st);
	if (k < 0)
		goto out;
	order_index(&c->sal);
	locations_index(c);
	rc = ST_OK;
out:
	store_tx_end(s, &tx, ST_OK);
	if (rc != ST_OK) {
		if (k < 0)
			log_error("hsds list order: %s", sqlite3_errmsg(store_db(s)));
		cache_free(c);
		return NULL;
	}
	return c;
}

static void release(struct dir_hsds_cache *c)
{
	if (c && --c->refs == 0)
		cache_free(c);
}

/* The current order (a reference: dir_hsds_cache_put it), read again
 * when it is out of date; NULL when there is none to be had now. */
static struct dir_hsds_cache *get(struct store *s)
{
	char token[40];
	int64_t gen = dir_search_version(s, token);
	if (gen < 0)
		return NULL;
	pthread_mutex_lock(&lock);
	struct dir_hsds_cache *c = current;
	if (c && c->gen == gen && strcmp(c->token, token) == 0) {
		c->refs++;
		pthread_mutex_unlock(&lock);
		return c;
	}
	if (building) {
		pthread_mutex_unlock(&lock);
		return NULL;
	}
	building = 1;
	pthread_mutex_unlock(&lock);
	c = build(s);
	pthread_mutex_lock(&lock);
	building = 0;
	if (c) {
		release(current);
		current = c;
		c->refs = 2; /* current's and the caller's */
	}
	pthread_mutex_unlock(&lock);
	if (c && (c->gen != gen || strcmp(c->token, token) != 0)) {
		dir_hsds_cache_put(c); /* moved on while it was read: SQL this time */
		return NULL;
	}
	return c;
}

void dir_hsds_cache_put(struct dir_hsds_cache *c)
{
	pthread_mutex_lock(&lock);
	release(c);
	pthread_mutex_unlock(&lock);
}

/* ---- a list from the order ---- */

/* Squared metres from the centre, as api_model.c's D2. */
static double d2(const struct dir_hsds_api_filter *f, double lat, double lon)
{
	double k = 111195.0 * cos(f->lat * M_PI / 180), y = (lat - f->lat) * 111195.0, x = (lon - f->lon) * k;
	return y * y + x * x;
}

/* The memo of kind and v in c, or NULL. Call with lock held. */
static const struct memo *memo_find(const struct dir_hsds_cache *c, int kind, const char *v)
{
	for (const struct memo *m = c->memo; m; m = m->next)
		if (m->kind == kind && strcmp(m->value, v) == 0)
			return m;
	return NULL;
}

/* The offers that the rows of sql (?1 = v) name in their first column,
 * as a new memo (NULL on an error). */
static struct memo *memo_read(struct store *s, const struct dir_hsds_cache *c, int kind, const char *sql,
			      const char *v)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	if (!st)
		return NULL;
	size_t cap = 64;
	struct memo *m = xmalloc(sizeof(*m) + cap * sizeof(m->pos[0]));
	m->next = NULL;
	m->kind = kind;
	snprintf(m->value, sizeof(m->value), "%s", v);
	m->n = 0;
	sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
	int k;
	while ((k = store_step(st)) > 0) {
		long p = order_find(&c->svc, store_col_text(st, 0));
		if (p < 0)
			continue;
		if (m->n == cap) {
			cap *= 2;
			m = xrealloc(m, sizeof(*m) + cap * sizeof(m->pos[0]));
		}
		m->pos[m->n++] = (uint32_t)p;
	}
	sqlite3_reset(st);
	if (k < 0) {
		log_error("hsds list filter: %s", sqlite3_errmsg(store_db(s)));
		free(m);
		return NULL;
	}
	return m;
}

/* Clear ok[p] for each offer p that no row of sql (?1 = v) names in its
 * first column: from the memo of kind and v, read first when there is
 * none (kind < 0: never kept). ST_OK or ST_ERR. */
static int narrow(struct store *s, struct dir_hsds_cache *c, int kind, const char *sql, const char *v,
		  unsigned char *ok)
{
	pthread_mutex_lock(&lock);
	const struct memo *m = kind >= 0 ? memo_find(c, kind, v) : NULL;
	pthread_mutex_unlock(&lock);
	struct memo *fresh = NULL;
	if (!m) {
		if (!(fresh = memo_read(s, c, kind, sql, v)))
			return ST_ERR;
		m = fresh;
		size_t bytes = sizeof(*fresh) + fresh->n * sizeof(fresh->pos[0]);
		pthread_mutex_lock(&lock);
		if (kind >= 0 && !memo_find(c, kind, v) && c->memo_bytes + bytes <= MEMO_BUDGET &&
		    c->n_memo < MEMO_MAX) {
			fresh->next = c->memo; /* kept with the order, freed with it */
			c->memo = fresh;
			c->memo_bytes += bytes;
			c->n_memo++;
			fresh = NULL;
		}
		pthread_mutex_unlock(&lock);
	}
	size_t n = c->svc.n;
	unsigned char *hit = xcalloc(n + 1, 1);
	for (size_t i = 0; i < m->n; i++)
		hit[m->pos[i]] = 1;
	for (size_t i = 0; i < n; i++)
		ok[i] &= hit[i];
	free(hit);
	free(fresh);
	return ST_OK;
}

struct pick {
	uint32_t pos, rank; /* rank: place among the text's hits + 1, or 0 */
	double d2;          /* NAN without proximity */
};

static int cmp_pick(const void *a, const void *b)
{
	const struct pick *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (!isnan(x->d2) && x->d2 != y->d2)
		return x->d2 < y->d2 ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Put the m smallest of v[0..n) (by cmp_pick; no two are equal) first,
 * in no order: a page needs the first ones sorted, not all of them. */
static void smallest_first(struct pick *v, size_t n, size_t m)
{
	size_t lo = 0, hi = n;
	while (hi - lo > 1) {
		struct pick pivot = v[lo + (hi - lo) / 2], t;
		size_t lt = lo, i = lo, gt = hi; /* [lo,lt) <, [lt,gt) =, [gt,hi) > pivot */
		while (i < gt) {
			int c = cmp_pick(&v[i], &pivot);
			if (c < 0) {
				t = v[lt], v[lt++] = v[i], v[i++] = t;
			} else if (c > 0) {
				t = v[--gt], v[gt] = v[i], v[i] = t;
			} else {
				i++;
			}
		}
		if (m < lt)
			hi = lt;
		else if (m > gt)
			lo = gt;
		else
			return;
	}
}

/* The offers' filters (all but place) into ok and rank (by offer). */
static int offer_filters(struct store *s, struct dir_hsds_cache *c, const struct dir_hsds_api_filter *f,
			 unsigned char *ok, uint32_t *rank)
{
	size_t n = c->svc.n;
	memset(ok, 1, n);
	if (f->hits) {
		json_t *ids = json_loads(f->hits, 0, NULL);
		if (!json_is_array(ids)) {
			json_decref(ids);
			return ST_ERR;
		}
		memset(ok, 0, n);
		for (size_t i = json_array_size(ids); i-- > 0;) {
			long p = order_find(&c->svc, json_string_value(json_array_get(ids, i)));
			if (p >= 0) {
				ok[p] = 1;
				rank[p] = (uint32_t)i + 1;
			}
		}
		json_decref(ids);
	}
	struct {
		const char *v, *sql; /* kept in the order's memo but the date, whose values are many */
	} by[] = {
		{ f->taxonomy_term_id,
		  "SELECT link_id FROM attribute WHERE link_entity = 'service' AND taxonomy_term_id = ?1" },
		{ f->taxonomy_id, "SELECT a.link_id FROM attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id "
				  "WHERE a.link_entity = 'service' AND t.taxonomy_id = ?1" },
		{ f->organization_id, "SELECT id FROM service WHERE organization_id = ?1" },
		{ f->modified_after, "SELECT id FROM service WHERE last_modified >= ?1" },
	};
	for (size_t i = 0; i < NELEM(by); i++)
		if (by[i].v && narrow(s, c, i + 1 < NELEM(by) ? (int)i : -1, by[i].sql, by[i].v, ok) != ST_OK)
			return ST_ERR;
	return ST_OK;
}

/* The links (sals = 1) or their offers (0) at a location with an address
 * of postcode: 1 in ok (n of them), the rest 0. ST_OK or ST_ERR. */
static int at_postcode(struct store *s, const struct dir_hsds_cache *c, const char *postcode, int sals,
		       unsigned char *ok, size_t n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT location_id FROM address WHERE postal_code = ?1");
	if (!st)
		return ST_ERR;
	memset(ok, 0, n);
	sqlite3_bind_text(st, 1, postcode, -1, SQLITE_STATIC);
	int k;
	while ((k = store_step(st)) > 0)
		for (uint32_t p = location_links(c, store_col_text(st, 0)); p; p = c->loc_next[p - 1])
			ok[sals ? p - 1 : c->sal_svc[p - 1]] = 1;
	sqlite3_reset(st);
	return k < 0 ? ST_ERR : ST_OK;
}

int dir_hsds_cache_page(struct store *s, const struct dir_hsds_api_filter *f, int sals, struct dir_hsds_item *items,
			size_t *n_items, long *total)
{
	struct dir_hsds_cache *c = get(s);
	if (!c)
		return ST_NOTFOUND;
	size_t ns = c->svc.n, nl = c->sal.n, n = sals ? nl : ns;
	unsigned char *ok = xmalloc(ns + 1), *lok = NULL;
	uint32_t *rank = xcalloc(ns + 1, sizeof(*rank));
	double *dist = NULL; /* by position of the list */
	struct pick *pick = NULL;
	int rc = offer_filters(s, c, f, ok, rank);
	int near = f->proximity >= 0, by_postcode = f->postcode && !near;
	double r2 = (double)f->proximity * (double)f->proximity;
	if (rc != ST_OK)
		goto out;
	if (by_postcode) {
		/* the links at a public location with an address of the postcode */
		lok = xmalloc(n + 1);
		rc = at_postcode(s, c, f->postcode, sals, lok, n);
		if (rc != ST_OK)
			goto out;
	}
	if (near) {
		dist = xmalloc((n + 1) * sizeof(*dist));
		for (size_t i = 0; i < n; i++)
			dist[i] = INFINITY;
		for (size_t j = 0; j < nl; j++) {
			if (isnan(c->lat[j]))
				continue;
			double d = d2(f, c->lat[j], c->lon[j]);
			size_t at = sals ? j : c->sal_svc[j]; /* an offer: its nearest location */
			if (d < dist[at])
				dist[at] = d;
		}
	}
	pick = xmalloc((n + 1) * sizeof(*pick));
	size_t k = 0;
	int sorted = !f->hits && !near;
	for (size_t i = 0; i < n; i++) {
		size_t sv = sals ? c->sal_svc[i] : i;
		if (!ok[sv] || (lok && !lok[i]) || (near && !(dist[i] <= r2)))
			continue;
		pick[k++] = (struct pick){ .pos = (uint32_t)i, .rank = rank[sv], .d2 = near ? dist[i] : NAN };
	}
	size_t from = (size_t)((f->page - 1) * f->per_page), upto = from + (size_t)f->per_page;
	if (!sorted && upto < k / 2) {
		smallest_first(pick, k, upto);
		qsort(pick, upto, sizeof(*pick), cmp_pick);
	} else if (!sorted) {
		qsort(pick, k, sizeof(*pick), cmp_pick);
	}
	*total = (long)k;
	*n_items = 0;
	for (size_t i = from; i < k && *n_items < (size_t)f->per_page; i++) {
		struct dir_hsds_item *it = &items[(*n_items)++];
		snprintf(it->id, sizeof(it->id), "%s", (sals ? &c->sal : &c->svc)->id[pick[i].pos]);
		it->has_d2 = near;
		it->d2 = pick[i].d2;
	}
out:
	free(ok);
	free(lok);
	free(rank);
	free(dist);
	free(pick);
	dir_hsds_cache_put(c);
	return rc;
}
