/* load.c — writing checked HSDS tables into the directory: new records
 * as plain rows (fresh.c), stored ones through the model's save functions
 * (updated_by "import"), then every
 * row of the files by its id, so that what the model's structs do not
 * carry (ids of links, further addresses, phones of contacts, attribute
 * values ...) arrives unchanged. Runs inside the importer's transaction. */
#include "directory/directory.h"
#include "directory/hsds/hsds_internal.h"
#include "core/core.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WHO "import"

struct lctx {
	struct store *s;
	struct dir_hsds_itab *tab;
	buf *report;
	arena *a;
	/* per row of organizations, locations and services: 1 when its id is
	 * not stored (fresh.c wrote it); NULL for the other tables */
	unsigned char *fresh[HT__COUNT];
	const char *ignore[HT__COUNT][2]; /* put_sql's update and insert OR IGNORE */
	sqlite3_int64 before; /* the change log's last rowid before the import */
	sqlite3_int64 services_before; /* the offers' last rowid before the import */
	char now[32];         /* the import's time */
	const struct dir_hsds_ids *history; /* the resources metadata.csv holds the history of */
};

struct dir_hsds_loader {
	struct lctx c;
};

/* Was row r of table ti new, and so written by fresh.c? */
static int is_fresh(const struct lctx *c, int ti, size_t r)
{
	return c->fresh[ti] && c->fresh[ti][r];
}

/* Is the record id of table ti (organizations, locations, services) one
 * this import creates? A table read record by record knows by its ids. */
static int new_record(const struct lctx *c, int ti, const char *id)
{
	const struct dir_hsds_itab *t = &c->tab[ti];
	if (t->ids)
		return dir_hsds_ids_state(t->ids, id) == 1;
	long p = *id ? dir_hsds_find(t, id) : -1;
	return p >= 0 && is_fresh(c, ti, (size_t)p);
}

/* Report why row r of t could not be written; returns ST_CONFLICT. */
static int refused(struct lctx *c, const struct dir_hsds_itab *t, size_t r)
{
	buf_printf(c->report, "%s:%ld: could not be written: %s\n", t->file, t->rows[r].line,
		   sqlite3_errmsg(store_db(c->s)));
	return ST_CONFLICT;
}

/* Report that the stored record (what) row r of t keeps values of (for
 * the columns the file lacks) could not be read; returns ST_ERR. */
static int unreadable(struct lctx *c, const struct dir_hsds_itab *t, size_t r, const char *what)
{
	buf_printf(c->report, "%s:%ld: the stored %s could not be read (for the columns the file lacks): %s\n",
		   t->file, t->rows[r].line, what, sqlite3_errmsg(store_db(c->s)));
	return ST_ERR;
}

