/* offer_form.c — the offer form's declared inputs and its parser: every
 * field of an offer, the repeated rows (phones, contacts, times, costs,
 * funding, areas), languages, taxonomy terms and locations, read from a
 * POST into values with messages at the fields and, when valid, into a
 * struct dir_service. */
#include "directory/staff/staff_internal.h"
#include "directory/languages.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const status_values[] = { "active", "inactive", "defunct", "temporarily closed", NULL };
static const char *const delivery_values[] = { "in_person", "online", "mixed", NULL };

const struct field dir_staff_offer_fields[OF__MAX] = {
	[OF_ORG] = { "organization_id", FIELD_TEXT, 0, 36, 0, 0, NULL },
	[OF_NAME] = { "name", FIELD_TEXT, FIELD_REQUIRED, 200, 0, 0, NULL },
	[OF_ALT] = { "alternate_name", FIELD_TEXT, 0, 200, 0, 0, NULL },
	[OF_DESC] = { "description", FIELD_MULTILINE, 0, 10000, 0, 0, NULL },
	[OF_URL] = { "url", FIELD_TEXT, 0, 500, 0, 0, NULL },
	[OF_EMAIL] = { "email", FIELD_EMAIL, 0, 254, 0, 0, NULL },
	[OF_STATUS] = { "status", FIELD_CHOICE, FIELD_REQUIRED, 20, 0, 0, status_values },
	[OF_INTERP] = { "interpretation_services", FIELD_TEXT, 0, 500, 0, 0, NULL },
	[OF_APPLY] = { "application_process", FIELD_MULTILINE, 0, 3000, 0, 0, NULL },
	[OF_FEES] = { "fees_description", FIELD_MULTILINE, 0, 3000, 0, 0, NULL },
	[OF_FREE] = { "free_of_charge", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
	[OF_ELIG] = { "eligibility_description", FIELD_MULTILINE, 0, 3000, 0, 0, NULL },
	[OF_MINAGE] = { "minimum_age", FIELD_INT, 0, 3, 0, 120, NULL },
	[OF_MAXAGE] = { "maximum_age", FIELD_INT, 0, 3, 0, 120, NULL },
	[OF_CAPACITY] = { "capacity", FIELD_INT, 0, 7, 0, 1000000, NULL },
	[OF_DELIVERY] = { "delivery", FIELD_CHOICE, FIELD_REQUIRED, 10, 0, 0, delivery_values },
	[OF_ALERT] = { "alert", FIELD_TEXT, 0, 300, 0, 0, NULL },
	[OF_ASSURED] = { "assured_date", FIELD_TEXT, 0, 10, 0, 0, NULL },
	[OF_LANG_OTHER] = { "languages_other", FIELD_TEXT, 0, 200, 0, 0, NULL },
};

const char *const dir_staff_langs[DIR_STAFF_N_COMMON] = { "de", "en", "tr", "ar", "fa", "ru", "uk", "pl",
							  "ro", "bg", "ti", "ps", "ku", "fr", "it", "es" };

int dir_staff_lang_common(const char *code)
{
	for (size_t i = 0; i < DIR_STAFF_N_COMMON; i++)
		if (strcmp(dir_staff_langs[i], code) == 0)
			return 1;
	return 0;
}

const char *dir_staff_lang_label(struct req *r, const char *code)
{
	const char *name = dir_language_name(code, r->lang);
	return name ? i18n_fill(r->a, T(r, "{1} ({2})"), name, code, NULL) : code;
}

const char *dir_staff_status_label(const char *status)
{
	static const char *const labels[] = { N_("aktiv"), N_("ruht"), N_("eingestellt"),
					      N_("vorübergehend geschlossen") };
	for (size_t i = 0; status && i < NELEM(labels); i++)
		if (strcmp(status_values[i], status) == 0)
			return labels[i];
	return status ? status : "";
}

const char *dir_staff_delivery_label(const char *delivery)
{
	static const char *const labels[] = { N_("Präsenz"), N_("online"), N_("gemischt") };
	for (size_t i = 0; delivery && i < NELEM(labels); i++)
		if (strcmp(delivery_values[i], delivery) == 0)
			return labels[i];
	return delivery ? delivery : "";
}

/* ---- checks of single values (NULL or a msgid) ---- */

static const char *check_phone(const char *v)
{
	for (const char *p = v; *p; p++)
		if (!strchr("0123456789 +-/()", *p))
			return N_("Bitte nur Ziffern, Leerzeichen und + - / ( ) verwenden.");
	return NULL;
}

/* Day codes: MO..SU, or German Mo..So, separated by commas or spaces. */
static const char *const days_en[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
const char *const *const dir_staff_days = days_en;
static const char *const days_de[] = { "MO", "DI", "MI", "DO", "FR", "SA", "SO" };

static int day_index(const char *tok, size_t n)
{
	char up[3] = { 0 };
	if (n != 2)
		return -1;
	for (size_t i = 0; i < 2; i++)
		up[i] = (char)(tok[i] >= 'a' && tok[i] <= 'z' ? tok[i] - 32 : tok[i]);
	for (int i = 0; i < 7; i++)
		if (strcmp(up, days_en[i]) == 0)
			return i;
	for (int i = 0; i < 7; i++)
		if (strcmp(up, days_de[i]) == 0)
			return i;
	return -1;
}

/* The days of v as "MO,WE" into out (size 24); -1 when a token is unknown. */
int dir_staff_norm_days(const char *v, char out[24])
{
	int seen[7] = { 0 };
	for (const char *p = v; *p;) {
		p += strspn(p, ", ");
		size_t n = strcspn(p, ", ");
		if (!n)
			break;
		int d = day_index(p, n);
		if (d < 0)
			return -1;
		seen[d] = 1;
		p += n;
	}
	/* seven two-letter days with commas fit in 21 bytes */
	size_t o = 0;
	for (int i = 0; i < 7; i++)
		if (seen[i])
			o += (size_t)snprintf(out + o, 24 - o, "%s%s", o ? "," : "", days_en[i]);
	out[o] = '\0';
	return 0;
}

static const char *check_days(const char *v)
{
	char out[24];
	return dir_staff_norm_days(v, out) == 0 ? NULL
				      : N_("Bitte Tage als Kürzel angeben, z. B. „MO,MI“ oder „Mo, Mi“.");
}

/* "9:30" or "09:30" as "09:30" into out; -1 when not a time of day. */
static int norm_time(const char *v, char out[6])
{
	int h, m;
	char tail;
	if (sscanf(v, "%d:%d%c", &h, &m, &tail) != 2 || h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m) ||
	    strlen(v) > 5 || v[strlen(v) - 3] != ':')
		return -1;
	snprintf(out, 6, "%02d:%02d", h, m);
	return 0;
}

static const char *check_time(const char *v)
{
	char out[6];
	return norm_time(v, out) == 0 ? NULL : N_("Bitte die Uhrzeit als HH:MM angeben, z. B. 09:30.");
}

/* An amount like "12", "12,50" or "12.5" (>= 0, at most 2 decimals). */
static int parse_amount(const char *v, double *out)
{
	char tmp[16];
	size_t n = strlen(v);
	if (n == 0 || n >= sizeof(tmp))
		return -1;
	int dot = 0, decimals = 0;
	for (size_t i = 0; i < n; i++) {
		char c = v[i] == ',' ? '.' : v[i];
		if (c == '.') {
			if (dot++ || i == 0)
				return -1;
		} else if (c < '0' || c > '9') {
			return -1;
		} else if (dot && ++decimals > 2) {
			return -1;
		}
		tmp[i] = c;
	}
	tmp[n] = '\0';
	*out = strtod(tmp, NULL);
	return 0;
}

static const char *check_amount(const char *v)
{
	double x;
	return parse_amount(v, &x) == 0 ? NULL : N_("Bitte einen Betrag wie 25 oder 12,50 angeben.");
}

static const char *check_currency(const char *v)
{
	if (strlen(v) != 3 || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)
		return N_("Bitte den Währungscode aus drei Großbuchstaben angeben, z. B. EUR.");
	return NULL;
}

const char *dir_staff_check_url(const char *v)
{
	if ((strncmp(v, "https://", 8) != 0 && strncmp(v, "http://", 7) != 0) || strpbrk(v, " <>\"") ||
	    strlen(v) < 11)
		return N_("Bitte eine vollständige Adresse angeben, die mit https:// beginnt.");
	return NULL;
}

/* A real calendar date YYYY-MM-DD, not in the future. */
static const char *check_date(const char *v)
{
	int y, m, d;
	char tail;
	if (strlen(v) != 10 || sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || v[4] != '-' || v[7] != '-')
		return N_("Bitte das Datum als JJJJ-MM-TT angeben, z. B. 2026-03-31.");
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1990 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 && !leap))
		return N_("Dieses Datum gibt es nicht.");
	char today[20];
	core_fmt_time(core_now(), today);
	if (strncmp(v, today, 10) > 0)
		return N_("Das Datum liegt in der Zukunft.");
	return NULL;
}

