/* routes.c — every URL lotse answers, with its permission and CSRF need.
 *
 * To add a page: write the handler in its module, add one line here.
 * Order matters only where patterns overlap: the first match wins, so
 * literal paths come before "{}" catch-alls. */
#include "routes.h"
#include "core/core.h"
#include "auth/auth.h"
#include "counselling/counselling.h"
#include "directory/hsds/api.h"
#include "directory/import/import.h"
#include "directory/public/public.h"
#include "directory/staff/staff.h"
#include "events/events.h"
#include "analysis/analysis.h"
#include "http/static.h"
#include "policy/policy.h"
#include "site/site.h"
#include "staff/staff.h"
#include "surveys/surveys.h" /* surveys (#18) */
/* interviews and expert talks (#15) */
#include "interviews/interviews.h"

#define GET HTTP_GET
#define POST HTTP_POST

/* The staff dashboard's cards, by capability, in this order. */
static const staff_panel dashboard_panels[] = { site_staff_panel, dir_staff_panel, events_staff_panel,
						 pol_staff_panel, auth_staff_panel,
						 counsel_staff_panel /* counselling (#14) */,
						 iv_staff_panel /* interviews and expert talks (#15) */,
						 survey_staff_panel /* surveys (#18) */,
						 an_staff_panel /* the evidence loop (#17) */ };

/* What waits for the user, at the top of the dashboard (#12). */
static const staff_todos dashboard_todos[] = { site_staff_todos, dir_staff_todos,
						 counsel_staff_todos /* counselling (#14) */ };

static void dashboard(struct req *r, struct resp *w)
{
	staff_dashboard(r, w, dashboard_panels, NELEM(dashboard_panels), dashboard_todos, NELEM(dashboard_todos));
}

/* the same, as a line on every other staff page (#12) */
void app_staff_notice(html *h, struct req *r)
{
	staff_notice(h, r, dashboard_todos, NELEM(dashboard_todos));
}

