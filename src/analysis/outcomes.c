/* outcomes.c — outcomes by offer and by group: of the referrals of
 * consenting cases (counselling.h), how many started and completed, and
 * what followed at 6 and 12 months (training, EQ, school, job, nothing),
 * each with Wilson's 95 % interval; a total row; every count under
 * AN_MIN_CELL and every count that would give one away hidden (suppress.c),
 * and a share only where both its counts are shown. */
#include "analysis/analysis_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/stats.h"
#include "core/strmap.h"
#include "counselling/counselling.h"

#include <math.h>
#include <string.h>

/* what a table is by: the offer, or a dimension of the case */
static const struct {
	const char *name;
	int dim; /* -1: the offer */
	const char *head, *caption;
} bys[] = {
	{ "ergebnisse", -1, N_("Angebot"), N_("Ergebnisse nach Angebot") },
	{ "ergebnisse-phase", AN_STAGE, N_("Übergangsphase"), N_("Ergebnisse nach Übergangsphase") },
	{ "ergebnisse-gruppe", AN_GROUP, N_("Zielgruppe"), N_("Ergebnisse nach Zielgruppe") },
	{ "ergebnisse-sprache", AN_LANG, N_("Sprache"), N_("Ergebnisse nach Sprache") },
};

size_t an_outcome_tables(const char *const **names)
{
	static const char *const v[] = { "ergebnisse", "ergebnisse-phase", "ergebnisse-gruppe", "ergebnisse-sprache" };
	*names = v;
	return NELEM(v);
}

/* the columns of a follow-up time, in the order of enum counsel_followup:
 * the count of known results, then the share of each result; {1} the months */
static const struct {
	const char *key, *head;
} fu_cols[COUNSEL_FU__N] = {
	[COUNSEL_FU_KNOWN] = { "bekannt", N_("Ergebnis nach {1} Monaten bekannt") },
	[COUNSEL_FU_TRAINING] = { "ausbildung", N_("in Ausbildung nach {1} Monaten (Anteil, 95-%-Intervall)") },
	[COUNSEL_FU_EQ] = { "eq", N_("in Einstiegsqualifizierung nach {1} Monaten (Anteil, 95-%-Intervall)") },
	[COUNSEL_FU_SCHOOL] = { "schule", N_("in Schule oder Studium nach {1} Monaten (Anteil, 95-%-Intervall)") },
	[COUNSEL_FU_JOB] = { "arbeit", N_("in Arbeit nach {1} Monaten (Anteil, 95-%-Intervall)") },
	[COUNSEL_FU_NONE] = { "nichts", N_("nichts davon nach {1} Monaten (Anteil, 95-%-Intervall)") },
};
static const int fu_months[2] = { 6, 12 };

struct row {
	const char *key, *label;
	long n[COUNSEL_OC__N];
	long at[2][COUNSEL_FU__N];
};

static int passes(const struct an_filter *f, enum an_dim d, const char *v)
{
	return !f->code[d] || strcmp(f->code[d], v) == 0;
}

/* "x %" with its interval, or "" when x or n is hidden or under AN_MIN_CELL */
static const char *share(arena *a, const struct an_supp *s, size_t x, size_t n)
{
	if (s->state[x] != AN_SHOWN || s->state[n] != AN_SHOWN || s->v[x] < AN_MIN_CELL || s->v[n] < AN_MIN_CELL)
		return "";
	double lo, hi;
	stats_wilson((double)s->v[x], (double)s->v[n], STATS_Z95, &lo, &hi);
	return arena_printf(a, "%.0f %% (%.0f–%.0f)", 100.0 * (double)s->v[x] / (double)s->v[n], 100.0 * lo, 100.0 * hi);
}

/* A row's counts in the grid of suppress.c: referred, started,
 * completed, then per follow-up time the known results and each result. */
enum { OC_REF, OC_STARTED, OC_DONE, OC_FU, OC_N = OC_FU + 2 * COUNSEL_FU__N };
static size_t oc_at(int fu, int k)
{
	return (size_t)(OC_FU + fu * COUNSEL_FU__N + k);
}

