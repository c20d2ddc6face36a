/* routes.c — the analysis pages of the staff area (researchers and
 * editors): coverage with its heat map and a cell's offers, funding and
 * the funding cliff, two dates compared, the gaps, the printable report,
 * and every table as CSV, XLSX and JSON. */
#include "analysis/analysis_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <string.h>

#define PER_PAGE 100

/* Read the query and the facts; on a failed read, the problem page. */
static int load(struct req *r, struct resp *w, struct an_query *q, struct an_ctx *c)
{
	an_query_read(r, q);
	if (an_ctx_load(r, c) != ST_OK) {
		layout_staff_failed(r, w);
		return -1;
	}
	return 0;
}

static void errors(html *h, struct req *r, const struct an_query *q)
{
	if (!q->f.nerr)
		return;
	const char *labels[AQ__MAX] = {
		[AQ_FROM] = T(r, "Angebote, die laufen von"), [AQ_TO] = T(r, "bis"),
		[AQ_STAGE] = T(r, "Übergangsphase"), [AQ_GROUP] = T(r, "Zielgruppe"),
		[AQ_DISTRICT] = T(r, "Ort"), [AQ_LANG] = T(r, "Sprache"),
		[AQ_ROWS] = T(r, "Zeilen der Übersicht"), [AQ_COLS] = T(r, "Spalten der Übersicht"),
		[AQ_PAGE] = T(r, "Seite"), [AQ_A] = T(r, "Stand A (Monat)"), [AQ_B] = T(r, "Stand B (Monat)"),
	};
	fields_summary(h, r, an_query_fields, &q->f, labels);
}

/* "N Angebote mit P Plätzen" of a total, as a paragraph. */
static void totals(html *h, struct req *r, const struct an_cell *t)
{
	html_open(h, "p", "class", "analysis-total", NULL);
	html_text(h, i18n_fill(r->a,
			       TN(r, "{1} Angebot mit {2} Plätzen (ohne Platzangabe: {3}; kostenfrei: {4}; mit Förderung: {5}).",
				  "{1} Angebote mit {2} Plätzen (ohne Platzangabe: {3}; kostenfrei: {4}; mit Förderung: {5}).",
				  (unsigned long)t->offers),
			       arena_printf(r->a, "%ld", t->offers), arena_printf(r->a, "%ld", t->places),
			       arena_printf(r->a, "%ld", t->no_places), arena_printf(r->a, "%ld", t->free),
			       arena_printf(r->a, "%ld", t->funded), NULL));
	html_close(h, "p");
}

/* The links to the previous and next page of the cells, with every filter. */
static void pages(html *h, struct req *r, const struct an_query *q, long total)
{
	long last = (total + PER_PAGE - 1) / PER_PAGE;
	if (last < 2)
		return;
	html_open(h, "nav", "class", "pagination", "aria-label", T(r, "Seiten der Tabelle"), NULL);
	if (q->page > 1)
		html_elem(h, "a", T(r, "Vorherige Seite"), "href",
			  an_query_url(r, q, "/intern/analyse", "zeilen", an_dim_keys[q->rows], "spalten", an_dim_keys[q->cols],
				       "seite", arena_printf(r->a, "%ld", q->page - 1), NULL),
			  "rel", "prev", NULL);
	html_text(h, " ");
	html_text(h, i18n_fill(r->a, T(r, "Seite {1} von {2}"), arena_printf(r->a, "%ld", q->page),
			       arena_printf(r->a, "%ld", last), NULL));
	html_text(h, " ");
	if (q->page < last)
		html_elem(h, "a", T(r, "Nächste Seite"), "href",
			  an_query_url(r, q, "/intern/analyse", "zeilen", an_dim_keys[q->rows], "spalten", an_dim_keys[q->cols],
				       "seite", arena_printf(r->a, "%ld", q->page + 1), NULL),
			  "rel", "next", NULL);
	html_close(h, "nav");
}

