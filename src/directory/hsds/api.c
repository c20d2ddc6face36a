/* api.c — the handlers of the HSDS 3.0 API at /api/hsds: declared
 * parameters, paging, problem answers (RFC 7807), CORS. */
#include "directory/hsds/api.h"
#include "directory/directory.h"
#include "directory/hsds/hsds_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "http/form.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PER_PAGE_DEFAULT 20
#define SEARCH_MAX_HITS 500 /* text search with other filters: the best this many offers */
#define PROFILE_URL "https://docs.openreferral.org/en/latest/hsds/"
#define OPENAPI_URL "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"

/* ---- answers ---- */

static void send_json(struct req *r, struct resp *w, int status, json_t *j, const char *type)
{
	char *s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	w->status = status;
	w->content_type = type;
	buf_reset(&w->body);
	if (s)
		buf_puts(&w->body, s);
	buf_putc(&w->body, '\n');
	free(s);
	resp_header(r, w, "Access-Control-Allow-Origin", "*");
}

/* An RFC 7807 problem: title is the status phrase, detail a translated
 * text; invalid (may be NULL) lists the bad parameters. */
static void problem(struct req *r, struct resp *w, int status, const char *detail, json_t *invalid)
{
	const char *title = status == 400 ? "Bad Request" : status == 404 ? "Not Found" : "Internal Server Error";
	json_t *j = json_pack("{s:s, s:s, s:i, s:s}", "type", "about:blank", "title", title, "status", status,
			      "detail", detail);
	if (!j)
		j = json_pack("{s:s, s:i}", "title", title, "status", status);
	if (invalid)
		json_object_set_new(j, "invalid_params", invalid);
	send_json(r, w, status, j, "application/problem+json");
}

static void not_found(struct req *r, struct resp *w)
{
	problem(r, w, 404, T(r, "Diesen Eintrag gibt es nicht oder nicht öffentlich."), NULL);
}

static void server_error(struct req *r, struct resp *w)
{
	problem(r, w, resp_store_failed(r, w), T(r, "Die Anfrage konnte nicht beantwortet werden. Bitte versuchen Sie es später noch einmal."),
		NULL);
}

static json_t *paged(long total, long page, long per_page, json_t *contents)
{
	long pages = total > 0 ? (total + per_page - 1) / per_page : 1;
	size_t size = json_array_size(contents);
	return json_pack("{s:I, s:I, s:I, s:I, s:b, s:b, s:b, s:o}", "total_items", (json_int_t)total, "total_pages",
			 (json_int_t)pages, "page_number", (json_int_t)page, "size", (json_int_t)size, "first_page",
			 page == 1, "last_page", page >= pages, "empty", size == 0, "contents", contents);
}

/* ---- parameters ---- */

enum {
	P_SEARCH, P_PAGE, P_PER_PAGE, P_TERM, P_TAXONOMY, P_ORG, P_MODIFIED, P_POSTCODE, P_PROXIMITY,
	P_PARENT, P_TOP_ONLY, P_FORMAT, P__COUNT
};

static const char *const bool_choices[] = { "true", "false", NULL };
static const char *const format_choices[] = { "json", NULL };

static const struct field params[P__COUNT] = {
	[P_SEARCH] = { "search", FIELD_TEXT, 0, 200, 0, 0, NULL },
	[P_PAGE] = { "page", FIELD_INT, 0, 20, 1, 1000000, NULL },
	[P_PER_PAGE] = { "per_page", FIELD_INT, 0, 20, 1, 100, NULL },
	[P_TERM] = { "taxonomy_term_id", FIELD_TEXT, 0, 100, 0, 0, NULL },
	[P_TAXONOMY] = { "taxonomy_id", FIELD_TEXT, 0, 100, 0, 0, NULL },
	[P_ORG] = { "organization_id", FIELD_TEXT, 0, 100, 0, 0, NULL },
	[P_MODIFIED] = { "modified_after", FIELD_TEXT, 0, 40, 0, 0, NULL },
	[P_POSTCODE] = { "postcode", FIELD_TEXT, 0, 12, 0, 0, NULL },
	[P_PROXIMITY] = { "proximity", FIELD_INT, 0, 20, 1, 1000000, NULL },
	[P_PARENT] = { "parent_id", FIELD_TEXT, 0, 100, 0, 0, NULL },
	[P_TOP_ONLY] = { "top_only", FIELD_CHOICE, 0, 10, 0, 0, bool_choices },
	[P_FORMAT] = { "format", FIELD_CHOICE, 0, 10, 0, 0, format_choices },
};

/* A date or date-time as UTC "YYYY-MM-DDTHH:MM:SSZ" (owned by a), or NULL.
 * A "+" of an offset may arrive as a space (form encoding). */
