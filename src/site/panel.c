/* panel.c — the site's part of the staff dashboard: new contact messages,
 * messages kept longer than the privacy notice promises, the pages, and
 * pages still holding the placeholder text of `lotse init`. */
#include "site/site.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"
#include "http/router.h"

int site_staff_panel(struct req *r, struct layout_card *out)
{
	int n = 0;
	if (req_may_get(r, "/intern/nachrichten")) {
		long fresh = site_contact_count_new(r->db);
		if (fresh < 0)
			return -1;
		out[n++] = (struct layout_card){
			T(r, "Nachrichten"),
			i18n_fill(r->a, T(r, "Neue Nachrichten über das Kontaktformular: {1}"),
				  arena_printf(r->a, "%ld", fresh), NULL),
			"/intern/nachrichten", T(r, "Nachrichten lesen") };
		long overdue = site_contact_count_overdue(r->db, core_now());
		if (overdue < 0)
			return -1;
		if (overdue > 0)
			out[n++] = (struct layout_card){
				T(r, "Aufbewahrungsfrist überschritten"),
				i18n_fill(r->a, T(r, "Nachrichten, die länger als 12 Monate gespeichert sind, obwohl die "
						     "Datenschutzerklärung ihre Löschung verspricht: {1}. Läuft „lotse "
						     "maintenance“ täglich? (README)"),
					  arena_printf(r->a, "%ld", overdue), NULL),
				"/intern/nachrichten", T(r, "Nachrichten ansehen") };
	}
	if (req_may_get(r, "/intern/seiten")) {
		out[n++] = (struct layout_card){ T(r, "Seiten"),
						T(r, "Die Seiten der Website bearbeiten, auf Deutsch und Englisch."),
						"/intern/seiten", T(r, "Seiten bearbeiten") };
		long todo = site_page_count_placeholder(r->db);
		if (todo < 0)
			return -1;
		if (todo > 0)
			out[n++] = (struct layout_card){
				T(r, "Platzhaltertext"),
				i18n_fill(r->a, T(r, "Seiten, die noch Platzhaltertext enthalten und vor der "
						     "Veröffentlichung ausgefüllt werden müssen (etwa Impressum und "
						     "Datenschutzerklärung): {1}"),
					  arena_printf(r->a, "%ld", todo), NULL),
				"/intern/seiten", T(r, "Seiten ausfüllen") };
	}
	return n;
}

int site_staff_todos(struct req *r, struct layout_todo *out)
{
	long fresh = site_contact_count_new(r->db);
	if (fresh < 0)
		return -1;
	if (fresh == 0)
		return 0;
	out[0] = (struct layout_todo){ i18n_fill(r->a, T(r, "Neue Nachrichten über das Kontaktformular: {1}"),
						arena_printf(r->a, "%ld", fresh), NULL),
				      "/intern/nachrichten" };
	return 1;
}
