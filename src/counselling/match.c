/* match.c — offers of the directory that fit a case: free places (the
 * offer's capacity less the places its accepted and started referrals
 * hold), age, a language the young person speaks, transition stage,
 * target group, needs, distance from the district and cost; ranked, each with its reasons
 * in words, and the offers left out with the reason why. Reads the
 * directory through directory.h only. */
#include "counselling/counselling_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "directory/directory.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The rough centre of each district of the taxonomy "ort" (WGS 84), to
 * say how far an offer is. */
static const struct {
	const char *code;
	double lat, lon;
} centres[] = {
	{ "mainz-altstadt", 49.997, 8.273 },     { "mainz-neustadt", 50.006, 8.258 },
	{ "mainz-oberstadt", 49.989, 8.262 },    { "mainz-hartenberg-muenchfeld", 49.995, 8.240 },
	{ "mainz-mombach", 50.018, 8.226 },      { "mainz-gonsenheim", 50.005, 8.212 },
	{ "mainz-finthen", 49.985, 8.170 },      { "mainz-bretzenheim", 49.978, 8.237 },
	{ "mainz-hechtsheim", 49.963, 8.282 },   { "mainz-weisenau", 49.980, 8.292 },
	{ "mainz-lerchenberg", 49.961, 8.195 },  { "mainz-kastel", 50.007, 8.283 },
	{ "ingelheim", 49.975, 8.057 },          { "bingen", 49.967, 7.899 },
	{ "nieder-olm", 49.910, 8.205 },         { "budenheim", 50.021, 8.172 },
	{ "ludwigshafen-mitte", 49.481, 8.441 }, { "ludwigshafen-nord-hemshof", 49.495, 8.435 },
	{ "ludwigshafen-oggersheim", 49.490, 8.375 }, { "ludwigshafen-pfingstweide", 49.520, 8.413 },
	{ "ludwigshafen-gartenstadt", 49.457, 8.400 }, { "ludwigshafen-friesenheim", 49.502, 8.415 },
};

/* Farther than this from the district, an offer is left out. */
#define MATCH_MAX_KM 40.0
/* The offers looked at, at most (the directory of a region). */
#define MATCH_MAX_OFFERS 2000

