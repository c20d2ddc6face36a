/* layout.c — the page frame shared by every HTML page. */
#include "html/layout.h"
#include "html/fields.h"
#include "http/router.h"
#include "core/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* An item shows only to those who may open its path (by the route table,
 * req_may_get), and a content page's item only when the page exists. */
struct nav_item {
	const char *path;
	const char *label; /* msgid */
	const char *page;  /* the content page shown at path, linked only when it exists; NULL: always */
};

static const struct nav_item main_nav[] = {
	{ "/", N_("Startseite"), "start" },
	{ "/bqn-rlp", N_("Das BQN RLP"), "bqn-rlp" },
	{ "/modellprojekt-ludwigshafen", N_("Das Modellprojekt Ludwigshafen"), "modellprojekt-ludwigshafen" },
	{ "/modellprojekt-mainz", N_("Das Modellprojekt Mainz"), "modellprojekt-mainz" },
	{ "/angebote", N_("Angebote finden"), NULL },
	{ "/veranstaltungen", N_("Veranstaltungen"), NULL },
	{ "/gremien", N_("Gremien"), NULL },
	{ "/merkliste", N_("Merkliste"), NULL },
	{ "/kontakt", N_("Kontakt"), NULL },
};

/* The staff area. */
static const struct nav_item staff_nav[] = {
	{ "/intern", N_("Übersicht"), NULL },
	{ "/intern/seiten", N_("Seiten"), NULL },
	{ "/intern/nachrichten", N_("Nachrichten"), NULL },
	{ "/intern/angebote", N_("Angebote"), NULL },
	{ "/intern/traeger", N_("Träger"), NULL },
	{ "/intern/veranstaltungen", N_("Veranstaltungen"), NULL },
	{ "/intern/aufgaben", N_("Aufgaben"), NULL },
	{ "/intern/pruefung", N_("Prüfung"), NULL },
	{ "/intern/kategorien", N_("Kategorien"), NULL },
	{ "/intern/suchwoerter", N_("Suchwörter"), NULL },
	{ "/intern/gremien", N_("Gremien"), NULL },
	{ "/intern/umfragen", N_("Umfragen"), NULL }, /* surveys (#18) */
	{ "/intern/meine-angebote", N_("Meine Angebote"), NULL },
	{ "/intern/benutzer", N_("Benutzer"), NULL },
	{ "/intern/protokoll", N_("Protokoll"), NULL },
	{ "/intern/konto", N_("Mein Konto"), NULL },
	/* interviews and expert talks (#15) */
	{ "/intern/interviews", N_("Interviews"), NULL },
	/* counselling (#14): the counsellors' cases, the provider's referrals */
	{ "/intern/beratung", N_("Beratung"), NULL },
	{ "/intern/vermittlungen", N_("Vermittlungen"), NULL },
	/* the evidence loop (#17) */
	{ "/intern/analyse", N_("Analyse"), NULL },
};

static const struct nav_item footer_nav[] = {
	{ "/kontakt", N_("Kontakt"), NULL },
	{ "/datenschutz", N_("Datenschutz"), "datenschutz" },
	{ "/impressum", N_("Impressum"), "impressum" },
};

static layout_page_check page_check;

void layout_set_page_check(layout_page_check check)
{
	page_check = check;
}

static layout_staff_notice staff_notice;

void layout_set_staff_notice(layout_staff_notice fn)
{
	staff_notice = fn;
}

/* The address of this page in lang for search engines (canonical,
 * alternates): base + path (+ ?lang=xx but for German). */
static const char *lang_url(struct req *r, const char *lang)
{
	const char *path = arena_printf(r->a, "%s%s", r->base_url, r->path);
	return html_url(r->a, path, "lang", strcmp(lang, i18n_langs[0]) == 0 ? NULL : lang, NULL);
}

/* A globe, the sign of a language menu that readers of any script know. */
static const char globe_svg[] =
	"<svg class=\"icon\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 24 24\" width=\"20\" "
	"height=\"20\"><g fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.8\"><circle cx=\"12\" "
	"cy=\"12\" r=\"9.5\"/><path d=\"M2.5 12h19M12 2.5c2.8 2.6 4 6 4 9.5s-1.2 6.9-4 9.5c-2.8-2.6-4-6-4-9.5"
	"s1.2-6.9 4-9.5z\"/></g></svg>";