/* ---- the repeated rows ---- */

static const char *const phone_types[] = { "voice", "cell", "fax", "text", "video", NULL };
static const char *const phone_type_labels[] = { N_("Telefon"), N_("Mobil"), N_("Fax"), N_("SMS"),
						 N_("Video"), NULL };

const struct dir_staff_list_def dir_staff_lists[DL__MAX] = {
	[DL_PHONE] = { "phone", N_("Telefonnummern"), NULL, N_("Telefonnummer {1}"), N_("Weitere Telefonnummer"), 3, 4, {
		{ "number", N_("Nummer"), FIELD_TEXT, 40, NULL, NULL, check_phone, 1, 0 },
		{ "extension", N_("Durchwahl"), FIELD_TEXT, 20, NULL, NULL, NULL, 1, 0 },
		{ "type", N_("Art"), FIELD_CHOICE, 10, phone_types, phone_type_labels, NULL, 0, 0 },
		{ "description", N_("Hinweis"), FIELD_TEXT, 200, NULL, NULL, NULL, 1, 0 } } },
	[DL_CONTACT] = { "contact", N_("Ansprechpersonen"), N_("Name oder E-Mail-Adresse genügt."),
		N_("Ansprechperson {1}"), N_("Weitere Ansprechperson"), 1, 4, {
		{ "name", N_("Name"), FIELD_TEXT, 200, NULL, NULL, NULL, 1, 0 },
		{ "title", N_("Funktion"), FIELD_TEXT, 200, NULL, NULL, NULL, 1, 0 },
		{ "department", N_("Abteilung"), FIELD_TEXT, 200, NULL, NULL, NULL, 1, 0 },
		{ "email", N_("E-Mail-Adresse"), FIELD_EMAIL, 254, NULL, NULL, NULL, 1, 0 } } },
	[DL_SCHEDULE] = { "schedule", N_("Zeiten"),
		N_("In Worten, z. B. „Mo–Fr 9–12 Uhr, Anmeldung nötig“. Tage und Uhrzeiten nur, wenn sie "
		   "regelmäßig gelten."), N_("Zeit {1}"), N_("Weitere Zeit"), 1, 4, {
		{ "description", N_("Beschreibung"), FIELD_TEXT, 300, NULL, NULL, NULL, 1, 0 },
		{ "byday", N_("Tage"), FIELD_TEXT, 30, NULL, NULL, check_days, 1, DIR_STAFF_W_DAYS },
		{ "opens", N_("von"), FIELD_TEXT, 5, NULL, NULL, check_time, 1, DIR_STAFF_W_TIME },
		{ "closes", N_("bis"), FIELD_TEXT, 5, NULL, NULL, check_time, 1, DIR_STAFF_W_TIME } } },
	[DL_COST] = { "cost", N_("Kosten"), NULL, N_("Kostenposten {1}"), N_("Weiterer Kostenposten"), 1, 4, {
		{ "option", N_("Leistung"), FIELD_TEXT, 200, NULL, NULL, NULL, 1, 0 },
		{ "amount", N_("Betrag"), FIELD_TEXT, 12, NULL, NULL, check_amount, 1, 0 },
		{ "currency", N_("Währung"), FIELD_TEXT, 3, NULL, NULL, check_currency, 0, 0 },
		{ "description", N_("Erläuterung"), FIELD_TEXT, 300, NULL, NULL, NULL, 1, 0 } } },
	[DL_FUNDING] = { "funding", N_("Förderung"),
		N_("Wer das Angebot finanziert, z. B. „ESF Plus“ oder „Land Rheinland-Pfalz“."), N_("Geldgeber {1}"),
		N_("Weiterer Geldgeber"), 1, 1, {
		{ "source", N_("Geldgeber"), FIELD_TEXT, 200, NULL, NULL, NULL, 1, 0 } } },
	[DL_AREA] = { "area", N_("Einzugsgebiete"), N_("Für wen vor Ort das Angebot gilt, z. B. „Stadt Mainz“."),
		N_("Gebiet {1}"), N_("Weiteres Gebiet"), 1, 2, {
		{ "name", N_("Gebiet"), FIELD_TEXT, 200, NULL, NULL, NULL, 1, 0 },
		{ "description", N_("Erläuterung"), FIELD_TEXT, 300, NULL, NULL, NULL, 1, 0 } } },
};

