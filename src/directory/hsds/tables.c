/* tables.c — the HSDS 3.0 tabular form as lotse writes and reads it:
 * every file with its columns (HSDS order, then lotse's extra columns),
 * their kinds, the query that exports each table, and the check of a
 * cell's value against its column. */
#include "directory/hsds/hsds_internal.h"
#include "directory/translations.h"
#include "core/core.h"
#include "core/log.h"
#include "directory/directory.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const status_choices[] = { "active", "inactive", "defunct", "temporarily closed", NULL };
static const char *const location_types[] = { "physical", "postal", "virtual", NULL };
static const char *const delivery_choices[] = { "in_person", "online", "mixed", NULL };
static const char *const freq_choices[] = { "WEEKLY", "MONTHLY", NULL };
static const char *const link_entities[] = { "service", "organization", "location", NULL };

#define ID { .name = "id", .kind = HK_ID, .flags = HC_REQUIRED }
#define TXT(n) { .name = (n), .kind = HK_TEXT }
#define REQ(n) { .name = (n), .kind = HK_TEXT, .flags = HC_REQUIRED }
#define REF(n, t) { .name = (n), .kind = HK_REF, .ref = (t) }
#define REF_REQ(n, t) { .name = (n), .kind = HK_REF, .ref = (t), .flags = HC_REQUIRED }
#define UNUSED(n) { .name = (n), .kind = HK_UNUSED }
#define DATE(n) { .name = (n), .kind = HK_DATE }
#define TIME(n) { .name = (n), .kind = HK_TIME }
#define INT(n, lo, hi) { .name = (n), .kind = HK_INT, .min = (lo), .max = (hi) }
#define NUM(n, lo, hi) { .name = (n), .kind = HK_NUM, .min = (lo), .max = (hi) }
#define ENUM(n, c, d) { .name = (n), .kind = HK_ENUM, .choices = (c), .dflt = (d) }
#define EXTRA_BOOL(n) { .name = (n), .kind = HK_BOOL, .flags = HC_EXTRA }

static const struct dir_hsds_col org_cols[] = {
	ID, REQ("name"), TXT("alternate_name"), TXT("description"), TXT("email"), TXT("website"),
	UNUSED("tax_status"), UNUSED("tax_id"), INT("year_incorporated", 0, 9999), TXT("legal_status"),
	UNUSED("logo"), UNUSED("uri"), REF("parent_organization_id", HT_ORG),
	EXTRA_BOOL("archived"),
	{ .name = "merged_into", .kind = HK_REF, .ref = HT_ORG, .flags = HC_EXTRA },
	{ .name = "last_modified", .kind = HK_DATETIME, .flags = HC_EXTRA },
};

static const struct dir_hsds_col service_cols[] = {
	ID, REF_REQ("organization_id", HT_ORG), UNUSED("program_id"), REQ("name"), TXT("alternate_name"),
	TXT("description"), TXT("url"), TXT("email"), ENUM("status", status_choices, "active"),
	TXT("interpretation_services"), TXT("application_process"), TXT("fees_description"),
	UNUSED("wait_time"), UNUSED("fees"), UNUSED("accreditations"), TXT("eligibility_description"),
	INT("minimum_age", 0, 120), INT("maximum_age", 0, 120), DATE("assured_date"),
	{ .name = "assurer_email", .kind = HK_TEXT, .flags = HC_ROLE },
	UNUSED("licenses"), TXT("alert"), { .name = "last_modified", .kind = HK_DATETIME },
	EXTRA_BOOL("free_of_charge"),
	{ .name = "capacity", .kind = HK_INT, .flags = HC_EXTRA, .min = 0, .max = 1000000000 },
	{ .name = "delivery", .kind = HK_ENUM, .flags = HC_EXTRA, .choices = delivery_choices, .dflt = "in_person" },
	EXTRA_BOOL("archived"),
	{ .name = "merged_into", .kind = HK_REF, .ref = HT_SERVICE, .flags = HC_EXTRA },
};

static const struct dir_hsds_col location_cols[] = {
	ID, ENUM("location_type", location_types, "physical"), TXT("url"), REF("organization_id", HT_ORG),
	TXT("name"), TXT("alternate_name"), TXT("description"), TXT("transportation"),
	NUM("latitude", -90, 90), NUM("longitude", -180, 180), TXT("external_identifier"),
	TXT("external_identifier_type"), EXTRA_BOOL("confidential"),
};

