/* demo.c — the committees of the seed page for `lotse init --demo`: the
 * Arbeitskreis Multikulturelle Gesellschaft, RIFI, the Initiativausschuss
 * Migration and the Ausländerbeirat, with fictional members, meetings,
 * agenda items, papers, and the decision process "Ausbildungslotsen an
 * allen Realschulen plus" followed over 2026. */
#include "policy/policy.h"

#include <stdio.h>
#include <string.h>

/* A minimal PDF (one empty page) for the demo minutes. */
static const char demo_pdf[] =
	"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
	"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
	"trailer<</Root 1 0 R>>\n%%EOF\n";

#define TRY(x)                  \
	do {                    \
		if ((rc = (x)) != ST_OK) \
			goto out;       \
	} while (0)

int pol_demo_load(struct store *s, char *err, size_t errlen)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		goto out;
	int64_t ak, rifi, ia, ab;
	TRY(pol_body_save(s, &(struct pol_body){ .name = "Arbeitskreis Multikulturelle Gesellschaft", .short_name = "AK MKG",
					     .kind = "Arbeitskreis",
					     .description = "Träger, Schulen, Kammern und Migrantenorganisationen beraten, wie junge Menschen mit Migrationsgeschichte besser in Ausbildung kommen." },
			  &ak));
	TRY(pol_body_save(s, &(struct pol_body){ .name = "RIFI – Rheinhessische Initiative für Integration", .short_name = "RIFI",
					     .kind = "Initiative",
					     .description = "Netzwerk der Integrationsarbeit in Rheinhessen." },
			  &rifi));
	TRY(pol_body_save(s, &(struct pol_body){ .name = "Initiativausschuss Migration", .short_name = "IAM",
					     .kind = "Ausschuss",
					     .description = "Ausschuss von Stadtrat, Verwaltung und Verbänden zu Fragen der Migration." },
			  &ia));
	TRY(pol_body_save(s, &(struct pol_body){ .name = "Ausländerbeirat", .short_name = "ABR", .kind = "Beirat",
					     .description = "Die gewählte Vertretung der Einwohnerinnen und Einwohner ohne deutschen Pass." },
			  &ab));
	TRY(pol_term_save(s, &(struct pol_term){ .name = "Wahlperiode 2024–2029", .start_date = "2024-07-01",
					     .end_date = "2029-06-30" },
			 NULL));

	static const struct {
		const char *given, *family, *org;
	} people[] = {
		{ "Selin", "Aydın", "Ausländerbeirat" },  { "Marek", "Nowak", "Handwerkskammer" },
		{ "Hanna", "Becker", "BQN-Netzwerk" },    { "Yusuf", "Haddad", "Migrantenorganisation" },
		{ "Olena", "Kovalenko", "Jugendmigrationsdienst" }, { "Thomas", "Weber", "Stadtverwaltung" },
	};
	int64_t pid[6];
	for (size_t i = 0; i < 6; i++) {
		char name[128];
		snprintf(name, sizeof(name), "%s %s", people[i].given, people[i].family);
		TRY(pol_person_save(s, &(struct pol_person){ .name = name, .given_name = people[i].given,
						       .family_name = people[i].family, .organisation = people[i].org },
				   &pid[i]));
	}
	static const struct {
		int person, body;
		const char *role, *start, *end;
	} members[] = {
		{ 0, 3, "Vorsitzende", "2024-07-01", NULL }, { 3, 3, "Mitglied", "2024-07-01", NULL },
		{ 4, 3, "Mitglied", "2024-07-01", "2025-12-31" }, { 2, 0, "Sprecherin", "2023-01-01", NULL },
		{ 1, 0, "Mitglied", "2023-01-01", NULL },        { 4, 0, "Mitglied", "2026-02-01", NULL },
		{ 3, 1, "Mitglied", "2022-05-01", NULL },        { 2, 1, "Koordination", "2022-05-01", NULL },
		{ 5, 2, "Vorsitzender", "2024-09-01", NULL },   { 0, 2, "Mitglied", "2024-09-01", NULL },
		{ 2, 2, "beratendes Mitglied", "2024-09-01", NULL },
	};
	int64_t body_ids[4] = { ak, rifi, ia, ab };
	for (size_t i = 0; i < sizeof(members) / sizeof(members[0]); i++)
		TRY(pol_membership_save(s, &(struct pol_membership){ .person_id = pid[members[i].person],
								 .body_id = body_ids[members[i].body], .role = members[i].role,
								 .voting_right = 1, .start_date = members[i].start,
								 .end_date = members[i].end },
				       NULL));

	/* the papers of the process */
	int64_t p1, p2, p3, p4, p5;
	TRY(pol_paper_save(s, &(struct pol_paper){ .reference = "AK-2026/01", .name = "Ausbildungslotsen an allen Realschulen plus",
					      .date = "2026-01-20", .kind = "Antrag", .originator = "Arbeitskreis Multikulturelle Gesellschaft",
					      .body_id = ak, .public = 1,
					      .summary = "Der Arbeitskreis beantragt, an jeder Realschule plus in Mainz eine Ausbildungslotsin oder einen Ausbildungslotsen einzusetzen, der Jugendliche mit Migrationsgeschichte ab Klasse 8 begleitet." },
			   &p1));
	TRY(pol_paper_save(s, &(struct pol_paper){ .reference = "ABR-2026/03", .name = "Stellungnahme des Ausländerbeirats zu Ausbildungslotsen",
					      .date = "2026-03-12", .kind = "Stellungnahme", .originator = "Ausländerbeirat", .body_id = ab,
					      .public = 1,
					      .summary = "Der Ausländerbeirat unterstützt den Antrag und bittet, Eltern in ihren Sprachen einzubeziehen." },
			   &p2));
	TRY(pol_paper_save(s, &(struct pol_paper){ .reference = "IAM-2026/07", .name = "Anfrage: Kosten und Finanzierung der Ausbildungslotsen",
					      .date = "2026-05-04", .kind = "Anfrage", .originator = "Initiativausschuss Migration", .body_id = ia,
					      .public = 1, .summary = "Welche Kosten entstehen, und welche Förderprogramme kommen in Frage?" },
			   &p3));
	TRY(pol_paper_save(s, &(struct pol_paper){ .reference = "V-2026/112", .name = "Vorlage: Einführung von Ausbildungslotsen ab dem Schuljahr 2026/27",
					      .date = "2026-06-15", .kind = "Vorlage", .originator = "Stadtverwaltung Mainz, Amt für Jugend und Familie",
					      .public = 1,
					      .summary = "Die Verwaltung schlägt vor, zum Schuljahr 2026/27 an sechs Realschulen plus mit Ausbildungslotsen zu beginnen und 2027 auszuweiten." },
			   &p4));
	TRY(pol_paper_save(s, &(struct pol_paper){ .reference = "AK-2026/09", .name = "Personalfragen der Lotsenstellen (nicht öffentlich)",
					      .date = "2026-09-02", .kind = "Vorlage", .originator = "Arbeitskreis Multikulturelle Gesellschaft",
					      .body_id = ak, .public = 0, .summary = "Vertraulich: Besetzung der Stellen." },
			   &p5));

	/* meetings, their agenda, consultations */
	static const struct {
		int body;
		const char *name, *start, *end, *place, *state;
	} meetings[] = {
		{ 0, "1. Sitzung 2026 des Arbeitskreises", "2026-02-03T16:00:00Z", "2026-02-03T18:00:00Z", "Rathaus Mainz, Raum 2.14", "held" },
		{ 3, "Sitzung des Ausländerbeirats März 2026", "2026-03-18T17:00:00Z", "2026-03-18T19:30:00Z", "Rathaus Mainz, Ratssaal", "held" },
		{ 2, "Sitzung des Initiativausschusses Juni 2026", "2026-06-24T15:00:00Z", "2026-06-24T17:00:00Z", "Stadthaus Große Bleiche", "held" },
		{ 1, "RIFI-Netzwerktreffen Herbst 2026", "2026-10-08T14:00:00Z", "2026-10-08T16:00:00Z", "Haus der Jugend Mainz", "held" },
		{ 0, "4. Sitzung 2026 des Arbeitskreises", "2026-11-10T16:00:00Z", "2026-11-10T18:00:00Z", "Rathaus Mainz, Raum 2.14", "held" },
		{ 3, "Sitzung des Ausländerbeirats Januar 2027", "2027-01-20T17:00:00Z", NULL, "Rathaus Mainz, Ratssaal", "invited" },
		{ 2, "Sitzung des Initiativausschusses Februar 2027", "2027-02-10T15:00:00Z", NULL, "Stadthaus Große Bleiche", "planned" },
	};
	int64_t mid[7];
	for (size_t i = 0; i < 7; i++)
		TRY(pol_meeting_save(s, &(struct pol_meeting){ .body_id = body_ids[meetings[i].body], .name = meetings[i].name,
							  .start_at = meetings[i].start, .end_at = meetings[i].end,
							  .place = meetings[i].place, .state = meetings[i].state },
				     &mid[i]));
	static const struct {
		int meeting, pub, paper; /* paper: index into papers, -1 none */
		const char *number, *name, *result, *purpose;
	} items[] = {
		{ 0, 1, -1, "1", "Begrüßung und Tagesordnung", "", NULL },
		{ 0, 1, 0, "2", "Antrag: Ausbildungslotsen an allen Realschulen plus", "einstimmig beschlossen", "decision" },
		{ 0, 1, -1, "3", "Berichte aus den Projekten", "zur Kenntnis genommen", NULL },
		{ 1, 1, 0, "1", "Antrag des Arbeitskreises zu Ausbildungslotsen", "Stellungnahme beschlossen", "preliminary" },
		{ 1, 1, 1, "2", "Stellungnahme des Ausländerbeirats", "beschlossen", "decision" },
		{ 1, 0, -1, "3", "Personalangelegenheiten (nicht öffentlich)", "", NULL },
		{ 2, 1, 2, "1", "Anfrage zu Kosten und Finanzierung", "beantwortet", "information" },
		{ 2, 1, 3, "2", "Vorlage: Einführung von Ausbildungslotsen", "mit Änderungen empfohlen", "decision" },
		{ 3, 1, 3, "1", "Ausbildungslotsen: Stand der Umsetzung", "zur Kenntnis genommen", "information" },
		{ 4, 1, 3, "1", "Erfahrungen der ersten Monate an sechs Schulen", "zur Kenntnis genommen", "information" },
		{ 4, 0, 4, "2", "Personalfragen der Lotsenstellen", "", "decision" },
		{ 5, 1, -1, "1", "Ausweitung der Ausbildungslotsen 2027", "", NULL },
	};
	int64_t papers[5] = { p1, p2, p3, p4, p5 };
	int pos[7] = { 0 };
	int64_t minutes_item = 0;
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		int64_t iid;
		int m = items[i].meeting;
		TRY(pol_item_add(s, &(struct pol_item){ .meeting_id = mid[m], .number = items[i].number,
						   .position = ++pos[m], .name = items[i].name, .public = items[i].pub,
						   .result = items[i].result, .resolution = "" },
				 &iid));
		if (i == 1)
			minutes_item = iid;
		if (items[i].paper >= 0)
			TRY(pol_consultation_add(s, &(struct pol_consultation){ .paper_id = papers[items[i].paper],
									   .meeting_id = mid[m], .item_id = iid,
									   .body_id = body_ids[meetings[m].body],
									   .purpose = items[i].purpose, .result = items[i].result },
						 NULL));
	}
	(void)minutes_item;
	TRY(pol_file_add(s, &(struct pol_file){ .name = "Niederschrift der 1. Sitzung 2026", .file_name = "niederschrift-ak-2026-1.pdf",
					   .mime_type = "application/pdf", .role = "minutes", .meeting_id = mid[0], .public = 1,
					   .date = "2026-02-10" },
			 demo_pdf, sizeof(demo_pdf) - 1, NULL));
	TRY(pol_file_add(s, &(struct pol_file){ .name = "Antrag AK-2026/01 (PDF)", .file_name = "antrag-ak-2026-01.pdf",
					   .mime_type = "application/pdf", .role = "attachment", .paper_id = p1, .public = 1,
					   .date = "2026-01-20" },
			 demo_pdf, sizeof(demo_pdf) - 1, NULL));
	TRY(pol_file_add(s, &(struct pol_file){ .name = "Stellenplan (vertraulich)", .file_name = "stellenplan.pdf",
					   .mime_type = "application/pdf", .role = "attachment", .paper_id = p5, .public = 0,
					   .date = "2026-09-02" },
			 demo_pdf, sizeof(demo_pdf) - 1, NULL));

	/* the decision process over the year */
	int64_t proc;
	TRY(pol_process_add(s, &(struct pol_process){ .title = "Ausbildungslotsen an allen Realschulen plus", .public = 1,
						 .summary = "Wie aus einem Antrag des Arbeitskreises ein Angebot an sechs Schulen wurde: Antrag, Stellungnahmen, Beratung, Beschluss und Umsetzung 2026." },
			    &proc));
	static const struct {
		const char *date, *kind, *text;
		int paper, meeting;
	} steps[] = {
		{ "2026-01-20", "proposal", "Der Arbeitskreis stellt den Antrag, an allen Realschulen plus Ausbildungslotsen einzusetzen.", 0, -1 },
		{ "2026-02-03", "decision", "Der Arbeitskreis beschließt den Antrag einstimmig und gibt ihn an den Ausländerbeirat und den Initiativausschuss.", 0, 0 },
		{ "2026-03-18", "contribution", "Der Ausländerbeirat unterstützt den Antrag in einer Stellungnahme und bittet, Eltern in ihren Sprachen einzubeziehen.", 1, 1 },
		{ "2026-05-04", "consultation", "Der Initiativausschuss fragt nach Kosten und Förderung.", 2, -1 },
		{ "2026-06-24", "decision", "Der Initiativausschuss empfiehlt die Vorlage der Verwaltung mit Änderungen: Start an sechs Schulen.", 3, 2 },
		{ "2026-09-01", "implementation", "Zum Schuljahr 2026/27 beginnen Ausbildungslotsen an sechs Realschulen plus.", -1, -1 },
		{ "2026-11-10", "contribution", "Der Arbeitskreis wertet die ersten Monate aus und schlägt die Ausweitung 2027 vor.", 3, 4 },
	};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		TRY(pol_step_add(s, &(struct pol_step){ .process_id = proc, .date = steps[i].date, .kind = steps[i].kind,
						   .text = steps[i].text,
						   .paper_id = steps[i].paper >= 0 ? papers[steps[i].paper] : 0,
						   .meeting_id = steps[i].meeting >= 0 ? mid[steps[i].meeting] : 0 },
				 NULL));
	/* the papers and agenda items findable right away */
	TRY(pol_search_refresh(s, NULL));
out:
	rc = store_tx_end(s, &tx, rc);
	if (rc != ST_OK)
		snprintf(err, errlen, "cannot store the demo committees");
	return rc;
}
