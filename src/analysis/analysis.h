/* analysis.h — the evidence loop: where offers and needs do not meet.
 *
 * Coverage counts the directory's current offers (dir_facts) by
 * transition stage × target group × district × language of the offer,
 * with their places, cost and funding; funding shows offers and places by
 * funder and programme and the funding cliff; a monthly snapshot kept by
 * `lotse maintenance` compares coverage between two dates; the gap report
 * ranks cells where needs are high and offers few, from the need sources
 * that surveys, counselling and interviews register (counselling: needs.c). Staff
 * pages at /intern/analyse (researchers and editors), the public page
 * /angebotslandschaft, `lotse analyse coverage|gaps|funding --json`.
 *
 * The counting is pure (coverage.c, gaps.c): facts in, cells out, no I/O,
 * so that the tests build facts whose answer is known by construction.
 * Strings are owned by the arena passed in. */
#ifndef LOTSE_ANALYSIS_H
#define LOTSE_ANALYSIS_H

#include "core/arena.h"
#include "directory/directory.h"
#include "html/layout.h"
#include "http/http.h"
#include "store/store.h"

#include <stddef.h>

/* The smallest count a public or personal figure may show: a cell under
 * it is shown as "< 5" (the public page, needs, later outcomes). */
#define AN_MIN_CELL 5

/* ---- small numbers (suppress.c) ----
 * Primary suppression hides every count from 1 to AN_MIN_CELL - 1 ("< 5").
 * Secondary suppression then looks at each line of the table — a total
 * and the counts it is made of — and, wherever a reader could work out a
 * hidden count (or, on an open line, the rest no cell shows, when it is
 * 1 to 4) from the counts the line shows, hides the smallest shown count
 * of that line that is not 0 (else its total) with the mark AN_GUARD_TEXT,
 * until no line gives one away. A reader's knowledge: a shown count
 * exactly, "< 5" as 1 to 4, the guard's mark as at least 5. */
#define AN_GUARD_TEXT "•"
enum { AN_SHOWN, AN_SMALL, AN_GUARD };
struct an_supp_line {
	size_t total;        /* the cell of the total */
	const size_t *parts; /* the cells it is made of */
	size_t nparts;
	int open; /* 1: the parts need not add up to the total (a rest no cell shows) */
};
struct an_supp {
	size_t n;
	long *v;                  /* the counts, set by the caller */
	unsigned char *state;     /* AN_SHOWN, AN_SMALL, AN_GUARD: set by an_suppress */
	unsigned char *zero_small; /* 1: a 0 is hidden as "< 5" too (a share of nothing) */
	struct an_supp_line *lines;
	size_t nlines, cap_lines;
	arena *a;
};
/* ncells counts, all 0 and shown, without lines; in a. */
void an_supp_init(arena *a, struct an_supp *s, size_t ncells);
/* A line: total = parts[0] + ... (+ a rest >= 0 when open); parts copied. */
void an_supp_line(struct an_supp *s, size_t total, const size_t *parts, size_t nparts, int open);
/* Decide which counts are shown (primary, then secondary suppression). */
void an_suppress(struct an_supp *s);
/* Cell i as text: the count, "< 5" or AN_GUARD_TEXT (in a). */
const char *an_supp_text(arena *a, const struct an_supp *s, size_t i);

/* The dimensions of a coverage cell, in this order everywhere. */
enum an_dim { AN_STAGE, AN_GROUP, AN_DISTRICT, AN_LANG, AN_DIMS };
#define AN_MASK(d) (1u << (d))
#define AN_ALL_DIMS ((1u << AN_DIMS) - 1)
/* The name of a dimension in URLs, CSV heads and JSON ("phase", "gruppe",
 * "ort", "sprache"). */
extern const char *const an_dim_keys[AN_DIMS];

/* What counts: the offers that run on some day of [from, to] (either NULL:
 * open on that side; an offer without dates always runs) and carry code
 * in each dimension where code is set (NULL: any; "" : those that state
 * none in that dimension). */
struct an_filter {
	const char *from, *to;         /* "YYYY-MM-DD" */
	const char *code[AN_DIMS];
};

/* Does the offer f pass filt? */
int an_filter_match(const struct an_filter *filt, const struct dir_fact *f);

/* The values of each dimension, in display order: index 0 is "not
 * stated" (code ""), then the taxonomy's terms in their order (languages:
 * as they first appear, sorted by code). */
struct an_dims {
	const char **codes[AN_DIMS];
	const char **labels[AN_DIMS];  /* in the reader's language */
	size_t n[AN_DIMS];
	/* the kinds of offer (taxonomy Angebotsart): what a need asks for */
	const char **kind_codes, **kind_labels;
	size_t n_kinds;
};
/* The dimensions from the directory's taxonomies in lang and the
 * languages the offers in f[0..n) are given in. ST_OK or ST_ERR. */
