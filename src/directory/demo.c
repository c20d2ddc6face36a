/* demo.c — the fictional demo providers and offers of `lotse init --demo`
 * (data/demo/directory/directory.json), written through the model's save
 * functions so that the change log records their creation.
 *
 * The file holds "organizations"; each has "locations" (with a "key"
 * unique in the file) and "services", whose "locations" name location
 * keys of any provider and whose "terms" map taxonomy codes to term codes
 * (sql/0004_taxonomies.sql). "assured_days_ago" makes the last-verified
 * date relative to the day of loading, so the freshness list always has
 * entries older than a year. */
#include "directory/directory.h"
#include "directory/languages.h"
#include "directory/translations.h"
#include "core/embed.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define DEMO_FILE "demo/directory/directory.json"
#define DEMO_WHO "demo"
#define DEMO_ASSURER "redaktion@bqn-demo.example.org"

/* A saved location, found again by its key in the file. */
struct loc_ref {
	const char *key, *id, *ort;
	int confidential;
};

struct loader {
	struct store *s;
	arena *a;
	struct dir_taxonomy *tax;
	size_t ntax;
	struct loc_ref *locs;
	size_t nlocs;
	char *err;
	size_t errlen;
};

static int fail(struct loader *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct loader *L, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(L->err, L->errlen, "data/%s: ", DEMO_FILE);
	va_start(ap, fmt);
	if (n > 0 && (size_t)n < L->errlen)
		vsnprintf(L->err + n, L->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return ST_ERR;
}

/* The string member key of o copied into the arena, or NULL. */
static const char *str(arena *a, json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v ? arena_strdup(a, v) : NULL;
}

/* The integer member key of o, or dflt when absent or null. */
static int num(json_t *o, const char *key, int dflt)
{
	json_t *v = json_object_get(o, key);
	return json_is_integer(v) ? (int)json_integer_value(v) : dflt;
}

static int flag(json_t *o, const char *key)
{
	return json_is_true(json_object_get(o, key));
}

/* An arena array of n zeroed elements of size sz (NULL when n is 0). */
static void *items(arena *a, size_t n, size_t sz)
{
	if (n == 0)
		return NULL;
	void *p = arena_alloc(a, n * sz);
	memset(p, 0, n * sz);
	return p;
}

static struct dir_phone *phones(arena *a, json_t *arr, size_t *n)
{
	*n = json_array_size(arr);
	struct dir_phone *v = items(a, *n, sizeof(*v));
	for (size_t i = 0; i < *n; i++) {
		json_t *p = json_array_get(arr, i);
		v[i].number = str(a, p, "number");
		v[i].description = str(a, p, "description");
		v[i].type = "voice";
	}
	return v;
}

static struct dir_contact *contacts(arena *a, json_t *arr, size_t *n)
{
	*n = json_array_size(arr);
	struct dir_contact *v = items(a, *n, sizeof(*v));
	for (size_t i = 0; i < *n; i++) {
		json_t *c = json_array_get(arr, i);
		v[i].name = str(a, c, "name");
		v[i].title = str(a, c, "title");
		v[i].department = str(a, c, "department");
		v[i].email = str(a, c, "email");
	}
	return v;
}

/* Today minus days, as YYYY-MM-DD in the arena. */
static const char *days_ago(arena *a, int days)
{
	time_t t = time(NULL) - (time_t)days * 86400;
	struct tm tm;
	char out[16];
	gmtime_r(&t, &tm);
	strftime(out, sizeof(out), "%Y-%m-%d", &tm);
	return arena_strdup(a, out);
}

static const struct loc_ref *find_loc(const struct loader *L, const char *key)
{
	for (size_t i = 0; key && i < L->nlocs; i++)
		if (strcmp(L->locs[i].key, key) == 0)
			return &L->locs[i];
	return NULL;
}

/* Save the locations of one provider and remember them by key. */
static int load_locations(struct loader *L, json_t *org, const char *org_id, size_t *cap)
{
	json_t *arr = json_object_get(org, "locations");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *j = json_array_get(arr, i);
		struct dir_location l = { 0 };
		l.organization_id = org_id;
		l.location_type = str(L->a, j, "location_type");
		l.url = str(L->a, j, "url");
		l.name = str(L->a, j, "name");
		l.description = str(L->a, j, "description");
		l.transportation = str(L->a, j, "transportation");
		l.confidential = flag(j, "confidential");
		json_t *lat = json_object_get(j, "latitude"), *lon = json_object_get(j, "longitude");
		l.has_coords = json_is_number(lat) && json_is_number(lon);
		l.latitude = json_number_value(lat);
		l.longitude = json_number_value(lon);
		json_t *ad = json_object_get(j, "address");
		if (json_is_object(ad)) {
			l.has_address = 1;
			l.address.address_1 = str(L->a, ad, "address_1");
			l.address.postal_code = str(L->a, ad, "postal_code");
			l.address.city = str(L->a, ad, "city");
		}
		const char *key = str(L->a, j, "key");
		if (!key || !l.name)
			return fail(L, "a location of %s has no key or name", org_id);
		if (find_loc(L, key))
			return fail(L, "location key %s is used twice", key);
		char id[37];
		if (dir_location_save(L->s, &l, DEMO_WHO, id) != ST_OK)
			return fail(L, "cannot save location %s", key);
		L->locs = arena_grow(L->a, L->locs, L->nlocs, cap, sizeof(*L->locs), 64);
		L->locs[L->nlocs++] = (struct loc_ref){ key, arena_strdup(L->a, id), str(L->a, j, "ort"), l.confidential };
	}
	return ST_OK;
}

