/* export.c — writing the directory as HSDS 3.0 CSV files with a
 * datapackage.json, and the `lotse import|export hsds` commands. */
#include "directory/hsds/hsds_internal.h"
#include "core/core.h"
#include "core/csvio.h"
#include "auth/auth.h"
#include "directory/search/search.h"

#include <errno.h>
#include <jansson.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The shortest decimal text that reads back as v. */
static void fmt_double(char out[40], double v)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, 40, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

static int flush(FILE *f, buf *b)
{
	int ok = !b->err && fwrite(b->data ? b->data : "", 1, b->len, f) == b->len;
	buf_reset(b);
	return ok ? 0 : -1;
}

/* One table into path; adds its data rows to *rows. */
static int write_table(struct store *s, const struct dir_hsds_table *t, const char *path, long *rows, char *err,
		       size_t errlen)
{
	FILE *f = fopen(path, "wb");
	if (!f) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		return ST_ERR;
	}
	buf b;
	buf_init(&b, 0);
	int first = 1, rc = ST_OK;
	for (size_t k = 0; k < t->ncols; k++)
		csvio_field(&b, &first, t->cols[k].name);
	csvio_end(&b, &first);
	sqlite3_stmt *st = t->export_sql ? store_stmt(s, t->export_sql) : NULL;
	if (t->export_sql && !st)
		rc = ST_ERR;
	while (st && rc == ST_OK) {
		int step = store_step(st);
		if (step == 0)
			break;
		if (step < 0) {
			rc = ST_ERR;
			break;
		}
		for (size_t k = 0; k < t->ncols; k++) {
			char num[40];
			const char *v = NULL;
			int type = sqlite3_column_type(st, (int)k);
			if (type == SQLITE_NULL) {
				v = NULL;
			} else if (t->cols[k].flags & HC_ROLE) {
				v = dir_hsds_assurer();
			} else if (t->cols[k].kind == HK_BOOL) {
				v = sqlite3_column_int(st, (int)k) ? "true" : "false";
			} else if (type == SQLITE_FLOAT) {
				fmt_double(num, sqlite3_column_double(st, (int)k));
				v = num;
			} else {
				v = store_col_text(st, (int)k);
			}
			csvio_field(&b, &first, v);
		}
		csvio_end(&b, &first);
		(*rows)++;
		if (b.len > (1u << 16) && flush(f, &b) != 0)
			rc = ST_ERR;
	}
	if (st)
		sqlite3_reset(st);
	if (rc == ST_OK && flush(f, &b) != 0)
		rc = ST_ERR;
	if (fclose(f) != 0)
		rc = ST_ERR;
	buf_free(&b);
	if (rc != ST_OK)
		snprintf(err, errlen, "cannot export %s: %s", path,
			 errno ? strerror(errno) : sqlite3_errmsg(store_db(s)));
	return rc;
}

/* The Frictionless type of a column, as the HSDS datapackage names it. */
static const char *field_type(const struct dir_hsds_col *c)
{
	switch (c->kind) {
	case HK_INT:
		return c->flags & HC_EXTRA ? "integer" : "number";
	case HK_NUM:
		return "number";
	case HK_DATE:
		return "date";
	case HK_DATETIME:
		return "datetime";
	case HK_TIME:
		return "time";
	case HK_BOOL:
		return "boolean";
	default:
		return "string";
	}
}

