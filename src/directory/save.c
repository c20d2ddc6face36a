/* save.c — writing offers, providers and locations, with the change log
 * (HSDS metadata: who changed which field from what to what). */
#include "directory/directory.h"
#include "core/buf.h"
#include "core/core.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ---- */

/* Text that is empty is stored as NULL (an unset optional field). */
static void bind_null_text(sqlite3_stmt *st, int i, const char *v)
{
	store_bind_opt(st, i, v && *v ? v : NULL);
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* The id of a child row: its own when it has a valid one, else a new one. */
static const char *child_id(const char *id, char fresh[37])
{
	if (dir_is_uuid(id))
		return id;
	dir_uuid(fresh);
	return fresh;
}

int dir_log_change(struct store *s, const char *id, const char *resource_id, const char *type,
		   const char *action, const char *field, const char *before, const char *after, const char *who)
{
	char fresh[37];
	if (!id) {
		dir_uuid(fresh);
		id = fresh;
	}
	/* OR IGNORE: no statement journal per row (the import writes one per
	 * record); a row not inserted is the conflict a plain INSERT reports */
	sqlite3_stmt *st = store_stmt(s,
		"INSERT OR IGNORE INTO metadata(id, resource_id, resource_type, last_action_type, field_name, "
		"previous_value, replacement_value, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, id);
	store_bind_str(st, 2, resource_id);
	store_bind_str(st, 3, type);
	store_bind_str(st, 4, action);
	store_bind_str(st, 5, field);
	store_bind_str(st, 6, before);
	store_bind_str(st, 7, after);
	store_bind_str(st, 8, who);
	int rc = store_exec_stmt(s, st);
	if (rc == ST_OK && sqlite3_changes(store_db(s)) != 1)
		rc = ST_CONFLICT;
	return rc;
}

/* The stored version of the record id, read by sql (one column):
 * ST_OK, ST_NOTFOUND or ST_ERR. */
static int stored_version(struct store *s, const char *sql, const char *id, int64_t *out)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, id);
	return store_one_int64(st, out);
}

/* DIR_STALE when the edit was made from a version (want, 0: unchecked)
 * other than the stored one (have), else ST_OK. */
static int check_version(int64_t want, int64_t have)
{
	return want && want != have ? DIR_STALE : ST_OK;
}

/* Log field when its value changed (both may be NULL). */
static int diff(struct store *s, const char *rid, const char *type, const char *who, const char *field,
		const char *before, const char *after)
{
	if (strcmp(or_empty(before), or_empty(after)) == 0)
		return ST_OK;
	return dir_log_change(s, NULL, rid, type, "update", field, or_empty(before), or_empty(after), who);
}

static const char *num(arena *a, int v)
{
	return v < 0 ? "" : arena_printf(a, "%d", v);
}

/* A list as one line of text for the change log. */
#define SUMMARY(a, list, n, expr)                                      \
	({                                                             \
		buf b_;                                                \
		buf_init(&b_, 0);                                      \
		for (size_t i_ = 0; i_ < (n); i_++) {                  \
			__typeof__(&(list)[0]) x = &(list)[i_];        \
			if (i_)                                        \
				buf_puts(&b_, "; ");                   \
			buf_puts(&b_, or_empty(expr));                 \
		}                                                      \
		const char *s_ = arena_strdup((a), buf_str(&b_));      \
		buf_free(&b_);                                         \
		s_;                                                    \
	})

/* Saves by the importer (updated_by "import") keep the source's ids and
 * modification times. */
static int is_import(const char *who)
{
	return who && strcmp(who, "import") == 0;
}

