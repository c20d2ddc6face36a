/* keep.c — the Merkliste without an account, GET /merkliste?ids=...: the
 * parser of its ids and its handler. The list lives in the link (to send
 * to oneself or a counsellor, to print); static/merkliste.js keeps the
 * same ids in the browser and adds the "Merken" buttons. */
#include "directory/public/public_internal.h"
#include "core/core.h"
#include "html/layout.h"
#include "http/form.h"

#include <ctype.h>
#include <string.h>

size_t dir_public_keep_parse(arena *a, const char *s, const char **ids, size_t max, size_t *bad)
{
	size_t n = 0, nbad = 0;
	if (max > DIR_PUBLIC_KEEP_MAX)
		max = DIR_PUBLIC_KEEP_MAX;
	for (const char *p = s; p && *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		/* white space around a piece, as a messenger may add */
		const char *b = p, *e = p + len;
		while (b < e && isspace((unsigned char)*b))
			b++;
		while (e > b && isspace((unsigned char)e[-1]))
			e--;
		if (e > b) {
			char id[37];
			int ok = e - b == 36;
			if (ok) {
				for (int i = 0; i < 36; i++)
					id[i] = (char)tolower((unsigned char)b[i]);
				id[36] = '\0';
				ok = dir_is_uuid(id);
			}
			int dup = 0;
			for (size_t i = 0; ok && i < n; i++)
				dup |= strcmp(ids[i], id) == 0;
			if (!ok || (!dup && n == max))
				nbad++;
			else if (!dup)
				ids[n++] = arena_strdup(a, id);
		}
		p = end ? end + 1 : NULL;
	}
	if (bad)
		*bad = nbad;
	return n;
}

enum keep_field { KF_IDS, KF__MAX };

static const struct field keep_query[KF__MAX] = {
	/* 50 ids of 36 characters with commas, and room for spaces */
	[KF_IDS] = { "ids", FIELD_TEXT, 0, 4000, 0, 0, NULL },
};

void dir_public_keep(struct req *r, struct resp *w)
{
	struct form q;
	form_validate(r, &r->query, keep_query, KF__MAX, &q);
	const char *ids[DIR_PUBLIC_KEEP_MAX];
	size_t bad = 0, n = 0;
	if (q.err[KF_IDS]) {
		bad = 1; /* too long to be a Merkliste link: said on the page */
	} else {
		n = dir_public_keep_parse(r->a, q.val[KF_IDS], ids, DIR_PUBLIC_KEEP_MAX, &bad);
	}
	struct dir_service *offers = arena_alloc(r->a, (n ? n : 1) * sizeof(*offers));
	size_t k = 0, gone = 0;
	const char *joined = "";
	for (size_t i = 0; i < n; i++) {
		int rc = dir_public_offer_get(r, ids[i], &offers[k]);
		if (rc == ST_NOTFOUND) {
			gone++;
			continue;
		}
		if (rc != ST_OK) {
			w->status = resp_store_failed(r, w);
			layout_error_page(r, w, w->status);
			return;
		}
		joined = arena_printf(r->a, "%s%s%s", joined, k ? "," : "", ids[i]);
		k++;
	}
	dir_public_view_keep(r, w, offers, k, joined, gone, bad);
}
