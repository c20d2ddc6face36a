/* cli.c — the surveys on the command line: `lotse analyse` (a frequency
 * table or a crosstab, as JSON or as text) and `lotse survey list | show
 * CODE --json | activate CODE`. */
#include "surveys/surveys.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/stats.h"
#include "auth/auth.h"
#include "surveys/import_internal.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

static const char *default_db(void)
{
	const char *env = getenv("LOTSE_DB");
	return env && *env ? env : "var/lotse.db";
}

static int open_db(const char *path, struct store **s)
{
	char err[400];
	if (store_open(path, STORE_EXISTING, s, err, sizeof(err)) != ST_OK ||
	    store_migrate(*s, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "lotse: %s\n", err);
		store_close(*s);
		*s = NULL;
		return -1;
	}
	return 0;
}

/* Load the survey of code (the version collected). 0, or 1 said. */
static int load_code(struct store *s, arena *a, const char *code, struct survey *sv)
{
	int64_t id;
	int rc = survey_id_by_code(s, code, &id);
	if (rc == ST_OK)
		rc = survey_load(s, a, id, sv);
	if (rc == ST_NOTFOUND)
		fprintf(stderr, "lotse: there is no survey %s (see `lotse survey list`)\n", code);
	else if (rc != ST_OK)
		fprintf(stderr, "lotse: cannot read survey %s\n", code);
	return rc == ST_OK ? 0 : 1;
}

static const char analyse_usage[] =
	"usage: lotse analyse [--db PATH] CODE --freq Q [FILTER] [--weight W] [--json]\n"
	"       lotse analyse [--db PATH] CODE --crosstab Q1 Q2 [FILTER] [--weight W] [--json]\n"
	"FILTER: --where EXPR (over the answers), --complete (complete responses only),\n"
	"        --from DAY, --to DAY (started on or after, on or before; DAY is YYYY-MM-DD)\n"
	"The evidence loop's tables: lotse analyse coverage|gaps|outcomes|funding (see lotse analyse gaps --help)\n";

static void print_text_freq(json_t *j)
{
	printf("%s %s (n = %g, no answer %g, not shown %g)\n", json_string_value(json_object_get(j, "survey")),
	       json_string_value(json_object_get(j, "question")), json_number_value(json_object_get(j, "n")),
	       json_number_value(json_object_get(j, "no_answer")), json_number_value(json_object_get(j, "not_shown")));
	json_t *rows = json_object_get(j, "rows");
	for (size_t i = 0; i < json_array_size(rows); i++) {
		json_t *row = json_array_get(rows, i);
		printf("  %-12s %10g %7.1f %% %7.1f %%  %s\n", json_string_value(json_object_get(row, "code")),
		       json_number_value(json_object_get(row, "n")), json_number_value(json_object_get(row, "percent")),
		       json_number_value(json_object_get(row, "valid_percent")), json_string_value(json_object_get(row, "label")));
	}
}

static void print_text_xtab(json_t *j)
{
	json_t *cols = json_object_get(j, "col_codes"), *rows = json_object_get(j, "row_codes");
	printf("%s: %s x %s (n = %g)\n%12s", json_string_value(json_object_get(j, "survey")),
	       json_string_value(json_object_get(j, "row")), json_string_value(json_object_get(j, "col")),
	       json_number_value(json_object_get(j, "n")), "");
	for (size_t i = 0; i < json_array_size(cols); i++)
		printf(" %10s", json_string_value(json_array_get(cols, i)));
	printf("\n");
	json_t *counts = json_object_get(j, "counts");
	for (size_t i = 0; i < json_array_size(counts); i++) {
		json_t *line = json_array_get(counts, i);
		printf("%12s", json_string_value(json_array_get(rows, i)));
		for (size_t k = 0; k < json_array_size(line); k++)
			printf(" %10g", json_number_value(json_array_get(line, k)));
		printf("\n");
	}
	printf("chi2 = %g, df = %g, p = %g, Cramer's V = %g, smallest expected count %g, cells below 5: %g\n",
	       json_number_value(json_object_get(j, "chi2")), json_number_value(json_object_get(j, "df")),
	       json_number_value(json_object_get(j, "p")), json_number_value(json_object_get(j, "cramers_v")),
	       json_number_value(json_object_get(j, "min_expected")),
	       json_number_value(json_object_get(j, "cells_expected_below_5")));
	if (json_number_value(json_object_get(j, "cells_expected_below_5")) > 0)
		printf("warning: cells with an expected count below 5; the chi-square test may not hold\n");
}

