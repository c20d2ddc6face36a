/* gaps.c — needs against offers: the registered need sources, gaps
 * ranked by needs per offer, and each gap in a sentence. Pure but for the
 * sources' own reads. */
#include "analysis/analysis.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/strmap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct an_need_source *sources[AN_NEED_SOURCES_MAX];
static size_t nsources;

int an_needs_register(const struct an_need_source *src)
{
	if (nsources == AN_NEED_SOURCES_MAX)
		return -1;
	sources[nsources++] = src;
	return 0;
}

size_t an_need_sources(const struct an_need_source *const **out)
{
	*out = sources;
	return nsources;
}

void an_needs_reset(void)
{
	nsources = 0;
}

int an_needs_collect(struct store *s, arena *a, const struct an_filter *filt, struct an_need **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	for (size_t i = 0; i < nsources; i++) {
		struct an_need *v;
		size_t k;
		if (sources[i]->needs(s, a, filt, &v, &k) != ST_OK)
			return ST_ERR;
		for (size_t j = 0; j < k; j++) {
			*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 64);
			(*out)[(*n)++] = v[j];
		}
	}
	return ST_OK;
}

/* A cell's key: its codes and the kind needed, NULL ("not said") apart from "". */
static char *cell_key(arena *a, const char *const code[AN_DIMS], const char *need)
{
	return arena_printf(a, "%s\x1f%s\x1f%s\x1f%s\x1f%s", code[0] ? code[0] : "\x02", code[1] ? code[1] : "\x02",
			    code[2] ? code[2] : "\x02", code[3] ? code[3] : "\x02", need ? need : "\x02");
}

/* Is kind one of the offer's kinds? */
static int has_kind(const struct dir_fact *f, const char *kind)
{
	for (size_t i = 0; i < f->n_kinds; i++)
		if (f->kinds[i] == kind || strcmp(f->kinds[i], kind) == 0)
			return 1;
	return 0;
}

static int codes_cmp(const char *const x[AN_DIMS], const char *const y[AN_DIMS])
{
	for (int d = 0; d < AN_DIMS; d++) {
		if (!x[d] != !y[d])
			return x[d] ? -1 : 1;
		int c = x[d] ? strcmp(x[d], y[d]) : 0;
		if (c)
			return c;
	}
	return 0;
}

static int by_rank(const void *x, const void *y)
{
	const struct an_gap *a = x, *b = y;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->needs != b->needs)
		return a->needs > b->needs ? -1 : 1;
	int c = codes_cmp(a->code, b->code);
	if (c || !a->need != !b->need)
		return c ? c : a->need ? -1 : 1;
	return a->need ? strcmp(a->need, b->need) : 0;
}

/* Do two details say the same (NULL none; letters of either case)? */
static int same_detail(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcasecmp(x, y) == 0);
}

/* The index of g's part of what (and detail), added when g has none yet:
 * counts without a share add up. */
static size_t part_of(arena *a, struct an_gap *g, const char *what, const char *share_what, const char *href,
		      const char *detail, double share)
{
	size_t k;
	for (k = 0; k < g->nparts; k++)
		if (strcmp(g->parts[k].what, what) == 0 && g->parts[k].share < 0 && share < 0 &&
		    same_detail(g->parts[k].detail, detail))
			return k;
	struct an_gap_part *p = arena_alloc(a, (g->nparts + 1) * sizeof(*p));
	if (g->nparts)
		memcpy(p, g->parts, g->nparts * sizeof(*p));
	p[g->nparts] = (struct an_gap_part){ what, share_what, href, detail, 0, share, AN_SHOWN };
	g->parts = p;
	return g->nparts++;
}

/* A detail (a reason as typed) is named only where AN_MIN_CELL or more of
 * the gap give it: a rarer one may name the young person. Its count goes
 * to the part of the same what without a detail. */
static void fold_details(arena *a, struct an_gap *g)
{
	for (size_t k = 0; k < g->nparts; k++) {
		struct an_gap_part *p = &g->parts[k];
		if (!p->detail || p->count >= AN_MIN_CELL)
			continue;
		double count = p->count;
		const char *what = p->what;
		memmove(p, p + 1, (g->nparts - k - 1) * sizeof(*p));
		g->nparts--;
		k--;
		size_t into = part_of(a, g, what, NULL, NULL, NULL, -1); /* g->parts may move */
		g->parts[into].count += count;
	}
}

/* The parts of g and their sum as one line of suppress.c, in whole
 * numbers as the sentence writes them. */
