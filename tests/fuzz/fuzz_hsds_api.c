/* fuzz_hsds_api.c — the HSDS API's list endpoints GET
 * /api/hsds/services and /api/hsds/service_at_locations on a generated
 * directory of 20,000 offers (tests/support/bigdir.c, built once per
 * process; FUZZ_BIGDIR_N sets another size).
 *
 * The input is the query string (search, taxonomy_term_id,
 * organization_id, modified_after, postcode, proximity, page, per_page);
 * a leading "/services?" or "/service_at_locations?" chooses the
 * endpoint, else the input's length does (even: services). The providers' ids are new
 * in each run, so organization_id=@N stands for the id of the Nth. The handlers run as the
 * server calls them. The dict holds the parameter names and the
 * generated data's term ids, provider ids and postcodes.
 *
 * Properties: the answer is 200 or 400 (never 500) with a JSON body; a
 * 400 names the bad parameters; a 200 page has at most per_page items,
 * size and the paging fields agree, and every item is a public offer (or
 * a public place of one) that passes every filter given; without search,
 * total_items is what a count over the generated model gives. */
#include "fuzz.h"
#include "../support/bigdir.h"
#include "core/core.h"
#include "core/i18n.h"
#include "directory/hsds/api.h"
#include "directory/hsds/hsds_internal.h"
#include "http/http.h"

#include <math.h>

static struct bigdir big;
static char term_id[64][37]; /* per bigdir_terms */
static double place_lat[64], place_lon[64]; /* as stored: the spreadsheet's text read back */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	const char *n = getenv("FUZZ_BIGDIR_N");
	if (i18n_init() != 0 || bigdir_build(&big, n && atol(n) > 0 ? (size_t)atol(n) : 20000, 1) != ST_OK) {
		fprintf(stderr, "fuzz_hsds_api: setup failed\n");
		abort();
	}
	sqlite3_stmt *st = store_stmt(big.db, "SELECT taxonomy || ':' || code, id FROM taxonomy_term");
	FUZZ_CHECK(st != NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int t = bigdir_term(store_col_text(st, 0));
		if (t >= 0)
			snprintf(term_id[t], sizeof(term_id[t]), "%s", store_col_text(st, 1));
	}
	sqlite3_reset(st);
	for (size_t k = 0; k < bigdir_n_places && k < 64; k++) {
		char t[32];
		snprintf(t, sizeof(t), "%.4f", bigdir_places[k].lat);
		place_lat[k] = strtod(t, NULL);
		snprintf(t, sizeof(t), "%.4f", bigdir_places[k].lon);
		place_lon[k] = strtod(t, NULL);
	}
	fprintf(stderr, "fuzz_hsds_api: %zu offers in %.1f s\n", big.n_offers, big.build_s);
	return 0;
}

/* The filters as the handler took them (only when it answered 200). */
struct filters {
	int term;           /* index into bigdir_terms, -1 none, -2 an id of no term */
	long org;           /* index into big.orgs, -1 none, -2 an id of no provider */
	const char *postcode;
	double lat, lon;    /* the postcode's centroid */
	long proximity;     /* metres, -1 none */
	int modified;       /* 1: all offers pass, 0: none, -1: unknown (between) */
	int search;
};

static int place_passes(const struct filters *f, int k)
{
	const struct bigdir_place *p = &bigdir_places[k];
	if (p->confidential)
		return 0;
	if (f->postcode && f->proximity < 0)
		return strcmp(p->postcode, f->postcode) == 0;
	if (f->proximity >= 0) {
		if (!p->has_coords)
			return 0;
		/* as the SQL measures: flat earth, 111195 m per degree */
		double lat = place_lat[k], lon = place_lon[k];
		double kx = 111195.0 * cos(f->lat * M_PI / 180);
		double d2 = ((lat - f->lat) * 111195.0) * ((lat - f->lat) * 111195.0) +
			    ((lon - f->lon) * kx) * ((lon - f->lon) * kx);
		double r2 = (double)f->proximity * (double)f->proximity;
		if (fabs(d2 - r2) < 1e-6 * r2 + 1e-6)
			return -1; /* on the border: either way */
		return d2 <= r2;
	}
	return 1;
}

/* Does offer i pass the filters that are not about places? */
static int offer_passes(const struct filters *f, size_t i)
{
	const struct bigdir_offer *o = &big.offers[i];
	if (o->archived || big.orgs[o->org].archived)
		return 0; /* the API's public: status does not count */
	if (f->term == -2 || f->org == -2 || f->modified == 0)
		return 0;
	if (f->term >= 0 && !((o->terms >> f->term) & 1))
		return 0;
	if (f->org >= 0 && o->org != f->org)
		return 0;
	return 1;
}

/* The places of offer i passing the filters: count, -1 when one is on a border. */
static int places_passing(const struct filters *f, size_t i)
{
	int n = 0;
	const struct bigdir_offer *o = &big.offers[i];
	for (int k = 0; k < o->n_places; k++) {
		int p = place_passes(f, o->places[k]);
		if (p < 0)
			return -1;
		n += p;
	}
	return n;
}

/* The first value of key, trimmed as form_validate trims it (in a), or NULL. */
static const char *param(arena *a, const struct kvlist *l, const char *key)
{
	const char *v = kv_get(l, key);
	if (!v)
		return NULL;
	while (*v && strchr(" \t\r\n", *v))
		v++;
	size_t n = strlen(v);
	while (n && strchr(" \t\r\n", v[n - 1]))
		n--;
	return n ? arena_strndup(a, v, n) : NULL;
}