int survey_cli_analyse(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },     { "freq", required_argument, NULL, 'f' },
		{ "crosstab", required_argument, NULL, 'x' }, { "where", required_argument, NULL, 'w' },
		{ "weight", required_argument, NULL, 'g' }, { "json", no_argument, NULL, 'j' },
		{ "complete", no_argument, NULL, 'c' },     { "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },     { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = default_db(), *freq = NULL, *xrow = NULL;
	struct survey_filter f = { 0 };
	int json = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'f': freq = optarg; break;
		case 'x': xrow = optarg; break;
		case 'w': f.where = optarg; break;
		case 'g': f.weight = optarg; break;
		case 'j': json = 1; break;
		case 'c': f.complete_only = 1; break;
		case 'F': f.from = optarg; break;
		case 'T': f.to = optarg; break;
		case 'h': fputs(analyse_usage, stdout); return 0;
		default: fputs(analyse_usage, stderr); return 2;
		}
	}
	/* CODE, and with --crosstab the second question */
	int npos = argc - optind;
	if (!!freq == !!xrow || npos != (xrow ? 2 : 1)) {
		fputs(analyse_usage, stderr);
		return 2;
	}
	const char *code = argv[optind], *xcol = xrow ? argv[optind + 1] : NULL;
	if ((f.from && !core_valid_date(f.from, 10)) || (f.to && !core_valid_date(f.to, 10))) {
		fprintf(stderr, "lotse: --from and --to take a day as YYYY-MM-DD, e.g. 2026-10-01\n");
		return 2;
	}
	struct store *s;
	if (open_db(db, &s) != 0)
		return 1;
	arena *a = arena_new();
	struct survey sv;
	int rc = load_code(s, a, code, &sv);
	struct survey_data *d = NULL;
	json_t *j = NULL;
	const char *err = NULL;
	if (rc == 0) {
		int k = survey_data_load(s, &sv, &f, &d, &err);
		if (k != ST_OK) {
			fprintf(stderr, "lotse: %s\n", err ? err : "cannot read the responses");
			rc = 1;
		}
	}
	if (rc == 0) {
		j = freq ? survey_freq_json(d, &sv, freq, &err) : survey_crosstab_json(d, &sv, xrow, xcol, &err);
		if (!j) {
			fprintf(stderr, "lotse: %s\n", err ? err : "cannot compute the table");
			rc = 1;
		}
	}
	if (j) {
		if (json) {
			char *out = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER);
			puts(out);
			free(out);
		} else if (freq) {
			print_text_freq(j);
		} else {
			print_text_xtab(j);
		}
		json_decref(j);
	}
	survey_data_free(d);
	arena_free(a);
	store_close(s);
	return rc;
}

/* ---- lotse survey ---- */

static json_t *texts_json(const struct survey_texts *t, const char *field)
{
	json_t *o = json_object();
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].field, field) == 0)
			json_object_set_new(o, t->v[i].lang, json_string(t->v[i].text));
	return o;
}

static json_t *options_json(const struct survey_option *o, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:o}", "code", o[i].code, "label", texts_json(&o[i].tx, "label")));
	return arr;
}

