/* analysis_views.c — the researchers' analysis of a survey: the filter
 * (an expression, completion, dates) and the weight; per question a
 * frequency table, multiple response, a numeric summary, a Likert table
 * with its top-2 box or the open answers, each closed one with a bar chart
 * (inline SVG) beside its table and a link to its JSON; the crosstab of
 * two closed questions with chi-square and Cramér's V; and the JSON the
 * links give, the same as `lotse analyse --json`. */
#include "surveys/surveys_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/stats.h"
#include "html/chart.h"
#include "html/fields.h"
#include "html/layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The day the query's key gives, as YYYY-MM-DD; a German 1.10.2026 is
 * taken too. NULL when absent or not a day of the calendar. */
static const char *query_day(struct req *r, const char *key)
{
	const char *v = kv_get(&r->query, key);
	if (!v || !*v)
		return NULL;
	if (core_valid_date(v, 10))
		return v;
	int d, m, y, end = 0;
	if (sscanf(v, "%2d.%2d.%4d%n", &d, &m, &y, &end) == 3 && v[end] == '\0' && y >= 1000) {
		const char *iso = arena_printf(r->a, "%04d-%02d-%02d", y, m, d);
		if (core_valid_date(iso, 10))
			return iso;
	}
	return NULL;
}

/* The filter of the query: filter, status=vollstaendig, von, bis, gewicht. */
void survey_read_filter(struct req *r, struct survey_filter *f)
{
	memset(f, 0, sizeof(*f));
	const char *v = kv_get(&r->query, "filter");
	f->where = v && *v ? v : NULL;
	v = kv_get(&r->query, "status");
	f->complete_only = v && strcmp(v, "vollstaendig") == 0;
	f->from = query_day(r, "von");
	f->to = query_day(r, "bis");
	v = kv_get(&r->query, "gewicht");
	f->weight = v && *v ? v : NULL;
}

/* A link to path with the filter kept and more key/value pairs. */
static const char *link(struct req *r, const char *path, const struct survey_filter *f, const char *k1, const char *v1,
			const char *k2, const char *v2)
{
	return html_url(r->a, path, "filter", f->where, "status", f->complete_only ? "vollstaendig" : NULL, "von", f->from,
			"bis", f->to, "gewicht", f->weight, k1, v1, k2, v2, NULL);
}

static const char *num(struct req *r, double x, int decimals)
{
	if (isnan(x))
		return "–";
	if (decimals == 0 || x == floor(x))
		return arena_printf(r->a, "%.0f", x);
	return arena_printf(r->a, "%.*f", decimals, x);
}

static const char *pct(struct req *r, double x)
{
	return arena_printf(r->a, "%.1f %%", x);
}

/* Horizontal bars of values[0..k) in percent (0..100), labelled; drawn
 * for the eye only: the table beside it holds the numbers. */
static void bars(html *h, struct req *r, const char *const *labels, const double *values, size_t k)
{
	struct chart_bar *v = arena_alloc(r->a, (k ? k : 1) * sizeof(*v));
	for (size_t i = 0; i < k; i++)
		v[i] = (struct chart_bar){ labels[i], values[i], arena_printf(r->a, "%.1f %%", values[i]) };
	chart_bars(h, r->a, v, k, 100);
}