static json_t *table_json(const struct dir_hsds_table *t)
{
	json_t *fields = json_array(), *fks = json_array();
	for (size_t k = 0; k < t->ncols; k++) {
		const struct dir_hsds_col *c = &t->cols[k];
		json_t *f = json_pack("{s:s, s:s}", "name", c->name, "type", field_type(c));
		if (c->kind == HK_ID || c->kind == HK_REF || c->kind == HK_UUID)
			json_object_set_new(f, "format", json_string("uuid"));
		if (c->kind == HK_TIME || c->kind == HK_DATETIME)
			json_object_set_new(f, "format", json_string("any"));
		json_t *cons = json_object();
		if (c->flags & HC_REQUIRED)
			json_object_set_new(cons, "required", json_true());
		if (c->kind == HK_ID)
			json_object_set_new(cons, "unique", json_true());
		if (c->kind == HK_ENUM) {
			json_t *e = json_array();
			for (const char *const *ch = c->choices; *ch; ch++)
				json_array_append_new(e, json_string(*ch));
			json_object_set_new(cons, "enum", e);
		}
		if (json_object_size(cons))
			json_object_set_new(f, "constraints", cons);
		else
			json_decref(cons);
		if (c->flags & HC_EXTRA)
			json_object_set_new(f, "description", json_string("lotse extension (not HSDS 3.0)"));
		else if (c->kind == HK_UNUSED)
			json_object_set_new(f, "description", json_string("not kept by lotse: always empty"));
		json_array_append_new(fields, f);
		if (c->kind == HK_REF && t->stored) {
			const char *res = c->ref == (int)(t - dir_hsds_tables) ? "" : dir_hsds_tables[c->ref].resource;
			json_array_append_new(fks, json_pack("{s:s, s:{s:s, s:s}}", "fields", c->name, "reference",
							     "resource", res, "fields", "id"));
		}
	}
	json_t *schema = json_pack("{s:o}", "fields", fields);
	if (t->has_id)
		json_object_set_new(schema, "primaryKey", json_string("id"));
	else
		json_object_set_new(schema, "primaryKey", json_pack("[s, s]", t->cols[0].name, t->cols[1].name));
	if (json_array_size(fks))
		json_object_set_new(schema, "foreignKeys", fks);
	else
		json_decref(fks);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "name", t->resource, "path", t->file, "title",
			 t->title, "profile", "tabular-data-resource", "format", "csv", "mediatype", "text/csv",
			 "encoding", "utf-8", "schema", schema);
}

static int write_datapackage(const char *dir, char *err, size_t errlen)
{
	json_t *res = json_array();
	for (int i = 0; i < HT__COUNT; i++)
		json_array_append_new(res, table_json(&dir_hsds_tables[i]));
	json_t *dp = json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "name", "human_services_data", "title",
		"Human Services Data Specification (lotse export)", "description",
		"Open Referral HSDS 3.0 tabular data exported by lotse. Columns and files marked "
		"as lotse extensions come after the HSDS ones; see docs/hsds.md.",
		"profile", "tabular-data-package", "version", "3.0.0", "homepage", "http://docs.openreferral.org",
		"resources", res);
	char *path = NULL;
	if (asprintf(&path, "%s/datapackage.json", dir) < 0)
		core_oom();
	int rc = json_dump_file(dp, path, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0 ? ST_OK : ST_ERR;
	if (rc != ST_OK)
		snprintf(err, errlen, "cannot write %s", path);
	free(path);
	json_decref(dp);
	return rc;
}

int dir_hsds_export(struct store *s, const char *dir, long *rows, char *err, size_t errlen)
{
	long n = 0;
	if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
		snprintf(err, errlen, "cannot create %s: %s", dir, strerror(errno));
		return ST_ERR;
	}
	/* one read transaction: the files agree with each other */
	struct store_tx tx;
	if (store_tx_read(s, &tx) != ST_OK) {
		snprintf(err, errlen, "cannot read the database");
		return ST_ERR;
	}
	int rc = ST_OK;
	for (int i = 0; i < HT__COUNT && rc == ST_OK; i++) {
		char *path = NULL;
		if (asprintf(&path, "%s/%s", dir, dir_hsds_tables[i].file) < 0)
			core_oom();
		errno = 0;
		rc = write_table(s, &dir_hsds_tables[i], path, &n, err, errlen);
		free(path);
	}
	rc = store_tx_end(s, &tx, rc);
	if (rc == ST_OK)
		rc = write_datapackage(dir, err, errlen);
	if (rows)
		*rows = n;
	return rc;
}

