/* import_internal.h — what the files of the HSDS importer share: the
 * import under way, its messages and the whole (import.c), the checks of
 * cells, rows and references with the id index (import_check.c), and the
 * services and big lists read record by record (import_stream.c). */
#ifndef LOTSE_DIRECTORY_HSDS_IMPORT_INTERNAL_H
#define LOTSE_DIRECTORY_HSDS_IMPORT_INTERNAL_H

#include "directory/hsds/hsds_internal.h"

/* An import under way. */
struct dir_hsds_run {
	struct store *s;
	arena *a;
	buf *report;
	struct dir_hsds_import_result *res;
	struct dir_hsds_itab tab[HT__COUNT];
	int broken[HT__COUNT]; /* the file could not be read: its rows are unknown */
	int seen[HT__COUNT];   /* files of the table given */
	/* the lists read record by record (streamed()): where their bytes are
	 * (path: a file of the folder; else data, len), and their rows kept
	 * for records already stored, which are written last */
	const char *path[HT__COUNT];
	struct dir_hsds_file later[HT__COUNT];
	struct csvio_row *kept[HT__COUNT];
	size_t nkept[HT__COUNT], kept_cap[HT__COUNT];
	/* the ids of the records read record by record (services), read
	 * first, so that every reference to them can be checked */
	struct dir_hsds_ids ids[HT__COUNT];
	struct dir_hsds_ids history; /* the resource ids of metadata.csv */
};

/* ---- messages (import.c): each a line of the report ---- */

/* A problem: "file:line: column: text"; counted in res->nerrors. */
void __attribute__((format(printf, 5, 6)))
dir_hsds_problem(struct dir_hsds_run *c, const char *file, long line, const char *col, const char *fmt, ...);
/* A problem with row r's value v shown at the end. */
void __attribute__((format(printf, 6, 7)))
dir_hsds_bad_value(struct dir_hsds_run *c, const struct dir_hsds_itab *t, size_t r, const char *col, const char *v,
		   const char *fmt, ...);
/* A note: nothing refused; counted in res->nnotes. */
void __attribute__((format(printf, 3, 4)))
dir_hsds_note(struct dir_hsds_run *c, const char *file, const char *fmt, ...);

/* ---- checks (import_check.c) ---- */

/* For each table with ids: "SELECT 1 FROM table WHERE id = ?" (or NULL). */
extern const char *const dir_hsds_exists_sql[HT__COUNT];
/* Is a record of table t with this id stored (dir_hsds_exists_sql[t],
 * which must be set)? 1, 0, or -1 when the database cannot be read. */
int dir_hsds_stored(struct store *s, int t, const char *id);
/* The id index of t's rows (ids used twice are reported). */
void dir_hsds_index_build(struct dir_hsds_run *c, struct dir_hsds_itab *t);
/* s in lower case, in place. */
void dir_hsds_lower(const char *s);
/* Where each column of the header is in table ti; ok (1) or not. */
int dir_hsds_map_header(struct dir_hsds_run *c, int ti, const char *file, const char *const *header, size_t n,
			long line);
/* The required columns of a table with rows are there; ok (1) or not. */
int dir_hsds_required(struct dir_hsds_run *c, int ti, const char *file, long line);
/* The ids and references of row r of t in lower case. */
void dir_hsds_lower_ids(struct dir_hsds_itab *t, size_t r);
/* The values of row r of table ti; ignored[k] counts the values of
 * columns lotse does not keep. */
void dir_hsds_check_row(struct dir_hsds_run *c, int ti, size_t r, size_t *ignored);
/* A note for each column of ignored values. */
void dir_hsds_note_ignored(struct dir_hsds_run *c, int ti, const size_t *ignored);
/* Every row of a table held. */
void dir_hsds_check_table(struct dir_hsds_run *c, int ti);
/* An attribute's link_id (row r) names a record of its link_entity. */
void dir_hsds_check_link(struct dir_hsds_run *c, size_t r);
/* Checks across the columns of a service's row (row 0). */
void dir_hsds_check_service(struct dir_hsds_run *c);
/* Checks across the columns of the rows of the tables held. */
void dir_hsds_check_rows(struct dir_hsds_run *c);

/* ---- the lists read record by record (import_stream.c) ---- */

/* Is table ti read record by record (streamed), and are its ids read in
 * a first pass (keyed: services, which other files name)? */
int dir_hsds_streamed(int ti);
int dir_hsds_keyed(int ti);
/* The first pass over keyed table ti: its ids, each with whether it is
 * stored (c->ids[ti]). */
void dir_hsds_read_ids(struct dir_hsds_run *c, int ti);
/* Every list given, read, checked and written by l (NULL: checked only);
 * the first refused write's status, or ST_OK. */
int dir_hsds_stream_all(struct dir_hsds_run *c, struct dir_hsds_loader *l);

#endif
