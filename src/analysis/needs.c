/* needs.c — the need sources the evidence loop reads through the other
 * capabilities' public headers: counselling (needs recorded on cases,
 * referrals declined or dropped, from consenting cases only), surveys
 * (responses that chose a need-tagged answer, weighted) and interviews
 * (documents with a segment of a code mapped to a need). Each need names
 * the kind of offer it asks for where the source says it. Counselling
 * also gives its referrals declined or dropped (with the reason typed,
 * under the kind of the offer referred to) and the cases whose matching
 * found no fitting offer. */
#include "analysis/analysis.h"
#include "core/core.h"
#include "core/i18n.h"
#include "counselling/counselling.h"
#include "interviews/interviews.h"
#include "surveys/surveys.h"

#include <string.h>

/* Does value pass the filter's code of dimension d? */
static int passes(const struct an_filter *filt, enum an_dim d, const char *value)
{
	return !filt || !filt->code[d] || strcmp(filt->code[d], value) == 0;
}

/* Do a source's codes (stage, group, district, language; "" not stated)
 * pass the filter? */
static int cell_passes(const struct an_filter *filt, const char *const code[AN_DIMS])
{
	for (int d = 0; d < AN_DIMS; d++)
		if (!passes(filt, (enum an_dim)d, code[d]))
			return 0;
	return 1;
}

/* Append a need of count for the cell code (a code "" : the source does
 * not say, NULL in the need: offers of any value count) and kind need
 * ("" or NULL: not said). */
static void put(arena *a, struct an_need **out, size_t *n, size_t *cap, const char *const code[AN_DIMS],
		const char *need, const struct an_need *what)
{
	*out = arena_grow(a, *out, *n, cap, sizeof(**out), 64);
	struct an_need *w = &(*out)[(*n)++];
	*w = *what;
	for (int d = 0; d < AN_DIMS; d++)
		w->code[d] = code[d] && *code[d] ? code[d] : NULL;
	w->need = need && *need ? need : NULL;
}

/* The next item of the comma-separated list at *p (advancing *p), in a. */
static const char *next_item(arena *a, const char **p)
{
	size_t len = strcspn(*p, ",");
	const char *item = arena_strndup(a, *p, len);
	*p += len;
	if (**p == ',')
		(*p)++;
	return item;
}

/* Put what for a consenting case's cell: in each of its languages (a case
 * of two languages needs an offer in either) and for each kind of offer
 * in needs (comma-separated; "" : not said), when the filter passes. */
static void put_case(arena *a, struct an_need **out, size_t *n, size_t *cap, const struct an_filter *filt,
		     const char *stage, const char *group, const char *district, const char *languages,
		     const char *needs, const struct an_need *what)
{
	const char *lp = languages;
	do {
		const char *lang = next_item(a, &lp);
		const char *code[AN_DIMS] = { stage, group, district, lang };
		if ((!*lang && *languages) || !cell_passes(filt, code))
			continue;
		const char *np = needs;
		do {
			const char *need = next_item(a, &np);
			if (*need || !*needs)
				put(a, out, n, cap, code, need, what);
		} while (*np);
	} while (*lp);
}

/* A reason as typed, tidied: spaces trimmed and collapsed, a final full
 * stop dropped; NULL when none is left. */
static const char *tidy_reason(arena *a, const char *s)
{
	char *t = arena_strdup(a, s), *w = t;
	for (const char *p = s; *p; p++) {
		int space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
		if (space && (w == t || w[-1] == ' '))
			continue;
		*w++ = space ? ' ' : *p;
	}
	while (w > t && (w[-1] == ' ' || w[-1] == '.'))
		w--;
	*w = '\0';
	return *t ? t : NULL;
}