static void freq_block(html *h, struct req *r, const struct survey_data *d, const struct survey *sv,
		       const struct survey_question *q, const char *sub, const char *var, const struct survey_filter *f,
		       const char *caption)
{
	struct survey_freq fr;
	if (survey_freq(r->a, d, q, sub, "de", &fr) != ST_OK) {
		fields_alert(h, T(r, "Diese Frage konnte nicht ausgewertet werden."));
		return;
	}
	double valid = 0;
	for (size_t i = 0; i < fr.k; i++)
		valid += fr.counts[i];
	double n = valid + fr.no_answer;
	int multi = q->type == SQ_MULTIPLE;
	double *pv = arena_alloc(r->a, (fr.k + 1) * sizeof(double));
	double *pa = arena_alloc(r->a, (fr.k + 1) * sizeof(double));
	if (multi)
		stats_multi(fr.counts, fr.k, fr.cases, pv, pa);
	else
		stats_percent(fr.counts, fr.k, valid, pv);
	bars(h, r, fr.labels, pv, fr.k);
	const char *const heads_single[] = { T(r, "Antwort"), T(r, "Code"), T(r, "Anzahl"), T(r, "Prozent"),
					     T(r, "Gültige Prozent") };
	const char *const heads_multi[] = { T(r, "Antwort"), T(r, "Code"), T(r, "Anzahl"), T(r, "Prozent der Fälle"),
					    T(r, "Prozent der Antworten") };
	const char *cid = arena_printf(r->a, "t-%s", var);
	layout_table_begin(h, r, cid, caption, multi ? heads_multi : heads_single, 5);
	for (size_t i = 0; i < fr.k; i++) {
		html_open(h, "tr", NULL);
		html_elem(h, "td", fr.labels[i], NULL);
		html_elem(h, "td", fr.codes[i], NULL);
		html_elem(h, "td", num(r, fr.counts[i], 2), NULL);
		html_elem(h, "td", pct(r, multi ? pv[i] : n > 0 ? 100.0 * fr.counts[i] / n : 0), NULL);
		html_elem(h, "td", pct(r, multi ? pa[i] : pv[i]), NULL);
		html_close(h, "tr");
	}
	static const char *const tail[3] = { N_("keine Antwort"), N_("nicht gezeigt"), N_("Fälle mit Antwort") };
	double tv[3] = { fr.no_answer, fr.not_shown, fr.cases };
	for (size_t i = 0; i < (multi ? 3u : 2u); i++) {
		html_open(h, "tr", NULL);
		html_elem(h, "td", T(r, tail[i]), NULL);
		html_elem(h, "td", "", NULL);
		html_elem(h, "td", num(r, tv[i], 2), NULL);
		html_elem(h, "td", i == 0 && !multi && n > 0 ? pct(r, 100.0 * tv[i] / n) : "", NULL);
		html_elem(h, "td", "", NULL);
		html_close(h, "tr");
	}
	layout_table_end(h);
	if (!multi) {
		html_open(h, "p", NULL);
		html_elem(h, "a", T(r, "Als JSON"), "href",
			  link(r, arena_printf(r->a, "/intern/umfragen/%lld/auswertung.json", (long long)sv->id), f, "frage", var,
			       NULL, NULL),
			  NULL);
		html_close(h, "p");
	}
}