void an_staff_home(struct req *r, struct resp *w)
{
	struct an_query q;
	struct an_ctx c;
	if (load(r, w, &q, &c) != 0)
		return;
	struct an_coverage heat;
	struct an_table *cells = an_tab_coverage(r, &c, &q), *by_place = an_tab_by(r, &c, &q, AN_DISTRICT),
			*by_stage = an_tab_by(r, &c, &q, AN_STAGE);
	if (!cells || !by_place || !by_stage || !an_tab_heat(r, &c, &q, &heat)) {
		layout_staff_failed(r, w);
		return;
	}
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Auswertung: Abdeckung der Angebote"));
	an_view_nav(&h, r, "/intern/analyse");
	errors(&h, r, &q);
	an_view_filters(&h, r, &q, &c, "/intern/analyse", 1);
	totals(&h, r, &heat.total);
	an_view_chart(&h, r, by_place, 1, 0, 1);
	an_view_downloads(&h, r, &q, "abdeckung-ort");
	an_view_chart(&h, r, by_stage, 1, 0, 1);
	an_view_downloads(&h, r, &q, "abdeckung-phase");
	html_elem(&h, "h2", T(r, "Übersicht"), NULL);
	an_view_heat(&h, r, &q, &c, &heat);
	an_view_downloads(&h, r, &q, "kreuztabelle");
	html_elem(&h, "h2", T(r, "Alle Felder"), NULL);
	html_elem(&h, "p", T(r, "Jede Zeile ist eine Verbindung aus Übergangsphase, Zielgruppe, Ort und Sprache. Ein "
			       "Angebot für zwei Zielgruppen zählt in beiden Zeilen."), NULL);
	/* a page of the rows; the downloads hold them all */
	long total = (long)cells->nrows;
	size_t first = (size_t)((q.page - 1) * PER_PAGE);
	struct an_table page = *cells;
	page.nrows = first < cells->nrows ? cells->nrows - first : 0;
	page.nrows = page.nrows > PER_PAGE ? PER_PAGE : page.nrows;
	page.cells = cells->cells + first * cells->ncols;
	page.links = cells->links + first;
	an_table_html(&h, r, first < cells->nrows ? &page : cells);
	pages(&h, r, &q, total);
	an_view_downloads(&h, r, &q, "abdeckung");
	layout_end(&h, r);
}

