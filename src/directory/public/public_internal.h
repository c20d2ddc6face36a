/* public_internal.h — what the files of src/directory/public/ share:
 * the views of the offer and provider pages (views.c), and the finder's
 * validated query (finder.c) that its view shows (finder_views.c). */
#ifndef LOTSE_DIRECTORY_PUBLIC_INTERNAL_H
#define LOTSE_DIRECTORY_PUBLIC_INTERNAL_H

#include "directory/public/public.h"
#include "directory/directory.h"
#include "directory/translations.h"
#include "html/html.h"
#include "directory/search/search.h"
#include "http/form.h"
#include "http/http.h"
#include "html/html.h"

#include <stddef.h>

/* Views. sv and o were read with DIR_PUBLIC, so they hold no
 * confidential location; print selects the print-friendly frame. */
/* 410: the offer or provider called name is no longer in the directory;
 * org, when not NULL, is the offer's provider, still public. */
/* The most similar offers the 410 page of an archived offer shows. */
#define DIR_PUBLIC_SIMILAR 3
/* similar[0..n): public offers like the one that is gone (n may be 0). */
void dir_public_view_gone(struct req *r, struct resp *w, const char *name, const struct dir_org *org,
			  const struct dir_search_hit *similar, size_t n);
/* back: the finder address of "Zur Angebotssuche" (dir_public_finder_back). */
void dir_public_view_offer(struct req *r, struct resp *w, const struct dir_service *sv, int print, const char *back);
void dir_public_view_org(struct req *r, struct resp *w, const struct dir_org *o, const struct dir_service *offers,
			 size_t n_offers, const char *back);

/* Read the public offer id into sv (r's arena), only when its provider
 * is public too: ST_OK, ST_NOTFOUND (unknown, archived, merged, or of an
 * archived provider) or ST_ERR. */
int dir_public_offer_get(struct req *r, const char *id, struct dir_service *sv);

/* ---- the Merkliste (keep.c, keep_views.c) ---- */

/* The script of the pages with "Merken" buttons and of the list. */
#define DIR_PUBLIC_KEEP_SCRIPT "/static/merkliste.js"
/* The most offers one Merkliste link holds. */
#define DIR_PUBLIC_KEEP_MAX 50

/* The ids of a Merkliste link's parameter ("ID,ID,..."): each an offer
 * id (a UUID, lower case), in their order, repeats left out, at most max
 * (<= DIR_PUBLIC_KEEP_MAX) into ids (pointers into a copy in a). Returns
 * how many; *bad (may be NULL) gets the number of pieces that are not
 * ids, and of ids past max. A NULL or empty s: 0. Pure; fuzzed by
 * tests/fuzz/fuzz_keep.c. */
size_t dir_public_keep_parse(arena *a, const char *s, const char **ids, size_t max, size_t *bad);

/* The Merkliste page: offers[0..n) still public, with the share link
 * ids (the valid ids joined); gone: ids no longer public; bad: pieces of
 * the link that were no ids (a message each, nothing else is lost). */
void dir_public_view_keep(struct req *r, struct resp *w, const struct dir_service *offers, size_t n,
			  const char *ids, size_t gone, size_t bad);

/* The share links of a page (keep_views.c): url (absolute) in a field to
 * copy (a button with JavaScript), by e-mail, by messenger; id makes the
 * field's id unique on the page; title names what is shared. */
void dir_public_share_links(html *h, struct req *r, const char *id, const char *title, const char *url);
/* The "Merken" button of offer id (shown by static/merkliste.js). */
void dir_public_keep_button(html *h, struct req *r, const char *id);

/* ---- an offer's texts in the reader's language (offer_texts.c) ---- */

/* The offer page's name, short description and how to apply: the
 * translation into r->lang when there is one, else the German record. */
struct dir_public_texts {
	const struct dir_translation *tr; /* NULL: none (the page is German, or no translation) */
	const char *name, *name_lang;     /* the name and its language ("de", or the translation's) */
	const char *description, *apply;  /* translated; NULL: none, the German one is shown */
};
/* Fill t for sv and the reader of r. A translation that cannot be read
 * leaves the German texts. */