static void row_counts(const struct row *v, long *out)
{
	out[OC_REF] = v->n[COUNSEL_OC_REFERRED];
	out[OC_STARTED] = v->n[COUNSEL_OC_STARTED];
	out[OC_DONE] = v->n[COUNSEL_OC_COMPLETED];
	for (int fu = 0; fu < 2; fu++)
		for (int k = 0; k < COUNSEL_FU__N; k++)
			out[oc_at(fu, k)] = v->at[fu][k];
}

/* The counts of rows v[0..nv) and their total (the last row) with the
 * lines that tie them: started and completed within the referrals, the
 * results within the known ones, each column within the total. */
static void suppress_rows(arena *a, const struct row *v, size_t nv, const struct row *total, struct an_supp *s)
{
	size_t nr = nv + 1;
	an_supp_init(a, s, nr * OC_N);
	size_t *parts = arena_alloc(a, (nr + OC_N) * sizeof(*parts));
	for (size_t i = 0; i < nr; i++) {
		size_t b = i * OC_N;
		row_counts(i < nv ? &v[i] : total, &s->v[b]);
		for (int fu = 0; fu < 2; fu++)
			for (int k = 1; k < COUNSEL_FU__N; k++)
				s->zero_small[b + oc_at(fu, k)] = 1; /* no share of nothing */
		parts[0] = b + OC_STARTED;
		an_supp_line(s, b + OC_REF, parts, 1, 1);
		parts[0] = b + OC_DONE;
		an_supp_line(s, b + OC_STARTED, parts, 1, 1);
		for (int fu = 0; fu < 2; fu++) {
			for (int k = 1; k < COUNSEL_FU__N; k++)
				parts[k - 1] = b + oc_at(fu, k);
			an_supp_line(s, b + oc_at(fu, COUNSEL_FU_KNOWN), parts, COUNSEL_FU__N - 1, 0);
		}
	}
	for (size_t c = 0; c < OC_N; c++) {
		for (size_t i = 0; i < nv; i++)
			parts[i] = i * OC_N + c;
		an_supp_line(s, nv * OC_N + c, parts, nv, 0);
	}
	an_suppress(s);
}

static void add_to(struct row *r, const struct counsel_outcome_count *x)
{
	for (int i = 0; i < COUNSEL_OC__N; i++)
		r->n[i] += x->n[i];
	for (int t = 0; t < 2; t++)
		for (int i = 0; i < COUNSEL_FU__N; i++)
			r->at[t][i] += x->at[t][i];
}

static void add(arena *a, struct strmap *m, struct row **v, size_t *nv, size_t *cap, const char *key,
		const char *label, const struct counsel_outcome_count *x)
{
	void **slot = strmap_slot(m, key, strlen(key));
	if (!*slot) {
		*v = arena_grow(a, *v, *nv, cap, sizeof(**v), 16);
		memset(&(*v)[*nv], 0, sizeof(**v));
		(*v)[*nv].key = arena_strdup(a, key); /* x's strings are the cache's (cache.c) */
		(*v)[*nv].label = arena_strdup(a, label);
		*slot = (void *)(*nv + 1);
		(*nv)++;
	}
	add_to(&(*v)[(size_t)*slot - 1], x);
}

static int by_label(const void *x, const void *y)
{
	const struct row *a = x, *b = y;
	int c = strcmp(a->label, b->label);
	return c ? c : strcmp(a->key, b->key);
}