static const char *cell(const struct dir_hsds_itab *t, size_t r, const char *col)
{
	return dir_hsds_cell(t, r, dir_hsds_col_index(t->t, col));
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

static int is_true(const char *v)
{
	return strcasecmp(v, "true") == 0 || strcmp(v, "1") == 0;
}

/* Does the file lack column col? (lotse's own columns a file lacks keep
 * their stored values: an HSDS file from elsewhere must not make a
 * confidential location public or un-archive a record.) */
static int absent(const struct dir_hsds_itab *t, const char *col)
{
	return t->colmap[dir_hsds_col_index(t->t, col)] < 0;
}

/* Column i of the stored row sql names (?1 = id) into *v (-1 for NULL);
 * *v is left alone when there is no such row. ST_OK or ST_ERR. */
static int stored_int(struct lctx *c, const char *sql, const char *id, int i, int *v)
{
	sqlite3_stmt *st = store_stmt(c->s, sql);
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	int k = store_step(st);
	if (k > 0)
		*v = store_col_int(st, i);
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
static struct group group_by(struct lctx *c, int child, const char *fk, int parent, const char *empty_col,
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

static struct dir_phone *phones(arena *a, const struct dir_hsds_itab *t, struct group g, size_t p, size_t *n)
{
	*n = count(g, p);
	struct dir_phone *v = arena_alloc(a, (*n + 1) * sizeof(*v)), *x = v;
	EACH(g, p, r) {
		x->id = cell(t, r, "id");
		x->number = cell(t, r, "number");
		x->extension = cell(t, r, "extension");
		x->type = cell(t, r, "type");
		x->description = cell(t, r, "description");
		x++;
	}
	return v;
}

static struct dir_contact *contacts(arena *a, const struct dir_hsds_itab *t, struct group g, size_t p, size_t *n)
{
	*n = count(g, p);
	struct dir_contact *v = arena_alloc(a, (*n + 1) * sizeof(*v)), *x = v;
	EACH(g, p, r) {
		x->id = cell(t, r, "id");
		x->name = cell(t, r, "name");
		x->title = cell(t, r, "title");
		x->department = cell(t, r, "department");
		x->email = cell(t, r, "email");
		x++;
	}
	return v;
}

static struct dir_term *terms(arena *a, const struct dir_hsds_itab *t, struct group g, size_t p, size_t *n)
{
	*n = count(g, p);
	struct dir_term *v = arena_alloc(a, (*n + 1) * sizeof(*v)), *x = v;
	EACH(g, p, r)
	(x++)->id = cell(t, r, "taxonomy_term_id");
	return v;
}

/* ---- the records, through the model ---- */

static int save_orgs(struct lctx *c)
{
	struct dir_hsds_itab *t = &c->tab[HT_ORG];
	struct group ph = group_by(c, HT_PHONE, "organization_id", HT_ORG, "service_id", NULL);
	struct group co = group_by(c, HT_CONTACT, "organization_id", HT_ORG, "service_id", NULL);
	struct group at = group_by(c, HT_ATTRIBUTE, "link_id", HT_ORG, NULL, "organization");
	for (size_t r = 0; r < t->nrows; r++) {
		if (is_fresh(c, HT_ORG, r))
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
		o.phones = phones(a, &c->tab[HT_PHONE], ph, r, &o.n_phones);
		o.contacts = contacts(a, &c->tab[HT_CONTACT], co, r, &o.n_contacts);
		o.terms = terms(a, &c->tab[HT_ATTRIBUTE], at, r, &o.n_terms);
		int rc = dir_org_save(c->s, &o, WHO, NULL);
		arena_free(a);
		if (rc != ST_OK)
			return refused(c, t, r);
	}
	return ST_OK;
}

static int save_locations(struct lctx *c)
{
	struct dir_hsds_itab *t = &c->tab[HT_LOCATION], *ad = &c->tab[HT_ADDRESS];
	struct group g = group_by(c, HT_ADDRESS, "location_id", HT_LOCATION, NULL, NULL);
	for (size_t r = 0; r < t->nrows; r++) {
		if (is_fresh(c, HT_LOCATION, r))
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
			.confidential = is_true(cell(t, r, "confidential")),
		};
		if (absent(t, "confidential") &&
		    stored_int(c, "SELECT confidential FROM location WHERE id = ?1", l.id, 0, &l.confidential) != ST_OK)
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
		if (dir_location_save(c->s, &l, WHO, NULL) != ST_OK)
			return refused(c, t, r);
	}
	return ST_OK;
}

static void service_lists(struct lctx *c, arena *a, struct dir_service *sv, size_t r, const struct group *g)
{
	struct dir_hsds_itab *tb = c->tab;
	sv->n_locations = count(g[0], r);
	sv->locations = arena_alloc(a, (sv->n_locations + 1) * sizeof(*sv->locations));
	struct dir_location *l = sv->locations;
	EACH(g[0], r, k)
	(l++)->id = cell(&tb[HT_SAL], k, "location_id");
	sv->phones = phones(a, &tb[HT_PHONE], g[1], r, &sv->n_phones);
	sv->contacts = contacts(a, &tb[HT_CONTACT], g[2], r, &sv->n_contacts);
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
	sv->n_languages = count(g[4], r);
	struct dir_language *lg = sv->languages = arena_alloc(a, (sv->n_languages + 1) * sizeof(*lg));
	t = &tb[HT_LANGUAGE];
	EACH(g[4], r, k) {
		*lg++ = (struct dir_language){ .id = cell(t, k, "id"), .code = cell(t, k, "code"),
					       .name = cell(t, k, "name"), .note = cell(t, k, "note") };
	}
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
	sv->n_areas = count(g[7], r);
	struct dir_area *ar = sv->areas = arena_alloc(a, (sv->n_areas + 1) * sizeof(*ar));
	t = &tb[HT_AREA];
	EACH(g[7], r, k) {
		*ar++ = (struct dir_area){ .id = cell(t, k, "id"), .name = cell(t, k, "name"),
					   .description = cell(t, k, "description"), .extent = cell(t, k, "extent"),
					   .extent_type = cell(t, k, "extent_type"), .uri = cell(t, k, "uri") };
	}
	sv->terms = terms(a, &tb[HT_ATTRIBUTE], g[8], r, &sv->n_terms);
}

static int save_services(struct lctx *c)
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
		if (is_fresh(c, HT_SERVICE, r))
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
			.free_of_charge = is_true(cell(t, r, "free_of_charge")),
			.minimum_age = cell_int(t, r, "minimum_age"),
			.maximum_age = cell_int(t, r, "maximum_age"),
			.capacity = cell_int(t, r, "capacity"),
		};
		int stored = ST_OK;
		if (absent(t, "free_of_charge")) {
			sv.free_of_charge = 0;
			stored = stored_int(c, "SELECT free_of_charge FROM service WHERE id = ?1", sv.id, 0,
					    &sv.free_of_charge);
		}
		if (absent(t, "capacity") && stored == ST_OK) {
			sv.capacity = -1;
			stored = stored_int(c, "SELECT capacity FROM service WHERE id = ?1", sv.id, 0, &sv.capacity);
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
		int rc = dir_service_save(c->s, &sv, WHO, NULL);
		arena_free(a);
		if (rc != ST_OK)
			return refused(c, t, r);
	}
	return ST_OK;
}

