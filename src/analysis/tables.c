/* tables.c — every figure of the analysis as a table: coverage, the heat
 * map's cross table, funding, the funding cliff, two dates compared, the
 * gaps, and the public aggregate. */
#include "analysis/analysis_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/strmap.h"
#include "counselling/counselling.h"
#include "html/layout.h"

#include <stdlib.h>
#include <string.h>

/* An offer with its name and its provider's, for sorting by name. */
struct named {
	const struct dir_fact *f;
	const char *name, *org;
};

static int by_name(const void *x, const void *y)
{
	const struct named *a = x, *b = y;
	int c = strcmp(a->name, b->name);
	return c ? c : strcmp(a->f->id, b->f->id);
}

int an_offer_names(struct req *r, const struct dir_fact **v, size_t n, int sort, const char ***names,
		   const char ***orgs)
{
	const char **ids = arena_alloc(r->a, (n + 1) * sizeof(char *));
	*names = arena_alloc(r->a, (n + 1) * sizeof(char *));
	*orgs = arena_alloc(r->a, (n + 1) * sizeof(char *));
	for (size_t i = 0; i < n; i++)
		ids[i] = v[i]->id;
	if (dir_fact_names(r->db, r->a, ids, n, *names, *orgs) != ST_OK)
		return ST_ERR;
	if (!sort || n < 2)
		return ST_OK;
	struct named *w = arena_alloc(r->a, n * sizeof(*w));
	for (size_t i = 0; i < n; i++)
		w[i] = (struct named){ v[i], (*names)[i], (*orgs)[i] };
	qsort(w, n, sizeof(*w), by_name);
	for (size_t i = 0; i < n; i++) {
		v[i] = w[i].f;
		(*names)[i] = w[i].name;
		(*orgs)[i] = w[i].org;
	}
	return ST_OK;
}

struct an_table *an_tab_coverage(struct req *r, const struct an_ctx *c, const struct an_query *q)
{
	struct an_coverage cov;
	if (an_coverage_count(r->a, &c->dims, c->f, c->n, &q->filt, AN_ALL_DIMS, &cov) != ST_OK)
		return NULL;
	struct an_table *t = an_table_new(r->a, "abdeckung",
					  T(r, "Angebote nach Übergangsphase, Zielgruppe, Ort und Sprache"), 9, cov.n);
	an_table_col(t, 0, "phase", T(r, "Übergangsphase"), 0);
	an_table_col(t, 1, "gruppe", T(r, "Zielgruppe"), 0);
	an_table_col(t, 2, "ort", T(r, "Ort"), 0);
	an_table_col(t, 3, "sprache", T(r, "Sprache"), 0);
	an_table_col(t, 4, "angebote", T(r, "Angebote"), 1);
	an_table_col(t, 5, "plaetze", T(r, "Plätze"), 1);
	an_table_col(t, 6, "ohne_platzangabe", T(r, "ohne Platzangabe"), 1);
	an_table_col(t, 7, "kostenfrei", T(r, "kostenfrei"), 1);
	an_table_col(t, 8, "gefoerdert", T(r, "mit Förderung"), 1);
	for (size_t i = 0; i < cov.n; i++) {
		const struct an_cell *e = &cov.cells[i];
		for (int d = 0; d < AN_DIMS; d++)
			AN_CELL(t, i, d) = an_dims_label(&c->dims, (enum an_dim)d, e->code[d], r->lang);
		AN_CELL(t, i, 4) = an_count_text(r->a, e->offers, 0);
		AN_CELL(t, i, 5) = an_count_text(r->a, e->places, 0);
		AN_CELL(t, i, 6) = an_count_text(r->a, e->no_places, 0);
		AN_CELL(t, i, 7) = an_count_text(r->a, e->free, 0);
		AN_CELL(t, i, 8) = an_count_text(r->a, e->funded, 0);
		t->links[i] = an_cell_url(r, q, e->code);
	}
	return t;
}