int an_dims_load(struct store *s, arena *a, const char *lang, const struct dir_fact *f, size_t n,
		 struct an_dims *out);
/* The label of code in dimension d ("(ohne Angabe)" for "", the code
 * itself when unknown); "(alle)" for "*". msgids translated into lang. */
const char *an_dims_label(const struct an_dims *dims, enum an_dim d, const char *code, const char *lang);
/* The label of a kind of offer (an Angebotsart code; the code itself when
 * unknown). */
const char *an_kind_label(const struct an_dims *dims, const char *code);

/* One cell: one code per dimension ("*" where the count is over all of
 * that dimension), with the number of distinct offers in it. */
struct an_cell {
	const char *code[AN_DIMS];
	long offers;
	long places;     /* sum of the stated places */
	long no_places;  /* offers that state none */
	long free;       /* offers free of charge */
	long funded;     /* offers with a funder or funding source */
};

/* A coverage: the cells with at least one offer, in the dimensions'
 * display order; and the distinct offers that passed the filter. */
struct an_coverage {
	unsigned mask;            /* the dimensions counted apart */
	struct an_cell *cells;
	size_t n;
	struct an_cell total;     /* every code "*" */
};

/* Count the offers f[0..n) that pass filt by the dimensions in mask
 * (others "*"): an offer is counted once in every combination of its
 * codes (one with two languages in two cells), once in total. Offers
 * that state no code of a dimension count under "". ST_OK, or ST_ERR when
 * the combinations would exceed AN_MAX_CELLS. */
#define AN_MAX_CELLS (1L << 22)
int an_coverage_count(arena *a, const struct an_dims *dims, const struct dir_fact *f, size_t n,
		      const struct an_filter *filt, unsigned mask, struct an_coverage *out);

/* The offers of one cell (codes as in the filter; NULL any) into *out
 * (pointers into f), in the order of f. */
void an_cell_offers(arena *a, const struct dir_fact *f, size_t n, const struct an_filter *cell,
		    const struct dir_fact ***out, size_t *nout);

/* ---- funding (coverage.c) ---- */

/* Offers and places by funder (a Förderung term code; programme "") and
 * by programme (a funding source as text; funder ""): an offer counts
 * under each of its funders and each of its programmes, and under
 * programme "" (none stated) when it names none. Funders first (in code
 * order), then programmes, "" last. */
struct an_funding_row {
	const char *funder, *programme;
	long offers, places;
};
void an_funding_count(arena *a, const struct dir_fact *f, size_t n, const struct an_filter *filt,
		      struct an_funding_row **out, size_t *nout);
/* The funding cliff: the offers passing filt whose funding ends (valid_to)
 * in [today, today + 12 months], the soonest first (then by id). today
 * "YYYY-MM-DD". */
void an_funding_cliff(arena *a, const struct dir_fact *f, size_t n, const struct an_filter *filt,
		      const char *today, const struct dir_fact ***out, size_t *nout);

/* ---- needs and gaps (gaps.c) ---- */

/* A need counted for one cell by a source: codes per dimension (NULL: the
 * source does not say), the count (weighted where the source weighs),
 * and what it is in words ("Bedarfe aus der Beratung": a msgid) with an
 * optional share (percent, -1 none: "23 % der Befragten dieser Gruppe")
 * and a link to the numbers behind it (NULL none). */
struct an_need {
	const char *code[AN_DIMS];
	double count;
	const char *what;       /* msgid: "Bedarfe aus der Beratung" */
	double share;           /* percent, or -1 */
	const char *share_what; /* msgid: "der Befragten dieser Gruppe" */
	const char *href;
	const char *need;       /* the kind of offer needed (Angebotsart code), NULL: not said */
	const char *detail;     /* words of the source after what ("Angebot zu weit weg": a reason as
				 * typed, not translated), NULL none; named only where AN_MIN_CELL or
				 * more of a gap's count give it, else counted without it */
};

/* A provider of needs: surveys, counselling and interviews each register
 * one (an_needs_register, at start before serving). needs fills *out for
 * the filter (its date range and district), in a. ST_OK or ST_ERR. */
struct an_need_source {
	const char *name; /* msgid, e.g. "Beratung" */
	int (*needs)(struct store *s, arena *a, const struct an_filter *filt, struct an_need **out, size_t *n);
};
#define AN_NEED_SOURCES_MAX 8
/* Register src (static storage); 0, or -1 when there are too many. */
int an_needs_register(const struct an_need_source *src);
/* The registered sources. */
size_t an_need_sources(const struct an_need_source *const **out);
/* Register the sources lotse has (needs.c): counselling's needs recorded
 * on consenting cases and its referrals declined or dropped. Once, before
 * serving; registering again does nothing. */
void an_needs_defaults(void);
/* Forget them all (tests). */
void an_needs_reset(void);
/* Read the needs of every registered source into *out. ST_OK or ST_ERR. */
int an_needs_collect(struct store *s, arena *a, const struct an_filter *filt, struct an_need **out, size_t *n);