/* Validate n fields of defs from the posted form, in batches of
 * FORM_MAX_FIELDS; values and errors into val[] and err[]. */
static int validate_many(struct req *r, const struct field *defs, size_t n, const char **val, const char **err,
			 long long *num)
{
	int nerr = 0;
	for (size_t off = 0; off < n; off += FORM_MAX_FIELDS) {
		size_t k = n - off < FORM_MAX_FIELDS ? n - off : FORM_MAX_FIELDS;
		struct form f;
		nerr += form_validate(r, &r->form, defs + off, k, &f);
		for (size_t i = 0; i < k; i++) {
			val[off + i] = f.val[i];
			if (err)
				err[off + i] = f.err[i];
			if (num)
				num[off + i] = f.num[i];
		}
	}
	return nerr;
}

/* The days ticked among the checkboxes name_MO .. name_SU, as "MO,WE";
 * NULL when none is. */
static const char *read_days(struct req *r, const char *name)
{
	struct field defs[7];
	const char *val[7];
	for (int i = 0; i < 7; i++)
		defs[i] = (struct field){ arena_printf(r->a, "%s_%s", name, days_en[i]), FIELD_CHECKBOX, 0, 1, 0, 0,
					  NULL };
	validate_many(r, defs, 7, val, NULL, NULL);
	const char *out = "";
	for (int i = 0; i < 7; i++)
		if (val[i])
			out = arena_printf(r->a, "%s%s%s", out, *out ? "," : "", days_en[i]);
	return *out ? out : NULL;
}