struct an_table *an_tab_by(struct req *r, const struct an_ctx *c, const struct an_query *q, enum an_dim d)
{
	struct an_coverage cov;
	if (an_coverage_count(r->a, &c->dims, c->f, c->n, &q->filt, AN_MASK(d), &cov) != ST_OK)
		return NULL;
	int place = d == AN_DISTRICT;
	struct an_table *t = an_table_new(r->a, place ? "abdeckung-ort" : "abdeckung-phase",
					  place ? T(r, "Angebote nach Ort") : T(r, "Angebote nach Übergangsphase"), 3, cov.n);
	an_table_col(t, 0, an_dim_keys[d], place ? T(r, "Ort") : T(r, "Übergangsphase"), 0);
	an_table_col(t, 1, "angebote", T(r, "Angebote"), 1);
	an_table_col(t, 2, "plaetze", T(r, "Plätze"), 1);
	for (size_t i = 0; i < cov.n; i++) {
		const struct an_cell *e = &cov.cells[i];
		AN_CELL(t, i, 0) = an_dims_label(&c->dims, d, e->code[d], r->lang);
		AN_CELL(t, i, 1) = an_count_text(r->a, e->offers, 0);
		AN_CELL(t, i, 2) = an_count_text(r->a, e->places, 0);
		t->links[i] = an_cell_url(r, q, e->code);
	}
	return t;
}

/* The values of dimension d that have offers in cov, in display order. */
static size_t used_values(arena *a, const struct an_dims *dims, const struct an_coverage *cov, enum an_dim d,
			  size_t **out)
{
	*out = arena_alloc(a, (dims->n[d] + 1) * sizeof(size_t));
	size_t k = 0;
	for (size_t i = 0; i < dims->n[d]; i++)
		for (size_t j = 0; j < cov->n; j++)
			if (strcmp(cov->cells[j].code[d], dims->codes[d][i]) == 0) {
				(*out)[k++] = i;
				break;
			}
	return k;
}

static const struct an_cell *find_cell(const struct an_coverage *cov, enum an_dim rd, const char *rc, enum an_dim cd,
				       const char *cc)
{
	for (size_t j = 0; j < cov->n; j++)
		if (strcmp(cov->cells[j].code[rd], rc) == 0 && strcmp(cov->cells[j].code[cd], cc) == 0)
			return &cov->cells[j];
	return NULL;
}

struct an_table *an_cross(struct req *r, const struct an_dims *dims, const struct an_coverage *cov, enum an_dim rd,
			  enum an_dim cd, const char *name, const char *caption, const char *row_head, const char *none,
			  const struct an_coverage *row_totals, const struct an_coverage *col_totals, int suppress)
{
	size_t *rv, *cv;
	size_t nr = used_values(r->a, dims, cov, rd, &rv), nc = used_values(r->a, dims, cov, cd, &cv);
	int totals = row_totals && col_totals;
	/* the counts as a grid with the totals in the last row and column
	 * (when totals), so that the small ones and those that would give
	 * them away are hidden together (suppress.c) */
	size_t gr = nr + (totals ? 1 : 0), gc = nc + (totals ? 1 : 0);
	struct an_supp s;
	an_supp_init(r->a, &s, gr * gc);
	for (size_t i = 0; i < nr; i++)
		for (size_t j = 0; j < nc; j++) {
			const struct an_cell *e =
				find_cell(cov, rd, dims->codes[rd][rv[i]], cd, dims->codes[cd][cv[j]]);
			s.v[i * gc + j] = e ? e->offers : 0;
		}
	if (totals) {
		for (size_t i = 0; i < nr; i++) {
			const struct an_cell *e = find_cell(row_totals, rd, dims->codes[rd][rv[i]], rd, dims->codes[rd][rv[i]]);
			s.v[i * gc + nc] = e ? e->offers : 0;
		}
		for (size_t j = 0; j < nc; j++) {
			const struct an_cell *e = find_cell(col_totals, cd, dims->codes[cd][cv[j]], cd, dims->codes[cd][cv[j]]);
			s.v[nr * gc + j] = e ? e->offers : 0;
		}
		s.v[nr * gc + nc] = cov->total.offers;
		size_t *parts = arena_alloc(r->a, (gr + gc) * sizeof(*parts));
		for (size_t i = 0; i < gr; i++) {
			for (size_t j = 0; j < nc; j++)
				parts[j] = i * gc + j;
			an_supp_line(&s, i * gc + nc, parts, nc, 0);
		}
		for (size_t j = 0; j < gc; j++) {
			for (size_t i = 0; i < nr; i++)
				parts[i] = i * gc + j;
			an_supp_line(&s, nr * gc + j, parts, nr, 0);
		}
	}
	if (suppress)
		an_suppress(&s);
	struct an_table *t = an_table_new(r->a, name, caption, gc + 1, gr);
	an_table_col(t, 0, an_dim_keys[rd], row_head, 0);
	for (size_t j = 0; j < nc; j++) {
		const char *code = dims->codes[cd][cv[j]];
		an_table_col(t, j + 1, *code ? code : "ohne_angabe", *code ? dims->labels[cd][cv[j]] : none, 1);
	}
	if (totals)
		an_table_col(t, nc + 1, "insgesamt", T(r, "Insgesamt"), 1);
	for (size_t i = 0; i < gr; i++) {
		AN_CELL(t, i, 0) = i == nr ? T(r, "Insgesamt") : *dims->codes[rd][rv[i]] ? dims->labels[rd][rv[i]] : none;
		for (size_t j = 0; j < gc; j++)
			AN_CELL(t, i, j + 1) = an_supp_text(r->a, &s, i * gc + j);
	}
	return t;
}