static double km(double lat1, double lon1, double lat2, double lon2)
{
	const double rad = M_PI / 180.0;
	double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
	double h = sin(dlat / 2) * sin(dlat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
	return 2 * 6371.0 * asin(sqrt(h));
}

/* Does the comma-separated list have item? */
static int in_list(const char *list, const char *item, size_t n)
{
	for (const char *p = list; p && *p;) {
		p += strspn(p, " ,");
		size_t k = strcspn(p, ",");
		while (k && p[k - 1] == ' ')
			k--;
		if (k == n && strncmp(p, item, n) == 0)
			return 1;
		p += strcspn(p, ",");
	}
	return 0;
}

struct reasons {
	const char **v;
	size_t n, cap;
};

static void add(arena *a, struct reasons *rs, const char *text)
{
	rs->v = arena_grow(a, rs->v, rs->n, &rs->cap, sizeof(*rs->v), 8);
	rs->v[rs->n++] = text;
	rs->v = arena_grow(a, rs->v, rs->n, &rs->cap, sizeof(*rs->v), 8);
	rs->v[rs->n] = NULL;
}

static const char *num(arena *a, double v)
{
	char *s = arena_printf(a, "%.1f", v);
	char *dot = strchr(s, '.');
	if (dot)
		*dot = ','; /* the German decimal comma, as the finder writes it */
	return s;
}

static int by_service(const void *key, const void *elem)
{
	return strcmp(key, ((const struct counsel_taken *)elem)->service_id);
}

/* Judge offer sv for case c into m; taken: the places its referrals hold. */
static void judge(struct req *r, const struct counsel_case *c, const struct dir_service *sv, int taken,
		  struct counsel_match *m)
{
	arena *a = r->a;
	struct reasons rs = { 0 };
	int score = 0;
	const char *left = NULL;
	*m = (struct counsel_match){ sv->id, sv->organization_id, sv->name, sv->organization_name, 0, NULL, NULL };
	/* free places first: an offer that is full is no suggestion, however well it fits */
	if (sv->capacity >= 0) {
		int places = sv->capacity - taken;
		const char *cap = arena_printf(a, "%d", sv->capacity);
		if (places <= 0)
			left = taken ? i18n_fill(a, T(r, "keine freien Plätze: {1} von {2} vergeben"),
						 arena_printf(a, "%d", taken), cap, NULL)
				     : T(r, "keine freien Plätze");
		else {
			add(a, &rs, i18n_fill(a, T(r, "{1} von {2} Plätzen frei"), arena_printf(a, "%d", places), cap, NULL));
			score += places >= 3 ? 2 : 1;
		}
	}
	int lo, hi;
	if (counsel_age_range(c->age_band, &lo, &hi) && (sv->minimum_age >= 0 || sv->maximum_age >= 0)) {
		int min = sv->minimum_age >= 0 ? sv->minimum_age : 0, max = sv->maximum_age >= 0 ? sv->maximum_age : 999;
		const char *range =
			sv->maximum_age < 0 ? i18n_fill(a, T(r, "ab {1} Jahren"), arena_printf(a, "%d", min), NULL)
			: sv->minimum_age < 0 ? i18n_fill(a, T(r, "bis {1} Jahre"), arena_printf(a, "%d", max), NULL)
					      : i18n_fill(a, T(r, "für {1}–{2} Jahre"), arena_printf(a, "%d", min),
							  arena_printf(a, "%d", max), NULL);
		if (hi < min || lo > max)
			left = i18n_fill(a, T(r, "Alter passt nicht: nur {1}"), range, NULL);
		else {
			add(a, &rs, range);
			score += 2;
		}
	}
	/* languages: one the young person speaks besides German */
	int shared = 0, german_only = 1;
	for (size_t i = 0; i < sv->n_languages; i++) {
		const char *code = sv->languages[i].code;
		if (!code || !*code)
			continue;
		if (strcmp(code, "de") != 0)
			german_only = 0;
		if (strcmp(code, "de") != 0 && in_list(c->languages, code, strlen(code))) {
			const char *name = sv->languages[i].name;
			add(a, &rs, i18n_fill(a, T(r, "auf {1}"), name && *name ? name : code, NULL));
			score += 3;
			shared = 1;
		}
	}
	int weak_german = c->german_level[0] == 'A' || !c->german_level[0];
	if (!left && sv->n_languages && german_only && weak_german && !shared && c->german_level[0] == 'A')
		left = T(r, "nur auf Deutsch, Deutschkenntnisse noch auf Stufe A");
	/* stage, target group, needs */
	int fits = 0;
	for (size_t i = 0; i < sv->n_terms; i++) {
		const struct dir_term *t = &sv->terms[i];
		if (!t->taxonomy_code || !t->code)
			continue;
		if (strcmp(t->taxonomy_code, "uebergangsphase") == 0 && strcmp(t->code, c->stage) == 0) {
			add(a, &rs, i18n_fill(a, T(r, "Phase: {1}"), t->name, NULL));
			score += 3;
			fits = 1;
		} else if (strcmp(t->taxonomy_code, "zielgruppe") == 0 && strcmp(t->code, c->target_group) == 0) {
			add(a, &rs, i18n_fill(a, T(r, "für {1}"), t->name, NULL));
			score += 2;
			fits = 1;
		} else if (strcmp(t->taxonomy_code, "angebotsart") == 0 && in_list(c->needs, t->code, strlen(t->code))) {
			add(a, &rs, t->name);
			score += 3;
			fits = 1;
		}
	}
	if (!left && !fits)
		left = T(r, "passt weder zur Phase noch zur Zielgruppe oder zum Bedarf");
	/* distance from the district to the nearest place with coordinates */
	double best = -1;
	for (size_t k = 0; k < sizeof(centres) / sizeof(centres[0]); k++) {
		if (strcmp(centres[k].code, c->district) != 0)
			continue;
		for (size_t i = 0; i < sv->n_locations; i++) {
			const struct dir_location *l = &sv->locations[i];
			if (!l->has_coords)
				continue;
			double d = km(centres[k].lat, centres[k].lon, l->latitude, l->longitude);
			if (best < 0 || d < best)
				best = d;
		}
	}
	if (best >= 0) {
		if (best > MATCH_MAX_KM && !left)
			left = i18n_fill(a, T(r, "zu weit: {1} km"), num(a, best), NULL);
		add(a, &rs, i18n_fill(a, T(r, "{1} km"), num(a, best), NULL));
		score += best < 3 ? 2 : best < 10 ? 1 : 0;
	}
	if (sv->free_of_charge) {
		add(a, &rs, T(r, "kostenlos"));
		score += 1;
	} else if (sv->n_costs) {
		add(a, &rs, T(r, "kostenpflichtig"));
		score -= 2;
	}
	m->score = score;
	m->reasons = rs.v;
	if (!m->reasons) {
		m->reasons = arena_alloc(a, sizeof(*m->reasons));
		m->reasons[0] = NULL;
	}
	m->left_out = left;
}

static int by_rank(const void *x, const void *y)
{
	const struct counsel_match *a = x, *b = y;
	if (!a->left_out != !b->left_out)
		return a->left_out ? 1 : -1;
	if (a->score != b->score)
		return b->score - a->score;
	return strcmp(a->name, b->name);
}

int counsel_match_case(struct req *r, const struct counsel_case *c, struct counsel_match **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct dir_org_brief *orgs;
	struct counsel_taken *taken;
	size_t norgs, ntaken, cap = 0;
	if (dir_org_briefs(r->db, r->a, NULL, &orgs, &norgs) != ST_OK ||
	    counsel_places_taken(r->db, r->a, &taken, &ntaken) != ST_OK)
		return ST_ERR;
	for (size_t i = 0; i < norgs && *n < MATCH_MAX_OFFERS; i++) {
		struct dir_service *sv;
		size_t ns;
		if (dir_org_services(r->db, r->a, orgs[i].id, DIR_PUBLIC, &sv, &ns) != ST_OK)
			return ST_ERR;
		for (size_t j = 0; j < ns && *n < MATCH_MAX_OFFERS; j++) {
			struct dir_service full;
			int rc = dir_service_get(r->db, r->a, sv[j].id, r->lang, DIR_PUBLIC, &full);
			if (rc == ST_NOTFOUND)
				continue;
			if (rc != ST_OK)
				return ST_ERR;
			*out = arena_grow(r->a, *out, *n, &cap, sizeof(**out), 32);
			const struct counsel_taken *t =
				ntaken ? bsearch(full.id, taken, ntaken, sizeof(*taken), by_service) : NULL;
			judge(r, c, &full, t ? t->n : 0, &(*out)[(*n)++]);
		}
	}
	if (*n)
		qsort(*out, *n, sizeof(**out), by_rank);
	/* none fits: noted for the evidence loop (declines.c), once a day */
	if (*n == 0 || (*out)[0].left_out) {
		char today[11];
		counsel_today(core_now(), today);
		if (counsel_unmatched_note(r->db, c->id, today) != ST_OK)
			return ST_ERR;
	}
	return ST_OK;
}
