/* privacy.c — the data-subject rights on a case: everything held on the
 * person as JSON and as a page (Art. 15/20), erasure (Art. 17: the case
 * key destroyed and every row deleted with secure_delete, then a
 * checkpoint), the record of processing activities (Art. 30); `lotse
 * privacy ...` and the retention job of `lotse maintenance`. */
#include "counselling/counselling_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *str(const char *s)
{
	return json_string(s ? s : "");
}

static json_t *opt(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* The audit rows about the case (object: its pseudonym, or one of its
 * referrals), oldest first. */
static json_t *audit_rows(struct store *s, arena *a, const struct counsel_file *f)
{
	json_t *out = json_array();
	struct audit_filter q = { .limit = 500 };
	for (;;) {
		struct audit_row *v;
		size_t n;
		if (audit_list(s, a, &q, &v, &n) != ST_OK) {
			json_decref(out);
			return NULL;
		}
		for (size_t i = 0; i < n; i++) {
			int mine = strcmp(v[i].object_id, f->c.pseudonym) == 0 && strcmp(v[i].object_type, "counsel_case") == 0;
			for (size_t k = 0; !mine && k < f->nreferrals; k++)
				mine = strcmp(v[i].object_type, "counsel_referral") == 0 &&
				       strtoll(v[i].object_id, NULL, 10) == f->referrals[k].id;
			if (mine)
				json_array_insert_new(out, 0,
						      json_pack("{s:I, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)v[i].id,
								"at", str(v[i].at), "user", str(v[i].user_email), "action",
								str(v[i].action), "outcome", str(v[i].outcome), "detail",
								str(v[i].detail)));
		}
		if (n < q.limit)
			break;
		q.before_id = v[n - 1].id;
	}
	return out;
}

char *counsel_export_json(struct store *s, arena *a, const struct counsel_case *c)
{
	struct counsel_file f;
	struct counsel_identity id;
	if (counsel_file_load(s, a, c, &f) != ST_OK || counsel_identity_get(s, a, c, &id) != ST_OK)
		return NULL;
	json_t *o = json_object();
	json_object_set_new(o, "pseudonym", str(c->pseudonym));
	json_object_set_new(o, "status", str(c->status));
	json_object_set_new(o, "restricted", json_boolean(c->restricted));
	json_object_set_new(o, "opened_on", str(c->opened_on));
	json_object_set_new(o, "closed_on", opt(c->closed_on));
	json_object_set_new(o, "identity",
			    json_pack("{s:o, s:o, s:o, s:o, s:o}", "name", str(id.name), "first_name", str(id.first_name),
				      "contact", str(id.contact), "birth_date", str(id.birth_date), "guardian",
				      str(id.guardian)));
	json_object_set_new(o, "profile",
			    json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "age_band",
				      str(c->age_band), "languages", str(c->languages), "german_level",
				      str(c->german_level), "school_certificate", str(c->school_cert), "school_country",
				      str(c->school_country), "recognition", str(c->recognition), "stage", str(c->stage),
				      "target_group", str(c->target_group), "district", str(c->district), "needs",
				      str(c->needs), "residence", str(c->residence), "interests", str(c->interests)));
	json_t *v = json_array();
	for (size_t i = 0; i < f.nconsents; i++) {
		const struct counsel_consent *k = &f.consents[i];
		json_array_append_new(v, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "purpose", str(k->purpose), "provider",
						   str(k->org_id), "given_by", str(k->given_by), "given_on",
						   str(k->given_on), "text_version", str(k->text_version), "withdrawn_on",
						   opt(k->withdrawn_on)));
	}
	json_object_set_new(o, "consents", v);
	v = json_array();
	for (size_t i = 0; i < f.nsessions; i++) {
		const struct counsel_session *k = &f.sessions[i];
		json_array_append_new(v, json_pack("{s:o, s:i, s:o, s:o, s:o, s:o, s:o}", "held_on", str(k->held_on),
						   "minutes", k->minutes, "form", str(k->form), "topics", str(k->topics),
						   "notes", str(k->notes), "next_steps", str(k->next_steps), "follow_up",
						   opt(k->follow_up)));
	}
	json_object_set_new(o, "sessions", v);
	v = json_array();
	for (size_t i = 0; i < f.ngoals; i++) {
		const struct counsel_goal *g = &f.goals[i];
		json_t *steps = json_array();
		for (size_t k = 0; k < g->nsteps; k++)
			json_array_append_new(steps, json_pack("{s:o, s:o, s:o, s:b}", "what", str(g->steps[k].what), "who",
							       str(g->steps[k].who), "due", opt(g->steps[k].due), "done",
							       g->steps[k].done));
		json_array_append_new(v, json_pack("{s:o, s:o, s:o, s:o}", "phase", str(g->phase), "goal", str(g->title),
						   "status", str(g->status), "steps", steps));
	}
	json_object_set_new(o, "plan", v);
	v = json_array();
	for (size_t i = 0; i < f.nreferrals; i++) {
		const struct counsel_referral *k = &f.referrals[i];
		json_array_append_new(v, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "offer", str(k->service_id),
						   "offer_name", str(k->service_name), "provider", str(k->org_id), "status",
						   str(k->status), "channel", str(k->channel), "shared_with_provider",
						   str(k->shared), "created_on", str(k->created_on)));
	}
	json_object_set_new(o, "referrals", v);
	v = json_array();
	for (size_t i = 0; i < f.noutcomes; i++) {
		const struct counsel_outcome *k = &f.outcomes[i];
		json_array_append_new(v, json_pack("{s:i, s:o, s:o, s:o, s:o}", "months", k->months, "due_on",
						   str(k->due_on), "result", opt(k->result), "occupation",
						   str(k->occupation), "recorded_on", opt(k->recorded_on)));
	}
	json_object_set_new(o, "outcomes", v);
	json_t *audit = audit_rows(s, a, &f);
	if (!audit) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "audit", audit);
	char *text = json_dumps(o, JSON_INDENT(2));
	json_decref(o);
	if (!text)
		return NULL;
	char *copy = arena_strdup(a, text);
	sodium_memzero(text, strlen(text));
	free(text);
	return copy;
}