static const char *const dim_heads[AN_DIMS] = { N_("Übergangsphase"), N_("Zielgruppe"), N_("Ort"), N_("Sprache") };

struct an_table *an_tab_heat(struct req *r, const struct an_ctx *c, const struct an_query *q,
			     struct an_coverage *cov)
{
	if (an_coverage_count(r->a, &c->dims, c->f, c->n, &q->filt, AN_MASK(q->rows) | AN_MASK(q->cols), cov) != ST_OK)
		return NULL;
	return an_cross(r, &c->dims, cov, q->rows, q->cols, "kreuztabelle", T(r, "Angebote je Zeile und Spalte"),
			T(r, dim_heads[q->rows]), T(r, "(ohne Angabe)"), NULL, NULL, 0);
}

/* The label of a term code of the taxonomy tax ("" : "(ohne Angabe)"). */
static const char *term_label(struct req *r, const struct dir_taxonomy *t, size_t nt, const char *tax, const char *code)
{
	if (!*code)
		return T(r, "(ohne Angabe)");
	const struct dir_term *x = dir_term_find(t, nt, tax, code);
	return x ? x->name : code;
}

struct an_table *an_tab_funding(struct req *r, const struct an_ctx *c, const struct an_query *q)
{
	size_t nt;
	struct dir_taxonomy *tax = dir_taxonomies(r->db, r->a, r->lang, &nt);
	if (!tax)
		return NULL;
	struct an_funding_row *v;
	size_t n;
	an_funding_count(r->a, c->f, c->n, &q->filt, &v, &n);
	struct an_table *t = an_table_new(r->a, "foerderung", T(r, "Angebote und Plätze nach Förderer und Programm"), 4, n);
	an_table_col(t, 0, "art", T(r, "Art"), 0);
	an_table_col(t, 1, "name", T(r, "Förderer oder Programm"), 0);
	an_table_col(t, 2, "angebote", T(r, "Angebote"), 1);
	an_table_col(t, 3, "plaetze", T(r, "Plätze"), 1);
	for (size_t i = 0; i < n; i++) {
		int funder = *v[i].funder != '\0';
		AN_CELL(t, i, 0) = funder ? T(r, "Förderer") : T(r, "Programm (Förderquelle)");
		AN_CELL(t, i, 1) = funder		? term_label(r, tax, nt, "foerderung", v[i].funder)
				   : *v[i].programme ? v[i].programme
						     : T(r, "(ohne Angabe)");
		AN_CELL(t, i, 2) = an_count_text(r->a, v[i].offers, 0);
		AN_CELL(t, i, 3) = an_count_text(r->a, v[i].places, 0);
	}
	return t;
}