/* ---- what the model's structs do not carry ---- */

/* Run sql with ?1 = row's id and further parameters from cols (kinds
 * bound as in upserts) for every row of table ti. */
static void bind_cell(sqlite3_stmt *st, int i, const struct dir_hsds_col *col, const char *v)
{
	if (!*v && col->dflt)
		v = col->dflt;
	if (!*v) {
		if (col->kind == HK_TEXT || col->kind == HK_CODE)
			sqlite3_bind_text(st, i, "", 0, SQLITE_STATIC);
		else if (col->kind == HK_BOOL)
			sqlite3_bind_int(st, i, 0);
		else
			sqlite3_bind_null(st, i);
		return;
	}
	switch (col->kind) {
	case HK_INT:
		sqlite3_bind_int64(st, i, strtoll(v, NULL, 10));
		break;
	case HK_NUM:
		sqlite3_bind_double(st, i, strtod(v, NULL));
		break;
	case HK_BOOL:
		sqlite3_bind_int(st, i, is_true(v));
		break;
	default:
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	}
}

void dir_hsds_bind_row(sqlite3_stmt *st, const struct dir_hsds_itab *t, int ti, size_t r)
{
	for (size_t k = 0; k < t->t->ncols; k++) {
		const char *v = dir_hsds_cell(t, r, (int)k);
		if (t->t->cols[k].kind == HK_UNUSED)
			continue;
		if (ti == HT_TERM && k == 1 && !*v)
			v = dir_hsds_cell(t, r, 0); /* codes are unique per taxonomy: the id stands in */
		if ((t->t->cols[k].flags & HC_EXTRA) && t->colmap[k] < 0)
			sqlite3_bind_null(st, (int)k + 1); /* a lotse column the file lacks: kept */
		else
			bind_cell(st, (int)k + 1, &t->t->cols[k], v);
	}
}

