/* demo.c — the interviews' demo for `lotse init --demo`: a project with
 * fictional interviews (two young people, a mother, a teacher, a
 * company) and one expert talk, a codebook of barriers and needs, and the
 * codings of two demo researchers (forschung1, forschung2, whose accounts
 * are made here with their passwords printed once), who agree mostly, so
 * that retrieval and agreement have something to show. Every name and
 * story is invented. */
#include "interviews/interviews.h"
#include "interviews/iv_internal.h"
#include "auth/auth.h"
#include "core/core.h"

#include <stdio.h>
#include <string.h>

struct demo_doc {
	const char *name, *kind, *group, *district, *lang, *text;
	const char *date, *participants, *topic;
};

static const struct demo_doc docs[] = {
	{ "Interview 01 – Jugendlicher, 17", "interview", "Jugendliche", "Neustadt", "Arabisch",
	  "[00:00:04] I: Erzähl mal, wie bist du nach Mainz gekommen?\n"
	  "B: Mit meiner Familie vor drei Jahren, aus Syrien. Am Anfang habe ich kein Wort Deutsch verstanden.\n"
	  "I: Und wie war die Schule?\n"
	  "B: In der Intensivklasse war es gut, die Lehrerin war sehr geduldig. Aber die Fachwörter in Mathe sind "
	  "immer noch schwer.\n"
	  "[00:04:12] I: Weißt du schon, was du nach der Schule machen willst?\n"
	  "B: Ich möchte Elektriker werden. Aber ich weiß nicht, wo ich mich bewerben soll und ob mein Zeugnis reicht.\n"
	  "I: Hat dir jemand dabei geholfen?\n"
	  "B: Ein Mentor vom Jugendmigrationsdienst. Mit ihm habe ich einen Lebenslauf geschrieben. Ein Praktikum "
	  "hätte ich gern, damit der Betrieb mich kennenlernt.\n",
	  NULL, NULL, NULL },
	{ "Interview 02 – Jugendliche, 19", "interview", "Jugendliche", "Mombach", "Dari",
	  "I: Wie lange bist du schon in Deutschland?\n"
	  "B: Seit 2021. Meinen Schulabschluss aus Afghanistan haben sie hier nicht anerkannt.\n"
	  "I: Was bedeutet das für dich?\n"
	  "B: Ich muss den Hauptschulabschluss nachholen, obwohl ich zwölf Jahre in der Schule war. Das ist frustrierend.\n"
	  "[00:06:40] I: Was würde dir helfen?\n"
	  "B: Ein Sprachkurs am Abend, weil ich tagsüber arbeite. Und jemand, der mir die Formulare erklärt.\n"
	  "B: Mein Aufenthalt ist nur geduldet, viele Betriebe fragen danach und sagen dann ab.\n",
	  NULL, NULL, NULL },
	{ "Interview 03 – Mutter", "interview", "Eltern", "Neustadt", "Türkisch",
	  "I: Wie unterstützen Sie Ihren Sohn bei der Berufswahl?\n"
	  "B: Ich möchte helfen, aber ich kenne das deutsche System nicht. Ausbildung, Berufsschule, das gibt es bei "
	  "uns so nicht.\n"
	  "I: Woher bekommen Sie Informationen?\n"
	  "B: Vom Elternabend, aber dort wird sehr schnell gesprochen. Informationen in meiner Sprache wären gut.\n"
	  "I: Was wünschen Sie sich?\n"
	  "B: Eine Beratung für Eltern, zusammen mit meinem Sohn, am besten mit einer Dolmetscherin.\n",
	  NULL, NULL, NULL },
	{ "Interview 04 – Lehrerin", "interview", "Lehrkräfte", "Altstadt", "Deutsch",
	  "I: Welche Schwierigkeiten sehen Sie beim Übergang in die Ausbildung?\n"
	  "B: Die Sprache ist oft das größte Hindernis, vor allem die Fachsprache in den Prüfungen.\n"
	  "B: Viele Jugendliche wissen nicht, welche Berufe es gibt. Die Eltern können da wenig helfen.\n"
	  "I: Was funktioniert gut?\n"
	  "B: Praktika in kleinen Betrieben. Wenn ein Meister jemanden kennt, zählen die Noten weniger.\n"
	  "B: Wir bräuchten mehr Zeit für Begleitung, eine Person, die auch nach dem Schulabschluss da ist.\n",
	  NULL, NULL, NULL },
	{ "Interview 05 – Handwerksbetrieb", "interview", "Betriebe", "Hechtsheim", "Deutsch",
	  "I: Bilden Sie junge Menschen mit Migrationsgeschichte aus?\n"
	  "B: Ja, zwei Auszubildende zurzeit. Die Motivation ist sehr hoch.\n"
	  "I: Wo gibt es Probleme?\n"
	  "B: In der Berufsschule, wegen der Sprache. Und bei der Bürokratie mit der Ausländerbehörde, das dauert lange.\n"
	  "B: Ein Praktikum vorher hilft uns sehr, dann wissen wir, ob es passt.\n",
	  NULL, NULL, NULL },
	{ "Expertengespräch – Übergang Schule–Beruf", "expert", "Expertinnen und Experten", "Mainz", "Deutsch",
	  "Moderation: Welche Lücken sehen Sie im Angebot?\n"
	  "Frau Beispiel: Es gibt viele Angebote, aber sie sind schwer zu finden, und die Informationen sind fast nur "
	  "auf Deutsch.\n"
	  "Herr Muster: Die Anerkennung ausländischer Abschlüsse dauert zu lange, die Jugendlichen verlieren ein Jahr.\n"
	  "Frau Beispiel: Sprachförderung müsste berufsbezogen sein und neben der Ausbildung weiterlaufen.\n"
	  "Moderation: Was wäre der wichtigste nächste Schritt?\n"
	  "Herr Muster: Eine feste Ansprechperson für jeden Jugendlichen, vom Praktikum bis zur Prüfung.\n",
	  "2026-11-18", "Frau Beispiel, Jugendmigrationsdienst, Beraterin\nHerr Muster, Handwerkskammer, Ausbildungsberater",
	  "Lücken im Übergang Schule–Beruf" },
};