static const struct dir_hsds_col address_cols[] = {
	ID, REF_REQ("location_id", HT_LOCATION), TXT("attention"), TXT("address_1"), TXT("address_2"),
	TXT("city"), TXT("region"), TXT("state_province"), TXT("postal_code"),
	{ .name = "country", .kind = HK_TEXT, .dflt = "DE" }, ENUM("address_type", location_types, "physical"),
};

static const struct dir_hsds_col sal_cols[] = {
	ID, REF_REQ("service_id", HT_SERVICE), REF_REQ("location_id", HT_LOCATION), TXT("description"),
};

static const struct dir_hsds_col phone_cols[] = {
	ID, REF("location_id", HT_LOCATION), REF("service_id", HT_SERVICE), REF("organization_id", HT_ORG),
	REF("contact_id", HT_CONTACT), REF("service_at_location_id", HT_SAL), REQ("number"), TXT("extension"),
	{ .name = "type", .kind = HK_TEXT, .dflt = "voice" }, TXT("description"),
};

static const struct dir_hsds_col contact_cols[] = {
	ID, REF("organization_id", HT_ORG), REF("service_id", HT_SERVICE), REF("service_at_location_id", HT_SAL),
	REF("location_id", HT_LOCATION), TXT("name"), TXT("title"), TXT("department"), TXT("email"),
};

static const struct dir_hsds_col schedule_cols[] = {
	ID, REF("service_id", HT_SERVICE), REF("location_id", HT_LOCATION), REF("service_at_location_id", HT_SAL),
	DATE("valid_from"), DATE("valid_to"), DATE("dtstart"), UNUSED("timezone"), DATE("until"),
	UNUSED("count"), UNUSED("wkst"), ENUM("freq", freq_choices, NULL), INT("interval", 1, 1000),
	TXT("byday"), UNUSED("byweekno"), UNUSED("bymonthday"), UNUSED("byyearday"), TXT("description"),
	TIME("opens_at"), TIME("closes_at"), UNUSED("schedule_link"), TXT("attending_type"), TXT("notes"),
};

static const struct dir_hsds_col language_cols[] = {
	ID, REF("service_id", HT_SERVICE), REF("location_id", HT_LOCATION), REF("phone_id", HT_PHONE),
	TXT("name"), { .name = "code", .kind = HK_CODE, .flags = HC_REQUIRED }, TXT("note"),
};

static const struct dir_hsds_col cost_cols[] = {
	ID, REF_REQ("service_id", HT_SERVICE), DATE("valid_from"), DATE("valid_to"), TXT("option"),
	{ .name = "currency", .kind = HK_TEXT, .dflt = "EUR" }, NUM("amount", -1e12, 1e12),
	TXT("amount_description"),
};

static const struct dir_hsds_col funding_cols[] = {
	ID, REF("organization_id", HT_ORG), REF("service_id", HT_SERVICE), REQ("source"),
};

static const struct dir_hsds_col area_cols[] = {
	ID, REF("service_id", HT_SERVICE), TXT("name"), TXT("description"), TXT("extent"), TXT("extent_type"),
	TXT("uri"),
};

static const struct dir_hsds_col taxonomy_cols[] = {
	ID, REQ("name"), TXT("description"), TXT("uri"), TXT("version"),
};

static const struct dir_hsds_col term_cols[] = {
	ID, TXT("code"), REQ("name"), TXT("description"), REF("parent_id", HT_TERM), TXT("taxonomy"),
	{ .name = "language", .kind = HK_TEXT, .dflt = "de" }, REF("taxonomy_id", HT_TAXONOMY), TXT("term_uri"),
	{ .name = "position", .kind = HK_INT, .flags = HC_EXTRA, .min = -1000000, .max = 1000000, .dflt = "0" },
};

static const struct dir_hsds_col label_cols[] = {
	REF_REQ("taxonomy_term_id", HT_TERM), { .name = "language", .kind = HK_CODE, .flags = HC_REQUIRED },
	REQ("name"),
};

/* an offer's name, short description and how to apply in another
 * language (sql/0017); German stays the record's language. Who wrote it
 * stays behind: the export holds no staff member's address. */
static const struct dir_hsds_col translation_cols[] = {
	REF_REQ("service_id", HT_SERVICE),
	{ .name = "language", .kind = HK_ENUM, .flags = HC_REQUIRED, .choices = dir_tr_langs }, REQ("name"),
	TXT("description"), TXT("application_process"), { .name = "updated_at", .kind = HK_DATETIME },
};

static const struct dir_hsds_col attribute_cols[] = {
	ID, { .name = "link_id", .kind = HK_UUID, .flags = HC_REQUIRED }, REF_REQ("taxonomy_term_id", HT_TERM),
	TXT("link_type"), { .name = "link_entity", .kind = HK_ENUM, .flags = HC_REQUIRED, .choices = link_entities },
	TXT("value"),
};

