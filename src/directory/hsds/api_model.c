/* api_model.c — the queries behind the HSDS API, giving JSON trees with
 * the HSDS field names. A row becomes an object through its column names:
 * "a.b" nests b inside a, a trailing "?" makes a boolean, a trailing "!"
 * keeps an empty text (required HSDS fields), a trailing "_" is internal
 * and left out, a trailing "@" puts the role address (dir_hsds_assurer)
 * in place of a value, or leaves it out when none is set; NULL and other
 * empty texts are left out. */
#include "directory/hsds/hsds_internal.h"
#include "directory/directory.h"
#include "directory/search/search.h"
#include "core/core.h"
#include "core/log.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- rows to JSON ---- */

static void put_col(json_t *o, sqlite3_stmt *st, int i)
{
	const char *name = sqlite3_column_name(st, i);
	int type = sqlite3_column_type(st, i);
	char key[96];
	size_t n = strlen(name);
	if (type == SQLITE_NULL || n == 0 || n >= sizeof(key) || name[n - 1] == '_')
		return;
	memcpy(key, name, n + 1);
	int is_bool = key[n - 1] == '?', keep = key[n - 1] == '!', role = key[n - 1] == '@';
	if (is_bool || keep || role)
		key[n - 1] = '\0';
	if (role && !dir_hsds_assurer())
		return;
	json_t *target = o;
	char *k = key, *dot;
	while ((dot = strchr(k, '.')) != NULL) {
		*dot = '\0';
		json_t *sub = json_object_get(target, k);
		if (!json_is_object(sub)) {
			sub = json_object();
			json_object_set_new(target, k, sub);
		}
		target = sub;
		k = dot + 1;
	}
	json_t *v;
	if (role) {
		v = json_string(dir_hsds_assurer());
	} else if (is_bool) {
		v = json_boolean(sqlite3_column_int(st, i));
	} else if (type == SQLITE_INTEGER) {
		v = json_integer(sqlite3_column_int64(st, i));
	} else if (type == SQLITE_FLOAT) {
		v = json_real(sqlite3_column_double(st, i));
	} else {
		const char *t = store_col_text(st, i);
		if (!*t && !keep)
			return;
		v = json_string(t); /* NULL for invalid UTF-8: left out */
	}
	if (v)
		json_object_set_new(target, k, v);
}

struct q {
	struct store *s;
	int err;
};

/* Every row of sql (?1 = p1, ?2 = p2) as an array of objects. The rows
 * are all read before returning, so callers may nest further queries. */
static json_t *rows2(struct q *q, const char *sql, const char *p1, const char *p2)
{
	json_t *a = json_array();
	sqlite3_stmt *st = store_stmt(q->s, sql);
	if (!st) {
		q->err = 1;
		return a;
	}
	if (p1)
		sqlite3_bind_text(st, 1, p1, -1, SQLITE_TRANSIENT);
	if (p2)
		sqlite3_bind_text(st, 2, p2, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = store_step(st)) > 0) {
		json_t *o = json_object();
		for (int i = 0; i < sqlite3_column_count(st); i++)
			put_col(o, st, i);
		json_array_append_new(a, o);
	}
	if (rc != 0) {
		log_error("api query failed: %s", sqlite3_errmsg(store_db(q->s)));
		q->err = 1;
	}
	sqlite3_reset(st);
	return a;
}

static json_t *rows(struct q *q, const char *sql, const char *p1)
{
	return rows2(q, sql, p1, NULL);
}

/* The first row of sql, or NULL. */
static json_t *one_row(struct q *q, const char *sql, const char *p1, const char *p2)
{
	json_t *a = rows2(q, sql, p1, p2), *o = json_array_get(a, 0);
	json_incref(o);
	json_decref(a);
	return o;
}

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* ---- the pieces of a record ---- */

/* Nothing attached to a confidential location leaves. */
#define PUBLIC_LINKS                                                                                       \
	" AND (location_id IS NULL OR location_id NOT IN (SELECT id FROM location WHERE confidential = 1))" \
	" AND (service_at_location_id IS NULL OR service_at_location_id NOT IN (SELECT sal.id FROM "       \
	"service_at_location sal JOIN location l ON l.id = sal.location_id WHERE l.confidential = 1))"
#define LANG_PUBLIC " AND (location_id IS NULL OR location_id NOT IN (SELECT id FROM location WHERE confidential = 1))"

#define PHONE_COLS "SELECT id, number AS \"number!\", extension, type, description FROM phone WHERE "
#define CONTACT_COLS "SELECT id, name, title, department, email FROM contact WHERE "
#define SCHEDULE_COLS                                                                                  \
	"SELECT id, valid_from, valid_to, dtstart, until, freq, interval, byday, description, opens_at, " \
	"closes_at, attending_type, notes FROM schedule WHERE "
