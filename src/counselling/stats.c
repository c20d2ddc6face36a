/* stats.c — the network's statistics of counselling at
 * /intern/statistik/beratung (and ?format=json): aggregates only, only
 * from cases with live consent to statistics, every count under
 * COUNSEL_MIN_CELL suppressed. Caseload, referrals by offer and status,
 * outcomes by stage, target group and language, and the time from the
 * first session to a training place. */
#include "counselling/counselling_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define COUNSEL_MIN_CELL 5

#define CONSENTING                                                                                       \
	"EXISTS (SELECT 1 FROM counsel_consent k WHERE k.case_id = c.id AND k.purpose = 'statistics' AND " \
	"k.withdrawn_on IS NULL)"

struct cell {
	const char *a, *b;
	long n;
};
struct table {
	const char *name, *title, *head_a, *head_b;
	struct cell *cells;
	size_t n;
};

static const char *const table_sql[] = {
	"SELECT c.status, '', count(*) FROM counsel_case c WHERE " CONSENTING " GROUP BY c.status ORDER BY c.status",
	"SELECT r.service_name, r.status, count(*) FROM counsel_referral r JOIN counsel_case c ON c.id = r.case_id "
	"WHERE " CONSENTING " GROUP BY r.service_name, r.status ORDER BY r.service_name, r.status",
	"SELECT c.stage, o.result, count(*) FROM counsel_outcome o JOIN counsel_case c ON c.id = o.case_id WHERE "
	"o.result IS NOT NULL AND " CONSENTING " GROUP BY c.stage, o.result ORDER BY c.stage, o.result",
	"SELECT c.target_group, o.result, count(*) FROM counsel_outcome o JOIN counsel_case c ON c.id = o.case_id "
	"WHERE o.result IS NOT NULL AND " CONSENTING " GROUP BY c.target_group, o.result ORDER BY c.target_group, "
	"o.result",
	"SELECT c.languages, o.result, count(*) FROM counsel_outcome o JOIN counsel_case c ON c.id = o.case_id WHERE "
	"o.result IS NOT NULL AND " CONSENTING " GROUP BY c.languages, o.result ORDER BY c.languages, o.result",
};

static int load(struct store *s, arena *a, const char *sql, struct table *t)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	if (!st)
		return ST_ERR;
	size_t cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		t->cells = arena_grow(a, t->cells, t->n, &cap, sizeof(*t->cells), 16);
		t->cells[t->n++] = (struct cell){ store_col_str(a, st, 0), store_col_str(a, st, 1),
						  (long)sqlite3_column_int64(st, 2) };
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

static long days_between(const char *from, const char *to)
{
	struct tm a = { 0 }, b = { 0 };
	if (sscanf(from, "%d-%d-%d", &a.tm_year, &a.tm_mon, &a.tm_mday) != 3 ||
	    sscanf(to, "%d-%d-%d", &b.tm_year, &b.tm_mon, &b.tm_mday) != 3)
		return -1;
	a.tm_year -= 1900, b.tm_year -= 1900, a.tm_mon--, b.tm_mon--;
	return (long)((timegm(&b) - timegm(&a)) / 86400);
}

static int cmp_long(const void *x, const void *y)
{
	long a = *(const long *)x, b = *(const long *)y;
	return (a > b) - (a < b);
}

/* The days from each consenting case's first session to its first
 * outcome "apprenticeship": their number and median into *n, *median. */
static int time_to_training(struct store *s, long *n, long *median)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT (SELECT min(v.held_on) FROM counsel_session v WHERE v.case_id = c.id), "
					 "(SELECT min(o.recorded_on) FROM counsel_outcome o WHERE o.case_id = c.id AND "
					 "o.result = 'apprenticeship') FROM counsel_case c WHERE " CONSENTING);
	if (!st)
		return ST_ERR;
	long *v = NULL;
	size_t cap = 0, k = 0;
	int step;
	while ((step = store_step(st)) > 0) {
		if (sqlite3_column_type(st, 0) == SQLITE_NULL || sqlite3_column_type(st, 1) == SQLITE_NULL)
			continue;
		long d = days_between(store_col_text(st, 0), store_col_text(st, 1));
		if (d < 0)
			continue;
		v = xgrow(v, k, &cap, sizeof(*v), 64);
		v[k++] = d;
	}
	sqlite3_reset(st);
	*n = (long)k;
	*median = 0;
	if (k) {
		qsort(v, k, sizeof(*v), cmp_long);
		*median = k % 2 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
	}
	free(v);
	return step == 0 ? ST_OK : ST_ERR;
}

static const char *label_of(struct req *r, const struct counsel_terms *terms, const char *table, int col,
			    const char *v)
{
	if (!*v)
		return col == 1 && strcmp(table, "caseload") == 0 ? "" : T(r, "nicht angegeben");
	if (strcmp(table, "caseload") == 0)
		return strcmp(v, "open") == 0 ? T(r, "offen") : T(r, "abgeschlossen");
	if (col == 1 && strcmp(table, "referrals") == 0)
		return T(r, counsel_label(counsel_statuses, counsel_status_labels, v));
	if (col == 1)
		return T(r, counsel_label(counsel_results, counsel_result_labels, v));
	if (strcmp(table, "outcomes_by_stage") == 0)
		return counsel_term_name(terms, "uebergangsphase", v);
	if (strcmp(table, "outcomes_by_group") == 0)
		return counsel_term_name(terms, "zielgruppe", v);
	return v;
}