struct demo_code {
	const char *name, *parent, *color, *desc;
	const char *need; /* the term of the directory's Angebotsart it stands for, or NULL */
};

static const struct demo_code codes[] = {
	{ "Barrieren", NULL, "#d9534f", "Was den Weg in Ausbildung oder Arbeit erschwert.", NULL },
	{ "Sprache", "Barrieren", "#f0ad4e", "Sprachkenntnisse, Fachsprache, Prüfungssprache.", "sprachfoerderung" },
	{ "Anerkennung von Abschlüssen", "Barrieren", "#e07b39", "Abschlüsse aus dem Herkunftsland werden nicht oder spät anerkannt.", "beratung" },
	{ "Fehlende Informationen", "Barrieren", "#c9a227", "Das System, die Berufe und die Angebote sind nicht bekannt.", "berufsorientierung" },
	{ "Aufenthaltsstatus", "Barrieren", "#a94442", "Duldung, Behörden, unsichere Perspektive.", "beratung" },
	{ "Bedarfe", NULL, "#337ab7", "Was helfen würde.", NULL },
	{ "Sprachförderung", "Bedarfe", "#5bc0de", "Sprachkurse, berufsbezogene Sprachförderung.", "sprachfoerderung" },
	{ "Begleitung", "Bedarfe", "#5cb85c", "Mentoring, feste Ansprechperson.", "mentoring" },
	{ "Praktikum", "Bedarfe", "#8fd19e", "Praktika und das Kennenlernen von Betrieben.", "berufsorientierung" },
	{ "Elternberatung", "Bedarfe", "#9b8fd1", "Beratung und Informationen für Eltern.", "elternarbeit" },
};

/* The variables' values as the evidence loop's terms (iv_var_term). */
static const struct iv_var_term var_terms[] = {
	{ "Gruppe", "Jugendliche", "group", "schuelerinnen" },
	{ "Gruppe", "Eltern", "group", "eltern" },
	{ "Gruppe", "Betriebe", "group", "betriebe" },
	{ "Stadtteil", "Neustadt", "district", "mainz-neustadt" },
	{ "Stadtteil", "Mombach", "district", "mainz-mombach" },
	{ "Stadtteil", "Altstadt", "district", "mainz-altstadt" },
	{ "Stadtteil", "Hechtsheim", "district", "mainz-hechtsheim" },
	{ "Sprache", "Arabisch", "language", "ar" },
	{ "Sprache", "Dari", "language", "fa" },
	{ "Sprache", "Türkisch", "language", "tr" },
	{ "Sprache", "Deutsch", "language", "de" },
};