#define LANGUAGE_COLS "SELECT id, name, code, note FROM language WHERE "

static json_t *phones(struct q *q, const char *sql, const char *id)
{
	json_t *a = rows(q, sql, id), *p;
	size_t i;
	json_array_foreach(a, i, p)
		json_object_set_new(p, "languages",
				    rows(q, LANGUAGE_COLS "phone_id = ?1" LANG_PUBLIC " ORDER BY rowid", str(p, "id")));
	return a;
}

static json_t *contacts(struct q *q, const char *sql, const char *id)
{
	json_t *a = rows(q, sql, id), *c;
	size_t i;
	json_array_foreach(a, i, c)
		json_object_set_new(c, "phones",
				    phones(q, PHONE_COLS "contact_id = ?1" PUBLIC_LINKS " ORDER BY rowid", str(c, "id")));
	return a;
}

/* A public location in full, or NULL. */
static json_t *location(struct q *q, const char *id)
{
	json_t *l = one_row(q,
		"SELECT id, location_type AS \"location_type!\", url, organization_id, name, alternate_name, "
		"description, transportation, latitude, longitude, external_identifier, external_identifier_type "
		"FROM location WHERE id = ?1 AND confidential = 0",
		id, NULL);
	if (!l)
		return NULL;
	json_object_set_new(l, "languages", rows(q, LANGUAGE_COLS "location_id = ?1 ORDER BY rowid", id));
	json_object_set_new(l, "addresses",
			    rows(q, "SELECT id, attention, address_1 AS \"address_1!\", address_2, city AS \"city!\", "
				    "region, state_province AS \"state_province!\", postal_code AS \"postal_code!\", "
				    "country AS \"country!\", address_type AS \"address_type!\" FROM address "
				    "WHERE location_id = ?1 ORDER BY address_type <> 'physical', id",
				 id));
	json_object_set_new(l, "contacts", contacts(q, CONTACT_COLS "location_id = ?1 ORDER BY rowid", id));
	json_object_set_new(l, "phones", phones(q, PHONE_COLS "location_id = ?1 ORDER BY rowid", id));
	json_object_set_new(l, "schedules", rows(q, SCHEDULE_COLS "location_id = ?1 ORDER BY rowid", id));
	json_object_set_new(l, "accessibility", json_array());
	return l;
}

/* A service_at_location of a public location, with the location. */
static json_t *sal(struct q *q, const char *sal_id, const char *location_id)
{
	json_t *loc = location(q, location_id);
	if (!loc)
		return NULL;
	json_t *o = one_row(q, "SELECT id, description FROM service_at_location WHERE id = ?1", sal_id, NULL);
	if (!o) {
		json_decref(loc);
		return NULL;
	}
	json_object_set_new(o, "contacts",
			    contacts(q, CONTACT_COLS "service_at_location_id = ?1 ORDER BY rowid", sal_id));
	json_object_set_new(o, "phones", phones(q, PHONE_COLS "service_at_location_id = ?1 ORDER BY rowid", sal_id));
	json_object_set_new(o, "schedules", rows(q, SCHEDULE_COLS "service_at_location_id = ?1 ORDER BY rowid", sal_id));
	json_object_set_new(o, "location", loc);
	return o;
}

#define ATTRIBUTES                                                                                         \
	"SELECT a.id, a.link_type, a.link_entity, a.value, t.id AS \"taxonomy_term.id\", "                  \
	"t.code AS \"taxonomy_term.code\", t.name AS \"taxonomy_term.name!\", "                              \
	"t.description AS \"taxonomy_term.description!\", t.parent_id AS \"taxonomy_term.parent_id\", "    \
	"t.taxonomy AS \"taxonomy_term.taxonomy\", t.language AS \"taxonomy_term.language\", "               \
	"t.taxonomy_id AS \"taxonomy_term.taxonomy_id\", t.term_uri AS \"taxonomy_term.term_uri\", "         \
	"x.id AS \"taxonomy_term.taxonomy_detail.id\", x.name AS \"taxonomy_term.taxonomy_detail.name!\", " \
	"x.description AS \"taxonomy_term.taxonomy_detail.description!\", "                                 \
	"x.uri AS \"taxonomy_term.taxonomy_detail.uri\", x.version AS \"taxonomy_term.taxonomy_detail.version\" " \
	"FROM attribute a JOIN taxonomy_term t ON t.id = a.taxonomy_term_id "                               \
	"LEFT JOIN taxonomy x ON x.id = t.taxonomy_id "