/* ---- command line ---- */

int dir_hsds_cli(const char *verb, const char *db, const char *dir)
{
	struct store *s;
	char err[512];
	if (store_open(db, STORE_EXISTING, &s, err, sizeof(err)) != ST_OK ||
	    store_migrate(s, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "lotse: %s\n", err);
		store_close(s);
		return 1;
	}
	int status = 0;
	if (strcmp(verb, "export") == 0) {
		long rows = 0;
		int rc = dir_hsds_export(s, dir, &rows, err, sizeof(err));
		char *copy = xstrdup(dir);
		struct audit_entry e = { .action = "hsds_export", .object_type = "folder", .object_id = basename(copy),
					 .outcome = rc == ST_OK ? "ok" : "failed" };
		char detail[64];
		snprintf(detail, sizeof(detail), "%ld rows", rows);
		e.detail = rc == ST_OK ? detail : "";
		audit_write(s, &e);
		free(copy);
		if (rc != ST_OK) {
			fprintf(stderr, "lotse: %s\n", err);
			status = 1;
		} else {
			printf("exported %ld rows in %d HSDS files to %s\n", rows, HT__COUNT, dir);
		}
	} else {
		buf report;
		buf_init(&report, 0);
		struct dir_hsds_import_result res;
		/* one transaction for everything: a page cache of 64 MB (the
		 * import's memory stays under 256 MB; what does not fit spills
		 * into the write-ahead log) */
		store_exec(s, "PRAGMA cache_size = -65536");
		int rc = dir_hsds_import_dir(s, dir, &report, &res);
		fputs(buf_str(&report), stderr);
		long all = 0;
		for (int i = 0; i < HT__COUNT; i++)
			all += res.rows[i];
		char *copy = xstrdup(dir), detail[200];
		snprintf(detail, sizeof(detail), "%ld organizations, %ld services, %ld locations, %ld terms, %ld rows; "
			 "%ld problems", res.rows[HT_ORG], res.rows[HT_SERVICE], res.rows[HT_LOCATION], res.rows[HT_TERM],
			 all, res.nerrors);
		struct audit_entry e = { .action = "hsds_import", .object_type = "folder", .object_id = basename(copy),
					 .outcome = rc == ST_OK && res.nerrors == 0 ? "ok" : "failed",
					 .detail = rc == ST_OK ? detail : "" };
		audit_write(s, &e);
		free(copy);
		if (rc != ST_OK || res.nerrors > 0) {
			fprintf(stderr, "lotse: %s: %ld problem%s; nothing was imported\n", dir, res.nerrors,
				res.nerrors == 1 ? "" : "s");
			status = 1;
		} else {
			/* the finder's index complete before the command returns:
			 * no request has to index, none sees half of it. One pass
			 * over every new offer in one transaction (the terms read
			 * once, the vocabulary's counts written once), not batches
			 * of a tenth of a second: the import held the write lock
			 * for longer, and the batches cost half as much again */
			size_t indexed = 0;
			int64_t t0 = core_mono_us();
			if (dir_search_refresh(s, 0, &indexed) != ST_OK) {
				fprintf(stderr, "lotse: the data are imported, but the search index could not be "
						"brought up to date; the server catches up on its own\n");
				status = 1;
			}
			printf("imported from %s: %ld organizations, %ld services, %ld locations, %ld taxonomy "
			       "terms, %ld rows in all; search index: %zu offers in %.1f s\n",
			       dir, res.rows[HT_ORG], res.rows[HT_SERVICE], res.rows[HT_LOCATION], res.rows[HT_TERM], all,
			       indexed, (double)(core_mono_us() - t0) / 1e6);
		}
		buf_free(&report);
	}
	store_close(s);
	return status;
}