/* The language menu: the current language's name opens (without
 * JavaScript: <details>) the list of the languages, each named in itself,
 * each a link to this page (m->self: with its query) in that language. A
 * staff page offers the staff area's languages only. */
static void lang_menu(html *h, struct req *r, const struct page_meta *m)
{
	html_open(h, "nav", "class", "lang-menu", "aria-label", T(r, "Sprache"), NULL);
	html_open(h, "details", NULL);
	html_open(h, "summary", NULL);
	html_raw_trusted(h, globe_svg);
	html_elem(h, "span", T(r, "Sprache"), "class", "visually-hidden", NULL);
	html_elem(h, "span", i18n_lang_name(r->lang), "lang", r->lang, NULL);
	html_close(h, "summary");
	html_open(h, "ul", NULL);
	int staff = m->staff || m->staff_langs;
	for (size_t i = 0; i18n_langs[i] && (!staff || i < I18N_STAFF_LANGS); i++) {
		const char *l = i18n_langs[i];
		html_open(h, "li", NULL);
		html_elem(h, "a", i18n_lang_name(l), "href", html_url(r->a, m->self ? m->self : r->path, "lang", l, NULL),
			  "lang", l, "hreflang", l, "dir", i18n_rtl(l) ? "rtl" : "ltr", "aria-current",
			  strcmp(l, r->lang) == 0 ? "true" : NULL, NULL);
		html_close(h, "li");
	}
	html_close(h, "ul");
	html_close(h, "details");
	html_close(h, "nav");
}

static void nav_list(html *h, struct req *r, const struct nav_item *items, size_t n)
{
	html_open(h, "ul", NULL);
	for (size_t i = 0; i < n; i++) {
		if (!req_may_get(r, items[i].path))
			continue;
		if (items[i].page && page_check && !page_check(r, items[i].page))
			continue;
		html_open(h, "li", NULL);
		const char *p = items[i].path;
		size_t pl = strlen(p);
		/* a section is current on its sub-pages too ("/intern/seiten/x") */
		int current = strcmp(r->path, p) == 0 ||
			      (pl > 7 && strncmp(r->path, p, pl) == 0 && r->path[pl] == '/');
		html_elem(h, "a", T(r, items[i].label), "href", p, "aria-current", current ? "page" : NULL,
			  NULL);
		html_close(h, "li");
	}
	html_close(h, "ul");
}

/* Three lines, the sign of a menu. */
static const char menu_svg[] =
	"<svg class=\"icon\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 24 24\" width=\"20\" "
	"height=\"20\"><path fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" stroke-linecap=\"round\" "
	"d=\"M4 6.5h16M4 12h16M4 17.5h16\"/></svg>";

/* A navigation, compact: on a phone one button "Menü" that opens the
 * list (without JavaScript: <details>), so that a page's content starts
 * on the first screen; on a wide screen the list stands as a bar below
 * the header (style.css shows the details' content and hides the button
 * where the browser can). The public main navigation and the staff
 * area's (cls "staff-nav", its details "staff-menu"). */
static void menu(html *h, struct req *r, const char *cls, const char *details_cls, const char *label,
		 const struct nav_item *items, size_t n)
{
	html_open(h, "nav", "class", cls, "aria-label", label, NULL);
	html_open(h, "details", "class", details_cls, NULL);
	html_open(h, "summary", NULL);
	html_raw_trusted(h, menu_svg);
	html_elem(h, "span", T(r, "Menü"), NULL);
	html_close(h, "summary");
	nav_list(h, r, items, n);
	html_close(h, "details");
	html_close(h, "nav");
}