void counsel_stats_page(struct req *r, struct resp *w)
{
	struct table t[] = {
		{ "caseload", N_("Fälle"), N_("Stand"), "", NULL, 0 },
		{ "referrals", N_("Vermittlungen nach Angebot und Stand"), N_("Angebot"), N_("Stand"), NULL, 0 },
		{ "outcomes_by_stage", N_("Ergebnisse nach Phase"), N_("Phase"), N_("Ergebnis"), NULL, 0 },
		{ "outcomes_by_group", N_("Ergebnisse nach Zielgruppe"), N_("Zielgruppe"), N_("Ergebnis"), NULL, 0 },
		{ "outcomes_by_language", N_("Ergebnisse nach Sprachen"), N_("Sprachen"), N_("Ergebnis"), NULL, 0 },
	};
	long nt = 0, median = 0;
	struct store_tx tx;
	int rc = store_tx_read(r->db, &tx);
	for (size_t i = 0; rc == ST_OK && i < NELEM(t); i++)
		rc = load(r->db, r->a, table_sql[i], &t[i]);
	if (rc == ST_OK)
		rc = time_to_training(r->db, &nt, &median);
	rc = store_tx_end(r->db, &tx, rc);
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, "counsel_stats", "counsel_stats", "-", "ok", NULL);
	const char *fmt = kv_get(&r->query, "format");
	if (fmt && strcmp(fmt, "json") == 0) {
		json_t *o = json_pack("{s:i, s:s}", "min_cell", COUNSEL_MIN_CELL, "population",
				      "cases with live consent to statistics");
		json_t *tables = json_object();
		for (size_t i = 0; i < NELEM(t); i++) {
			json_t *rows = json_array();
			for (size_t k = 0; k < t[i].n; k++)
				json_array_append_new(rows, json_pack("{s:s, s:s, s:o}", "a", t[i].cells[k].a, "b",
								      t[i].cells[k].b, "n",
								      t[i].cells[k].n < COUNSEL_MIN_CELL
									      ? json_null()
									      : json_integer(t[i].cells[k].n)));
			json_object_set_new(tables, t[i].name, rows);
		}
		json_object_set_new(o, "tables", tables);
		json_object_set_new(o, "days_to_training",
				    nt < COUNSEL_MIN_CELL ? json_null()
							  : json_pack("{s:I, s:I}", "cases", (json_int_t)nt, "median",
								      (json_int_t)median));
		char *text = json_dumps(o, JSON_INDENT(2));
		json_decref(o);
		w->content_type = "application/json";
		buf_puts(&w->body, text ? text : "{}");
		free(text);
		return;
	}
	struct counsel_terms terms = counsel_terms_load(r);
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Statistik der Beratung"));
	html_open(&h, "p", NULL);
	layout_fill(&h, r,
		    T(r, "Nur Fälle mit Einwilligung zur anonymen Statistik. Zahlen unter {1} werden nicht gezeigt (<{1})."),
		    "5", NULL);
	html_close(&h, "p");
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Als JSON"), "href", "/intern/statistik/beratung?format=json", NULL);
	html_close(&h, "p");
	for (size_t i = 0; i < NELEM(t); i++) {
		html_elem(&h, "h2", T(r, t[i].title), NULL);
		if (!t[i].n) {
			html_elem(&h, "p", T(r, "Keine Daten."), NULL);
			continue;
		}
		const char *heads[3] = { T(r, t[i].head_a), *t[i].head_b ? T(r, t[i].head_b) : T(r, "–"), T(r, "Anzahl") };
		const char *cap_id = arena_printf(r->a, "%s-caption", t[i].name);
		layout_table_begin(&h, r, cap_id, T(r, t[i].title), heads, 3);
		for (size_t k = 0; k < t[i].n; k++) {
			html_open(&h, "tr", NULL);
			html_elem(&h, "td", label_of(r, &terms, t[i].name, 0, t[i].cells[k].a), NULL);
			html_elem(&h, "td", label_of(r, &terms, t[i].name, 1, t[i].cells[k].b), NULL);
			html_elem(&h, "td",
				  t[i].cells[k].n < COUNSEL_MIN_CELL ? "<5" : arena_printf(r->a, "%ld", t[i].cells[k].n),
				  NULL);
			html_close(&h, "tr");
		}
		layout_table_end(&h);
	}
	html_elem(&h, "h2", T(r, "Zeit vom ersten Gespräch bis zum Ausbildungsplatz"), NULL);
	html_open(&h, "p", NULL);
	if (nt < COUNSEL_MIN_CELL)
		html_text(&h, T(r, "Weniger als 5 Fälle: nicht gezeigt."));
	else
		layout_fill(&h, r, T(r, "Median: {1} Tage (aus {2} Fällen)."), arena_printf(r->a, "%ld", median),
			    arena_printf(r->a, "%ld", nt), NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}
