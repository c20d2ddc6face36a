/* import.c — `lotse import oparl DIR`: OParl JSON objects (1.1, and the
 * 1.0 variants real servers still send: http://oparl.org/schema/1.0/...
 * types, organization as one string) into bodies, meetings and papers.
 * Organizations first, so that meetings find their body; an object whose
 * id was imported before is updated (the OParl id is the row's origin).
 * Each object is a savepoint: a bad one is reported and leaves nothing,
 * the rest are stored in the caller's one transaction. */
#include "policy/policy.h"
#include "policy/oparl_internal.h"
#include "auth/auth.h"
#include "core/buf.h"
#include "core/core.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_FILE (64u << 20) /* a file larger than this is refused */
#define MAX_TEXT 8000

enum { K_ORG, K_MEETING, K_PAPER, K_OTHER, K_BAD };

/* The kind of an OParl type URL of 1.1 or 1.0, *name its last segment. */
static int kind_of(const char *type, const char **name)
{
	static const char *const prefixes[] = { "https://schema.oparl.org/1.1/", "https://schema.oparl.org/1.0/",
						"http://oparl.org/schema/1.0/", "https://oparl.org/schema/1.0/" };
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		size_t n = strlen(prefixes[i]);
		if (strncmp(type, prefixes[i], n) != 0)
			continue;
		*name = type + n;
		if (strcmp(*name, "Organization") == 0)
			return K_ORG;
		if (strcmp(*name, "Meeting") == 0)
			return K_MEETING;
		if (strcmp(*name, "Paper") == 0)
			return K_PAPER;
		return K_OTHER;
	}
	return K_BAD;
}

/* A string member (NULL when absent; *bad set when present but not a
 * string or too long). */
static const char *str(json_t *o, const char *key, size_t max, int *bad)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return NULL;
	const char *s = json_string_value(v);
	if (!s || strlen(s) > max || memchr(s, 0, json_string_length(v)) != NULL) {
		*bad = 1;
		return NULL;
	}
	return s;
}

/* The first organization URL of a meeting or paper: an array (1.1) or
 * one string (1.0). */
static const char *first_org(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (json_is_array(v))
		v = json_array_get(v, 0);
	const char *s = json_string_value(v);
	return s && strlen(s) <= 500 ? s : NULL;
}

static const char *paper_kind(const char *t)
{
	if (!t)
		return "Vorlage";
	if (strstr(t, "Antrag") || strstr(t, "antrag"))
		return "Antrag";
	if (strstr(t, "Anfrage") || strstr(t, "anfrage"))
		return "Anfrage";
	if (strstr(t, "Stellungnahme"))
		return "Stellungnahme";
	return "Vorlage";
}

struct ctx {
	struct store *s;
	arena *a;
	buf *report;
	const char *now;
	long imported, refused;
};

static void refuse(struct ctx *c, const char *file, size_t i, const char *id, const char *why)
{
	buf_printf(c->report, "%s: Objekt %zu%s%s%s: %s\n", file, i + 1, id ? " (" : "", id ? id : "", id ? ")" : "",
		   why);
	c->refused++;
}