struct an_table *an_tab_outcomes(struct req *r, const struct an_ctx *c, const struct an_query *q, const char *name)
{
	size_t b = 0;
	while (b < NELEM(bys) && strcmp(bys[b].name, name) != 0)
		b++;
	if (b == NELEM(bys))
		return NULL;
	struct counsel_outcome_count *o;
	size_t no;
	if (an_outcome_counts(r->db, q->filt.from, q->filt.to, &o, &no) != ST_OK)
		return NULL;
	struct strmap m = { 0 };
	struct row *v = NULL, total = { .key = "", .label = T(r, "Insgesamt") };
	size_t nv = 0, cap = 0;
	for (size_t i = 0; i < no; i++) {
		int counted = 0;
		const struct counsel_outcome_count *x = &o[i];
		if (!passes(&q->filt, AN_STAGE, x->stage) || !passes(&q->filt, AN_GROUP, x->group) ||
		    !passes(&q->filt, AN_DISTRICT, x->district))
			continue;
		/* the case's languages: each one, or "" when none */
		const char *p = x->languages;
		do {
			size_t len = strcspn(p, ",");
			const char *lang = arena_strndup(r->a, p, len);
			p += len;
			if (*p == ',')
				p++;
			if (!(*lang || !*x->languages) || !passes(&q->filt, AN_LANG, lang))
				continue;
			if (!counted++)
				add_to(&total, x); /* a referral once in the total */
			if (bys[b].dim < 0) {
				/* an offer counts once, whatever the languages */
				add(r->a, &m, &v, &nv, &cap, x->service_id, x->service_name, x);
				break;
			}
			enum an_dim d = (enum an_dim)bys[b].dim;
			const char *code = d == AN_STAGE ? x->stage : d == AN_GROUP ? x->group : lang;
			add(r->a, &m, &v, &nv, &cap, code, an_dims_label(&c->dims, d, code, r->lang), x);
		} while (*p);
	}
	strmap_free(&m, NULL);
	if (nv)
		qsort(v, nv, sizeof(*v), by_label);
	struct an_table *t = an_table_new(r->a, bys[b].name, T(r, bys[b].caption), 6 + 2 * COUNSEL_FU__N, nv ? nv + 1 : 0);
	an_table_col(t, 0, "was", T(r, bys[b].head), 0);
	an_table_col(t, 1, "vermittlungen", T(r, "Vermittlungen"), 1);
	an_table_col(t, 2, "begonnen", T(r, "begonnen"), 1);
	an_table_col(t, 3, "begonnen_anteil", T(r, "begonnen: Anteil (95-%-Intervall)"), 0);
	an_table_col(t, 4, "abgeschlossen", T(r, "abgeschlossen"), 1);
	an_table_col(t, 5, "abgeschlossen_anteil", T(r, "abgeschlossen: Anteil (95-%-Intervall)"), 0);
	for (int fu = 0; fu < 2; fu++)
		for (int k = 0; k < COUNSEL_FU__N; k++)
			an_table_col(t, (size_t)(6 + fu * COUNSEL_FU__N + k),
				     arena_printf(r->a, "%s_%d", fu_cols[k].key, fu_months[fu]),
				     i18n_fill(r->a, T(r, fu_cols[k].head), arena_printf(r->a, "%d", fu_months[fu]), NULL),
				     k == COUNSEL_FU_KNOWN);
	struct an_supp s;
	suppress_rows(r->a, v, nv, &total, &s);
	for (size_t i = 0; i < t->nrows; i++) {
		size_t at = i * OC_N;
		AN_CELL(t, i, 0) = i < nv ? v[i].label : total.label;
		AN_CELL(t, i, 1) = an_supp_text(r->a, &s, at + OC_REF);
		AN_CELL(t, i, 2) = an_supp_text(r->a, &s, at + OC_STARTED);
		AN_CELL(t, i, 3) = share(r->a, &s, at + OC_STARTED, at + OC_REF);
		AN_CELL(t, i, 4) = an_supp_text(r->a, &s, at + OC_DONE);
		AN_CELL(t, i, 5) = share(r->a, &s, at + OC_DONE, at + OC_REF);
		for (int fu = 0; fu < 2; fu++) {
			size_t col = (size_t)(6 + fu * COUNSEL_FU__N);
			AN_CELL(t, i, col) = an_supp_text(r->a, &s, at + oc_at(fu, COUNSEL_FU_KNOWN));
			for (int k = 1; k < COUNSEL_FU__N; k++)
				AN_CELL(t, i, col + (size_t)k) =
					share(r->a, &s, at + oc_at(fu, k), at + oc_at(fu, COUNSEL_FU_KNOWN));
		}
	}
	return t;
}