#define SERVICE_COLS(p)                                                                                     \
	"s.id AS \"" p "id\", s.organization_id AS \"" p "organization_id\", s.name AS \"" p "name!\", "       \
	"s.alternate_name AS \"" p "alternate_name\", s.description AS \"" p "description\", "                \
	"s.url AS \"" p "url\", s.email AS \"" p "email\", s.status AS \"" p "status!\", "                     \
	"s.interpretation_services AS \"" p "interpretation_services\", "                                   \
	"s.application_process AS \"" p "application_process\", "                                          \
	"s.fees_description AS \"" p "fees_description\", "                                                 \
	"s.eligibility_description AS \"" p "eligibility_description\", "                                   \
	"s.minimum_age AS \"" p "minimum_age\", s.maximum_age AS \"" p "maximum_age\", "                       \
	"s.assured_date AS \"" p "assured_date\", " DIR_HSDS_ASSURED("s.") " AS \"" p "assurer_email@\", "                \
	"s.alert AS \"" p "alert\", s.last_modified AS \"" p "last_modified\", "                              \
	"s.free_of_charge AS \"" p "lotse.free_of_charge?\", s.capacity AS \"" p "lotse.capacity\", "          \
	"s.delivery AS \"" p "lotse.delivery\""
#define ORG_COLS(p)                                                                                          \
	"o.id AS \"" p "id\", o.name AS \"" p "name!\", o.alternate_name AS \"" p "alternate_name\", "         \
	"o.description AS \"" p "description!\", o.email AS \"" p "email\", o.website AS \"" p "website\", "   \
	"o.year_incorporated AS \"" p "year_incorporated\", o.legal_status AS \"" p "legal_status\", "         \
	"o.parent_organization_id AS \"" p "parent_organization_id\""
#define LOCATION_BRIEF(p)                                                                                    \
	"l.id AS \"" p "id\", l.location_type AS \"" p "location_type!\", l.url AS \"" p "url\", "             \
	"l.organization_id AS \"" p "organization_id\", l.name AS \"" p "name\", "                            \
	"l.alternate_name AS \"" p "alternate_name\", l.description AS \"" p "description\", "                \
	"l.transportation AS \"" p "transportation\", l.latitude AS \"" p "latitude\", "                       \
	"l.longitude AS \"" p "longitude\", l.external_identifier AS \"" p "external_identifier\", "         \
	"l.external_identifier_type AS \"" p "external_identifier_type\""

#define SERVICE_PUBLIC "s.archived = 0 AND s.merged_into IS NULL AND o.archived = 0 AND o.merged_into IS NULL"

/* o, or NULL (freed, *status = ST_ERR when status is given) when one of
 * q's queries failed. */
static json_t *checked(json_t *o, const struct q *q, int *status)
{
	if (!q->err)
		return o;
	json_decref(o);
	if (status)
		*status = ST_ERR;
	return NULL;
}

json_t *dir_hsds_api_get_service(struct store *s, arena *a, const char *id, int *status)
{
	struct q q = { .s = s };
	struct dir_service sv;
	struct dir_org org;
	*status = dir_service_get(s, a, id, "de", DIR_PUBLIC, &sv);
	if (*status == ST_OK)
		*status = dir_org_get(s, a, sv.organization_id, "de", DIR_PUBLIC, &org);
	if (*status != ST_OK)
		return NULL;
	json_t *o = one_row(&q,
		"SELECT " SERVICE_COLS("") ", " ORG_COLS("organization.") " FROM service s "
		"JOIN organization o ON o.id = s.organization_id WHERE s.id = ?1",
		sv.id, NULL);
	if (!o) {
		*status = ST_ERR;
		return NULL;
	}
	json_object_set_new(o, "phones", phones(&q, PHONE_COLS "service_id = ?1" PUBLIC_LINKS " ORDER BY rowid", sv.id));
	json_object_set_new(o, "schedules", rows(&q, SCHEDULE_COLS "service_id = ?1" PUBLIC_LINKS " ORDER BY rowid", sv.id));
	json_object_set_new(o, "service_areas",
			    rows(&q, "SELECT id, name, description, extent, extent_type, uri FROM service_area "
				     "WHERE service_id = ?1 ORDER BY rowid",
				 sv.id));
	/* the model's public read decides which locations may be shown */
	json_t *sals = json_array();
	for (size_t i = 0; i < sv.n_locations; i++) {
		json_t *link = one_row(&q, "SELECT id FROM service_at_location WHERE service_id = ?1 AND location_id = ?2",
				       sv.id, sv.locations[i].id);
		json_t *x = link ? sal(&q, str(link, "id"), sv.locations[i].id) : NULL;
		if (x)
			json_array_append_new(sals, x);
		json_decref(link);
	}
	json_object_set_new(o, "service_at_locations", sals);
	json_object_set_new(o, "languages", rows(&q, LANGUAGE_COLS "service_id = ?1" LANG_PUBLIC " ORDER BY rowid", sv.id));
	json_object_set_new(o, "funding", rows(&q, "SELECT id, source FROM funding WHERE service_id = ?1 ORDER BY rowid", sv.id));
	json_object_set_new(o, "cost_options",
			    rows(&q, "SELECT id, valid_from, valid_to, option, currency, amount, amount_description "
				     "FROM cost_option WHERE service_id = ?1 ORDER BY rowid",
				 sv.id));
	json_object_set_new(o, "required_documents", json_array());
	json_object_set_new(o, "contacts", contacts(&q, CONTACT_COLS "service_id = ?1" PUBLIC_LINKS " ORDER BY rowid", sv.id));
	json_object_set_new(o, "attributes",
			    rows(&q, ATTRIBUTES "WHERE a.link_entity = 'service' AND a.link_id = ?1 "
						"ORDER BY x.name, t.position, a.id",
				 sv.id));
	json_object_set_new(o, "metadata", json_array());
	/* lotse's extension: the offer's texts in other languages (sql/0017) */
	json_t *ext = json_object_get(o, "lotse");
	if (!ext)
		json_object_set_new(o, "lotse", ext = json_object());
	json_object_set_new(ext, "translations",
			    rows(&q, "SELECT lang AS language, name, description, application_process "
				     "FROM service_translation WHERE service_id = ?1 ORDER BY lang",
				 sv.id));
	return checked(o, &q, status);
}