static void likert_block(html *h, struct req *r, const struct survey_data *d, const struct survey_question *q)
{
	size_t k = q->nopts;
	const char **heads = arena_alloc(r->a, (k + 4) * sizeof(*heads));
	heads[0] = T(r, "Teilfrage");
	for (size_t i = 0; i < k; i++)
		heads[i + 1] = survey_o_label(&q->opts[i], "de");
	heads[k + 1] = T(r, "n");
	heads[k + 2] = T(r, "Top-2");
	const char **labels = arena_alloc(r->a, (q->nsubs + 1) * sizeof(*labels));
	double *top = arena_alloc(r->a, (q->nsubs + 1) * sizeof(double));
	struct survey_freq *fr = arena_alloc(r->a, (q->nsubs + 1) * sizeof(*fr));
	for (size_t s = 0; s < q->nsubs; s++) {
		if (survey_freq(r->a, d, q, q->subs[s].code, "de", &fr[s]) != ST_OK) {
			fields_alert(h, T(r, "Diese Frage konnte nicht ausgewertet werden."));
			return;
		}
		labels[s] = survey_o_label(&q->subs[s], "de");
		top[s] = stats_top_box(fr[s].counts, fr[s].k, k >= 4 ? 2 : 1);
	}
	/* the distribution of each row as diverging bars around the scale's middle */
	struct chart_row *rows = arena_alloc(r->a, (q->nsubs + 1) * sizeof(*rows));
	for (size_t s = 0; s < q->nsubs; s++) {
		double valid = 0, *sh = arena_alloc(r->a, (k + 1) * sizeof(double));
		for (size_t i = 0; i < k; i++)
			valid += fr[s].counts[i];
		for (size_t i = 0; i < k; i++)
			sh[i] = valid > 0 ? 100.0 * fr[s].counts[i] / valid : 0;
		rows[s] = (struct chart_row){ labels[s], sh };
	}
	chart_diverging(h, r->a, rows, q->nsubs, k, heads + 1);
	layout_table_begin(h, r, arena_printf(r->a, "t-%s", q->code),
			   i18n_fill(r->a, T(r, "{1}: Verteilung je Teilfrage in Prozent und Top-2 (die zwei obersten "
						 "Stufen)"), q->code, NULL),
			   heads, k + 3);
	for (size_t s = 0; s < q->nsubs; s++) {
		double valid = 0;
		for (size_t i = 0; i < fr[s].k; i++)
			valid += fr[s].counts[i];
		html_open(h, "tr", NULL);
		html_elem(h, "td", labels[s], NULL);
		for (size_t i = 0; i < k; i++)
			html_elem(h, "td", pct(r, valid > 0 ? 100.0 * fr[s].counts[i] / valid : 0), NULL);
		html_elem(h, "td", num(r, valid, 2), NULL);
		html_elem(h, "td", pct(r, top[s]), NULL);
		html_close(h, "tr");
	}
	layout_table_end(h);
}

static void numbers_block(html *h, struct req *r, const struct survey_data *d, const struct survey_question *q)
{
	struct stats_summary s;
	if (survey_numbers(d, q, &s) != ST_OK) {
		fields_alert(h, T(r, "Diese Frage konnte nicht ausgewertet werden."));
		return;
	}
	const char *const heads[] = { T(r, "n"), T(r, "Mittelwert"), T(r, "Standardabweichung"), T(r, "95-Prozent-Intervall"),
				      T(r, "Minimum"), T(r, "1. Quartil"), T(r, "Median"), T(r, "3. Quartil"),
				      T(r, "Maximum") };
	layout_table_begin(h, r, arena_printf(r->a, "t-%s", q->code),
			   i18n_fill(r->a, T(r, "{1}: Kennzahlen"), q->code, NULL), heads, NELEM(heads));
	html_open(h, "tr", NULL);
	html_elem(h, "td", num(r, s.n, 2), NULL);
	html_elem(h, "td", num(r, s.mean, 2), NULL);
	html_elem(h, "td", num(r, s.sd, 2), NULL);
	html_elem(h, "td", isnan(s.ci_low) ? "–" : arena_printf(r->a, "%.2f – %.2f", s.ci_low, s.ci_high), NULL);
	const double v[] = { s.min, s.q1, s.median, s.q3, s.max };
	for (size_t i = 0; i < NELEM(v); i++)
		html_elem(h, "td", num(r, v[i], 2), NULL);
	html_close(h, "tr");
	layout_table_end(h);
}

static void texts_block(html *h, struct req *r, const struct survey_data *d, const struct survey_question *q)
{
	const char **v;
	size_t n;
	if (survey_texts_of(r->a, d, q, 50, &v, &n) != ST_OK) {
		fields_alert(h, T(r, "Diese Frage konnte nicht ausgewertet werden."));
		return;
	}
	if (!n) {
		html_elem(h, "p", T(r, "Keine Antworten."), NULL);
		return;
	}
	html_elem(h, "p", T(r, "Die neuesten Antworten, höchstens 50:"), NULL);
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < n; i++) {
		html_open(h, "li", NULL);
		html_elem(h, "bdi", v[i], NULL);
		html_close(h, "li");
	}
	html_close(h, "ul");
}

