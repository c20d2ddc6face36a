/* import.h — the flat offer import: one spreadsheet row per offer
 * (columns in docs/import-offers.md), as `lotse import offers` and the
 * upload at /intern/import use it. */
#ifndef LOTSE_DIRECTORY_IMPORT_H
#define LOTSE_DIRECTORY_IMPORT_H

#include "core/arena.h"
#include "directory/directory.h"
#include "http/http.h"
#include "store/store.h"

#include <stddef.h>

/* One problem: a refused row (line > 0: the line of the file where the
 * row starts; the header is line 1) or the file as a whole (line 0).
 * msgid is a German UI string with placeholders {1} and {2} for arg1 and
 * arg2 (column name, value; NULL when unused). Strings in the result's arena. */
struct dir_import_problem {
	long line;
	const char *msgid;
	const char *arg1, *arg2;
	const char *column; /* the German header of the column at fault (static), or NULL */
};

/* A new or changed offer, for the link on the result page. */
struct dir_import_link {
	long line;          /* the row's line in the file */
	const char *id, *name;
	int changed;        /* 1: a stored offer changed; 0: a new one */
};

#define DIR_IMPORT_MAX_LINKS 1000 /* links kept; the rest are only counted */

struct dir_import_result {
	long rows;              /* data rows read (empty rows not counted) */
	/* rows written: new offers, stored offers changed (named by id, or
	 * recognised by provider, name and place) */
	long created, updated;
	long unchanged;         /* rows that named a stored offer and changed nothing */
	long bad;               /* rows refused (nothing of them was written) */
	long providers_created; /* Träger made because their name was new */
	int refused;            /* the file as a whole was refused: nothing written */
	const char *encoding;   /* "UTF-8" or "Windows-1252" as detected */
	char separator;         /* ';', ',' or '\t' as detected */
	/* the refused rows in file order (and, with refused, why the file was) */
	struct dir_import_problem *problems;
	size_t n_problems;
	/* notes that refuse nothing, e.g. an unknown column that was ignored */
	struct dir_import_problem *notes;
	size_t n_notes;
	/* the new and changed offers in file order (at most DIR_IMPORT_MAX_LINKS) */
	struct dir_import_link *links;
	size_t n_links;
};

/* Called now and then while importing (done <= total bytes). */
typedef void (*dir_import_progress)(void *ctx, size_t done, size_t total, long rows);

struct dir_import_opts {
	const char *who;              /* updated_by in the change log (e-mail or "import") */
	dir_import_progress progress; /* may be NULL */
	void *progress_ctx;
};

/* Import the CSV bytes data[0..len) (UTF-8 with or without BOM, or
 * Windows-1252; separator ';', ',' or tab, detected from the header line)
 * into s, in one transaction with a savepoint per row: every good row is
 * written whole, every bad row not at all and reported in out. Must be
 * called outside a transaction. out's strings live in a.
 * Returns ST_OK when the run finished (see out->bad and out->refused),
 * or ST_ERR when the database failed: then nothing was written. */
int dir_import_offers(struct store *s, arena *a, const char *data, size_t len,
		      const struct dir_import_opts *o, struct dir_import_result *out);

/* A problem as one line of text in lang: "Zeile 17: Alter von ist keine
 * Zahl: „sechzehn“" (owned by a). */
const char *dir_import_problem_text(arena *a, const char *lang, const struct dir_import_problem *p);

/* The summary line in lang: "Angebote importiert: N, Zeilen mit Fehlern: M". */
const char *dir_import_summary(arena *a, const char *lang, const struct dir_import_result *res);

/* `lotse import offers FILE` on the database db (FILE "-": standard
 * input): problems to stderr, the summary to stdout. Returns the exit
 * status: 0 when every row was imported, 1 otherwise. (cli.c) */
int dir_import_offers_cli(const char *db, const char *file);

/* ---- the upload in the staff area (routes.c; editors) ---- */
void dir_import_form(struct req *r, struct resp *w);   /* GET /intern/import */
void dir_import_upload(struct req *r, struct resp *w); /* POST /intern/import */
/* GET /intern/import/vorlage.csv: the header and an example row */
void dir_import_template(struct req *r, struct resp *w);

#endif
