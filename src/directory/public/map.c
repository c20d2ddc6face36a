/* map.c — a map of places drawn by lotse: Web Mercator projection of the
 * places' bounding box, numbered markers that link, labels where they do
 * not collide, a scale bar, as inline SVG; over <img> tiles only when the
 * network configures its own tile server (LOTSE_MAP_TILES). The tiles
 * are a grid computed here (no JavaScript, no inline style: the CSP
 * allows none); without a tile server nothing leaves for a third party. */
#include "directory/public/map.h"
#include "core/i18n.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TILE 256.0
#define MARKER_R 11.0
#define LABEL_SIZE 15.0   /* font size of a label, in units */
#define LABEL_CHAR 0.58   /* a character's mean width, in font sizes */
#define MAX_LAT 85.05112878
#define PI 3.14159265358979323846

void dir_map_world(double lat, double lon, int zoom, double *x, double *y)
{
	if (lat > MAX_LAT)
		lat = MAX_LAT;
	if (lat < -MAX_LAT)
		lat = -MAX_LAT;
	double size = TILE * ldexp(1.0, zoom), rad = lat * PI / 180.0;
	*x = (lon + 180.0) / 360.0 * size;
	*y = (1.0 - log(tan(rad) + 1.0 / cos(rad)) / PI) / 2.0 * size;
}

/* The bounding box of the points in world pixels at zoom. */
static void bounds(const struct dir_map_point *p, size_t n, int zoom, double b[4])
{
	b[0] = b[1] = INFINITY;
	b[2] = b[3] = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		double x, y;
		dir_map_world(p[i].lat, p[i].lon, zoom, &x, &y);
		b[0] = fmin(b[0], x);
		b[1] = fmin(b[1], y);
		b[2] = fmax(b[2], x);
		b[3] = fmax(b[3], y);
	}
}

/* Does the view at zoom z hold the box b with the margin? Fills v. */
static int fits(const double b[4], int z, int tiled, struct dir_map_view *v)
{
	const double m = DIR_MAP_MARGIN;
	v->zoom = z;
	v->tiled = tiled;
	if (!tiled) {
		v->width = DIR_MAP_WIDTH;
		v->height = DIR_MAP_HEIGHT;
		v->x0 = (b[0] + b[2]) / 2 - v->width / 2;
		v->y0 = (b[1] + b[3]) / 2 - v->height / 2;
		v->tx0 = v->ty0 = v->cols = v->rows = 0;
		return b[2] - b[0] + 2 * m <= v->width && b[3] - b[1] + 2 * m <= v->height;
	}
	int last = (int)ldexp(1.0, z) - 1;
	int tx0 = (int)floor((b[0] - m) / TILE), tx1 = (int)floor((b[2] + m) / TILE);
	int ty0 = (int)floor((b[1] - m) / TILE), ty1 = (int)floor((b[3] + m) / TILE);
	tx0 = tx0 < 0 ? 0 : tx0;
	ty0 = ty0 < 0 ? 0 : ty0;
	tx1 = tx1 > last ? last : tx1;
	ty1 = ty1 > last ? last : ty1;
	v->tx0 = tx0;
	v->ty0 = ty0;
	v->cols = tx1 - tx0 + 1;
	v->rows = ty1 - ty0 + 1;
	v->x0 = tx0 * TILE;
	v->y0 = ty0 * TILE;
	v->width = v->cols * TILE;
	v->height = v->rows * TILE;
	return v->cols <= DIR_MAP_MAX_TILES && v->rows <= DIR_MAP_MAX_TILES;
}

void dir_map_fit(const struct dir_map_point *p, size_t n, int tiled, struct dir_map_view *v)
{
	double b[4];
	for (int z = DIR_MAP_MAX_ZOOM; z > DIR_MAP_MIN_ZOOM; z--) {
		bounds(p, n, z, b);
		if (fits(b, z, tiled, v))
			return;
	}
	bounds(p, n, DIR_MAP_MIN_ZOOM, b);
	fits(b, DIR_MAP_MIN_ZOOM, tiled, v);
	if (tiled && (v->cols > DIR_MAP_MAX_TILES || v->rows > DIR_MAP_MAX_TILES)) {
		v->cols = v->cols > DIR_MAP_MAX_TILES ? DIR_MAP_MAX_TILES : v->cols;
		v->rows = v->rows > DIR_MAP_MAX_TILES ? DIR_MAP_MAX_TILES : v->rows;
		v->width = v->cols * TILE;
		v->height = v->rows * TILE;
	}
}

