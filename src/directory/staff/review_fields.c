/* review_fields.c — a proposal taken field by field: for each field of an
 * offer in which a draft differs from the stored offer, the value when the
 * draft was made, now and proposed; whether the offer changed in that
 * field since (a conflict, when the proposal changes it too); the editor's
 * choice (take the proposal, keep the current value, or type one's own);
 * and the offer that results, in which only the chosen fields changed. */
#include "directory/staff/staff_internal.h"
#include "core/core.h"
#include "core/i18n.h"

#include <stddef.h>
#include <string.h>

enum kind { K_TEXT, K_NUMBER, K_CHOICE, K_BOOL, K_LIST };

/* The fields: label as in dir_staff_offer_rows() (msgid), where the value
 * lives in struct dir_service (a list: its pointer and count), and for
 * fields one can type over, the offer form's declaration. */
static const struct {
	const char *key, *label;
	enum kind kind;
	size_t off, n_off;
	int form; /* OF_* or -1 */
	int list; /* a list: DI_*, else -1 */
} defs[] = {
#define TEXT(k, l, f) { #k, l, K_TEXT, offsetof(struct dir_service, k), 0, f, -1 }
#define NUMBER(k, l, f) { #k, l, K_NUMBER, offsetof(struct dir_service, k), 0, f, -1 }
#define LIST(k, l, d) { #k, l, K_LIST, offsetof(struct dir_service, k), offsetof(struct dir_service, n_##k), -1, d }
	TEXT(name, N_("Name"), OF_NAME),
	TEXT(alternate_name, N_("Andere Bezeichnung"), OF_ALT),
	TEXT(description, N_("Beschreibung"), OF_DESC),
	{ "status", N_("Status"), K_CHOICE, offsetof(struct dir_service, status), 0, -1, -1 },
	{ "delivery", N_("Form"), K_CHOICE, offsetof(struct dir_service, delivery), 0, -1, -1 },
	TEXT(alert, N_("Aktueller Hinweis"), OF_ALERT),
	TEXT(eligibility_description, N_("Voraussetzungen"), OF_ELIG),
	NUMBER(minimum_age, N_("Mindestalter"), OF_MINAGE),
	NUMBER(maximum_age, N_("Höchstalter"), OF_MAXAGE),
	NUMBER(capacity, N_("Plätze"), OF_CAPACITY),
	TEXT(application_process, N_("Anmeldung"), OF_APPLY),
	TEXT(interpretation_services, N_("Dolmetschen"), OF_INTERP),
	TEXT(url, N_("Webseite"), OF_URL),
	TEXT(email, N_("E-Mail-Adresse"), OF_EMAIL),
	{ "free_of_charge", N_("Kostenlos"), K_BOOL, offsetof(struct dir_service, free_of_charge), 0, -1, -1 },
	TEXT(fees_description, N_("Kosten (Text)"), OF_FEES),
	LIST(phones, N_("Telefonnummern"), DI_PHONES),
	LIST(contacts, N_("Ansprechpersonen"), DI_CONTACTS),
	LIST(costs, N_("Kosten"), DI_COSTS),
	LIST(funding, N_("Förderung"), DI_FUNDING),
	LIST(languages, N_("Sprachen"), DI_LANGUAGES),
	LIST(terms, N_("Kategorien"), DI_TERMS),
	LIST(locations, N_("Standorte"), DI_LOCATIONS),
	LIST(schedules, N_("Zeiten"), DI_SCHEDULES),
	LIST(areas, N_("Einzugsgebiete"), DI_AREAS),
#undef TEXT
#undef NUMBER
#undef LIST
};

static void *at(const struct dir_service *sv, size_t off)
{
	return (char *)sv + off;
}

/* Copy field i from one version of the offer to another. */
static void copy_field(struct dir_service *to, const struct dir_service *from, size_t i)
{
	switch (defs[i].kind) {
	case K_TEXT:
	case K_CHOICE: *(const char **)at(to, defs[i].off) = *(const char **)at(from, defs[i].off); break;
	case K_NUMBER:
	case K_BOOL: *(int *)at(to, defs[i].off) = *(int *)at(from, defs[i].off); break;
	case K_LIST:
		*(void **)at(to, defs[i].off) = *(void **)at(from, defs[i].off);
		*(size_t *)at(to, defs[i].n_off) = *(size_t *)at(from, defs[i].n_off);
		break;
	}
}

/* Field i left empty (a new offer without it). */
static void clear_field(struct dir_service *to, size_t i)
{
	switch (defs[i].kind) {
	case K_TEXT: *(const char **)at(to, defs[i].off) = NULL; break;
	case K_NUMBER: *(int *)at(to, defs[i].off) = -1; break;
	case K_LIST: *(size_t *)at(to, defs[i].n_off) = 0; break;
	default: break; /* status, form, free of charge: always the proposal's */
	}
}