void counsel_export_page(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	if (counsel_load(r, w, "counsel_export", &who, &c) != 0)
		return;
	char *text = counsel_export_json(r->db, r->a, &c);
	counsel_key_forget(&c.key);
	if (!text) {
		layout_staff_failed(r, w);
		return;
	}
	w->no_store = 1;
	const char *fmt = kv_get(&r->query, "format");
	if (fmt && strcmp(fmt, "json") == 0) {
		w->content_type = "application/json";
		resp_header(r, w, "Content-Disposition",
			    arena_printf(r->a, "attachment; filename=\"auskunft-%s.json\"", c.pseudonym));
		buf_puts(&w->body, text);
		return;
	}
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, arena_printf(r->a, "%s: %s", T(r, "Auskunft"), c.pseudonym));
	html_elem(&h, "p",
		  T(r, "Alles, was zu diesem Fall gespeichert ist, einschließlich der Protokolleinträge (Art. 15 und 20 "
		       "DSGVO). Zum Ausdrucken oder als Datei."),
		  NULL);
	html_open(&h, "p", "class", "actions", NULL);
	html_elem(&h, "a", T(r, "Als JSON-Datei herunterladen"), "class", "button", "href",
		  arena_printf(r->a, "/intern/beratung/%s/auskunft?format=json", c.pseudonym), NULL);
	html_elem(&h, "a", T(r, "Zurück zum Fall"), "href", arena_printf(r->a, "/intern/beratung/%s", c.pseudonym), NULL);
	html_close(&h, "p");
	html_elem(&h, "pre", text, "class", "export", "tabindex", "0", NULL);
	layout_end(&h, r);
}

void counsel_erase_form(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	if (counsel_load(r, w, "counsel_erase_ask", &who, &c) != 0)
		return;
	counsel_key_forget(&c.key);
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, arena_printf(r->a, "%s: %s", T(r, "Fall löschen"), c.pseudonym));
	fields_alert_heading(&h, T(r, "Das kann nicht rückgängig gemacht werden"),
			     T(r, "Der Schlüssel des Falls wird vernichtet und alle seine Daten werden gelöscht: "
				  "Identität, Profil, Einwilligungen, Gespräche, Förderplan, Vermittlungen und Ergebnisse. "
				  "Im Protokoll bleibt nur das Kürzel."));
	html_open(&h, "form", "method", "post", "action", arena_printf(r->a, "/intern/beratung/%s/loeschen", c.pseudonym),
		  NULL);
	fields_csrf(&h, r);
	struct fields_in in = { .name = "confirm", .id = "f-confirm", .label = T(r, "Zur Bestätigung das Kürzel des Falls"),
				.hint = c.pseudonym, .maxlen = 6, .required = 1, .autocomplete = "off" };
	fields_input(&h, r, &in);
	html_elem(&h, "button", T(r, "Endgültig löschen"), "type", "submit", "class", "button danger", NULL);
	html_close(&h, "form");
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Abbrechen, zurück zum Fall"), "href", arena_printf(r->a, "/intern/beratung/%s", c.pseudonym),
		  NULL);
	html_close(&h, "p");
	layout_end(&h, r);
}