/* Add the term taxonomy/code to sv->terms unless it is there already. */
static int add_term(struct loader *L, struct dir_service *sv, size_t cap, const char *taxonomy, const char *code)
{
	const struct dir_term *t = dir_term_find(L->tax, L->ntax, taxonomy, code);
	if (!t)
		return fail(L, "%s: unknown term %s/%s", sv->name, taxonomy, code);
	for (size_t i = 0; i < sv->n_terms; i++)
		if (strcmp(sv->terms[i].id, t->id) == 0)
			return ST_OK;
	if (sv->n_terms == cap)
		return fail(L, "%s: too many terms", sv->name);
	sv->terms[sv->n_terms++] = *t;
	return ST_OK;
}

static int load_terms(struct loader *L, json_t *j, struct dir_service *sv, const struct loc_ref *const *refs)
{
	json_t *terms = json_object_get(j, "terms");
	const char *taxonomy;
	json_t *codes;
	size_t cap = sv->n_locations + 1;
	json_object_foreach(terms, taxonomy, codes)
		cap += json_array_size(codes);
	sv->terms = items(L->a, cap, sizeof(*sv->terms));
	json_object_foreach(terms, taxonomy, codes) {
		for (size_t i = 0; i < json_array_size(codes); i++) {
			const char *code = json_string_value(json_array_get(codes, i));
			if (!code || add_term(L, sv, cap, taxonomy, code) != ST_OK)
				return code ? ST_ERR : fail(L, "%s: a term code is not a string", sv->name);
		}
	}
	/* the place of a public location; a protected one reveals nothing */
	for (size_t i = 0; i < sv->n_locations; i++)
		if (refs[i]->ort && !refs[i]->confidential && add_term(L, sv, cap, "ort", refs[i]->ort) != ST_OK)
			return ST_ERR;
	if (sv->n_terms == 0)
		return fail(L, "%s: an offer needs at least one term", sv->name);
	return ST_OK;
}

