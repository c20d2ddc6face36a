/* map.h — maps drawn by lotse (map.c): the places of a list of offers or
 * of one offer as inline SVG over a plain background, or over the tiles
 * of the server the network configures (LOTSE_MAP_TILES); never a request
 * to a third party by default. Web Mercator with 256 px tiles, as tile
 * servers cut the world. Internal to src/directory/public/. */
#ifndef LOTSE_DIRECTORY_PUBLIC_MAP_H
#define LOTSE_DIRECTORY_PUBLIC_MAP_H

#include "html/html.h"
#include "http/http.h"

#include <stddef.h>

/* The plain map's drawing area (SVG user units). */
#define DIR_MAP_WIDTH 480
#define DIR_MAP_HEIGHT 320
/* Room kept around the outermost markers, in the same units. */
#define DIR_MAP_MARGIN 28
/* The closest zoom (a single place: its streets), the widest. */
#define DIR_MAP_MAX_ZOOM 16
#define DIR_MAP_MIN_ZOOM 1
/* At most this many tiles across and down. */
#define DIR_MAP_MAX_TILES 2

/* One marker: its place, its number (the list's), a label (the place's
 * name, may be NULL) and where the marker leads (NULL: nowhere). */
struct dir_map_point {
	double lat, lon;
	int number;
	const char *label, *href;
};

/* What the map shows: zoom, the world pixel (at that zoom) of the top
 * left corner, the size; with tiles, the grid of tiles it is made of. */
struct dir_map_view {
	int zoom;
	double x0, y0, width, height;
	int tiled, tx0, ty0, cols, rows;
};

/* The world pixel of lat/lon at zoom: x from 0 (180° W) to 256·2^zoom,
 * y from 0 (85.05° N) down. Pure. */
void dir_map_world(double lat, double lon, int zoom, double *x, double *y);

/* The view of p[0..n) (n >= 1): the closest zoom at which every point
 * lies DIR_MAP_MARGIN inside; tiled: the area is whole tiles (at most
 * DIR_MAP_MAX_TILES each way), else DIR_MAP_WIDTH x DIR_MAP_HEIGHT
 * centred on the points. Pure. */
void dir_map_fit(const struct dir_map_point *p, size_t n, int tiled, struct dir_map_view *v);

/* The position of lat/lon in the view's drawing (0,0 top left). Pure. */
void dir_map_project(const struct dir_map_view *v, double lat, double lon, double *x, double *y);

/* The scale bar: a round length in metres (1, 2 or 5 times a power of
 * ten) no longer than a quarter of the view, and its length in units. */
void dir_map_scale(const struct dir_map_view *v, double *metres, double *units);

/* LOTSE_MAP_TILES when it is a usable template (http(s)://host[:port]/…
 * with {z}, {x} and {y}), else NULL: then no tiles are used. */
const char *dir_map_tile_template(void);

/* The map of p[0..n) as a figure: role="img" with label (translated,
 * plain text) as its name, the markers numbered and linked, the labels
 * where they do not collide, a scale bar; over the configured tiles with
 * their attribution (LOTSE_MAP_ATTRIBUTION). Nothing when n is 0. The
 * caller writes the list of the places beside it. */
void dir_map_html(html *h, struct req *r, const struct dir_map_point *p, size_t n, const char *label);

#endif