static const char *join_terms(struct req *r, const struct dir_taxonomy *t, size_t nt, const char *tax,
			      const char *const *codes, size_t n)
{
	buf b = { 0 };
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(&b, ", ");
		buf_puts(&b, tax ? term_label(r, t, nt, tax, codes[i]) : codes[i]);
	}
	const char *s = arena_strdup(r->a, buf_str(&b));
	buf_free(&b);
	return s;
}

struct an_table *an_tab_cliff(struct req *r, const struct an_ctx *c, const struct an_query *q)
{
	size_t nt;
	struct dir_taxonomy *tax = dir_taxonomies(r->db, r->a, r->lang, &nt);
	if (!tax)
		return NULL;
	const struct dir_fact **v;
	size_t n;
	an_funding_cliff(r->a, c->f, c->n, &q->filt, an_today(r->a), &v, &n);
	const char **names, **orgs;
	if (an_offer_names(r, v, n, 0, &names, &orgs) != ST_OK)
		return NULL;
	/* the running referrals of consenting cases to each, whenever made */
	struct counsel_outcome_count *oc;
	size_t no;
	if (an_outcome_counts(r->db, NULL, NULL, &oc, &no) != ST_OK)
		return NULL;
	struct strmap ids = { 0 };
	long *running = arena_alloc(r->a, (n + 1) * sizeof(*running));
	for (size_t i = 0; i < n; i++) {
		running[i] = 0;
		*strmap_slot(&ids, v[i]->id, strlen(v[i]->id)) = &running[i];
	}
	for (size_t i = 0; i < no; i++) {
		long *slot = strmap_get(&ids, oc[i].service_id, strlen(oc[i].service_id));
		if (slot)
			*slot += oc[i].n[COUNSEL_OC_RUNNING];
	}
	strmap_free(&ids, NULL);
	struct an_table *t = an_table_new(r->a, "foerderende",
					  T(r, "Angebote, deren Förderung in den nächsten 12 Monaten endet"), 8, n);
	an_table_col(t, 0, "angebot", T(r, "Angebot"), 0);
	an_table_col(t, 1, "traeger", T(r, "Träger"), 0);
	an_table_col(t, 2, "endet", T(r, "endet am"), 0);
	an_table_col(t, 3, "plaetze", T(r, "Plätze"), 1);
	an_table_col(t, 4, "foerderer", T(r, "Förderer"), 0);
	an_table_col(t, 5, "programm", T(r, "Programm (Förderquelle)"), 0);
	an_table_col(t, 6, "ort", T(r, "Ort"), 0);
	an_table_col(t, 7, "vermittlungen", T(r, "laufende Vermittlungen"), 1);
	for (size_t i = 0; i < n; i++) {
		const struct dir_fact *o = v[i];
		AN_CELL(t, i, 7) = an_count_text(r->a, running[i], 1);
		AN_CELL(t, i, 0) = names[i];
		AN_CELL(t, i, 1) = orgs[i];
		AN_CELL(t, i, 2) = arena_strndup(r->a, o->valid_to, 10);
		AN_CELL(t, i, 3) = o->capacity >= 0 ? an_count_text(r->a, o->capacity, 0) : "";
		AN_CELL(t, i, 4) = join_terms(r, tax, nt, "foerderung", o->funders, o->n_funders);
		AN_CELL(t, i, 5) = join_terms(r, tax, nt, NULL, o->funding, o->n_funding);
		AN_CELL(t, i, 6) = join_terms(r, tax, nt, "ort", o->districts, o->n_districts);
		t->links[i] = arena_printf(r->a, "/intern/angebote/%s", o->id);
	}
	return t;
}

/* The coverage by district × stage of month ("" or NULL: today, live). */
static int coverage_at(struct req *r, const struct an_ctx *c, const char *month, struct an_coverage *two,
		       struct an_coverage *total)
{
	unsigned mask = AN_MASK(AN_DISTRICT) | AN_MASK(AN_STAGE);
	if (month && *month) {
		int rc = an_snapshot_read(r->db, r->a, month, mask, two);
		if (rc == ST_OK)
			rc = an_snapshot_read(r->db, r->a, month, 0, total);
		return rc;
	}
	int rc = an_coverage_count(r->a, &c->dims, c->f, c->n, NULL, mask, two);
	if (rc == ST_OK)
		rc = an_coverage_count(r->a, &c->dims, c->f, c->n, NULL, 0, total);
	return rc;
}