/* A coding of the words what in document d with code c; coder 1, 2 or 3 (both). */
struct demo_coding {
	int doc;
	const char *what, *code;
	int coder;
};

static const struct demo_coding codings[] = {
	{ 0, "kein Wort Deutsch verstanden", "Sprache", 3 },
	{ 0, "die Fachwörter in Mathe sind immer noch schwer", "Sprache", 3 },
	{ 0, "ich weiß nicht, wo ich mich bewerben soll", "Fehlende Informationen", 3 },
	{ 0, "ob mein Zeugnis reicht", "Anerkennung von Abschlüssen", 1 },
	{ 0, "Ein Mentor vom Jugendmigrationsdienst", "Begleitung", 3 },
	{ 0, "Ein Praktikum hätte ich gern, damit der Betrieb mich kennenlernt", "Praktikum", 3 },
	{ 1, "Meinen Schulabschluss aus Afghanistan haben sie hier nicht anerkannt", "Anerkennung von Abschlüssen", 3 },
	{ 1, "Ein Sprachkurs am Abend", "Sprachförderung", 3 },
	{ 1, "jemand, der mir die Formulare erklärt", "Begleitung", 2 },
	{ 1, "Mein Aufenthalt ist nur geduldet", "Aufenthaltsstatus", 3 },
	{ 2, "ich kenne das deutsche System nicht", "Fehlende Informationen", 3 },
	{ 2, "dort wird sehr schnell gesprochen", "Sprache", 1 },
	{ 2, "Informationen in meiner Sprache wären gut", "Elternberatung", 3 },
	{ 2, "Eine Beratung für Eltern, zusammen mit meinem Sohn", "Elternberatung", 3 },
	{ 3, "Die Sprache ist oft das größte Hindernis", "Sprache", 3 },
	{ 3, "Viele Jugendliche wissen nicht, welche Berufe es gibt", "Fehlende Informationen", 3 },
	{ 3, "Die Eltern können da wenig helfen", "Elternberatung", 2 },
	{ 3, "Praktika in kleinen Betrieben", "Praktikum", 3 },
	{ 3, "eine Person, die auch nach dem Schulabschluss da ist", "Begleitung", 3 },
	{ 4, "wegen der Sprache", "Sprache", 3 },
	{ 4, "Bürokratie mit der Ausländerbehörde", "Aufenthaltsstatus", 3 },
	{ 4, "Ein Praktikum vorher hilft uns sehr", "Praktikum", 3 },
	{ 5, "die Informationen sind fast nur auf Deutsch", "Fehlende Informationen", 3 },
	{ 5, "Die Anerkennung ausländischer Abschlüsse dauert zu lange", "Anerkennung von Abschlüssen", 3 },
	{ 5, "Sprachförderung müsste berufsbezogen sein", "Sprachförderung", 3 },
	{ 5, "Eine feste Ansprechperson für jeden Jugendlichen", "Begleitung", 3 },
};

static int64_t code_id(const int64_t *ids, const char *name)
{
	for (size_t i = 0; i < NELEM(codes); i++)
		if (strcmp(codes[i].name, name) == 0)
			return ids[i];
	return 0;
}

/* A demo researcher's account (made, its password printed) and coder. */
static int researcher(struct store *s, int64_t pid, const char *local, const char *name, int64_t *coder)
{
	char email[64], pw[20];
	snprintf(email, sizeof(email), "%s@demo.lotse.invalid", local);
	auth_random_password(pw, sizeof(pw), 16);
	int64_t uid;
	if (auth_user_add(s, email, name, pw, ROLE_RESEARCHER, NULL, &uid) != ST_OK)
		return ST_ERR;
	printf("  %-34s %s\n", email, pw);
	int64_t u2;
	int rc = iv_member_add(s, pid, email, &u2);
	return rc == ST_OK ? iv_coder_of(s, pid, uid, coder) : rc;
}