json_t *dir_hsds_api_get_org(struct store *s, arena *a, const char *id, int *status)
{
	struct q q = { .s = s };
	struct dir_org org;
	*status = dir_org_get(s, a, id, "de", DIR_PUBLIC, &org);
	if (*status != ST_OK)
		return NULL;
	json_t *o = one_row(&q, "SELECT " ORG_COLS("") " FROM organization o WHERE o.id = ?1", org.id, NULL);
	if (!o) {
		*status = ST_ERR;
		return NULL;
	}
	json_object_set_new(o, "funding",
			    rows(&q, "SELECT id, source FROM funding WHERE organization_id = ?1 AND service_id IS NULL "
				     "ORDER BY rowid",
				 org.id));
	json_object_set_new(o, "contacts",
			    contacts(&q, CONTACT_COLS "organization_id = ?1 AND service_id IS NULL" PUBLIC_LINKS
						   " ORDER BY rowid",
				     org.id));
	json_object_set_new(o, "phones",
			    phones(&q, PHONE_COLS "organization_id = ?1 AND service_id IS NULL" PUBLIC_LINKS
					      " ORDER BY rowid",
				   org.id));
	json_t *locs = json_array();
	for (size_t i = 0; i < org.n_locations; i++) {
		json_t *l = location(&q, org.locations[i].id);
		if (l)
			json_array_append_new(locs, l);
	}
	json_object_set_new(o, "locations", locs);
	json_object_set_new(o, "programs", json_array());
	json_object_set_new(o, "organization_identifiers", json_array());
	json_object_set_new(o, "services",
			    rows(&q, "SELECT " SERVICE_COLS("") " FROM service s WHERE s.organization_id = ?1 "
				     "AND s.archived = 0 AND s.merged_into IS NULL ORDER BY s.name, s.id",
				 org.id));
	json_object_set_new(o, "attributes",
			    rows(&q, ATTRIBUTES "WHERE a.link_entity = 'organization' AND a.link_id = ?1 "
						"ORDER BY x.name, t.position, a.id",
				 org.id));
	json_object_set_new(o, "metadata", json_array());
	return checked(o, &q, status);
}

json_t *dir_hsds_api_get_sal(struct store *s, arena *a, const char *id, int *status)
{
	struct q q = { .s = s };
	json_t *link = one_row(&q,
		"SELECT sal.service_id, sal.location_id FROM service_at_location sal "
		"JOIN location l ON l.id = sal.location_id WHERE sal.id = ?1 AND l.confidential = 0",
		id, NULL);
	if (!link) {
		*status = q.err ? ST_ERR : ST_NOTFOUND;
		return NULL;
	}
	json_t *svc = dir_hsds_api_get_service(s, a, str(link, "service_id"), status);
	json_t *o = svc ? sal(&q, id, str(link, "location_id")) : NULL;
	json_decref(link);
	if (!o) {
		json_decref(svc);
		if (*status == ST_OK)
			*status = q.err ? ST_ERR : ST_NOTFOUND;
		return NULL;
	}
	json_object_del(svc, "service_at_locations");
	json_object_set_new(o, "service", svc);
	return checked(o, &q, status);
}