static void run(struct req *r, int sals)
{
	struct resp w = { 0 };
	buf_init(&w.body, 0);
	if (sals)
		dir_hsds_api_sals(r, &w);
	else
		dir_hsds_api_services(r, &w);
	FUZZ_CHECK(w.status == 200 || w.status == 400);
	json_error_t err;
	json_t *j = json_loadb(w.body.data, w.body.len, 0, &err);
	FUZZ_CHECK(j != NULL);
	if (w.status == 400) {
		FUZZ_CHECK(json_array_size(json_object_get(j, "invalid_params")) > 0);
		goto out;
	}
	/* what the handler took: every parameter it read was valid */
	struct filters f = { .term = -1, .org = -1, .proximity = -1, .modified = 1 };
	const char *v;
	if ((v = param(r->a, &r->query, "taxonomy_term_id"))) {
		f.term = -2;
		for (size_t t = 0; t < bigdir_n_terms; t++)
			if (strcasecmp(term_id[t], v) == 0)
				f.term = (int)t;
	}
	if ((v = param(r->a, &r->query, "organization_id"))) {
		f.org = -2;
		for (size_t k = 0; k < big.n_orgs; k++)
			if (strcasecmp(big.orgs[k].id, v) == 0)
				f.org = (long)k;
	}
	f.postcode = param(r->a, &r->query, "postcode");
	if (f.postcode) {
		FUZZ_CHECK(dir_hsds_api_postcode(big.db, f.postcode, &f.lat, &f.lon) == ST_OK);
		if ((v = param(r->a, &r->query, "proximity")))
			f.proximity = atol(v);
	}
	if (param(r->a, &r->query, "modified_after"))
		f.modified = -1; /* (normalised by the handler; only its order is checked below) */
	f.search = param(r->a, &r->query, "search") != NULL;

	long per_page = param(r->a, &r->query, "per_page") ? atol(param(r->a, &r->query, "per_page")) : 20;
	long page = param(r->a, &r->query, "page") ? atol(param(r->a, &r->query, "page")) : 1;
	json_t *contents = json_object_get(j, "contents");
	json_int_t total = json_integer_value(json_object_get(j, "total_items"));
	size_t n = json_array_size(contents);
	FUZZ_CHECK(json_is_array(contents));
	FUZZ_CHECK(n <= (size_t)per_page);
	FUZZ_CHECK(json_integer_value(json_object_get(j, "size")) == (json_int_t)n);
	FUZZ_CHECK(json_integer_value(json_object_get(j, "page_number")) == page);
	FUZZ_CHECK(total >= 0 && (n == 0 || (json_int_t)((page - 1) * per_page) + (json_int_t)n <= total));
	FUZZ_CHECK((page - 1) * per_page >= total || n == (size_t)(total - (page - 1) * per_page < per_page
								       ? total - (page - 1) * per_page
								       : per_page));
	/* every item passes the filters */
	for (size_t k = 0; k < n; k++) {
		json_t *it = json_array_get(contents, k);
		json_t *svc = sals ? json_object_get(it, "service") : it;
		long i = bigdir_find(&big, json_string_value(json_object_get(svc, "id")));
		FUZZ_CHECK(i >= 0);
		FUZZ_CHECK(f.modified != 0 && offer_passes(&f, (size_t)i) != 0);
		if (sals) {
			json_t *loc = json_object_get(it, "location");
			FUZZ_CHECK(json_is_object(loc));
		} else if (f.postcode) {
			FUZZ_CHECK(places_passing(&f, (size_t)i) != 0);
		}
	}
	/* the count, from the model */
	if (!f.search && f.modified >= 0) {
		long want = 0;
		int border = 0;
		for (size_t i = 0; i < big.n_offers; i++) {
			if (!offer_passes(&f, i))
				continue;
			int p = places_passing(&f, i);
			if (p < 0)
				border = 1;
			else if (sals)
				want += p;
			else
				want += f.postcode ? p > 0 : 1;
		}
		if (!border && want != (long)total) {
			fprintf(stderr, "fuzz_hsds_api: %s total_items %lld, the model says %ld\n",
				sals ? "service_at_locations" : "services", (long long)total, want);
			FUZZ_CHECK(!"total_items as counted from the model");
		}
	}
out:
	json_decref(j);
	buf_free(&w.body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const prefixes[] = { "/services?", "/service_at_locations?" };
	int which = -1;
	for (int k = 0; k < 2; k++) {
		size_t len = strlen(prefixes[k]);
		if (size >= len && memcmp(data, prefixes[k], len) == 0) {
			which = k;
			data += len;
			size -= len;
		}
	}
	arena *a = arena_new();
	char *s = fuzz_copy(data, size);
	struct req r = { .a = a, .method = HTTP_GET, .path = "/api/hsds/services", .lang = "de", .db = big.db };
	http_parse_urlencoded(a, s, size, &r.query, 100);
	/* the providers' ids differ from run to run: "@N" names the Nth */
	for (size_t k = 0; k < r.query.n; k++) {
		struct kv *kv = &r.query.items[k];
		if (strcmp(kv->key, "organization_id") == 0 && kv->val[0] == '@') {
			kv->val = arena_strdup(a, big.orgs[strtoul(kv->val + 1, NULL, 10) % big.n_orgs].id);
			kv->len = strlen(kv->val);
		}
	}
	run(&r, which >= 0 ? which : (int)(size & 1));
	free(s);
	arena_free(a);
	return 0;
}