void layout_begin(html *h, struct req *r, const struct page_meta *m)
{
	html_raw_trusted(h, "<!DOCTYPE html>\n");
	html_open(h, "html", "lang", r->lang, "dir", i18n_rtl(r->lang) ? "rtl" : NULL, NULL);
	html_open(h, "head", NULL);
	html_void(h, "meta", "charset", "utf-8", NULL);
	html_void(h, "meta", "name", "viewport", "content", "width=device-width, initial-scale=1", NULL);
	html_open(h, "title", NULL);
	html_text(h, m->title);
	html_text(h, " – ");
	html_text(h, T(r, "BQN Rheinland-Pfalz"));
	html_close(h, "title");
	if (m->description && *m->description)
		html_void(h, "meta", "name", "description", "content", m->description, NULL);
	if (m->noindex)
		html_void(h, "meta", "name", "robots", "content", "noindex", NULL);
	html_void(h, "link", "rel", "canonical", "href", lang_url(r, r->lang), NULL);
	/* the page in every language (a staff page has no public versions) */
	for (size_t i = 0; i18n_langs[i] && !m->staff && !m->staff_langs; i++)
		html_void(h, "link", "rel", "alternate", "hreflang", i18n_langs[i], "href",
			  lang_url(r, i18n_langs[i]), NULL);
	if (!m->staff && !m->staff_langs)
		html_void(h, "link", "rel", "alternate", "hreflang", "x-default", "href", lang_url(r, i18n_langs[0]),
			  NULL);
	html_void(h, "link", "rel", "icon", "href", "/favicon.ico", "sizes", "32x32", NULL);
	html_void(h, "link", "rel", "icon", "href", "/static/favicon.svg", "type", "image/svg+xml", NULL);
	html_void(h, "link", "rel", "stylesheet", "href", "/static/style.css", NULL);
	if (m->style)
		html_void(h, "link", "rel", "stylesheet", "href", m->style, NULL);
	if (m->script) {
		html_open(h, "script", "src", m->script, "defer", "", NULL);
		html_close(h, "script");
	}
	html_close(h, "head");

	html_open(h, "body", NULL);
	html_elem(h, "a", T(r, "Zum Inhalt springen"), "class", "skip-link", "href", "#main", NULL);
	html_open(h, "header", "class", "site-header", NULL);
	html_open(h, "div", "class", "wrap header-inner", NULL);
	html_open(h, "a", "class", "brand", "href", "/", NULL);
	html_elem(h, "span", "BQN", "class", "brand-mark", "aria-hidden", "true", NULL);
	html_open(h, "span", "class", "brand-text", NULL);
	html_elem(h, "span", T(r, "BQN Rheinland-Pfalz"), "class", "brand-name", NULL);
	html_elem(h, "span", T(r, "Berufliches Qualifizierungsnetzwerk für Migrantinnen und Migranten"),
		  "class", "brand-sub", NULL);
	html_close(h, "span");
	html_close(h, "a");
	html_open(h, "div", "class", "header-tools", NULL);
	/* German plain language (BITV 2.0): German on every page, as its name is */
	if (!m->staff && (!page_check || page_check(r, "leichte-sprache")))
		html_elem(h, "a", "Leichte Sprache", "class", "plain-link", "href", "/leichte-sprache", "lang", "de",
			  "hreflang", "de", "dir", "ltr", NULL);
	lang_menu(h, r, m);
	html_close(h, "div");
	if (m->staff)
		menu(h, r, "main-nav staff-nav", "site-menu staff-menu", T(r, "Interner Bereich"), staff_nav,
		     sizeof(staff_nav) / sizeof(staff_nav[0]));
	else
		menu(h, r, "main-nav", "site-menu", T(r, "Hauptnavigation"), main_nav,
		     sizeof(main_nav) / sizeof(main_nav[0]));
	if (m->staff && r->user_email) {
		html_open(h, "form", "class", "signout", "method", "post", "action", "/logout", NULL);
		fields_csrf(h, r);
		html_elem(h, "span", r->user_email, "class", "signed-in", NULL);
		html_elem(h, "button", T(r, "Abmelden"), "type", "submit", "class", "button secondary", NULL);
		html_close(h, "form");
	}
	html_close(h, "div");
	html_close(h, "header");

	html_open(h, "main", "id", "main", "class", "wrap", "tabindex", "-1", NULL);
	if (!m->staff && !m->staff_langs && i18n_review_note(r->lang))
		html_elem(h, "p", T(r, "Diese Übersetzung hat noch kein Mensch mit dieser Muttersprache geprüft."),
			  "class", "review-note", NULL);
	if (m->notice)
		html_elem(h, "p", m->notice, "class", "notice", NULL);
	if (m->staff && staff_notice)
		staff_notice(h, r);
	if (!m->no_h1) {
		int other = m->title_lang && strcmp(m->title_lang, r->lang) != 0;
		html_elem(h, "h1", m->title, "lang", other ? m->title_lang : NULL, "dir",
			  other ? layout_dir(r, m->title_lang) : NULL, NULL);
	}
}