static const struct dir_hsds_col metadata_cols[] = {
	ID, { .name = "resource_id", .kind = HK_UUID, .flags = HC_REQUIRED }, REQ("resource_type"),
	{ .name = "last_action_date", .kind = HK_DATE, .flags = HC_REQUIRED }, REQ("last_action_type"),
	TXT("field_name"), TXT("previous_value"), TXT("replacement_value"), TXT("updated_by"),
	{ .name = "last_action_at", .kind = HK_DATETIME, .flags = HC_EXTRA },
};

static const struct dir_hsds_col program_cols[] = {
	ID, UNUSED("organization_id"), UNUSED("name"), UNUSED("alternate_name"), UNUSED("description"),
};
static const struct dir_hsds_col reqdoc_cols[] = { ID, UNUSED("service_id"), UNUSED("document"), UNUSED("uri") };
static const struct dir_hsds_col access_cols[] = {
	ID, UNUSED("location_id"), UNUSED("description"), UNUSED("details"), UNUSED("url"),
};
static const struct dir_hsds_col orgident_cols[] = {
	ID, UNUSED("organization_id"), UNUSED("identifier_scheme"), UNUSED("identifier_type"), UNUSED("identifier"),
};
static const struct dir_hsds_col metatable_cols[] = {
	ID, UNUSED("name"), UNUSED("language"), UNUSED("character_set"),
};

#define COLS(c) (c), NELEM(c)