static void filter_form(html *h, struct req *r, const struct survey *sv, const struct survey_filter *f, const char *err)
{
	html_open(h, "form", "class", "form filters", "method", "get", "action",
		  arena_printf(r->a, "/intern/umfragen/%lld/auswertung", (long long)sv->id), NULL);
	html_elem(h, "h2", T(r, "Filter und Gewichtung"), NULL);
	struct fields_in w = { .name = "filter", .label = T(r, "Nur Antworten, für die gilt"), .value = f->where, .err = err,
			       .maxlen = SURVEY_EXPR_MAX_LEN, .hint = T(r, "Zum Beispiel: alter >= 18 and deutsch == \"A2\"") };
	fields_input(h, r, &w);
	static const char *const st[] = { "alle", "vollstaendig" };
	const char *stl[] = { T(r, "alle, auch unvollständige"), T(r, "nur vollständige") };
	struct fields_in s = { .name = "status", .label = T(r, "Antworten"), .value = f->complete_only ? "vollstaendig" : "alle" };
	fields_select(h, r, &s, NULL, st, stl, 2);
	/* a day that is not one stays in its field with an error, and the
	 * table is counted without it */
	const char *von = kv_get(&r->query, "von"), *bis = kv_get(&r->query, "bis");
	const char *bad_day = T(r, "Bitte einen Tag angeben, zum Beispiel 2026-10-01 oder 1.10.2026.");
	struct fields_in a = { .name = "von", .label = T(r, "Begonnen ab (Tag)"), .value = f->from ? f->from : von,
			       .maxlen = 10, .hint = T(r, "Zum Beispiel 2026-10-01"),
			       .err = von && *von && !f->from ? bad_day : NULL };
	fields_input(h, r, &a);
	struct fields_in b = { .name = "bis", .label = T(r, "Begonnen bis (Tag)"), .value = f->to ? f->to : bis,
			       .maxlen = 10, .err = bis && *bis && !f->to ? bad_day : NULL };
	fields_input(h, r, &b);
	const char **codes = arena_alloc(r->a, (sv->nqs + 1) * sizeof(*codes));
	size_t nc = 0;
	for (size_t i = 0; i < sv->nqs; i++)
		if (sv->qs[i].type == SQ_NUMBER)
			codes[nc++] = sv->qs[i].code;
	struct fields_in g = { .name = "gewicht", .label = T(r, "Gewicht (eine Zahlenfrage)"), .value = f->weight };
	fields_select(h, r, &g, T(r, "ohne Gewicht"), codes, codes, nc);
	html_elem(h, "button", T(r, "Auswerten"), "type", "submit", "class", "button", NULL);
	html_close(h, "form");
}

/* The closed variables (single, dropdown, yes/no, each array row). */
static size_t variables(struct req *r, const struct survey *sv, const char ***out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	for (size_t i = 0; i < sv->nqs; i++) {
		const struct survey_question *q = &sv->qs[i];
		if (q->type == SQ_SINGLE || q->type == SQ_DROPDOWN || q->type == SQ_YESNO) {
			*out = arena_grow(r->a, *out, n, &cap, sizeof(**out), 16);
			(*out)[n++] = q->code;
		} else if (q->type == SQ_ARRAY) {
			for (size_t s = 0; s < q->nsubs; s++) {
				*out = arena_grow(r->a, *out, n, &cap, sizeof(**out), 16);
				(*out)[n++] = arena_printf(r->a, "%s_%s", q->code, q->subs[s].code);
			}
		}
	}
	return n;
}