static int delete_children(struct store *s, const char *service_id)
{
	static const char *const sql[] = {
		"DELETE FROM service_at_location WHERE service_id = ?",
		"DELETE FROM phone WHERE service_id = ?",
		"DELETE FROM contact WHERE service_id = ?",
		"DELETE FROM schedule WHERE service_id = ?",
		"DELETE FROM language WHERE service_id = ?",
		"DELETE FROM cost_option WHERE service_id = ?",
		"DELETE FROM funding WHERE service_id = ?",
		"DELETE FROM service_area WHERE service_id = ?",
		"DELETE FROM attribute WHERE link_entity = 'service' AND link_id = ?",
	};
	for (size_t i = 0; i < NELEM(sql); i++) {
		sqlite3_stmt *st = store_stmt(s, sql[i]);
		if (!st)
			return ST_ERR;
		store_bind_str(st, 1, service_id);
		if (store_exec_stmt(s, st) != ST_OK)
			return ST_ERR;
	}
	return ST_OK;
}

/* One value of an INSERT: text ("" for NULL), text or SQL NULL when
 * empty, an optional integer (-1 = NULL) or an optional number. */
struct val {
	enum { V_TEXT, V_OPT_TEXT, V_OPT_INT, V_OPT_NUM } kind;
	const char *text;
	double num;
	int has;
};
#define TEXT(v) { V_TEXT, (v), 0, 1 }
#define OPT_TEXT(v) { V_OPT_TEXT, (v), 0, 1 }
#define OPT_INT(v) { V_OPT_INT, NULL, (v), (v) >= 0 }
#define OPT_NUM(v, has_) { V_OPT_NUM, NULL, (v), (has_) }

/* Run the INSERT sql with the values v[0..n) bound in order. */
static int insert_row(struct store *s, const char *sql, const struct val *v, size_t n)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	if (!st)
		return ST_ERR;
	for (size_t i = 0; i < n; i++) {
		int col = (int)i + 1;
		switch (v[i].kind) {
		case V_TEXT: store_bind_str(st, col, v[i].text); break;
		case V_OPT_TEXT: bind_null_text(st, col, v[i].text); break;
		case V_OPT_INT: store_bind_int_opt(st, col, v[i].has ? (int)v[i].num : -1); break;
		case V_OPT_NUM:
			if (v[i].has)
				sqlite3_bind_double(st, col, v[i].num);
			break;
		}
	}
	return store_exec_stmt(s, st);
}

static const char *or_default(const char *v, const char *fallback)
{
	return v && *v ? v : fallback;
}

/* Phones, contacts and taxonomy terms of an owner (an offer or a
 * provider); sql names the owner's column. */
static int insert_phones(struct store *s, const char *sql, const char *owner, const struct dir_phone *p, size_t n)
{
	char fresh[37];
	int rc = ST_OK;
	for (size_t i = 0; i < n && rc == ST_OK; i++) {
		const struct val v[] = { TEXT(child_id(p[i].id, fresh)), TEXT(owner), TEXT(p[i].number),
					 TEXT(p[i].extension), TEXT(or_default(p[i].type, "voice")),
					 TEXT(p[i].description) };
		rc = insert_row(s, sql, v, NELEM(v));
	}
	return rc;
}

static int insert_contacts(struct store *s, const char *sql, const char *owner, const struct dir_contact *c,
			   size_t n)
{
	char fresh[37];
	int rc = ST_OK;
	for (size_t i = 0; i < n && rc == ST_OK; i++) {
		const struct val v[] = { TEXT(child_id(c[i].id, fresh)), TEXT(owner), TEXT(c[i].name),
					 TEXT(c[i].title), TEXT(c[i].department), TEXT(c[i].email) };
		rc = insert_row(s, sql, v, NELEM(v));
	}
	return rc;
}

static int insert_terms(struct store *s, const char *sql, const char *owner, const struct dir_term *t, size_t n)
{
	char fresh[37];
	int rc = ST_OK;
	for (size_t i = 0; i < n && rc == ST_OK; i++) {
		dir_uuid(fresh);
		const struct val v[] = { TEXT(fresh), TEXT(owner), TEXT(t[i].id) };
		rc = insert_row(s, sql, v, NELEM(v));
	}
	return rc;
}