const struct dir_hsds_table dir_hsds_tables[HT__COUNT] = {
	[HT_TAXONOMY] = { "taxonomy", "taxonomies.csv", "Taxonomy", COLS(taxonomy_cols), 1, 1,
		"SELECT id, name, description, uri, version FROM taxonomy ORDER BY id" },
	[HT_TERM] = { "taxonomy_term", "taxonomy_terms.csv", "Taxonomy Term", COLS(term_cols), 1, 1,
		"SELECT id, code, name, description, parent_id, taxonomy, language, taxonomy_id, term_uri, "
		"position FROM taxonomy_term ORDER BY id" },
	[HT_LABEL] = { "lotse_taxonomy_term_label", "lotse_taxonomy_term_labels.csv",
		"lotse: term names in other languages", COLS(label_cols), 0, 1,
		"SELECT term_id, lang, name FROM taxonomy_term_label ORDER BY term_id, lang" },
	[HT_ORG] = { "organization", "organizations.csv", "Organization", COLS(org_cols), 1, 1,
		"SELECT id, name, alternate_name, description, email, website, NULL, NULL, year_incorporated, "
		"legal_status, NULL, NULL, parent_organization_id, archived, merged_into, last_modified "
		"FROM organization ORDER BY id" },
	[HT_LOCATION] = { "location", "locations.csv", "Location", COLS(location_cols), 1, 1,
		"SELECT id, location_type, url, organization_id, name, alternate_name, description, "
		"transportation, latitude, longitude, external_identifier, external_identifier_type, "
		"confidential FROM location ORDER BY id" },
	[HT_ADDRESS] = { "address", "addresses.csv", "Address", COLS(address_cols), 1, 1,
		"SELECT id, location_id, attention, address_1, address_2, city, region, state_province, "
		"postal_code, country, address_type FROM address ORDER BY id" },
	[HT_SERVICE] = { "service", "services.csv", "Service", COLS(service_cols), 1, 1,
		"SELECT id, organization_id, NULL, name, alternate_name, description, url, email, status, "
		"interpretation_services, application_process, fees_description, NULL, NULL, NULL, "
		"eligibility_description, minimum_age, maximum_age, assured_date, " DIR_HSDS_ASSURED("") ", NULL, alert, "
		"last_modified, free_of_charge, capacity, delivery, archived, merged_into "
		"FROM service ORDER BY id" },
	[HT_SAL] = { "service_at_location", "service_at_location.csv", "Service at Location", COLS(sal_cols), 1, 1,
		"SELECT id, service_id, location_id, description FROM service_at_location ORDER BY id" },
	[HT_CONTACT] = { "contact", "contacts.csv", "Contact", COLS(contact_cols), 1, 1,
		"SELECT id, organization_id, service_id, service_at_location_id, location_id, name, title, "
		"department, email FROM contact ORDER BY id" },
	[HT_PHONE] = { "phone", "phones.csv", "Phone", COLS(phone_cols), 1, 1,
		"SELECT id, location_id, service_id, organization_id, contact_id, service_at_location_id, "
		"number, extension, type, description FROM phone ORDER BY id" },
	[HT_SCHEDULE] = { "schedule", "schedules.csv", "Schedule", COLS(schedule_cols), 1, 1,
		"SELECT id, service_id, location_id, service_at_location_id, valid_from, valid_to, dtstart, "
		"NULL, until, NULL, NULL, freq, interval, byday, NULL, NULL, NULL, description, opens_at, "
		"closes_at, NULL, attending_type, notes FROM schedule ORDER BY id" },
	[HT_LANGUAGE] = { "language", "languages.csv", "Language", COLS(language_cols), 1, 1,
		"SELECT id, service_id, location_id, phone_id, name, code, note FROM language ORDER BY id" },
	[HT_COST] = { "cost_option", "cost_options.csv", "Cost Option", COLS(cost_cols), 1, 1,
		"SELECT id, service_id, valid_from, valid_to, option, currency, amount, amount_description "
		"FROM cost_option ORDER BY id" },
	[HT_FUNDING] = { "funding", "funding.csv", "Funding", COLS(funding_cols), 1, 1,
		"SELECT id, organization_id, service_id, source FROM funding ORDER BY id" },
	[HT_AREA] = { "service_area", "service_areas.csv", "Service Area", COLS(area_cols), 1, 1,
		"SELECT id, service_id, name, description, extent, extent_type, uri FROM service_area ORDER BY id" },
	[HT_ATTRIBUTE] = { "attribute", "attributes.csv", "Attribute", COLS(attribute_cols), 1, 1,
		"SELECT id, link_id, taxonomy_term_id, link_type, link_entity, value FROM attribute ORDER BY id" },
	[HT_METADATA] = { "metadata", "metadata.csv", "Metadata", COLS(metadata_cols), 1, 1,
		"SELECT id, resource_id, resource_type, substr(last_action_date, 1, 10), last_action_type, "
		"field_name, previous_value, replacement_value, updated_by, last_action_date "
		"FROM metadata ORDER BY id" },
	[HT_TRANSLATION] = { "lotse_service_translation", "lotse_service_translations.csv",
		"lotse: offers' names, short descriptions and how to apply in other languages", COLS(translation_cols),
		0, 1, "SELECT service_id, lang, name, description, application_process, updated_at "
		"FROM service_translation ORDER BY service_id, lang" },
	[HT_PROGRAM] = { "program", "programs.csv", "Program", COLS(program_cols), 1, 0, NULL },
	[HT_REQDOC] = { "required_document", "required_documents.csv", "Required Document", COLS(reqdoc_cols),
		1, 0, NULL },
	[HT_ACCESSIBILITY] = { "accessibility", "accessibility.csv", "Accessibility", COLS(access_cols), 1, 0,
		NULL },
	[HT_ORGIDENT] = { "organization_identifier", "organization_identifiers.csv", "Organization Identifier",
		COLS(orgident_cols), 1, 0, NULL },
	[HT_METATABLE] = { "meta_table_description", "meta_table_descriptions.csv", "Meta Table Description",
		COLS(metatable_cols), 1, 0, NULL },
};

/* local@domain.tld of printable ASCII without the characters that could
 * start something else in a CSV cell, a mailto: link or JSON. */
static int role_address_ok(const char *v)
{
	const char *at = strchr(v, '@');
	size_t n = strlen(v);
	if (!at || at == v || strchr(at + 1, '@') || n > 254 || !strchr(at + 1, '.') || v[n - 1] == '.' ||
	    *v == '+' || *v == '-' || *v == '=')
		return 0;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || strchr("\"'<>()[]{},;:\\?&%=/`", *p))
			return 0;
	return 1;
}

static const char *assurer;
static pthread_once_t assurer_once = PTHREAD_ONCE_INIT;

static void assurer_init(void)
{
	const char *v = getenv("LOTSE_ASSURER_EMAIL");
	if (v && *v && !role_address_ok(v))
		log_error("LOTSE_ASSURER_EMAIL is not an e-mail address; no assurer_email is published");
	assurer = v && role_address_ok(v) ? v : NULL;
}

const char *dir_hsds_assurer(void)
{
	pthread_once(&assurer_once, assurer_init);
	return assurer;
}