/* Bind every kept column k of row r as parameter ?k+1 and run sql. */
static int put_row(struct lctx *c, int ti, size_t r, const char *sql)
{
	sqlite3_stmt *st = store_stmt(c->s, sql);
	if (!st)
		return ST_ERR;
	dir_hsds_bind_row(st, &c->tab[ti], ti, r);
	return store_exec_stmt(c->s, st);
}

/* Every table written row by row: UPDATE by id, else INSERT. (No UPSERT:
 * its ON CONFLICT would override the OR IGNORE of the search triggers.) */
static const struct {
	const char *update, *insert;
} put_sql[HT__COUNT] = {
	[HT_TAXONOMY] = {
		"UPDATE taxonomy SET name = ?2, description = ?3, uri = ?4, version = ?5 WHERE id = ?1",
		"INSERT INTO taxonomy(id, name, description, uri, version) VALUES (?1, ?2, ?3, ?4, ?5)" },
	[HT_TERM] = {
		"UPDATE taxonomy_term SET code = ?2, name = ?3, description = ?4, parent_id = ?5, "
		"taxonomy = ?6, language = ?7, taxonomy_id = ?8, term_uri = ?9, position = coalesce(?10, position) WHERE id = "
		"?1",
		"INSERT INTO taxonomy_term(id, code, name, description, parent_id, taxonomy, language, "
		"taxonomy_id, term_uri, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, coalesce(?10, 0))" },
	[HT_LABEL] = {
		"UPDATE taxonomy_term_label SET name = ?3 WHERE term_id = ?1 AND lang = ?2",
		"INSERT INTO taxonomy_term_label(term_id, lang, name) VALUES (?1, ?2, ?3)" },
	[HT_TRANSLATION] = {
		"UPDATE service_translation SET name = ?3, description = ?4, application_process = ?5, "
		"updated_by = 'import', updated_at = coalesce(?6, updated_at) WHERE service_id = ?1 AND lang = ?2",
		"INSERT INTO service_translation(service_id, lang, name, description, application_process, updated_by, "
		"updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'import', coalesce(?6, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))" },
	[HT_ADDRESS] = {
		"UPDATE address SET location_id = ?2, attention = ?3, address_1 = ?4, address_2 = ?5, "
		"city = ?6, region = ?7, state_province = ?8, postal_code = ?9, country = ?10, "
		"address_type = ?11 WHERE id = ?1",
		"INSERT INTO address(id, location_id, attention, address_1, address_2, city, region, "
		"state_province, postal_code, country, address_type) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
		"?8, ?9, ?10, ?11)" },
	[HT_SAL] = {
		"UPDATE service_at_location SET service_id = ?2, location_id = ?3, description = ?4 WHERE "
		"id = ?1",
		"INSERT INTO service_at_location(id, service_id, location_id, description) VALUES (?1, "
		"?2, ?3, ?4)" },
	[HT_CONTACT] = {
		"UPDATE contact SET organization_id = ?2, service_id = ?3, service_at_location_id = ?4, "
		"location_id = ?5, name = ?6, title = ?7, department = ?8, email = ?9 WHERE id = ?1",
		"INSERT INTO contact(id, organization_id, service_id, service_at_location_id, "
		"location_id, name, title, department, email) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)" },
	[HT_PHONE] = {
		"UPDATE phone SET location_id = ?2, service_id = ?3, organization_id = ?4, contact_id = "
		"?5, service_at_location_id = ?6, number = ?7, extension = ?8, type = ?9, description = "
		"?10 WHERE id = ?1",
		"INSERT INTO phone(id, location_id, service_id, organization_id, contact_id, "
		"service_at_location_id, number, extension, type, description) VALUES (?1, ?2, ?3, ?4, "
		"?5, ?6, ?7, ?8, ?9, ?10)" },
	[HT_SCHEDULE] = {
		"UPDATE schedule SET service_id = ?2, location_id = ?3, service_at_location_id = ?4, "
		"valid_from = ?5, valid_to = ?6, dtstart = ?7, until = ?9, freq = ?12, interval = ?13, "
		"byday = ?14, description = ?18, opens_at = ?19, closes_at = ?20, attending_type = ?22, "
		"notes = ?23 WHERE id = ?1",
		"INSERT INTO schedule(id, service_id, location_id, service_at_location_id, valid_from, "
		"valid_to, dtstart, until, freq, interval, byday, description, opens_at, closes_at, "
		"attending_type, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?9, ?12, ?13, ?14, ?18, ?19, "
		"?20, ?22, ?23)" },
	[HT_LANGUAGE] = {
		"UPDATE language SET service_id = ?2, location_id = ?3, phone_id = ?4, name = ?5, code = "
		"?6, note = ?7 WHERE id = ?1",
		"INSERT INTO language(id, service_id, location_id, phone_id, name, code, note) VALUES "
		"(?1, ?2, ?3, ?4, ?5, ?6, ?7)" },
	[HT_COST] = {
		"UPDATE cost_option SET service_id = ?2, valid_from = ?3, valid_to = ?4, option = ?5, "
		"currency = ?6, amount = ?7, amount_description = ?8 WHERE id = ?1",
		"INSERT INTO cost_option(id, service_id, valid_from, valid_to, option, currency, amount, "
		"amount_description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)" },
	[HT_FUNDING] = {
		"UPDATE funding SET organization_id = ?2, service_id = ?3, source = ?4 WHERE id = ?1",
		"INSERT INTO funding(id, organization_id, service_id, source) VALUES (?1, ?2, ?3, ?4)" },
	[HT_AREA] = {
		"UPDATE service_area SET service_id = ?2, name = ?3, description = ?4, extent = ?5, "
		"extent_type = ?6, uri = ?7 WHERE id = ?1",
		"INSERT INTO service_area(id, service_id, name, description, extent, extent_type, uri) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)" },
	[HT_ATTRIBUTE] = {
		"UPDATE attribute SET link_id = ?2, taxonomy_term_id = ?3, link_type = ?4, link_entity = "
		"?5, value = ?6 WHERE id = ?1",
		"INSERT INTO attribute(id, link_id, taxonomy_term_id, link_type, link_entity, value) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)" },
	[HT_METADATA] = {
		"UPDATE metadata SET resource_id = ?2, resource_type = ?3, last_action_date = "
		"coalesce(?10, ?4), last_action_type = ?5, field_name = ?6, previous_value = ?7, "
		"replacement_value = ?8, updated_by = ?9 WHERE id = ?1",
		"INSERT INTO metadata(id, resource_id, resource_type, last_action_date, last_action_type, "
		"field_name, previous_value, replacement_value, updated_by) VALUES (?1, ?2, ?3, "
		"coalesce(?10, ?4), ?5, ?6, ?7, ?8, ?9)" },
};

