/* audit_labels.c — the audit log's words for people: each action, object
 * type and outcome a capability writes (audit_add) as a translated label,
 * so that the log at /intern/protokoll and its filters read without
 * knowing the codes. The committees' actions ("policy.meeting.create")
 * are named by their kind and what was done. */
#include "auth/admin_views.h"
#include "core/core.h"
#include "core/i18n.h"

#include <string.h>

struct label {
	const char *name, *label;
};

static const struct label actions[] = {
	{ "login", N_("Anmeldung im internen Bereich") },
	{ "logout", N_("Abmeldung aus dem internen Bereich") },
	{ "contact_list", N_("Nachrichten aufgelistet") },
	{ "contact_read", N_("Nachricht gelesen") },
	{ "contact_done", N_("Nachricht erledigt") },
	{ "contact_reopen", N_("Nachricht wieder geöffnet") },
	{ "contact_delete", N_("Nachricht gelöscht") },
	{ "page_save", N_("Seite gespeichert") },
	{ "page_create", N_("Seite angelegt") },
	{ "page_restore", N_("Seite wiederhergestellt") },
	{ "dir_merge", N_("Einträge zusammengeführt") },
	{ "dir_draft_submit", N_("Änderungsvorschlag eingereicht") },
	{ "dir_draft_approve", N_("Änderungsvorschlag freigegeben") },
	{ "dir_draft_reject", N_("Änderungsvorschlag abgelehnt") },
	{ "offers_import", N_("Angebote importiert") },
	{ "hsds_import", N_("HSDS-Dateien importiert") },
	{ "hsds_export", N_("HSDS-Dateien exportiert") },
	{ "dir_create", N_("Eintrag angelegt") },
	{ "dir_save", N_("Eintrag gespeichert") },
	{ "dir_archive", N_("Eintrag archiviert") },
	{ "dir_restore", N_("Eintrag wiederhergestellt") },
	{ "dir_verify", N_("Angebot als geprüft markiert") },
	{ "dir_partner_verify", N_("Angebot vom Partner als aktuell bestätigt") },
	{ "access_denied", N_("Zugriff verweigert") },
	{ "csrf_rejected", N_("Formular abgelehnt") },
	{ "user_add", N_("Konto angelegt") },
	{ "user_roles", N_("Rollen geändert") },
	{ "user_disable", N_("Konto gesperrt") },
	{ "user_enable", N_("Konto freigegeben") },
	{ "password_reset", N_("Passwort zurückgesetzt") },
	{ "password_change", N_("Passwort geändert") },
	{ "login_code", N_("Anmeldung mit Code (zweiter Faktor)") },
	{ "totp_on", N_("Zweiter Faktor eingeschaltet") },
	{ "totp_off", N_("Zweiter Faktor ausgeschaltet") },
	{ "reauth", N_("Anmeldung erneut bestätigt") },
	{ "sessions_end", N_("Andere Sitzungen beendet") },
	{ "session_expire", N_("Abgelaufene Sitzungen entfernt") },
	{ "user_profile", N_("Kontoangaben geändert") },
	{ "backup", N_("Sicherung erstellt") },
	{ "restore", N_("Sicherung zurückgespielt") },
	{ "contact_expire", N_("Alte Nachrichten gelöscht (Aufbewahrungsfrist)") },
	{ "dir_translation_save", N_("Übersetzung gespeichert") },
	{ "dir_translation_delete", N_("Übersetzung gelöscht") },
	{ "synonym_add", N_("Suchwort hinzugefügt") },
	{ "synonym_delete", N_("Suchwort gelöscht") },
	{ "term_add", N_("Kategorie angelegt") },
	{ "term_save", N_("Kategorie gespeichert") },
	{ "analysis_export", N_("Analyse exportiert") },
	{ "event_create", N_("Veranstaltung angelegt") },
	{ "event_update", N_("Veranstaltung geändert") },
	{ "event_cancel", N_("Veranstaltung abgesagt") },
	{ "event_uncancel", N_("Absage zurückgenommen") },
	{ "event_attended", N_("Teilnahme vermerkt") },
	{ "event_not_attended", N_("Teilnahme zurückgenommen") },
	{ "event_attendance_view", N_("Anwesenheitsliste geöffnet") },
	{ "event_registrations_export", N_("Anmeldungen exportiert") },
	{ "event_registration_expire", N_("Alte Anmeldungen gelöscht (Aufbewahrungsfrist)") },
	{ "event_minutes_save", N_("Protokoll gespeichert") },
	{ "event_item_add", N_("Protokollpunkt hinzugefügt") },
	{ "event_item_update", N_("Protokollpunkt geändert") },
	{ "event_item_delete", N_("Protokollpunkt gelöscht") },
	{ "event_item_done", N_("Aufgabe erledigt") },
	{ "counsel_create", N_("Beratungsfall angelegt") },
	{ "counsel_change", N_("Beratungsfall geändert") },
	{ "counsel_read", N_("Beratungsfall gelesen") },
	{ "counsel_list", N_("Beratungsfälle aufgelistet") },
	{ "counsel_search", N_("Beratungsfälle durchsucht") },
	{ "counsel_close", N_("Beratungsfall abgeschlossen") },
	{ "counsel_reopen", N_("Beratungsfall wieder geöffnet") },
	{ "counsel_restrict", N_("Verarbeitung eingeschränkt") },
	{ "counsel_unrestrict", N_("Einschränkung aufgehoben") },
	{ "counsel_share", N_("Beratungsfall geteilt") },
	{ "counsel_unshare", N_("Teilen beendet") },
	{ "counsel_profile", N_("Angaben zum Beratungsfall geändert") },
	{ "counsel_identity_read", N_("Identität gelesen") },
	{ "counsel_identity_change", N_("Identität geändert") },
	{ "counsel_break_glass", N_("Notfallzugriff") },
	{ "counsel_export", N_("Beratungsfall exportiert (Auskunft)") },
	{ "counsel_erase", N_("Beratungsfall gelöscht") },
	{ "counsel_erase_ask", N_("Löschung beantragt") },
	{ "counsel_retention_erase", N_("Beratungsfall gelöscht (Aufbewahrungsfrist)") },
	{ "counsel_referral_add", N_("Vermittlung angelegt") },
	{ "counsel_referral_move", N_("Vermittlung fortgeschrieben") },
	{ "counsel_provider_move", N_("Vermittlung vom Träger beantwortet") },
	{ "counsel_provider_read", N_("Vermittlung vom Träger gelesen") },
	{ "counsel_reassign", N_("Beratungsfall neu zugewiesen") },
	{ "counsel_stats", N_("Beratungsstatistik angesehen") },
	{ "counsel_team", N_("Fälle des Teams angesehen") },
	{ "counsel_team_add", N_("Beratungsteam angelegt") },
	{ "counsel_team_member", N_("Mitglied eines Beratungsteams geändert") },
	{ "iv_project_create", N_("Interviewprojekt angelegt") },
	{ "iv_member_add", N_("Projektmitglied hinzugefügt") },
	{ "iv_doc_add", N_("Interviewdokument hinzugefügt") },
	{ "iv_doc_delete", N_("Interviewdokument gelöscht") },
	{ "iv_doc_read", N_("Interviewdokument gelesen") },
	{ "iv_doc_vars", N_("Variablen eines Dokuments geändert") },
	{ "iv_doc_event", N_("Dokument einer Veranstaltung zugeordnet") },
	{ "iv_pseudonymise", N_("Dokument pseudonymisiert") },
	{ "iv_keys_read", N_("Pseudonymliste gelesen") },
	{ "iv_code_add", N_("Code angelegt") },
	{ "iv_code_save", N_("Code geändert") },
	{ "iv_code_merge", N_("Codes zusammengeführt") },
	{ "iv_code_split", N_("Code aufgeteilt") },
	{ "iv_code_term", N_("Code einer Kategorie zugeordnet") },
	{ "iv_var_term", N_("Variable einer Kategorie zugeordnet") },
	{ "iv_code_memo", N_("Memo eines Codes gespeichert") },
	{ "iv_code_memo_delete", N_("Memo eines Codes gelöscht") },
	{ "iv_codeset_add", N_("Codeset angelegt") },
	{ "iv_codeset_delete", N_("Codeset gelöscht") },
	{ "iv_coding_add", N_("Codierung hinzugefügt") },
	{ "iv_coding_delete", N_("Codierung gelöscht") },
	{ "iv_memo_add", N_("Memo hinzugefügt") },
	{ "iv_search", N_("Interviews durchsucht") },
	{ "iv_segments_read", N_("Segmente gelesen") },
	{ "iv_segments_export", N_("Segmente exportiert") },
	{ "iv_agreement", N_("Übereinstimmung der Codierenden berechnet") },
	{ "iv_import", N_("REFI-QDA-Projekt importiert") },
	{ "iv_export_qdc", N_("Codebuch exportiert (REFI-QDA)") },
	{ "iv_export_qdpx", N_("Projekt exportiert (REFI-QDA)") },
	{ "iv_case_add", N_("Fall angelegt (Interviews)") },
	{ "iv_case_edit", N_("Fall geändert (Interviews)") },
	{ "iv_case_delete", N_("Fall gelöscht (Interviews)") },
	{ "iv_case_docs", N_("Dokumente eines Falls geändert") },
	{ "iv_case_vars", N_("Variablen eines Falls geändert") },
	{ "survey_create", N_("Umfrage angelegt") },
	{ "survey.import", N_("Umfrage importiert") },
	{ "survey_settings", N_("Einstellungen einer Umfrage geändert") },
	{ "survey_texts", N_("Texte einer Umfrage geändert") },
	{ "survey_page_add", N_("Seite einer Umfrage angelegt") },
	{ "survey_page_condition", N_("Bedingung einer Seite geändert") },
	{ "survey_question_create", N_("Frage angelegt") },
	{ "survey_question_update", N_("Frage geändert") },
	{ "survey_question_delete", N_("Frage gelöscht") },
	{ "survey_activate", N_("Umfrage gestartet") },
	{ "survey_close", N_("Umfrage beendet") },
	{ "survey_new_version", N_("Neue Version einer Umfrage") },
	{ "survey_invites", N_("Einladungscodes erzeugt") },
	{ "survey_tags", N_("Kategorien einer Frage geändert") },
	{ "survey_responses_export", N_("Antworten exportiert") },
	{ "survey_responses_import", N_("Antworten importiert") },
	{ "policy.import.oparl", N_("OParl-Daten importiert") },
};

