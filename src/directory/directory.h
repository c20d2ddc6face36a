/* directory.h — the Bestandsaufnahme: providers (Träger), offers
 * (Angebote), their locations and everything that describes them, after
 * Open Referral HSDS 3.x. This header is the model's contract: reading a
 * whole offer or provider, saving one with its change log, taxonomies.
 *
 * Strings in the structs are owned by the arena they were read into;
 * NULL-able numbers use -1 for "not stated". */
#ifndef LOTSE_DIRECTORY_H
#define LOTSE_DIRECTORY_H

#include "core/arena.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

/* A new random (version 4) UUID in out ("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"). */
void dir_uuid(char out[37]);
/* Is s a UUID in that textual form (any version, lower or upper case)? */
int dir_is_uuid(const char *s);

struct dir_address {
	const char *id, *attention, *address_1, *address_2, *city, *region, *state_province,
		*postal_code, *country, *address_type;
};

struct dir_location {
	const char *id, *organization_id, *location_type, *url, *name, *alternate_name,
		*description, *transportation;
	double latitude, longitude;
	int has_coords;
	int confidential;            /* never shown publicly or in the API */
	struct dir_address address;  /* the first address (physical if any) */
	int has_address;
	double distance_km;          /* filled by searches with a centre; else -1 */
	int64_t version, edit_version; /* see struct dir_service */
};

struct dir_phone {
	const char *id, *number, *extension, *type, *description;
};

struct dir_contact {
	const char *id, *name, *title, *department, *email;
};

struct dir_schedule {
	const char *id, *valid_from, *valid_to, *dtstart, *until, *freq, *byday, *opens_at, *closes_at,
		*description, *attending_type, *notes;
	int interval; /* -1 = not stated */
};

struct dir_language {
	const char *id, *code, *name, *note;
};

struct dir_cost {
	const char *id, *valid_from, *valid_to, *option, *currency, *amount_description;
	double amount;
	int has_amount;
};

struct dir_area {
	const char *id, *name, *description, *extent, *extent_type, *uri;
};

/* A taxonomy term attached to an offer, provider or location. */
struct dir_term {
	const char *id, *code, *name, *taxonomy_id, *taxonomy_code; /* name in the requested language */
};

#define DIR_LIST(type, name) \
	type *name;          \
	size_t n_##name

struct dir_service {
	const char *id, *organization_id, *organization_name, *name, *alternate_name, *description,
		*url, *email, *status, *interpretation_services, *application_process,
		*fees_description, *eligibility_description, *delivery, *assured_date, *assurer_email,
		*alert, *last_modified, *merged_into;
	int free_of_charge, archived;
	int minimum_age, maximum_age, capacity; /* -1 = not stated */
	DIR_LIST(struct dir_location, locations); /* via service_at_location */
	DIR_LIST(struct dir_phone, phones);
	DIR_LIST(struct dir_contact, contacts);
	DIR_LIST(struct dir_schedule, schedules);
	DIR_LIST(struct dir_language, languages);
	DIR_LIST(struct dir_cost, costs);
	DIR_LIST(const char *, funding);          /* funding sources as text */
	DIR_LIST(struct dir_area, areas);
	DIR_LIST(struct dir_term, terms);
	/* version: the stored version read (every save counts it up).
	 * edit_version, to a save: the version the edit was made from; a save
	 * when another one is stored is DIR_STALE. 0 (as read): not checked
	 * (imports, merges, a form that sent none). */
	int64_t version, edit_version;
};

struct dir_org {
	const char *id, *name, *alternate_name, *description, *email, *website, *legal_status,
		*parent_organization_id, *merged_into, *last_modified;
	int year_incorporated; /* -1 = not stated */
	int archived;
	DIR_LIST(struct dir_phone, phones);
	DIR_LIST(struct dir_contact, contacts);
	DIR_LIST(struct dir_location, locations);
	DIR_LIST(struct dir_term, terms);
	int64_t version, edit_version; /* see struct dir_service */
};

/* Who may see what: the public never sees confidential locations,
 * archived records or offers merged into others. */
enum dir_view {
	DIR_PUBLIC,
	DIR_STAFF,
};

/* ---- reading (model.c) ---- */

/* The whole offer id with all its lists; term names in lang. ST_OK,
 * ST_NOTFOUND (also for archived ones when view is DIR_PUBLIC) or ST_ERR. */
int dir_service_get(struct store *s, arena *a, const char *id, const char *lang, enum dir_view view,
		    struct dir_service *out);
/* A provider with its phones, contacts, locations (confidential ones only
 * for DIR_STAFF) and terms. */
int dir_org_get(struct store *s, arena *a, const char *id, const char *lang, enum dir_view view,
		struct dir_org *out);

/* The place the postcode table names for code ("Mainz (Neustadt)",
 * "Ingelheim am Rhein"), copied into a, in *out. ST_OK, ST_NOTFOUND (and
 * *out NULL) for a postcode it does not hold, or ST_ERR. */
int dir_postcode_place(struct store *s, arena *a, const char *code, const char **out);

