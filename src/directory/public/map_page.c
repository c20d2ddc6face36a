/* map_page.c — the finder's results on a map, GET /angebote/karte: the
 * finder's query (dir_public_finder_parse), the search, the public places
 * of the page's offers (read per offer, at most a page of them), drawn
 * by map.c, and the same offers and places as a numbered list. The list
 * is the page; the map is beside it. */
#include "directory/public/public_internal.h"
#include "directory/public/map.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <string.h>
#include <strings.h>

const char *dir_public_finder_map_url(struct req *r, const struct dir_public_finder *fd, int page)
{
	return arena_printf(r->a, "/angebote/karte%s", dir_public_finder_url(r, fd, page, NULL, NULL) + strlen("/angebote"));
}

/* Is the place one the map can show (a public address with a position)? */
static int on_map(const struct dir_location *l)
{
	return l->has_coords && strcmp(l->location_type, "virtual") != 0;
}

/* The town of a place, as a young person asks "where is that?": in
 * Mainz its district by the postcode table ("Mainz (Neustadt)" gives
 * "Mainz-Neustadt", "Mainz (Finthen, Drais)" "Mainz-Finthen/Drais"),
 * elsewhere the town of its address; NULL without one. ST_OK or ST_ERR. */
static int place_town(struct req *r, const struct dir_location *l, const char **out)
{
	*out = NULL;
	if (!l->has_address || !l->address.city || !*l->address.city)
		return ST_OK;
	const char *city = l->address.city, *pc = l->address.postal_code, *named = NULL;
	*out = city;
	if (strcmp(city, "Mainz") != 0 || !pc || !*pc)
		return ST_OK;
	int rc = dir_postcode_place(r->db, r->a, pc, &named);
	if (rc == ST_ERR)
		return ST_ERR;
	size_t n = named ? strlen(named) : 0;
	if (rc != ST_OK || n <= 8 || strncmp(named, "Mainz (", 7) != 0 || named[n - 1] != ')')
		return ST_OK;
	buf b;
	buf_init(&b, 256);
	buf_puts(&b, "Mainz-");
	for (const char *p = named + 7; p < named + n - 1; p++)
		if (p[0] == ',' && p[1] == ' ')
			buf_puts(&b, "/"), p++;
		else
			buf_append(&b, p, 1);
	*out = b.err ? city : arena_strndup(r->a, b.data, b.len);
	buf_free(&b);
	return ST_OK;
}

/* Is the byte part of a word (a letter or digit; every byte of a
 * character beyond ASCII)? */
static int word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Does name hold one of the words of place (of 4 bytes or more, as a
 * whole word, ASCII letters in any case): "Beratungsstelle Neustadt" for
 * "Mainz-Neustadt"? */
static int names_place(const char *name, const char *place)
{
	for (const char *w = place; place && *w;) {
		while (*w && !word_byte((unsigned char)*w))
			w++;
		size_t wl = 0;
		while (word_byte((unsigned char)w[wl]))
			wl++;
		for (const char *p = name; wl >= 4 && *p; p++)
			if ((p == name || !word_byte((unsigned char)p[-1])) && strncasecmp(p, w, wl) == 0 &&
			    !word_byte((unsigned char)p[wl]))
				return 1;
		w += wl;
	}
	return 0;
}
/* The words of a place that say more than "Mainz": a Mainz district's
 * own ("Neustadt" of "Mainz-Neustadt"), else all of them. */
static const char *telling(const char *place)
{
	return place && strncmp(place, "Mainz-", 6) == 0 ? place + 6 : place;
}

/* The label of a place's marker: its name where the name says where it
 * is (it holds a word of the town or Mainz district, or of one of the
 * offer's places, "ort": "Lernwerkstatt Friesenheim"), else the town or
 * district ("Haus der Wirtschaft" at 55116 Mainz: "Mainz-Altstadt");
 * without a town the name, else the street; NULL for none. ST_OK or
 * ST_ERR. */
static int place_label(struct req *r, const struct dir_service *sv, const struct dir_location *l, const char **out)
{
	const char *town;
	if (place_town(r, l, &town) != ST_OK)
		return ST_ERR;
	const char *name = l->name && *l->name ? l->name : NULL;
	int says = name && town && names_place(name, telling(town));
	for (size_t i = 0; name && !says && i < sv->n_terms; i++)
		says = strcmp(sv->terms[i].taxonomy_code, "ort") == 0 && names_place(name, telling(sv->terms[i].name));
	if (name && (says || !town))
		*out = name;
	else if (town)
		*out = town;
	else
		*out = l->has_address && l->address.address_1 && *l->address.address_1 ? l->address.address_1 : NULL;
	return ST_OK;
}

/* The offers of the page (offers[i] for hits[i]; a hit whose offer cannot
 * be read has no places) and their places on the map. */
struct map_page {
	const struct dir_public_finder *fd;
	struct dir_service *offers;
	int *have;
	struct dir_map_point *points;
	size_t n_points;
	int first; /* the number of the page's first offer */
};