static int load_service(struct loader *L, json_t *j, const char *org_id)
{
	arena *a = L->a;
	struct dir_service sv = { 0 };
	sv.organization_id = org_id;
	sv.name = str(a, j, "name");
	if (!sv.name)
		return fail(L, "an offer of %s has no name", org_id);
	sv.alternate_name = str(a, j, "alternate_name");
	sv.description = str(a, j, "description");
	sv.url = str(a, j, "url");
	sv.email = str(a, j, "email");
	sv.status = str(a, j, "status");
	sv.interpretation_services = str(a, j, "interpretation_services");
	sv.application_process = str(a, j, "application_process");
	sv.fees_description = str(a, j, "fees_description");
	sv.eligibility_description = str(a, j, "eligibility_description");
	sv.delivery = str(a, j, "delivery");
	sv.alert = str(a, j, "alert");
	sv.free_of_charge = flag(j, "free_of_charge");
	sv.minimum_age = num(j, "minimum_age", -1);
	sv.maximum_age = num(j, "maximum_age", -1);
	sv.capacity = num(j, "capacity", -1);
	int ago = num(j, "assured_days_ago", -1);
	if (ago >= 0) {
		sv.assured_date = days_ago(a, ago);
		sv.assurer_email = DEMO_ASSURER;
	}

	json_t *arr = json_object_get(j, "locations");
	sv.n_locations = json_array_size(arr);
	sv.locations = items(a, sv.n_locations, sizeof(*sv.locations));
	const struct loc_ref **refs = items(a, sv.n_locations, sizeof(*refs));
	for (size_t i = 0; i < sv.n_locations; i++) {
		const char *key = json_string_value(json_array_get(arr, i));
		const struct loc_ref *lr = find_loc(L, key);
		if (!lr)
			return fail(L, "%s: unknown location %s", sv.name, key ? key : "(not a string)");
		sv.locations[i].id = lr->id;
		refs[i] = lr;
	}

	arr = json_object_get(j, "languages");
	sv.n_languages = json_array_size(arr);
	sv.languages = items(a, sv.n_languages, sizeof(*sv.languages));
	for (size_t i = 0; i < sv.n_languages; i++) {
		const char *code = json_string_value(json_array_get(arr, i));
		const char *name = dir_language_name(code, "de");
		if (!name)
			return fail(L, "%s: unknown language %s", sv.name, code ? code : "(not a string)");
		sv.languages[i].code = code;
		sv.languages[i].name = name;
	}

	arr = json_object_get(j, "schedules");
	sv.n_schedules = json_array_size(arr);
	sv.schedules = items(a, sv.n_schedules, sizeof(*sv.schedules));
	for (size_t i = 0; i < sv.n_schedules; i++) {
		sv.schedules[i].description = str(a, json_array_get(arr, i), "description");
		sv.schedules[i].notes = str(a, json_array_get(arr, i), "notes");
		sv.schedules[i].interval = -1;
	}

	arr = json_object_get(j, "cost_options");
	sv.n_costs = json_array_size(arr);
	sv.costs = items(a, sv.n_costs, sizeof(*sv.costs));
	for (size_t i = 0; i < sv.n_costs; i++) {
		json_t *c = json_array_get(arr, i), *amount = json_object_get(c, "amount");
		sv.costs[i].option = str(a, c, "option");
		sv.costs[i].amount_description = str(a, c, "amount_description");
		sv.costs[i].currency = "EUR";
		sv.costs[i].has_amount = json_is_number(amount);
		sv.costs[i].amount = json_number_value(amount);
	}

	arr = json_object_get(j, "funding");
	sv.n_funding = json_array_size(arr);
	sv.funding = items(a, sv.n_funding, sizeof(*sv.funding));
	for (size_t i = 0; i < sv.n_funding; i++)
		sv.funding[i] = json_string_value(json_array_get(arr, i));

	arr = json_object_get(j, "service_areas");
	sv.n_areas = json_array_size(arr);
	sv.areas = items(a, sv.n_areas, sizeof(*sv.areas));
	for (size_t i = 0; i < sv.n_areas; i++)
		sv.areas[i].name = str(a, json_array_get(arr, i), "name");

	sv.phones = phones(a, json_object_get(j, "phones"), &sv.n_phones);
	sv.contacts = contacts(a, json_object_get(j, "contacts"), &sv.n_contacts);
	if (load_terms(L, j, &sv, refs) != ST_OK)
		return ST_ERR;

	char id[37];
	int rc = dir_service_save(L->s, &sv, DEMO_WHO, id);
	if (rc != ST_OK)
		return fail(L, "%s: cannot save it (status %d)", sv.name, rc);
	if (flag(j, "archived") && dir_service_archive(L->s, id, 1, DEMO_WHO) != ST_OK)
		return fail(L, "%s: cannot archive it", sv.name);
	/* "translations": {"ar": {"name", "description", "application_process"}, ...} */
	const char *lang;
	json_t *t;
	json_object_foreach(json_object_get(j, "translations"), lang, t) {
		struct dir_translation tr = { .service_id = id, .lang = lang, .name = str(a, t, "name"),
					      .description = str(a, t, "description"),
					      .application_process = str(a, t, "application_process") };
		const char *bad = dir_tr_check(&tr, NULL);
		if (bad)
			return fail(L, "%s: translation %s: %s", sv.name, lang, bad);
		if (dir_tr_save(L->s, &tr, DEMO_WHO) != ST_OK)
			return fail(L, "%s: cannot save its translation %s", sv.name, lang);
	}
	return ST_OK;
}