/* The offers of a provider (id, name, status, assured_date, last_modified
 * filled; lists empty), ordered by name, into *out. ST_OK, or ST_ERR (and
 * none) when they cannot be read. */
int dir_org_services(struct store *s, arena *a, const char *org_id, enum dir_view view, struct dir_service **out,
		     size_t *n);

/* ---- writing (save.c) ---- */

/* A save made from a version of the record that is no longer the stored
 * one: someone else saved it in between (a status beside store.h's ST_). */
enum { DIR_STALE = ST_ERR + 1 };

/* Insert or update the offer sv (sv->id set: update that one; NULL: a new
 * id is made and written back into *new_id when given) with all its lists,
 * which replace the stored ones. Locations are linked by id (they must
 * exist; see dir_location_save). Every changed field goes into the change
 * log (metadata) under updated_by. One transaction unless the caller has
 * one open. Returns ST_OK, ST_NOTFOUND (sv->id unknown), ST_CONFLICT (a
 * constraint: unknown organization, location or term), DIR_STALE
 * (sv->edit_version is set and not the stored one; nothing written) or ST_ERR.
 * A save counts the stored version up.
 * updated_by "import" (the HSDS import): an unknown sv->id that is a UUID
 * makes a new record under that id, and sv->last_modified is kept. */
int dir_service_save(struct store *s, const struct dir_service *sv, const char *updated_by,
		     char new_id[37]);
/* How many of the fields dir_service_save logs differ between the stored
 * offer old and sv (0: saving sv would change nothing; the order of its
 * terms does not count). */
size_t dir_service_differs(const struct dir_service *old, const struct dir_service *sv);
/* The one writer of an offer's own row in service (every column but
 * archived and merged_into; not its lists, not the change log), for
 * dir_service_save and the spreadsheet import. id is the row's id;
 * last_modified NULL is "now". DIR_ROW_UPSERT inserts or updates the row;
 * DIR_ROW_NEW only inserts (INSERT OR IGNORE: no statement journal, for
 * the import's speed), and a row that is not inserted (a broken
 * constraint, an id taken) is ST_CONFLICT. sv's strings must live until
 * it returns. ST_OK, ST_CONFLICT or ST_ERR. */
enum dir_row_write { DIR_ROW_UPSERT, DIR_ROW_NEW };
int dir_service_write_row(struct store *s, const struct dir_service *sv, const char *id,
			  const char *last_modified, enum dir_row_write how);
/* A provider with its phones, contacts and terms (id NULL: new); statuses
 * as dir_service_save, DIR_STALE included. */
int dir_org_save(struct store *s, const struct dir_org *o, const char *updated_by, char new_id[37]);
/* A location with its address (id NULL: new); DIR_STALE as above. */
int dir_location_save(struct store *s, const struct dir_location *l, const char *updated_by,
		      char new_id[37]);

/* The one writer of the change log (metadata), for the saves above, the
 * staff area's merges and the spreadsheet import: a row saying that who
 * did action ("create", "update", "archive", "merge", ...) to the record
 * resource_id of type ("service", "organization", "location"), with field
 * and its values before and after ("" where there are none). id is the
 * row's id, or NULL for a new random one (the import passes its
 * time-ordered ids, which keep its inserts at the right edge of the
 * index). Written with INSERT OR IGNORE, which spares SQLite a statement
 * journal per row (the import's speed); a row not inserted (its id taken)
 * is ST_CONFLICT, as the broken constraint of a plain INSERT would be.
 * Joins the caller's transaction. ST_OK, ST_CONFLICT or ST_ERR. */
int dir_log_change(struct store *s, const char *id, const char *resource_id, const char *type,
		   const char *action, const char *field, const char *before, const char *after, const char *who);

/* Mark verified today by who ("zuletzt geprüft"); logged. */
int dir_service_verify(struct store *s, const char *id, const char *who);
/* Archive (hide from the public) or restore; logged. */
int dir_service_archive(struct store *s, const char *id, int archived, const char *who);
int dir_org_archive(struct store *s, const char *id, int archived, const char *who);

/* ---- taxonomies (taxonomy.c) ---- */

struct dir_taxonomy {
	const char *id, *code, *name, *description;
	DIR_LIST(struct dir_term, terms); /* in display order, names in lang */
};

/* All taxonomies with their terms, names in lang (German when no label).
 * NULL (and *n 0) when they cannot be read. */
struct dir_taxonomy *dir_taxonomies(struct store *s, arena *a, const char *lang, size_t *n);
/* A term by taxonomy code and term code, or NULL. */
const struct dir_term *dir_term_find(const struct dir_taxonomy *t, size_t n, const char *taxonomy_code,
				     const char *term_code);

/* ---- demo data (demo.c) ---- */

/* Load the fictional demo providers and offers (data/demo/directory/)
 * in one transaction. ST_OK, or ST_ERR with a message in err. */
int dir_demo_load(struct store *s, char *err, size_t errlen);
/* The id of the demo provider the demo partner account belongs to (the
 * one marked "partner_account" in the demo data) into out. ST_OK,
 * ST_NOTFOUND (demo data not loaded) or ST_ERR. */
