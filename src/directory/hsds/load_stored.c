/* load_stored.c — the records of an HSDS import that are stored already
 * (organizations, locations, services), written through the model's save
 * functions (updated_by "import"), which compare with the stored record,
 * replace its lists and log field by field. Each record gets its lists
 * (phones, contacts, terms, places, schedules ...) from the rows of the
 * files grouped by it. Runs inside the importer's transaction. */
#include "directory/directory.h"
#include "directory/hsds/load_internal.h"
#include "core/core.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const char *cell(const struct dir_hsds_itab *t, size_t r, const char *col)
{
	return dir_hsds_cell_named(t, r, col);
}

static const char *cell_or_null(const struct dir_hsds_itab *t, size_t r, const char *col)
{
	const char *v = cell(t, r, col);
	return *v ? v : NULL;
}

static int cell_int(const struct dir_hsds_itab *t, size_t r, const char *col)
{
	const char *v = cell(t, r, col);
	return *v ? atoi(v) : -1;
}

static int unreadable(struct dir_hsds_loader *c, const struct dir_hsds_itab *t, size_t r, const char *what)
{
	buf_printf(c->report, "%s:%ld: the stored %s could not be read (for the columns the file lacks): %s\n",
		   t->file, t->rows[r].line, what, sqlite3_errmsg(store_db(c->s)));
	return ST_ERR;
}

/* Does the file lack column col? (lotse's own columns a file lacks keep
 * their stored values: an HSDS file from elsewhere must not make a
 * confidential location public or un-archive a record.) */
static int absent(const struct dir_hsds_itab *t, const char *col)
{
	return t->colmap[dir_hsds_col_index(t->t, col)] < 0;
}

/* The one column of the stored row sql names (?1 = id) into *v (-1 for
 * NULL); *v is left alone when there is no such row. ST_OK or ST_ERR. */
static int stored_int(struct dir_hsds_loader *c, const char *sql, const char *id, int *v)
{
	sqlite3_stmt *st = store_stmt(c->s, sql);
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	int k = store_step(st);
	if (k > 0)
		*v = store_col_int(st, 0);
	sqlite3_reset(st);
	return k < 0 ? ST_ERR : ST_OK;
}

/* ---- children grouped by their parent ---- */

struct group {
	long *head; /* first child of each parent row, -1 = none */
	long *next; /* the next child of the same parent */
};

/* Group the rows of child by the parent row their column fk names. Only
 * rows whose column empty_col (NULL: no such rule) is empty, and whose
 * link_entity is entity (NULL: any), are taken. File order is kept. */
static struct group group_by(struct dir_hsds_loader *c, int child, const char *fk, int parent, const char *empty_col,
			     const char *entity)
{
	struct dir_hsds_itab *ct = &c->tab[child], *pt = &c->tab[parent];
	struct group g = { arena_alloc(c->a, (pt->nrows + 1) * sizeof(long)),
			   arena_alloc(c->a, (ct->nrows + 1) * sizeof(long)) };
	for (size_t i = 0; i < pt->nrows; i++)
		g.head[i] = -1;
	for (size_t r = ct->nrows; r-- > 0;) {
		if (empty_col && *cell(ct, r, empty_col))
			continue;
		if (entity && strcmp(cell(ct, r, "link_entity"), entity) != 0)
			continue;
		long p = dir_hsds_find(pt, cell(ct, r, fk));
		if (p < 0)
			continue;
		g.next[r] = g.head[p];
		g.head[p] = (long)r;
	}
	return g;
}

#define EACH(g, p, r) for (long r = (g).head[p]; r >= 0; r = (g).next[r])

static size_t count(struct group g, size_t p)
{
	size_t n = 0;
	EACH(g, p, r)
	n++;
	return n;
}

/* A list whose fields are all texts: column name of the file, and where
 * in the struct its text goes. */
struct text_col {
	const char *col;
	size_t off;
};
#define TEXT_COL(type, field) { #field, offsetof(type, field) }

/* The children of parent row p as an array of n structs of size bytes,
 * each field of cols filled from its column. */
static void *text_rows(arena *a, const struct dir_hsds_itab *t, struct group g, size_t p, size_t size,
		       const struct text_col *cols, size_t ncols, size_t *n)
{
	*n = count(g, p);
	char *v = arena_alloc(a, (*n + 1) * size), *x = v;
	EACH(g, p, r) {
		for (size_t i = 0; i < ncols; i++)
			*(const char **)(void *)(x + cols[i].off) = cell(t, r, cols[i].col);
		x += size;
	}
	return v;
}