/* Store one object of kind k. ST_OK, ST_CONFLICT (refused, *why set) or ST_ERR. */
static int store_one(struct ctx *c, int k, json_t *o, const char *id, const char **why)
{
	int bad = 0;
	int deleted = json_is_true(json_object_get(o, "deleted"));
	const char *created = str(o, "created", 40, &bad), *modified = str(o, "modified", 40, &bad);
	const char *cu = created ? pol_utc(c->a, created) : c->now;
	const char *mu = modified ? pol_utc(c->a, modified) : c->now;
	if (bad || !cu || !mu) {
		*why = "created oder modified ist keine Zeitangabe";
		return ST_CONFLICT;
	}
	const char *name = str(o, "name", 500, &bad);
	if (bad) {
		*why = "name ist kein Text (höchstens 500 Zeichen)";
		return ST_CONFLICT;
	}
	if (deleted && !name)
		name = "(gelöscht)";
	sqlite3_stmt *st = NULL;
	if (k == K_ORG) {
		const char *shortn = str(o, "shortName", 100, &bad), *type = str(o, "organizationType", 100, &bad);
		const char *classification = str(o, "classification", 100, &bad), *website = str(o, "website", 500, &bad);
		if (bad || !name || !*name) {
			*why = bad ? "ein Feld ist kein Text oder zu lang" : "name fehlt";
			return ST_CONFLICT;
		}
		st = store_stmt(c->s, "INSERT INTO pol_body (origin, name, short_name, kind, website, created_at, "
				      "modified_at, deleted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (origin) DO "
				      "UPDATE SET name = excluded.name, short_name = excluded.short_name, kind = "
				      "excluded.kind, website = excluded.website, modified_at = excluded.modified_at, "
				      "deleted = excluded.deleted");
		if (!st)
			return ST_ERR;
		store_bind_str(st, 3, shortn);
		store_bind_str(st, 4, type ? type : classification ? classification : "Gremium");
		store_bind_str(st, 5, website);
	} else if (k == K_MEETING) {
		const char *start = str(o, "start", 40, &bad), *end = str(o, "end", 40, &bad);
		const char *su = start ? pol_utc(c->a, start) : NULL, *eu = end ? pol_utc(c->a, end) : NULL;
		if (bad || !su || (end && !eu)) {
			*why = "start fehlt oder ist keine Zeitangabe (etwa 2026-03-18T17:00:00+01:00)";
			return ST_CONFLICT;
		}
		json_t *loc = json_object_get(o, "location");
		const char *place = json_is_object(loc) ? str(loc, "description", 500, &bad) : NULL;
		if (!place && json_is_object(loc))
			place = str(loc, "streetAddress", 500, &bad);
		const char *state = json_is_true(json_object_get(o, "cancelled")) ? "cancelled"
				    : strcmp(su, c->now) < 0			  ? "held"
										  : "planned";
		st = store_stmt(c->s, "INSERT INTO pol_meeting (origin, name, created_at, modified_at, deleted, start_at, "
				      "end_at, place, state, body_id) VALUES (?1, ?2, ?6, ?7, ?8, ?3, ?4, ?5, ?9, (SELECT id "
				      "FROM pol_body WHERE origin = ?10)) ON CONFLICT (origin) DO UPDATE SET name = "
				      "excluded.name, modified_at = excluded.modified_at, deleted = excluded.deleted, "
				      "start_at = excluded.start_at, end_at = excluded.end_at, place = excluded.place, state "
				      "= excluded.state, body_id = excluded.body_id");
		if (!st)
			return ST_ERR;
		if (!name || !*name)
			name = arena_printf(c->a, "Sitzung am %.10s", su);
		store_bind_str(st, 3, su);
		store_bind_opt(st, 4, eu);
		store_bind_str(st, 5, bad ? NULL : place);
		store_bind_str(st, 9, state);
		store_bind_opt(st, 10, first_org(o, "organization"));
	} else {
		const char *ref = str(o, "reference", 100, &bad), *date = str(o, "date", 40, &bad);
		const char *ptype = str(o, "paperType", 200, &bad);
		if (date && strlen(date) > 10 && pol_utc(c->a, date))
			date = arena_printf(c->a, "%.10s", date);
		if (bad || !name || !*name || (date && !pol_is_date(date))) {
			*why = bad ? "ein Feld ist kein Text oder zu lang"
			       : (!name || !*name) ? "name fehlt"
						   : "date ist kein Datum (JJJJ-MM-TT)";
			return ST_CONFLICT;
		}
		st = store_stmt(c->s, "INSERT INTO pol_paper (origin, name, created_at, modified_at, deleted, reference, "
				      "date, kind, originator, public) VALUES (?1, ?2, ?6, ?7, ?8, ?3, ?4, ?5, ?9, 1) ON "
				      "CONFLICT (origin) DO UPDATE SET name = excluded.name, modified_at = "
				      "excluded.modified_at, deleted = excluded.deleted, reference = excluded.reference, "
				      "date = excluded.date, kind = excluded.kind, originator = excluded.originator");
		if (!st)
			return ST_ERR;
		store_bind_str(st, 3, ref);
		store_bind_opt(st, 4, date);
		store_bind_str(st, 5, paper_kind(ptype));
		store_bind_str(st, 9, "Import (OParl)");
	}
	store_bind_str(st, 1, id);
	store_bind_str(st, 2, name);
	store_bind_str(st, 6, cu);
	store_bind_str(st, 7, mu);
	sqlite3_bind_int(st, 8, deleted);
	int rc = store_exec_stmt(c->s, st);
	sqlite3_clear_bindings(st);
	if (rc == ST_CONFLICT)
		*why = "passt nicht zu den gespeicherten Daten";
	return rc;
}

/* Import the objects of all (an array of {"file", "objects"} in file
 * order), organizations first. */