#define TAXONOMY_SQL "SELECT id, name AS \"name!\", description AS \"description!\", uri, version FROM taxonomy "
#define TERM_SQL                                                                                         \
	"SELECT t.id, t.code, t.name AS \"name!\", t.description AS \"description!\", t.parent_id, "       \
	"t.taxonomy, t.language, t.taxonomy_id, t.term_uri, x.id AS \"taxonomy_detail.id\", "             \
	"x.name AS \"taxonomy_detail.name!\", x.description AS \"taxonomy_detail.description!\", "         \
	"x.uri AS \"taxonomy_detail.uri\", x.version AS \"taxonomy_detail.version\" "                      \
	"FROM taxonomy_term t LEFT JOIN taxonomy x ON x.id = t.taxonomy_id "

json_t *dir_hsds_api_get_taxonomy(struct store *s, const char *id, int *status)
{
	struct q q = { .s = s };
	json_t *o = one_row(&q, TAXONOMY_SQL "WHERE id = ?1", id, NULL);
	*status = o ? ST_OK : q.err ? ST_ERR : ST_NOTFOUND;
	return o;
}

json_t *dir_hsds_api_get_term(struct store *s, const char *id, int *status)
{
	struct q q = { .s = s };
	json_t *o = one_row(&q, TERM_SQL "WHERE t.id = ?1", id, NULL);
	*status = o ? ST_OK : q.err ? ST_ERR : ST_NOTFOUND;
	return o;
}

/* ---- lists ---- */

/* Bind the filter's parameters as the list queries name them. */
static void bind_filter(sqlite3_stmt *st, const struct dir_hsds_api_filter *f)
{
	const char *text[] = { f->hits, f->taxonomy_term_id, f->taxonomy_id, f->organization_id,
			       f->modified_after, f->proximity < 0 ? f->postcode : NULL };
	for (int i = 0; i < 6; i++)
		if (text[i])
			sqlite3_bind_text(st, i + 1, text[i], -1, SQLITE_STATIC);
	if (f->proximity >= 0) {
		sqlite3_bind_int64(st, 7, f->proximity);
		sqlite3_bind_double(st, 8, f->lat);
		sqlite3_bind_double(st, 9, f->lon);
		sqlite3_bind_double(st, 10, 111195.0 * cos(f->lat * M_PI / 180));
	}
	sqlite3_bind_int64(st, 11, f->per_page);
	sqlite3_bind_int64(st, 12, (f->page - 1) * f->per_page);
}

/* Squared metres between (lat, lon) and the centre ?8, ?9 (?10: metres
 * per degree of longitude there): flat-earth, fine within a region. */
#define D2(lat, lon)                                                                              \
	"(((" lat ") - ?8) * 111195.0) * (((" lat ") - ?8) * 111195.0) + "                          \
	"(((" lon ") - ?9) * ?10) * (((" lon ") - ?9) * ?10)"

/* The filters as sets computed once (not per row), so that a filter on
 * 100,000 offers stays one pass over them. */
#define SERVICE_FILTERS                                                                                  \
	" AND (?1 IS NULL OR s.id IN (SELECT value FROM json_each(?1)))"                                   \
	" AND (?2 IS NULL OR s.id IN (SELECT link_id FROM attribute WHERE link_entity = 'service' "        \
	"AND taxonomy_term_id = ?2))"                                                                      \
	" AND (?3 IS NULL OR s.id IN (SELECT at.link_id FROM attribute at JOIN taxonomy_term t "           \
	"ON t.id = at.taxonomy_term_id WHERE at.link_entity = 'service' AND t.taxonomy_id = ?3))"          \
	" AND (?4 IS NULL OR s.organization_id = ?4)"                                                      \
	" AND (?5 IS NULL OR s.last_modified >= ?5)"
#define RANK(sid) \
	"CASE WHEN ?1 IS NULL THEN NULL ELSE (SELECT CAST(key AS INTEGER) FROM json_each(?1) WHERE value = " sid ") END"
/* public locations within ?7 metres of the centre */
#define NEAR(l) \
	l ".confidential = 0 AND " l ".latitude IS NOT NULL AND " l ".longitude IS NOT NULL AND " \
	D2(l ".latitude", l ".longitude") " <= ?7 * ?7"