static void crosstab_form(html *h, struct req *r, const struct survey *sv, const struct survey_filter *f, const char *row,
			  const char *col)
{
	const char **vars;
	size_t n = variables(r, sv, &vars);
	html_open(h, "form", "class", "form", "method", "get", "action",
		  arena_printf(r->a, "/intern/umfragen/%lld/kreuztabelle", (long long)sv->id), NULL);
	html_elem(h, "h2", T(r, "Kreuztabelle"), NULL);
	static const char *const keep[][2] = { { "filter", NULL }, { "status", NULL }, { "von", NULL }, { "bis", NULL },
					       { "gewicht", NULL } };
	const char *kv[] = { f->where, f->complete_only ? "vollstaendig" : NULL, f->from, f->to, f->weight };
	for (size_t i = 0; i < NELEM(keep); i++)
		if (kv[i])
			html_void(h, "input", "type", "hidden", "name", keep[i][0], "value", kv[i], NULL);
	struct fields_in a = { .name = "zeile", .label = T(r, "Zeilen"), .value = row };
	fields_select(h, r, &a, NULL, vars, vars, n);
	struct fields_in b = { .name = "spalte", .label = T(r, "Spalten"), .value = col };
	fields_select(h, r, &b, NULL, vars, vars, n);
	html_elem(h, "button", T(r, "Kreuztabelle zeigen"), "type", "submit", "class", "button secondary", NULL);
	html_close(h, "form");
}

/* Load the survey, the filter and the data; -1 after answering. */
static int prepare(struct req *r, struct resp *w, struct survey *sv, struct survey_filter *f, struct survey_data **d,
		   const char **ferr)
{
	if (survey_staff_load(r, w, sv) != 0)
		return -1;
	survey_read_filter(r, f);
	*ferr = NULL;
	int rc = survey_data_load(r->db, sv, f, d, ferr);
	if (rc == ST_CONFLICT) {
		/* a bad filter: the analysis without it, the error at the field */
		struct survey_filter none = *f;
		none.where = NULL;
		if (f->weight && !survey_question_by_code(sv, f->weight))
			none.weight = NULL;
		const char *e2;
		rc = survey_data_load(r->db, sv, &none, d, &e2);
		w->status = 422;
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return -1;
	}
	return 0;
}

/* Every question's table and chart: the analysis page and the report. */
static void questions(html *h, struct req *r, const struct survey_data *d, const struct survey *sv,
		      const struct survey_filter *f)
{
	for (size_t i = 0; i < sv->nqs; i++) {
		const struct survey_question *q = &sv->qs[i];
		if (q->type == SQ_DISPLAY)
			continue;
		html_open(h, "section", "class", "analysis-question", "aria-labelledby", arena_printf(r->a, "h-%s", q->code), NULL);
		html_open(h, "h2", "id", arena_printf(r->a, "h-%s", q->code), NULL);
		html_elem(h, "code", q->code, NULL);
		html_text(h, " ");
		html_text(h, survey_q_text(q, "de"));
		html_close(h, "h2");
		switch (q->type) {
		case SQ_SINGLE:
		case SQ_DROPDOWN:
		case SQ_YESNO:
		case SQ_MULTIPLE:
		case SQ_RANKING:
			freq_block(h, r, d, sv, q, NULL, q->code, f,
				   i18n_fill(r->a, T(r, q->type == SQ_MULTIPLE ? N_("{1}: Mehrfachantworten")
									    : q->type == SQ_RANKING ? N_("{1}: auf Platz 1")
												     : N_("{1}: Häufigkeiten")),
					     q->code, NULL));
			if (q->other)
				texts_block(h, r, d, q);
			break;
		case SQ_ARRAY:
			likert_block(h, r, d, q);
			break;
		case SQ_NUMBER:
			numbers_block(h, r, d, q);
			break;
		default:
			texts_block(h, r, d, q);
			break;
		}
		html_close(h, "section");
	}
}