/* One gap: a cell of needs (NULL where no source said), the needs summed
 * (each part kept for the sentence), the distinct offers and places there. */
struct an_gap_part {
	const char *what, *share_what, *href, *detail;
	double count, share;
	unsigned char state; /* AN_SHOWN, AN_SMALL, AN_GUARD (suppress.c) */
};
struct an_gap {
	const char *code[AN_DIMS];
	const char *need;  /* the kind of offer needed, NULL: not said (offers of any kind count) */
	double needs;
	struct an_gap_part *parts;
	size_t nparts;
	long offers, places;
	double score;    /* needs per offer: needs / (offers + 1) */
	unsigned char needs_state; /* of needs: AN_SHOWN or AN_GUARD (suppress.c) */
};
/* Sum needs[0..n) by cell and kind needed, count the offers of f[0..nf)
 * that pass filt in each (of that kind, where a kind is needed), and rank: score, then needs, the highest first; then the
 * codes. Cells with fewer needs than AN_MIN_CELL are left out (a count
 * that small names people, and is no basis for a gap); in the others, the
 * parts and the sum are one line of an_suppress (whole numbers), so that no
 * part under 5 can be worked out from the sum less the others. */
void an_gaps_rank(arena *a, const struct an_need *needs, size_t n, const struct dir_fact *f, size_t nf,
		  const struct an_filter *filt, struct an_gap **out, size_t *nout);
/* The gap in a sentence a committee reads, in lang: "Ausbildungsbegleitung
 * für Geflüchtete auf Arabisch in Mainz-Neustadt: 14 Bedarfe aus der
 * Beratung, 23 % der Befragten dieser Gruppe; kein Angebot." */
const char *an_gap_sentence(arena *a, const char *lang, const struct an_dims *dims, const struct an_gap *g);

/* ---- the offers, kept between requests (cache.c) ---- */

/* The current offers as dir_facts gives them, read again only when the
 * database changed since the last read on this connection (any commit, by
 * any connection: store_change_mark). Owned by the connection's cache:
 * valid until the next call on s (a request calls it once). ST_OK or ST_ERR. */
int an_facts(struct store *s, struct dir_fact **f, size_t *n);
/* Drop the offers and outcome counts kept on s (the benchmark's cold read). */
void an_facts_forget(struct store *s);

/* ---- the monthly snapshot (model.c; migration 0034) ---- */

/* Store the coverage of today as the snapshot of month ("YYYY-MM"),
 * replacing one of the same month: the cells of all four dimensions,
 * district × stage, and the total. *cells: the rows written. ST_OK or
 * ST_ERR. For `lotse maintenance`. */
int an_snapshot_take(struct store *s, const char *month, long *cells);
/* The months with a snapshot, the newest first. ST_OK or ST_ERR. */
int an_snapshot_months(struct store *s, arena *a, const char ***out, size_t *n);
/* The snapshot of month counted by mask (AN_ALL_DIMS, district × stage,
 * or 0: the total) into *out; none stored: an empty coverage. ST_OK or
 * ST_ERR. */
int an_snapshot_read(struct store *s, arena *a, const char *month, unsigned mask, struct an_coverage *out);

/* ---- the command line (cli.c) ---- */

/* `lotse analyse coverage|gaps|funding [--db PATH] [--json] [--from D]
 * [--to D] [--district CODE]`: argc/argv from the word "analyse" on.
 * Exit status. */
int an_cli(int argc, char **argv, const char *default_db);
/* Is word one of the subcommands of an_cli (not a survey code)? */
int an_cli_word(const char *word);

/* ---- pages (routes.c, public.c) and the dashboard (panel.c) ---- */

void an_staff_home(struct req *r, struct resp *w);      /* /intern/analyse: coverage, heat map */
void an_staff_cell(struct req *r, struct resp *w);      /* /intern/analyse/angebote: a cell's offers */
void an_staff_funding(struct req *r, struct resp *w);   /* /intern/analyse/foerderung */
void an_staff_compare(struct req *r, struct resp *w);   /* /intern/analyse/vergleich */
void an_staff_gaps(struct req *r, struct resp *w);      /* /intern/analyse/luecken */
void an_staff_outcomes(struct req *r, struct resp *w);  /* /intern/analyse/ergebnisse */
void an_staff_report(struct req *r, struct resp *w);    /* /intern/analyse/bericht: printable */
void an_staff_data(struct req *r, struct resp *w);      /* /intern/analyse/daten/{table}.{csv|xlsx|json} */
void an_public_landscape(struct req *r, struct resp *w);  /* /angebotslandschaft */
void an_public_data(struct req *r, struct resp *w);       /* /angebotslandschaft/daten.{csv|json} */
int an_staff_panel(struct req *r, struct layout_card *out);

#endif