void dir_public_offer_texts(struct req *r, const struct dir_service *sv, struct dir_public_texts *t);
/* The mark "Übersetzung" for a translated offer; on a page in another
 * language than German without one, the note that the offer is described
 * in German only; nothing on a German page. */
void dir_public_view_texts_note(html *h, struct req *r, const struct dir_public_texts *t);
/* The translated text (t->tr set, text not NULL) as paragraphs marked
 * with its language and direction, then german (NULL or "": none) folded
 * away under "Auf Deutsch"; 1. 0 and nothing when there is none: the
 * caller writes the German text. */
int dir_public_view_translated(html *h, struct req *r, const struct dir_public_texts *t, const char *text,
			       const char *german);

/* ---- the offer finder (finder.c, finder_views.c) ---- */

/* The single-valued parameters, in their field table's order. */
enum dir_public_finder_field {
	FF_Q, FF_ORT, FF_SPRACHE, FF_ALTER, FF_KOSTENLOS, FF_PLZ, FF_UMKREIS, FF_SEITE, FF__MAX
};

/* The repeatable parameters: taxonomy terms (checkboxes). */
enum { FM_PHASE, FM_ART, FM_GRUPPE, FM__MAX };
#define DIR_PUBLIC_FINDER_MAX_VALUES 10 /* per repeatable parameter */

struct dir_public_finder_multi {
	const char *param, *taxonomy;
};
extern const struct dir_public_finder_multi dir_public_finder_multi[FM__MAX];

struct dir_public_finder {
	struct form f;                                 /* FF_* values and messages */
	/* valid checked term codes */
	const char *sel[FM__MAX][DIR_PUBLIC_FINDER_MAX_VALUES];
	size_t n_sel[FM__MAX];
	const char *err_multi[FM__MAX];                /* msgid, or NULL */
	int nerr;                                      /* all messages */
	const struct dir_taxonomy *tax;                /* names in r->lang */
	size_t n_tax;
	struct dir_search_query q;                            /* what was searched */
	struct dir_search_result res;
	const char *problem;                           /* the search failed (translated) */
	int filtered;                                  /* the page was asked with parameters */
};

/* Check r->query into fd (zeroed, in r->a): the values and messages of
 * the fields, the checked terms, and fd->q, the search the page runs.
 * ST_OK, or ST_ERR when the taxonomies could not be read (fd is filled
 * all the same, without them). Exposed for the fuzz target
 * tests/fuzz/fuzz_finder.c, which searches exactly what the page would. */
int dir_public_finder_parse(struct req *r, struct dir_public_finder *fd);

/* The finder URL with fd's valid parameters, for page (1: none), leaving
 * out the one value drop_param=drop_value (NULL: none; drop_value NULL:
 * every value of drop_param). Owned by r->a. */
const char *dir_public_finder_url(struct req *r, const struct dir_public_finder *fd, int page,
				  const char *drop_param, const char *drop_value);

/* The finder address a visitor came from, for the way back from an offer
 * or a provider page: the Referer when it is this site's finder, its
 * parameters checked as the finder checks them and rebuilt (an invalid
 * one left out), else "/angebote". Reads the taxonomies (r->db). Owned by
 * r->a. */
const char *dir_public_finder_back(struct req *r);

/* The result card of x (cards.c): kept once written, per offer and
 * language, by what it shows; only its distance is written anew. */
void dir_public_card(html *h, struct req *r, const struct dir_search_hit *x);

/* The address of the same search on the map, /angebote/karte (map_page.c),
 * for page. Owned by r->a. */
const char *dir_public_finder_map_url(struct req *r, const struct dir_public_finder *fd, int page);

/* The map of the offer's public places (map_page.c), numbered in the
 * order of its list of places; nothing when none has a position. */
void dir_public_offer_map(html *h, struct req *r, const struct dir_service *sv);

/* The page: search box, filters with counts, results, pages. */
void dir_public_view_finder(struct req *r, struct resp *w, const struct dir_public_finder *fd);

#endif