static void suppress_parts(arena *a, struct an_gap *g)
{
	struct an_supp s;
	an_supp_init(a, &s, g->nparts + 1);
	size_t *parts = arena_alloc(a, (g->nparts + 1) * sizeof(*parts));
	for (size_t k = 0; k < g->nparts; k++) {
		s.v[k] = (long)floor(g->parts[k].count + 0.5);
		parts[k] = k;
	}
	s.v[g->nparts] = (long)floor(g->needs + 0.5);
	an_supp_line(&s, g->nparts, parts, g->nparts, 0);
	an_suppress(&s);
	for (size_t k = 0; k < g->nparts; k++)
		g->parts[k].state = s.state[k];
	g->needs_state = s.state[g->nparts];
}

/* The offers of one key of an_gaps_rank's map: indexes into its facts. */
struct offer_list {
	size_t *v, n, cap;
};

/* Add the offer j to the list of key in m (made when m has none). */
static void list_add(arena *a, struct strmap *m, const char *key, size_t j)
{
	void **slot = strmap_slot(m, key, strlen(key));
	if (!*slot)
		*slot = arena_alloc(a, sizeof(struct offer_list));
	struct offer_list *l = *slot;
	l->v = arena_grow(a, l->v, l->n, &l->cap, sizeof(size_t), 64);
	l->v[l->n++] = j;
}

void an_gaps_rank(arena *a, const struct an_need *needs, size_t n, const struct dir_fact *f, size_t nf,
		  const struct an_filter *filt, struct an_gap **out, size_t *nout)
{
	struct strmap cells = { 0 };
	struct an_gap *v = NULL;
	size_t nv = 0, cap = 0;
	for (size_t i = 0; i < n; i++) {
		const struct an_need *w = &needs[i];
		if (!(w->count > 0))
			continue;
		const char *key = cell_key(a, w->code, w->need);
		void **slot = strmap_slot(&cells, key, strlen(key));
		struct an_gap *g;
		if (!*slot) {
			v = arena_grow(a, v, nv, &cap, sizeof(*v), 32);
			g = &v[nv];
			memset(g, 0, sizeof(*g));
			memcpy(g->code, w->code, sizeof(g->code));
			g->need = w->need;
			*slot = (void *)(nv + 1); /* an index: v moves as it grows */
			nv++;
		}
		g = &v[(size_t)*slot - 1];
		g->needs += w->count;
		/* parts of the same kind add up */
		size_t k;
		k = part_of(a, g, w->what, w->share_what, w->href, w->detail, w->share);
		if (w->detail && w->count > g->parts[k].count)
			g->parts[k].detail = w->detail; /* the spelling most give */
		g->parts[k].count += w->count;
	}
	strmap_free(&cells, NULL);
	/* the offers of each district ("" none stated), of each district and
	 * kind ("district\x1fkind") and of each kind ("\x1ekind"), so that a
	 * gap looks only at the offers of its district and kind */
	struct strmap by_district = { 0 };
	for (size_t j = 0; nv && j < nf; j++)
		for (size_t k = 0; k < (f[j].n_districts ? f[j].n_districts : 1); k++) {
			const char *d = f[j].n_districts ? f[j].districts[k] : "";
			list_add(a, &by_district, d, j);
			for (size_t x = 0; x < f[j].n_kinds; x++) {
				list_add(a, &by_district, arena_printf(a, "%s\x1f%s", d, f[j].kinds[x]), j);
				if (k == 0)
					list_add(a, &by_district, arena_printf(a, "\x1e%s", f[j].kinds[x]), j);
			}
		}
	/* the cells with enough needs, with the offers there */
	size_t kept = 0;
	for (size_t i = 0; i < nv; i++) {
		struct an_gap *g = &v[i];
		if (g->needs < AN_MIN_CELL)
			continue;
		struct an_filter cf = filt ? *filt : (struct an_filter){ 0 };
		for (int d = 0; d < AN_DIMS; d++)
			if (g->code[d])
				cf.code[d] = g->code[d];
		const char *place = cf.code[AN_DISTRICT];
		const char *key = place && g->need ? arena_printf(a, "%s\x1f%s", place, g->need)
				  : g->need	   ? arena_printf(a, "\x1e%s", g->need)
						   : place;
		const struct offer_list *l = key ? strmap_get(&by_district, key, strlen(key)) : NULL;
		size_t m = key ? (l ? l->n : 0) : nf;
		for (size_t x = 0; x < m; x++) {
			size_t j = key ? l->v[x] : x;
			if (an_filter_match(&cf, &f[j]) && (!g->need || has_kind(&f[j], g->need))) {
				g->offers++;
				g->places += f[j].capacity > 0 ? f[j].capacity : 0;
			}
		}
		g->score = g->needs / (double)(g->offers + 1);
		fold_details(a, g);
		suppress_parts(a, g);
		v[kept++] = *g;
	}
	strmap_free(&by_district, NULL);
	if (kept)
		qsort(v, kept, sizeof(*v), by_rank);
	*out = v;
	*nout = kept;
}