static int insert_children(struct store *s, const struct dir_service *sv, const char *id)
{
	char fresh[37];
	int rc = ST_OK;
	for (size_t i = 0; i < sv->n_locations && rc == ST_OK; i++) {
		dir_uuid(fresh);
		const struct val v[] = { TEXT(fresh), TEXT(id), TEXT(sv->locations[i].id) };
		rc = insert_row(s, "INSERT INTO service_at_location(id, service_id, location_id) VALUES (?, ?, ?)",
				v, NELEM(v));
	}
	if (rc == ST_OK)
		rc = insert_phones(s, "INSERT INTO phone(id, service_id, number, extension, type, description) "
				      "VALUES (?, ?, ?, ?, ?, ?)", id, sv->phones, sv->n_phones);
	if (rc == ST_OK)
		rc = insert_contacts(s, "INSERT INTO contact(id, service_id, name, title, department, email) "
					"VALUES (?, ?, ?, ?, ?, ?)", id, sv->contacts, sv->n_contacts);
	for (size_t i = 0; i < sv->n_schedules && rc == ST_OK; i++) {
		const struct dir_schedule *x = &sv->schedules[i];
		const struct val v[] = { TEXT(child_id(x->id, fresh)), TEXT(id), OPT_TEXT(x->valid_from),
					 OPT_TEXT(x->valid_to), OPT_TEXT(x->dtstart), OPT_TEXT(x->until),
					 OPT_TEXT(x->freq), OPT_INT(x->interval), TEXT(x->byday),
					 OPT_TEXT(x->opens_at), OPT_TEXT(x->closes_at), TEXT(x->description),
					 TEXT(x->attending_type), TEXT(x->notes) };
		rc = insert_row(s, "INSERT INTO schedule(id, service_id, valid_from, valid_to, dtstart, until, "
				   "freq, interval, byday, opens_at, closes_at, description, attending_type, notes) "
				   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", v, NELEM(v));
	}
	for (size_t i = 0; i < sv->n_languages && rc == ST_OK; i++) {
		const struct dir_language *x = &sv->languages[i];
		const struct val v[] = { TEXT(child_id(x->id, fresh)), TEXT(id), TEXT(x->code), TEXT(x->name),
					 TEXT(x->note) };
		rc = insert_row(s, "INSERT INTO language(id, service_id, code, name, note) VALUES (?, ?, ?, ?, ?)",
				v, NELEM(v));
	}
	for (size_t i = 0; i < sv->n_costs && rc == ST_OK; i++) {
		const struct dir_cost *x = &sv->costs[i];
		const struct val v[] = { TEXT(child_id(x->id, fresh)), TEXT(id), OPT_TEXT(x->valid_from),
					 OPT_TEXT(x->valid_to), TEXT(x->option), TEXT(or_default(x->currency, "EUR")),
					 OPT_NUM(x->amount, x->has_amount), TEXT(x->amount_description) };
		rc = insert_row(s, "INSERT INTO cost_option(id, service_id, valid_from, valid_to, option, currency, "
				   "amount, amount_description) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", v, NELEM(v));
	}
	for (size_t i = 0; i < sv->n_funding && rc == ST_OK; i++) {
		dir_uuid(fresh);
		const struct val v[] = { TEXT(fresh), TEXT(id), TEXT(sv->funding[i]) };
		rc = insert_row(s, "INSERT INTO funding(id, service_id, source) VALUES (?, ?, ?)", v, NELEM(v));
	}
	for (size_t i = 0; i < sv->n_areas && rc == ST_OK; i++) {
		const struct dir_area *x = &sv->areas[i];
		const struct val v[] = { TEXT(child_id(x->id, fresh)), TEXT(id), TEXT(x->name), TEXT(x->description),
					 TEXT(x->extent), TEXT(x->extent_type), TEXT(x->uri) };
		rc = insert_row(s, "INSERT INTO service_area(id, service_id, name, description, extent, "
				   "extent_type, uri) VALUES (?, ?, ?, ?, ?, ?, ?)", v, NELEM(v));
	}
	if (rc == ST_OK)
		rc = insert_terms(s, "INSERT OR IGNORE INTO attribute(id, link_id, taxonomy_term_id, link_entity) "
				     "VALUES (?, ?, ?, 'service')", id, sv->terms, sv->n_terms);
	return rc;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The ids of terms as one line, sorted (their order means nothing). */
static const char *term_ids(arena *a, const struct dir_term *t, size_t n)
{
	const char **v = arena_alloc(a, (n + 1) * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = or_empty(t[i].id);
	qsort(v, n, sizeof(*v), cmp_str);
	buf b;
	buf_init(&b, 0);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(&b, "; ");
		buf_puts(&b, v[i]);
	}
	const char *out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

struct logged_field {
	const char *field, *before, *after;
};

#define SERVICE_FIELDS 28

/* The fields of an offer the change log compares, old beside sv, into f;
 * returns their number. */
static size_t service_fields(arena *a, const struct dir_service *old, const struct dir_service *sv,
			     struct logged_field f[SERVICE_FIELDS])
{
	const struct logged_field v[] = {
		{ "organization_id", old->organization_id, sv->organization_id },
		{ "name", old->name, sv->name },
		{ "alternate_name", old->alternate_name, sv->alternate_name },
		{ "description", old->description, sv->description },
		{ "url", old->url, sv->url },
		{ "email", old->email, sv->email },
		{ "status", old->status, sv->status },
		{ "interpretation_services", old->interpretation_services, sv->interpretation_services },
		{ "application_process", old->application_process, sv->application_process },
		{ "fees_description", old->fees_description, sv->fees_description },
		{ "free_of_charge", num(a, old->free_of_charge), num(a, sv->free_of_charge) },
		{ "eligibility_description", old->eligibility_description, sv->eligibility_description },
		{ "minimum_age", num(a, old->minimum_age), num(a, sv->minimum_age) },
		{ "maximum_age", num(a, old->maximum_age), num(a, sv->maximum_age) },
		{ "capacity", num(a, old->capacity), num(a, sv->capacity) },
		{ "delivery", old->delivery, sv->delivery },
		{ "assured_date", old->assured_date, sv->assured_date },
		{ "assurer_email", old->assurer_email, sv->assurer_email },
		{ "alert", old->alert, sv->alert },
		{ "locations", SUMMARY(a, old->locations, old->n_locations, x->id),
		  SUMMARY(a, sv->locations, sv->n_locations, x->id) },
		{ "phones", SUMMARY(a, old->phones, old->n_phones, x->number),
		  SUMMARY(a, sv->phones, sv->n_phones, x->number) },
		{ "contacts", SUMMARY(a, old->contacts, old->n_contacts, arena_printf(a, "%s <%s>", or_empty(x->name), or_empty(x->email))),
		  SUMMARY(a, sv->contacts, sv->n_contacts, arena_printf(a, "%s <%s>", or_empty(x->name), or_empty(x->email))) },
		{ "schedules", SUMMARY(a, old->schedules, old->n_schedules, x->description),
		  SUMMARY(a, sv->schedules, sv->n_schedules, x->description) },
		{ "languages", SUMMARY(a, old->languages, old->n_languages, x->code),
		  SUMMARY(a, sv->languages, sv->n_languages, x->code) },
		{ "cost_options", SUMMARY(a, old->costs, old->n_costs, x->option),
		  SUMMARY(a, sv->costs, sv->n_costs, x->option) },
		{ "funding", SUMMARY(a, old->funding, old->n_funding, *x), SUMMARY(a, sv->funding, sv->n_funding, *x) },
		{ "service_areas", SUMMARY(a, old->areas, old->n_areas, x->name), SUMMARY(a, sv->areas, sv->n_areas, x->name) },
		{ "taxonomy_terms", term_ids(a, old->terms, old->n_terms), term_ids(a, sv->terms, sv->n_terms) },
	};
	_Static_assert(NELEM(v) == SERVICE_FIELDS, "SERVICE_FIELDS is the number of logged fields");
	memcpy(f, v, sizeof(v));
	return NELEM(v);
}

/* Log the differences between the stored offer old (NULL: new) and sv. */
static int log_service(struct store *s, arena *a, const struct dir_service *old, const struct dir_service *sv,
		       const char *id, const char *who)
{
	if (!old)
		return dir_log_change(s, NULL, id, "service", "create", "", "", sv->name, who);
	struct logged_field f[SERVICE_FIELDS];
	size_t n = service_fields(a, old, sv, f);
	for (size_t i = 0; i < n; i++)
		if (diff(s, id, "service", who, f[i].field, f[i].before, f[i].after) != ST_OK)
			return ST_ERR;
	return ST_OK;
}

size_t dir_service_differs(const struct dir_service *old, const struct dir_service *sv)
{
	arena *a = arena_new();
	struct logged_field f[SERVICE_FIELDS];
	size_t n = service_fields(a, old, sv, f), k = 0;
	for (size_t i = 0; i < n; i++)
		k += strcmp(or_empty(f[i].before), or_empty(f[i].after)) != 0;
	arena_free(a);
	return k;
}

/* The columns of a service row besides its id, and their values (?1 is
 * the id): the one list for the insert and the update. */
#define SERVICE_COLS                                                                                   \
	"organization_id, name, alternate_name, description, url, email, status, "                     \
	"interpretation_services, application_process, fees_description, free_of_charge, "           \
	"eligibility_description, minimum_age, maximum_age, capacity, delivery, assured_date, "        \
	"assurer_email, alert, last_modified"
#define SERVICE_VALS                                                                                   \
	"?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "    \
	"coalesce(?21, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"

int dir_service_write_row(struct store *s, const struct dir_service *sv, const char *id,
			  const char *last_modified, enum dir_row_write how)
{
	static const char upsert[] = "INSERT INTO service(id, " SERVICE_COLS ") VALUES (?1, " SERVICE_VALS ") "
				     "ON CONFLICT(id) DO UPDATE SET (" SERVICE_COLS ") = (" SERVICE_VALS "), "
				     "version = version + 1";
	static const char insert[] = "INSERT OR IGNORE INTO service(id, " SERVICE_COLS ") VALUES (?1, " SERVICE_VALS ")";
	sqlite3_stmt *st = store_stmt(s, how == DIR_ROW_NEW ? insert : upsert);
	if (!st)
		return ST_ERR;
	store_bind_str(st, 1, id);
	store_bind_str(st, 2, sv->organization_id);
	store_bind_str(st, 3, sv->name);
	store_bind_str(st, 4, sv->alternate_name);
	store_bind_str(st, 5, sv->description);
	store_bind_str(st, 6, sv->url);
	store_bind_str(st, 7, sv->email);
	store_bind_str(st, 8, sv->status && *sv->status ? sv->status : "active");
	store_bind_str(st, 9, sv->interpretation_services);
	store_bind_str(st, 10, sv->application_process);
	store_bind_str(st, 11, sv->fees_description);
	sqlite3_bind_int(st, 12, sv->free_of_charge ? 1 : 0);
	store_bind_str(st, 13, sv->eligibility_description);
	store_bind_int_opt(st, 14, sv->minimum_age);
	store_bind_int_opt(st, 15, sv->maximum_age);
	store_bind_int_opt(st, 16, sv->capacity);
	store_bind_str(st, 17, sv->delivery && *sv->delivery ? sv->delivery : "in_person");
	bind_null_text(st, 18, sv->assured_date);
	store_bind_str(st, 19, sv->assurer_email);
	store_bind_str(st, 20, sv->alert);
	bind_null_text(st, 21, last_modified);
	int rc = store_exec_stmt(s, st);
	if (rc == ST_OK && how == DIR_ROW_NEW && sqlite3_changes(store_db(s)) != 1)
		rc = ST_CONFLICT;
	return rc;
}

int dir_service_save(struct store *s, const struct dir_service *sv, const char *updated_by, char new_id[37])
{
	struct store_tx tx;
	int rc;
	char fresh[37];
	arena *a = arena_new();
	struct dir_service old;
	const struct dir_service *oldp = NULL;
	const char *id = sv->id;
	if ((rc = store_tx_begin(s, &tx)) != ST_OK)
		goto out_noend;
	if (id) {
		rc = dir_service_get(s, a, id, "de", DIR_STAFF, &old);
		if (rc == ST_NOTFOUND && is_import(updated_by) && dir_is_uuid(id))
			rc = ST_OK; /* an import creates records under their own ids */
		else if (rc == ST_OK) {
			oldp = &old;
			rc = check_version(sv->edit_version, old.version);
		}
		if (rc != ST_OK)
			goto out;
	} else {
		dir_uuid(fresh);
		id = fresh;
	}
	/* an import keeps its source's modification time; an edit is "now" */
	rc = dir_service_write_row(s, sv, id, is_import(updated_by) ? sv->last_modified : NULL, DIR_ROW_UPSERT);
	if (rc != ST_OK)
		goto out;
	if ((rc = delete_children(s, id)) != ST_OK || (rc = insert_children(s, sv, id)) != ST_OK ||
	    (rc = dir_fact_refresh(s, id)) != ST_OK)
		goto out;
	rc = log_service(s, a, oldp, sv, id, updated_by);
	if (rc == ST_OK && new_id)
		snprintf(new_id, 37, "%s", id);
out:
	rc = store_tx_end(s, &tx, rc);
out_noend:
	arena_free(a);
	return rc;
}

int dir_org_save(struct store *s, const struct dir_org *o, const char *updated_by, char new_id[37])
{
	struct store_tx tx;
	int rc;
	char fresh[37];
	arena *a = arena_new();
	struct dir_org old;
	const char *id = o->id;
	int existed = 0;
	if ((rc = store_tx_begin(s, &tx)) != ST_OK)
		goto out_noend;
	if (id) {
		rc = dir_org_get(s, a, id, "de", DIR_STAFF, &old);
		if (rc == ST_NOTFOUND && is_import(updated_by) && dir_is_uuid(id))
			rc = ST_OK; /* an import creates records under their own ids */
		else if (rc == ST_OK) {
			existed = 1;
			rc = check_version(o->edit_version, old.version);
		}
		if (rc != ST_OK)
			goto out;
	} else {
		dir_uuid(fresh);
		id = fresh;
	}
	sqlite3_stmt *st = store_stmt(s,
		"INSERT INTO organization(id, name, alternate_name, description, email, website, legal_status, "
		"year_incorporated, parent_organization_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
		"ON CONFLICT(id) DO UPDATE SET name = ?2, alternate_name = ?3, description = ?4, email = ?5, "
		"website = ?6, legal_status = ?7, year_incorporated = ?8, parent_organization_id = ?9, "
		"last_modified = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), version = version + 1");
	rc = ST_ERR;
	if (!st)
		goto out;
	store_bind_str(st, 1, id);
	store_bind_str(st, 2, o->name);
	store_bind_str(st, 3, o->alternate_name);
	store_bind_str(st, 4, o->description);
	store_bind_str(st, 5, o->email);
	store_bind_str(st, 6, o->website);
	store_bind_str(st, 7, o->legal_status);
	store_bind_int_opt(st, 8, o->year_incorporated);
	bind_null_text(st, 9, o->parent_organization_id);
	if ((rc = store_exec_stmt(s, st)) != ST_OK)
		goto out;
	/* the provider's own phones and contacts (not those of its offers) */
	static const char *const del[] = {
		"DELETE FROM phone WHERE organization_id = ? AND service_id IS NULL",
		"DELETE FROM contact WHERE organization_id = ? AND service_id IS NULL",
		"DELETE FROM attribute WHERE link_entity = 'organization' AND link_id = ?",
	};
	for (size_t i = 0; i < NELEM(del); i++) {
		st = store_stmt(s, del[i]);
		rc = ST_ERR;
		if (!st)
			goto out;
		store_bind_str(st, 1, id);
		if ((rc = store_exec_stmt(s, st)) != ST_OK)
			goto out;
	}
	rc = insert_phones(s, "INSERT INTO phone(id, organization_id, number, extension, type, description) "
			      "VALUES (?, ?, ?, ?, ?, ?)", id, o->phones, o->n_phones);
	if (rc == ST_OK)
		rc = insert_contacts(s, "INSERT INTO contact(id, organization_id, name, title, department, email) "
					"VALUES (?, ?, ?, ?, ?, ?)", id, o->contacts, o->n_contacts);
	if (rc == ST_OK)
		rc = insert_terms(s, "INSERT OR IGNORE INTO attribute(id, link_id, taxonomy_term_id, link_entity) "
				     "VALUES (?, ?, ?, 'organization')", id, o->terms, o->n_terms);
	if (rc != ST_OK)
		goto out;
	if (!existed) {
		rc = dir_log_change(s, NULL, id, "organization", "create", "", "", o->name, updated_by);
	} else {
		struct {
			const char *field, *before, *after;
		} f[] = {
			{ "name", old.name, o->name },
			{ "alternate_name", old.alternate_name, o->alternate_name },
			{ "description", old.description, o->description },
			{ "email", old.email, o->email },
			{ "website", old.website, o->website },
			{ "legal_status", old.legal_status, o->legal_status },
			{ "year_incorporated", num(a, old.year_incorporated), num(a, o->year_incorporated) },
			{ "parent_organization_id", old.parent_organization_id, o->parent_organization_id },
		};
		for (size_t i = 0; i < NELEM(f) && rc == ST_OK; i++)
			rc = diff(s, id, "organization", updated_by, f[i].field, f[i].before, f[i].after);
	}
	if (rc == ST_OK && new_id)
		snprintf(new_id, 37, "%s", id);
out:
	rc = store_tx_end(s, &tx, rc);
out_noend:
	arena_free(a);
	return rc;
}

int dir_location_save(struct store *s, const struct dir_location *l, const char *updated_by, char new_id[37])
{
	struct store_tx tx;
	int rc;
	char fresh[37], aid[37];
	const char *id = l->id;
	if ((rc = store_tx_begin(s, &tx)) != ST_OK)
		return rc;
	int existed = id != NULL;
	if (!id) {
		dir_uuid(fresh);
		id = fresh;
	} else {
		int64_t have = 0;
		rc = stored_version(s, "SELECT version FROM location WHERE id = ?", id, &have);
		if (rc == ST_OK)
			rc = check_version(l->edit_version, have);
		else if (rc == ST_NOTFOUND)
			rc = ST_OK; /* saved under a given new id, as before */
		if (rc != ST_OK)
			goto out;
	}
	sqlite3_stmt *st = store_stmt(s,
		"INSERT INTO location(id, organization_id, location_type, url, name, alternate_name, description, "
		"transportation, latitude, longitude, external_identifier, external_identifier_type, confidential) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, '', '', ?11) "
		"ON CONFLICT(id) DO UPDATE SET organization_id = ?2, location_type = ?3, url = ?4, name = ?5, "
		"alternate_name = ?6, description = ?7, transportation = ?8, latitude = ?9, longitude = ?10, "
		"confidential = ?11, version = version + 1");
	rc = ST_ERR;
	if (!st)
		goto out;
	store_bind_str(st, 1, id);
	bind_null_text(st, 2, l->organization_id);
	store_bind_str(st, 3, l->location_type && *l->location_type ? l->location_type : "physical");
	store_bind_str(st, 4, l->url);
	store_bind_str(st, 5, l->name);
	store_bind_str(st, 6, l->alternate_name);
	store_bind_str(st, 7, l->description);
	store_bind_str(st, 8, l->transportation);
	if (l->has_coords) {
		sqlite3_bind_double(st, 9, l->latitude);
		sqlite3_bind_double(st, 10, l->longitude);
	}
	sqlite3_bind_int(st, 11, l->confidential ? 1 : 0);
	if ((rc = store_exec_stmt(s, st)) != ST_OK)
		goto out;
	st = store_stmt(s, "DELETE FROM address WHERE location_id = ?");
	rc = ST_ERR;
	if (!st)
		goto out;
	store_bind_str(st, 1, id);
	if ((rc = store_exec_stmt(s, st)) != ST_OK)
		goto out;
	if (l->has_address) {
		const struct dir_address *ad = &l->address;
		st = store_stmt(s, "INSERT INTO address(id, location_id, attention, address_1, address_2, city, "
				   "region, state_province, postal_code, country, address_type) "
				   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
		rc = ST_ERR;
		if (!st)
			goto out;
		store_bind_str(st, 1, child_id(ad->id, aid));
		store_bind_str(st, 2, id);
		store_bind_str(st, 3, ad->attention);
		store_bind_str(st, 4, ad->address_1);
		store_bind_str(st, 5, ad->address_2);
		store_bind_str(st, 6, ad->city);
		store_bind_str(st, 7, ad->region);
		store_bind_str(st, 8, ad->state_province && *ad->state_province ? ad->state_province : "Rheinland-Pfalz");
		store_bind_str(st, 9, ad->postal_code);
		store_bind_str(st, 10, ad->country && *ad->country ? ad->country : "DE");
		store_bind_str(st, 11, ad->address_type && *ad->address_type ? ad->address_type : "physical");
		if ((rc = store_exec_stmt(s, st)) != ST_OK)
			goto out;
	}
	rc = dir_log_change(s, NULL, id, "location", existed ? "update" : "create", "", "",
			    l->name && *l->name ? l->name : l->address.address_1, updated_by);
	if (rc == ST_OK && new_id)
		snprintf(new_id, 37, "%s", id);
out:
	return store_tx_end(s, &tx, rc);
}

static int set_flag(struct store *s, const char *sql, const char *id, int value, const char *type,
		    const char *action, const char *who)
{
	struct store_tx tx;
	int rc;
	if ((rc = store_tx_begin(s, &tx)) != ST_OK)
		return rc;
	sqlite3_stmt *st = store_stmt(s, sql);
	rc = ST_ERR;
	if (st) {
		sqlite3_bind_int(st, 1, value);
		store_bind_str(st, 2, id);
		rc = store_exec_changed(s, st);
	}
	if (rc == ST_OK && strcmp(type, "service") == 0)
		rc = dir_fact_refresh(s, id);
	if (rc == ST_OK)
		rc = dir_log_change(s, NULL, id, type, action, "", "", "", who);
	return store_tx_end(s, &tx, rc);
}

int dir_service_archive(struct store *s, const char *id, int archived, const char *who)
{
	return set_flag(s, "UPDATE service SET archived = ?1, last_modified = strftime('%Y-%m-%dT%H:%M:%SZ', "
			   "'now') WHERE id = ?2",
			id, archived ? 1 : 0, "service", archived ? "archive" : "restore", who);
}

int dir_org_archive(struct store *s, const char *id, int archived, const char *who)
{
	return set_flag(s, "UPDATE organization SET archived = ?1, last_modified = strftime('%Y-%m-%dT%H:%M:%SZ', "
			   "'now') WHERE id = ?2",
			id, archived ? 1 : 0, "organization", archived ? "archive" : "restore", who);
}

int dir_service_verify(struct store *s, const char *id, const char *who)
{
	struct store_tx tx;
	int rc;
	if ((rc = store_tx_begin(s, &tx)) != ST_OK)
		return rc;
	sqlite3_stmt *st = store_stmt(s, "UPDATE service SET assured_date = date('now'), assurer_email = ?1, "
					 "version = version + 1 WHERE id = ?2");
	rc = ST_ERR;
	if (st) {
		store_bind_str(st, 1, who);
		store_bind_str(st, 2, id);
		rc = store_exec_changed(s, st);
	}
	if (rc == ST_OK)
		rc = dir_log_change(s, NULL, id, "service", "verify", "assured_date", "", "today", who);
	return store_tx_end(s, &tx, rc);
}
