/* tag_views.c — the form that tags a question, its answer options or its
 * subquestions with taxonomy terms: one group of lists per item, one list
 * per dimension. Handlers: tags.c. */
#include "surveys/surveys_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"
#include <string.h>

/* One item's lists: NAME_need, NAME_stage, ... with its tags selected. */
static void tag_group(html *h, struct req *r, const struct survey_terms *tt, const char *name, const char *legend,
		      const char *const *tags)
{
	html_open(h, "fieldset", "class", "field tag-group", NULL);
	html_elem(h, "legend", legend, NULL);
	html_open(h, "div", "class", "tag-lists", NULL);
	for (int d = 0; d < SURVEY_DIMS; d++) {
		const char *field = arena_printf(r->a, "%s_%s", name, survey_dim_names[d]);
		struct fields_in in = { .name = field, .id = arena_printf(r->a, "f-%s", field),
					.label = T(r, survey_dim_labels[d]), .value = tags[d] };
		fields_select(h, r, &in, T(r, "(keins)"), tt->codes[d], tt->names[d], tt->n[d]);
	}
	html_close(h, "div");
	html_close(h, "fieldset");
}

void survey_view_tags(struct req *r, struct resp *w, const struct survey *sv, const struct survey_question *q,
		      const struct survey_terms *tt, const char *err)
{
	html h = html_on(&w->body);
	const char *base = arena_printf(r->a, "/intern/umfragen/%lld", (long long)sv->id);
	layout_staff_begin(&h, r, i18n_fill(r->a, T(r, "Schlagworte der Frage {1}"), q->code, NULL));
	if (err)
		fields_alert(&h, T(r, err));
	const char *ok = kv_get(&r->query, "ok");
	if (!err && ok && strcmp(ok, "gespeichert") == 0)
		fields_notice(&h, T(r, "Gespeichert."));
	html_elem(&h, "p", survey_q_text(q, "de"), "class", "lead", NULL);
	html_elem(&h, "p",
		  T(r, "Schlagworte verbinden Antworten mit den Begriffen des Verzeichnisses, damit die Bedarfe aus "
		       "Umfragen neben den Angeboten stehen (Analyse). Ein Bedarf zählt, wenn eine Antwort mit diesem "
		       "Schlagwort gewählt wurde; Übergangsphase, Zielgruppe, Ort und Sprache ordnen die Antwortenden ein."),
		  NULL);
	int on_q = survey_tags_on_question(q), on_o = survey_tags_on_options(q), on_s = q->type == SQ_ARRAY;
	int offers = strcmp(sv->kind, "offers") == 0;
	if (!on_q && !on_o && !on_s)
		html_elem(&h, "p",
			  T(r, "Nur Antwortoptionen, Ja/Nein-Fragen und die Teilfragen einer Matrix lassen sich mit "
			       "Schlagworten versehen."),
			  NULL);
	if (on_q || on_o || on_s || offers) {
		html_open(&h, "form", "class", "form form-wide", "method", "post", "action",
			  arena_printf(r->a, "%s/fragen/%lld/schlagworte", base, (long long)q->id), NULL);
		fields_csrf(&h, r);
		if (offers) {
			size_t n = 0;
			while (survey_offer_fields[n])
				n++;
			const char **labels = arena_alloc(r->a, n * sizeof(char *));
			for (size_t i = 0; i < n; i++)
				labels[i] = T(r, survey_offer_field_labels[i]);
			struct fields_in in = { .name = "offer_field", .label = T(r, "Feld des Angebots"), .value = q->offer_field,
						.hint = T(r, "Jede vollständige Antwort wird ein Entwurf eines Angebots des "
							     "genannten Trägers in der Prüfung des Verzeichnisses.") };
			fields_select(&h, r, &in, NULL, survey_offer_fields, labels, n);
		}
		if (on_q)
			tag_group(&h, r, tt, "q", i18n_fill(r->a, T(r, "Antwort „Ja“ auf {1}"), q->code, NULL), q->tags);
		for (size_t i = 0; on_o && i < q->nopts; i++)
			tag_group(&h, r, tt, arena_printf(r->a, "o%lld", (long long)q->opts[i].id),
				  arena_printf(r->a, "%s = %s", q->opts[i].code, survey_o_label(&q->opts[i], "de")),
				  q->opts[i].tags);
		if (on_s)
			html_elem(&h, "p",
				  T(r, "Eine Teilfrage zählt, wenn ihre Antwort zu den zwei obersten Stufen der Skala gehört."),
				  NULL);
		for (size_t i = 0; on_s && i < q->nsubs; i++)
			tag_group(&h, r, tt, arena_printf(r->a, "o%lld", (long long)q->subs[i].id),
				  arena_printf(r->a, "%s = %s", q->subs[i].code, survey_o_label(&q->subs[i], "de")),
				  q->subs[i].tags);
		html_elem(&h, "button", T(r, "Speichern"), "type", "submit", "class", "button", NULL);
		html_close(&h, "form");
	}
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zurück zur Umfrage"), "href", base, NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}
