/* routes.c — the flat offer import in the staff area
 * (/intern/import, editors): the upload form, the result with every
 * refused row, and a template file to start from. */
#include "directory/import/import_internal.h"
#include "directory/search/search.h"
#include "html/fields.h"
#include "auth/auth.h"
#include "core/buf.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"
#include "http/server.h"

#include <sodium.h>
#include <string.h>

/* ---- the one input: the file ---- */

/* Declared like a struct field, checked by hand: its bytes are no text
 * until the importer has found their encoding. */
static const struct {
	const char *name;
	size_t max; /* bytes; the server refuses larger bodies before */
} upload_file = { "datei", SERVER_MAX_BODY };
_Static_assert(SERVER_MAX_BODY == 10u << 20, "the upload's texts say 10 MB");

/* The uploaded file, or NULL with the msgid of the problem in *why. */
static const struct kv *upload_get(struct req *r, const char **why)
{
	const struct kv *f = NULL;
	for (size_t i = 0; i < r->form.n && !f; i++)
		if (strcmp(r->form.items[i].key, upload_file.name) == 0)
			f = &r->form.items[i];
	if (kv_count(&r->form, upload_file.name) > 1) {
		*why = N_("Bitte laden Sie genau eine Datei hoch.");
		return NULL;
	}
	if (!f || f->len == 0) {
		*why = N_("Bitte wählen Sie eine CSV-Datei aus.");
		return NULL;
	}
	if (f->len > upload_file.max) {
		*why = N_("Die Datei ist größer als 10 MB. Bitte teilen Sie sie auf.");
		return NULL;
	}
	return f;
}

/* The upload's file name as the audit log keeps it: without a folder
 * (some browsers send one, and it may name a person), at most 100 bytes,
 * every control byte, invalid UTF-8 and direction override as '?'; "" when
 * the browser sent none. */