static const struct text_col phone_cols[] = {
	TEXT_COL(struct dir_phone, id),   TEXT_COL(struct dir_phone, number),
	TEXT_COL(struct dir_phone, extension), TEXT_COL(struct dir_phone, type),
	TEXT_COL(struct dir_phone, description),
};
static const struct text_col contact_cols[] = {
	TEXT_COL(struct dir_contact, id),    TEXT_COL(struct dir_contact, name),
	TEXT_COL(struct dir_contact, title), TEXT_COL(struct dir_contact, department),
	TEXT_COL(struct dir_contact, email),
};
static const struct text_col language_cols[] = {
	TEXT_COL(struct dir_language, id),   TEXT_COL(struct dir_language, code),
	TEXT_COL(struct dir_language, name), TEXT_COL(struct dir_language, note),
};
static const struct text_col area_cols[] = {
	TEXT_COL(struct dir_area, id),     TEXT_COL(struct dir_area, name),
	TEXT_COL(struct dir_area, description), TEXT_COL(struct dir_area, extent),
	TEXT_COL(struct dir_area, extent_type), TEXT_COL(struct dir_area, uri),
};
/* a term attached by an attribute row: only its id */
static const struct text_col term_cols[] = { { "taxonomy_term_id", offsetof(struct dir_term, id) } };

#define TEXT_ROWS(a, t, g, p, type, cols, n) \
	((type *)text_rows(a, t, g, p, sizeof(type), cols, NELEM(cols), n))

/* ---- the records, through the model ---- */

static int save_orgs(struct dir_hsds_loader *c)
{
	struct dir_hsds_itab *t = &c->tab[HT_ORG];
	struct group ph = group_by(c, HT_PHONE, "organization_id", HT_ORG, "service_id", NULL);
	struct group co = group_by(c, HT_CONTACT, "organization_id", HT_ORG, "service_id", NULL);
	struct group at = group_by(c, HT_ATTRIBUTE, "link_id", HT_ORG, NULL, "organization");
	for (size_t r = 0; r < t->nrows; r++) {
		if (dir_hsds_load_fresh_row(c, HT_ORG, r))
			continue;
		arena *a = arena_new();
		struct dir_org o = {
			.id = cell(t, r, "id"),
			.name = cell(t, r, "name"),
			.alternate_name = cell(t, r, "alternate_name"),
			.description = cell(t, r, "description"),
			.email = cell(t, r, "email"),
			.website = cell(t, r, "website"),
			.legal_status = cell(t, r, "legal_status"),
			.parent_organization_id = cell_or_null(t, r, "parent_organization_id"),
			.last_modified = cell_or_null(t, r, "last_modified"),
			.year_incorporated = cell_int(t, r, "year_incorporated"),
		};
		o.phones = TEXT_ROWS(a, &c->tab[HT_PHONE], ph, r, struct dir_phone, phone_cols, &o.n_phones);
		o.contacts = TEXT_ROWS(a, &c->tab[HT_CONTACT], co, r, struct dir_contact, contact_cols, &o.n_contacts);
		o.terms = TEXT_ROWS(a, &c->tab[HT_ATTRIBUTE], at, r, struct dir_term, term_cols, &o.n_terms);
		int rc = dir_org_save(c->s, &o, DIR_HSDS_WHO, NULL);
		arena_free(a);
		if (rc != ST_OK)
			return dir_hsds_load_refused(c, t, r);
	}
	return ST_OK;
}

