/* public.c — the public page "Angebotslandschaft": the offers by district
 * and transition stage, no cell under 5 (shown as "< 5"), as a page, CSV
 * and JSON. No needs and no outcomes here. */
#include "analysis/analysis_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <string.h>

/* The public table; NULL when a read failed. */
static struct an_table *landscape(struct req *r)
{
	struct an_ctx c;
	struct an_coverage cov, by_place, by_stage;
	if (an_ctx_load(r, &c) != ST_OK ||
	    an_coverage_count(r->a, &c.dims, c.f, c.n, NULL, AN_MASK(AN_DISTRICT) | AN_MASK(AN_STAGE), &cov) != ST_OK ||
	    an_coverage_count(r->a, &c.dims, c.f, c.n, NULL, AN_MASK(AN_DISTRICT), &by_place) != ST_OK ||
	    an_coverage_count(r->a, &c.dims, c.f, c.n, NULL, AN_MASK(AN_STAGE), &by_stage) != ST_OK)
		return NULL;
	return an_cross(r, &c.dims, &cov, AN_DISTRICT, AN_STAGE, "angebotslandschaft",
			T(r, "Angebote nach Ort und Phase im Übergang"), T(r, "Ort"), T(r, "ohne Angabe"), &by_place,
			&by_stage, 1);
}

void an_public_landscape(struct req *r, struct resp *w)
{
	struct an_table *t = landscape(r);
	if (!t) {
		w->status = resp_store_failed(r, w);
		layout_error_page(r, w, w->status);
		return;
	}
	html h = html_on(&w->body);
	struct page_meta m = { .title = T(r, "Angebotslandschaft"),
			       .description = T(r, "Wie viele Angebote es wo für welche Phase im Übergang von der "
						   "Schule in den Beruf gibt") };
	layout_begin(&h, r, &m);
	html_open(&h, "div", "class", "prose", NULL);
	html_elem(&h, "p", T(r, "Die Tabelle zeigt, wie viele Angebote es in jedem Ort für jede Phase im Übergang "
			       "von der Schule in Ausbildung und Beruf gibt. Ein Angebot für mehrere Phasen zählt in "
			       "jeder davon."), NULL);
	html_elem(&h, "p", T(r, "„< 5“ heißt: weniger als 5 Angebote. Kleine Zahlen zeigen wir nicht genau."), NULL);
	html_elem(&h, "p", T(r, "„•“ heißt: mindestens 5 Angebote. Diese Zahl ist verdeckt, damit sich eine kleine Zahl "
			       "nicht aus den Summen errechnen lässt."), NULL);
	html_close(&h, "div");
	an_table_html(&h, r, t);
	html_open(&h, "p", "class", "downloads", NULL);
	html_text(&h, T(r, "Diese Tabelle herunterladen:"));
	html_text(&h, " ");
	html_elem(&h, "a", T(r, "CSV"), "href", "/angebotslandschaft/daten.csv", "download", "", NULL);
	html_text(&h, " ");
	html_elem(&h, "a", T(r, "JSON"), "href", "/angebotslandschaft/daten.json", "download", "", NULL);
	html_close(&h, "p");
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Angebote suchen"), "href", "/angebote", NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}

void an_public_data(struct req *r, struct resp *w)
{
	const char *p = r->params[0];
	const char *ext = strcmp(p, "daten.csv") == 0 ? "csv" : strcmp(p, "daten.json") == 0 ? "json" : NULL;
	if (!ext) {
		w->status = 404;
		layout_error_page(r, w, 404);
		return;
	}
	struct an_table *t = landscape(r);
	if (!t) {
		w->status = resp_store_failed(r, w);
		layout_error_page(r, w, w->status);
		return;
	}
	if (an_table_send(r, w, t, ext, NULL) != 0) {
		w->status = 500;
		layout_error_page(r, w, 500);
	}
}