#define SERVICES_FROM                                                                                     \
	"FROM service s JOIN organization o ON o.id = s.organization_id WHERE " SERVICE_PUBLIC SERVICE_FILTERS \
	" AND (?6 IS NULL OR s.id IN (SELECT sal.service_id FROM address ad JOIN location l "              \
	"ON l.id = ad.location_id JOIN service_at_location sal ON sal.location_id = l.id "                 \
	"WHERE l.confidential = 0 AND ad.postal_code = ?6))"                                               \
	" AND (?7 IS NULL OR s.id IN (SELECT sal.service_id FROM location l JOIN service_at_location sal "  \
	"ON sal.location_id = l.id WHERE " NEAR("l") "))"
/* the distance of an offer: its nearest public location */
#define SERVICE_D2                                                                                        \
	"CASE WHEN ?7 IS NULL THEN NULL ELSE (SELECT min(" D2("l.latitude", "l.longitude") ") "             \
	"FROM service_at_location sal JOIN location l ON l.id = sal.location_id WHERE sal.service_id = s.id " \
	"AND l.confidential = 0 AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL) END"

/* Each item of a page by its id (row_sql, ?1), with lotse.distance_m
 * from its d2. */
static json_t *item_rows(struct store *s, const struct dir_hsds_item *item, size_t n, const char *row_sql)
{
	json_t *a = json_array();
	struct q q = { .s = s };
	for (size_t i = 0; i < n; i++) {
		json_t *o = one_row(&q, row_sql, item[i].id, NULL);
		if (!o)
			continue;
		if (item[i].has_d2) {
			json_t *x = json_object_get(o, "lotse");
			if (!x)
				json_object_set_new(o, "lotse", x = json_object());
			json_object_set_new(x, "distance_m", json_integer((json_int_t)lround(sqrt(item[i].d2))));
		}
		json_array_append_new(a, o);
	}
	return checked(a, &q, NULL);
}

/* A page in two steps: the ids in order (ids_sql: id, d2_), then each
 * item by its id (row_sql, ?1), with lotse.distance_m from d2_. */
static json_t *page_rows(struct store *s, const char *ids_sql, const char *row_sql, const struct dir_hsds_api_filter *f)
{
	sqlite3_stmt *st = store_stmt(s, ids_sql);
	if (!st)
		return NULL;
	bind_filter(st, f);
	struct dir_hsds_item item[100];
	size_t n = 0;
	int rc;
	while (n < 100 && (rc = store_step(st)) > 0) {
		snprintf(item[n].id, sizeof(item[n].id), "%s", store_col_text(st, 0));
		item[n].has_d2 = sqlite3_column_type(st, 1) != SQLITE_NULL;
		item[n].d2 = sqlite3_column_double(st, 1);
		n++;
	}
	sqlite3_reset(st);
	if (n < 100 && rc != 0) {
		log_error("api list failed: %s", sqlite3_errmsg(store_db(s)));
		return NULL;
	}
	return item_rows(s, item, n, row_sql);
}

/* The page from the order in memory (api_cache.c); *done = 0 when it is
 * not to be had (then SQL answers). NULL on an error. */
static json_t *cached_rows(struct store *s, const struct dir_hsds_api_filter *f, int sals, const char *row_sql,
			   long *total, int *done)
{
	struct dir_hsds_item item[100];
	size_t n = 0;
	*done = 0;
	if (f->per_page > 100)
		return NULL;
	int rc = dir_hsds_cache_page(s, f, sals, item, &n, total);
	if (rc == ST_NOTFOUND)
		return NULL;
	*done = 1;
	return rc == ST_OK ? item_rows(s, item, n, row_sql) : NULL;
}

static int count_rows(struct store *s, const char *sql, const struct dir_hsds_api_filter *f, long *total)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	if (!st)
		return ST_ERR;
	bind_filter(st, f);
	int rc = store_step(st);
	*total = rc > 0 ? (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : ST_ERR;
}

#define SERVICE_ROW                                                                             \
	"SELECT " SERVICE_COLS("") ", " ORG_COLS("organization.") " FROM service s "                 \
	"JOIN organization o ON o.id = s.organization_id WHERE s.id = ?1 AND " SERVICE_PUBLIC

/* A text search alone: the finder's page, best first. */
static json_t *searched_services(struct store *s, const struct dir_hsds_api_filter *f, long *total)
{
	struct dir_search_query dq = { .q = f->text, .age = -1, .page = (int)f->page, .per_page = (int)f->per_page };
	struct dir_search_result res;
	if (dir_search(s, f->a, &dq, f->lang, &res) != ST_OK)
		return NULL;
	*total = (long)res.total;
	struct q q = { .s = s };
	json_t *a = json_array();
	for (size_t i = 0; i < res.n_hits; i++) {
		json_t *o = one_row(&q, SERVICE_ROW, res.hits[i].id, NULL);
		if (o)
			json_array_append_new(a, o);
	}
	return checked(a, &q, NULL);
}