struct an_table *an_tab_compare(struct req *r, const struct an_ctx *c, const struct an_query *q)
{
	struct an_coverage a2, at, b2, bt;
	if (coverage_at(r, c, q->a, &a2, &at) != ST_OK || coverage_at(r, c, q->b, &b2, &bt) != ST_OK)
		return NULL;
	const char *la = q->a && *q->a ? q->a : T(r, "heute"), *lb = q->b && *q->b ? q->b : T(r, "heute");
	struct an_table *t = an_table_new(r->a, "vergleich",
					  i18n_fill(r->a, T(r, "Angebote nach Ort und Übergangsphase: {1} und {2}"), la, lb,
						    NULL),
					  7, a2.n + b2.n + 1);
	an_table_col(t, 0, "ort", T(r, "Ort"), 0);
	an_table_col(t, 1, "phase", T(r, "Übergangsphase"), 0);
	an_table_col(t, 2, "angebote_a", i18n_fill(r->a, T(r, "Angebote {1}"), la, NULL), 1);
	an_table_col(t, 3, "angebote_b", i18n_fill(r->a, T(r, "Angebote {1}"), lb, NULL), 1);
	an_table_col(t, 4, "differenz", T(r, "Differenz"), 1);
	an_table_col(t, 5, "plaetze_a", i18n_fill(r->a, T(r, "Plätze {1}"), la, NULL), 1);
	an_table_col(t, 6, "plaetze_b", i18n_fill(r->a, T(r, "Plätze {1}"), lb, NULL), 1);
	size_t n = 0;
	/* the total first, then every district × stage of either date, in the
	 * dimensions' order */
	AN_CELL(t, n, 0) = T(r, "(alle)");
	AN_CELL(t, n, 1) = T(r, "(alle)");
	AN_CELL(t, n, 2) = an_count_text(r->a, at.total.offers, 0);
	AN_CELL(t, n, 3) = an_count_text(r->a, bt.total.offers, 0);
	AN_CELL(t, n, 4) = arena_printf(r->a, "%+ld", bt.total.offers - at.total.offers);
	AN_CELL(t, n, 5) = an_count_text(r->a, at.total.places, 0);
	AN_CELL(t, n, 6) = an_count_text(r->a, bt.total.places, 0);
	n++;
	const struct an_dims *dims = &c->dims;
	for (size_t di = 0; di < dims->n[AN_DISTRICT]; di++)
		for (size_t si = 0; si < dims->n[AN_STAGE]; si++) {
			const char *dc = dims->codes[AN_DISTRICT][di], *sc = dims->codes[AN_STAGE][si];
			/* the filters' district and stage (the total stays the network's) */
			const char *fd = q->filt.code[AN_DISTRICT], *fs = q->filt.code[AN_STAGE];
			if ((fd && strcmp(fd, dc) != 0) || (fs && strcmp(fs, sc) != 0))
				continue;
			const struct an_cell *x = find_cell(&a2, AN_DISTRICT, dc, AN_STAGE, sc);
			const struct an_cell *y = find_cell(&b2, AN_DISTRICT, dc, AN_STAGE, sc);
			if (!x && !y)
				continue;
			long ao = x ? x->offers : 0, bo = y ? y->offers : 0;
			AN_CELL(t, n, 0) = dims->labels[AN_DISTRICT][di];
			AN_CELL(t, n, 1) = dims->labels[AN_STAGE][si];
			AN_CELL(t, n, 2) = an_count_text(r->a, ao, 0);
			AN_CELL(t, n, 3) = an_count_text(r->a, bo, 0);
			AN_CELL(t, n, 4) = arena_printf(r->a, "%+ld", bo - ao);
			AN_CELL(t, n, 5) = an_count_text(r->a, x ? x->places : 0, 0);
			AN_CELL(t, n, 6) = an_count_text(r->a, y ? y->places : 0, 0);
			n++;
		}
	t->nrows = n;
	return t;
}