/* Erase case c with its audit row (action, by user, pseudonym only) in
 * one transaction, then checkpoint. */
static int erase(struct store *s, const struct counsel_case *c, int64_t user, const char *action)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc == ST_OK)
		rc = counsel_case_erase(s, c->id);
	if (rc == ST_OK)
		rc = audit_add(s, user, action, "counsel_case", c->pseudonym, "ok");
	rc = store_tx_end(s, &tx, rc);
	int complete;
	if (rc == ST_OK && store_checkpoint_truncate(s, &complete) != ST_OK)
		rc = ST_ERR;
	return rc;
}

void counsel_erase(struct req *r, struct resp *w)
{
	struct counsel_who who;
	struct counsel_case c;
	if (counsel_load(r, w, NULL, &who, &c) != 0)
		return;
	counsel_key_forget(&c.key);
	const char *confirm = kv_get(&r->form, "confirm");
	if (!confirm || strcmp(confirm, c.pseudonym) != 0) {
		layout_staff_problem(r, w, 422, T(r, "Nicht gelöscht"),
				     T(r, "Das Kürzel stimmt nicht. Der Fall wurde nicht gelöscht."));
		return;
	}
	audit_set_client(r->client);
	if (erase(r->db, &c, r->user->id, "counsel_erase") != ST_OK) {
		layout_staff_failed(r, w);
		return;
	}
	resp_redirect(r, w, "/intern/beratung");
}

int counsel_keep_months(void)
{
	const char *v = getenv("LOTSE_COUNSEL_KEEP_MONTHS");
	char *end;
	long n = v && *v ? strtol(v, &end, 10) : 0;
	return v && *v && !*end && n >= 1 && n <= 120 ? (int)n : COUNSEL_KEEP_MONTHS;
}

int counsel_expire(struct store *s, int64_t now, int months, long *erased)
{
	*erased = 0;
	char today[11], limit[11];
	counsel_today(now, today);
	counsel_day_add(today, -(months * 365 / 12 + months / 24), limit);
	arena *a = arena_new();
	sqlite3_stmt *st = store_stmt(s, "SELECT id, pseudonym FROM counsel_case WHERE status = 'closed' AND "
					 "closed_on < ? ORDER BY id");
	int rc = st ? ST_OK : ST_ERR;
	struct counsel_case *v = NULL;
	size_t n = 0, cap = 0;
	if (st) {
		store_bind_str(st, 1, limit);
		int k;
		while ((k = store_step(st)) > 0) {
			v = arena_grow(a, v, n, &cap, sizeof(*v), 16);
			v[n++] = (struct counsel_case){ .id = sqlite3_column_int64(st, 0),
							.pseudonym = store_col_str(a, st, 1) };
		}
		sqlite3_reset(st);
		rc = k == 0 ? ST_OK : ST_ERR;
	}
	/* the case key is not needed to destroy it */
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		rc = erase(s, &v[i], 0, "counsel_retention_erase");
		if (rc == ST_OK)
			(*erased)++;
	}
	arena_free(a);
	return rc;
}