static json_t *demo_json(char *err, size_t errlen)
{
	const struct embed_file *f = embed_find(embed_data, embed_data_count, DEMO_FILE);
	if (!f) {
		snprintf(err, errlen, "data/%s is missing from this build", DEMO_FILE);
		return NULL;
	}
	json_error_t je;
	json_t *root = json_loadb(f->data, f->len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		snprintf(err, errlen, "data/%s:%d: %s", DEMO_FILE, je.line, je.text);
	return root;
}

int dir_demo_load(struct store *s, char *err, size_t errlen)
{
	json_t *root = demo_json(err, errlen);
	if (!root)
		return ST_ERR;
	struct loader L = { .s = s, .a = arena_new(), .err = err, .errlen = errlen };
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK) {
		snprintf(err, errlen, "cannot begin a transaction");
		goto out;
	}
	L.tax = dir_taxonomies(s, L.a, "de", &L.ntax);
	if (!L.tax) {
		snprintf(err, errlen, "cannot read the taxonomies from the database");
		rc = ST_ERR;
		goto rollback;
	}
	json_t *orgs = json_object_get(root, "organizations");
	if (!json_is_array(orgs)) {
		rc = fail(&L, "no \"organizations\" list");
		goto rollback;
	}
	size_t nids = json_array_size(orgs), loc_cap = 0;
	const char **org_ids = items(L.a, nids, sizeof(*org_ids));
	/* first the providers and all locations, then the offers, which may
	 * use the locations of other providers */
	for (size_t i = 0; i < nids; i++) {
		json_t *j = json_array_get(orgs, i);
		struct dir_org o = { 0 };
		o.name = str(L.a, j, "name");
		o.alternate_name = str(L.a, j, "alternate_name");
		o.description = str(L.a, j, "description");
		o.email = str(L.a, j, "email");
		o.website = str(L.a, j, "website");
		o.legal_status = str(L.a, j, "legal_status");
		o.year_incorporated = num(j, "year_incorporated", -1);
		o.phones = phones(L.a, json_object_get(j, "phones"), &o.n_phones);
		o.contacts = contacts(L.a, json_object_get(j, "contacts"), &o.n_contacts);
		if (!o.name) {
			rc = fail(&L, "provider %zu has no name", i + 1);
			goto rollback;
		}
		char id[37];
		if (dir_org_save(s, &o, DEMO_WHO, id) != ST_OK) {
			rc = fail(&L, "cannot save provider %s", o.name);
			goto rollback;
		}
		org_ids[i] = arena_strdup(L.a, id);
		if ((rc = load_locations(&L, j, org_ids[i], &loc_cap)) != ST_OK)
			goto rollback;
	}
	for (size_t i = 0; i < nids; i++) {
		json_t *svcs = json_object_get(json_array_get(orgs, i), "services");
		for (size_t k = 0; k < json_array_size(svcs); k++)
			if ((rc = load_service(&L, json_array_get(svcs, k), org_ids[i])) != ST_OK)
				goto rollback;
	}
	if ((rc = store_tx_end(s, &tx, ST_OK)) != ST_OK)
		snprintf(err, errlen, "cannot commit the demo directory");
	goto out;
rollback:
	store_tx_end(s, &tx, rc);
	rc = ST_ERR;
out:
	arena_free(L.a);
	json_decref(root);
	return rc;
}

int dir_demo_partner_org(struct store *s, char out[37])
{
	char err[200];
	json_t *root = demo_json(err, sizeof(err));
	if (!root)
		return ST_ERR;
	const char *name = NULL;
	json_t *orgs = json_object_get(root, "organizations");
	for (size_t i = 0; i < json_array_size(orgs) && !name; i++)
		if (flag(json_array_get(orgs, i), "partner_account"))
			name = json_string_value(json_object_get(json_array_get(orgs, i), "name"));
	int rc = ST_NOTFOUND;
	sqlite3_stmt *st = name ? store_stmt(s, "SELECT id FROM organization WHERE name = ? AND archived = 0 "
						"ORDER BY rowid LIMIT 1")
				: NULL;
	if (st) {
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
		int step = store_step(st);
		if (step > 0)
			rc = snprintf(out, 37, "%s", store_col_text(st, 0)) == 36 ? ST_OK : ST_ERR;
		else if (step != 0)
			rc = ST_ERR;
		sqlite3_reset(st);
	} else if (name) {
		rc = ST_ERR;
	}
	json_decref(root);
	return rc;
}
