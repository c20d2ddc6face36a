/* translation_views.c — the page of an offer's translations: the German
 * text to translate from, then one form per language (name, short
 * description, how to apply), typed in the language's own direction. */
#include "directory/staff/staff_internal.h"
#include "directory/translations.h"
#include "directory/languages.h"
#include "html/fields.h"
#include "html/layout.h"
#include "core/i18n.h"

#include <string.h>

/* The German record, in short, for the translator. */
static void german(html *h, struct req *r, const struct dir_service *sv)
{
	html_open(h, "details", "class", "german-text", NULL);
	html_elem(h, "summary", T(r, "Der deutsche Text des Angebots"), NULL);
	html_open(h, "dl", "class", "facts", "lang", strcmp(r->lang, "de") == 0 ? NULL : "de", NULL);
	html_elem(h, "dt", T(r, "Name"), NULL);
	html_elem(h, "dd", sv->name, NULL);
	if (*sv->description) {
		html_elem(h, "dt", T(r, "Beschreibung"), NULL);
		html_open(h, "dd", NULL);
		layout_lines(h, r, sv->description);
		html_close(h, "dd");
	}
	if (*sv->application_process) {
		html_elem(h, "dt", T(r, "Anmeldung"), NULL);
		html_open(h, "dd", NULL);
		layout_lines(h, r, sv->application_process);
		html_close(h, "dd");
	}
	html_close(h, "dl");
	html_close(h, "details");
}

/* The form of one language: stored t (NULL: none yet) or the refused f. */
static void lang_form(html *h, struct req *r, const struct dir_staff_tr_page *p, const char *lang,
		      const struct dir_translation *t)
{
	const struct form *f = p->f_lang && strcmp(p->f_lang, lang) == 0 ? p->f : NULL;
	const char *name = dir_language_name(lang, r->lang);
	html_open(h, "section", "class", "translation", "id", arena_printf(r->a, "l-%s", lang), "aria-labelledby",
		  arena_printf(r->a, "h-%s", lang), NULL);
	html_elem(h, "h2", name ? name : lang, "id", arena_printf(r->a, "h-%s", lang), NULL);
	html_elem(h, "p",
		  t ? i18n_fill(r->a, T(r, "Zuletzt geändert am {1} von {2}."), layout_time(r, t->updated_at),
				*t->updated_by ? t->updated_by : T(r, "unbekannt"), NULL)
		    : T(r, "Noch keine Übersetzung: Die öffentliche Seite zeigt in dieser Sprache den deutschen Text."),
		  "class", "meta", NULL);
	if (f && f->nerr) {
		fields_summary_begin(h, r, NULL, NULL);
		static const char *const labels[TF__MAX] = { [TF_NAME] = N_("Name"),
							     [TF_DESCRIPTION] = N_("Kurzbeschreibung"),
							     [TF_APPLY] = N_("So melden Sie sich an") };
		for (int i = TF_NAME; i <= TF_APPLY; i++)
			fields_summary_item(h, r, arena_printf(r->a, "%s-%s", lang, dir_staff_tr_fields[i].name),
					    T(r, labels[i]), f->err[i]);
		fields_summary_end(h);
	}
	html_open(h, "form", "class", "form", "method", "post", "action", p->action, "novalidate", "", NULL);
	fields_csrf(h, r);
	html_void(h, "input", "type", "hidden", "name", "lang", "value", lang, NULL);
	struct fields_in in = fields_of(&dir_staff_tr_fields[TF_NAME], f ? f->val[TF_NAME] : t ? t->name : NULL,
					f ? f->err[TF_NAME] : NULL);
	in.id = arena_printf(r->a, "f-%s-name", lang);
	in.label = T(r, "Name");
	in.required = 1;
	in.ctl_lang = lang;
	fields_input(h, r, &in);
	in = fields_of(&dir_staff_tr_fields[TF_DESCRIPTION], f ? f->val[TF_DESCRIPTION] : t ? t->description : NULL,
		       f ? f->err[TF_DESCRIPTION] : NULL);
	in.id = arena_printf(r->a, "f-%s-description", lang);
	in.label = T(r, "Kurzbeschreibung");
	in.hint = T(r, "Was das Angebot ist und für wen, in wenigen kurzen Sätzen.");
	in.ctl_lang = lang;
	fields_textarea(h, r, &in);
	in = fields_of(&dir_staff_tr_fields[TF_APPLY], f ? f->val[TF_APPLY] : t ? t->application_process : NULL,
		       f ? f->err[TF_APPLY] : NULL);
	in.id = arena_printf(r->a, "f-%s-application_process", lang);
	in.label = T(r, "So melden Sie sich an");
	in.ctl_lang = lang;
	fields_textarea(h, r, &in);
	html_open(h, "div", "class", "form-actions", NULL);
	/* the visible text first in the name (WCAG 2.5.3), the language after it */
	html_elem(h, "button", T(r, "Übersetzung speichern"), "type", "submit", "name", "aktion", "value", "speichern",
		  "class", "button", "aria-label",
		  i18n_fill(r->a, T(r, "Übersetzung speichern: {1}"), name ? name : lang, NULL), NULL);
	if (t)
		html_elem(h, "button", T(r, "Übersetzung löschen"), "type", "submit", "name", "aktion", "value",
			  "loeschen", "class", "button secondary", "aria-label",
			  i18n_fill(r->a, T(r, "Übersetzung löschen: {1}"), name ? name : lang, NULL), NULL);
	html_close(h, "div");
	html_close(h, "form");
	html_close(h, "section");
}

void dir_staff_view_translations(struct req *r, struct resp *w, const struct dir_staff_tr_page *p)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, i18n_fill(r->a, T(r, "Übersetzungen: {1}"), p->sv->name, NULL));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", p->back_label, "href", p->back, NULL);
	html_close(&h, "p");
	fields_notice(&h, p->notice);
	fields_alert(&h, p->problem);
	html_elem(&h, "p", T(r, "Tragen Sie hier Name, Kurzbeschreibung und Anmeldung des Angebots in den Sprachen "
				"der öffentlichen Seiten ein. Wer die Seite in einer Sprache mit Übersetzung liest, "
				"sieht sie als Übersetzung gekennzeichnet; ohne Übersetzung sieht er den deutschen Text "
				"mit einem Hinweis."),
		  "class", "lead", NULL);
	if (p->partner)
		html_elem(&h, "p", T(r, "Übersetzungen erscheinen sofort auf der öffentlichen Seite. Die Redaktion sieht "
					"jede Änderung im Verlauf des Angebots."),
			  "class", "notice", NULL);
	german(&h, r, p->sv);
	for (size_t i = 0; dir_tr_langs[i]; i++) {
		const struct dir_translation *t = NULL;
		for (size_t k = 0; k < p->n_tr; k++)
			if (strcmp(p->tr[k].lang, dir_tr_langs[i]) == 0)
				t = &p->tr[k];
		lang_form(&h, r, p, dir_tr_langs[i], t);
	}
	layout_end(&h, r);
}