void layout_end(html *h, struct req *r)
{
	html_close(h, "main");
	html_open(h, "footer", "class", "site-footer", NULL);
	html_open(h, "div", "class", "wrap", NULL);
	html_elem(h, "p",
		  T(r, "Gefördert aus Mitteln der Europäischen Union (Europäischer Sozialfonds) und des "
		       "Bundesinstituts für Berufsbildung (BIBB)."),
		  "class", "funding", NULL);
	html_open(h, "nav", "class", "footer-nav", "aria-label", T(r, "Rechtliches"), NULL);
	nav_list(h, r, footer_nav, sizeof(footer_nav) / sizeof(footer_nav[0]));
	html_close(h, "nav");
	html_elem(h, "p", T(r, "© 2026 BQN Rheinland-Pfalz · Beispielinhalte"), "class", "fine", NULL);
	html_close(h, "div");
	html_close(h, "footer");
	html_close(h, "body");
	html_close(h, "html");
	html_raw_trusted(h, "\n");
}

void layout_staff_begin(html *h, struct req *r, const char *title)
{
	struct page_meta m = { .title = title, .staff = 1, .noindex = 1 };
	layout_begin(h, r, &m);
}

void layout_staff_problem(struct req *r, struct resp *w, int status, const char *title, const char *text)
{
	w->status = status;
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, title);
	html_elem(&h, "p", text, "class", "lead", NULL);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zur Übersicht"), "class", "button", "href", "/intern", NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}

static void table_begin(html *h, struct req *r, const char *caption_id, const char *caption,
			const char *const *heads, size_t n, int cards)
{
	if (!cards)
		html_elem(h, "p", T(r, "Die Tabelle ist breiter als der Bildschirm: seitlich wischen, um alles zu sehen."),
			  "class", "scroll-hint", NULL);
	html_open(h, "div", "class", cards ? "table-wrap card-rows" : "table-wrap", "role", "region", "tabindex", "0",
		  "aria-labelledby", caption_id, NULL);
	html_open(h, "table", NULL);
	html_elem(h, "caption", caption, "id", caption_id, NULL);
	html_open(h, "thead", NULL);
	html_open(h, "tr", NULL);
	for (size_t i = 0; i < n; i++)
		html_elem(h, "th", heads[i], "scope", "col", NULL);
	html_close(h, "tr");
	html_close(h, "thead");
	html_open(h, "tbody", NULL);
}

void layout_table_begin(html *h, struct req *r, const char *caption_id, const char *caption,
			const char *const *heads, size_t n)
{
	table_begin(h, r, caption_id, caption, heads, n, 0);
}

void layout_card_table_begin(html *h, struct req *r, const char *caption_id, const char *caption,
			     const char *const *heads, size_t n)
{
	table_begin(h, r, caption_id, caption, heads, n, 1);
}

void layout_table_end(html *h)
{
	html_close(h, "tbody");
	html_close(h, "table");
	html_close(h, "div");
}

/* Dates in other languages than German are ISO 8601 (2026-07-01), kept on
 * one line by no-break spaces; on a right-to-left page they are isolated
 * as left-to-right (U+2066 … U+2069), so that year, month and day keep
 * their order. */
#define NBSP "\u00a0"
#define LTR_OPEN(r) (i18n_rtl((r)->lang) ? "\u2066" : "")
#define LTR_CLOSE(r) (i18n_rtl((r)->lang) ? "\u2069" : "")

const char *layout_date(struct req *r, const char *iso)
{
	int y, m, d;
	if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return iso ? iso : "";
	if (strcmp(r->lang, "de") == 0)
		return arena_printf(r->a, "%02d.%02d.%04d", d, m, y);
	return arena_printf(r->a, "%s%04d-%02d-%02d%s", LTR_OPEN(r), y, m, d, LTR_CLOSE(r));
}

/* The day of the month of the last Sunday of month m (one of 31 days). */
static int last_sunday(int y, int m)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = 31, .tm_hour = 12 };
	time_t t = timegm(&tm);
	struct tm o;
	gmtime_r(&t, &o);
	return 31 - o.tm_wday;
}

static time_t utc(int y, int m, int d, int h, int min)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = h, .tm_min = min };
	return timegm(&tm);
}

int layout_summer_time(time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	int y = tm.tm_year + 1900;
	return t >= utc(y, 3, last_sunday(y, 3), 1, 0) && t < utc(y, 10, last_sunday(y, 10), 1, 0);
}