void an_staff_cell(struct req *r, struct resp *w)
{
	struct an_query q;
	struct an_ctx c;
	if (load(r, w, &q, &c) != 0)
		return;
	const struct dir_fact **v;
	size_t n;
	an_cell_offers(r->a, c.f, c.n, &q.filt, &v, &n);
	const char **names, **orgs;
	if (an_offer_names(r, v, n, 1, &names, &orgs) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	struct an_table *t = an_table_new(r->a, "angebote", T(r, "Die Angebote dieses Feldes"), 5, n);
	an_table_col(t, 0, "angebot", T(r, "Angebot"), 0);
	an_table_col(t, 1, "traeger", T(r, "Träger"), 0);
	an_table_col(t, 2, "plaetze", T(r, "Plätze"), 1);
	an_table_col(t, 3, "kosten", T(r, "Kosten"), 0);
	an_table_col(t, 4, "endet", T(r, "endet am"), 0);
	for (size_t i = 0; i < n; i++) {
		AN_CELL(t, i, 0) = names[i];
		AN_CELL(t, i, 1) = orgs[i];
		AN_CELL(t, i, 2) = v[i]->capacity >= 0 ? arena_printf(r->a, "%d", v[i]->capacity) : "";
		AN_CELL(t, i, 3) = v[i]->free_of_charge ? T(r, "kostenfrei")
				   : v[i]->has_cost	   ? arena_printf(r->a, "%.2f EUR", v[i]->cost)
							   : "";
		AN_CELL(t, i, 4) = v[i]->valid_to ? arena_strndup(r->a, v[i]->valid_to, 10) : "";
		t->links[i] = arena_printf(r->a, "/intern/angebote/%s", v[i]->id);
	}
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Auswertung: Angebote eines Feldes"));
	an_view_nav(&h, r, "");
	errors(&h, r, &q);
	html_open(&h, "dl", "class", "facts", NULL);
	static const char *const dims[AN_DIMS] = { N_("Übergangsphase"), N_("Zielgruppe"), N_("Ort"), N_("Sprache") };
	for (int d = 0; d < AN_DIMS; d++) {
		html_elem(&h, "dt", T(r, dims[d]), NULL);
		html_elem(&h, "dd", an_dims_label(&c.dims, (enum an_dim)d, q.filt.code[d], r->lang), NULL);
	}
	html_close(&h, "dl");
	html_elem(&h, "p", i18n_fill(r->a, TN(r, "{1} Angebot", "{1} Angebote", n), arena_printf(r->a, "%zu", n), NULL),
		  "class", "analysis-total", NULL);
	an_table_html(&h, r, t);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zurück zur Abdeckung"), "href", an_query_url(r, &q, "/intern/analyse", NULL), NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}

void an_staff_funding(struct req *r, struct resp *w)
{
	struct an_query q;
	struct an_ctx c;
	if (load(r, w, &q, &c) != 0)
		return;
	struct an_table *fund = an_tab_funding(r, &c, &q), *cliff = an_tab_cliff(r, &c, &q);
	if (!fund || !cliff) {
		layout_staff_failed(r, w);
		return;
	}
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Auswertung: Förderung"));
	an_view_nav(&h, r, "/intern/analyse/foerderung");
	errors(&h, r, &q);
	an_view_filters(&h, r, &q, &c, "/intern/analyse/foerderung", 0);
	html_elem(&h, "h2", T(r, "Nach Förderer und Programm"), NULL);
	html_elem(&h, "p", T(r, "Ein Angebot mit zwei Förderern zählt bei beiden, ebenso bei jedem seiner Programme."), NULL);
	an_table_html(&h, r, fund);
	an_view_downloads(&h, r, &q, "foerderung");
	html_elem(&h, "h2", T(r, "Förderende in den nächsten 12 Monaten"), NULL);
	html_elem(&h, "p", T(r, "Angebote, deren Zeiten alle enden, gelten als befristet gefördert: das Ende ihrer "
			       "letzten Zeit ist das Förderende."), NULL);
	long places = 0;
	for (size_t i = 0; i < cliff->nrows; i++)
		places += strtol(AN_CELL(cliff, i, 3), NULL, 10);
	html_elem(&h, "p",
		  i18n_fill(r->a, TN(r, "{1} Angebot mit {2} Plätzen endet.", "{1} Angebote mit {2} Plätzen enden.", cliff->nrows),
			    arena_printf(r->a, "%zu", cliff->nrows), arena_printf(r->a, "%ld", places), NULL),
		  "class", "analysis-total", NULL);
	an_table_html(&h, r, cliff);
	an_view_downloads(&h, r, &q, "foerderende");
	layout_end(&h, r);
}

void an_staff_compare(struct req *r, struct resp *w)
{
	struct an_query q;
	struct an_ctx c;
	if (load(r, w, &q, &c) != 0)
		return;
	const char **months;
	size_t nm;
	if (an_snapshot_months(r->db, r->a, &months, &nm) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	if (!q.a && nm)
		q.a = months[nm - 1]; /* the oldest against today */
	struct an_table *t = an_tab_compare(r, &c, &q);
	if (!t) {
		layout_staff_failed(r, w);
		return;
	}
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Auswertung: Zeitvergleich"));
	an_view_nav(&h, r, "/intern/analyse/vergleich");
	errors(&h, r, &q);
	if (!nm)
		fields_notice(&h, T(r, "Es gibt noch keinen Monatsstand. `lotse maintenance` legt jeden Monat einen an; "
				      "bis dahin zeigt die Tabelle nur den heutigen Stand."));
	html_open(&h, "form", "method", "get", "action", "/intern/analyse/vergleich", "class", "filters", NULL);
	const char **values = arena_alloc(r->a, (nm + 1) * sizeof(char *));
	for (size_t i = 0; i < nm; i++)
		values[i] = months[i];
	struct fields_in in = fields_of(&an_query_fields[AQ_A], q.a, q.f.err[AQ_A]);
	in.label = T(r, "Stand A (Monat)");
	fields_select(&h, r, &in, T(r, "heute"), values, values, nm);
	in = fields_of(&an_query_fields[AQ_B], q.b, q.f.err[AQ_B]);
	in.label = T(r, "Stand B (Monat)");
	fields_select(&h, r, &in, T(r, "heute"), values, values, nm);
	html_elem(&h, "button", T(r, "Vergleichen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	an_table_html(&h, r, t);
	an_view_downloads(&h, r, &q, "vergleich");
	layout_end(&h, r);
}

void an_staff_gaps(struct req *r, struct resp *w)
{
	struct an_query q;
	struct an_ctx c;
	if (load(r, w, &q, &c) != 0)
		return;
	size_t ns;
	struct an_table *t = an_tab_gaps(r, &c, &q, &ns);
	if (!t) {
		layout_staff_failed(r, w);
		return;
	}
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Auswertung: Lücken"));
	an_view_nav(&h, r, "/intern/analyse/luecken");
	errors(&h, r, &q);
	if (ns == 0) {
		fields_alert_heading(&h, T(r, "Noch keine Quellen für Bedarfe"),
				     T(r, "Bedarfe kommen aus Befragungen, der Beratung und Interviews. Keine dieser "
					  "Quellen ist bisher angeschlossen, darum kann diese Seite noch keine Lücken "
					  "nennen. Die Abdeckung der Angebote zeigt schon, wo es wenige gibt."));
		html_open(&h, "p", NULL);
		html_elem(&h, "a", T(r, "Zur Abdeckung"), "href", "/intern/analyse", NULL);
		html_close(&h, "p");
		layout_end(&h, r);
		return;
	}
	an_view_filters(&h, r, &q, &c, "/intern/analyse/luecken", 0);
	html_elem(&h, "p", T(r, "Gereiht nach Bedarfen je Angebot; Felder mit weniger als 5 Bedarfen sind nicht "
			       "aufgeführt. „< 5“ ist eine Zahl unter 5, „•“ eine verdeckte Zahl ab 5 (sonst ließe sich "
			       "eine kleine Zahl aus der Summe errechnen)."), NULL);
	an_table_html(&h, r, t);
	an_view_downloads(&h, r, &q, "luecken");
	layout_end(&h, r);
}

/* What the outcome figures count and how small numbers are kept out. */
static void outcomes_note(html *h, struct req *r)
{
	html_elem(h, "p", T(r, "Vermittlungen aus der Beratung, nur von Fällen mit Einwilligung in die Statistik. "
			      "Zahlen unter 5 stehen als „< 5“; „•“ ist eine Zahl ab 5, die verdeckt ist, weil sich "
			      "sonst eine kleine Zahl aus der Summe oder der Zeile errechnen ließe. Ein Anteil steht "
			      "nur, wo beide Zahlen gezeigt werden. In Klammern das 95-%-Intervall nach Wilson."),
		  NULL);
}

void an_staff_outcomes(struct req *r, struct resp *w)
{
	struct an_query q;
	struct an_ctx c;
	if (load(r, w, &q, &c) != 0)
		return;
	const char *const *names;
	size_t nt = an_outcome_tables(&names);
	struct an_table *t[8];
	for (size_t i = 0; i < nt; i++)
		if (!(t[i] = an_tab_outcomes(r, &c, &q, names[i]))) {
			layout_staff_failed(r, w);
			return;
		}
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Auswertung: Ergebnisse"));
	an_view_nav(&h, r, "/intern/analyse/ergebnisse");
	errors(&h, r, &q);
	an_view_filters(&h, r, &q, &c, "/intern/analyse/ergebnisse", 0);
	outcomes_note(&h, r);
	for (size_t i = 0; i < nt; i++) {
		an_view_chart(&h, r, t[i], 3, 100, 0); /* started: the share */
		an_table_html(&h, r, t[i]);
		an_view_downloads(&h, r, &q, names[i]);
	}
	layout_end(&h, r);
}

void an_staff_report(struct req *r, struct resp *w)
{
	struct an_query q;
	struct an_ctx c;
	if (load(r, w, &q, &c) != 0)
		return;
	struct an_coverage heat;
	struct an_table *fund = an_tab_funding(r, &c, &q), *cliff = an_tab_cliff(r, &c, &q);
	struct an_table *by_place = an_tab_by(r, &c, &q, AN_DISTRICT), *by_stage = an_tab_by(r, &c, &q, AN_STAGE);
	struct an_table *oc_offer = an_tab_outcomes(r, &c, &q, "ergebnisse");
	struct an_table *oc_stage = an_tab_outcomes(r, &c, &q, "ergebnisse-phase");
	size_t ns;
	struct an_table *gaps = an_tab_gaps(r, &c, &q, &ns);
	if (!fund || !cliff || !gaps || !by_place || !by_stage || !oc_offer || !oc_stage ||
	    !an_tab_heat(r, &c, &q, &heat)) {
		layout_staff_failed(r, w);
		return;
	}
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Bericht: Angebote im Übergang Schule – Ausbildung – Beruf"));
	html_open(&h, "div", "class", "report", NULL);
	html_open(&h, "p", "class", "print-hint", NULL);
	html_text(&h, T(r, "Diese Seite ist zum Drucken gemacht (A4): Drucken Sie sie mit Strg+P oder über das "
			   "Menü des Browsers."));
	html_text(&h, " ");
	html_elem(&h, "a", T(r, "Filter ändern"), "href", an_query_url(r, &q, "/intern/analyse", NULL), NULL);
	html_close(&h, "p");
	/* the date and the filters, on the paper */
	html_open(&h, "dl", "class", "facts report-meta", NULL);
	html_elem(&h, "dt", T(r, "Stand"), NULL);
	html_elem(&h, "dd", layout_date(r, an_today(r->a)), NULL);
	html_elem(&h, "dt", T(r, "Zeitraum"), NULL);
	html_elem(&h, "dd",
		  q.filt.from || q.filt.to
			  ? i18n_fill(r->a, T(r, "{1} bis {2}"), q.filt.from ? layout_date(r, q.filt.from) : "…",
				      q.filt.to ? layout_date(r, q.filt.to) : "…", NULL)
			  : T(r, "ohne Grenze"),
		  NULL);
	static const char *const names[AN_DIMS] = { N_("Übergangsphase"), N_("Zielgruppe"), N_("Ort"), N_("Sprache") };
	for (int d = 0; d < AN_DIMS; d++) {
		html_elem(&h, "dt", T(r, names[d]), NULL);
		html_elem(&h, "dd", an_dims_label(&c.dims, (enum an_dim)d, q.filt.code[d], r->lang), NULL);
	}
	html_close(&h, "dl");
	html_elem(&h, "h2", T(r, "Abdeckung"), NULL);
	totals(&h, r, &heat.total);
	an_view_chart(&h, r, by_place, 1, 0, 0);
	an_view_chart(&h, r, by_stage, 1, 0, 0);
	an_view_heat(&h, r, &q, &c, &heat);
	html_elem(&h, "h2", T(r, "Förderung"), NULL);
	an_table_html(&h, r, fund);
	html_elem(&h, "h2", T(r, "Förderende in den nächsten 12 Monaten"), NULL);
	an_table_html(&h, r, cliff);
	html_elem(&h, "h2", T(r, "Lücken"), NULL);
	if (ns == 0)
		html_elem(&h, "p", T(r, "Noch keine Quellen für Bedarfe angeschlossen: dieser Bericht nennt darum keine "
				       "Lücken."), NULL);
	else
		an_table_html(&h, r, gaps);
	/* outcomes: on A4, the started and completed shares and what
	 * followed at 12 months; the page /intern/analyse/ergebnisse has all */
	html_elem(&h, "h2", T(r, "Ergebnisse der Vermittlungen"), NULL);
	outcomes_note(&h, r);
	static const size_t brief[] = { 0, 1, 3, 5, 12, 13, 14, 15, 16, 17 };
	an_view_chart(&h, r, oc_stage, 3, 100, 0);
	an_table_html(&h, r, an_table_pick(r->a, oc_stage, brief, NELEM(brief)));
	an_table_html(&h, r, an_table_pick(r->a, oc_offer, brief, NELEM(brief)));
	html_close(&h, "div");
	layout_end(&h, r);
}

void an_staff_data(struct req *r, struct resp *w)
{
	static const char *const names[] = { "abdeckung", "abdeckung-ort", "abdeckung-phase", "kreuztabelle", "foerderung", "foerderende", "vergleich",
					      "luecken", "ergebnisse", "ergebnisse-phase", "ergebnisse-gruppe",
					      "ergebnisse-sprache" };
	const char *p = r->params[0], *dot = strrchr(p, '.');
	const char *ext = dot ? dot + 1 : "";
	char *name = arena_strndup(r->a, p, dot ? (size_t)(dot - p) : strlen(p));
	int known = 0;
	for (size_t i = 0; i < NELEM(names); i++)
		known |= strcmp(name, names[i]) == 0;
	if (!known || (strcmp(ext, "csv") != 0 && strcmp(ext, "xlsx") != 0 && strcmp(ext, "json") != 0)) {
		layout_staff_not_found(r, w);
		return;
	}
	struct an_query q;
	struct an_ctx c;
	if (load(r, w, &q, &c) != 0)
		return;
	if (strcmp(name, "vergleich") == 0 && !q.a) {
		const char **months;
		size_t nm;
		if (an_snapshot_months(r->db, r->a, &months, &nm) == ST_OK && nm)
			q.a = months[nm - 1];
	}
	struct an_table *t = an_tab_named(r, &c, &q, name);
	if (!t) {
		layout_staff_failed(r, w);
		return;
	}
	audit_add_req(r, "analysis_export", "table", arena_printf(r->a, "%s.%s", name, ext), "ok",
		      arena_printf(r->a, "%zu", t->nrows));
	if (an_table_send(r, w, t, ext, q.filters) != 0) {
		buf_reset(&w->body);
		w->status = 500;
		layout_staff_problem(r, w, 500, T(r, "Export fehlgeschlagen"),
				     T(r, "Die Datei konnte nicht erstellt werden. Bitte versuchen Sie es später noch einmal."));
	}
}
