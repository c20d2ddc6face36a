/* needs.c — the need sources the evidence loop reads through the other
 * capabilities' public headers: counselling (needs recorded on cases,
 * referrals declined or dropped, from consenting cases only). */
#include "analysis/analysis.h"
#include "core/core.h"
#include "core/i18n.h"
#include "counselling/counselling.h"

#include <string.h>

/* Does value pass the filter's code of dimension d? */
static int passes(const struct an_filter *filt, enum an_dim d, const char *value)
{
	return !filt || !filt->code[d] || strcmp(filt->code[d], value) == 0;
}

static const char *const kind_what[] = {
	[COUNSEL_NEED_RECORDED] = N_("Bedarfe aus der Beratung"),
	[COUNSEL_NEED_DECLINED] = N_("abgelehnte Vermittlungen"),
	[COUNSEL_NEED_DROPPED] = N_("abgebrochene Vermittlungen"),
};

static int counsel_needs(struct store *s, arena *a, const struct an_filter *filt, struct an_need **out, size_t *n)
{
	struct counsel_need *v;
	size_t nv;
	*out = NULL;
	*n = 0;
	if (counsel_evidence_needs(s, a, filt ? filt->from : NULL, filt ? filt->to : NULL, &v, &nv) != ST_OK)
		return ST_ERR;
	size_t cap = 0;
	for (size_t i = 0; i < nv; i++) {
		const struct counsel_need *c = &v[i];
		if (!passes(filt, AN_STAGE, c->stage) || !passes(filt, AN_GROUP, c->group) ||
		    !passes(filt, AN_DISTRICT, c->district))
			continue;
		/* a case of two languages needs an offer in either: counted in each */
		const char *p = c->languages;
		do {
			size_t len = strcspn(p, ",");
			const char *lang = arena_strndup(a, p, len);
			p += len;
			if (*p == ',')
				p++;
			if ((*lang || !*c->languages) && passes(filt, AN_LANG, lang)) {
				*out = arena_grow(a, *out, *n, &cap, sizeof(**out), 32);
				(*out)[(*n)++] = (struct an_need){
					.code = { c->stage, c->group, c->district, lang },
					.count = (double)c->cases,
					.what = kind_what[c->kind],
					.share = -1,
				};
			}
		} while (*p);
	}
	return ST_OK;
}

static const struct an_need_source counsel_source = { N_("Beratung"), counsel_needs };

void an_needs_defaults(void)
{
	const struct an_need_source *const *have;
	size_t n = an_need_sources(&have);
	for (size_t i = 0; i < n; i++)
		if (have[i] == &counsel_source)
			return;
	an_needs_register(&counsel_source);
}