const char *layout_time(struct req *r, const char *iso)
{
	int y, mo, d, h, mi;
	char t;
	if (!iso || sscanf(iso, "%4d-%2d-%2d%c%2d:%2d", &y, &mo, &d, &t, &h, &mi) != 6 || t != 'T')
		return layout_date(r, iso);
	time_t when = utc(y, mo, d, h, mi);
	int summer = layout_summer_time(when);
	when += (summer ? 2 : 1) * 3600;
	struct tm l;
	gmtime_r(&when, &l);
	if (strcmp(r->lang, "de") == 0)
		return arena_printf(r->a, "%02d.%02d.%04d, %02d:%02d Uhr", l.tm_mday, l.tm_mon + 1, l.tm_year + 1900,
				    l.tm_hour, l.tm_min);
	return arena_printf(r->a, "%s%04d-%02d-%02d" NBSP "%02d:%02d" NBSP "%s%s", LTR_OPEN(r), l.tm_year + 1900,
			    l.tm_mon + 1, l.tm_mday, l.tm_hour, l.tm_min, summer ? "CEST" : "CET", LTR_CLOSE(r));
}

void layout_cards(html *h, struct req *r, const struct layout_card *cards, size_t n)
{
	html_open(h, "div", "class", "cards", NULL);
	for (size_t i = 0; i < n; i++) {
		const struct layout_card *c = &cards[i];
		if (c->href && !req_may_get(r, c->href))
			continue;
		html_open(h, "section", "class", "card", NULL);
		html_elem(h, "h2", c->title, NULL);
		html_elem(h, "p", c->text, NULL);
		if (c->href)
			html_elem(h, "a", c->link, "href", c->href, NULL);
		html_close(h, "section");
	}
	html_close(h, "div");
}