const char *dir_hsds_or_ignore(arena *a, const char *sql)
{
	size_t n = strcspn(sql, " ");
	return arena_printf(a, "%.*s OR IGNORE%s", (int)n, sql, sql + n);
}

/* Row r of table ti by its id: updated when there, inserted when not;
 * tried in that order, or (fresh: a row of a new record, which is rarely
 * stored already) the insert first, which spares a lookup per row. Both
 * OR IGNORE (no statement journal per row); when the row went in neither
 * way, the plain statements once more, for SQLite's reason. */
static int put(struct lctx *c, int ti, size_t r, int fresh)
{
	if (!c->ignore[ti][0]) {
		c->ignore[ti][0] = dir_hsds_or_ignore(c->a, put_sql[ti].update);
		c->ignore[ti][1] = dir_hsds_or_ignore(c->a, put_sql[ti].insert);
	}
	const char *plain[2] = { put_sql[ti].update, put_sql[ti].insert };
	int a = fresh != 0, b = !a;
	sqlite3 *db = store_db(c->s);
	if (put_row(c, ti, r, c->ignore[ti][a]) != ST_OK)
		return ST_CONFLICT;
	if (sqlite3_changes(db) == 1)
		return ST_OK;
	if (put_row(c, ti, r, c->ignore[ti][b]) != ST_OK)
		return ST_CONFLICT;
	if (sqlite3_changes(db) == 1)
		return ST_OK;
	if (put_row(c, ti, r, plain[a]) == ST_OK)
		put_row(c, ti, r, plain[b]);
	return ST_CONFLICT;
}