static json_t *survey_json(const struct survey *sv)
{
	json_t *langs = json_array(), *pages = json_array();
	for (size_t i = 0; i < sv->nlangs; i++)
		json_array_append_new(langs, json_string(sv->langs[i]));
	for (size_t p = 0; p < sv->npages; p++) {
		const struct survey_page *pg = &sv->pages[p];
		json_t *qs = json_array();
		for (size_t i = pg->first; i < pg->first + pg->n; i++) {
			const struct survey_question *q = &sv->qs[i];
			json_t *jq = json_pack("{s:s, s:s, s:b, s:o, s:o}", "code", q->code, "type",
					       survey_qtype_names[q->type], "mandatory", q->mandatory, "text",
					       texts_json(&q->tx, "text"), "help", texts_json(&q->tx, "help"));
			if (*q->cond)
				json_object_set_new(jq, "condition", json_string(q->cond));
			if (*q->cond_src)
				json_object_set_new(jq, "condition_source", json_string(q->cond_src));
			if (*q->cond_error)
				json_object_set_new(jq, "condition_error", json_string(q->cond_error));
			if (q->other)
				json_object_set_new(jq, "other", json_true());
			if (q->has_min)
				json_object_set_new(jq, "min", json_real(q->min_value));
			if (q->has_max)
				json_object_set_new(jq, "max", json_real(q->max_value));
			if (q->nopts)
				json_object_set_new(jq, "options", options_json(q->opts, q->nopts));
			if (q->nsubs)
				json_object_set_new(jq, "subquestions", options_json(q->subs, q->nsubs));
			json_array_append_new(qs, jq);
		}
		json_t *jp = json_pack("{s:o, s:o}", "title", texts_json(&pg->tx, "title"), "questions", qs);
		if (*pg->cond)
			json_object_set_new(jp, "condition", json_string(pg->cond));
		json_array_append_new(pages, jp);
	}
	return json_pack("{s:s, s:i, s:s, s:s, s:o, s:o, s:o}", "code", sv->code, "version", sv->version, "status",
			 sv->status, "kind", sv->kind, "languages", langs, "title", texts_json(&sv->tx, "title"), "pages",
			 pages);
}

static const char survey_usage[] = "usage: lotse survey list [--db PATH]\n"
				   "       lotse survey show [--db PATH] CODE --json\n"
				   "       lotse survey activate [--db PATH] CODE\n"
				   "       lotse survey import [--db PATH] FILE.lss|FILE.xlsx|FOLDER\n"
				   "       lotse survey export [--db PATH] CODE --format xlsform FILE.xlsx\n";

