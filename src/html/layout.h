/* layout.h — the frame around every HTML page: head, header with brand
 * and language switch, main navigation, footer. */
#ifndef LOTSE_LAYOUT_H
#define LOTSE_LAYOUT_H

#include "html/html.h"
#include "http/http.h"

#include <time.h>

struct page_meta {
	const char *title;        /* plain text, already translated */
	const char *description;  /* meta description, plain text */
	const char *notice;       /* an optional note above the title (e.g. missing translation) */
	int noindex;              /* keep out of search engines (error pages, forms) */
	int no_h1;                /* the page writes its own <h1> */
	int staff;                /* a page of the staff area: staff navigation, sign-out button */
	int staff_langs;          /* in the staff area's languages only (the sign-in pages) */
	const char *title_lang;   /* the language of title when it is content in another language than the
				     page's (a German offer name on an Arabic page); NULL: the page's */
	const char *self;         /* this page's path with its validated query ("/angebote?q=x"), which
				     the language menu keeps; NULL: the path alone */
	const char *script;       /* the one static script the page uses ("/static/merkliste.js"), loaded
				     deferred; NULL: none (every page works without it) */
	const char *style;        /* one more stylesheet of the page, after style.css (a project's code
				     colours: the CSP allows no inline styles); NULL: none */
};

/* Does the content page slug exist (nonzero), so that the navigation may
 * link it? The main and footer navigation leave out a page for which this
 * says no (a database without demo content has no "bqn-rlp"). Set once
 * before serving; without a check every link is shown. */
typedef int (*layout_page_check)(struct req *r, const char *slug);
void layout_set_page_check(layout_page_check check);
/* What waits for the user, as a line at the top of every staff page
 * (#12): the app hands the function that writes it (it may write
 * nothing); called inside <main>, before the title. */
typedef void (*layout_staff_notice)(html *h, struct req *r);
void layout_set_staff_notice(layout_staff_notice fn);

/* Write everything up to and including the <h1>. The canonical link is
 * r->base_url + r->path (+ ?lang=xx for languages other than German). */
void layout_begin(html *h, struct req *r, const struct page_meta *m);

/* An ISO date ("YYYY-MM-DD...") as the reader writes it: DD.MM.YYYY in
 * German, YYYY-MM-DD otherwise; anything else comes back as it is. In r's arena. */
const char *layout_date(struct req *r, const char *iso);
/* An ISO time in UTC ("YYYY-MM-DDTHH:MM...") in the network's local time
 * (Mainz: CET, CEST in summer): "27.11.2026, 18:51 Uhr" in German,
 * "2026-11-27, 18:51 CET" otherwise. Anything else as layout_date. */
const char *layout_time(struct req *r, const char *iso);
/* Is t in Central European Summer Time (the EU rule since 1996: from the
 * last Sunday of March to the last Sunday of October, 01:00 UTC each)? */
int layout_summer_time(time_t t);

/* A table in a scrolling region named by its caption (keyboard users can
 * scroll it too), after a hint for narrow screens that it scrolls sideways;
 * the n column heads, then an open <tbody> for the caller's rows, which
 * layout_table_end closes with the rest. */
void layout_table_begin(html *h, struct req *r, const char *caption_id, const char *caption,
			const char *const *heads, size_t n);
/* The same for a table whose rows become cards on a phone (one cell a line,
 * each after its column's head) instead of scrolling sideways: its cells
 * carry their head as data-label. */
void layout_card_table_begin(html *h, struct req *r, const char *caption_id, const char *caption,
			     const char *const *heads, size_t n);
void layout_table_end(html *h);

/* The start of a page of the staff area (staff navigation, no-index),
 * up to its <h1> title. */
void layout_staff_begin(html *h, struct req *r, const char *title);
/* A whole staff page that says what went wrong (status, title, text, all
 * translated) with a way back to the overview. */
void layout_staff_problem(struct req *r, struct resp *w, int status, const char *title, const char *text);
/* The staff page when a store read or write failed (status by
 * resp_store_failed: 503 when the database was busy, else 500). */
void layout_staff_failed(struct req *r, struct resp *w);
/* The staff page of a record that does not exist or is not the user's
 * (404). */
void layout_staff_not_found(struct req *r, struct resp *w);

/* One card of an overview (the staff dashboard): a heading, a sentence,
 * and a link to where the work is done (href NULL: no link). All
 * translated, in r's arena. */
struct layout_card {
	const char *title, *text, *href, *link;
};
/* The most cards one part of an overview gives. */
#define LAYOUT_CARDS_MAX 8
/* A line of the notice at the top of the staff dashboard: what waits for
 * the user (translated, with its count) and the page where it is done. */
struct layout_todo {
	const char *text, *href;
};
/* The most lines one part of that notice gives. */
#define LAYOUT_TODO_MAX 4
/* The cards[0..n) that the user may open (req_may_get of their href), as
 * a grid. */
void layout_cards(html *h, struct req *r, const struct layout_card *cards, size_t n);

/* The whole page of an error status (400, 403, 404, 405, 413, 429, 500,
 * 503; any other as 500): what happened and a way back. The server's
 * error hook; the caller sets w->status. */
void layout_error_page(struct req *r, struct resp *w, int status);

/* The page links of a list of total rows, per_page a page (nothing when
 * it fits on one): the first, the last and the neighbourhood of page, each
 * a link to path with k1=v1 and k2=v2 (a NULL key or value is left out)
 * and seite=N (none for the first page). */
void layout_pages(html *h, struct req *r, long page, long total, long per_page, const char *path,
		  const char *k1, const char *v1, const char *k2, const char *v2);

/* The dir attribute for text in lang on r's page: NULL when both run the
 * same way, else "ltr" or "rtl" (a German offer text on an Arabic page).
 * lang NULL: text of unknown direction (a name a person entered): "auto"
 * on a right-to-left page, so that it keeps its own direction. */
const char *layout_dir(struct req *r, const char *lang);

/* A translated template as text, each {1} ... {9} filled with the
 * argument (NULL-terminated list) inside <bdi>, so that a name in another
 * script does not reorder the sentence around it. */
void layout_fill(html *h, struct req *r, const char *tmpl, ...) __attribute__((sentinel));

/* Words in German quotes, separated by commas: „mainz“, „pflege“. */
const char *layout_quoted(struct req *r, const char *const *words, size_t n);

/* A search's note that it also looked for words spelled like these (the
 * words it read as typos); nothing when n is 0. */
void layout_similar_spellings(html *h, struct req *r, const char *const *words, size_t n);

/* "Meinten Sie: Ausbildung?", the suggested query q a link to href (the
 * search for it). */
void layout_did_you_mean(html *h, struct req *r, const char *q, const char *href);

/* Two items of a list of what to try when a search found nothing:
 * another word, the spelling. */
void layout_word_tips(html *h, struct req *r);

/* The end of a page that found nothing: "Oder fragen Sie uns" and the
 * link to the contact form. */
void layout_ask_us(html *h, struct req *r);

/* Text with its line breaks as <br>, every piece escaped (CR LF too). */
void layout_lines(html *h, struct req *r, const char *s);

/* Close <main> and write the footer. */
void layout_end(html *h, struct req *r);

#endif