/* Read the rows of list l from the posted form; empty rows are dropped. */
int dir_staff_parse_rows(struct req *r, enum dir_staff_list l, struct dir_staff_rows *out)
{
	const struct dir_staff_list_def *d = &dir_staff_lists[l];
	struct field cnt = { arena_printf(r->a, "%s_n", d->name), FIELD_INT, 0, 3, 0, DIR_STAFF_READ_ROWS, NULL };
	const char *cv;
	long long rows = 0;
	if (validate_many(r, &cnt, 1, &cv, NULL, &rows) != 0 || !cv)
		rows = 0;
	struct field more = { arena_printf(r->a, "%s_mehr", d->name), FIELD_INT, 0, 2, 0, DIR_STAFF_MAX_ROWS, NULL };
	long long extra = 0;
	if (validate_many(r, &more, 1, &cv, NULL, &extra) != 0 || !cv)
		extra = 0;
	out->more = (size_t)extra;
	out->rows = arena_alloc(r->a, ((size_t)rows + 1) * sizeof(*out->rows));
	out->n = 0;
	int nerr = 0;
	for (long long i = 0; i < rows; i++) {
		struct field defs[DIR_STAFF_MAX_COLS + 1];
		const char *val[DIR_STAFF_MAX_COLS + 1], *err[DIR_STAFF_MAX_COLS + 1];
		for (size_t c = 0; c < d->ncols; c++)
			defs[c] = (struct field){ arena_printf(r->a, "%s_%s_%lld", d->name, d->cols[c].name, i),
						  d->cols[c].kind, 0, d->cols[c].maxlen, 0, 0, d->cols[c].choices };
		defs[d->ncols] = (struct field){ arena_printf(r->a, "%s_id_%lld", d->name, i), FIELD_TEXT, 0, 36, 0, 0,
						 NULL };
		validate_many(r, defs, d->ncols + 1, val, err, NULL);
		for (size_t c = 0; c < d->ncols; c++)
			if (d->cols[c].widget == DIR_STAFF_W_DAYS && !val[c] && !err[c])
				val[c] = read_days(r, defs[c].name);
		int filled = 0;
		for (size_t c = 0; c < d->ncols; c++)
			if (d->cols[c].key && val[c])
				filled = 1;
		if (!filled)
			continue;
		struct dir_staff_rowvals *x = &out->rows[out->n++];
		memset(x, 0, sizeof(*x));
		x->id = val[d->ncols] && dir_is_uuid(val[d->ncols]) ? val[d->ncols] : NULL;
		for (size_t c = 0; c < d->ncols; c++) {
			x->val[c] = val[c];
			x->err[c] = err[c];
			if (!x->err[c] && val[c] && d->cols[c].check)
				x->err[c] = d->cols[c].check(val[c]);
		}
		/* the row's main column (contacts: name or e-mail) */
		if (l == DL_CONTACT) {
			if (!x->val[0] && !x->val[3] && !x->err[0])
				x->err[0] = N_("Bitte einen Namen oder eine E-Mail-Adresse angeben.");
		} else if (!x->val[0] && !x->err[0]) {
			x->err[0] = N_("Bitte füllen Sie dieses Feld aus.");
		}
		for (size_t c = 0; c < d->ncols; c++)
			if (x->err[c])
				nerr++;
	}
	return nerr;
}