int dir_demo_partner_org(struct store *s, char out[37]);

/* ---- providers in short (org_list.c) ---- */

/* A provider as a list shows it: id, name and the town of its first
 * public address ("" when it has none). */
struct dir_org_brief {
	const char *id, *name, *city;
};
/* The current providers (not archived, not merged) whose name or town
 * contains search, ignoring case (NULL or "": all), in name order, into
 * *out (allocated in a). ST_OK or ST_ERR. For `lotse org list` and the
 * provider picker of the user administration. */
int dir_org_briefs(struct store *s, arena *a, const char *search, struct dir_org_brief **out, size_t *n);

/* A place as a picker and an event page show it: id, name (the
 * provider's when the place has none), its first address as one line
 * "street, postcode town" ("" when it has none) and its provider's name
 * ("" when none). */
struct dir_location_brief {
	const char *id, *name, *address, *org_name;
};
/* The public places (not confidential, not virtual, of no provider or a
 * current one) in name order into *out (allocated in a). ST_OK or ST_ERR.
 * For the place picker of an event. */
int dir_location_briefs(struct store *s, arena *a, struct dir_location_brief **out, size_t *n);
/* The public place id, as above. ST_OK, ST_NOTFOUND (none, confidential,
 * or its provider archived) or ST_ERR. */
int dir_location_brief(struct store *s, arena *a, const char *id, struct dir_location_brief *out);

/* ---- the offers as the analysis counts them (facts.c; for src/analysis) ---- */

/* One current offer (not archived, not merged, status "active") reduced
 * to what the evidence loop counts. The code lists hold term codes of the
 * taxonomies Übergangsphase (stages), Zielgruppe (groups), Stadtteil/Ort
 * (districts), Förderung (funders) and Angebotsart (kinds), the offer's
 * language codes (lower case) and its funding sources as text; equal
 * codes are the same pointer. valid_from: the earliest start of its
 * schedules; valid_to: the latest end when every schedule has one (an
 * offer that runs out), else NULL (open); both "YYYY-MM-DD" as stored. */
struct dir_fact {
	const char *id;
	const char *name, *org_name; /* NULL: not read (dir_fact_names reads them) */
	int capacity;        /* places; -1 = not stated */
	int free_of_charge;
	int has_cost;
	double cost;         /* the lowest stated amount (EUR), when has_cost */
	const char *valid_from, *valid_to;
	DIR_LIST(const char *, stages);
	DIR_LIST(const char *, groups);
	DIR_LIST(const char *, districts);
	DIR_LIST(const char *, funders);
	DIR_LIST(const char *, languages);
	DIR_LIST(const char *, funding);
	DIR_LIST(const char *, kinds);
};
/* All current offers, ordered by id, into *out (allocated in a), read in
 * one read transaction from the fact table (service_fact) that
 * dir_fact_refresh keeps. ST_OK or ST_ERR (and none). */
int dir_facts(struct store *s, arena *a, struct dir_fact **out, size_t *n);
/* Bring the fact table's row of offer id up to date with the offer, its
 * terms, languages, funding, costs and schedules as stored now (a row
 * when it is a current offer, none when not). Every writer of these calls
 * it in its transaction, after its last write of the offer (fact_table.c).
 * ST_OK or ST_ERR. */
int dir_fact_refresh(struct store *s, const char *id);
/* dir_fact_refresh for every offer stored after the one of rowid after
 * (the new offers of a bulk or staged import, whose rowids only grow), a
 * range of offers at a time, in transactions of about a tenth of a second
 * each (store_chunked; savepoints inside a caller's transaction).
 * ST_OK or ST_ERR. */
int dir_fact_refresh_since(struct store *s, int64_t after);
/* The whole fact table again from the offers (`lotse reindex facts`):
 * every offer's row refreshed as dir_fact_refresh_since(s, 0) does, then
 * the rows of offers that are gone deleted; *n: the rows it has then.
 * Readers see each offer's row either as it was or right, never none for
 * a current offer. ST_OK or ST_ERR. */
int dir_fact_rebuild(struct store *s, long *n);
/* The names of the offers ids[0..n) and of their providers into
 * names[i] and org_names[i] (in a; "" for an unknown id): for the few
 * offers a page lists. ST_OK or ST_ERR. */
int dir_fact_names(struct store *s, arena *a, const char *const *ids, size_t n, const char **names,
		   const char **org_names);
/* The kinds of the offer id (codes of the taxonomy Angebotsart, in code
 * order, comma-separated; "" none or an unknown id) into *out (in a),
 * whether the offer is current or not: what a referral to it was for.
 * ST_OK or ST_ERR. */
int dir_fact_kinds(struct store *s, arena *a, const char *id, const char **out);
/* The name of the language code (ISO 639) in the reader's language
 * ui_lang, or NULL when it is not in the directory's table. Static. */
const char *dir_fact_language(const char *code, const char *ui_lang);

#endif
