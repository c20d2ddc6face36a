/* test_map.c — unit tests of the map's geometry (src/directory/public/
 * map.c): known places at known pixels (Web Mercator, 256 px tiles, the
 * values tile servers use), the view that holds every place, the scale
 * bar's length, and which tile server templates are used. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>

#include "directory/public/map.h"

#define near(a, b, eps) assert_true(fabs((a) - (b)) < (eps))

static void test_world_pixels(void **state)
{
	(void)state;
	double x, y;
	dir_map_world(0, 0, 0, &x, &y); /* the middle of the one tile of zoom 0 */
	near(x, 128, 1e-9);
	near(y, 128, 1e-9);
	dir_map_world(85.05112878, -180, 3, &x, &y); /* the top left corner of the world */
	near(x, 0, 1e-6);
	near(y, 0, 1e-3);
	dir_map_world(50.0, 8.27, 10, &x, &y); /* Mainz */
	near(x, 137094.030, 1e-3);
	near(y, 88904.768, 1e-3);
	dir_map_world(49.4811, 8.4353, 12, &x, &y); /* Ludwigshafen: tile 2143/1398 at zoom 12 */
	near(x, 548857.592, 1e-3);
	near(y, 357957.834, 1e-3);
	assert_int_equal((int)(x / 256), 2143);
	assert_int_equal((int)(y / 256), 1398);
}

static void test_one_place_in_the_middle(void **state)
{
	(void)state;
	struct dir_map_point p = { .lat = 49.9929, .lon = 8.2473, .number = 1 };
	struct dir_map_view v;
	dir_map_fit(&p, 1, 0, &v);
	assert_int_equal(v.zoom, DIR_MAP_MAX_ZOOM);
	double x, y;
	dir_map_project(&v, p.lat, p.lon, &x, &y);
	near(x, DIR_MAP_WIDTH / 2.0, 1e-6);
	near(y, DIR_MAP_HEIGHT / 2.0, 1e-6);
}

/* Mainz and Ludwigshafen (about 45 km apart): the closest zoom that
 * holds both with the margin, plain and on tiles. */
static void test_fit_holds_every_place(void **state)
{
	(void)state;
	struct dir_map_point p[] = {
		{ .lat = 49.9929, .lon = 8.2473, .number = 1 },
		{ .lat = 49.4811, .lon = 8.4353, .number = 2 },
		{ .lat = 49.9667, .lon = 7.9000, .number = 3 }, /* Bingen */
	};
	for (int tiled = 0; tiled < 2; tiled++) {
		struct dir_map_view v;
		dir_map_fit(p, 3, tiled, &v);
		for (size_t i = 0; i < 3; i++) {
			double x, y;
			dir_map_project(&v, p[i].lat, p[i].lon, &x, &y);
			assert_true(x >= DIR_MAP_MARGIN && x <= v.width - DIR_MAP_MARGIN);
			assert_true(y >= DIR_MAP_MARGIN && y <= v.height - DIR_MAP_MARGIN);
		}
		/* one zoom closer would not hold them */
		struct dir_map_view closer = v;
		closer.zoom = v.zoom + 1;
		double x0, y0, x1, y1;
		dir_map_world(p[0].lat, p[2].lon, closer.zoom, &x0, &y0);
		dir_map_world(p[1].lat, p[0].lon, closer.zoom, &x1, &y1);
		if (!tiled)
			assert_true(x1 - x0 + 2 * DIR_MAP_MARGIN > DIR_MAP_WIDTH ||
				    y1 - y0 + 2 * DIR_MAP_MARGIN > DIR_MAP_HEIGHT);
		else {
			assert_true(v.cols >= 1 && v.cols <= DIR_MAP_MAX_TILES);
			assert_true(v.rows >= 1 && v.rows <= DIR_MAP_MAX_TILES);
			near(v.x0, v.tx0 * 256.0, 1e-9);
			near(v.width, v.cols * 256.0, 1e-9);
		}
	}
	struct dir_map_view v;
	dir_map_fit(p, 3, 0, &v);
	assert_int_equal(v.zoom, 8); /* 57 km north to south on 320 units: zoom 8 (~390 m a unit at 50° N) */
}

static void test_scale_bar(void **state)
{
	(void)state;
	/* at the equator, zoom 0: 156,543 m a unit; a quarter of 480 units is
	 * 18,785 km, so the bar is 10,000 km */
	struct dir_map_view v = { .zoom = 0, .x0 = 0, .y0 = 128 - DIR_MAP_HEIGHT / 2.0, .width = DIR_MAP_WIDTH,
				  .height = DIR_MAP_HEIGHT };
	double m, u;
	dir_map_scale(&v, &m, &u);
	near(m, 1e7, 1e-6);
	near(u, 1e7 / 156543.034, 1e-3);
	/* Mainz at zoom 16: 1.53 m a unit, 120 units are 184 m: 100 m */
	struct dir_map_point p = { .lat = 50.0, .lon = 8.27 };
	dir_map_fit(&p, 1, 0, &v);
	dir_map_scale(&v, &m, &u);
	near(m, 100, 1e-9);
	near(u, 100 / (156543.034 * cos(50.0 * 3.14159265358979 / 180) / 65536), 0.05);
}

static void test_tile_templates(void **state)
{
	(void)state;
	unsetenv("LOTSE_MAP_TILES");
	assert_null(dir_map_tile_template());
	setenv("LOTSE_MAP_TILES", "https://tiles.example.org/{z}/{x}/{y}.png", 1);
	assert_string_equal(dir_map_tile_template(), "https://tiles.example.org/{z}/{x}/{y}.png");
	static const char *const bad[] = {
		"", "tiles.example.org/{z}/{x}/{y}.png", "javascript:alert(1)//{z}{x}{y}", "https://tiles.example.org/{z}/{x}.png",
		"https://tiles.example.org\"/{z}/{x}/{y}", "https://a b/{z}/{x}/{y}", "https:///{z}/{x}/{y}",
		"https://tiles.example.org;img-src */{z}/{x}/{y}",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setenv("LOTSE_MAP_TILES", bad[i], 1);
		if (dir_map_tile_template())
			fail_msg("accepted %s", bad[i]);
	}
	unsetenv("LOTSE_MAP_TILES");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_world_pixels),
		cmocka_unit_test(test_one_place_in_the_middle),
		cmocka_unit_test(test_fit_holds_every_place),
		cmocka_unit_test(test_scale_bar),
		cmocka_unit_test(test_tile_templates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