static int put_all(struct lctx *c, int ti)
{
	for (size_t r = 0; r < c->tab[ti].nrows; r++)
		if (put(c, ti, r, 0) != ST_OK)
			return refused(c, &c->tab[ti], r);
	return ST_OK;
}

/* Run sql (?1 = the row's id, ?2... = the named columns; a lotse column
 * the file lacks is NULL; ?5 = whether the file has the column c3) for
 * every row (every stored one: old = 1, the new ones were written whole). */
static int each_row(struct lctx *c, int ti, int old, const char *sql, const char *c2, const char *c3,
		    const char *c4)
{
	struct dir_hsds_itab *t = &c->tab[ti];
	const char *cols[] = { c2, c3, c4 };
	for (size_t r = 0; r < t->nrows; r++) {
		if (old && is_fresh(c, ti, r))
			continue;
		sqlite3_stmt *st = store_stmt(c->s, sql);
		if (!st)
			return ST_ERR;
		sqlite3_bind_text(st, 1, dir_hsds_cell(t, r, 0), -1, SQLITE_STATIC);
		for (int i = 0; i < 3 && cols[i]; i++) {
			int k = dir_hsds_col_index(t->t, cols[i]);
			if ((t->t->cols[k].flags & HC_EXTRA) && t->colmap[k] < 0)
				sqlite3_bind_null(st, i + 2);
			else
				bind_cell(st, i + 2, &t->t->cols[k], dir_hsds_cell(t, r, k));
		}
		sqlite3_bind_int(st, 5, c3 && t->colmap[dir_hsds_col_index(t->t, c3)] >= 0);
		if (store_exec_stmt(c->s, st) != ST_OK)
			return refused(c, t, r);
	}
	return ST_OK;
}

/* The links of services to locations keep their ids and descriptions. */
static int put_links(struct lctx *c)
{
	struct dir_hsds_itab *t = &c->tab[HT_SAL];
	for (size_t r = 0; r < t->nrows; r++) {
		int linked = !new_record(c, HT_SERVICE, cell(t, r, "service_id")); /* a new offer has no links yet */
		if (linked && put_row(c, HT_SAL, r,
				      "UPDATE service_at_location SET id = ?1, description = ?4 "
				      "WHERE service_id = ?2 AND location_id = ?3") != ST_OK)
			return refused(c, t, r);
		if ((!linked || sqlite3_changes(store_db(c->s)) == 0) && put(c, HT_SAL, r, !linked) != ST_OK)
			return refused(c, t, r);
	}
	return ST_OK;
}

/* The change log: where the files hold a record's history, that history
 * replaces the entries this import made for the record. */