static int save_locations(struct dir_hsds_loader *c)
{
	struct dir_hsds_itab *t = &c->tab[HT_LOCATION], *ad = &c->tab[HT_ADDRESS];
	struct group g = group_by(c, HT_ADDRESS, "location_id", HT_LOCATION, NULL, NULL);
	for (size_t r = 0; r < t->nrows; r++) {
		if (dir_hsds_load_fresh_row(c, HT_LOCATION, r))
			continue;
		const char *lat = cell(t, r, "latitude"), *lon = cell(t, r, "longitude");
		struct dir_location l = {
			.id = cell(t, r, "id"),
			.organization_id = cell_or_null(t, r, "organization_id"),
			.location_type = cell(t, r, "location_type"),
			.url = cell(t, r, "url"),
			.name = cell(t, r, "name"),
			.alternate_name = cell(t, r, "alternate_name"),
			.description = cell(t, r, "description"),
			.transportation = cell(t, r, "transportation"),
			.has_coords = *lat && *lon,
			.latitude = strtod(lat, NULL),
			.longitude = strtod(lon, NULL),
			.confidential = dir_hsds_is_true(cell(t, r, "confidential")),
		};
		if (absent(t, "confidential") &&
		    stored_int(c, "SELECT confidential FROM location WHERE id = ?1", l.id, &l.confidential) != ST_OK)
			return unreadable(c, t, r, "location");
		long k = g.head[r];
		if (k >= 0) {
			l.has_address = 1;
			l.address = (struct dir_address){
				.id = cell(ad, k, "id"),
				.attention = cell(ad, k, "attention"),
				.address_1 = cell(ad, k, "address_1"),
				.address_2 = cell(ad, k, "address_2"),
				.city = cell(ad, k, "city"),
				.region = cell(ad, k, "region"),
				.state_province = cell(ad, k, "state_province"),
				.postal_code = cell(ad, k, "postal_code"),
				.country = cell(ad, k, "country"),
				.address_type = cell(ad, k, "address_type"),
			};
		}
		if (dir_location_save(c->s, &l, DIR_HSDS_WHO, NULL) != ST_OK)
			return dir_hsds_load_refused(c, t, r);
	}
	return ST_OK;
}

static void service_lists(struct dir_hsds_loader *c, arena *a, struct dir_service *sv, size_t r, const struct group *g)
{
	struct dir_hsds_itab *tb = c->tab;
	sv->n_locations = count(g[0], r);
	sv->locations = arena_alloc(a, (sv->n_locations + 1) * sizeof(*sv->locations));
	struct dir_location *l = sv->locations;
	EACH(g[0], r, k)
	(l++)->id = cell(&tb[HT_SAL], k, "location_id");
	sv->phones = TEXT_ROWS(a, &tb[HT_PHONE], g[1], r, struct dir_phone, phone_cols, &sv->n_phones);
	sv->contacts = TEXT_ROWS(a, &tb[HT_CONTACT], g[2], r, struct dir_contact, contact_cols, &sv->n_contacts);
	sv->n_schedules = count(g[3], r);
	struct dir_schedule *x = sv->schedules = arena_alloc(a, (sv->n_schedules + 1) * sizeof(*x));
	const struct dir_hsds_itab *t = &tb[HT_SCHEDULE];
	EACH(g[3], r, k) {
		*x++ = (struct dir_schedule){
			.id = cell(t, k, "id"),
			.valid_from = cell_or_null(t, k, "valid_from"),
			.valid_to = cell_or_null(t, k, "valid_to"),
			.dtstart = cell_or_null(t, k, "dtstart"),
			.until = cell_or_null(t, k, "until"),
			.freq = cell_or_null(t, k, "freq"),
			.byday = cell(t, k, "byday"),
			.opens_at = cell_or_null(t, k, "opens_at"),
			.closes_at = cell_or_null(t, k, "closes_at"),
			.description = cell(t, k, "description"),
			.attending_type = cell(t, k, "attending_type"),
			.notes = cell(t, k, "notes"),
			.interval = cell_int(t, k, "interval"),
		};
	}
	sv->languages = TEXT_ROWS(a, &tb[HT_LANGUAGE], g[4], r, struct dir_language, language_cols, &sv->n_languages);
	sv->n_costs = count(g[5], r);
	struct dir_cost *co = sv->costs = arena_alloc(a, (sv->n_costs + 1) * sizeof(*co));
	t = &tb[HT_COST];
	EACH(g[5], r, k) {
		const char *amount = cell(t, k, "amount");
		*co++ = (struct dir_cost){
			.id = cell(t, k, "id"),
			.valid_from = cell_or_null(t, k, "valid_from"),
			.valid_to = cell_or_null(t, k, "valid_to"),
			.option = cell(t, k, "option"),
			.currency = cell(t, k, "currency"),
			.amount_description = cell(t, k, "amount_description"),
			.amount = strtod(amount, NULL),
			.has_amount = *amount != '\0',
		};
	}
	sv->n_funding = count(g[6], r);
	const char **fu = sv->funding = arena_alloc(a, (sv->n_funding + 1) * sizeof(*fu));
	EACH(g[6], r, k)
	*fu++ = cell(&tb[HT_FUNDING], k, "source");
	sv->areas = TEXT_ROWS(a, &tb[HT_AREA], g[7], r, struct dir_area, area_cols, &sv->n_areas);
	sv->terms = TEXT_ROWS(a, &tb[HT_ATTRIBUTE], g[8], r, struct dir_term, term_cols, &sv->n_terms);
}