int dir_hsds_col_index(const struct dir_hsds_table *t, const char *name)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* n digits at s, as a number; -1 when not all digits. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int date_at(const char *s)
{
	int y = digits(s, 4), m = -1, d = -1;
	if (y >= 0 && s[4] == '-')
		m = digits(s + 5, 2);
	if (m >= 0 && s[7] == '-')
		d = digits(s + 8, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return 0;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= (m == 2 && !leap ? 28 : mdays[m - 1]);
}

/* HH:MM[:SS] at s; returns the length matched or 0. */
static size_t time_at(const char *s)
{
	int h = digits(s, 2), m = s[0] && s[1] && s[2] == ':' ? digits(s + 3, 2) : -1;
	if (h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0))
		return 0;
	if (s[5] != ':')
		return 5;
	int sec = digits(s + 6, 2);
	return sec >= 0 && sec <= 60 ? 8 : 0;
}

int dir_hsds_is_date(const char *s)
{
	return s && strlen(s) == 10 && date_at(s);
}

int dir_hsds_is_time(const char *s)
{
	size_t n = s && strlen(s) >= 5 ? time_at(s) : 0;
	return n && s[n] == '\0';
}

int dir_hsds_is_datetime(const char *s)
{
	if (!s || strlen(s) < 10 || !date_at(s))
		return 0;
	const char *p = s + 10;
	if (*p == '\0')
		return 1;
	if (*p != 'T' && *p != ' ')
		return 0;
	p++;
	size_t n = strlen(p) >= 5 ? time_at(p) : 0;
	if (!n)
		return 0;
	p += n;
	if (*p == '.' && n == 8) {
		p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'Z')
		return p[1] == '\0';
	if (*p == '+' || *p == '-') {
		int h = digits(p + 1, 2), m = p[1] && p[2] && p[3] == ':' ? digits(p + 4, 2) : -1;
		return h >= 0 && h <= 14 && m >= 0 && m <= 59 && p[6] == '\0';
	}
	return *p == '\0';
}

/* ---- a cell's value (the importer) ---- */

static int has_controls(const char *v)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7F)
			return 1;
	return 0;
}

static int number(const char *v, double *out)
{
	if (strspn(v, "0123456789+-.eE") != strlen(v))
		return 0; /* no hex, inf, nan or spaces */
	char *end;
	errno = 0;
	double d = strtod(v, &end);
	if (errno || *end || end == v || !isfinite(d))
		return 0;
	*out = d;
	return 1;
}

const char *dir_hsds_check_value(const struct dir_hsds_col *col, const char *v, char *why, size_t n)
{
	double d;
	if (!*v)
		return col->flags & HC_REQUIRED ? "is required but empty" : NULL;
	switch (col->kind) {
	case HK_TEXT:
	case HK_UNUSED:
		return has_controls(v) ? "holds a control character" : NULL;
	case HK_ID:
	case HK_REF:
	case HK_UUID:
		return dir_is_uuid(v) ? NULL : "is not a UUID";
	case HK_INT:
		if (!number(v, &d) || d != floor(d) || strpbrk(v, ".eE") || d < col->min || d > col->max) {
			snprintf(why, n, "is not a whole number from %.0f to %.0f", col->min, col->max);
			return why;
		}
		return NULL;
	case HK_NUM:
		if (!number(v, &d) || d < col->min || d > col->max) {
			snprintf(why, n, "is not a number from %g to %g", col->min, col->max);
			return why;
		}
		return NULL;
	case HK_DATE:
		return dir_hsds_is_date(v) ? NULL : "is not a date (YYYY-MM-DD)";
	case HK_DATETIME:
		return dir_hsds_is_datetime(v) ? NULL : "is not a date and time (YYYY-MM-DDTHH:MM:SSZ)";
	case HK_TIME:
		return dir_hsds_is_time(v) ? NULL : "is not a time (HH:MM or HH:MM:SS)";
	case HK_ENUM:
		for (const char *const *ch = col->choices; *ch; ch++)
			if (strcmp(*ch, v) == 0)
				return NULL;
		size_t k = (size_t)snprintf(why, n, "is not one of");
		for (const char *const *ch = col->choices; *ch && k < n; ch++)
			k += (size_t)snprintf(why + k, n - k, "%s \"%s\"", ch == col->choices ? "" : ",", *ch);
		return why;
	case HK_BOOL:
		return strcasecmp(v, "true") == 0 || strcasecmp(v, "false") == 0 || strcmp(v, "1") == 0 ||
				       strcmp(v, "0") == 0
			       ? NULL
			       : "is not true or false";
	case HK_CODE: {
		size_t len = strlen(v);
		int ok = len >= 2 && len <= 3;
		for (size_t i = 0; ok && i < len; i++)
			ok = isalpha((unsigned char)v[i]);
		return ok ? NULL : "is not a language code (ISO 639: 2 or 3 letters)";
	}
	}
	return NULL;
}