void layout_error_page(struct req *r, struct resp *w, int status)
{
	static const struct {
		int status;
		const char *title, *text;
	} errors[] = {
		{ 400, N_("Ungültige Anfrage"), N_("Ihr Browser hat eine Anfrage geschickt, die wir nicht verstehen.") },
		{ 403, N_("Zugriff verweigert"), N_("Sie haben keine Berechtigung für diese Seite.") },
		{ 404, N_("Seite nicht gefunden"), N_("Diese Seite gibt es nicht. Vielleicht hat sich die Adresse geändert.") },
		{ 405, N_("Methode nicht erlaubt"), N_("Diese Adresse kann so nicht aufgerufen werden.") },
		{ 413, N_("Anfrage zu groß"), N_("Die gesendeten Daten sind zu groß.") },
		{ 429, N_("Zu viele Anfragen"), N_("Bitte warten Sie einige Minuten und versuchen Sie es dann noch einmal.") },
		{ 500, N_("Interner Fehler"), N_("Etwas ist schiefgegangen. Bitte versuchen Sie es später noch einmal.") },
		{ 503, N_("Vorübergehend nicht verfügbar"), N_("Der Dienst ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal.") },
	};
	size_t i = 0;
	while (i + 1 < sizeof(errors) / sizeof(errors[0]) && errors[i].status != status)
		i++;
	if (errors[i].status != status)
		i = 6; /* 500 */
	html h = html_on(&w->body);
	struct page_meta m = { .title = T(r, errors[i].title), .noindex = 1 };
	layout_begin(&h, r, &m);
	html_elem(&h, "p", T(r, errors[i].text), "class", "lead", NULL);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zur Startseite"), "class", "button", "href", "/", NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}

void layout_staff_failed(struct req *r, struct resp *w)
{
	layout_staff_problem(r, w, resp_store_failed(r, w), T(r, "Gerade nicht möglich"),
			     T(r, "Das hat gerade nicht geklappt. Bitte versuchen Sie es in einigen Minuten noch "
				  "einmal."));
}

void layout_staff_not_found(struct req *r, struct resp *w)
{
	layout_staff_problem(r, w, 404, T(r, "Nicht gefunden"),
			     T(r, "Diesen Eintrag gibt es nicht, oder Sie haben keinen Zugriff darauf."));
}

void layout_pages(html *h, struct req *r, long page, long total, long per_page, const char *path,
		  const char *k1, const char *v1, const char *k2, const char *v2)
{
	long pages = per_page > 0 ? (total + per_page - 1) / per_page : 1;
	if (pages <= 1)
		return;
	html_open(h, "nav", "class", "pagination", "aria-label", T(r, "Seiten der Liste"), NULL);
	html_open(h, "ul", NULL);
	for (long p = 1; p <= pages; p++) {
		/* first, last and the neighbourhood of the current page */
		if (p != 1 && p != pages && (p < page - 3 || p > page + 3)) {
			if (p == page - 4 || p == page + 4)
				html_elem(h, "li", "…", NULL);
			continue;
		}
		html_open(h, "li", NULL);
		const char *label = arena_printf(r->a, "%ld", p);
		if (p == page)
			html_elem(h, "span", label, "aria-current", "page", NULL);
		else
			html_elem(h, "a", label, "href",
				  html_url(r->a, path, k1 ? k1 : "", k1 ? v1 : NULL, k2 ? k2 : "", k2 ? v2 : NULL,
					   "seite", p > 1 ? label : NULL, NULL),
				  NULL);
		html_close(h, "li");
	}
	html_close(h, "ul");
	html_close(h, "nav");
}

void layout_lines(html *h, struct req *r, const char *s)
{
	while (s && *s) {
		const char *eol = strchr(s, '\n');
		size_t len = eol ? (size_t)(eol - s) : strlen(s);
		if (len && s[len - 1] == '\r')
			len--;
		html_text(h, arena_strndup(r->a, s, len));
		if (!eol)
			break;
		html_void(h, "br", NULL);
		s = eol + 1;
	}
}

const char *layout_dir(struct req *r, const char *lang)
{
	if (!lang)
		return i18n_rtl(r->lang) ? "auto" : NULL;
	if (i18n_rtl(lang) == i18n_rtl(r->lang))
		return NULL;
	return i18n_rtl(lang) ? "rtl" : "ltr";
}

const char *layout_quoted(struct req *r, const char *const *words, size_t n)
{
	const char *s = "";
	for (size_t i = 0; i < n; i++)
		s = arena_printf(r->a, "%s%s„%s“", s, i ? ", " : "", words[i]);
	return s;
}

void layout_similar_spellings(html *h, struct req *r, const char *const *words, size_t n)
{
	if (!n)
		return;
	html_open(h, "p", "class", "meta", NULL);
	layout_fill(h, r, T(r, "Für {1} haben wir auch ähnliche Schreibweisen gesucht."), layout_quoted(r, words, n), NULL);
	html_close(h, "p");
}

void layout_did_you_mean(html *h, struct req *r, const char *q, const char *href)
{
	html_open(h, "p", "class", "did-you-mean", NULL);
	html_text(h, T(r, "Meinten Sie:"));
	html_text(h, " ");
	html_open(h, "a", "href", href, NULL);
	html_elem(h, "bdi", q, NULL); /* a German word on a right-to-left page */
	html_close(h, "a");
	html_text(h, T(r, "?"));
	html_close(h, "p");
}

void layout_word_tips(html *h, struct req *r)
{
	html_elem(h, "li", T(r, "Ein anderes oder allgemeineres Wort versuchen, zum Beispiel „Beratung“ statt eines Namens."),
		  NULL);
	html_elem(h, "li", T(r, "Die Schreibweise prüfen oder nur den Anfang eines langen Wortes eingeben."), NULL);
}

void layout_ask_us(html *h, struct req *r)
{
	html_elem(h, "p", T(r, "Oder fragen Sie uns: wir helfen gern weiter."), NULL);
	html_open(h, "p", NULL);
	html_elem(h, "a", T(r, "Zum Kontakt"), "href", "/kontakt", NULL);
	html_close(h, "p");
}

void layout_fill(html *h, struct req *r, const char *tmpl, ...)
{
	const char *args[9];
	size_t n = 0;
	va_list ap;
	va_start(ap, tmpl);
	const char *x;
	while (n < 9 && (x = va_arg(ap, const char *)) != NULL)
		args[n++] = x;
	va_end(ap);
	const char *p = tmpl, *run = tmpl;
	for (; *p; p++) {
		if (p[0] != '{' || p[1] < '1' || p[1] > '9' || p[2] != '}' || (size_t)(p[1] - '1') >= n)
			continue;
		if (p > run)
			html_text(h, arena_strndup(r->a, run, (size_t)(p - run)));
		html_elem(h, "bdi", args[p[1] - '1'], NULL);
		p += 2;
		run = p + 1;
	}
	html_text(h, run);
}