int survey_cli_survey(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = default_db(), *format = NULL;
	int json = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'j': json = 1; break;
		case 'f': format = optarg; break;
		case 'h': fputs(survey_usage, stdout); return 0;
		default: fputs(survey_usage, stderr); return 2;
		}
	}
	int npos = argc - optind;
	char **pos = argv + optind;
	int list = npos == 1 && strcmp(pos[0], "list") == 0;
	int show = npos == 2 && strcmp(pos[0], "show") == 0 && json;
	int activate = npos == 2 && strcmp(pos[0], "activate") == 0;
	int import = npos == 2 && strcmp(pos[0], "import") == 0; /* importing (#18) */
	int export = npos == 3 && strcmp(pos[0], "export") == 0 && format && strcmp(format, "xlsform") == 0;
	if (!list && !show && !activate && !import && !export) {
		fputs(survey_usage, stderr);
		return 2;
	}
	struct store *s;
	if (open_db(db, &s) != 0)
		return 1;
	if (import) {
		char err[600];
		size_t pl = strlen(pos[1]);
		int lss = pl > 4 && strcasecmp(pos[1] + pl - 4, ".lss") == 0;
		int k = lss ? survey_import_lss(s, pos[1], stdout, err, sizeof(err))
			    : survey_import_xlsform(s, pos[1], stdout, err, sizeof(err));
		if (k == ST_OK)
			k = audit_add(s, 0, "survey.import", "survey", pos[1], "ok");
		if (k != ST_OK)
			fprintf(stderr, "lotse: %s\n", *err ? err : "cannot import the survey");
		store_close(s);
		return k == ST_OK ? 0 : 1;
	}
	arena *a = arena_new();
	int rc = 0;
	if (list) {
		struct survey *v;
		size_t n;
		if (survey_list(s, a, &v, &n) != ST_OK) {
			fprintf(stderr, "lotse: cannot read the surveys\n");
			rc = 1;
		}
		for (size_t i = 0; rc == 0 && i < n; i++)
			printf("%s\tversion %d\t%s\t%ld responses (%ld complete)\t%s\n", v[i].code, v[i].version, v[i].status,
			       v[i].responses, v[i].complete, survey_tx(&v[i].tx, "title", "de"));
	} else {
		struct survey sv;
		rc = load_code(s, a, pos[1], &sv);
		if (rc == 0 && export) {
			int k = survey_export_xlsform(&sv, pos[2]);
			if (k == ST_OK)
				k = audit_add(s, 0, "survey.export", "survey", sv.code, "ok");
			if (k != ST_OK) {
				fprintf(stderr, "lotse: %s\n", k == ST_CONFLICT ? "the file exists already (or cannot be made)"
									   : "cannot write the XLSForm");
				rc = 1;
			} else {
				printf("exported survey %s, version %d, to %s\n", sv.code, sv.version, pos[2]);
			}
		} else if (rc == 0 && show) {
			json_t *j = survey_json(&sv);
			char *out = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			puts(out);
			free(out);
			json_decref(j);
		} else if (rc == 0) {
			int64_t id;
			const char **problems;
			size_t np = survey_check(a, &sv, &problems);
			/* the draft, when there is one, is what gets activated */
			int k = survey_draft_id(s, sv.code, &id);
			k = k == ST_OK ? 1 : k == ST_NOTFOUND ? 0 : -1;
			if (k > 0 && id != sv.id) {
				if (survey_load(s, a, id, &sv) != ST_OK)
					k = -1;
				else
					np = survey_check(a, &sv, &problems);
			}
			if (k < 0) {
				fprintf(stderr, "lotse: cannot read survey %s\n", pos[1]);
				rc = 1;
			} else if (k == 0) {
				fprintf(stderr, "lotse: survey %s is %s already; only a draft can be activated\n", sv.code,
					sv.status);
				rc = 1;
			} else if (np) {
				for (size_t i = 0; i < np; i++)
					fprintf(stderr, "%s: %s\n", sv.code, problems[i]);
				fprintf(stderr, "lotse: survey %s not activated\n", sv.code);
				rc = 1;
			} else if (survey_activate(s, sv.id) != ST_OK ||
				   audit_add(s, 0, "survey.activate", "survey", sv.code, "ok") != ST_OK) {
				fprintf(stderr, "lotse: cannot activate survey %s\n", sv.code);
				rc = 1;
			} else {
				printf("activated survey %s, version %d\n", sv.code, sv.version);
			}
		}
	}
	arena_free(a);
	store_close(s);
	return rc;
}

/* ---- lotse responses ---- */

/* The R export: the script to out (path), the CSV beside it (path with
 * .csv for its .R or .r, else added), which must not exist yet either. */
static int export_r(struct store *s, arena *a, const struct survey *sv, const char *path, FILE *out, long *rows)
{
	size_t n = strlen(path);
	if (n > 2 && (strcmp(path + n - 2, ".R") == 0 || strcmp(path + n - 2, ".r") == 0))
		n -= 2;
	const char *csv = arena_printf(a, "%.*s.csv", (int)n, path);
	const char *slash = strrchr(csv, '/');
	FILE *f = fopen(csv, "wx");
	if (!f) {
		fprintf(stderr, "lotse: cannot create %s (it must not exist yet)\n", csv);
		unlink(path); /* the script, made empty a moment ago */
		return ST_ERR;
	}
	int k = survey_responses_export_r(s, sv, out, f, slash ? slash + 1 : csv, stdout, rows);
	if (fclose(f) != 0)
		k = ST_ERR;
	if (k == ST_OK)
		printf("wrote %s, read by %s\n", csv, path);
	return k;
}