static int read_places(struct req *r, struct map_page *mp)
{
	const struct dir_search_result *res = &mp->fd->res;
	size_t n = res->n_hits, cap = 0;
	mp->offers = arena_alloc(r->a, (n ? n : 1) * sizeof(*mp->offers));
	mp->have = arena_alloc(r->a, (n ? n : 1) * sizeof(*mp->have));
	for (size_t i = 0; i < n; i++) {
		int rc = dir_public_offer_get(r, res->hits[i].id, &mp->offers[i]);
		if (rc != ST_OK && rc != ST_NOTFOUND)
			return ST_ERR;
		mp->have[i] = rc == ST_OK;
		for (size_t k = 0; mp->have[i] && k < mp->offers[i].n_locations; k++)
			cap += on_map(&mp->offers[i].locations[k]);
	}
	mp->points = arena_alloc(r->a, (cap ? cap : 1) * sizeof(*mp->points));
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; mp->have[i] && k < mp->offers[i].n_locations; k++) {
			const struct dir_location *l = &mp->offers[i].locations[k];
			const char *label;
			if (!on_map(l))
				continue;
			if (place_label(r, &mp->offers[i], l, &label) != ST_OK)
				return ST_ERR;
			mp->points[mp->n_points++] = (struct dir_map_point){
				.lat = l->latitude, .lon = l->longitude, .number = mp->first + (int)i,
				.label = label, .href = arena_printf(r->a, "/angebote/%s", res->hits[i].id),
			};
		}
	return ST_OK;
}

void dir_public_offer_map(html *h, struct req *r, const struct dir_service *sv)
{
	struct dir_map_point *p = arena_alloc(r->a, (sv->n_locations ? sv->n_locations : 1) * sizeof(*p));
	size_t n = 0;
	for (size_t i = 0; i < sv->n_locations; i++) {
		const char *label;
		if (!on_map(&sv->locations[i]))
			continue;
		if (place_label(r, sv, &sv->locations[i], &label) != ST_OK)
			label = sv->locations[i].name; /* the offer's page is whole without the district */
		p[n++] = (struct dir_map_point){ .lat = sv->locations[i].latitude, .lon = sv->locations[i].longitude,
						 .number = (int)i + 1, .label = label };
	}
	dir_map_html(h, r, p, n, n == 1 ? T(r, "Karte mit dem Ort des Angebots. Die Adresse steht darüber.")
				       : T(r, "Karte mit den Orten des Angebots. Die Adressen stehen darüber."));
}

/* One place in the list: "name, street, postcode town", as one isolated
 * run (German data, left to right also on a right-to-left page). */
static void place_item(html *h, struct req *r, const struct dir_location *l)
{
	const char *parts[3] = { l->name, NULL, NULL };
	if (l->has_address) {
		const struct dir_address *ad = &l->address;
		parts[1] = ad->address_1;
		if (ad->city && *ad->city)
			parts[2] = ad->postal_code && *ad->postal_code ? arena_printf(r->a, "%s %s", ad->postal_code, ad->city)
								       : ad->city;
	}
	const char *text = "";
	for (int i = 0; i < 3; i++)
		if (parts[i] && *parts[i])
			text = *text ? arena_printf(r->a, "%s, %s", text, parts[i]) : parts[i];
	html_open(h, "li", NULL);
	html_elem(h, "bdi", text, "lang", strcmp(r->lang, "de") ? "de" : NULL, NULL);
	html_close(h, "li");
}

static void offer_item(html *h, struct req *r, const struct map_page *mp, size_t i)
{
	const struct dir_search_hit *x = &mp->fd->res.hits[i];
	html_open(h, "li", NULL);
	html_open(h, "a", "href", arena_printf(r->a, "/angebote/%s", x->id), "class", "map-offer", NULL);
	html_elem(h, "bdi", x->name, "lang", x->name_lang ? x->name_lang : strcmp(r->lang, "de") ? "de" : NULL, NULL);
	html_close(h, "a");
	html_open(h, "p", "class", "meta", NULL);
	html_elem(h, "bdi", x->organization_name, NULL);
	html_close(h, "p");
	size_t shown = 0;
	for (size_t k = 0; mp->have[i] && k < mp->offers[i].n_locations; k++)
		shown += on_map(&mp->offers[i].locations[k]);
	if (shown) {
		html_open(h, "ul", "class", "map-places", NULL);
		for (size_t k = 0; k < mp->offers[i].n_locations; k++)
			if (on_map(&mp->offers[i].locations[k]))
				place_item(h, r, &mp->offers[i].locations[k]);
		html_close(h, "ul");
	} else {
		html_elem(h, "p", T(r, "Nicht auf der Karte: online oder ohne veröffentlichte Adresse."), "class",
			  "meta", NULL);
	}
	html_close(h, "li");
}

/* "Liste": the same search as a list. */
static void list_link(html *h, struct req *r, const struct dir_public_finder *fd)
{
	html_open(h, "p", "class", "map-switch", NULL);
	html_elem(h, "a", T(r, "Liste"), "href", dir_public_finder_url(r, fd, fd->res.page, NULL, NULL), NULL);
	html_close(h, "p");
}