/* No filter at all: the whole list in name order. Its own statements
 * (same order, same rows) let SQLite read the page from the index
 * service_list instead of sorting every offer for each page. */
static int unfiltered(const struct dir_hsds_api_filter *f)
{
	return !f->hits && !f->taxonomy_term_id && !f->taxonomy_id && !f->organization_id && !f->modified_after &&
	       !f->postcode && f->proximity < 0;
}

#define PUBLIC_SERVICES \
	"FROM service s JOIN organization o ON o.id = s.organization_id WHERE " SERVICE_PUBLIC

json_t *dir_hsds_api_list_services(struct store *s, const struct dir_hsds_api_filter *f, long *total)
{
	if (f->text)
		return searched_services(s, f, total);
	int done;
	json_t *cached = cached_rows(s, f, 0, SERVICE_ROW, total, &done);
	if (done)
		return cached;
	if (unfiltered(f)) {
		if (count_rows(s, "SELECT count(*) " PUBLIC_SERVICES, f, total) != ST_OK)
			return NULL;
		return page_rows(s, "SELECT s.id, NULL " PUBLIC_SERVICES " ORDER BY s.name, s.id LIMIT ?11 OFFSET ?12",
				 SERVICE_ROW, f);
	}
	if (count_rows(s, "SELECT count(*) " SERVICES_FROM, f, total) != ST_OK)
		return NULL;
	return page_rows(s,
		"SELECT s.id, " SERVICE_D2 " AS d2_ " SERVICES_FROM " ORDER BY " RANK("s.id") ", d2_, s.name, s.id "
		"LIMIT ?11 OFFSET ?12",
		SERVICE_ROW, f);
}

#define SALS_FROM                                                                                           \
	"FROM service_at_location sal JOIN location l ON l.id = sal.location_id JOIN service s "               \
	"ON s.id = sal.service_id JOIN organization o ON o.id = s.organization_id WHERE l.confidential = 0 "   \
	"AND " SERVICE_PUBLIC SERVICE_FILTERS                                                                  \
	" AND (?6 IS NULL OR l.id IN (SELECT location_id FROM address WHERE postal_code = ?6))"               \
	" AND (?7 IS NULL OR (" NEAR("l") "))"
#define SAL_D2 "CASE WHEN ?7 IS NULL THEN NULL ELSE " D2("l.latitude", "l.longitude") " END"

#define SAL_ROW                                                                                              \
	"SELECT sal.id, sal.service_id, sal.location_id, sal.description, " LOCATION_BRIEF("location.") ", "      \
	SERVICE_COLS("service.") ", " ORG_COLS("service.organization.") " FROM service_at_location sal "         \
	"JOIN location l ON l.id = sal.location_id JOIN service s ON s.id = sal.service_id "                     \
	"JOIN organization o ON o.id = s.organization_id WHERE sal.id = ?1"

json_t *dir_hsds_api_list_sals(struct store *s, const struct dir_hsds_api_filter *f, long *total)
{
	int done;
	json_t *cached = cached_rows(s, f, 1, SAL_ROW, total, &done);
	if (done)
		return cached;
	if (unfiltered(f)) {
		/* the public offers once as a set, not a service row per link */
		if (count_rows(s, "SELECT count(*) FROM service_at_location sal JOIN location l ON l.id = "
				  "sal.location_id WHERE l.confidential = 0 AND sal.service_id IN (SELECT s.id "
				  PUBLIC_SERVICES ")", f, total) != ST_OK)
			return NULL;
		/* offers in name order from the index; only each offer's links are sorted */
		return page_rows(s,
			"SELECT sal.id, NULL FROM service s JOIN organization o ON o.id = s.organization_id "
			"JOIN service_at_location sal ON sal.service_id = s.id JOIN location l ON l.id = sal.location_id "
			"WHERE " SERVICE_PUBLIC " AND l.confidential = 0 ORDER BY s.name, s.id, l.name, sal.id "
			"LIMIT ?11 OFFSET ?12",
			SAL_ROW, f);
	}
	if (count_rows(s, "SELECT count(*) " SALS_FROM, f, total) != ST_OK)
		return NULL;
	return page_rows(s,
		"SELECT sal.id, " SAL_D2 " AS d2_ " SALS_FROM " ORDER BY " RANK("s.id") ", d2_, s.name, s.id, l.name, "
		"sal.id LIMIT ?11 OFFSET ?12",
		SAL_ROW, f);
}