int iv_demo_load(struct store *s, char *err, size_t errlen)
{
	err[0] = '\0';
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	int64_t pid = 0, c1 = 0, c2 = 0;
	if (rc == ST_OK)
		rc = iv_project_create(s, "Übergänge Schule–Beruf in Mainz (Demo)",
				       "Fiktive Interviews mit Jugendlichen, Eltern, einer Lehrerin und einem Betrieb und ein "
				       "Expertengespräch: Welche Barrieren erleben junge Migrantinnen und Migranten auf dem Weg "
				       "in die Ausbildung, und was brauchen sie?",
				       NULL, 0, &pid);
	if (rc == ST_OK) {
		printf("\ninterview researchers (the passwords are shown only now):\n");
		rc = researcher(s, pid, "forschung1", "Forschung Eins", &c1);
	}
	if (rc == ST_OK)
		rc = researcher(s, pid, "forschung2", "Forschung Zwei", &c2);
	/* the demo role account, when there is one, sees the project too */
	int64_t uid;
	if (rc == ST_OK) {
		int m = iv_member_add(s, pid, "researcher@demo.lotse.invalid", &uid);
		rc = m == ST_NOTFOUND ? ST_OK : m;
	}
	int64_t ids[NELEM(codes)];
	for (size_t i = 0; rc == ST_OK && i < NELEM(codes); i++) {
		struct iv_code c = { .parent_id = codes[i].parent ? code_id(ids, codes[i].parent) : 0, .name = codes[i].name,
				     .color = codes[i].color, .description = codes[i].desc, .memo = "" };
		rc = iv_code_save(s, pid, &c, &ids[i]);
		if (rc == ST_OK && codes[i].need)
			rc = iv_code_term_set(s, pid, ids[i], "angebotsart", codes[i].need);
	}
	for (size_t i = 0; rc == ST_OK && i < NELEM(var_terms); i++)
		rc = iv_var_term_set(s, pid, var_terms[i].name, var_terms[i].value, var_terms[i].dim, var_terms[i].term);
	int64_t doc_ids[NELEM(docs)];
	for (size_t i = 0; rc == ST_OK && i < NELEM(docs); i++) {
		struct iv_doc d = { .project_id = pid, .name = docs[i].name, .kind = docs[i].kind, .body = docs[i].text,
				    .talk_date = docs[i].date, .participants = docs[i].participants, .topic = docs[i].topic };
		rc = iv_doc_add(s, &d, &doc_ids[i]);
		if (rc == ST_OK)
			rc = iv_doc_var_set(s, doc_ids[i], "Gruppe", docs[i].group);
		if (rc == ST_OK)
			rc = iv_doc_var_set(s, doc_ids[i], "Stadtteil", docs[i].district);
		if (rc == ST_OK)
			rc = iv_doc_var_set(s, doc_ids[i], "Sprache", docs[i].lang);
	}
	for (size_t i = 0; rc == ST_OK && i < NELEM(codings); i++) {
		const struct demo_coding *c = &codings[i];
		const char *text = docs[c->doc].text;
		const char *at = strstr(text, c->what);
		if (!at) {
			snprintf(err, errlen, "demo interviews: \"%s\" is not in document %d", c->what, c->doc);
			rc = ST_ERR;
			break;
		}
		long start = iv_cp_count(text, (size_t)(at - text));
		long end = start + iv_cp_count(c->what, strlen(c->what));
		for (int k = 1; rc == ST_OK && k <= 2; k++) {
			if (!(c->coder & k))
				continue;
			/* the second coder takes a few words more at the end now and then */
			long e = end;
			if (k == 2 && i % 3 == 0) {
				size_t tl = strlen(text), b = iv_cp_offset(text, tl, e);
				while (b < tl && text[b] != '\n' && text[b] != '.' && text[b] != ',')
					b++;
				e = iv_cp_count(text, b);
			}
			rc = iv_coding_add(s, pid, doc_ids[c->doc], code_id(ids, c->code), k == 1 ? c1 : c2, start, e, NULL, NULL);
		}
	}
	if (rc == ST_OK) {
		struct iv_memo m = { .text = "Auffällig: Praktika werden von Jugendlichen, Lehrkräften und Betrieben "
					     "gleichermaßen als Türöffner genannt." };
		rc = iv_memo_add(s, pid, &m, c1);
	}
	rc = store_tx_end(s, &tx, rc);
	if (rc != ST_OK && !*err)
		snprintf(err, errlen, "the demo interviews could not be stored");
	return rc;
}
