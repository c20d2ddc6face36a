/* offer_texts.c — which language an offer page's own texts are in: the
 * offer's translation into the reader's language (sql/0017, written by
 * editors and partners) with its language marked, or the German record
 * with a note that the offer is described in German only. */
#include "directory/public/public_internal.h"
#include "html/layout.h"
#include "core/i18n.h"

#include <string.h>

void dir_public_offer_texts(struct req *r, const struct dir_service *sv, struct dir_public_texts *out)
{
	*out = (struct dir_public_texts){ .name = sv->name, .name_lang = "de" };
	const char *lang = dir_tr_lang(r->lang);
	struct dir_translation *t = arena_alloc(r->a, sizeof(*t));
	/* a translation that cannot be read leaves the German text: the page
	 * stays whole */
	if (!lang || dir_tr_get(r->db, r->a, sv->id, lang, t) != ST_OK)
		return;
	out->tr = t;
	out->name = t->name;
	out->name_lang = t->lang;
	out->description = *t->description ? t->description : NULL;
	out->apply = *t->application_process ? t->application_process : NULL;
}

void dir_public_view_texts_note(html *h, struct req *r, const struct dir_public_texts *t)
{
	if (t->tr) {
		html_open(h, "p", "class", "meta offer-lang", NULL);
		html_elem(h, "span", T(r, "Übersetzung"), "class", "tag translation-mark", NULL);
		html_close(h, "p");
	} else if (strcmp(r->lang, "de") != 0) {
		html_elem(h, "p", T(r, "Dieses Angebot ist nur auf Deutsch beschrieben."), "class", "notice offer-lang",
			  NULL);
	}
}

/* text as paragraphs (a line each) in lang. */
static void lines(html *h, struct req *r, const char *text, const char *lang)
{
	html_open(h, "div", "lang", lang, "dir", layout_dir(r, lang), NULL);
	for (const char *p = text; p && *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		const char *line = arena_strndup(r->a, p, len);
		if (strspn(line, " \t\r") < len)
			html_elem(h, "p", line, NULL);
		p = eol ? eol + 1 : NULL;
	}
	html_close(h, "div");
}

int dir_public_view_translated(html *h, struct req *r, const struct dir_public_texts *t, const char *text,
			       const char *german)
{
	if (!t->tr || !text)
		return 0;
	lines(h, r, text, t->name_lang);
	if (german && *german) {
		html_open(h, "details", "class", "offer-german", NULL);
		html_elem(h, "summary", T(r, "Auf Deutsch"), NULL);
		lines(h, r, german, "de");
		html_close(h, "details");
	}
	return 1;
}