/* Lists with a name search (?1 LIKE pattern) and up to three more texts. */
static json_t *simple_list(struct store *s, const char *count_sql, const char *sql, const struct dir_hsds_api_filter *f,
			   const char *p2, const char *p3, int p4, long *total)
{
	sqlite3_stmt *st;
	for (int pass = 0; pass < 2; pass++) {
		st = store_stmt(s, pass ? sql : count_sql);
		if (!st)
			return NULL;
		if (f->like)
			sqlite3_bind_text(st, 1, f->like, -1, SQLITE_STATIC);
		if (p2)
			sqlite3_bind_text(st, 2, p2, -1, SQLITE_STATIC);
		if (p3)
			sqlite3_bind_text(st, 3, p3, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, p4);
		sqlite3_bind_int64(st, 5, f->per_page);
		sqlite3_bind_int64(st, 6, (f->page - 1) * f->per_page);
		if (pass == 0) {
			int rc = store_step(st);
			*total = rc > 0 ? (long)sqlite3_column_int64(st, 0) : 0;
			sqlite3_reset(st);
			if (rc <= 0)
				return NULL;
		}
	}
	json_t *a = json_array();
	int rc;
	while ((rc = store_step(st)) > 0) {
		json_t *o = json_object();
		for (int i = 0; i < sqlite3_column_count(st); i++)
			put_col(o, st, i);
		json_array_append_new(a, o);
	}
	sqlite3_reset(st);
	if (rc != 0) {
		json_decref(a);
		return NULL;
	}
	return a;
}

#define ORG_WHERE                                                                               \
	"FROM organization o WHERE o.archived = 0 AND o.merged_into IS NULL AND (?1 IS NULL OR "   \
	"o.name LIKE ?1 ESCAPE '\\' OR o.alternate_name LIKE ?1 ESCAPE '\\' OR "                   \
	"o.description LIKE ?1 ESCAPE '\\') "

json_t *dir_hsds_api_list_orgs(struct store *s, const struct dir_hsds_api_filter *f, long *total)
{
	return simple_list(s, "SELECT count(*) " ORG_WHERE,
			   "SELECT " ORG_COLS("") " " ORG_WHERE "ORDER BY o.name, o.id LIMIT ?5 OFFSET ?6", f, NULL,
			   NULL, 0, total);
}

#define TAXONOMY_WHERE \
	"WHERE (?1 IS NULL OR name LIKE ?1 ESCAPE '\\') "

json_t *dir_hsds_api_list_taxonomies(struct store *s, const struct dir_hsds_api_filter *f, long *total)
{
	return simple_list(s, "SELECT count(*) FROM taxonomy " TAXONOMY_WHERE,
			   TAXONOMY_SQL TAXONOMY_WHERE "ORDER BY name, id LIMIT ?5 OFFSET ?6", f, NULL, NULL, 0, total);
}

#define TERM_WHERE                                                                                        \
	"WHERE (?1 IS NULL OR t.name LIKE ?1 ESCAPE '\\') AND (?2 IS NULL OR t.taxonomy_id = ?2) AND "      \
	"(?3 IS NULL OR t.parent_id = ?3) AND (?4 = 0 OR t.parent_id IS NULL) "

json_t *dir_hsds_api_list_terms(struct store *s, const struct dir_hsds_api_filter *f, long *total)
{
	return simple_list(s, "SELECT count(*) FROM taxonomy_term t " TERM_WHERE,
			   TERM_SQL TERM_WHERE "ORDER BY x.name, t.position, t.name, t.id LIMIT ?5 OFFSET ?6", f,
			   f->taxonomy_id, f->parent_id, f->top_only, total);
}

/* ---- search and places ---- */

const char *dir_hsds_api_search_hits(struct store *s, arena *a, const char *text, const char *lang, size_t max)
{
	json_t *ids = json_array();
	struct dir_search_query q = { .q = text, .age = -1, .per_page = 100 };
	for (q.page = 1;; q.page++) {
		struct dir_search_result res;
		if (dir_search(s, a, &q, lang, &res) != ST_OK) {
			json_decref(ids);
			return NULL;
		}
		for (size_t i = 0; i < res.n_hits && json_array_size(ids) < max; i++)
			json_array_append_new(ids, json_string(res.hits[i].id));
		if (res.n_hits == 0 || json_array_size(ids) >= max || json_array_size(ids) >= res.total)
			break;
	}
	char *txt = json_dumps(ids, JSON_COMPACT);
	const char *out = txt ? arena_strdup(a, txt) : NULL;
	free(txt);
	json_decref(ids);
	return out;
}

int dir_hsds_api_postcode(struct store *s, const char *code, double *lat, double *lon)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT latitude, longitude FROM postcode WHERE code = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc = store_step(st);
	if (rc > 0) {
		*lat = sqlite3_column_double(st, 0);
		*lon = sqlite3_column_double(st, 1);
	}
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : rc == 0 ? ST_NOTFOUND : ST_ERR;
}