static const char *upload_name(arena *a, const char *name)
{
	if (!name)
		return "";
	for (const char *p = name; *p; p++)
		if (*p == '/' || *p == '\\')
			name = p + 1;
	buf b;
	buf_init(&b, 0);
	size_t len = strlen(name);
	for (size_t i = 0, n; i < len && b.len < 100; i += n) {
		n = utf8_char(name + i, len - i);
		unsigned char c = (unsigned char)name[i];
		/* U+202A-U+202E and U+2066-U+2069: E2 80 AA-AE, E2 81 A6-A9 */
		int bidi = n == 3 && c == 0xE2 &&
			   (((unsigned char)name[i + 1] == 0x80 && (unsigned char)name[i + 2] >= 0xAA &&
			     (unsigned char)name[i + 2] <= 0xAE) ||
			    ((unsigned char)name[i + 1] == 0x81 && (unsigned char)name[i + 2] >= 0xA6 &&
			     (unsigned char)name[i + 2] <= 0xA9));
		if (n == 0 || c < 0x20 || c == 0x7F || bidi) {
			buf_append(&b, "?", 1);
			n = n ? n : 1;
		} else {
			buf_append(&b, name + i, n);
		}
	}
	const char *out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

/* ---- the page ---- */

/* What the page shows besides the form: a result, or a refused upload. */
struct import_page {
	const struct dir_import_result *res; /* or NULL */
	const char *file_err;                /* msgid at the file field, or NULL */
	const char *file_err_text;           /* the same, filled and translated */
};

#define SHOW_PROBLEMS 500 /* refused rows listed on the page; the rest are counted */

static void problem_list(html *h, struct req *r, const struct dir_import_problem *v, size_t n)
{
	html_open(h, "ul", "class", "import-problems", NULL);
	for (size_t i = 0; i < n && i < SHOW_PROBLEMS; i++)
		html_elem(h, "li", dir_import_problem_text(r->a, r->lang, &v[i]), NULL);
	html_close(h, "ul");
	if (n > SHOW_PROBLEMS)
		html_elem(h, "p", i18n_fill(r->a, T(r, "… und {1} weitere."),
					    arena_printf(r->a, "%zu", n - SHOW_PROBLEMS), NULL), NULL);
}

/* The problems of the refused rows: one line each, with row, column and reason. */
static void problem_table(html *h, struct req *r, const struct dir_import_problem *v, size_t n)
{
	const char *heads[] = { T(r, "Zeile"), T(r, "Spalte"), T(r, "Problem") };
	layout_table_begin(h, r, "import-problems", T(r, "Alle Fehler, nach Zeilen"), heads, NELEM(heads));
	for (size_t i = 0; i < n && i < SHOW_PROBLEMS; i++) {
		struct dir_import_problem p = v[i];
		long line = p.line;
		p.line = 0; /* the reason alone: the line has its own cell */
		html_open(h, "tr", NULL);
		html_elem(h, "td", line > 0 ? arena_printf(r->a, "%ld", line) : "–", NULL);
		html_elem(h, "td", p.column ? p.column : "–", NULL);
		html_elem(h, "td", dir_import_problem_text(r->a, r->lang, &p), NULL);
		html_close(h, "tr");
	}
	layout_table_end(h);
	if (n > SHOW_PROBLEMS)
		html_elem(h, "p", i18n_fill(r->a, T(r, "… und {1} weitere."),
					    arena_printf(r->a, "%zu", n - SHOW_PROBLEMS), NULL), NULL);
}

/* Links to the new and changed offers, to look at them right away. */
static void offer_links(html *h, struct req *r, const struct dir_import_result *res)
{
	html_elem(h, "h3", T(r, "Neue und geänderte Angebote"), NULL);
	html_open(h, "ul", "class", "import-offers", NULL);
	for (size_t i = 0; i < res->n_links; i++) {
		const struct dir_import_link *l = &res->links[i];
		html_open(h, "li", NULL);
		html_elem(h, "a", l->name, "href", arena_printf(r->a, "/intern/angebote/%s", l->id), NULL);
		html_text(h, " ");
		html_text(h, i18n_fill(r->a, l->changed ? T(r, "(geändert, Zeile {1})") : T(r, "(neu, Zeile {1})"),
				       arena_printf(r->a, "%ld", l->line), NULL));
		html_close(h, "li");
	}
	html_close(h, "ul");
	long more = res->created + res->updated - (long)res->n_links;
	if (more > 0)
		html_elem(h, "p", i18n_fill(r->a, T(r, "… und {1} weitere."), arena_printf(r->a, "%ld", more), NULL),
			  NULL);
}

static void result(html *h, struct req *r, const struct dir_import_result *res)
{
	html_open(h, "section", "aria-labelledby", "import-result", NULL);
	html_elem(h, "h2", T(r, "Ergebnis"), "id", "import-result", NULL);
	const char *summary = dir_import_summary(r->a, r->lang, res);
	if (res->bad)
		fields_alert(h, summary);
	else
		fields_notice(h, summary);
	html_open(h, "dl", "class", "meta", NULL);
	const char *facts[][2] = {
		{ T(r, "Neue Angebote"), arena_printf(r->a, "%ld", res->created) },
		{ T(r, "Geänderte Angebote"), arena_printf(r->a, "%ld", res->updated) },
		{ T(r, "Unveränderte Angebote"), arena_printf(r->a, "%ld", res->unchanged) },
		{ T(r, "Abgelehnte Zeilen"), arena_printf(r->a, "%ld", res->bad) },
		{ T(r, "Neue Träger"), arena_printf(r->a, "%ld", res->providers_created) },
		{ T(r, "Zeichenkodierung"), res->encoding },
		{ T(r, "Trennzeichen"), res->separator == '\t' ? T(r, "Tabulator")
					: res->separator == ',' ? T(r, "Komma") : T(r, "Semikolon") },
	};
	for (size_t i = 0; i < NELEM(facts); i++) {
		html_elem(h, "dt", facts[i][0], NULL);
		html_elem(h, "dd", facts[i][1], NULL);
	}
	html_close(h, "dl");
	if (res->n_links)
		offer_links(h, r, res);
	if (res->n_problems) {
		html_elem(h, "h3", i18n_fill(r->a, T(r, "Zeilen mit Fehlern ({1})"),
					     arena_printf(r->a, "%ld", res->bad), NULL), NULL);
		html_elem(h, "p", T(r, "Diese Zeilen wurden nicht übernommen, alle anderen schon. Korrigieren Sie "
				       "sie und laden Sie nur diese Zeilen (mit der Kopfzeile) noch einmal hoch."),
			  NULL);
		problem_table(h, r, res->problems, res->n_problems);
	}
	if (res->n_notes) {
		html_elem(h, "h3", T(r, "Hinweise"), NULL);
		problem_list(h, r, res->notes, res->n_notes);
	}
	html_close(h, "section");
}

static void columns_help(html *h, struct req *r)
{
	html_open(h, "details", NULL);
	html_elem(h, "summary", T(r, "Welche Spalten gelesen werden"), NULL);
	html_open(h, "p", NULL);
	html_text(h, T(r, "Die erste Zeile nennt die Spalten, in beliebiger Reihenfolge; Groß- und "
			  "Kleinschreibung, Umlaute und Leerzeichen spielen keine Rolle, englische Namen gehen auch. "
			  "Pflicht sind nur „Angebot“ und, für neue Angebote, „Träger“. Mit einer Spalte „id“ "
			  "ändert eine Zeile das Angebot mit dieser id; fehlende Spalten lassen dessen Angaben "
			  "unverändert."));
	html_close(h, "p");
	html_open(h, "ul", "class", "inline-list", NULL);
	for (int c = 0; c < IC__MAX; c++)
		html_elem(h, "li", dir_import_col_label(c), NULL);
	html_close(h, "ul");
	html_elem(h, "p", T(r, "Listen (Zielgruppe, Angebotsart, Übergangsphase, Förderung, Stadtteil/Ort) "
			       "trennen Sie mit Semikolon, z. B. „Sprachförderung; Beratung“; Sprachen als Codes, "
			       "z. B. „de, tr, ar“; Datumsangaben als TT.MM.JJJJ."),
		  NULL);
	html_close(h, "details");
}

static void page(struct req *r, struct resp *w, const struct import_page *p)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Angebote importieren"));
	html_elem(&h, "p", T(r, "Laden Sie eine Tabelle mit einer Zeile je Angebot als CSV-Datei hoch. Zeilen "
				"mit Fehlern werden mit ihrer Zeilennummer gemeldet und nicht übernommen, alle "
				"anderen werden importiert."),
		  "class", "lead", NULL);
	if (p->res)
		result(&h, r, p->res);
	if (p->file_err_text)
		fields_alert(&h, p->file_err_text);
	html_open(&h, "form", "class", "form", "method", "post", "action", "/intern/import", "enctype",
		  "multipart/form-data", "novalidate", "", NULL);
	fields_csrf(&h, r);
	struct fields_in file = { .name = upload_file.name, .id = "f-datei", .label = T(r, "CSV-Datei"), .type = "file",
				  .accept = ".csv,text/csv,text/plain", .required = 1,
				  .hint = T(r, "UTF-8 oder Windows-1252 (Excel: „CSV (Trennzeichen-getrennt)“), Trennzeichen "
					       "Semikolon oder Komma, höchstens 10 MB."),
				  /* the text filled in, or the msgid */
				  .err = p->file_err_text ? p->file_err_text : p->file_err };
	fields_input(&h, r, &file);
	html_elem(&h, "button", T(r, "Importieren"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	html_open(&h, "ul", "class", "inline-list", NULL);
	html_open(&h, "li", NULL);
	html_elem(&h, "a", T(r, "Vorlage herunterladen (CSV)"), "href", "/intern/import/vorlage.csv", "download",
		  "", NULL);
	html_close(&h, "li");
	html_li_link(&h, T(r, "Zu den Angeboten"), "/intern/angebote");
	html_close(&h, "ul");
	columns_help(&h, r);
	layout_end(&h, r);
}

/* ---- handlers ---- */

void dir_import_form(struct req *r, struct resp *w)
{
	struct import_page p = { 0 };
	page(r, w, &p);
}

void dir_import_upload(struct req *r, struct resp *w)
{
	const struct auth_user *u = auth_current(r);
	struct import_page p = { 0 };
	const struct kv *f = upload_get(r, &p.file_err);
	if (!f) {
		w->status = 422;
		page(r, w, &p);
		return;
	}
	struct dir_import_result *res = arena_alloc(r->a, sizeof(*res));
	struct dir_import_opts o = { .who = u && u->email ? u->email : "import" };
	int rc = dir_import_offers(r->db, r->a, f->val, f->len, &o, res);
	/* the file by the name it had on the sender's computer, and by the
	 * start of its SHA-256 (a name says little: "angebote.csv") */
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[17];
	crypto_hash_sha256(h, (const unsigned char *)f->val, f->len);
	sodium_bin2hex(hex, sizeof(hex), h, 8);
	const char *name = upload_name(r->a, f->filename);
	audit_add_req(r, "offers_import", "file", *name ? name : arena_printf(r->a, "sha256:%s", hex),
		      rc == ST_OK && !res->refused ? "ok" : "failed",
		      rc == ST_OK ? arena_printf(r->a, "sha256:%s, %zu bytes; %ld rows: %ld created, %ld updated, "
						       "%ld refused",
						 hex, f->len, res->rows, res->created, res->updated, res->bad)
				  : arena_printf(r->a, "sha256:%s, %zu bytes", hex, f->len));
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	if (res->refused) {
		/* the file as a whole: the first reason at the field, all of them above */
		w->status = 422;
		p.file_err = res->n_problems ? res->problems[0].msgid : N_("Die Datei konnte nicht gelesen werden.");
		p.file_err_text = res->n_problems ? dir_import_problem_text(r->a, r->lang, &res->problems[0])
						  : T(r, p.file_err);
		page(r, w, &p);
		return;
	}
	/* make the new offers findable now: the server's indexer is woken
	 * (without one, the first 2000 are indexed here, the rest by the
	 * next searches) */
	(void)dir_search_refresh(r->db, 2000, NULL);
	p.res = res;
	page(r, w, &p);
}

/* The header and one example row (fictional), with a BOM so that Excel
 * reads the umlauts right. A file, not a page: written directly. */
void dir_import_template(struct req *r, struct resp *w)
{
	(void)r;
	static const char example[] =
		"Jugendmigrationsdienst Beispielstadt (Beispiel);Sprachcafé für Jugendliche;"
		"\"Deutsch sprechen in entspannter Runde.\nVorkenntnisse sind nicht nötig.\";aktiv;"
		"\"Geflüchtete; Neuzugewanderte\";\"Sprachförderung; Beratung\";Berufsorientierung;Kommune;"
		"Mainz-Neustadt;de, ar, tr;14;27;ja;;Einfach vorbeikommen.;;Mi 16–18 Uhr;"
		"Musterstraße 1;55118;Mainz;50,0095;8,2580;06131 000000;info@example.org;"
		"https://www.example.org;Frau Beispiel;15;Präsenz;01.03.2025\r\n";
	w->content_type = "text/csv; charset=utf-8";
	resp_header(r, w, "Content-Disposition", "attachment; filename=\"angebote-vorlage.csv\"");
	buf_puts(&w->body, "\xEF\xBB\xBF");
	for (int c = 0; c < IC__MAX; c++) {
		if (c == IC_ID)
			continue; /* only for changes of stored offers */
		buf_puts(&w->body, dir_import_col_label(c));
		buf_puts(&w->body, c + 1 < IC__MAX ? ";" : "\r\n");
	}
	buf_puts(&w->body, example);
}
