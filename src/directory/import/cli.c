/* cli.c — `lotse import offers FILE.csv`: the flat offer import on
 * the command line, with a progress bar when stderr is a terminal. */
#include "directory/import/import.h"
#include "auth/auth.h"
#include "directory/search/search.h"
#include "core/core.h"
#include "core/log.h"

#include <errno.h>
#include <libgen.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The whole of f (a file, or standard input for "-") in *data; 0 or -1. */
static int slurp(const char *file, char **data, size_t *len)
{
	FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	if (!f)
		return -1;
	size_t cap = 1 << 20, n = 0;
	char *b = xmalloc(cap);
	for (;;) {
		if (n == cap)
			b = xrealloc(b, cap *= 2);
		size_t got = fread(b + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int bad = ferror(f);
	if (f != stdin)
		fclose(f);
	if (bad) {
		free(b);
		return -1;
	}
	*data = b;
	*len = n;
	return 0;
}

struct bar {
	int64_t last_us;
	int drawn;
};

static void draw(void *ctx, size_t done, size_t total, long rows)
{
	struct bar *b = ctx;
	int64_t now = core_mono_us();
	if (done < total && now - b->last_us < 100000)
		return;
	b->last_us = now;
	int pct = total ? (int)(100.0 * (double)done / (double)total) : 100;
	char cells[31];
	int full = pct * 30 / 100;
	for (int i = 0; i < 30; i++)
		cells[i] = i < full ? '#' : '-';
	cells[30] = '\0';
	fprintf(stderr, "\r[%s] %3d %%  %ld Zeilen", cells, pct, rows);
	fflush(stderr);
	b->drawn = 1;
}

/* The import's pages go from the write-ahead log into the database file
 * on a second connection and thread, while the first builds the search
 * index (a checkpoint may run beside a writer). */
static void *checkpoint(void *path)
{
	struct store *s = NULL;
	char err[400];
	if (store_open(path, STORE_EXISTING, &s, err, sizeof(err)) == ST_OK)
		sqlite3_wal_checkpoint_v2(store_db(s), NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	store_close(s);
	return NULL;
}

int dir_import_offers_cli(const char *db, const char *file)
{
	char *data = NULL;
	size_t len = 0;
	if (slurp(file, &data, &len) != 0) {
		fprintf(stderr, "lotse: %s: %s\n", file, strerror(errno ? errno : EIO));
		return 1;
	}
	struct store *s = NULL;
	char err[400];
	if (store_open(db, STORE_EXISTING, &s, err, sizeof(err)) != ST_OK ||
	    store_migrate(s, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "lotse: %s\n", err);
		store_close(s);
		free(data);
		return 1;
	}
	/* a bulk write: a larger page cache (256 MB at most) spares re-reading
	 * index pages */
	store_exec(s, "PRAGMA cache_size = -262144");
	sqlite3_wal_autocheckpoint(store_db(s), 0); /* see checkpoint() */
	struct bar bar = { 0 };
	struct dir_import_opts o = { .who = "import" };
	if (isatty(STDERR_FILENO)) {
		o.progress = draw;
		o.progress_ctx = &bar;
	}
	arena *a = arena_new();
	struct dir_import_result res;
	int64_t t0 = core_mono_us();
	int rc = dir_import_offers(s, a, data, len, &o, &res);
	double secs = (double)(core_mono_us() - t0) / 1e6;
	/* the finder's index: the new offers are findable right away */
	size_t indexed = 0;
	int64_t t1 = core_mono_us();
	if (bar.drawn)
		fputs("\nSuchindex wird aktualisiert …", stderr);
	pthread_t ck;
	int ck_running = rc == ST_OK && pthread_create(&ck, NULL, checkpoint, (void *)db) == 0;
	int irc = rc == ST_OK && res.created + res.updated > 0 ? dir_search_catch_up(s, &indexed) : ST_OK;
	/* the file's name, not its folder (which may name a person) */
	char *copy = xstrdup(file);
	struct audit_entry e = {
		.action = "offers_import", .object_type = "file", .object_id = basename(copy),
		.outcome = rc == ST_OK && !res.refused ? "ok" : "failed",
		.detail = rc == ST_OK ? arena_printf(a, "%ld rows: %ld created, %ld updated, %ld refused", res.rows,
						     res.created, res.updated, res.bad) : "",
	};
	audit_write(s, &e);
	free(copy);
	double isecs = (double)(core_mono_us() - t1) / 1e6;
	if (ck_running)
		pthread_join(ck, NULL);
	store_close(s); /* the last connection: checkpoints the rest */
	free(data);
	if (bar.drawn)
		fputc('\n', stderr);
	for (size_t i = 0; i < res.n_notes; i++)
		fprintf(stderr, "%s\n", dir_import_problem_text(a, "de", &res.notes[i]));
	for (size_t i = 0; i < res.n_problems; i++)
		fprintf(stderr, "%s\n", dir_import_problem_text(a, "de", &res.problems[i]));
	int status = 0;
	if (rc != ST_OK) {
		fprintf(stderr, "lotse: Die Datenbank hat einen Fehler gemeldet; es wurde nichts importiert.\n");
		status = 1;
	} else if (res.refused) {
		fprintf(stderr, "lotse: Die Datei wurde nicht importiert.\n");
		status = 1;
	} else {
		printf("%s\n", dir_import_summary(a, "de", &res));
		printf("(%ld neu, %ld geändert, %ld unverändert, %ld abgelehnt, %ld neue Träger; %s, "
		       "Trennzeichen '%s'; %.2f s)\n",
		       res.created, res.updated, res.unchanged, res.bad, res.providers_created, res.encoding,
		       res.separator == '\t' ? "\\t" : (res.separator == ',' ? "," : ";"), secs);
		if (irc != ST_OK)
			fprintf(stderr, "lotse: Der Suchindex konnte nicht aktualisiert werden; die Suche holt das "
					"nach.\n");
		else if (indexed)
			printf("Suchindex: %zu Angebote in %.2f s\n", indexed, isecs);
		if (res.bad) {
			fprintf(stderr, "Die übrigen Zeilen sind importiert. Korrigieren Sie die genannten Zeilen und "
					"importieren Sie nur diese noch einmal.\n");
			status = 1;
		}
	}
	arena_free(a);
	return status;
}