/* The previous and next page of the map, keeping the query. */
static void pages(html *h, struct req *r, const struct dir_public_finder *fd)
{
	const struct dir_search_result *res = &fd->res;
	if (res->pages <= 1)
		return;
	html_open(h, "nav", "class", "pagination", "aria-label", T(r, "Seiten der Ergebnisse"), NULL);
	html_open(h, "ul", NULL);
	if (res->page > 1) {
		html_open(h, "li", NULL);
		html_elem(h, "a", T(r, "« Zurück"), "href", dir_public_finder_map_url(r, fd, res->page - 1),
			  "rel", "prev", NULL);
		html_close(h, "li");
	}
	html_open(h, "li", NULL);
	html_elem(h, "span", i18n_fill(r->a, T(r, "Seite {1}"), arena_printf(r->a, "%d", res->page), NULL),
		  "aria-current", "page", NULL);
	html_close(h, "li");
	if (res->page < res->pages) {
		html_open(h, "li", NULL);
		html_elem(h, "a", T(r, "Weiter »"), "href", dir_public_finder_map_url(r, fd, res->page + 1),
			  "rel", "next", NULL);
		html_close(h, "li");
	}
	html_close(h, "ul");
	html_close(h, "nav");
}

static void view(struct req *r, struct resp *w, const struct map_page *mp)
{
	const struct dir_public_finder *fd = mp->fd;
	const struct dir_search_result *res = &fd->res;
	html h = html_on(&w->body);
	struct page_meta m = {
		.title = T(r, "Angebote auf der Karte"),
		.noindex = 1, /* the list /angebote is the page for search engines */
		.self = dir_public_finder_map_url(r, fd, res->page),
	};
	layout_begin(&h, r, &m);
	if (fd->nerr)
		fields_alert(&h, T(r, "Ein Teil Ihrer Suche war nicht gültig und wurde weggelassen. In der Liste sehen Sie, "
				       "welcher."));
	list_link(&h, r, fd);
	if (fd->problem) {
		fields_alert(&h, fd->problem);
		layout_end(&h, r);
		return;
	}
	html_elem(&h, "p", i18n_fill(r->a, TN(r, "{1} Angebot gefunden", "{1} Angebote gefunden", (unsigned long)res->total),
				     arena_printf(r->a, "%zu", res->total), NULL),
		  "class", "lead", "role", "status", NULL);
	if (res->n_hits == 0) {
		html_elem(&h, "p", T(r, "Mit dieser Suche haben wir kein Angebot gefunden, also auch keinen Ort für die Karte. "
					"Ändern Sie die Suche in der Liste."),
			  "class", "map-empty", NULL);
		layout_end(&h, r);
		return;
	}
	html_open(&h, "div", "class", "map-layout", NULL);
	if (mp->n_points)
		dir_map_html(&h, r, mp->points, mp->n_points,
			     i18n_fill(r->a, T(r, "Karte mit den Orten der Angebote {1} bis {2}. Die Liste nennt dieselben Orte."),
				       arena_printf(r->a, "%d", mp->first),
				       arena_printf(r->a, "%d", mp->first + (int)res->n_hits - 1), NULL));
	else
		html_elem(&h, "p", T(r, "Keines dieser Angebote hat einen Ort auf der Karte."), "class", "map-empty", NULL);
	html_open(&h, "ol", "class", "map-list", "start", arena_printf(r->a, "%d", mp->first), NULL);
	for (size_t i = 0; i < res->n_hits; i++)
		offer_item(&h, r, mp, i);
	html_close(&h, "ol");
	html_close(&h, "div");
	pages(&h, r, fd);
	layout_end(&h, r);
}

void dir_public_finder_map(struct req *r, struct resp *w)
{
	struct dir_public_finder *fd = arena_alloc(r->a, sizeof(*fd));
	memset(fd, 0, sizeof(*fd));
	if (dir_public_finder_parse(r, fd) != ST_OK) {
		layout_error_page(r, w, resp_store_failed(r, w));
		return;
	}
	struct dir_search_query *q = &fd->q;
	int rc = dir_search(r->db, r->a, q, r->lang, &fd->res);
	if (rc == ST_NOTFOUND) { /* a postcode outside the region: as the list, without it */
		fd->nerr++;
		q->postcode = NULL;
		rc = dir_search(r->db, r->a, q, r->lang, &fd->res);
	}
	struct map_page mp = { .fd = fd };
	if (rc == ST_OK) {
		mp.first = (fd->res.page - 1) * fd->res.per_page + 1;
		rc = read_places(r, &mp);
	}
	if (rc != ST_OK) {
		resp_store_failed(r, w);
		fd->problem = T(r, "Die Suche ist gerade nicht möglich. Bitte versuchen Sie es in einigen Minuten "
				   "noch einmal.");
	} else if (fd->nerr) {
		w->status = 422;
	}
	view(r, w, &mp);
}