static int import_all(struct ctx *c, json_t *all)
{
	for (int pass = K_ORG; pass <= K_OTHER; pass++) {
		size_t fi;
		json_t *f;
		json_array_foreach(all, fi, f)
		{
			const char *file = json_string_value(json_object_get(f, "file"));
			json_t *objs = json_object_get(f, "objects");
			size_t i;
			json_t *o;
			json_array_foreach(objs, i, o)
			{
				const char *tname = "";
				json_t *tv = json_is_object(o) ? json_object_get(o, "type") : NULL;
				int k = json_is_string(tv) ? kind_of(json_string_value(tv), &tname) : K_BAD;
				if (k == K_OTHER && pass == K_OTHER)
					continue; /* other types: not kept (persons, files ...) */
				if ((k == K_BAD && pass != K_OTHER) || (k != K_BAD && k != pass))
					continue;
				json_t *iv = json_is_object(o) ? json_object_get(o, "id") : NULL;
				const char *id = json_string_value(iv);
				if (k == K_BAD) {
					refuse(c, file, i, id && strlen(id) <= 200 ? id : NULL,
					       "kein OParl-Objekt (type fehlt oder ist kein OParl-Typ)");
					continue;
				}
				if (!id || strlen(id) > 500 ||
				    (strncmp(id, "https://", 8) != 0 && strncmp(id, "http://", 7) != 0)) {
					refuse(c, file, i, NULL, "id fehlt oder ist keine URL");
					continue;
				}
				struct store_tx tx;
				const char *why = NULL;
				int rc = store_tx_begin(c->s, &tx);
				if (rc == ST_OK)
					rc = store_one(c, k, o, id, &why);
				rc = store_tx_end(c->s, &tx, rc);
				if (rc == ST_OK)
					c->imported++;
				else if (rc == ST_CONFLICT)
					refuse(c, file, i, id, why ? why : "abgelehnt");
				else
					return ST_ERR;
			}
		}
	}
	return ST_OK;
}

/* The objects of one JSON text: an object list {"data": [...]}, an array,
 * or one object. NULL (and a report line) when it is no JSON. */
static json_t *objects_of(const char *name, const char *text, size_t len, buf *report, long *refused)
{
	json_error_t e;
	json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
	if (!j) {
		buf_printf(report, "%s: kein gültiges JSON (Zeile %d): %s\n", name, e.line, e.text);
		(*refused)++;
		return NULL;
	}
	json_t *data = json_is_object(j) ? json_object_get(j, "data") : NULL;
	json_t *out;
	if (json_is_array(data))
		out = json_incref(data);
	else if (json_is_array(j))
		out = json_incref(j);
	else
		out = json_pack("[O]", j);
	json_decref(j);
	return out;
}

int pol_import_text(struct store *s, const char *name, const char *text, size_t len, long *imported, buf *report)
{
	arena *a = arena_new();
	char now[21];
	pol_now(now);
	struct ctx c = { .s = s, .a = a, .report = report, .now = now };
	json_t *objs = objects_of(name, text, len, report, &c.refused);
	int rc = ST_OK;
	if (objs) {
		json_t *all = json_pack("[{s:s, s:o}]", "file", name, "objects", objs);
		rc = import_all(&c, all);
		json_decref(all);
	}
	*imported = c.imported;
	arena_free(a);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int pol_import_cli(const char *db, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "lotse: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0 && e->d_name[0] != '.') {
			names = realloc(names, (n + 1) * sizeof(*names));
			if (!names)
				abort();
			names[n++] = strdup(e->d_name);
		}
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	buf report = { 0 };
	long refused = 0;
	json_t *all = json_array();
	for (size_t i = 0; i < n; i++) {
		char *path = NULL;
		if (asprintf(&path, "%s/%s", dir, names[i]) < 0)
			abort();
		FILE *f = fopen(path, "rb");
		struct stat sb;
		if (!f || fstat(fileno(f), &sb) != 0 || sb.st_size > (off_t)MAX_FILE) {
			buf_printf(&report, "%s: kann nicht gelesen werden oder ist größer als 64 MB\n", names[i]);
			refused++;
		} else {
			char *text = malloc((size_t)sb.st_size + 1);
			if (!text)
				abort();
			size_t got = fread(text, 1, (size_t)sb.st_size, f);
			json_t *objs = objects_of(names[i], text, got, &report, &refused);
			if (objs)
				json_array_append_new(all, json_pack("{s:s, s:o}", "file", names[i], "objects", objs));
			free(text);
		}
		if (f)
			fclose(f);
		free(path);
	}
	struct store *s = NULL;
	char err[400];
	int status = 1;
	if (store_open(db, STORE_EXISTING, &s, err, sizeof(err)) != ST_OK || store_migrate(s, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "lotse: %s\n", err);
		goto out;
	}
	arena *a = arena_new();
	char now[21];
	pol_now(now);
	struct ctx c = { .s = s, .a = a, .report = &report, .now = now, .refused = refused };
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc == ST_OK)
		rc = import_all(&c, all);
	if (rc == ST_OK)
		rc = pol_search_refresh(s, NULL); /* findable right away */
	if (rc == ST_OK)
		rc = audit_add(s, 0, "policy.import.oparl", "oparl", "-",
			       c.refused ? "partial" : "ok");
	rc = store_tx_end(s, &tx, rc);
	arena_free(a);
	fputs(buf_str(&report), stderr);
	if (rc != ST_OK) {
		fprintf(stderr, "lotse: the import failed; nothing was stored\n");
		goto out;
	}
	printf("imported %ld OParl objects from %zu files; %ld refused\n", c.imported, n, c.refused);
	status = 0;
out:
	store_close(s);
	json_decref(all);
	buf_free(&report);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return status;
}
