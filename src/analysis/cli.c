/* cli.c — `lotse analyse coverage|gaps|funding|outcomes`: the analysis's
 * tables on the command line, as text or JSON. */
#include "analysis/analysis_internal.h"
#include "core/core.h"
#include "core/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const words[] = { "coverage", "gaps", "outcomes", "funding" };

int an_cli_word(const char *word)
{
	for (size_t i = 0; i < NELEM(words); i++)
		if (strcmp(word, words[i]) == 0)
			return 1;
	return 0;
}

static const char usage[] =
	"usage: lotse analyse coverage|gaps|outcomes|funding [--db PATH] [--json] [--from YYYY-MM-DD]\n"
	"                     [--to YYYY-MM-DD] [--district CODE] [--stage CODE] [--group CODE]\n"
	"                     [--language CODE]\n"
	"The filters are the pages' (von, bis, ort, phase, gruppe, sprache): a code of the\n"
	"taxonomy (\"-\": not stated), a language by its ISO 639 code.\n";

static void print_text(const struct an_table *t)
{
	printf("# %s\n", t->caption);
	for (size_t c = 0; c < t->ncols; c++)
		printf("%s%s", c ? "\t" : "", t->heads[c]);
	putchar('\n');
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t c = 0; c < t->ncols; c++)
			printf("%s%s", c ? "\t" : "", AN_CELL(t, i, c));
		putchar('\n');
	}
}

int an_cli(int argc, char **argv, const char *default_db)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },	  { "json", no_argument, NULL, 'j' },
		{ "from", required_argument, NULL, 'f' }, { "to", required_argument, NULL, 't' },
		{ "district", required_argument, NULL, 'o' }, { "stage", required_argument, NULL, 's' },
		{ "group", required_argument, NULL, 'g' },	  { "language", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	if (argc < 2 || !an_cli_word(argv[1])) {
		fputs(usage, stderr);
		return 2;
	}
	/* the filters, in the order of the pages' keys below */
	const char *word = argv[1], *db = default_db, *vals[6] = { NULL };
	int json = 0, c;
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'j': json = 1; break;
		case 'f': vals[0] = optarg; break;
		case 't': vals[1] = optarg; break;
		case 'o': vals[2] = optarg; break;
		case 's': vals[3] = optarg; break;
		case 'g': vals[4] = optarg; break;
		case 'l': vals[5] = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (optind != argc - 1) {
		fputs(usage, stderr);
		return 2;
	}
	struct store *s;
	char err[400];
	if (store_open(db, STORE_EXISTING, &s, err, sizeof(err)) != ST_OK || store_migrate(s, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "lotse: %s\n", err);
		store_close(s);
		return 1;
	}
	arena *a = arena_new();
	/* the tables are made for a request: one in German, on this database */
	struct req r = { .a = a, .lang = "de", .db = s, .path = "/intern/analyse" };
	/* the filters as the pages take them (validated the same way) */
	static const char *const keys[] = { "von", "bis", "ort", "phase", "gruppe", "sprache" };
	static const char *const opts[] = { "from", "to", "district", "stage", "group", "language" };
	static const int fields[] = { AQ_FROM, AQ_TO, AQ_DISTRICT, AQ_STAGE, AQ_GROUP, AQ_LANG };
	for (size_t i = 0; i < NELEM(keys); i++)
		if (vals[i])
			kv_add(a, &r.query, keys[i], vals[i], strlen(vals[i]));
	struct an_query q;
	struct an_ctx ctx;
	int rc = 1;
	if (an_query_read(&r, &q) != 0) {
		for (size_t i = 0; i < NELEM(fields); i++)
			if (q.f.err[fields[i]])
				fprintf(stderr, "lotse: --%s: %s\n", opts[i], i18n_get("en", q.f.err[fields[i]]));
		rc = 2;
		goto out;
	}
	if (an_ctx_load(&r, &ctx) != ST_OK) {
		fprintf(stderr, "lotse: the offers could not be read\n");
		goto out;
	}
	struct an_table *t[5] = { NULL };
	size_t ns = 0;
	if (strcmp(word, "outcomes") == 0) {
		const char *const *names;
		size_t nt = an_outcome_tables(&names);
		for (size_t i = 0; i < nt && i < NELEM(t) - 1; i++)
			if (!(t[i] = an_tab_outcomes(&r, &ctx, &q, names[i]))) {
				t[0] = NULL;
				break;
			}
	} else if (strcmp(word, "coverage") == 0) {
		t[0] = an_tab_coverage(&r, &ctx, &q);
	} else if (strcmp(word, "funding") == 0) {
		t[0] = an_tab_funding(&r, &ctx, &q);
		t[1] = an_tab_cliff(&r, &ctx, &q);
	} else {
		t[0] = an_tab_gaps(&r, &ctx, &q, &ns);
		if (t[0] && ns == 0 && !json)
			fprintf(stderr, "lotse: no need sources yet (surveys, counselling, interviews): no gaps to rank\n");
	}
	if (!t[0] || (strcmp(word, "funding") == 0 && !t[1])) {
		fprintf(stderr, "lotse: the %s could not be counted\n", word);
		goto out;
	}
	if (json) {
		json_t *j = json_object(), *fj = json_object(), *tables = json_array();
		for (size_t i = 0; q.filters[i]; i += 2)
			json_object_set_new(fj, q.filters[i], json_string(q.filters[i + 1]));
		json_object_set_new(j, "filters", fj);
		for (size_t i = 0; i < NELEM(t) && t[i]; i++)
			json_array_append_new(tables, an_table_json(t[i]));
		json_object_set_new(j, "tables", tables);
		if (strcmp(word, "gaps") == 0)
			json_object_set_new(j, "need_sources", json_integer((json_int_t)ns));
		char *text = json_dumps(j, JSON_INDENT(1));
		json_decref(j);
		if (!text) {
			fprintf(stderr, "lotse: the JSON could not be written\n");
			goto out;
		}
		puts(text);
		free(text);
	} else {
		for (size_t i = 0; i < NELEM(t) && t[i]; i++)
			print_text(t[i]);
	}
	rc = 0;
out:
	arena_free(a);
	store_close(s);
	return rc;
}