struct an_table *an_tab_gaps(struct req *r, const struct an_ctx *c, const struct an_query *q, size_t *nsources)
{
	const struct an_need_source *const *src;
	*nsources = an_need_sources(&src);
	struct an_need *needs;
	size_t nn;
	if (an_needs_collect(r->db, r->a, &q->filt, &needs, &nn) != ST_OK)
		return NULL;
	struct an_gap *g;
	size_t ng;
	an_gaps_rank(r->a, needs, nn, c->f, c->n, &q->filt, &g, &ng);
	struct an_table *t = an_table_new(r->a, "luecken", T(r, "Lücken: wo Bedarfe hoch und Angebote wenige sind"), 7, ng);
	an_table_col(t, 0, "rang", T(r, "Rang"), 1);
	an_table_col(t, 1, "luecke", T(r, "Lücke"), 0);
	an_table_col(t, 2, "bedarfe", T(r, "Bedarfe"), 1);
	an_table_col(t, 3, "angebote", T(r, "Angebote"), 1);
	an_table_col(t, 4, "plaetze", T(r, "Plätze"), 1);
	/* the kind of offer needed (or referred to and declined or dropped),
	 * as the directory's taxonomy names it; "" where no source says */
	an_table_col(t, 5, "angebotsart", T(r, "Angebotsart"), 0);
	an_table_col(t, 6, "belege", T(r, "Zahlen dahinter"), AN_COL_LINKS);
	for (size_t i = 0; i < ng; i++) {
		const char *refs = "";
		for (size_t k = 0; k < g[i].nparts; k++)
			if (g[i].parts[k].href && !strstr(refs, g[i].parts[k].href))
				refs = *refs ? arena_printf(r->a, "%s %s", refs, g[i].parts[k].href) : g[i].parts[k].href;
		AN_CELL(t, i, 6) = refs;
		AN_CELL(t, i, 5) = g[i].need && *g[i].need ? an_kind_label(&c->dims, g[i].need) : "";
		AN_CELL(t, i, 0) = arena_printf(r->a, "%zu", i + 1);
		AN_CELL(t, i, 1) = an_gap_sentence(r->a, r->lang, &c->dims, &g[i]);
		const char *code[AN_DIMS];
		for (int d = 0; d < AN_DIMS; d++)
			code[d] = g[i].code[d] ? g[i].code[d] : "*";
		t->links[i] = an_cell_url(r, q, code);
		AN_CELL(t, i, 2) = g[i].needs_state == AN_SHOWN ? arena_printf(r->a, "%.0f", g[i].needs) : AN_GUARD_TEXT;
		AN_CELL(t, i, 3) = an_count_text(r->a, g[i].offers, 0);
		AN_CELL(t, i, 4) = an_count_text(r->a, g[i].places, 0);
	}
	return t;
}

struct an_table *an_tab_named(struct req *r, const struct an_ctx *c, const struct an_query *q, const char *name)
{
	struct an_coverage cov;
	size_t ns;
	if (strcmp(name, "abdeckung") == 0)
		return an_tab_coverage(r, c, q);
	if (strcmp(name, "abdeckung-ort") == 0)
		return an_tab_by(r, c, q, AN_DISTRICT);
	if (strcmp(name, "abdeckung-phase") == 0)
		return an_tab_by(r, c, q, AN_STAGE);
	if (strcmp(name, "kreuztabelle") == 0)
		return an_tab_heat(r, c, q, &cov);
	if (strcmp(name, "foerderung") == 0)
		return an_tab_funding(r, c, q);
	if (strcmp(name, "foerderende") == 0)
		return an_tab_cliff(r, c, q);
	if (strcmp(name, "vergleich") == 0)
		return an_tab_compare(r, c, q);
	if (strcmp(name, "luecken") == 0)
		return an_tab_gaps(r, c, q, &ns);
	if (strncmp(name, "ergebnisse", 10) == 0)
		return an_tab_outcomes(r, c, q, name);
	return NULL;
}