static int counsel_needs(struct store *s, arena *a, const struct an_filter *filt, struct an_need **out, size_t *n)
{
	struct counsel_need *v;
	struct counsel_decline *d, *u;
	size_t nv, nd, nu, cap = 0;
	*out = NULL;
	*n = 0;
	const char *from = filt ? filt->from : NULL, *to = filt ? filt->to : NULL;
	if (counsel_evidence_needs(s, a, from, to, &v, &nv) != ST_OK ||
	    counsel_evidence_declines(s, a, from, to, &d, &nd) != ST_OK ||
	    counsel_evidence_unmatched(s, a, from, to, &u, &nu) != ST_OK)
		return ST_ERR;
	for (size_t i = 0; i < nv; i++) {
		const struct an_need what = { .count = (double)v[i].cases, .what = N_("Bedarfe aus der Beratung"), .share = -1 };
		put_case(a, out, n, &cap, filt, v[i].stage, v[i].group, v[i].district, v[i].languages, v[i].needs, &what);
	}
	/* declined and dropped: in the cell of the case and the kind of the
	 * offer referred to ("Vermittlungen zu Ausbildungsbegleitung
	 * abgelehnt", {1} filled by gaps.c; an offer of two kinds counts in
	 * each); the reason goes with the count, and gaps.c names it only
	 * where enough referrals of a cell give it */
	for (size_t i = 0; i < nd; i++) {
		int kind = d[i].kinds && *d[i].kinds;
		const struct an_need what = {
			.count = (double)d[i].count,
			.what = d[i].dropped ? (kind ? N_("Vermittlungen zu {1} abgebrochen") : N_("Vermittlungen abgebrochen"))
					     : (kind ? N_("Vermittlungen zu {1} abgelehnt") : N_("Vermittlungen abgelehnt")),
			.share = -1,
			.detail = tidy_reason(a, d[i].reason),
		};
		put_case(a, out, n, &cap, filt, d[i].stage, d[i].group, d[i].district, d[i].languages,
			 kind ? d[i].kinds : "", &what);
	}
	for (size_t i = 0; i < nu; i++) {
		const struct an_need what = { .count = (double)u[i].count,
					      .what = N_("Beratungsfälle ohne passendes Angebot"), .share = -1 };
		put_case(a, out, n, &cap, filt, u[i].stage, u[i].group, u[i].district, u[i].languages, u[i].needs, &what);
	}
	return ST_OK;
}

static int survey_needs(struct store *s, arena *a, const struct an_filter *filt, struct an_need **out, size_t *n)
{
	struct survey_need *v;
	size_t nv, cap = 0;
	*out = NULL;
	*n = 0;
	if (survey_evidence_needs(s, a, filt ? filt->from : NULL, filt ? filt->to : NULL, &v, &nv) != ST_OK)
		return ST_ERR;
	for (size_t i = 0; i < nv; i++) {
		const struct survey_need *x = &v[i];
		const char *code[AN_DIMS] = { x->stage, x->group, x->district, x->language };
		if (!cell_passes(filt, code))
			continue;
		const struct an_need what = {
			.count = x->count,
			.what = N_("Befragte mit diesem Bedarf"),
			.share = x->base > 0 ? 100.0 * x->count / x->base : -1,
			.share_what = N_("der Befragten dieser Gruppe"),
			.href = arena_printf(a, "/intern/umfragen/%s/auswertung", x->survey_code),
		};
		put(a, out, n, &cap, code, x->need, &what);
	}
	return ST_OK;
}

static int interview_needs(struct store *s, arena *a, const struct an_filter *filt, struct an_need **out,
			   size_t *n)
{
	struct iv_need *v;
	size_t nv, cap = 0;
	*out = NULL;
	*n = 0;
	if (iv_evidence_needs(s, a, filt ? filt->from : NULL, filt ? filt->to : NULL, &v, &nv) != ST_OK)
		return ST_ERR;
	for (size_t i = 0; i < nv; i++) {
		const struct iv_need *x = &v[i];
		const char *code[AN_DIMS] = { x->stage, x->group, x->district, x->language };
		if (!cell_passes(filt, code))
			continue;
		const struct an_need what = {
			.count = (double)x->documents,
			.what = N_("Interviews, in denen der Bedarf vorkommt"),
			.share = -1,
		};
		put(a, out, n, &cap, code, x->need, &what);
	}
	return ST_OK;
}

static const struct an_need_source counsel_source = { N_("Beratung"), counsel_needs };
static const struct an_need_source survey_source = { N_("Befragungen"), survey_needs };
static const struct an_need_source interview_source = { N_("Interviews"), interview_needs };

void an_needs_defaults(void)
{
	static const struct an_need_source *const mine[] = { &counsel_source, &survey_source, &interview_source };
	const struct an_need_source *const *have;
	size_t n = an_need_sources(&have);
	for (size_t k = 0; k < NELEM(mine); k++) {
		size_t i = 0;
		while (i < n && have[i] != mine[k])
			i++;
		if (i == n)
			an_needs_register(mine[k]);
	}
}