/* ---- parsing ---- */

const char *dir_staff_offer_posted_org(struct req *r)
{
	const char *v;
	if (validate_many(r, &dir_staff_offer_fields[OF_ORG], 1, &v, NULL, NULL) != 0 || !dir_is_uuid(v))
		return NULL;
	return v;
}

static int has(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

static int cmp_loc(const void *x, const void *y)
{
	const struct dir_location *a = x, *b = y;
	int c = strcmp(a->name ? a->name : "", b->name ? b->name : "");
	return c ? c : strcmp(a->id, b->id);
}

static int cmp_tax(const void *x, const void *y)
{
	const struct dir_taxonomy *const *a = x, *const *b = y;
	return strcmp((*a)->name, (*b)->name);
}

/* The ticked language checkboxes, and the languages typed by name into
 * e->other_langs (their codes); an unknown name is an error at the field.
 * A code the stored offer old has stays acceptable as it is. */
static int parse_languages(struct req *r, struct dir_staff_offer_edit *e, const struct dir_service *old)
{
	const char *const *codes = dir_staff_langs;
	dir_staff_parse_ticks(r, "lang_", codes, DIR_STAFF_N_COMMON, &e->langs, &e->n_langs);
	const char *o = e->v[OF_LANG_OTHER];
	e->other_langs = NULL;
	e->n_other_langs = 0;
	if (!o || e->err[OF_LANG_OTHER])
		return 0;
	e->other_langs = arena_alloc(r->a, (strlen(o) / 2 + 1) * sizeof(*e->other_langs));
	const char *unknown = NULL;
	for (const char *p = o; *p;) {
		p += strspn(p, ",; ");
		size_t k = strcspn(p, ",;");
		while (k && p[k - 1] == ' ')
			k--;
		if (!k)
			break;
		const char *code = dir_language_code(p, k, r->lang);
		for (size_t i = 0; !code && old && i < old->n_languages; i++)
			if (strlen(old->languages[i].code) == k && memcmp(old->languages[i].code, p, k) == 0)
				code = old->languages[i].code;
		if (!code)
			unknown = unknown ? unknown : arena_strndup(r->a, p, k);
		else if (!has(e->other_langs, e->n_other_langs, code))
			e->other_langs[e->n_other_langs++] = code;
		p += k;
	}
	if (unknown) {
		e->err[OF_LANG_OTHER] = i18n_fill(r->a, T(r, "Die Sprache „{1}“ kennt lotse nicht. Bitte schreiben Sie "
							    "den deutschen Namen der Sprache, z. B. „Albanisch“ oder "
							    "„Dari“; die Redaktion ergänzt fehlende Sprachen."),
						  unknown, NULL);
		return 1;
	}
	return 0;
}

/* Checkboxes named prefix<id> for each id; the ticked ones into *out. */
void dir_staff_parse_ticks(struct req *r, const char *prefix, const char *const *ids, size_t n, const char ***out,
			   size_t *nout)
{
	struct field *defs = arena_alloc(r->a, (n + 1) * sizeof(*defs));
	const char **val = arena_alloc(r->a, (n + 1) * sizeof(*val));
	for (size_t i = 0; i < n; i++)
		defs[i] = (struct field){ arena_printf(r->a, "%s%s", prefix, ids[i]), FIELD_CHECKBOX, 0, 1, 0, 0, NULL };
	validate_many(r, defs, n, val, NULL, NULL);
	*out = arena_alloc(r->a, (n + 1) * sizeof(**out));
	*nout = 0;
	for (size_t i = 0; i < n; i++)
		if (val[i])
			(*out)[(*nout)++] = ids[i];
}

void dir_staff_parse_terms(struct req *r, const struct dir_taxonomy *tax, size_t ntax, const char ***out, size_t *nout)
{
	size_t nt = 0;
	for (size_t i = 0; i < ntax; i++)
		nt += tax[i].n_terms;
	const char **tids = arena_alloc(r->a, (nt + 1) * sizeof(*tids));
	nt = 0;
	for (size_t i = 0; i < ntax; i++)
		for (size_t k = 0; k < tax[i].n_terms; k++)
			tids[nt++] = tax[i].terms[k].id;
	dir_staff_parse_ticks(r, "term_", tids, nt, out, nout);
}

/* Build the offer from the valid form in e. */
static void build(struct req *r, const struct dir_staff_offer_edit *e, const long long *num,
		  const struct dir_service *old, struct dir_service *sv)
{
	const char *const *v = e->v;
	memset(sv, 0, sizeof(*sv));
	sv->id = old ? old->id : NULL;
	sv->organization_id = v[OF_ORG];
	sv->name = v[OF_NAME];
	sv->alternate_name = v[OF_ALT];
	sv->description = v[OF_DESC];
	sv->url = v[OF_URL];
	sv->email = v[OF_EMAIL];
	sv->status = v[OF_STATUS];
	sv->interpretation_services = v[OF_INTERP];
	sv->application_process = v[OF_APPLY];
	sv->fees_description = v[OF_FEES];
	sv->free_of_charge = v[OF_FREE] != NULL;
	sv->eligibility_description = v[OF_ELIG];
	sv->minimum_age = v[OF_MINAGE] ? (int)num[OF_MINAGE] : -1;
	sv->maximum_age = v[OF_MAXAGE] ? (int)num[OF_MAXAGE] : -1;
	sv->capacity = v[OF_CAPACITY] ? (int)num[OF_CAPACITY] : -1;
	sv->delivery = v[OF_DELIVERY];
	sv->alert = v[OF_ALERT];
	if (e->partner) {
		sv->assured_date = old ? old->assured_date : NULL;
		sv->assurer_email = old ? old->assurer_email : NULL;
	} else {
		sv->assured_date = v[OF_ASSURED];
		const char *was = old && old->assured_date ? old->assured_date : "";
		sv->assurer_email = !v[OF_ASSURED] ? "" : strcmp(was, v[OF_ASSURED]) == 0 && old ? old->assurer_email
											      : dir_staff_who(r);
	}

	/* languages: those kept in their stored order, then the new ones */
	size_t cap = e->n_langs + e->n_other_langs + 1;
	const char **codes = arena_alloc(r->a, cap * sizeof(*codes));
	size_t nc = 0;
	for (size_t i = 0; i < e->n_langs; i++)
		codes[nc++] = e->langs[i];
	for (size_t i = 0; i < e->n_other_langs; i++)
		if (!has(codes, nc, e->other_langs[i]))
			codes[nc++] = e->other_langs[i];
	sv->languages = arena_alloc(r->a, (nc + 1) * sizeof(*sv->languages));
	for (size_t i = 0; old && i < old->n_languages; i++)
		if (has(codes, nc, old->languages[i].code))
			sv->languages[sv->n_languages++] = old->languages[i];
	for (size_t i = 0; i < nc; i++) {
		int stored = 0;
		for (size_t k = 0; k < sv->n_languages && !stored; k++)
			stored = strcmp(sv->languages[k].code, codes[i]) == 0;
		if (stored)
			continue;
		const char *name = dir_language_name(codes[i], "de");
		sv->languages[sv->n_languages++] = (struct dir_language){ NULL, codes[i], name ? name : "", "" };
	}

	/* terms in the order the model reads them: taxonomy name, position */
	const struct dir_taxonomy **tx = arena_alloc(r->a, (e->n_tax + 1) * sizeof(*tx));
	for (size_t i = 0; i < e->n_tax; i++)
		tx[i] = &e->tax[i];
	qsort(tx, e->n_tax, sizeof(*tx), cmp_tax);
	sv->terms = arena_alloc(r->a, (e->n_terms + 1) * sizeof(*sv->terms));
	for (size_t i = 0; i < e->n_tax; i++)
		for (size_t k = 0; k < tx[i]->n_terms; k++)
			if (has(e->terms, e->n_terms, tx[i]->terms[k].id))
				sv->terms[sv->n_terms++] = tx[i]->terms[k];

	/* locations in name order, as the model reads them */
	sv->locations = arena_alloc(r->a, (e->n_locs + 1) * sizeof(*sv->locations));
	for (size_t i = 0; i < e->n_cand; i++)
		if (has(e->locs, e->n_locs, e->cand[i].id))
			sv->locations[sv->n_locations++] = e->cand[i];
	qsort(sv->locations, sv->n_locations, sizeof(*sv->locations), cmp_loc);

	/* the rows; fields the form does not show are kept from the stored row */
	const struct dir_staff_rows *L = e->lists;
	sv->phones = dir_staff_rows_phones(r->a, &L[DL_PHONE], &sv->n_phones);
	sv->contacts = dir_staff_rows_contacts(r->a, &L[DL_CONTACT], &sv->n_contacts);
	sv->schedules = arena_alloc(r->a, (L[DL_SCHEDULE].n + 1) * sizeof(*sv->schedules));
	for (size_t i = 0; i < L[DL_SCHEDULE].n; i++) {
		const struct dir_staff_rowvals *x = &L[DL_SCHEDULE].rows[i];
		struct dir_schedule *y = &sv->schedules[sv->n_schedules++];
		*y = (struct dir_schedule){ .id = x->id, .description = x->val[0], .interval = -1 };
		for (size_t k = 0; x->id && old && k < old->n_schedules; k++)
			if (old->schedules[k].id && strcmp(old->schedules[k].id, x->id) == 0)
				*y = old->schedules[k];
		y->description = x->val[0];
		char days[24] = "", t1[6] = "", t2[6] = "";
		if (x->val[1])
			dir_staff_norm_days(x->val[1], days);
		if (x->val[2])
			norm_time(x->val[2], t1);
		if (x->val[3])
			norm_time(x->val[3], t2);
		y->byday = arena_strdup(r->a, days);
		y->opens_at = *t1 ? arena_strdup(r->a, t1) : NULL;
		y->closes_at = *t2 ? arena_strdup(r->a, t2) : NULL;
		if (*days && !y->freq)
			y->freq = "WEEKLY";
		if (!*days && y->freq && strcmp(y->freq, "WEEKLY") == 0)
			y->freq = NULL;
	}
	sv->costs = arena_alloc(r->a, (L[DL_COST].n + 1) * sizeof(*sv->costs));
	for (size_t i = 0; i < L[DL_COST].n; i++) {
		const struct dir_staff_rowvals *x = &L[DL_COST].rows[i];
		struct dir_cost *y = &sv->costs[sv->n_costs++];
		*y = (struct dir_cost){ .id = x->id };
		for (size_t k = 0; x->id && old && k < old->n_costs; k++)
			if (old->costs[k].id && strcmp(old->costs[k].id, x->id) == 0)
				*y = old->costs[k];
		y->option = x->val[0];
		y->has_amount = x->val[1] && parse_amount(x->val[1], &y->amount) == 0;
		y->currency = x->val[2] ? x->val[2] : "EUR";
		y->amount_description = x->val[3];
	}
	sv->funding = arena_alloc(r->a, (L[DL_FUNDING].n + 1) * sizeof(*sv->funding));
	for (size_t i = 0; i < L[DL_FUNDING].n; i++)
		sv->funding[sv->n_funding++] = L[DL_FUNDING].rows[i].val[0];
	sv->areas = arena_alloc(r->a, (L[DL_AREA].n + 1) * sizeof(*sv->areas));
	for (size_t i = 0; i < L[DL_AREA].n; i++) {
		const struct dir_staff_rowvals *x = &L[DL_AREA].rows[i];
		struct dir_area *y = &sv->areas[sv->n_areas++];
		*y = (struct dir_area){ .id = x->id };
		for (size_t k = 0; x->id && old && k < old->n_areas; k++)
			if (old->areas[k].id && strcmp(old->areas[k].id, x->id) == 0)
				*y = old->areas[k];
		y->name = x->val[0];
		y->description = x->val[1];
	}
	dir_staff_offer_keep_ids(sv, old);
}

int dir_staff_offer_parse(struct req *r, struct dir_staff_offer_edit *e, const struct dir_service *old,
			  struct dir_service *out)
{
	long long num[OF__MAX];
	e->nerr = validate_many(r, dir_staff_offer_fields, OF__MAX, e->v, e->err, num);
	const char **v = e->v, **err = e->err;
	/* fields the form of this user does not show */
	if (e->partner) {
		if (err[OF_ASSURED])
			e->nerr--;
		if (err[OF_ORG])
			e->nerr--;
		err[OF_ASSURED] = err[OF_ORG] = NULL;
		v[OF_ASSURED] = old ? old->assured_date : NULL;
		v[OF_ORG] = e->own_org;
	}
	const char *extra[OF__MAX] = { 0 };
	if (!e->partner && !err[OF_ORG]) {
		int known = v[OF_ORG] && old && strcmp(v[OF_ORG], old->organization_id) == 0;
		for (size_t i = 0; v[OF_ORG] && i < e->n_orgs && !known; i++)
			known = strcmp(e->orgs[i].id, v[OF_ORG]) == 0;
		if (!known)
			extra[OF_ORG] = N_("Bitte wählen Sie einen Träger aus der Liste.");
	}
	if (v[OF_URL] && !err[OF_URL])
		extra[OF_URL] = dir_staff_check_url(v[OF_URL]);
	if (!e->partner && v[OF_ASSURED] && !err[OF_ASSURED] && !(old && old->assured_date &&
								strcmp(old->assured_date, v[OF_ASSURED]) == 0))
		extra[OF_ASSURED] = check_date(v[OF_ASSURED]);
	if (err[OF_MINAGE] && v[OF_MINAGE])
		err[OF_MINAGE] = N_("Bitte ein Alter zwischen 0 und 120 Jahren angeben.");
	if (err[OF_MAXAGE] && v[OF_MAXAGE])
		err[OF_MAXAGE] = N_("Bitte ein Alter zwischen 0 und 120 Jahren angeben.");
	if (v[OF_MINAGE] && v[OF_MAXAGE] && !err[OF_MINAGE] && !err[OF_MAXAGE] && num[OF_MAXAGE] < num[OF_MINAGE])
		extra[OF_MAXAGE] = N_("Das Höchstalter darf nicht kleiner sein als das Mindestalter.");
	for (int i = 0; i < OF__MAX; i++)
		if (extra[i] && !err[i]) {
			err[i] = extra[i];
			e->nerr++;
		}
	e->nerr += parse_languages(r, e, old);

	/* terms and locations: only those on offer are read */
	dir_staff_parse_terms(r, e->tax, e->n_tax, &e->terms, &e->n_terms);
	const char **lids = arena_alloc(r->a, (e->n_cand + 1) * sizeof(*lids));
	for (size_t i = 0; i < e->n_cand; i++)
		lids[i] = e->cand[i].id;
	dir_staff_parse_ticks(r, "loc_", lids, e->n_cand, &e->locs, &e->n_locs);
	/* a location of another provider only where the offer already had it */
	e->locs_err = NULL;
	for (size_t i = 0; i < e->n_cand && v[OF_ORG]; i++) {
		const struct dir_location *c = &e->cand[i];
		int mine = c->organization_id && strcmp(c->organization_id, v[OF_ORG]) == 0;
		int had = 0;
		for (size_t k = 0; old && k < old->n_locations && !had; k++)
			had = strcmp(old->locations[k].id, c->id) == 0;
		if (!mine && has(e->locs, e->n_locs, c->id) && (!had || !old ||
							   strcmp(old->organization_id, v[OF_ORG]) != 0)) {
			e->locs_err = N_("Ein gewählter Standort gehört zu einem anderen Träger. Bitte wählen Sie "
					 "die Standorte des neuen Trägers.");
			e->nerr++;
			break;
		}
	}
	for (int l = 0; l < DL__MAX; l++)
		e->nerr += dir_staff_parse_rows(r, (enum dir_staff_list)l, &e->lists[l]);
	if (e->nerr == 0)
		build(r, e, num, old, out);
	return e->nerr;
}