/* A part's count as a reader sees it: whole numbers (weighted counts
 * rounded), "< 5" or the guard's mark where hidden. */
static const char *count_text(arena *a, const struct an_gap_part *p)
{
	if (p->state == AN_SMALL)
		return arena_printf(a, "< %d", AN_MIN_CELL);
	if (p->state == AN_GUARD)
		return AN_GUARD_TEXT;
	return arena_printf(a, "%.0f", floor(p->count + 0.5));
}

const char *an_gap_sentence(arena *a, const char *lang, const struct an_dims *dims, const struct an_gap *g)
{
	struct {
		const char *lang;
	} rr = { lang }, *r = &rr;
	buf b = { 0 };
	/* what is needed: the kind of offer, else the stage, else "Angebote";
	 * both: "Sprachförderung (Übergangsphase Schule)" */
	const char *stage = g->code[AN_STAGE] && *g->code[AN_STAGE] ? an_dims_label(dims, AN_STAGE, g->code[AN_STAGE], lang)
								       : NULL;
	if (g->need && *g->need) {
		buf_puts(&b, an_kind_label(dims, g->need));
		if (stage)
			buf_puts(&b, i18n_fill(a, T(r, " (Übergangsphase {1})"), stage, NULL));
	} else
		buf_puts(&b, stage ? stage : T(r, "Angebote"));
	if (g->code[AN_GROUP] && *g->code[AN_GROUP]) {
		buf_putc(&b, ' ');
		buf_puts(&b, i18n_fill(a, T(r, "für {1}"), an_dims_label(dims, AN_GROUP, g->code[AN_GROUP], lang), NULL));
	}
	if (g->code[AN_LANG] && *g->code[AN_LANG]) {
		buf_putc(&b, ' ');
		buf_puts(&b, i18n_fill(a, T(r, "auf {1}"), an_dims_label(dims, AN_LANG, g->code[AN_LANG], lang), NULL));
	}
	if (g->code[AN_DISTRICT] && *g->code[AN_DISTRICT]) {
		buf_putc(&b, ' ');
		buf_puts(&b, i18n_fill(a, T(r, "in {1}"), an_dims_label(dims, AN_DISTRICT, g->code[AN_DISTRICT], lang),
				       NULL));
	}
	buf_puts(&b, ": ");
	for (size_t i = 0; i < g->nparts; i++) {
		const struct an_gap_part *p = &g->parts[i];
		if (i)
			buf_puts(&b, ", ");
		/* a part may name the gap's kind ("Vermittlungen zu {1} abgelehnt") */
		const char *what = i18n_get(lang, p->what);
		if (g->need && *g->need && strstr(what, "{1}"))
			what = i18n_fill(a, what, an_kind_label(dims, g->need), NULL);
		buf_puts(&b, i18n_fill(a, T(r, "{1} {2}"), count_text(a, p), what, NULL));
		if (p->detail) {
			buf_puts(&b, ": ");
			buf_puts(&b, p->detail);
		}
		if (p->share >= 0) {
			buf_puts(&b, ", ");
			buf_puts(&b, i18n_fill(a, T(r, "{1} % {2}"), arena_printf(a, "%.0f", floor(p->share + 0.5)),
					       p->share_what ? i18n_get(lang, p->share_what) : "", NULL));
		}
	}
	buf_puts(&b, "; ");
	if (g->offers == 0)
		buf_puts(&b, T(r, "kein Angebot"));
	else if (g->places > 0)
		buf_puts(&b, i18n_fill(a, TN(r, "{1} Angebot mit {2} Plätzen", "{1} Angebote mit {2} Plätzen",
					     (unsigned long)g->offers),
				       arena_printf(a, "%ld", g->offers), arena_printf(a, "%ld", g->places), NULL));
	else
		buf_puts(&b, i18n_fill(a, TN(r, "{1} Angebot", "{1} Angebote", (unsigned long)g->offers),
				       arena_printf(a, "%ld", g->offers), NULL));
	buf_putc(&b, '.');
	char *s = b.err ? arena_strdup(a, "") : arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return s;
}
