/* doc_tools.c — the handlers of a document's tools: the pseudonymisation
 * helper (POST .../dokumente/{d}/pseudonym) and the project's key list
 * (/intern/interviews/{p}/schluessel, every read audited), and the event
 * an expert talk took place at (POST .../dokumente/{d}/veranstaltung),
 * read through events.h. */
#include "interviews/iv_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "events/events.h"
#include "html/layout.h"

#include <inttypes.h>
#include <string.h>

int iv_event_choice_load(struct req *r, const struct iv_doc *d, struct iv_event_choice *ec)
{
	*ec = (struct iv_event_choice){ .current = "" };
	struct event *ev;
	size_t n;
	if (events_all(r->db, r->a, &ev, &n) != ST_OK)
		return ST_ERR;
	ec->ids = arena_alloc(r->a, (n + 1) * sizeof(*ec->ids));
	ec->labels = arena_alloc(r->a, (n + 1) * sizeof(*ec->labels));
	for (size_t i = 0; i < n; i++) {
		ec->ids[i] = iv_id(r, ev[i].id);
		ec->labels[i] = arena_printf(r->a, "%.10s · %s", ev[i].starts_at, ev[i].title);
		if (ev[i].id == d->event_id) {
			ec->current = ec->ids[i];
			ec->title = ev[i].title;
			ec->starts_at = ev[i].starts_at;
			ec->url = arena_printf(r->a, "/veranstaltungen/%" PRId64, ev[i].id);
		}
	}
	ec->n = n;
	return ST_OK;
}

/* POST .../dokumente/{d}/veranstaltung: event = an event's id, or "" (none). */
void iv_doc_event_post(struct req *r, struct resp *w)
{
	struct iv_project p;
	struct iv_doc d;
	if (iv_req_project(r, w, &p) != 0 || iv_req_doc(r, w, &p, 0, &d) != 0)
		return;
	const char *v = kv_get(&r->form, "event");
	int64_t ev = v && *v ? iv_param_id(v) : 0;
	struct event e;
	int rc = ev < 0 ? ST_NOTFOUND : ev > 0 ? events_get(r->db, r->a, ev, &e) : ST_OK;
	if (rc == ST_NOTFOUND) {
		w->status = 422;
		iv_doc_show(r, w, &p, &d, NULL, T(r, "Diese Veranstaltung gibt es nicht. Bitte eine aus der Liste wählen."));
		return;
	}
	struct store_tx tx;
	if (rc == ST_OK)
		rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK) {
		rc = iv_doc_event_set(r->db, p.id, d.id, ev);
		if (rc == ST_OK)
			rc = audit_add_req(r, "iv_doc_event", "iv_document", iv_id(r, d.id), "ok", ev ? iv_id(r, ev) : NULL);
		rc = store_tx_end(r->db, &tx, rc);
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, iv_path(r, p.id, arena_printf(r->a, "/dokumente/%" PRId64 "?ok=event", d.id)));
}

/* POST .../dokumente/{d}/pseudonym: original (a name or place), kind. */
void iv_doc_pseudonym_post(struct req *r, struct resp *w)
{
	struct iv_project p;
	struct iv_doc d;
	if (iv_req_project(r, w, &p) != 0 || iv_req_doc(r, w, &p, 0, &d) != 0)
		return;
	const char *original = kv_get(&r->form, "original"), *kind = kv_get(&r->form, "kind");
	const char *ph;
	long n;
	int rc = iv_pseudonymise(r->db, r->a, p.id, d.id, original, kind, &ph, &n);
	/* the audit names the placeholder, never the original */
	if (rc == ST_OK)
		audit_add_req(r, "iv_pseudonymise", "iv_document", iv_id(r, d.id), "ok",
			      n ? arena_printf(r->a, "%s %ld", ph, n) : NULL);
	if (rc == ST_CONFLICT) {
		w->status = 422;
		iv_doc_show(r, w, &p, &d, NULL,
			    T(r, "Bitte den Namen oder Ort genau so eingeben, wie er im Text steht (ohne eckige Klammern), "
				 "und die Art wählen."));
		return;
	}
	if (rc != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	struct iv_doc now;
	if (iv_doc_get(r->db, r->a, p.id, d.id, 0, &now) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	const char *notice =
		n == 0 ? T(r, "Der Text enthält diesen Namen nicht als ganzes Wort; nichts wurde ersetzt.")
		       : i18n_fill(r->a, TN(r, "{1} Stelle durch {2} ersetzt; die Zuordnung steht in der Schlüsselliste.",
					       "{1} Stellen durch {2} ersetzt; die Zuordnung steht in der Schlüsselliste.",
					       (unsigned long)n),
				   arena_printf(r->a, "%ld", n), ph, NULL);
	iv_doc_show(r, w, &p, &now, notice, NULL);
}

/* GET /intern/interviews/{p}/schluessel: the key list, audited. */
void iv_keys_page(struct req *r, struct resp *w)
{
	struct iv_project p;
	if (iv_req_project(r, w, &p) != 0)
		return;
	struct iv_pseudonym *k;
	size_t n;
	if (iv_pseudonyms(r->db, r->a, p.id, &k, &n) != ST_OK ||
	    audit_add_req(r, "iv_keys_read", "iv_project", iv_id(r, p.id), "ok", NULL) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	iv_view_keys(r, w, &p, k, n);
}