static int record(FILE *out)
{
	fprintf(out,
		"Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO): Beratung\n"
		"=================================================================\n\n"
		"Verantwortlicher: der Träger des Netzwerks, der lotse betreibt (siehe Impressum);\n"
		"Datenschutzbeauftragte: siehe Datenschutzerklärung der Website.\n\n"
		"Zwecke:\n"
		"  - Beratung junger Migrantinnen und Migranten am Übergang Schule – Ausbildung – Beruf\n"
		"  - Vermittlung an Angebote der Träger im Verzeichnis (nur mit Einwilligung je Träger)\n"
		"  - Kontakt durch den Träger (nur mit Einwilligung je Träger)\n"
		"  - anonyme Statistik für das Netzwerk (nur mit Einwilligung; Zellen unter 5 unterdrückt)\n\n"
		"Rechtsgrundlage: Einwilligung (Art. 6 Abs. 1 a, Art. 9 Abs. 2 a DSGVO), je Zweck\n"
		"festgehalten mit Geber (bei unter 16-Jährigen Erziehungsberechtigte), Datum und\n"
		"Textfassung (derzeit %s); Widerruf wirkt sofort.\n\n"
		"Betroffene: junge Menschen in der Beratung, ihre Erziehungsberechtigten.\n\n"
		"Datenkategorien:\n"
		"  - Identität: Name, Vorname, Kontakt, Geburtsdatum, Erziehungsberechtigte (verschlüsselt)\n"
		"  - Profil: Altersgruppe, Sprachen, Deutschkenntnisse, Schulabschluss und Land,\n"
		"    Anerkennung, Phase im Übergang, Zielgruppe, Stadtteil, Bedarf, berufliche Interessen\n"
		"    (verschlüsselt)\n"
		"  - Gespräche mit Notizen und nächsten Schritten (verschlüsselt), Förderplan (verschlüsselt),\n"
		"    Vermittlungen, Ergebnisse bei Nachfragen nach 3, 6 und 12 Monaten\n"
		"  - Aufenthaltsstatus (Kategorie, verschlüsselt; in keiner Liste und keiner Statistik):\n"
		"    %s (LOTSE_COUNSEL_RESIDENCE)\n\n"
		"Empfänger: Träger, an deren Angebote vermittelt wird: das Kürzel, der Kontaktweg und was\n"
		"die Beratung teilt; Vorname und Kontakt nur mit Einwilligung zum Kontakt. Keine\n"
		"Übermittlung in Drittländer.\n\n"
		"Löschfristen: abgeschlossene Fälle %d Monate nach dem Abschluss (LOTSE_COUNSEL_KEEP_MONTHS,\n"
		"`lotse maintenance`); auf Verlangen sofort (`lotse privacy erase`). Beim Löschen wird der\n"
		"Schlüssel des Falls vernichtet; Sicherungskopien enthalten nur verschlüsselte Texte, die\n"
		"ohne den Schlüssel des Falls nicht lesbar sind, und laufen nach ihrer eigenen Frist ab.\n\n"
		"Technische und organisatorische Maßnahmen (Art. 32):\n"
		"  - Pseudonym je Fall (K-XXXX); Identität getrennt gespeichert\n"
		"  - Verschlüsselung je Fall (XChaCha20-Poly1305, libsodium); Fallschlüssel mit einem\n"
		"    Schlüssel aus der Schlüsseldatei außerhalb der Datenbank verschlüsselt (0600)\n"
		"  - Zugriff nur für die eigene Beraterin, geteilte Fälle und die Teamleitung; andere\n"
		"    erhalten 404; jeder Abruf und jede Änderung im verketteten Protokoll (nur Kürzel)\n"
		"  - Löschen mit secure_delete und Checkpoint; Einschränkung der Verarbeitung (Art. 18)\n"
		"  - Anmeldung mit Passwortregeln, Sitzungsablauf, CSRF-Schutz, zweiter Faktor für Admins\n",
		COUNSEL_CONSENT_VERSION,
		counsel_residence_on() ? "erhoben, vom Netzwerk eingeschaltet" : "nicht erhoben (ausgeschaltet)",
		counsel_keep_months());
	return 0;
}

int counsel_privacy_cli(const char *db, int argc, char **argv)
{
	static const char usage[] = "lotse: usage: lotse privacy export [--db PATH] PSEUDONYM\n"
				    "       lotse privacy erase [--db PATH] PSEUDONYM\n"
				    "       lotse privacy record\n";
	if (argc == 1 && strcmp(argv[0], "record") == 0)
		return record(stdout);
	if (argc != 2 || (strcmp(argv[0], "export") != 0 && strcmp(argv[0], "erase") != 0)) {
		fputs(usage, stderr);
		return 2;
	}
	struct store *s;
	char err[600];
	if (store_open(db, STORE_EXISTING, &s, err, sizeof(err)) != ST_OK ||
	    store_migrate(s, err, sizeof(err)) != ST_OK || counsel_key_open(s, 0, err, sizeof(err)) != ST_OK ||
	    audit_key_open(s, 0, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "lotse: %s\n", err);
		store_close(s);
		return 1;
	}
	arena *a = arena_new();
	struct counsel_case c = { 0 };
	int rc = counsel_case_by_pseudonym(s, a, argv[1], &c);
	int status = 0;
	if (rc == ST_NOTFOUND) {
		fprintf(stderr, "lotse: there is no case %s\n", argv[1]);
		status = 1;
	} else if (rc != ST_OK) {
		fprintf(stderr, "lotse: the case %s could not be read\n", argv[1]);
		status = 1;
	} else if (strcmp(argv[0], "export") == 0) {
		char *text = counsel_export_json(s, a, &c);
		if (!text || audit_add(s, 0, "counsel_export", "counsel_case", c.pseudonym, "ok") != ST_OK) {
			fprintf(stderr, "lotse: the case %s could not be exported\n", c.pseudonym);
			status = 1;
		} else {
			printf("%s\n", text);
		}
	} else {
		if (erase(s, &c, 0, "counsel_erase") != ST_OK) {
			fprintf(stderr, "lotse: the case %s could not be erased\n", c.pseudonym);
			status = 1;
		} else {
			printf("erased case %s: its key and all its rows\n", c.pseudonym);
		}
	}
	counsel_key_forget(&c.key);
	arena_free(a);
	store_close(s);
	return status;
}