void survey_staff_analysis(struct req *r, struct resp *w)
{
	struct survey sv;
	struct survey_filter f;
	struct survey_data *d;
	const char *ferr;
	if (prepare(r, w, &sv, &f, &d, &ferr) != 0)
		return;
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, i18n_fill(r->a, T(r, "Auswertung: {1}"), survey_tx(&sv.tx, "title", "de"), NULL));
	if (ferr) {
		fields_summary_begin(&h, r, NULL, NULL);
		fields_summary_item(&h, r, "filter", T(r, "Filter"), ferr);
		fields_summary_end(&h);
	}
	html_elem(&h, "p",
		  i18n_fill(r->a, T(r, "{1} Antworten passen zum Filter."), arena_printf(r->a, "%zu", survey_data_count(d)), NULL),
		  "class", "lead", NULL);
	filter_form(&h, r, &sv, &f, ferr);
	crosstab_form(&h, r, &sv, &f, NULL, NULL);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Bericht zum Drucken (mit diesem Filter)"), "href",
		  link(r, arena_printf(r->a, "/intern/umfragen/%lld/bericht", (long long)sv.id), &f, NULL, NULL, NULL, NULL),
		  NULL);
	html_close(&h, "p");
	survey_view_downloads(&h, r, &sv);
	questions(&h, r, d, &sv, &f);
	layout_end(&h, r);
	survey_data_free(d);
}

void survey_staff_crosstab(struct req *r, struct resp *w)
{
	struct survey sv;
	struct survey_filter f;
	struct survey_data *d;
	const char *ferr;
	if (prepare(r, w, &sv, &f, &d, &ferr) != 0)
		return;
	const char *row = kv_get(&r->query, "zeile"), *col = kv_get(&r->query, "spalte");
	struct survey_xtab x;
	const char *xerr = NULL;
	int rc = row && col ? survey_crosstab(r->a, d, &sv, row, col, "de", &x, &xerr) : ST_CONFLICT;
	if (rc == ST_ERR) {
		survey_data_free(d);
		layout_staff_failed(r, w);
		return;
	}
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Kreuztabelle"));
	if (ferr || rc != ST_OK) {
		w->status = 422;
		fields_summary_begin(&h, r, NULL, NULL);
		if (ferr)
			fields_summary_item(&h, r, "filter", T(r, "Filter"), ferr);
		if (rc != ST_OK)
			fields_summary_item(&h, r, "zeile", T(r, "Zeilen"),
					    xerr ? xerr : N_("Bitte wählen Sie zwei Fragen."));
		fields_summary_end(&h);
	}
	crosstab_form(&h, r, &sv, &f, row, col);
	if (rc == ST_OK) {
		struct stats_chi2 c;
		stats_chi2_test(x.counts, x.rows, x.cols, &c);
		double *rp = arena_alloc(r->a, (x.rows * x.cols + 1) * sizeof(double));
		double *cp = arena_alloc(r->a, (x.rows * x.cols + 1) * sizeof(double));
		stats_row_percent(x.counts, x.rows, x.cols, rp);
		stats_col_percent(x.counts, x.rows, x.cols, cp);
		const char **heads = arena_alloc(r->a, (x.cols + 2) * sizeof(*heads));
		heads[0] = arena_printf(r->a, "%s \\ %s", row, col);
		for (size_t j = 0; j < x.cols; j++)
			heads[j + 1] = x.col_labels[j];
		layout_table_begin(&h, r, "xtab-caption",
				   i18n_fill(r->a, T(r, "{1} nach {2}: Anzahl, Zeilenprozent, Spaltenprozent"), row, col, NULL),
				   heads, x.cols + 1);
		for (size_t i = 0; i < x.rows; i++) {
			html_open(&h, "tr", NULL);
			html_elem(&h, "th", x.row_labels[i], "scope", "row", NULL);
			for (size_t j = 0; j < x.cols; j++) {
				size_t k = i * x.cols + j;
				html_elem(&h, "td", arena_printf(r->a, "%s · %.1f %% · %.1f %%", num(r, x.counts[k], 2), rp[k], cp[k]),
					  NULL);
			}
			html_close(&h, "tr");
		}
		layout_table_end(&h);
		html_open(&h, "dl", NULL);
		const char *terms[] = { T(r, "n"), T(r, "Chi-Quadrat (Pearson)"), T(r, "Freiheitsgrade"), T(r, "p-Wert"),
					T(r, "Cramérs V"), T(r, "Kleinste erwartete Häufigkeit"),
					T(r, "Zellen mit erwarteter Häufigkeit unter 5") };
		const char *vals[] = { num(r, c.n, 2), num(r, c.chi2, 3), num(r, c.df, 0),
				       isnan(c.p) ? "–" : arena_printf(r->a, "%.4g", c.p), num(r, c.cramers_v, 3),
				       num(r, c.min_expected, 2), arena_printf(r->a, "%zu", c.cells_below_5) };
		for (size_t i = 0; i < NELEM(terms); i++) {
			html_elem(&h, "dt", terms[i], NULL);
			html_elem(&h, "dd", vals[i], NULL);
		}
		html_close(&h, "dl");
		if (c.cells_below_5)
			fields_alert(&h, T(r, "Achtung: In manchen Zellen ist die erwartete Häufigkeit kleiner als 5. Der "
					      "Chi-Quadrat-Test ist dann unsicher."));
		html_open(&h, "p", NULL);
		html_elem(&h, "a", T(r, "Als JSON"), "href",
			  link(r, arena_printf(r->a, "/intern/umfragen/%lld/auswertung.json", (long long)sv.id), &f, "zeile", row,
			       "spalte", col),
			  NULL);
		html_close(&h, "p");
	}
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zur Auswertung"), "href",
		  link(r, arena_printf(r->a, "/intern/umfragen/%lld/auswertung", (long long)sv.id), &f, NULL, NULL, NULL, NULL),
		  NULL);
	html_close(&h, "p");
	layout_end(&h, r);
	survey_data_free(d);
}