static const char responses_usage[] =
	"usage: lotse responses export [--db PATH] CODE --format csv|csv-labels|xlsx|sav|r FILE\n"
	"       (sav: an SPSS file; r: FILE an R script, and the CSV it reads beside it, FILE's\n"
	"        name with .csv for .R)\n"
	"       lotse responses import [--db PATH] CODE FILE.csv\n";

int survey_cli_responses(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = default_db(), *format = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'f': format = optarg; break;
		case 'h': fputs(responses_usage, stdout); return 0;
		default: fputs(responses_usage, stderr); return 2;
		}
	}
	int npos = argc - optind;
	char **pos = argv + optind;
	int exp = npos == 3 && strcmp(pos[0], "export") == 0 && format &&
		  (strcmp(format, "csv") == 0 || strcmp(format, "csv-labels") == 0 || strcmp(format, "xlsx") == 0 ||
		   strcmp(format, "sav") == 0 || strcmp(format, "r") == 0);
	int imp = npos == 3 && strcmp(pos[0], "import") == 0 && !format;
	if (!exp && !imp) {
		fputs(responses_usage, stderr);
		return 2;
	}
	struct store *s;
	if (open_db(db, &s) != 0)
		return 1;
	arena *a = arena_new();
	struct survey sv;
	int rc = load_code(s, a, pos[1], &sv);
	if (rc == 0 && exp) {
		FILE *out = fopen(pos[2], "wx");
		long rows = 0;
		if (!out) {
			fprintf(stderr, "lotse: cannot create %s (it must not exist yet)\n", pos[2]);
			rc = 1;
		} else {
			int k;
			if (strcmp(format, "xlsx") == 0) {
				/* the file was made above, so that an existing one is never replaced */
				k = fclose(out) == 0 ? survey_responses_export_xlsx(s, &sv, 0, pos[2], &rows) : ST_ERR;
				out = NULL;
			} else if (strcmp(format, "sav") == 0) {
				k = survey_responses_export_sav(s, &sv, out, stdout, &rows);
			} else if (strcmp(format, "r") == 0) {
				k = export_r(s, a, &sv, pos[2], out, &rows);
			} else {
				k = survey_responses_export(s, &sv, strcmp(format, "csv-labels") == 0, out, &rows);
			}
			if ((out && fclose(out) != 0) || k != ST_OK) {
				if (access(pos[2], F_OK) == 0)
					fprintf(stderr, "lotse: the export failed; %s is incomplete\n", pos[2]);
				else
					fprintf(stderr, "lotse: the export failed\n");
				rc = 1;
			} else {
				audit_add(s, 0, "survey_responses_export", "survey", sv.code, "ok");
				printf("exported %ld responses of survey %s to %s\n", rows, sv.code, pos[2]);
			}
		}
	} else if (rc == 0) {
		FILE *in = fopen(pos[2], "rb");
		long rows = 0, bad = 0;
		if (!in) {
			fprintf(stderr, "lotse: cannot read %s\n", pos[2]);
			rc = 1;
		} else {
			int k = survey_responses_import(s, &sv, in, stderr, &rows, &bad);
			fclose(in);
			if (k != ST_OK) {
				fprintf(stderr, "lotse: the import failed; nothing was stored\n");
				rc = 1;
			} else {
				audit_add(s, 0, "survey_responses_import", "survey", sv.code, "ok");
				printf("imported %ld responses into survey %s; %ld bad rows left out\n", rows, sv.code, bad);
				rc = bad ? 1 : 0;
			}
		}
	}
	arena_free(a);
	store_close(s);
	return rc;
}