static const struct label outcomes[] = {
	{ "ok", N_("erfolgreich") },
	{ "failed", N_("fehlgeschlagen") },
	{ "locked", N_("gesperrt nach Fehlversuchen") },
	{ "throttled", N_("gebremst nach Fehlversuchen") },
	{ "busy", N_("abgewiesen: zu viele Anmeldungen zugleich") },
	{ "disabled", N_("Konto gesperrt") },
	{ "unknown", N_("unbekannte E-Mail-Adresse") },
	{ "denied", N_("verweigert") },
	{ "cli", N_("über die Kommandozeile") },
	{ "refused", N_("abgelehnt") },
	{ "partial", N_("teilweise") },
};

/* The committees' kinds of record: their actions "policy.KIND.VERB" and
 * their object types "pol_KIND". */
static const struct label pol_kinds[] = {
	{ "body", N_("Gremium") },
	{ "meeting", N_("Sitzung") },
	{ "item", N_("Tagesordnungspunkt") },
	{ "paper", N_("Vorlage") },
	{ "consultation", N_("Beratung einer Vorlage") },
	{ "file", N_("Datei") },
	{ "process", N_("Entscheidungsprozess") },
	{ "step", N_("Prozessschritt") },
	{ "action", N_("Aufgabe") },
	{ "membership", N_("Mitgliedschaft") },
	{ "person", N_("Person") },
	{ "term", N_("Wahlperiode") },
};