void dir_map_project(const struct dir_map_view *v, double lat, double lon, double *x, double *y)
{
	dir_map_world(lat, lon, v->zoom, x, y);
	*x -= v->x0;
	*y -= v->y0;
}

void dir_map_scale(const struct dir_map_view *v, double *metres, double *units)
{
	/* the view's middle latitude, back from its pixel row */
	double size = TILE * ldexp(1.0, v->zoom), my = v->y0 + v->height / 2;
	double lat = atan(sinh(PI * (1.0 - 2.0 * my / size))) * 180.0 / PI;
	double per_unit = 40075016.686 * cos(lat * PI / 180.0) / size; /* metres per unit */
	double best = 1;
	for (double p = 1; p <= 1e7; p *= 10) {
		static const double steps[] = { 1, 2, 5 };
		for (size_t i = 0; i < 3; i++)
			if (p * steps[i] / per_unit <= v->width / 4)
				best = p * steps[i];
	}
	*metres = best;
	*units = best / per_unit;
}

/* ---- the tile server ---- */

/* Is s a template a browser may fetch: http(s)://host[:port]/path with
 * {z}, {x}, {y}, the host of letters, digits, dots and hyphens? */
static int usable_template(const char *s)
{
	const char *host = strncmp(s, "https://", 8) == 0 ? s + 8 : strncmp(s, "http://", 7) == 0 ? s + 7 : NULL;
	if (!host)
		return 0;
	size_t hl = strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:");
	if (hl == 0 || host[hl] != '/')
		return 0;
	if (!strstr(s, "{z}") || !strstr(s, "{x}") || !strstr(s, "{y}"))
		return 0;
	return strpbrk(s, " \"'<>\\`\t\r\n") == NULL;
}

const char *dir_map_tile_template(void)
{
	const char *t = getenv("LOTSE_MAP_TILES");
	return t && *t && usable_template(t) ? t : NULL;
}

const char *dir_public_map_tile_origin(arena *a)
{
	const char *t = dir_map_tile_template();
	if (!t)
		return NULL;
	const char *host = strstr(t, "://") + 3;
	return arena_strndup(a, t, (size_t)(strchr(host, '/') - t));
}

