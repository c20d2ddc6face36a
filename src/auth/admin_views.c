/* admin_views.c — HTML of the account pages of the staff area: the user
 * list and one user's page, a generated password shown once, the audit
 * log viewer and "my account". Escaping writer only. */
#include "auth/admin_views.h"
#include "auth/second.h"
#include "html/fields.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <string.h>

const struct field user_fields[UF__MAX] = {
	[UF_EMAIL] = { "email", FIELD_EMAIL, FIELD_REQUIRED, 254, 0, 0, NULL },
	[UF_NAME] = { "name", FIELD_TEXT, FIELD_REQUIRED, 200, 0, 0, NULL },
	[UF_ORG] = { "org", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[UF_ROLE + 0] = { "role_admin", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
	[UF_ROLE + 1] = { "role_editor", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
	[UF_ROLE + 2] = { "role_researcher", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
	[UF_ROLE + 3] = { "role_counsellor", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
	[UF_ROLE + 4] = { "role_partner", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
};

const struct field profile_fields[NF__MAX] = {
	[NF_EMAIL] = { "email", FIELD_EMAIL, FIELD_REQUIRED, 254, 0, 0, NULL },
	[NF_NAME] = { "name", FIELD_TEXT, FIELD_REQUIRED, 200, 0, 0, NULL },
};

const struct field roles_fields[RF__MAX] = {
	[RF_ORG] = { "org", FIELD_TEXT, 0, 64, 0, 0, NULL },
	[RF_ROLE + 0] = { "role_admin", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
	[RF_ROLE + 1] = { "role_editor", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
	[RF_ROLE + 2] = { "role_researcher", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
	[RF_ROLE + 3] = { "role_counsellor", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
	[RF_ROLE + 4] = { "role_partner", FIELD_CHECKBOX, 0, 1, 0, 0, NULL },
};

const struct field password_fields[PF__MAX] = {
	[PF_CURRENT] = { "current", FIELD_TEXT, FIELD_REQUIRED, 1024, 0, 0, NULL },
	[PF_NEW] = { "new", FIELD_TEXT, FIELD_REQUIRED, 1024, 0, 0, NULL },
	[PF_REPEAT] = { "repeat", FIELD_TEXT, FIELD_REQUIRED, 1024, 0, 0, NULL },
};

/* ---- small pieces ---- */


/* The translated labels of roles, joined by ", " (in r's arena). */
static const char *roles_text(struct req *r, unsigned roles)
{
	const char *t = "";
	for (unsigned i = 0; i < ROLE__COUNT; i++)
		if (roles & (1u << i))
			t = arena_printf(r->a, "%s%s%s", t, *t ? ", " : "", T(r, auth_role_labels[i]));
	return *t ? t : T(r, "keine");
}

static const char *status_text(struct req *r, const struct user_row *u, int64_t now)
{
	if (u->disabled)
		return T(r, "gesperrt");
	if (auth_user_throttled(u, now))
		return T(r, "Anmeldung gebremst (Fehlversuche)");
	return T(r, "aktiv");
}

/* "YYYY-MM-DD" of a unix time (UTC). */
static const char *fmt_day(struct req *r, int64_t t)
{
	char ts[20];
	core_fmt_time(t, ts);
	return layout_date(r, ts); /* 27.11.2026 in German */
}

/* An audit time "YYYY-MM-DDTHH:MM:SSZ" as <time>, shown in the
 * network's local time (Mainz: "27.11.2026, 18:51 Uhr"), the UTC time as
 * its machine-readable value. */
static void audit_time(html *h, struct req *r, const char *at)
{
	html_elem(h, "time", layout_time(r, at), "datetime", at, NULL);
}

/* One labelled input of defs[i] with its value and error (f may be NULL). */
static void input(html *h, struct req *r, const struct field *defs, const struct form *f, int i, const char *value,
		  const char *type, const char *label, const char *hint, const char *autocomplete)
{
	struct fields_in in = fields_of(&defs[i], value, f ? f->err[i] : NULL);
	in.type = type;
	in.label = label;
	in.hint = hint;
	in.autocomplete = autocomplete;
	fields_input(h, r, &in);
}

/* The five role checkboxes (named role_<name>); err a msgid or NULL. */
static void roles_fieldset(html *h, struct req *r, unsigned checked, const char *err, const char *hint)
{
	html_open(h, "fieldset", "class", err ? "field roles has-error" : "field roles", "aria-describedby",
		  err ? "f-roles-err" : hint ? "f-roles-hint" : NULL, NULL);
	html_open(h, "legend", NULL);
	html_text(h, T(r, "Rollen"));
	html_text(h, " ");
	html_elem(h, "span", T(r, "(mindestens eine)"), "class", "req", NULL);
	html_close(h, "legend");
	if (hint)
		html_elem(h, "p", hint, "class", "field-hint", "id", "f-roles-hint", NULL);
	if (err)
		html_elem(h, "p", T(r, err), "class", "field-error", "id", "f-roles-err", NULL);
	for (unsigned i = 0; i < ROLE__COUNT; i++) {
		struct fields_in in = { .name = arena_printf(r->a, "role_%s", auth_role_names[i]),
					.label = T(r, auth_role_labels[i]) };
		fields_checkbox(h, r, &in, (checked & (1u << i)) != 0);
	}
	html_close(h, "fieldset");
}

static void fact(html *h, const char *term, const char *value)
{
	html_elem(h, "dt", term, NULL);
	html_elem(h, "dd", value, NULL);
}

/* ---- user administration ---- */

static const char *user_href(struct req *r, int64_t id)
{
	return arena_printf(r->a, "/intern/benutzer/%lld", (long long)id);
}

static unsigned form_roles(const struct form *f, int first)
{
	unsigned roles = 0;
	for (unsigned i = 0; i < ROLE__COUNT; i++)
		if (f->val[first + (int)i])
			roles |= 1u << i;
	return roles;
}

/* The provider a partner account is bound to, picked by name (and town);
 * selected an id or NULL; err a msgid or NULL. */
static void org_picker(html *h, struct req *r, const char *label, const char *hint, const char *selected,
		       const char *err, const struct auth_org *orgs, size_t n)
{
	const char **ids = arena_alloc(r->a, (n + 1) * sizeof(*ids));
	const char **names = arena_alloc(r->a, (n + 1) * sizeof(*names));
	const char **towns = arena_alloc(r->a, (n + 1) * sizeof(*towns));
	for (size_t i = 0; i < n; i++) {
		ids[i] = orgs[i].id;
		names[i] = orgs[i].name;
		towns[i] = orgs[i].city;
	}
	struct fields_in in = { .name = "org", .label = label, .hint = hint, .value = selected, .err = err };
	fields_pick(h, r, &in, T(r, "– keine –"), ids, names, towns, n);
}

/* The name of provider id (its id when it is no current provider). */
static const char *org_name(const struct auth_org *orgs, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(orgs[i].id, id) == 0)
			return orgs[i].name;
	return id;
}

void admin_view_users(struct req *r, struct resp *w, const struct admin_users_page *p)
{
	const struct user_row *users = p->users;
	size_t n = p->n;
	int64_t now = p->now;
	const struct form *f = p->f;
	const char *problem = p->problem;
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Benutzer"));
	html_elem(&h, "p", T(r, "Alle Konten des internen Bereichs. Wählen Sie ein Konto, um seine Rollen "
				"zu ändern, es zu sperren oder ein neues Passwort zu erzeugen."), "class", "lead", NULL);

	const char *const heads[] = { T(r, "E-Mail-Adresse"), T(r, "Name"), T(r, "Rollen"), T(r, "Status"),
				     T(r, "Angelegt") };
	const char *caption = i18n_fill(r->a, T(r, "Konten: {1}"), arena_printf(r->a, "%zu", n), NULL);
	layout_table_begin(&h, r, "users-caption", caption, heads, NELEM(heads));
	for (size_t i = 0; i < n; i++) {
		const struct user_row *u = &users[i];
		html_open(&h, "tr", NULL);
		html_open(&h, "td", NULL);
		html_elem(&h, "a", u->email, "href", user_href(r, u->id), NULL);
		html_close(&h, "td");
		html_elem(&h, "td", u->name, NULL);
		html_elem(&h, "td", roles_text(r, u->roles), NULL);
		html_elem(&h, "td", status_text(r, u, now), NULL);
		html_elem(&h, "td", fmt_day(r, u->created_at), NULL);
		html_close(&h, "tr");
	}
	layout_table_end(&h);

	html_elem(&h, "h2", T(r, "Neues Konto anlegen"), "id", "neu", NULL);
	const char *labels[UF__MAX] = {
		[UF_EMAIL] = T(r, "E-Mail-Adresse"),
		[UF_NAME] = T(r, "Name"),
		[UF_ORG] = T(r, "Organisation"),
		[UF_ROLE] = T(r, "Rollen"),
	};
	if (problem)
		fields_alert(&h, problem);
	else
		fields_summary(&h, r, user_fields, f, labels);
	html_open(&h, "form", "class", "form", "method", "post", "action", "/intern/benutzer", "novalidate", "",
		  "aria-labelledby", "neu", NULL);
	fields_csrf(&h, r);
	input(&h, r, user_fields, f, UF_EMAIL, f ? f->val[UF_EMAIL] : NULL, "email", labels[UF_EMAIL], NULL, "off");
	input(&h, r, user_fields, f, UF_NAME, f ? f->val[UF_NAME] : NULL, NULL, labels[UF_NAME], NULL, "off");
	roles_fieldset(&h, r, f ? form_roles(f, UF_ROLE) : 0, f ? f->err[UF_ROLE] : NULL, NULL);
	org_picker(&h, r, labels[UF_ORG],
		   T(r, "Nur für die Rolle Partnerorganisation, dort Pflicht: der Träger, dessen Angebote die "
			"Person pflegt."),
		   f ? f->val[UF_ORG] : NULL, f ? f->err[UF_ORG] : NULL, p->orgs, p->norgs);
	html_elem(&h, "p", T(r, "Lotse erzeugt ein zufälliges Anfangspasswort und zeigt es Ihnen einmal an."),
		  "class", "meta", NULL);
	html_elem(&h, "button", T(r, "Konto anlegen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}

void admin_view_user(struct req *r, struct resp *w, const struct admin_user_page *p)
{
	const struct user_row *u = p->u;
	const struct form *f = p->roles;
	const char *base = user_href(r, u->id);
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, u->email);
	fields_notice(&h, p->notice);

	html_open(&h, "dl", "class", "facts", NULL);
	fact(&h, T(r, "E-Mail-Adresse"), u->email);
	fact(&h, T(r, "Name"), u->name);
	fact(&h, T(r, "Rollen"), roles_text(r, u->roles));
	if (u->org_id)
		fact(&h, T(r, "Organisation"), org_name(p->orgs, p->norgs, u->org_id));
	fact(&h, T(r, "Status"), status_text(r, u, p->now));
	fact(&h, T(r, "Angelegt"), fmt_day(r, u->created_at));
	html_close(&h, "dl");

	/* name and e-mail address */
	const struct form *pf = p->profile;
	html_elem(&h, "h2", T(r, "Name und E-Mail-Adresse ändern"), "id", "angaben", NULL);
	const char *plabels[NF__MAX] = { [NF_EMAIL] = T(r, "E-Mail-Adresse"), [NF_NAME] = T(r, "Name") };
	fields_summary(&h, r, profile_fields, pf, plabels);
	html_open(&h, "form", "class", "form", "method", "post", "action",
		  arena_printf(r->a, "%s/angaben", base), "novalidate", "", "aria-labelledby", "angaben", NULL);
	fields_csrf(&h, r);
	input(&h, r, profile_fields, pf, NF_EMAIL, pf ? pf->val[NF_EMAIL] : u->email, "email", plabels[NF_EMAIL],
	      T(r, "Mit dieser Adresse meldet sich die Person an."), "off");
	input(&h, r, profile_fields, pf, NF_NAME, pf ? pf->val[NF_NAME] : u->name, NULL, plabels[NF_NAME], NULL, "off");
	html_elem(&h, "button", T(r, "Angaben speichern"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");

	/* roles */
	html_elem(&h, "h2", T(r, "Rollen ändern"), "id", "rollen", NULL);
	const char *rlabels[RF__MAX] = { [RF_ORG] = T(r, "Organisation"), [RF_ROLE] = T(r, "Rollen") };
	fields_summary(&h, r, roles_fields, f, rlabels);
	html_open(&h, "form", "class", "form", "method", "post", "action",
		  arena_printf(r->a, "%s/rollen", base), "novalidate", "", "aria-labelledby", "rollen", NULL);
	fields_csrf(&h, r);
	roles_fieldset(&h, r, f ? form_roles(f, RF_ROLE) : u->roles, f ? f->err[RF_ROLE] : NULL,
		       p->self ? T(r, "Die Administration können Sie sich nicht selbst entziehen.") : NULL);
	org_picker(&h, r, T(r, "Organisation"), T(r, "Nur für die Rolle Partnerorganisation, dort Pflicht."),
		   f ? f->val[RF_ORG] : u->org_id, f ? f->err[RF_ORG] : NULL, p->orgs, p->norgs);
	html_elem(&h, "button", T(r, "Rollen speichern"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");

	/* disable / enable */
	html_elem(&h, "h2", u->disabled ? T(r, "Konto freigeben") : T(r, "Konto sperren"), "id", "sperren",
		  NULL);
	fields_alert(&h, p->lock_problem);
	if (p->self) {
		if (!p->lock_problem)
			html_elem(&h, "p", T(r, "Ihr eigenes Konto können Sie nicht sperren."), NULL);
	} else {
		html_open(&h, "form", "method", "post", "action", arena_printf(r->a, "%s/sperren", base),
			  "aria-labelledby", "sperren", NULL);
		fields_csrf(&h, r);
		html_void(&h, "input", "type", "hidden", "name", "disabled", "value", u->disabled ? "0" : "1",
			  NULL);
		html_elem(&h, "p", u->disabled
				    ? T(r, "Die Person kann sich danach wieder anmelden. Eine Bremse nach "
					   "Fehlversuchen wird dabei ebenfalls gelöst.")
				    : T(r, "Die Person wird sofort abgemeldet und kann sich nicht mehr anmelden. "
					   "Das Konto und seine Einträge im Protokoll bleiben erhalten."),
			  NULL);
		html_elem(&h, "button", u->disabled ? T(r, "Konto freigeben") : T(r, "Konto sperren"), "type",
			  "submit", "class", "button secondary", NULL);
		html_close(&h, "form");
		if (!u->disabled && auth_user_throttled(u, p->now)) {
			/* enabling an active account lifts the throttle after failed sign-ins */
			html_open(&h, "form", "method", "post", "action", arena_printf(r->a, "%s/sperren", base),
				  "aria-labelledby", "sperren", NULL);
			fields_csrf(&h, r);
			html_void(&h, "input", "type", "hidden", "name", "disabled", "value", "0", NULL);
			html_elem(&h, "p", T(r, "Nach Fehlversuchen ist die Anmeldung gebremst. Freigeben löst "
						"die Bremse für alle Adressen, von denen es versucht wurde."), NULL);
			html_elem(&h, "button", T(r, "Anmeldung freigeben"), "type", "submit", "class",
				  "button secondary", NULL);
			html_close(&h, "form");
		}
	}

	/* password */
	html_elem(&h, "h2", T(r, "Passwort zurücksetzen"), "id", "passwort", NULL);
	fields_alert(&h, p->pw_problem);
	if (p->self && !p->pw_problem) {
		html_open(&h, "p", NULL);
		html_text(&h, T(r, "Ihr eigenes Passwort ändern Sie unter"));
		html_text(&h, " ");
		html_elem(&h, "a", T(r, "Mein Konto"), "href", "/intern/konto", NULL);
		html_text(&h, ".");
		html_close(&h, "p");
	} else if (!p->self) {
		html_open(&h, "form", "method", "post", "action", arena_printf(r->a, "%s/passwort", base),
			  "aria-labelledby", "passwort", NULL);
		fields_csrf(&h, r);
		html_elem(&h, "p", T(r, "Lotse erzeugt ein neues zufälliges Passwort und zeigt es Ihnen einmal "
					"an. Das alte Passwort gilt dann nicht mehr, und alle Sitzungen der Person "
					"werden beendet."), NULL);
		html_elem(&h, "button", T(r, "Neues Passwort erzeugen"), "type", "submit", "class",
			  "button secondary", NULL);
		html_close(&h, "form");
	}
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zurück zur Benutzerliste"), "href", "/intern/benutzer", NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}

void admin_view_password(struct req *r, struct resp *w, const struct user_row *u, const char *password,
			 int created)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, created ? T(r, "Konto angelegt") : T(r, "Neues Passwort erzeugt"));
	fields_notice(&h, created ? i18n_fill(r->a, T(r, "Das Konto für {1} ist angelegt."), u->email, NULL)
			       : i18n_fill(r->a, T(r, "Für {1} gilt ab jetzt ein neues Passwort. Alle "
						      "Sitzungen der Person sind beendet."), u->email, NULL));
	html_open(&h, "dl", "class", "facts", NULL);
	fact(&h, T(r, "E-Mail-Adresse"), u->email);
	html_elem(&h, "dt", created ? T(r, "Anfangspasswort") : T(r, "Neues Passwort"), NULL);
	html_open(&h, "dd", NULL);
	html_elem(&h, "code", password, "id", "new-password", "class", "secret", NULL);
	html_close(&h, "dd");
	html_close(&h, "dl");
	html_elem(&h, "p", T(r, "Dieses Passwort wird nur jetzt angezeigt. Geben Sie es der Person sicher "
				"weiter: persönlich oder am Telefon, nicht zusammen mit der E-Mail-Adresse in "
				"einer E-Mail. Bitten Sie die Person, es nach der Anmeldung unter „Mein Konto“ "
				"zu ändern."), "class", "notice", NULL);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zum Konto"), "class", "button", "href", user_href(r, u->id), NULL);
	html_text(&h, " ");
	html_elem(&h, "a", T(r, "Zur Benutzerliste"), "class", "button secondary", "href", "/intern/benutzer",
		  NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}

void admin_view_problem(struct req *r, struct resp *w, int status, const char *title, const char *text)
{
	layout_staff_problem(r, w, status, title, text);
}

/* ---- the audit log ---- */

/* A <select> with an "all" option first; values[i] shown as labels[i]. */
static void select_field(html *h, struct req *r, const char *name, const char *label, const char *err,
			 const char *selected, const char *const *values, const char *const *labels, size_t n)
{
	struct fields_in in = { .name = name, .label = label, .value = selected, .err = err };
	fields_select(h, r, &in, T(r, "Alle"), values, labels, n);
}

static void audit_filters(html *h, struct req *r, const struct admin_audit_page *p)
{
	const struct form *f = p->f;
	html_open(h, "form", "class", "filters", "method", "get", "action", "/intern/protokoll",
		  "aria-labelledby", "filter", NULL);
	html_elem(h, "h2", T(r, "Filter"), "id", "filter", NULL);

	const char **ids = arena_alloc(r->a, (p->nusers + 1) * sizeof(*ids));
	const char **emails = arena_alloc(r->a, (p->nusers + 1) * sizeof(*emails));
	for (size_t i = 0; i < p->nusers; i++) {
		ids[i] = arena_printf(r->a, "%lld", (long long)p->users[i].id);
		emails[i] = p->users[i].email;
	}
	select_field(h, r, "user", T(r, "Benutzer"), f->err[AF_USER], f->val[AF_USER], ids, emails,
		     p->nusers);

	const char *const *choices = p->fields[AF_ACTION].choices;
	size_t n = 0;
	while (choices[n])
		n++;
	const char **labels = arena_alloc(r->a, (n + 1) * sizeof(*labels));
	for (size_t i = 0; i < n; i++)
		labels[i] = admin_action_label(r, choices[i]);
	select_field(h, r, "action", T(r, "Aktion"), f->err[AF_ACTION], f->val[AF_ACTION], choices, labels, n);

	choices = p->fields[AF_OBJECT].choices;
	for (n = 0; choices[n]; n++)
		;
	labels = arena_alloc(r->a, (n + 1) * sizeof(*labels));
	for (size_t i = 0; i < n; i++)
		labels[i] = admin_object_label(r, choices[i]);
	select_field(h, r, "object", T(r, "Objekt"), f->err[AF_OBJECT], f->val[AF_OBJECT], choices, labels, n);
	if (f->err[AF_BEFORE])
		html_elem(h, "p", T(r, f->err[AF_BEFORE]), "class", "field-error", NULL);
	html_elem(h, "button", T(r, "Anzeigen"), "type", "submit", "class", "button", NULL);
	html_close(h, "form");
}

static void audit_table(html *h, struct req *r, const struct admin_audit_page *p)
{
	if (p->nrows == 0) {
		html_elem(h, "p", T(r, "Keine Einträge für diese Auswahl."), NULL);
		return;
	}
	const char *const heads[] = { T(r, "Zeit"), T(r, "Benutzer"), T(r, "Aktion"), T(r, "Objekt"),
				     T(r, "Ergebnis"), T(r, "Netz") };
	layout_table_begin(h, r, "log-caption", T(r, "Einträge, die neuesten zuerst"), heads, NELEM(heads));
	for (size_t i = 0; i < p->nrows; i++) {
		const struct audit_row *a = &p->rows[i];
		html_open(h, "tr", NULL);
		html_open(h, "td", NULL);
		audit_time(h, r, a->at);
		html_close(h, "td");
		if (!a->user_id)
			html_elem(h, "td", T(r, "ohne Konto"), NULL);
		else if (!*a->user_email)
			html_elem(h, "td", arena_printf(r->a, "#%lld", (long long)a->user_id), NULL);
		else
			html_elem(h, "td", a->user_email, NULL);
		html_elem(h, "td", admin_action_label(r, a->action), NULL);
		html_open(h, "td", NULL);
		html_text(h, admin_object_label(r, a->object_type));
		if (*a->object_id) {
			html_text(h, " ");
			if (strcmp(a->object_type, "user") == 0 && strspn(a->object_id, "0123456789") ==
								    strlen(a->object_id))
				html_elem(h, "a", a->object_id, "href",
					  arena_printf(r->a, "/intern/benutzer/%s", a->object_id), NULL);
			else
				html_elem(h, "code", a->object_id, NULL);
		}
		html_close(h, "td");
		html_open(h, "td", NULL);
		html_text(h, admin_outcome_label(r, a->outcome));
		if (*a->detail) {
			html_text(h, " ");
			html_elem(h, "span", a->detail, "class", "meta", NULL);
		}
		html_close(h, "td");
		/* the client's network (shortened), "local" for the command line */
		html_elem(h, "td", !*a->client ? "–" : strcmp(a->client, "local") == 0 ? T(r, "Kommandozeile")
											  : a->client, NULL);
		html_close(h, "tr");
	}
	layout_table_end(h);
}

void admin_view_audit(struct req *r, struct resp *w, const struct admin_audit_page *p)
{
	const struct form *f = p->f;
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Protokoll"));
	if (p->chain_broken == 0) {
		fields_notice(&h, p->chain_rows == 1
				       ? T(r, "Die Kette ist intakt: 1 Eintrag.")
				       : i18n_fill(r->a, T(r, "Die Kette ist intakt: {1} Einträge."),
						   arena_printf(r->a, "%lld", (long long)p->chain_rows), NULL));
	} else {
		fields_alert_heading(&h, T(r, "Achtung: Das Protokoll ist beschädigt"),
				     p->chain_broken > 0
					     ? i18n_fill(r->a, T(r, "Ab Eintrag {1} passt die Kette nicht mehr: Einträge "
								    "wurden verändert, eingefügt oder gelöscht. Bitte "
								    "sichern Sie die Datenbank und informieren Sie die "
								    "Datenschutzbeauftragten."),
							 arena_printf(r->a, "%lld", (long long)p->chain_broken), NULL)
					     : T(r, "Das Protokoll konnte nicht geprüft werden."));
	}
	html_elem(&h, "p", T(r, "Anmeldungen, Änderungen an Konten und Inhalten, Importe und Exporte und "
				"verweigerte Zugriffe. Einträge können weder geändert noch gelöscht werden; von "
				"jeder Adresse wird nur das Netz gespeichert (IPv4 /24, IPv6 /48)."), "class", "lead",
		  NULL);
	html_open(&h, "div", "class", "with-filters", NULL);
	audit_filters(&h, r, p);
	html_open(&h, "div", "class", "results", NULL);
	audit_table(&h, r, p);
	if (f->val[AF_BEFORE] || p->more) {
		html_open(&h, "nav", "class", "pagination", "aria-label", T(r, "Seiten des Protokolls"), NULL);
		if (f->val[AF_BEFORE])
			html_elem(&h, "a", T(r, "Neueste Einträge"), "href",
				  html_url(r->a, "/intern/protokoll", "user", f->val[AF_USER], "action",
					   f->val[AF_ACTION], "object", f->val[AF_OBJECT], NULL), NULL);
		if (p->more)
			html_elem(&h, "a", T(r, "Ältere Einträge"), "rel", "next", "href",
				  html_url(r->a, "/intern/protokoll", "user", f->val[AF_USER], "action",
					   f->val[AF_ACTION], "object", f->val[AF_OBJECT], "before",
					   arena_printf(r->a, "%lld", (long long)p->rows[p->nrows - 1].id), NULL),
				  NULL);
		html_close(&h, "nav");
	}
	html_close(&h, "div");
	html_close(&h, "div");
	layout_end(&h, r);
}

/* ---- my account ---- */

void account_view(struct req *r, struct resp *w, const struct account_page *p)
{
	const struct user_row *u = p->u;
	const struct form *f = p->f;
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Mein Konto"));
	fields_notice(&h, p->notice);
	html_open(&h, "dl", "class", "facts", NULL);
	fact(&h, T(r, "E-Mail-Adresse"), u->email);
	fact(&h, T(r, "Name"), u->name);
	fact(&h, T(r, "Rollen"), roles_text(r, u->roles));
	if (p->org_name)
		fact(&h, T(r, "Organisation"), p->org_name);
	html_close(&h, "dl");

	html_elem(&h, "h2", T(r, "Letzte Anmeldungen"), "id", "anmeldungen", NULL);
	if (p->nlogins == 0) {
		html_elem(&h, "p", T(r, "Noch keine Anmeldungen."), NULL);
	} else {
		const char *const heads[] = { T(r, "Zeit"), T(r, "Ergebnis") };
		layout_table_begin(&h, r, "logins-caption", T(r, "Ihre Anmeldungen, die neuesten zuerst"),
				   heads, NELEM(heads));
		for (size_t i = 0; i < p->nlogins; i++) {
			html_open(&h, "tr", NULL);
			html_open(&h, "td", NULL);
			audit_time(&h, r, p->logins[i].at);
			html_close(&h, "td");
			html_elem(&h, "td", admin_outcome_label(r, p->logins[i].outcome), NULL);
			html_close(&h, "tr");
		}
		layout_table_end(&h);
	}
	html_elem(&h, "p", T(r, "Sehen Sie eine Anmeldung, die nicht von Ihnen war? Ändern Sie Ihr Passwort "
				"und informieren Sie die Administration."), "class", "meta", NULL);

	second_view_account(&h, r, p->second);

	html_elem(&h, "h2", T(r, "Passwort ändern"), "id", "passwort", NULL);
	const char *labels[PF__MAX] = {
		[PF_CURRENT] = T(r, "Aktuelles Passwort"),
		[PF_NEW] = T(r, "Neues Passwort"),
		[PF_REPEAT] = T(r, "Neues Passwort wiederholen"),
	};
	if (p->problem)
		fields_alert(&h, p->problem);
	else
		fields_summary(&h, r, password_fields, f, labels);
	html_open(&h, "form", "class", "form", "method", "post", "action", "/intern/konto/passwort",
		  "novalidate", "", "aria-labelledby", "passwort", NULL);
	fields_csrf(&h, r);
	/* a password is never sent back */
	input(&h, r, password_fields, f, PF_CURRENT, NULL, "password", labels[PF_CURRENT], NULL, "current-password");
	input(&h, r, password_fields, f, PF_NEW, NULL, "password", labels[PF_NEW],
	      T(r, "Mindestens 12 Zeichen, kein bekanntes Passwort und nicht Ihre E-Mail-Adresse. Ein Satz aus "
		   "mehreren Wörtern ist leicht zu merken."), "new-password");
	input(&h, r, password_fields, f, PF_REPEAT, NULL, "password", labels[PF_REPEAT], NULL, "new-password");
	html_elem(&h, "p", T(r, "Danach sind Sie auf allen anderen Geräten abgemeldet."), "class", "meta",
		  NULL);
	html_elem(&h, "button", T(r, "Passwort ändern"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}