static const struct label pol_verbs[] = {
	{ "create", N_("angelegt") },
	{ "update", N_("geändert") },
	{ "delete", N_("gelöscht") },
	{ "move", N_("verschoben") },
	{ "done", N_("erledigt") },
	{ "reopen", N_("wieder geöffnet") },
	{ "upload", N_("hochgeladen") },
	{ "replace", N_("ersetzt") },
};

static const struct label object_types[] = {
	{ "user", N_("Konto") },
	{ "route", N_("Adresse") },
	{ "service", N_("Angebot") },
	{ "organization", N_("Träger") },
	{ "location", N_("Standort") },
	{ "service_draft", N_("Änderungsvorschlag") },
	{ "file", N_("Datei") },
	{ "folder", N_("Ordner") },
	{ "counsel_case", N_("Beratungsfall") },
	{ "counsel_referral", N_("Vermittlung") },
	{ "counsel_team", N_("Beratungsteam") },
	{ "counsel_stats", N_("Beratungsstatistik") },
	{ "iv_project", N_("Interviewprojekt") },
	{ "iv_document", N_("Interviewdokument") },
	{ "iv_code", N_("Code") },
	{ "iv_case", N_("Fall (Interviews)") },
	{ "survey", N_("Umfrage") },
	{ "event", N_("Veranstaltung") },
	{ "event_registration", N_("Anmeldung zu einer Veranstaltung") },
	{ "page", N_("Seite") },
	{ "contact_message", N_("Nachricht") },
	{ "session", N_("Anmeldesitzung") },
	{ "table", N_("Tabelle") },
};

/* The label of name in v[0..n), or NULL; name may end at len. */
static const char *find(struct req *r, const struct label *v, size_t n, const char *name, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(v[i].name) == len && strncmp(v[i].name, name, len) == 0)
			return T(r, v[i].label);
	return NULL;
}

const char *admin_action_label(struct req *r, const char *action)
{
	const char *l = find(r, actions, NELEM(actions), action, strlen(action));
	if (l)
		return l;
	/* "policy.meeting.create": "Sitzung angelegt" */
	const char *kind = strncmp(action, "policy.", 7) == 0 ? action + 7 : NULL;
	const char *dot = kind ? strchr(kind, '.') : NULL;
	const char *k = dot ? find(r, pol_kinds, NELEM(pol_kinds), kind, (size_t)(dot - kind)) : NULL;
	const char *v = k ? find(r, pol_verbs, NELEM(pol_verbs), dot + 1, strlen(dot + 1)) : NULL;
	return v ? arena_printf(r->a, "%s %s", k, v) : action;
}

const char *admin_outcome_label(struct req *r, const char *outcome)
{
	const char *l = find(r, outcomes, NELEM(outcomes), outcome, strlen(outcome));
	return l ? l : outcome;
}

const char *admin_object_label(struct req *r, const char *type)
{
	const char *l = find(r, object_types, NELEM(object_types), type, strlen(type));
	if (!l && strncmp(type, "pol_", 4) == 0)
		l = find(r, pol_kinds, NELEM(pol_kinds), type + 4, strlen(type + 4));
	return l ? l : type;
}