/* The rows of sv as shown, looked up by field. */
struct shown {
	const char *label[DIR_STAFF_OFFER_ROWS], *text[DIR_STAFF_OFFER_ROWS];
	size_t n;
};

static void show(struct req *r, const struct dir_staff_review_page *v, const struct dir_service *sv, struct shown *s)
{
	s->n = dir_staff_offer_rows(r, sv, v->tax, v->n_tax, v->locs, v->n_locs, s->label, s->text);
}

static const char *value_of(struct req *r, const struct shown *s, size_t i)
{
	const char *label = T(r, defs[i].label);
	for (size_t k = 0; k < s->n; k++)
		if (strcmp(s->label[k], label) == 0)
			return s->text[k];
	return "";
}

static const char *const pick_values[] = { "vorschlag", "bisher", "eigener", NULL };

/* The offer's field i as the form of one's own value shows it. */
static const char *typed_value(struct req *r, const struct dir_service *sv, size_t i)
{
	if (defs[i].kind == K_NUMBER) {
		int n = *(int *)at(sv, defs[i].off);
		return n < 0 ? "" : arena_printf(r->a, "%d", n);
	}
	const char *t = *(const char **)at(sv, defs[i].off);
	return t ? t : "";
}

/* The editor's choice of field f as posted (posted: the form was sent),
 * and one's own value, checked as the offer form checks it (a list: its
 * lines read back into items). */
static void read_choice(struct req *r, const struct dir_staff_review_page *v, struct dir_staff_review_field *f,
			size_t i, int posted)
{
	if (!posted)
		return;
	struct field p = { arena_printf(r->a, "wahl_%s", f->key), FIELD_CHOICE, 0, 10, 0, 0, pick_values };
	struct form in;
	form_validate(r, &r->form, &p, 1, &in);
	if (in.val[0] && !in.err[0]) {
		f->pick = strcmp(in.val[0], "vorschlag") == 0 ? DIR_STAFF_PICK_TAKE
			  : strcmp(in.val[0], "bisher") == 0  ? DIR_STAFF_PICK_KEEP
							      : DIR_STAFF_PICK_EDIT;
	}
	if (f->pick == DIR_STAFF_PICK_EDIT && !f->editable)
		f->pick = DIR_STAFF_PICK_NONE;
	if (!f->editable)
		return;
	if (f->list) {
		struct field d = { arena_printf(r->a, "wert_%s", f->key), FIELD_MULTILINE, 0, 20000, 0, 0, NULL };
		form_validate(r, &r->form, &d, 1, &in);
		f->edited = in.val[0] ? in.val[0] : "";
		if (f->pick == DIR_STAFF_PICK_EDIT)
			f->err = in.err[0] ? in.err[0]
					   : dir_staff_review_own_list(r, v, (enum dir_staff_item_list)defs[i].list, f->edited,
								   &f->items, &f->n_items);
		return;
	}
	struct field d = dir_staff_offer_fields[defs[i].form];
	d.name = arena_printf(r->a, "wert_%s", f->key);
	form_validate(r, &r->form, &d, 1, &in);
	f->edited = in.val[0] ? in.val[0] : "";
	f->edited_num = in.val[0] && !in.err[0] && d.kind == FIELD_INT ? (int)in.num[0] : -1;
	if (f->pick != DIR_STAFF_PICK_EDIT)
		return;
	f->err = in.err[0];
	if (!f->err && defs[i].form == OF_URL && in.val[0])
		f->err = dir_staff_check_url(in.val[0]);
	if (!f->err && defs[i].form == OF_NAME && !in.val[0])
		f->err = N_("Ein Angebot braucht einen Namen.");
}