const struct route app_routes[] = {
	/* public website */
	{ GET, "/", site_home, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/kontakt", site_contact_form, PERM_PUBLIC, CSRF_EXEMPT },
	/* A public form without a session: nothing to ride on, so no token;
	 * abuse is met by the honeypot and the rate limit. */
	{ POST, "/kontakt", site_contact_send, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/kontakt/danke", site_contact_thanks, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/healthz", site_healthz, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/robots.txt", site_robots, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/sitemap.xml", site_sitemap, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/favicon.ico", site_favicon, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/static/{}", static_handle, PERM_PUBLIC, CSRF_EXEMPT },
	/* accounts; the login form carries the anonymous pre-session token */
	{ GET, "/login", auth_login_form, PERM_PUBLIC, CSRF_EXEMPT },
	{ POST, "/login", auth_login, PERM_PUBLIC, CSRF_CHECK },
	{ GET, "/login/code", auth_login_code_form, PERM_PUBLIC, CSRF_EXEMPT },
	{ POST, "/login/code", auth_login_code, PERM_PUBLIC, CSRF_CHECK },
	{ POST, "/logout", auth_logout, PERM_STAFF, CSRF_CHECK },
	/* staff area */
	{ GET, "/intern", dashboard, PERM_STAFF, CSRF_EXEMPT },
	/* staff area: the website's pages (editors) */
	{ GET, "/intern/seiten", site_editor_list, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/seiten/neu", site_editor_create, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/seiten/{}/{}", site_editor_form, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/seiten/{}/{}", site_editor_save, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/seiten/{}/{}/versionen", site_editor_history, PERM_EDITOR, CSRF_EXEMPT },
	{ GET, "/intern/seiten/{}/{}/versionen/{}", site_editor_revision, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/seiten/{}/{}/versionen/{}/wiederherstellen", site_editor_restore, PERM_EDITOR,
	  CSRF_CHECK },
	/* staff area: contact messages (editors; personal data, every view audited) */
	{ GET, "/intern/nachrichten", site_inbox_list, PERM_EDITOR, CSRF_EXEMPT },
	{ GET, "/intern/nachrichten/suche", site_inbox_search_form, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/nachrichten/suche", site_inbox_search, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/nachrichten/suche/loeschen", site_inbox_erase, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/nachrichten/{}", site_inbox_show, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/nachrichten/{}/erledigt", site_inbox_status, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/nachrichten/{}/loeschen", site_inbox_delete, PERM_EDITOR, CSRF_CHECK },
	/* accounts: user administration and the audit log (admins), my account (everyone) */
	{ GET, "/intern/benutzer", auth_admin_users, PERM_ADMIN, CSRF_EXEMPT },
	{ POST, "/intern/benutzer", auth_admin_user_add, PERM_ADMIN, CSRF_CHECK },
	{ GET, "/intern/benutzer/{}", auth_admin_user, PERM_ADMIN, CSRF_EXEMPT },
	{ POST, "/intern/benutzer/{}/angaben", auth_admin_user_profile, PERM_ADMIN, CSRF_CHECK },
	{ POST, "/intern/benutzer/{}/rollen", auth_admin_user_roles, PERM_ADMIN, CSRF_CHECK },
	{ POST, "/intern/benutzer/{}/sperren", auth_admin_user_disable, PERM_ADMIN, CSRF_CHECK },
	{ POST, "/intern/benutzer/{}/passwort", auth_admin_user_password, PERM_ADMIN, CSRF_CHECK },
	{ GET, "/intern/protokoll", auth_admin_audit, PERM_ADMIN, CSRF_EXEMPT },
	{ GET, "/intern/konto", auth_account, PERM_STAFF, CSRF_EXEMPT },
	{ POST, "/intern/konto/passwort", auth_account_password, PERM_STAFF, CSRF_CHECK },
	{ GET, "/intern/konto/zwei-faktor", auth_second_enrol_form, PERM_STAFF, CSRF_EXEMPT },
	{ POST, "/intern/konto/zwei-faktor", auth_second_enrol, PERM_STAFF, CSRF_CHECK },
	{ POST, "/intern/konto/zwei-faktor/aus", auth_second_disable, PERM_STAFF, CSRF_CHECK },
	{ POST, "/intern/konto/sitzungen", auth_account_sessions_end, PERM_STAFF, CSRF_CHECK },
	/* directory: the public page of one offer (?druck=1: print view) and of one provider */
	{ GET, "/angebote", dir_public_finder, PERM_PUBLIC, CSRF_EXEMPT }, /* the offer finder (GET form) */
	{ GET, "/angebote/karte", dir_public_finder_map, PERM_PUBLIC, CSRF_EXEMPT }, /* the finder's results on a map */
	{ GET, "/angebote/{}", dir_public_offer, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/traeger/{}", dir_public_org, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/merkliste", dir_public_keep, PERM_PUBLIC, CSRF_EXEMPT }, /* the list is its link (?ids=) */
	/* directory: the HSDS 3.0 API (open data, read-only, any origin) */
	{ GET, "/api/hsds", dir_hsds_api_root, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/api/hsds/services", dir_hsds_api_services, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/api/hsds/services/{}", dir_hsds_api_service, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/api/hsds/organizations", dir_hsds_api_orgs, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/api/hsds/organizations/{}", dir_hsds_api_org, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/api/hsds/taxonomies", dir_hsds_api_taxonomies, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/api/hsds/taxonomies/{}", dir_hsds_api_taxonomy, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/api/hsds/taxonomy_terms", dir_hsds_api_terms, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/api/hsds/taxonomy_terms/{}", dir_hsds_api_term, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/api/hsds/service_at_locations", dir_hsds_api_sals, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/api/hsds/service_at_locations/{}", dir_hsds_api_sal, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/api/hsds/{}", dir_hsds_api_unknown, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/api/hsds/{}/{}", dir_hsds_api_unknown, PERM_PUBLIC, CSRF_EXEMPT },
	/* directory, staff area: offers, providers and locations (editors) */
	{ GET, "/intern/angebote", dir_staff_offers, PERM_EDITOR, CSRF_EXEMPT },
	{ GET, "/intern/angebote/neu", dir_staff_offer_new, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/angebote/neu", dir_staff_offer_create, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/angebote/veraltet", dir_staff_stale, PERM_EDITOR, CSRF_EXEMPT },
	{ GET, "/intern/angebote/{}", dir_staff_offer, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/angebote/{}", dir_staff_offer_save, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/angebote/{}/archivieren", dir_staff_offer_archive, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/angebote/{}/geprueft", dir_staff_offer_verify, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/angebote/{}/verlauf", dir_staff_offer_log, PERM_EDITOR, CSRF_EXEMPT },
	{ GET, "/intern/angebote/{}/zusammenfuehren", dir_staff_offer_merge_form, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/angebote/{}/zusammenfuehren", dir_staff_offer_merge, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/angebote/{}/uebersetzungen", dir_staff_offer_translations, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/angebote/{}/uebersetzungen", dir_staff_offer_translations_save, PERM_EDITOR, CSRF_CHECK },
	/* staff area: the flat offer import (a CSV file, one row per offer) */
	{ GET, "/intern/kategorien", dir_staff_vocab_terms, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/kategorien/neu", dir_staff_vocab_term_add, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/kategorien/{}", dir_staff_vocab_term_save, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/suchwoerter", dir_staff_vocab_synonyms, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/suchwoerter", dir_staff_vocab_synonym_add, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/suchwoerter/loeschen", dir_staff_vocab_synonym_del, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/import", dir_import_form, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/import", dir_import_upload, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/import/vorlage.csv", dir_import_template, PERM_EDITOR, CSRF_EXEMPT },
	{ GET, "/intern/traeger", dir_staff_orgs, PERM_EDITOR, CSRF_EXEMPT },
	{ GET, "/intern/traeger/neu", dir_staff_org_new, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/traeger/neu", dir_staff_org_create, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/traeger/{}", dir_staff_org, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/traeger/{}", dir_staff_org_save, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/traeger/{}/archivieren", dir_staff_org_archive, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/traeger/{}/verlauf", dir_staff_org_log, PERM_EDITOR, CSRF_EXEMPT },
	{ GET, "/intern/traeger/{}/zusammenfuehren", dir_staff_org_merge_form, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/traeger/{}/zusammenfuehren", dir_staff_org_merge, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/traeger/{}/standorte/neu", dir_staff_location_new, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/traeger/{}/standorte/neu", dir_staff_location_create, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/traeger/{}/standorte/{}", dir_staff_location, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/traeger/{}/standorte/{}", dir_staff_location_save, PERM_EDITOR, CSRF_CHECK },
	/* directory, staff area: review of partner drafts (editors) */
	{ GET, "/intern/pruefung", dir_staff_review_list, PERM_EDITOR, CSRF_EXEMPT },
	{ GET, "/intern/pruefung/{}", dir_staff_review_show, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/pruefung/{}/freigeben", dir_staff_review_approve, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/pruefung/{}/ablehnen", dir_staff_review_reject, PERM_EDITOR, CSRF_CHECK },
	/* directory, staff area: a partner's own offers (drafts; object check in partner.c) */
	{ GET, "/intern/meine-angebote", dir_staff_partner_offers, PERM_PARTNER, CSRF_EXEMPT },
	{ GET, "/intern/meine-angebote/neu", dir_staff_partner_offer_new, PERM_PARTNER, CSRF_EXEMPT },
	{ POST, "/intern/meine-angebote/neu", dir_staff_partner_offer_create, PERM_PARTNER, CSRF_CHECK },
	{ POST, "/intern/meine-angebote/aktuell", dir_staff_partner_verify, PERM_PARTNER, CSRF_CHECK },
	{ GET, "/intern/meine-angebote/{}", dir_staff_partner_offer, PERM_PARTNER, CSRF_EXEMPT },
	{ POST, "/intern/meine-angebote/{}", dir_staff_partner_offer_save, PERM_PARTNER, CSRF_CHECK },
	{ GET, "/intern/meine-angebote/{}/uebersetzungen", dir_staff_partner_translations, PERM_PARTNER, CSRF_EXEMPT },
	{ POST, "/intern/meine-angebote/{}/uebersetzungen", dir_staff_partner_translations_save, PERM_PARTNER,
	  CSRF_CHECK },
	/* events: the list, the archive, an event's page (and {id}.ics), the
	 * calendar feed; registration without an account (the anonymous
	 * pre-session token guards the forms), the registrant's own page */
	{ GET, "/veranstaltungen", events_public_list, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/veranstaltungen.ics", events_public_feed, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/veranstaltungen/archiv", events_public_archive, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/veranstaltungen/anmeldung/{}", events_public_reg, PERM_PUBLIC, CSRF_EXEMPT },
	{ POST, "/veranstaltungen/anmeldung/{}/abmelden", events_public_reg_cancel, PERM_PUBLIC, CSRF_CHECK },
	{ GET, "/veranstaltungen/{}", events_public_page, PERM_PUBLIC, CSRF_EXEMPT },
	{ POST, "/veranstaltungen/{}/anmeldung", events_public_register, PERM_PUBLIC, CSRF_CHECK },
	/* events, staff area (editors) */
	{ GET, "/intern/veranstaltungen", events_staff_list, PERM_EDITOR, CSRF_EXEMPT },
	{ GET, "/intern/veranstaltungen/neu", events_staff_new, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/veranstaltungen/neu", events_staff_create, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/veranstaltungen/{}", events_staff_edit, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/veranstaltungen/{}", events_staff_save, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/veranstaltungen/{}/absagen", events_staff_cancel, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/veranstaltungen/{}/anwesenheit", events_staff_attendance, PERM_EDITOR, CSRF_EXEMPT },
	{ GET, "/intern/veranstaltungen/{}/anmeldungen.csv", events_staff_csv, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/veranstaltungen/{}/protokoll", events_minutes_save_form, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/veranstaltungen/{}/punkte", events_item_add_form, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/veranstaltungen/{}/punkte/{}/erledigt", events_item_done_form, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/aufgaben", events_actions_list, PERM_EDITOR, CSRF_EXEMPT },
	/* events: attendance ticked off on the day (#16) */
	{ GET, "/intern/veranstaltungen/{}/einlass", events_staff_checkin, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/veranstaltungen/{}/einlass/{}", events_staff_checkin_set, PERM_EDITOR, CSRF_CHECK },
	/* events: a decision or action item of the minutes changed or deleted (#16) */
	{ GET, "/intern/veranstaltungen/{}/punkte/{}", events_item_edit_form, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/veranstaltungen/{}/punkte/{}", events_item_edit_form, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/veranstaltungen/{}/punkte/{}/loeschen", events_item_delete_form, PERM_EDITOR, CSRF_CHECK },
	/* the pages in Leichte Sprache (German plain language) */
	{ GET, "/leichte-sprache", site_plain_page, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/leichte-sprache/{}", site_plain_page, PERM_PUBLIC, CSRF_EXEMPT },
	/* committees and decision processes: public pages (only what is public) */
	{ GET, "/gremien", pol_public_bodies, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/gremien/suche", pol_public_search, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/gremien/{}", pol_public_body, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/sitzungen/{}", pol_public_meeting, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/vorlagen", pol_public_papers, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/vorlagen/{}", pol_public_paper, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/prozesse/{}", pol_public_process, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/dateien/{}", pol_public_file, PERM_PUBLIC, CSRF_EXEMPT },
	/* committees, staff area: bodies, meetings, agenda, papers, files (editors) */
	{ GET, "/intern/gremien", pol_editor_home, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/gremien/neu", pol_editor_body_create, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/gremien/{}", pol_editor_body, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/gremien/{}", pol_editor_body, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/gremien/{}/sitzungen", pol_editor_meeting_create, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/sitzungen/{}", pol_editor_meeting, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/sitzungen/{}", pol_editor_meeting, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/sitzungen/{}/punkte", pol_editor_item_create, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/sitzungen/{}/punkte/{}", pol_editor_item_edit, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/sitzungen/{}/punkte/{}", pol_editor_item_edit, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/sitzungen/{}/beratungen", pol_editor_consultation_create, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/sitzungen/{}/dateien", pol_editor_file_upload, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/sitzungen/{}/aufgaben", pol_editor_action_create, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/sitzungen/{}/aufgaben/{}/erledigt", pol_editor_action_done, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/vorlagen/neu", pol_editor_paper_create, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/vorlagen/{}", pol_editor_paper_edit, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/vorlagen/{}", pol_editor_paper_edit, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/prozesse", pol_editor_processes, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/prozesse/neu", pol_editor_process_create, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/prozesse/{}", pol_editor_process, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/prozesse/{}/schritte", pol_editor_step_create, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/gremien/{}/mitglieder", pol_editor_member_create, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/mitgliedschaften/{}", pol_editor_membership, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/mitgliedschaften/{}", pol_editor_membership, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/personen", pol_editor_persons, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/personen/neu", pol_editor_person_create, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/personen/{}", pol_editor_person, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/personen/{}", pol_editor_person, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/wahlperioden", pol_editor_terms, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/wahlperioden/neu", pol_editor_term_create, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/wahlperioden/{}", pol_editor_term, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/wahlperioden/{}", pol_editor_term, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/gremien/loeschen/{}/{}", pol_editor_delete, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/gremien/loeschen/{}/{}", pol_editor_delete, PERM_EDITOR, CSRF_CHECK },
	/* committees: changing consultations, files, processes and their steps, action items (#16) */
	{ GET, "/intern/sitzungen/{}/beratungen/{}", pol_editor_consultation_edit, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/sitzungen/{}/beratungen/{}", pol_editor_consultation_edit, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/dateien/{}", pol_editor_file_edit, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/dateien/{}", pol_editor_file_edit, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/vorlagen/{}/dateien", pol_editor_paper_file_upload, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/prozesse/{}", pol_editor_process_save, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/prozesse/{}/schritte/{}", pol_editor_step_edit, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/prozesse/{}/schritte/{}", pol_editor_step_edit, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/prozesse/{}/schritte/{}/verschieben", pol_editor_step_move, PERM_EDITOR, CSRF_CHECK },
	{ GET, "/intern/sitzungen/{}/aufgaben/{}", pol_editor_action_edit, PERM_EDITOR, CSRF_EXEMPT },
	{ POST, "/intern/sitzungen/{}/aufgaben/{}", pol_editor_action_edit, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/sitzungen/{}/aufgaben/{}/loeschen", pol_editor_action_delete, PERM_EDITOR, CSRF_CHECK },
	{ POST, "/intern/sitzungen/{}/punkte/{}/verschieben", pol_editor_item_move, PERM_EDITOR, CSRF_CHECK },
	/* committees: the OParl 1.1 API (open data, read-only, any origin) */
	{ GET, "/oparl/v1", pol_oparl_system, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/oparl/v1/body", pol_oparl_body, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/oparl/v1/body/{}", pol_oparl_body, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/oparl/v1/body/{}/{}", pol_oparl_list, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/oparl/v1/{}/{}", pol_oparl_object, PERM_PUBLIC, CSRF_EXEMPT },
	/* surveys (#18): the public collection (a response is its resume code,
	 * kept in a cookie; the forms carry the anonymous pre-session token) */
	{ GET, "/umfrage/{}", survey_public_page, PERM_PUBLIC, CSRF_EXEMPT },
	{ POST, "/umfrage/{}", survey_public_post, PERM_PUBLIC, CSRF_CHECK },
	{ GET, "/umfrage/{}/fortsetzen", survey_public_resume, PERM_PUBLIC, CSRF_EXEMPT },
	{ POST, "/umfrage/{}/fortsetzen", survey_public_resume_post, PERM_PUBLIC, CSRF_CHECK },
	/* counselling (#14): case files (counsellors: own, shared, the team's for a
	 * lead; any other case is 404), the provider's referrals (partners),
	 * the statistics (aggregates of consenting cases; counsellors) */
	{ GET, "/intern/beratung", counsel_list, PERM_COUNSELLOR, CSRF_EXEMPT },
	{ GET, "/intern/beratung/neu", counsel_new_form, PERM_COUNSELLOR, CSRF_EXEMPT },
	{ GET, "/intern/beratung/team", counsel_team_page, PERM_COUNSELLOR, CSRF_EXEMPT },
	{ POST, "/intern/beratung/team/zuweisen", counsel_reassign, PERM_COUNSELLOR, CSRF_CHECK },
	{ GET, "/intern/beratung/teams", counsel_teams_page, PERM_ADMIN, CSRF_EXEMPT },
	{ POST, "/intern/beratung/teams", counsel_team_add, PERM_ADMIN, CSRF_CHECK },
	{ POST, "/intern/beratung/teams/mitglied", counsel_member_set, PERM_ADMIN, CSRF_CHECK },
	{ POST, "/intern/beratung/suche", counsel_search_post, PERM_COUNSELLOR, CSRF_CHECK },
	{ POST, "/intern/beratung/neu", counsel_create, PERM_COUNSELLOR, CSRF_CHECK },
	{ GET, "/intern/beratung/{}", counsel_case_page, PERM_COUNSELLOR, CSRF_EXEMPT },
	{ POST, "/intern/beratung/{}/profil", counsel_profile_save, PERM_COUNSELLOR, CSRF_CHECK },
	{ GET, "/intern/beratung/{}/identitaet", counsel_identity_page, PERM_COUNSELLOR, CSRF_EXEMPT },
	{ POST, "/intern/beratung/{}/identitaet", counsel_identity_save, PERM_COUNSELLOR, CSRF_CHECK },
	{ POST, "/intern/beratung/{}/einwilligungen", counsel_consent_add, PERM_COUNSELLOR, CSRF_CHECK },
	{ POST, "/intern/beratung/{}/einwilligungen/{}/widerruf", counsel_consent_withdraw, PERM_COUNSELLOR,
	  CSRF_CHECK },
	{ POST, "/intern/beratung/{}/gespraeche", counsel_session_add, PERM_COUNSELLOR, CSRF_CHECK },
	{ POST, "/intern/beratung/{}/ziele", counsel_goal_add, PERM_COUNSELLOR, CSRF_CHECK },
	{ POST, "/intern/beratung/{}/ziele/{}/schritte", counsel_step_add, PERM_COUNSELLOR, CSRF_CHECK },
	{ POST, "/intern/beratung/{}/schritte/{}/erledigt", counsel_step_done, PERM_COUNSELLOR, CSRF_CHECK },
	{ GET, "/intern/beratung/{}/passende-angebote", counsel_match_page, PERM_COUNSELLOR, CSRF_EXEMPT },
	{ POST, "/intern/beratung/{}/vermittlungen", counsel_referral_add, PERM_COUNSELLOR, CSRF_CHECK },
	{ POST, "/intern/beratung/{}/vermittlungen/{}/status", counsel_referral_move, PERM_COUNSELLOR, CSRF_CHECK },
	{ POST, "/intern/beratung/{}/ergebnisse/{}", counsel_outcome_save, PERM_COUNSELLOR, CSRF_CHECK },
	{ POST, "/intern/beratung/{}/abschliessen", counsel_close, PERM_COUNSELLOR, CSRF_CHECK },
	{ POST, "/intern/beratung/{}/einschraenken", counsel_restrict, PERM_COUNSELLOR, CSRF_CHECK },
	{ GET, "/intern/beratung/{}/auskunft", counsel_export_page, PERM_COUNSELLOR, CSRF_EXEMPT },
	{ GET, "/intern/beratung/{}/loeschen", counsel_erase_form, PERM_COUNSELLOR, CSRF_EXEMPT },
	{ POST, "/intern/beratung/{}/loeschen", counsel_erase, PERM_COUNSELLOR, CSRF_CHECK },
	{ POST, "/intern/beratung/{}/teilen", counsel_share_add, PERM_COUNSELLOR, CSRF_CHECK },
	{ POST, "/intern/beratung/{}/teilen/{}/aufheben", counsel_share_remove, PERM_COUNSELLOR, CSRF_CHECK },
	{ GET, "/intern/beratung/{}/notfall", counsel_glass_form, PERM_COUNSELLOR, CSRF_EXEMPT },
	{ POST, "/intern/beratung/{}/notfall", counsel_glass_read, PERM_COUNSELLOR, CSRF_CHECK },
	{ GET, "/intern/vermittlungen", counsel_provider_list, PERM_PARTNER, CSRF_EXEMPT },
	{ POST, "/intern/vermittlungen/{}/status", counsel_provider_move, PERM_PARTNER, CSRF_CHECK },
	{ GET, "/intern/statistik/beratung", counsel_stats_page, PERM_CASE_STATS, CSRF_EXEMPT },
	/* interviews and expert talks (#15): researchers; only a project's
	 * members see it (checked in src/interviews/, 404 for anyone else) */
	{ GET, "/intern/interviews", iv_project_list, PERM_RESEARCHER, CSRF_EXEMPT },
	{ POST, "/intern/interviews/neu", iv_project_new, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/interviews/import", iv_import_post, PERM_RESEARCHER, CSRF_CHECK },
	{ GET, "/intern/interviews/{}", iv_project_page, PERM_RESEARCHER, CSRF_EXEMPT },
	{ GET, "/intern/interviews/{}/farben.css", iv_project_colors, PERM_RESEARCHER, CSRF_EXEMPT },
	{ POST, "/intern/interviews/{}/mitglieder", iv_project_member, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/interviews/{}/memos", iv_memo_post, PERM_RESEARCHER, CSRF_CHECK },
	{ GET, "/intern/interviews/{}/dokumente/neu", iv_doc_new_form, PERM_RESEARCHER, CSRF_EXEMPT },
	{ POST, "/intern/interviews/{}/dokumente/neu", iv_doc_upload, PERM_RESEARCHER, CSRF_CHECK },
	{ GET, "/intern/interviews/{}/dokumente/{}", iv_doc_page, PERM_RESEARCHER, CSRF_EXEMPT },
	{ POST, "/intern/interviews/{}/dokumente/{}/loeschen", iv_doc_remove, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/interviews/{}/dokumente/{}/variablen", iv_doc_vars_save, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/interviews/{}/dokumente/{}/kodieren", iv_coding_post, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/interviews/{}/dokumente/{}/kodierungen/{}/loeschen", iv_coding_remove, PERM_RESEARCHER,
	  CSRF_CHECK },
	{ POST, "/intern/interviews/{}/codes", iv_code_post, PERM_RESEARCHER, CSRF_CHECK },
	{ GET, "/intern/interviews/{}/codes/{}", iv_code_page, PERM_RESEARCHER, CSRF_EXEMPT },
	{ POST, "/intern/interviews/{}/codes/{}", iv_code_edit, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/interviews/{}/codes/{}/zusammenfuehren", iv_code_merge_post, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/interviews/{}/codes/{}/memo", iv_code_memo_post, PERM_RESEARCHER, CSRF_CHECK },
	{ GET, "/intern/interviews/{}/segmente", iv_segments_page, PERM_RESEARCHER, CSRF_EXEMPT },
	{ GET, "/intern/interviews/{}/segmente.csv", iv_segments_csv, PERM_RESEARCHER, CSRF_EXEMPT },
	{ GET, "/intern/interviews/{}/segmente.xlsx", iv_segments_xlsx, PERM_RESEARCHER, CSRF_EXEMPT },
	{ GET, "/intern/interviews/{}/matrix", iv_matrix_page, PERM_RESEARCHER, CSRF_EXEMPT },
	{ GET, "/intern/interviews/{}/ueberschneidungen", iv_cooc_page, PERM_RESEARCHER, CSRF_EXEMPT },
	{ GET, "/intern/interviews/{}/suche", iv_search_page, PERM_RESEARCHER, CSRF_EXEMPT },
	{ GET, "/intern/interviews/{}/uebereinstimmung", iv_agree_page, PERM_RESEARCHER, CSRF_EXEMPT },
	{ GET, "/intern/interviews/{}/projekt.qdpx", iv_export_qdpx, PERM_RESEARCHER, CSRF_EXEMPT },
	{ GET, "/intern/interviews/{}/codebuch.qdc", iv_export_qdc, PERM_RESEARCHER, CSRF_EXEMPT },
	/* surveys (#18), staff area (researchers): the builder and the analysis */
	{ GET, "/intern/umfragen", survey_staff_list, PERM_RESEARCHER, CSRF_EXEMPT },
	{ POST, "/intern/umfragen/neu", survey_staff_create, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/umfragen/import", survey_staff_import, PERM_RESEARCHER, CSRF_CHECK },
	{ GET, "/intern/umfragen/{}", survey_staff_edit, PERM_RESEARCHER, CSRF_EXEMPT },
	{ POST, "/intern/umfragen/{}", survey_staff_settings, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/umfragen/{}/seiten", survey_staff_page_add, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/umfragen/{}/seiten/{}", survey_staff_page_cond, PERM_RESEARCHER, CSRF_CHECK },
	{ GET, "/intern/umfragen/{}/fragen/{}", survey_staff_question, PERM_RESEARCHER, CSRF_EXEMPT },
	{ POST, "/intern/umfragen/{}/fragen/{}", survey_staff_question_save, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/umfragen/{}/fragen/{}/loeschen", survey_staff_question_delete, PERM_RESEARCHER, CSRF_CHECK },
	{ GET, "/intern/umfragen/{}/texte", survey_staff_texts, PERM_RESEARCHER, CSRF_EXEMPT },
	{ POST, "/intern/umfragen/{}/texte", survey_staff_texts_save, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/umfragen/{}/aktivieren", survey_staff_activate, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/umfragen/{}/schliessen", survey_staff_close, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/umfragen/{}/neue-version", survey_staff_version, PERM_RESEARCHER, CSRF_CHECK },
	{ GET, "/intern/umfragen/{}/druck", survey_staff_print, PERM_RESEARCHER, CSRF_EXEMPT },
	{ GET, "/intern/umfragen/{}/codes", survey_staff_invites, PERM_RESEARCHER, CSRF_EXEMPT },
	{ POST, "/intern/umfragen/{}/codes", survey_staff_invites_make, PERM_RESEARCHER, CSRF_CHECK },
	{ GET, "/intern/umfragen/{}/auswertung", survey_staff_analysis, PERM_RESEARCHER, CSRF_EXEMPT },
	{ GET, "/intern/umfragen/{}/auswertung.json", survey_staff_json, PERM_RESEARCHER, CSRF_EXEMPT },
	{ GET, "/intern/umfragen/{}/kreuztabelle", survey_staff_crosstab, PERM_RESEARCHER, CSRF_EXEMPT },
	/* the evidence loop: coverage, funding, comparison, gaps, report and their
	 * tables as CSV, XLSX, JSON (researchers and editors); the public aggregate */
	{ GET, "/intern/analyse", an_staff_home, PERM_ANALYSIS, CSRF_EXEMPT },
	{ GET, "/intern/analyse/angebote", an_staff_cell, PERM_ANALYSIS, CSRF_EXEMPT },
	{ GET, "/intern/analyse/foerderung", an_staff_funding, PERM_ANALYSIS, CSRF_EXEMPT },
	{ GET, "/intern/analyse/vergleich", an_staff_compare, PERM_ANALYSIS, CSRF_EXEMPT },
	{ GET, "/intern/analyse/luecken", an_staff_gaps, PERM_ANALYSIS, CSRF_EXEMPT },
	{ GET, "/intern/analyse/ergebnisse", an_staff_outcomes, PERM_ANALYSIS, CSRF_EXEMPT },
	{ GET, "/intern/analyse/bericht", an_staff_report, PERM_ANALYSIS, CSRF_EXEMPT },
	{ GET, "/intern/analyse/daten/{}", an_staff_data, PERM_ANALYSIS, CSRF_EXEMPT },
	{ GET, "/angebotslandschaft", an_public_landscape, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/angebotslandschaft/{}", an_public_data, PERM_PUBLIC, CSRF_EXEMPT },
	/* surveys (#18): taxonomy tags of a question, its options and subquestions */
	{ GET, "/intern/umfragen/{}/fragen/{}/schlagworte", survey_staff_tags, PERM_RESEARCHER, CSRF_EXEMPT },
	{ POST, "/intern/umfragen/{}/fragen/{}/schlagworte", survey_staff_tags_save, PERM_RESEARCHER, CSRF_CHECK },
	{ GET, "/intern/umfragen/{}/bericht", survey_staff_report, PERM_RESEARCHER, CSRF_EXEMPT },
	{ GET, "/intern/umfragen/{}/antworten/{}", survey_staff_download, PERM_RESEARCHER, CSRF_EXEMPT },
	/* interviews (#15): the directory's terms, pseudonyms and their key list, an expert talk's event,
	 * code sets, splitting a code, the segments to print */
	{ POST, "/intern/interviews/{}/codes/{}/begriff", iv_code_term_post, PERM_RESEARCHER, CSRF_CHECK },
	{ GET, "/intern/interviews/{}/begriffe", iv_terms_page, PERM_RESEARCHER, CSRF_EXEMPT },
	{ POST, "/intern/interviews/{}/begriffe", iv_terms_post, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/interviews/{}/dokumente/{}/pseudonym", iv_doc_pseudonym_post, PERM_RESEARCHER, CSRF_CHECK },
	{ GET, "/intern/interviews/{}/schluessel", iv_keys_page, PERM_RESEARCHER, CSRF_EXEMPT },
	{ POST, "/intern/interviews/{}/dokumente/{}/veranstaltung", iv_doc_event_post, PERM_RESEARCHER, CSRF_CHECK },
	{ GET, "/intern/interviews/{}/sets", iv_sets_page, PERM_RESEARCHER, CSRF_EXEMPT },
	{ POST, "/intern/interviews/{}/sets", iv_sets_post, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/interviews/{}/sets/{}/loeschen", iv_sets_remove, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/interviews/{}/codes/{}/aufteilen", iv_code_split_post, PERM_RESEARCHER, CSRF_CHECK },
	{ GET, "/intern/interviews/{}/segmente/druck", iv_segments_print, PERM_RESEARCHER, CSRF_EXEMPT },
	{ GET, "/intern/interviews/{}/faelle", iv_cases_page, PERM_RESEARCHER, CSRF_EXEMPT },
	{ POST, "/intern/interviews/{}/faelle", iv_cases_post, PERM_RESEARCHER, CSRF_CHECK },
	{ GET, "/intern/interviews/{}/faelle/{}", iv_case_page, PERM_RESEARCHER, CSRF_EXEMPT },
	{ POST, "/intern/interviews/{}/faelle/{}", iv_case_edit, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/interviews/{}/faelle/{}/dokumente", iv_case_docs_post, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/interviews/{}/faelle/{}/variablen", iv_case_vars_post, PERM_RESEARCHER, CSRF_CHECK },
	{ POST, "/intern/interviews/{}/faelle/{}/loeschen", iv_case_remove, PERM_RESEARCHER, CSRF_CHECK },
	/* content pages by slug: last, it matches any one-segment path */
	{ GET, "/{}", site_page, PERM_PUBLIC, CSRF_EXEMPT },
};

const size_t app_routes_count = sizeof(app_routes) / sizeof(app_routes[0]);

int app_authorize(struct req *r, const struct route *route, struct resp *w)
{
	return auth_authorize(r, route, w);
}