/* The printable report of the whole survey: what was asked, of whom (the
 * filter in words), every question's table and chart; no forms. */
void survey_staff_report(struct req *r, struct resp *w)
{
	struct survey sv;
	struct survey_filter f;
	struct survey_data *d;
	const char *ferr;
	if (prepare(r, w, &sv, &f, &d, &ferr) != 0)
		return;
	if (ferr) {
		survey_data_free(d);
		layout_staff_problem(r, w, 422, T(r, "Der Bericht wurde nicht erstellt"), T(r, ferr));
		return;
	}
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, i18n_fill(r->a, T(r, "Bericht: {1}"), survey_tx(&sv.tx, "title", "de"), NULL));
	html_open(&h, "div", "class", "survey-report", NULL);
	html_open(&h, "ul", "class", "plain", NULL);
	html_elem(&h, "li", i18n_fill(r->a, T(r, "Umfrage {1}, Version {2}"), sv.code, arena_printf(r->a, "%d", sv.version), NULL),
		  NULL);
	html_elem(&h, "li",
		  i18n_fill(r->a, T(r, "{1} Antworten ({2})"), arena_printf(r->a, "%zu", survey_data_count(d)),
			    f.complete_only ? T(r, "nur vollständige") : T(r, "vollständige und unvollständige"), NULL),
		  NULL);
	if (f.where)
		html_elem(&h, "li", i18n_fill(r->a, T(r, "Filter: {1}"), f.where, NULL), NULL);
	if (f.from || f.to)
		html_elem(&h, "li", i18n_fill(r->a, T(r, "Begonnen von {1} bis {2}"), f.from ? f.from : "…", f.to ? f.to : "…", NULL),
			  NULL);
	if (f.weight)
		html_elem(&h, "li", i18n_fill(r->a, T(r, "Gewichtet mit {1}"), f.weight, NULL), NULL);
	html_close(&h, "ul");
	questions(&h, r, d, &sv, &f);
	html_close(&h, "div");
	layout_end(&h, r);
	survey_data_free(d);
}
