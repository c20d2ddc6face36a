/* translations.c — the page where an offer's name, short description and
 * how to apply are written in the languages of the public pages: editors
 * at /intern/angebote/ID/uebersetzungen for any offer, partners at
 * /intern/meine-angebote/ID/uebersetzungen for their own provider's
 * current offers only (another id answers 404). One form per language;
 * a save or a delete is logged in the offer's change log and audited.
 * A partner's translation is public at once, like "noch aktuell": the
 * German record, which the review guards, stays as it is. */
#include "directory/staff/staff_internal.h"
#include "directory/translations.h"
#include "html/layout.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"

#include <string.h>

static const char *const actions[] = { "speichern", "loeschen", NULL };

const struct field dir_staff_tr_fields[TF__MAX] = {
	[TF_LANG] = { "lang", FIELD_CHOICE, FIELD_REQUIRED, 2, 0, 0, dir_tr_langs },
	[TF_NAME] = { "name", FIELD_TEXT, 0, DIR_TR_NAME_MAX, 0, 0, NULL },
	[TF_DESCRIPTION] = { "description", FIELD_MULTILINE, 0, DIR_TR_DESCRIPTION_MAX, 0, 0, NULL },
	[TF_APPLY] = { "application_process", FIELD_MULTILINE, 0, DIR_TR_APPLY_MAX, 0, 0, NULL },
	[TF_ACTION] = { "aktion", FIELD_CHOICE, 0, 10, 0, 0, actions },
};

/* Where the page of offer id is, for editors or the partner. */
static const char *page_url(struct req *r, int partner, const char *id)
{
	return arena_printf(r->a, partner ? "/intern/meine-angebote/%s/uebersetzungen" : "/intern/angebote/%s/uebersetzungen",
			    id);
}

/* The offer of the path: any for editors, the partner's own for partners.
 * 0, or -1 when answered. */
static int load(struct req *r, struct resp *w, int partner, struct dir_service *sv)
{
	const char *id = r->nparams ? r->params[0] : NULL;
	if (partner)
		return dir_staff_partner_load(r, w, id, sv);
	int rc = dir_is_uuid(id) ? dir_service_get(r->db, r->a, id, r->lang, DIR_STAFF, sv) : ST_NOTFOUND;
	return dir_staff_answer(r, w, rc) == ST_OK ? 0 : -1;
}

/* Show the page of sv; f_lang and f: a refused form. */
static void show(struct req *r, struct resp *w, int partner, const struct dir_service *sv, const char *notice,
		 const char *problem, const char *f_lang, const struct form *f)
{
	struct dir_translation *tr;
	size_t n;
	if (dir_tr_list(r->db, r->a, sv->id, &tr, &n) != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	struct dir_staff_tr_page p = {
		.sv = sv, .action = page_url(r, partner, sv->id), .partner = partner, .tr = tr, .n_tr = n,
		.back = partner ? arena_printf(r->a, "/intern/meine-angebote/%s", sv->id)
				: arena_printf(r->a, "/intern/angebote/%s", sv->id),
		.back_label = T(r, "Zurück zum Angebot"), .notice = notice, .problem = problem, .f_lang = f_lang, .f = f,
	};
	dir_staff_view_translations(r, w, &p);
}

static void page(struct req *r, struct resp *w, int partner)
{
	static const char *const keys[] = { "gespeichert", "geloescht", NULL };
	static const char *const texts[] = { N_("Die Übersetzung ist gespeichert."),
					     N_("Die Übersetzung ist gelöscht.") };
	struct dir_service sv;
	if (load(r, w, partner, &sv) == 0)
		show(r, w, partner, &sv, dir_staff_notice(r, keys, texts), NULL, NULL, NULL);
}

static void post(struct req *r, struct resp *w, int partner)
{
	struct dir_service sv;
	struct form f;
	if (load(r, w, partner, &sv) != 0)
		return;
	form_validate(r, &r->form, dir_staff_tr_fields, TF__MAX, &f);
	if (f.err[TF_LANG] || !f.val[TF_LANG]) {
		w->status = 422;
		show(r, w, partner, &sv, NULL, T(r, "Bitte wählen Sie eine Sprache der Liste."), NULL, NULL);
		return;
	}
	const char *lang = dir_tr_lang(f.val[TF_LANG]);
	int del = f.val[TF_ACTION] && strcmp(f.val[TF_ACTION], "loeschen") == 0;
	struct dir_translation t = { .service_id = sv.id, .lang = lang, .name = f.val[TF_NAME],
				     .description = f.val[TF_DESCRIPTION], .application_process = f.val[TF_APPLY] };
	if (!del && !f.nerr) {
		/* the model's own checks: the name, valid text */
		enum dir_tr_field bad;
		const char *msg = dir_tr_check(&t, &bad);
		static const int at[DIR_TR__N] = { [DIR_TR_LANG] = TF_LANG, [DIR_TR_NAME] = TF_NAME,
						   [DIR_TR_DESCRIPTION] = TF_DESCRIPTION, [DIR_TR_APPLY] = TF_APPLY };
		if (msg) {
			f.err[at[bad]] = msg;
			f.nerr++;
		}
	}
	if (!del && f.nerr) {
		w->status = 422;
		show(r, w, partner, &sv, NULL, NULL, lang, &f);
		return;
	}
	struct store_tx tx;
	int rc = store_tx_begin(r->db, &tx);
	if (rc == ST_OK)
		rc = del ? dir_tr_delete(r->db, sv.id, lang, dir_staff_who(r)) : dir_tr_save(r->db, &t, dir_staff_who(r));
	if (rc == ST_OK)
		rc = audit_add_req(r, del ? "dir_translation_delete" : "dir_translation_save", "service", sv.id, "ok",
				   lang);
	rc = store_tx_end(r->db, &tx, rc);
	if (rc != ST_OK) {
		resp_store_failed(r, w);
		show(r, w, partner, &sv, NULL,
		     T(r, "Die Übersetzung konnte gerade nicht gespeichert werden. Ihre Eingaben sind noch da; bitte "
			  "versuchen Sie es noch einmal."),
		     lang, &f);
		return;
	}
	resp_redirect(r, w, arena_printf(r->a, "%s?hinweis=%s#l-%s", page_url(r, partner, sv.id),
					 del ? "geloescht" : "gespeichert", lang));
}

void dir_staff_offer_translations(struct req *r, struct resp *w)
{
	page(r, w, 0);
}

void dir_staff_offer_translations_save(struct req *r, struct resp *w)
{
	post(r, w, 0);
}

void dir_staff_partner_translations(struct req *r, struct resp *w)
{
	page(r, w, 1);
}

void dir_staff_partner_translations_save(struct req *r, struct resp *w)
{
	post(r, w, 1);
}