static const char *utc_datetime(arena *a, const char *v)
{
	char *s = arena_strdup(a, v);
	size_t n = strlen(s);
	if (n > 19 && s[n - 6] == ' ')
		s[n - 6] = '+';
	if (!dir_hsds_is_datetime(s))
		return NULL;
	struct tm tm = { 0 };
	tm.tm_year = atoi(s) - 1900;
	tm.tm_mon = atoi(s + 5) - 1;
	tm.tm_mday = atoi(s + 8);
	long offset = 0;
	if (n > 10) {
		tm.tm_hour = atoi(s + 11);
		tm.tm_min = atoi(s + 14);
		tm.tm_sec = s[16] == ':' ? atoi(s + 17) : 0;
		const char *z = s + 16;
		while (*z && *z != 'Z' && *z != '+' && *z != '-')
			z++;
		if (*z == '+' || *z == '-')
			offset = (*z == '-' ? -1 : 1) * (atol(z + 1) * 3600 + atol(z + 4) * 60);
	}
	time_t t = timegm(&tm) - offset;
	struct tm out;
	if (!gmtime_r(&t, &out))
		return NULL;
	char text[32];
	strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &out);
	return arena_strdup(a, text);
}

/* "%text%" with LIKE's wildcards escaped by '\'. */
static const char *like_pattern(arena *a, const char *text)
{
	char *p = arena_alloc(a, 2 * strlen(text) + 3), *q = p;
	*q++ = '%';
	for (const char *s = text; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*q++ = '\\';
		*q++ = *s;
	}
	*q++ = '%';
	*q = '\0';
	return p;
}

static void invalid(struct req *r, json_t *list, const char *name, const char *msgid)
{
	json_array_append_new(list, json_pack("{s:s, s:s}", "name", name, "reason", T(r, msgid)));
}