/* The template with {z}, {x} and {y} filled in. */
static const char *tile_url(arena *a, const char *tmpl, int z, int x, int y)
{
	buf b;
	buf_init(&b, 4096);
	for (const char *p = tmpl; *p; p++) {
		if (strncmp(p, "{z}", 3) == 0 || strncmp(p, "{x}", 3) == 0 || strncmp(p, "{y}", 3) == 0) {
			buf_printf(&b, "%d", p[1] == 'z' ? z : p[1] == 'x' ? x : y);
			p += 2;
		} else {
			buf_append(&b, p, 1);
		}
	}
	const char *s = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

static void tiles(html *h, struct req *r, const struct dir_map_view *v, const char *tmpl)
{
	html_open(h, "div", "class", arena_printf(r->a, "map-grid map-cols-%d", v->cols), NULL);
	for (int j = 0; j < v->rows; j++)
		for (int i = 0; i < v->cols; i++)
			html_void(h, "img", "src", tile_url(r->a, tmpl, v->zoom, v->tx0 + i, v->ty0 + j), "alt", "",
				  "width", "256", "height", "256", "loading", "lazy", "referrerpolicy", "no-referrer",
				  "decoding", "async", NULL);
	html_close(h, "div");
}

/* ---- markers and labels ---- */

struct box {
	double x0, y0, x1, y1;
};

static int overlaps(const struct box *a, const struct box *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* A free place for a label of width w beside the marker at x,y: right,
 * else left; 0 when both collide with what is drawn or leave the view. */
static int label_place(const struct dir_map_view *v, const struct box *taken, size_t n_taken, double x, double y,
		       double w, struct box *out)
{
	for (int side = 0; side < 2; side++) {
		struct box b = { side ? x - MARKER_R - 4 - w : x + MARKER_R + 4, y - LABEL_SIZE * 0.7, 0,
				 y + LABEL_SIZE * 0.4 };
		b.x1 = b.x0 + w;
		int ok = b.x0 >= 2 && b.x1 <= v->width - 2 && b.y0 >= 2 && b.y1 <= v->height - 2;
		for (size_t i = 0; ok && i < n_taken; i++)
			ok = !overlaps(&b, &taken[i]);
		if (ok) {
			*out = b;
			return 1;
		}
	}
	return 0;
}

/* Is (x, y) free of the markers mx/my[0..n) and inside the view? */
static int marker_free(const struct dir_map_view *v, const double *mx, const double *my, size_t n, double x, double y)
{
	if (x < MARKER_R || y < MARKER_R || x > v->width - MARKER_R || y > v->height - MARKER_R)
		return 0;
	for (size_t j = 0; j < n; j++)
		if (hypot(mx[j] - x, my[j] - y) < 2 * MARKER_R)
			return 0;
	return 1;
}

/* Marker i at (x, y), or on the first free spot of the rings around it
 * (6, 12, 18 ... spots); where none is free, on (x, y). */
static void place_marker(const struct dir_map_view *v, double *mx, double *my, size_t i, double x, double y)
{
	mx[i] = x;
	my[i] = y;
	if (marker_free(v, mx, my, i, x, y))
		return;
	for (int ring = 1; ring <= 4; ring++) {
		double d = ring * (2 * MARKER_R + 1);
		for (int k = 0; k < 6 * ring; k++) {
			double angle = -PI / 2 + k * 2 * PI / (6 * ring);
			double cx = x + d * cos(angle), cy = y + d * sin(angle);
			if (marker_free(v, mx, my, i, cx, cy)) {
				mx[i] = cx;
				my[i] = cy;
				return;
			}
		}
	}
}

static const char *num(arena *a, double d)
{
	return arena_printf(a, "%.1f", d);
}

static void scale_bar(html *h, arena *a, const struct dir_map_view *v)
{
	double metres, units;
	dir_map_scale(v, &metres, &units);
	double x = 12, y = v->height - 14;
	const char *text = metres >= 1000 ? arena_printf(a, "%g km", metres / 1000) : arena_printf(a, "%g m", metres);
	html_open(h, "g", "class", "map-scale", NULL);
	html_elem(h, "rect", "", "x", num(a, x - 6), "y", num(a, y - 20), "width", num(a, units + 12), "height", "28",
		  "class", "map-scale-bg", NULL);
	html_elem(h, "path", "",
		  "d", arena_printf(a, "M%.1f %.1fv5h%.1fv-5", x, y - 3, units), "class", "map-scale-line", NULL);
	html_elem(h, "text", text, "x", num(a, x), "y", num(a, y - 7), NULL);
	html_close(h, "g");
}

/* The markers' links, for a pointer: a layer of its own over the drawing,
 * which is one image (role="img": what is in it is no control) and hidden
 * from assistive technology and the tab order; the list beside the map
 * holds the same links for them. Nothing when no marker has a link. */
static void links(html *h, arena *a, const struct dir_map_view *v, const struct dir_map_point *p, size_t n,
		  const double *mx, const double *my)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += p[i].href != NULL;
	if (!k)
		return;
	html_open(h, "svg", "class", "map-links", "viewbox", arena_printf(a, "0 0 %.0f %.0f", v->width, v->height),
		  "aria-hidden", "true", "focusable", "false", NULL);
	for (size_t i = 0; i < n; i++) {
		if (!p[i].href)
			continue;
		html_open(h, "a", "href", p[i].href, "tabindex", "-1", NULL);
		if (p[i].label)
			html_elem(h, "title", p[i].label, NULL);
		html_elem(h, "circle", "", "cx", num(a, mx[i]), "cy", num(a, my[i]), "r", num(a, MARKER_R + 2), NULL);
		html_close(h, "a");
	}
	html_close(h, "svg");
}

void dir_map_html(html *h, struct req *r, const struct dir_map_point *p, size_t n, const char *label)
{
	if (n == 0)
		return;
	arena *a = r->a;
	const char *tmpl = dir_map_tile_template();
	struct dir_map_view v;
	dir_map_fit(p, n, tmpl != NULL, &v);

	/* where each marker goes: where it lies, or, when that covers a marker
	 * already placed (places close together), the nearest free spot on
	 * rings around it, with a line to where it lies, so that every number
	 * can be read */
	double *px = arena_alloc(a, n * sizeof(*px)), *py = arena_alloc(a, n * sizeof(*py));
	double *mx = arena_alloc(a, n * sizeof(*mx)), *my = arena_alloc(a, n * sizeof(*my));
	struct box *taken = arena_alloc(a, 2 * n * sizeof(*taken));
	size_t n_taken = 0;
	for (size_t i = 0; i < n; i++) {
		dir_map_project(&v, p[i].lat, p[i].lon, &px[i], &py[i]);
		place_marker(&v, mx, my, i, px[i], py[i]);
		taken[n_taken++] = (struct box){ mx[i] - MARKER_R, my[i] - MARKER_R, mx[i] + MARKER_R, my[i] + MARKER_R };
	}

	html_open(h, "figure", "class", "map", NULL);
	html_open(h, "div", "class", tmpl ? "map-frame map-tiled" : "map-frame", NULL);
	if (tmpl)
		tiles(h, r, &v, tmpl);
	/* the drawing reads left to right in every language */
	html_open(h, "svg", "class", "map-svg", "viewbox", arena_printf(a, "0 0 %.0f %.0f", v.width, v.height), "role",
		  "img", "aria-label", label, "dir", "ltr", "focusable", "false", NULL);
	if (!tmpl)
		html_elem(h, "rect", "", "class", "map-bg", "x", "0", "y", "0", "width", num(a, v.width), "height",
			  num(a, v.height), NULL);
	/* labels first, below the markers */
	for (size_t i = 0; i < n; i++) {
		const char *text = p[i].label;
		int dup = 0;
		for (size_t j = 0; j < i && text; j++)
			dup |= p[j].label && strcmp(p[j].label, text) == 0 && fabs(mx[j] - mx[i]) < 3 * MARKER_R &&
			       fabs(my[j] - my[i]) < 3 * MARKER_R;
		if (!text || !*text || dup)
			continue;
		struct box b;
		if (!label_place(&v, taken, n_taken, mx[i], my[i], (double)chars(text) * LABEL_SIZE * LABEL_CHAR, &b))
			continue;
		taken[n_taken++] = b;
		html_elem(h, "text", text, "class", "map-label", "x", num(a, b.x0), "y", num(a, my[i] + LABEL_SIZE * 0.35),
			  NULL);
	}
	/* a marker set apart: a line to where its place is */
	for (size_t i = 0; i < n; i++)
		if (fabs(mx[i] - px[i]) > 0.5 || fabs(my[i] - py[i]) > 0.5) {
			html_elem(h, "path", "", "class", "map-leader", "d",
				  arena_printf(a, "M%.1f %.1fL%.1f %.1f", px[i], py[i], mx[i], my[i]), NULL);
			html_elem(h, "circle", "", "class", "map-spot", "cx", num(a, px[i]), "cy", num(a, py[i]), "r", "3", NULL);
		}
	for (size_t i = 0; i < n; i++) {
		html_open(h, "g", "class", "map-marker", NULL);
		if (p[i].label)
			html_elem(h, "title", p[i].label, NULL);
		html_elem(h, "circle", "", "cx", num(a, mx[i]), "cy", num(a, my[i]), "r", num(a, MARKER_R), NULL);
		html_elem(h, "text", arena_printf(a, "%d", p[i].number), "x", num(a, mx[i]), "y", num(a, my[i] + 4.5),
			  "text-anchor", "middle", NULL);
		html_close(h, "g");
	}
	scale_bar(h, a, &v);
	html_close(h, "svg");
	links(h, a, &v, p, n, mx, my);
	html_close(h, "div");
	const char *attribution = getenv("LOTSE_MAP_ATTRIBUTION");
	if (tmpl && attribution && *attribution)
		html_elem(h, "figcaption", attribution, "class", "map-attribution", NULL);
	html_close(h, "figure");
}
