/* demo.c — the pages a new database starts with: the site's own pages
 * with placeholder text (data/init/pages/<slug>.<lang>.md) for `lotse
 * init`, the demo pages (data/demo/pages/) for `lotse init --demo`, and
 * for both the pages in Leichte Sprache (data/plain/).
 *
 * A file starts with "title: ..." and "description: ..." lines, then a
 * blank line, then the Markdown body. */
#include "site/site.h"
#include "core/embed.h"

#include <stdio.h>
#include <string.h>

/* Take the value of "key: value\n" at *p, advancing *p past the line. */
static const char *header_line(arena *a, const char **p, const char *key)
{
	size_t kl = strlen(key);
	if (strncmp(*p, key, kl) != 0 || (*p)[kl] != ':')
		return NULL;
	const char *v = *p + kl + 1;
	while (*v == ' ')
		v++;
	const char *eol = strchr(v, '\n');
	if (!eol)
		return NULL;
	*p = eol + 1;
	return arena_strndup(a, v, (size_t)(eol - v));
}

/* Store every embedded data/<dir><slug>.<lang>.md. */
static int load_pages(struct store *s, const char *dir, char *err, size_t errlen)
{
	int rc = ST_OK;
	size_t dl = strlen(dir);
	arena *a = arena_new();
	for (size_t i = 0; i < embed_data_count && rc == ST_OK; i++) {
		const struct embed_file *f = &embed_data[i];
		char slug[65], lang[3];
		if (strncmp(f->name, dir, dl) != 0 ||
		    sscanf(f->name + dl, "%64[a-z0-9-].%2[a-z].md", slug, lang) != 2)
			continue;
		const char *p = f->data;
		struct page pg = { .slug = slug, .lang = lang };
		pg.title = header_line(a, &p, "title");
		pg.description = header_line(a, &p, "description");
		if (!pg.title || !pg.description || *p != '\n') {
			snprintf(err, errlen, "data/%s: expected title:, description: and a blank line",
				 f->name);
			rc = ST_ERR;
			break;
		}
		pg.body_md = p + 1;
		if (site_page_put(s, &pg) != ST_OK) {
			snprintf(err, errlen, "data/%s: cannot store it", f->name);
			rc = ST_ERR;
		}
	}
	arena_free(a);
	return rc;
}

int site_demo_load(struct store *s, char *err, size_t errlen)
{
	int rc = load_pages(s, "demo/pages/", err, errlen);
	return rc == ST_OK ? load_pages(s, "plain/", err, errlen) : rc;
}

int site_init_load(struct store *s, char *err, size_t errlen)
{
	int rc = load_pages(s, "init/pages/", err, errlen);
	return rc == ST_OK ? load_pages(s, "plain/", err, errlen) : rc;
}