static int put_history(struct lctx *c, sqlite3_int64 before)
{
	struct dir_hsds_itab *t = &c->tab[HT_METADATA];
	if (t->nrows == 0)
		return ST_OK;
	if (store_exec(c->s, "CREATE TEMP TABLE IF NOT EXISTS hsds_history(id TEXT PRIMARY KEY) WITHOUT ROWID") !=
		    ST_OK ||
	    store_exec(c->s, "DELETE FROM temp.hsds_history") != ST_OK)
		return ST_ERR;
	int rc = each_row(c, HT_METADATA, 0, "INSERT OR IGNORE INTO temp.hsds_history(id) VALUES (?2)", "resource_id",
			  NULL, NULL);
	if (rc != ST_OK)
		return rc;
	sqlite3_stmt *st = store_stmt(c->s, "DELETE FROM metadata WHERE rowid > ?1 AND updated_by = '" WHO "' "
					    "AND resource_id IN (SELECT id FROM temp.hsds_history)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, before);
	if (store_exec_stmt(c->s, st) != ST_OK)
		return ST_ERR;
	return put_all(c, HT_METADATA);
}

struct dir_hsds_loader *dir_hsds_load_start(struct store *s, arena *a, struct dir_hsds_itab *tab,
					    const struct dir_hsds_ids *history, buf *report, int *rc)
{
	struct dir_hsds_loader *l = arena_alloc(a, sizeof(*l));
	struct lctx *c = &l->c;
	*c = (struct lctx){ .s = s, .tab = tab, .report = report, .a = a, .history = history };
	sqlite3_stmt *st = store_stmt(s, "SELECT (SELECT coalesce(max(rowid), 0) FROM metadata), "
					 "(SELECT coalesce(max(rowid), 0) FROM service)");
	*rc = ST_ERR;
	if (!st)
		return NULL;
	int k = store_step(st);
	if (k > 0) {
		c->before = sqlite3_column_int64(st, 0);
		c->services_before = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (k < 0)
		return NULL;
	*rc = ST_OK;
	dir_hsds_now(c->now);
	static const int first[] = { HT_TAXONOMY, HT_TERM, HT_LABEL };
	for (size_t i = 0; i < NELEM(first) && *rc == ST_OK; i++)
		*rc = put_all(c, first[i]);
	if (*rc == ST_OK)
		*rc = dir_hsds_fresh(s, a, tab, c->fresh, history, report);
	if (*rc == ST_ERR)
		*rc = ST_CONFLICT;
	return *rc == ST_OK ? l : NULL;
}

/* Does row r of table ti (a list's row) belong to a record this import
 * creates (fresh.c wrote it)? */
static int owner_fresh(struct lctx *c, int ti, size_t r)
{
	struct dir_hsds_itab *t = &c->tab[ti];
	int pt = HT_SERVICE;
	const char *id = cell(t, r, "service_id");
	if (ti == HT_ATTRIBUTE) {
		const char *e = cell(t, r, "link_entity");
		pt = strcmp(e, "service") == 0 ? HT_SERVICE : strcmp(e, "organization") == 0 ? HT_ORG : HT_LOCATION;
		id = cell(t, r, "link_id");
	}
	return new_record(c, pt, id);
}

int dir_hsds_load_row(struct dir_hsds_loader *l, int ti)
{
	struct lctx *c = &l->c;
	if (ti == HT_SERVICE)
		return !new_record(c, ti, dir_hsds_cell(&c->tab[ti], 0, 0)) ? ST_NOTFOUND
		       : dir_hsds_fresh_row(c->s, c->tab, ti, c->now, c->history, c->report);
	if (!owner_fresh(c, ti, 0))
		return ST_NOTFOUND;
	return put(c, ti, 0, 1) == ST_OK ? ST_OK : refused(c, &c->tab[ti], 0);
}

/* The evidence loop's fact table (dir_fact_refresh): a row for each offer
 * of the files, once all their lists are written, and for each stored
 * offer not in the files that a kept row of a list names. The new offers
 * are those stored after the import began (a file read record by record
 * keeps no rows of them). */
static int refresh_offer_facts(struct lctx *c)
{
	if (dir_fact_refresh_since(c->s, c->services_before) != ST_OK)
		return ST_ERR;
	struct dir_hsds_itab *t = &c->tab[HT_SERVICE];
	for (size_t r = 0; r < t->nrows; r++)
		if (!new_record(c, HT_SERVICE, dir_hsds_cell(t, r, 0)) &&
		    dir_fact_refresh(c->s, dir_hsds_cell(t, r, 0)) != ST_OK)
			return ST_ERR;
	static const int lists[] = { HT_ATTRIBUTE, HT_LANGUAGE, HT_FUNDING, HT_COST, HT_SCHEDULE };
	for (size_t i = 0; i < NELEM(lists); i++) {
		const struct dir_hsds_itab *l = &c->tab[lists[i]];
		const char *last = "";
		for (size_t r = 0; r < l->nrows; r++) {
			int attr = lists[i] == HT_ATTRIBUTE;
			const char *id = cell(l, r, attr ? "link_id" : "service_id");
			if (!*id || strcmp(id, last) == 0 || (attr && strcmp(cell(l, r, "link_entity"), "service") != 0) ||
			    dir_hsds_find(t, id) >= 0)
				continue;
			last = id;
			if (dir_fact_refresh(c->s, id) != ST_OK)
				return ST_ERR;
		}
	}
	return ST_OK;
}

int dir_hsds_load_end(struct dir_hsds_loader *l)
{
	struct lctx *c = &l->c;
	int rc = save_orgs(c);
	if (rc == ST_OK)
		rc = save_locations(c);
	if (rc == ST_OK)
		rc = save_services(c);
	if (rc == ST_OK)
		rc = each_row(c, HT_ORG, 1,
			      "UPDATE organization SET archived = coalesce(?2, archived), "
			      "merged_into = CASE WHEN ?5 THEN ?3 ELSE merged_into END, "
			      "last_modified = coalesce(?4, last_modified) WHERE id = ?1",
			      "archived", "merged_into", "last_modified");
	if (rc == ST_OK)
		rc = each_row(c, HT_SERVICE, 1,
			      "UPDATE service SET archived = coalesce(?2, archived), "
			      "merged_into = CASE WHEN ?5 THEN ?3 ELSE merged_into END WHERE id = ?1",
			      "archived", "merged_into", NULL);
	if (rc == ST_OK)
		rc = each_row(c, HT_LOCATION, 1,
			      "UPDATE location SET external_identifier = ?2, external_identifier_type = ?3 "
			      "WHERE id = ?1",
			      "external_identifier", "external_identifier_type", NULL);
	/* the lists the files hold in full replace what the saves wrote */
	if (rc == ST_OK)
		rc = each_row(c, HT_SERVICE, 1, "DELETE FROM funding WHERE service_id = ?1", NULL, NULL, NULL);
	if (rc == ST_OK)
		rc = each_row(c, HT_ORG, 1, "DELETE FROM funding WHERE organization_id = ?1 AND service_id IS NULL", NULL,
			      NULL, NULL);
	if (rc == ST_OK)
		rc = each_row(c, HT_SERVICE, 1, "DELETE FROM attribute WHERE link_entity = 'service' AND link_id = ?1",
			      NULL, NULL, NULL);
	if (rc == ST_OK)
		rc = each_row(c, HT_ORG, 1, "DELETE FROM attribute WHERE link_entity = 'organization' AND link_id = ?1",
			      NULL, NULL, NULL);
	if (rc == ST_OK)
		rc = each_row(c, HT_LOCATION, 1, "DELETE FROM attribute WHERE link_entity = 'location' AND link_id = ?1",
			      NULL, NULL, NULL);
	if (rc == ST_OK)
		rc = put_links(c);
	/* the rows of the lists written as they were read (dir_hsds_load_row)
	 * are not among these: those kept for stored records are */
	static const int rest[] = { HT_ADDRESS, HT_CONTACT, HT_PHONE, HT_SCHEDULE, HT_LANGUAGE,
				    HT_COST, HT_FUNDING, HT_AREA, HT_ATTRIBUTE, HT_TRANSLATION };
	for (size_t i = 0; i < NELEM(rest) && rc == ST_OK; i++)
		rc = put_all(c, rest[i]);
	if (rc == ST_OK)
		rc = put_history(c, c->before);
	if (rc == ST_OK)
		rc = refresh_offer_facts(c);
	return rc == ST_ERR ? ST_CONFLICT : rc;
}