size_t dir_staff_review_compare(struct req *r, struct dir_staff_review_page *v, int posted)
{
	struct shown b = { 0 }, n = { 0 }, p = { 0 };
	show(r, v, v->proposed, &p);
	if (v->current)
		show(r, v, v->current, &n);
	if (v->base)
		show(r, v, v->base, &b);
	/* a draft made from an older version, whose fields of then are not
	 * known: every field it changes may undo a later change */
	int unknown = v->current && !v->base && DIR_STAFF_DRAFT_STALE(v->d);
	struct dir_staff_review_field *out = arena_alloc(r->a, NELEM(defs) * sizeof(*out));
	size_t k = 0;
	v->n_same = v->n_conflicts = v->nerr = 0;
	for (size_t i = 0; i < NELEM(defs); i++) {
		const char *pv = value_of(r, &p, i), *nv = v->current ? value_of(r, &n, i) : "";
		if (strcmp(pv, nv) == 0) {
			v->n_same += v->current != NULL;
			continue;
		}
		struct dir_staff_review_field *f = &out[k++];
		memset(f, 0, sizeof(*f));
		f->key = defs[i].key;
		f->label = T(r, defs[i].label);
		f->now = nv;
		f->proposed = pv;
		f->base = v->base ? value_of(r, &b, i) : NULL;
		f->text = defs[i].kind == K_TEXT;
		f->list = defs[i].kind == K_LIST;
		f->multiline = f->list ||
			       (defs[i].form >= 0 && dir_staff_offer_fields[defs[i].form].kind == FIELD_MULTILINE);
		f->editable = defs[i].form >= 0 || f->list;
		f->now_mark = arena_printf(r->a, "%016llx", (unsigned long long)core_hash(nv, strlen(nv)));
		/* of a new offer, its status, form and costs come as proposed */
		f->fixed = !v->current && (defs[i].kind == K_CHOICE || defs[i].kind == K_BOOL);
		f->edited = f->list ? pv : typed_value(r, v->proposed, i);
		f->edited_num = -1;
		int later = f->base && strcmp(f->base, nv) != 0;
		f->later_only = later && strcmp(f->base, pv) == 0;
		f->conflict = (later && !f->later_only) || unknown;
		f->pick = f->fixed || (!f->conflict && !f->later_only) ? DIR_STAFF_PICK_TAKE
			  : f->later_only ? DIR_STAFF_PICK_KEEP
					  : DIR_STAFF_PICK_NONE;
		if (!f->fixed)
			read_choice(r, v, f, i, posted);
		if (posted && f->pick == DIR_STAFF_PICK_NONE)
			f->err = N_("Bitte wählen Sie, welcher Wert gelten soll.");
		if (posted && !v->current && f->pick == DIR_STAFF_PICK_KEEP && defs[i].form == OF_NAME)
			f->err = N_("Ein Angebot braucht einen Namen.");
		v->n_conflicts += f->conflict;
		v->nerr += f->err != NULL;
	}
	v->fields = out;
	v->n_fields = k;
	return k;
}

int dir_staff_review_merge(struct req *r, const struct dir_staff_review_page *v, struct dir_service *out)
{
	(void)r;
	*out = v->current ? *v->current : *v->proposed;
	for (size_t k = 0; k < v->n_fields; k++) {
		const struct dir_staff_review_field *f = &v->fields[k];
		size_t i = 0;
		while (i < NELEM(defs) && strcmp(defs[i].key, f->key) != 0)
			i++;
		if (i == NELEM(defs) || f->err)
			return -1;
		switch (f->pick) {
		case DIR_STAFF_PICK_TAKE: copy_field(out, v->proposed, i); break;
		case DIR_STAFF_PICK_KEEP:
			if (v->current)
				copy_field(out, v->current, i);
			else
				clear_field(out, i);
			break;
		case DIR_STAFF_PICK_EDIT:
			if (defs[i].kind == K_LIST) {
				*(void **)at(out, defs[i].off) = f->items;
				*(size_t *)at(out, defs[i].n_off) = f->n_items;
			} else if (defs[i].kind == K_NUMBER)
				*(int *)at(out, defs[i].off) = f->edited_num;
			else
				*(const char **)at(out, defs[i].off) = *f->edited ? f->edited : NULL;
			break;
		default: return -1;
		}
	}
	return 0;
}

void dir_staff_review_recheck(struct req *r, struct dir_staff_review_page *v)
{
	for (size_t k = 0; k < v->n_fields; k++) {
		struct dir_staff_review_field *f = &v->fields[k];
		struct field p = { arena_printf(r->a, "jetzt_%s", f->key), FIELD_TEXT, 0, 20, 0, 0, NULL };
		struct form in;
		form_validate(r, &r->form, &p, 1, &in);
		if (f->fixed || (in.val[0] && strcmp(in.val[0], f->now_mark) == 0))
			continue;
		f->moved = 1;
		f->pick = DIR_STAFF_PICK_NONE;
		v->nerr += f->err == NULL;
		f->err = N_("Dieses Feld ist geändert worden, während Sie die Seite offen hatten. Bitte wählen Sie "
			    "noch einmal.");
	}
}

const char *dir_staff_review_summary(struct req *r, const struct dir_staff_review_page *v)
{
	static const char *const names[] = { "", "vorschlag", "bisher", "eigener" };
	const char *out = "";
	for (size_t k = 0; k < v->n_fields; k++)
		out = arena_printf(r->a, "%s%s%s=%s", out, *out ? " " : "", v->fields[k].key,
				   names[v->fields[k].pick]);
	return out;
}