static int save_services(struct dir_hsds_loader *c)
{
	struct dir_hsds_itab *t = &c->tab[HT_SERVICE];
	const struct group g[9] = {
		group_by(c, HT_SAL, "service_id", HT_SERVICE, NULL, NULL),
		group_by(c, HT_PHONE, "service_id", HT_SERVICE, NULL, NULL),
		group_by(c, HT_CONTACT, "service_id", HT_SERVICE, NULL, NULL),
		group_by(c, HT_SCHEDULE, "service_id", HT_SERVICE, NULL, NULL),
		group_by(c, HT_LANGUAGE, "service_id", HT_SERVICE, NULL, NULL),
		group_by(c, HT_COST, "service_id", HT_SERVICE, NULL, NULL),
		group_by(c, HT_FUNDING, "service_id", HT_SERVICE, NULL, NULL),
		group_by(c, HT_AREA, "service_id", HT_SERVICE, NULL, NULL),
		group_by(c, HT_ATTRIBUTE, "link_id", HT_SERVICE, NULL, "service"),
	};
	for (size_t r = 0; r < t->nrows; r++) {
		if (dir_hsds_load_fresh_row(c, HT_SERVICE, r))
			continue;
		arena *a = arena_new();
		struct dir_service sv = {
			.id = cell(t, r, "id"),
			.organization_id = cell(t, r, "organization_id"),
			.name = cell(t, r, "name"),
			.alternate_name = cell(t, r, "alternate_name"),
			.description = cell(t, r, "description"),
			.url = cell(t, r, "url"),
			.email = cell(t, r, "email"),
			.status = cell(t, r, "status"),
			.interpretation_services = cell(t, r, "interpretation_services"),
			.application_process = cell(t, r, "application_process"),
			.fees_description = cell(t, r, "fees_description"),
			.eligibility_description = cell(t, r, "eligibility_description"),
			.delivery = cell(t, r, "delivery"),
			.assured_date = cell_or_null(t, r, "assured_date"),
			.assurer_email = cell(t, r, "assurer_email"),
			.alert = cell(t, r, "alert"),
			.last_modified = cell_or_null(t, r, "last_modified"),
			.free_of_charge = dir_hsds_is_true(cell(t, r, "free_of_charge")),
			.minimum_age = cell_int(t, r, "minimum_age"),
			.maximum_age = cell_int(t, r, "maximum_age"),
			.capacity = cell_int(t, r, "capacity"),
		};
		int stored = ST_OK;
		if (absent(t, "free_of_charge")) {
			sv.free_of_charge = 0;
			stored = stored_int(c, "SELECT free_of_charge FROM service WHERE id = ?1", sv.id,
					    &sv.free_of_charge);
		}
		if (absent(t, "capacity") && stored == ST_OK) {
			sv.capacity = -1;
			stored = stored_int(c, "SELECT capacity FROM service WHERE id = ?1", sv.id, &sv.capacity);
		}
		if (stored != ST_OK) {
			arena_free(a);
			return unreadable(c, t, r, "offer");
		}
		if (absent(t, "delivery"))
			sv.delivery = NULL; /* below: the stored one */
		service_lists(c, a, &sv, r, g);
		if (!sv.delivery) {
			sqlite3_stmt *st = store_stmt(c->s, "SELECT delivery FROM service WHERE id = ?1");
			int k = -1;
			if (st) {
				sqlite3_bind_text(st, 1, sv.id, -1, SQLITE_STATIC);
				k = store_step(st);
				sv.delivery = k > 0 ? store_col_str(a, st, 0) : "";
				sqlite3_reset(st);
			}
			if (k < 0) {
				arena_free(a);
				return unreadable(c, t, r, "offer");
			}
		}
		int rc = dir_service_save(c->s, &sv, DIR_HSDS_WHO, NULL);
		arena_free(a);
		if (rc != ST_OK)
			return dir_hsds_load_refused(c, t, r);
	}
	return ST_OK;
}

int dir_hsds_save_stored(struct dir_hsds_loader *c)
{
	int rc = save_orgs(c);
	if (rc == ST_OK)
		rc = save_locations(c);
	if (rc == ST_OK)
		rc = save_services(c);
	return rc;
}