/* The id as lower case, or NULL when it is not a UUID. */
static const char *uuid_param(arena *a, const char *v)
{
	if (!dir_is_uuid(v))
		return NULL;
	char *s = arena_strdup(a, v);
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

/* Check the query into *f; on bad parameters answer 400 and return -1.
 * offers: the text search goes through the finder (1: services, 2:
 * service_at_locations) instead of a name match. */
static int parse_filter(struct req *r, struct resp *w, struct dir_hsds_api_filter *f, int offers)
{
	struct form fm;
	memset(f, 0, sizeof(*f));
	f->proximity = -1;
	f->page = 1;
	f->per_page = PER_PAGE_DEFAULT;
	json_t *bad = json_array();
	form_validate(r, &r->query, params, P__COUNT, &fm);
	for (int i = 0; i < P__COUNT; i++)
		if (fm.err[i])
			invalid(r, bad, params[i].name, fm.err[i]);
	if (!fm.err[P_PAGE] && fm.val[P_PAGE])
		f->page = fm.num[P_PAGE];
	if (!fm.err[P_PER_PAGE] && fm.val[P_PER_PAGE])
		f->per_page = fm.num[P_PER_PAGE];
	const int ids[] = { P_TERM, P_TAXONOMY, P_ORG, P_PARENT };
	const char **dst[] = { &f->taxonomy_term_id, &f->taxonomy_id, &f->organization_id, &f->parent_id };
	for (size_t i = 0; i < NELEM(ids); i++) {
		const char *v = fm.val[ids[i]];
		if (v && !fm.err[ids[i]] && !(*dst[i] = uuid_param(r->a, v)))
			invalid(r, bad, params[ids[i]].name, N_("Das ist keine gültige UUID."));
	}
	if (fm.val[P_MODIFIED] && !fm.err[P_MODIFIED] &&
	    !(f->modified_after = utc_datetime(r->a, fm.val[P_MODIFIED])))
		invalid(r, bad, "modified_after",
			N_("Bitte ein Datum oder einen Zeitpunkt nach ISO 8601 angeben, z. B. 2024-05-01 oder "
			   "2024-05-01T12:00:00Z."));
	f->top_only = fm.val[P_TOP_ONLY] && strcmp(fm.val[P_TOP_ONLY], "true") == 0;
	if (fm.val[P_PROXIMITY] && !fm.err[P_PROXIMITY]) {
		if (!fm.val[P_POSTCODE])
			invalid(r, bad, "proximity", N_("proximity gilt nur zusammen mit postcode."));
		else
			f->proximity = fm.num[P_PROXIMITY];
	}
	if (fm.val[P_POSTCODE] && !fm.err[P_POSTCODE]) {
		f->postcode = fm.val[P_POSTCODE];
		int rc = dir_hsds_api_postcode(r->db, f->postcode, &f->lat, &f->lon);
		if (rc == ST_NOTFOUND) {
			invalid(r, bad, "postcode", N_("Diese Postleitzahl ist nicht bekannt."));
		} else if (rc != ST_OK) {
			json_decref(bad);
			server_error(r, w);
			return -1;
		}
	}
	if (json_array_size(bad)) {
		json_t *first = json_array_get(bad, 0);
		const char *detail = arena_printf(r->a, "%s: %s", json_string_value(json_object_get(first, "name")),
						  json_string_value(json_object_get(first, "reason")));
		problem(r, w, 400, detail, bad);
		return -1;
	}
	json_decref(bad);
	const char *text = fm.val[P_SEARCH];
	if (text && offers == 1 && !f->taxonomy_term_id && !f->taxonomy_id && !f->organization_id &&
	    !f->modified_after && !f->postcode) {
		/* the text alone: the finder pages it, all its results count */
		f->text = text;
		f->lang = r->lang;
		f->a = r->a;
	} else if (text && offers) {
		if (!(f->hits = dir_hsds_api_search_hits(r->db, r->a, text, r->lang, SEARCH_MAX_HITS))) {
			server_error(r, w);
			return -1;
		}
	} else if (text) {
		f->like = like_pattern(r->a, text);
	}
	return 0;
}

/* ---- handlers ---- */

void dir_hsds_api_root(struct req *r, struct resp *w)
{
	send_json(r, w, 200,
		  json_pack("{s:s, s:s, s:s}", "version", "3.0", "profile", PROFILE_URL, "openapi_url", OPENAPI_URL),
		  "application/json");
}

typedef json_t *(*list_fn)(struct store *, const struct dir_hsds_api_filter *, long *);

static void list(struct req *r, struct resp *w, list_fn fn, int offers)
{
	struct dir_hsds_api_filter f;
	if (parse_filter(r, w, &f, offers) != 0)
		return;
	long total = 0;
	json_t *c = fn(r->db, &f, &total);
	if (!c) {
		server_error(r, w);
		return;
	}
	send_json(r, w, 200, paged(total, f.page, f.per_page, c), "application/json");
}

void dir_hsds_api_services(struct req *r, struct resp *w)
{
	list(r, w, dir_hsds_api_list_services, 1);
}

void dir_hsds_api_sals(struct req *r, struct resp *w)
{
	list(r, w, dir_hsds_api_list_sals, 2);
}

void dir_hsds_api_orgs(struct req *r, struct resp *w)
{
	list(r, w, dir_hsds_api_list_orgs, 0);
}

void dir_hsds_api_taxonomies(struct req *r, struct resp *w)
{
	list(r, w, dir_hsds_api_list_taxonomies, 0);
}

void dir_hsds_api_terms(struct req *r, struct resp *w)
{
	list(r, w, dir_hsds_api_list_terms, 0);
}

/* One record by the id in the path: 400 when it is no UUID, 404 when
 * there is no public record of that id. */
static void one(struct req *r, struct resp *w, int kind)
{
	const char *id = r->nparams ? uuid_param(r->a, r->params[0]) : NULL;
	if (!id) {
		json_t *bad = json_array();
		invalid(r, bad, "id", N_("Das ist keine gültige UUID."));
		problem(r, w, 400, arena_printf(r->a, "id: %s", T(r, "Das ist keine gültige UUID.")), bad);
		return;
	}
	int status = ST_ERR;
	json_t *j = kind == 0	? dir_hsds_api_get_service(r->db, r->a, id, &status)
		    : kind == 1 ? dir_hsds_api_get_org(r->db, r->a, id, &status)
		    : kind == 2 ? dir_hsds_api_get_sal(r->db, r->a, id, &status)
		    : kind == 3 ? dir_hsds_api_get_taxonomy(r->db, id, &status)
				: dir_hsds_api_get_term(r->db, id, &status);
	if (j)
		send_json(r, w, 200, j, "application/json");
	else if (status == ST_NOTFOUND)
		not_found(r, w);
	else
		server_error(r, w);
}

void dir_hsds_api_service(struct req *r, struct resp *w)
{
	one(r, w, 0);
}

void dir_hsds_api_org(struct req *r, struct resp *w)
{
	one(r, w, 1);
}

void dir_hsds_api_sal(struct req *r, struct resp *w)
{
	one(r, w, 2);
}

void dir_hsds_api_taxonomy(struct req *r, struct resp *w)
{
	one(r, w, 3);
}

void dir_hsds_api_term(struct req *r, struct resp *w)
{
	one(r, w, 4);
}

void dir_hsds_api_unknown(struct req *r, struct resp *w)
{
	problem(r, w, 404, T(r, "Diesen Endpunkt gibt es in der HSDS-Schnittstelle nicht."), NULL);
}
