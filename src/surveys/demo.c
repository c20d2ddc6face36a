/* demo.c — the demo surveys of `lotse init --demo`: the needs survey of
 * young people at the transition school–training–work ("bedarf-2027") in
 * German, English, Arabic and Ukrainian with 3,000 generated responses (a
 * fixed pseudo-random sequence, so every demo database holds the same
 * answers), and the offer survey for providers ("angebote-2027"). */
#include "surveys/surveys.h"
#include "surveys/columns.h"
#include "core/core.h"

#include <stdio.h>
#include <string.h>

/* A text in the demo's languages: de, en, ar, uk (NULL: none). */
struct l4 {
	const char *de, *en, *ar, *uk;
};
static const char *const l4_langs[4] = { "de", "en", "ar", "uk" };

struct dopt {
	const char *code;
	struct l4 label;
};

struct dq {
	int page;
	const char *code;
	enum survey_qtype type;
	int mandatory, other;
	int has_range;
	double min, max;
	const char *cond;
	struct l4 text, help;
	const struct dopt *opts, *subs; /* ending in a NULL code */
};

static const struct dopt o_gender[] = {
	{ "w", { "weiblich", "female", "أنثى", "жіноча" } },
	{ "m", { "männlich", "male", "ذكر", "чоловіча" } },
	{ "d", { "divers", "diverse", "متنوع", "інша" } },
	{ "k", { "keine Angabe", "prefer not to say", "أفضل عدم الإجابة", "не вказувати" } },
	{ NULL, { 0 } },
};
static const struct dopt o_place[] = {
	{ "mainz", { "Mainz", "Mainz", "ماينتس", "Майнц" } },
	{ "lu", { "Ludwigshafen", "Ludwigshafen", "لودفيغسهافن", "Людвігсгафен" } },
	{ "mzbin", { "Landkreis Mainz-Bingen", "District of Mainz-Bingen", "منطقة ماينتس-بينغن", "Район Майнц-Бінген" } },
	{ "alzey", { "Landkreis Alzey-Worms", "District of Alzey-Worms", "منطقة ألتساي-فورمس", "Район Альцай-Вормс" } },
	{ "andere", { "woanders", "somewhere else", "مكان آخر", "деінде" } },
	{ NULL, { 0 } },
};
static const struct dopt o_since[] = {
	{ "u1", { "weniger als 1 Jahr", "less than 1 year", "أقل من سنة", "менше 1 року" } },
	{ "1-3", { "1 bis 3 Jahre", "1 to 3 years", "من سنة إلى 3 سنوات", "від 1 до 3 років" } },
	{ "3-5", { "3 bis 5 Jahre", "3 to 5 years", "من 3 إلى 5 سنوات", "від 3 до 5 років" } },
	{ "ue5", { "mehr als 5 Jahre", "more than 5 years", "أكثر من 5 سنوات", "понад 5 років" } },
	{ NULL, { 0 } },
};
static const struct dopt o_level[] = {
	{ "A1", { "A1 – Anfang", "A1 – beginner", "A1 – مبتدئ", "A1 – початковий" } },
	{ "A2", { "A2", "A2", "A2", "A2" } },
	{ "B1", { "B1", "B1", "B1", "B1" } },
	{ "B2", { "B2", "B2", "B2", "B2" } },
	{ "C1", { "C1 – sehr gut", "C1 – very good", "C1 – جيد جداً", "C1 – дуже добре" } },
	{ NULL, { 0 } },
};
static const struct dopt o_school[] = {
	{ "schule", { "Ich gehe zur Schule.", "I go to school.", "أذهب إلى المدرسة.", "Я ходжу до школи." } },
	{ "abschluss", { "Ich habe einen Schulabschluss.", "I have a school certificate.", "لدي شهادة مدرسية.",
			 "У мене є шкільний атестат." } },
	{ "ohne", { "Ich habe keinen Schulabschluss.", "I have no school certificate.", "ليس لدي شهادة مدرسية.",
		    "У мене немає шкільного атестата." } },
	{ "ausbildung", { "Ich mache eine Ausbildung.", "I am in vocational training.", "أقوم بتدريب مهني.",
			  "Я навчаюся професії." } },
	{ "arbeit", { "Ich arbeite.", "I work.", "أعمل.", "Я працюю." } },
	{ NULL, { 0 } },
};
static const struct dopt o_goal[] = {
	{ "ausbildung", { "eine Ausbildung", "vocational training", "تدريب مهني", "професійне навчання" } },
	{ "studium", { "ein Studium", "university studies", "دراسة جامعية", "навчання в університеті" } },
	{ "arbeit", { "direkt arbeiten", "work straight away", "العمل مباشرة", "одразу працювати" } },
	{ "schule", { "weiter zur Schule gehen", "stay in school", "مواصلة المدرسة", "далі вчитися в школі" } },
	{ "unklar", { "Ich weiß es noch nicht.", "I don't know yet.", "لا أعرف بعد.", "Я ще не знаю." } },
	{ NULL, { 0 } },
};
static const struct dopt o_field[] = {
	{ "pflege", { "Pflege und Gesundheit", "care and health", "التمريض والصحة", "догляд і здоров'я" } },
	{ "handwerk", { "Handwerk", "skilled trades", "الحِرف", "ремесла" } },
	{ "it", { "IT und Technik", "IT and technology", "تكنولوجيا المعلومات والتقنية", "ІТ і техніка" } },
	{ "handel", { "Handel und Büro", "retail and office", "التجارة والمكتب", "торгівля та офіс" } },
	{ "gastro", { "Hotel und Gastronomie", "hotels and catering", "الفنادق والمطاعم", "готелі та ресторани" } },
	{ "logistik", { "Lager und Logistik", "warehouse and logistics", "المستودعات والخدمات اللوجستية",
			"склад і логістика" } },
	{ NULL, { 0 } },
};
static const struct dopt o_help[] = {
	{ "sprache", { "Deutsch lernen", "learning German", "تعلم اللغة الألمانية", "вивчення німецької" } },
	{ "bewerbung", { "Bewerbungen schreiben", "writing applications", "كتابة طلبات التوظيف", "написання заяв" } },
	{ "praktikum", { "einen Praktikumsplatz finden", "finding an internship", "إيجاد مكان للتدريب العملي",
			 "знайти практику" } },
	{ "anerkennung", { "Anerkennung meiner Zeugnisse", "recognition of my certificates", "الاعتراف بشهاداتي",
			   "визнання моїх документів" } },
	{ "finanzen", { "Geld während der Ausbildung", "money during training", "المال أثناء التدريب",
			"гроші під час навчання" } },
	{ "beratung", { "persönliche Beratung", "personal counselling", "استشارة شخصية", "особиста консультація" } },
	{ NULL, { 0 } },
};
static const struct dopt o_likert[] = {
	{ "1", { "gar nicht zufrieden", "not at all satisfied", "غير راضٍ إطلاقاً", "зовсім не задоволений" } },
	{ "2", { "wenig zufrieden", "slightly satisfied", "راضٍ قليلاً", "мало задоволений" } },
	{ "3", { "teils, teils", "partly", "بين بين", "частково" } },
	{ "4", { "eher zufrieden", "fairly satisfied", "راضٍ إلى حد ما", "скоріше задоволений" } },
	{ "5", { "sehr zufrieden", "very satisfied", "راضٍ جداً", "дуже задоволений" } },
	{ NULL, { 0 } },
};
static const struct dopt s_support[] = {
	{ "SQ001", { "Schule", "school", "المدرسة", "школа" } },
	{ "SQ002", { "Beratungsstellen", "counselling services", "مراكز الاستشارة", "консультаційні служби" } },
	{ "SQ003", { "Familie", "family", "العائلة", "сім'я" } },
	{ "SQ004", { "Freundinnen und Freunde", "friends", "الأصدقاء", "друзі" } },
	{ NULL, { 0 } },
};

static const struct l4 page_titles[4] = {
	{ "Über dich", "About you", "عنك", "Про тебе" },
	{ "Deine Pläne", "Your plans", "خططك", "Твої плани" },
	{ "Unterstützung", "Support", "الدعم", "Підтримка" },
	{ "Zum Schluss", "Finally", "في الختام", "Наостанок" },
};

static const struct dq needs[] = {
	{ 0, "alter", SQ_NUMBER, 1, 0, 1, 12, 30, NULL,
	  { "Wie alt bist du?", "How old are you?", "كم عمرك؟", "Скільки тобі років?" },
	  { "In Jahren, zum Beispiel 17", "In years, for example 17", "بالسنوات، مثلاً 17", "У роках, наприклад 17" }, NULL, NULL },
	{ 0, "geschlecht", SQ_SINGLE, 0, 0, 0, 0, 0, NULL,
	  { "Dein Geschlecht", "Your gender", "جنسك", "Твоя стать" }, { 0 }, o_gender, NULL },
	{ 0, "wohnort", SQ_DROPDOWN, 1, 0, 0, 0, 0, NULL,
	  { "Wo wohnst du?", "Where do you live?", "أين تسكن؟", "Де ти живеш?" }, { 0 }, o_place, NULL },
	{ 0, "seit", SQ_SINGLE, 1, 0, 0, 0, 0, NULL,
	  { "Seit wann lebst du in Deutschland?", "How long have you lived in Germany?", "منذ متى تعيش في ألمانيا؟",
	    "Як довго ти живеш у Німеччині?" }, { 0 }, o_since, NULL },
	{ 0, "deutsch", SQ_SINGLE, 1, 0, 0, 0, 0, NULL,
	  { "Wie gut sprichst du Deutsch?", "How well do you speak German?", "ما مستوى لغتك الألمانية؟",
	    "Як добре ти говориш німецькою?" },
	  { "Schätze dich selbst ein.", "Your own estimate.", "قدّر مستواك بنفسك.", "Оціни себе сам." }, o_level, NULL },
	{ 0, "schule", SQ_SINGLE, 1, 0, 0, 0, 0, NULL,
	  { "Was machst du gerade?", "What are you doing at the moment?", "ماذا تفعل حالياً؟", "Чим ти зараз займаєшся?" },
	  { 0 }, o_school, NULL },
	{ 1, "ziel", SQ_SINGLE, 1, 0, 0, 0, 0, NULL,
	  { "Was möchtest du nach der Schule machen?", "What would you like to do after school?",
	    "ماذا تريد أن تفعل بعد المدرسة؟", "Що ти хочеш робити після школи?" }, { 0 }, o_goal, NULL },
	{ 1, "branche", SQ_MULTIPLE, 0, 1, 0, 0, 0, "ziel == \"ausbildung\" or ziel == \"arbeit\"",
	  { "In welchem Bereich?", "In which field?", "في أي مجال؟", "У якій галузі?" },
	  { "Mehrere Antworten sind möglich.", "You can choose several.", "يمكنك اختيار أكثر من إجابة.",
	    "Можна вибрати кілька." }, o_field, NULL },
	{ 2, "hilfe", SQ_MULTIPLE, 0, 0, 0, 0, 0, NULL,
	  { "Wobei brauchst du Unterstützung?", "What do you need support with?", "في ماذا تحتاج إلى دعم؟",
	    "У чому тобі потрібна підтримка?" },
	  { "Mehrere Antworten sind möglich.", "You can choose several.", "يمكنك اختيار أكثر من إجابة.",
	    "Можна вибрати кілька." }, o_help, NULL },
	{ 2, "zufr", SQ_ARRAY, 0, 0, 0, 0, 0, NULL,
	  { "Wie zufrieden bist du mit der Unterstützung durch …", "How satisfied are you with the support from …",
	    "ما مدى رضاك عن الدعم من …", "Наскільки ти задоволений підтримкою від …" }, { 0 }, o_likert, s_support },
	{ 2, "wunsch", SQ_LONGTEXT, 0, 0, 0, 0, 0, NULL,
	  { "Was würde dir am meisten helfen?", "What would help you most?", "ما الذي سيساعدك أكثر؟",
	    "Що тобі найбільше допомогло б?" },
	  { "Du kannst in deiner Sprache schreiben.", "You can write in your language.", "يمكنك الكتابة بلغتك.",
	    "Можеш писати своєю мовою." }, NULL, NULL },
	{ 3, "kontakt", SQ_YESNO, 0, 0, 0, 0, 0, NULL,
	  { "Möchtest du eine persönliche Beratung?", "Would you like personal counselling?", "هل تريد استشارة شخصية؟",
	    "Хочеш особисту консультацію?" },
	  { "Dann melde dich bei der Beratungsstelle in deiner Stadt.", "Then contact the counselling office in your town.",
	    "تواصل عندها مع مركز الاستشارة في مدينتك.", "Тоді звернися до консультаційної служби у своєму місті." }, NULL, NULL },
};

static const struct l4 needs_title = { "Was brauchst du für deinen Weg in die Ausbildung?",
				       "What do you need on your way into vocational training?",
				       "ماذا تحتاج في طريقك إلى التدريب المهني؟",
				       "Що тобі потрібно на шляху до професійного навчання?" };
static const struct l4 needs_welcome = {
	"Wir möchten wissen, was junge Menschen in Mainz und Ludwigshafen für den Weg von der Schule in Ausbildung und "
	"Arbeit brauchen. Die Umfrage dauert etwa 5 Minuten.",
	"We would like to know what young people in Mainz and Ludwigshafen need on their way from school into training "
	"and work. The survey takes about 5 minutes.",
	"نريد أن نعرف ما يحتاجه الشباب في ماينتس ولودفيغسهافن في طريقهم من المدرسة إلى التدريب والعمل. يستغرق الاستبيان "
	"حوالي 5 دقائق.",
	"Ми хочемо дізнатися, що потрібно молодим людям у Майнці та Людвігсгафені на шляху від школи до навчання та "
	"роботи. Опитування триває близько 5 хвилин." };
static const struct l4 needs_privacy = {
	"Die Umfrage ist anonym: Wir fragen nicht nach deinem Namen. Deine Antworten werden nur für die Auswertung des "
	"Netzwerks verwendet und nicht weitergegeben.",
	"The survey is anonymous: we do not ask for your name. Your answers are only used for the network's analysis and "
	"are not passed on.",
	"الاستبيان مجهول الهوية: لا نسأل عن اسمك. تُستخدم إجاباتك فقط لتحليل الشبكة ولا تُعطى لأحد.",
	"Опитування анонімне: ми не питаємо твого імені. Твої відповіді використовуються лише для аналізу мережі і нікому "
	"не передаються." };
static const struct l4 needs_consent = { "Ich bin einverstanden, dass meine Antworten ausgewertet werden.",
					 "I agree that my answers are analysed.", "أوافق على تحليل إجاباتي.",
					 "Я погоджуюся, щоб мої відповіді аналізувалися." };
static const struct l4 needs_end = { "Danke, dass du mitgemacht hast!", "Thank you for taking part!",
				     "شكراً لمشاركتك!", "Дякуємо за участь!" };

/* The offer survey for providers (German and English). */
static const struct dopt o_langs[] = {
	{ "de", { "Deutsch", "German", 0, 0 } }, { "en", { "Englisch", "English", 0, 0 } },
	{ "ar", { "Arabisch", "Arabic", 0, 0 } }, { "tr", { "Türkisch", "Turkish", 0, 0 } },
	{ "ru", { "Russisch", "Russian", 0, 0 } }, { "uk", { "Ukrainisch", "Ukrainian", 0, 0 } },
	{ "fa", { "Farsi", "Farsi", 0, 0 } }, { NULL, { 0 } },
};
static const struct dopt o_costs[] = {
	{ "frei", { "kostenlos", "free of charge", 0, 0 } },
	{ "gering", { "geringer Eigenanteil", "small contribution", 0, 0 } },
	{ "kosten", { "kostenpflichtig", "fee-based", 0, 0 } },
	{ NULL, { 0 } },
};
static const struct l4 offer_pages[2] = { { "Ihr Angebot", "Your offer", 0, 0 }, { "Rahmen", "Details", 0, 0 } };
static const struct dq offers[] = {
	{ 0, "anbieter", SQ_TEXT, 1, 0, 0, 0, 0, NULL, { "Name des Trägers", "Name of the provider", 0, 0 }, { 0 }, NULL, NULL },
	{ 0, "angebot", SQ_TEXT, 1, 0, 0, 0, 0, NULL, { "Name des Angebots", "Name of the offer", 0, 0 }, { 0 }, NULL, NULL },
	{ 0, "beschreibung", SQ_LONGTEXT, 1, 0, 0, 0, 0, NULL,
	  { "Was bietet das Angebot?", "What does the offer provide?", 0, 0 }, { 0 }, NULL, NULL },
	{ 1, "alter_von", SQ_NUMBER, 0, 0, 1, 10, 40, NULL, { "Alter von", "Age from", 0, 0 }, { 0 }, NULL, NULL },
	{ 1, "alter_bis", SQ_NUMBER, 0, 0, 1, 10, 40, NULL, { "Alter bis", "Age up to", 0, 0 }, { 0 }, NULL, NULL },
	{ 1, "sprachen", SQ_MULTIPLE, 0, 1, 0, 0, 0, NULL,
	  { "In welchen Sprachen wird beraten?", "In which languages is counselling offered?", 0, 0 }, { 0 }, o_langs, NULL },
	{ 1, "kosten", SQ_SINGLE, 1, 0, 0, 0, 0, NULL, { "Kosten", "Costs", 0, 0 }, { 0 }, o_costs, NULL },
	{ 1, "zeiten", SQ_TEXT, 0, 0, 0, 0, 0, NULL, { "Wann findet es statt?", "When does it take place?", 0, 0 },
	  { "Zum Beispiel: montags 14–17 Uhr", "For example: Mondays 2–5 pm", 0, 0 }, NULL, NULL },
};

static const char *l4_get(const struct l4 *t, size_t i)
{
	return i == 0 ? t->de : i == 1 ? t->en : i == 2 ? t->ar : t->uk;
}

static int set_l4(struct store *s, int64_t sid, char item, int64_t ref, const char *field, const struct l4 *t)
{
	for (size_t i = 1; i < 4; i++) {
		const char *v = l4_get(t, i);
		if (v && survey_set_text(s, sid, item, ref, field, l4_langs[i], v) != ST_OK)
			return ST_ERR;
	}
	return ST_OK;
}

static size_t count_opts(const struct dopt *o)
{
	size_t n = 0;
	while (o && o[n].code)
		n++;
	return n;
}

/* Build a survey from its table; *id gets its id. */
static int build(struct store *s, const char *code, const char *kind, const char *langs, const struct l4 *title,
		 const struct l4 *pages, size_t npages, const struct dq *qs, size_t nqs, int64_t *id)
{
	if (survey_create(s, code, title->de, kind, id) != ST_OK || set_l4(s, *id, 's', 0, "title", title) != ST_OK)
		return ST_ERR;
	int64_t pid[8] = { 0 };
	for (size_t p = 0; p < npages; p++)
		if (survey_page_add(s, *id, pages[p].de, &pid[p]) != ST_OK || set_l4(s, *id, 'p', pid[p], "title", &pages[p]) != ST_OK)
			return ST_ERR;
	for (size_t i = 0; i < nqs; i++) {
		const struct dq *d = &qs[i];
		const char *oc[16], *ol[16], *sc[16], *sl[16];
		size_t no = count_opts(d->opts), ns = count_opts(d->subs);
		for (size_t k = 0; k < no; k++) {
			oc[k] = d->opts[k].code;
			ol[k] = d->opts[k].label.de;
		}
		for (size_t k = 0; k < ns; k++) {
			sc[k] = d->subs[k].code;
			sl[k] = d->subs[k].label.de;
		}
		struct survey_qspec q = { .page_id = pid[d->page], .code = d->code, .type = d->type, .mandatory = d->mandatory,
					  .other = d->other, .has_min = d->has_range, .has_max = d->has_range,
					  .min_value = d->min, .max_value = d->max, .cond = d->cond, .text = d->text.de,
					  .help = d->help.de, .opt_codes = oc, .opt_labels = ol, .nopts = no, .sub_codes = sc,
					  .sub_labels = sl, .nsubs = ns };
		int64_t qid;
		if (survey_question_save(s, *id, &q, &qid) != ST_OK || set_l4(s, *id, 'q', qid, "text", &d->text) != ST_OK ||
		    (d->help.de && set_l4(s, *id, 'q', qid, "help", &d->help) != ST_OK))
			return ST_ERR;
	}
	/* the options' translations, by the ids survey_load gives */
	arena *a = arena_new();
	struct survey sv;
	int rc = survey_load(s, a, *id, &sv);
	for (size_t i = 0; rc == ST_OK && i < nqs; i++) {
		const struct survey_question *q = survey_question_by_code(&sv, qs[i].code);
		for (size_t k = 0; rc == ST_OK && q && k < q->nopts; k++)
			rc = set_l4(s, *id, 'o', q->opts[k].id, "label", &qs[i].opts[k].label);
		for (size_t k = 0; rc == ST_OK && q && k < q->nsubs; k++)
			rc = set_l4(s, *id, 'o', q->subs[k].id, "label", &qs[i].subs[k].label);
	}
	sv.languages = langs;
	if (rc == ST_OK)
		rc = survey_save_settings(s, &sv);
	arena_free(a);
	return rc;
}

/* xorshift64*: the demo's fixed sequence. */
static uint64_t rng = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (unsigned)(((rng * 0x2545F4914F6CDD1Dull) >> 33) % n);
}
/* An index by weights w[0..n) (in percent or any scale). */
static size_t pick(const unsigned *w, size_t n)
{
	unsigned sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += w[i];
	unsigned x = rnd(sum);
	for (size_t i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

static const char *const wishes[] = {
	"Mehr Hilfe bei Bewerbungen und ein Praktikum in der Pflege.",
	"Einen Deutschkurs am Abend, weil ich tagsüber arbeite.",
	"Jemand, der mir erklärt, wie Ausbildung in Deutschland funktioniert.",
	"More information in English about apprenticeships.",
	"أحتاج إلى مساعدة في الاعتراف بشهادتي من سوريا.",
	"Мені потрібна допомога з пошуком практики та вивченням німецької.",
	"Ein Ausbildungsplatz in der Nähe, ich habe kein Auto.",
	"Beratung auch für meine Eltern.",
};

struct ans_ctx {
	struct store *s;
	int64_t rid;
	const struct survey *sv;
};

static int put(struct ans_ctx *c, const char *code, const char *part, const char *value)
{
	const struct survey_question *q = survey_question_by_code(c->sv, code);
	sqlite3_stmt *st = store_stmt(c->s, "INSERT INTO survey_answer (question_id, response_id, part, value) "
					    "VALUES (?1, ?2, ?3, ?4)");
	if (!q || !st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, q->id);
	sqlite3_bind_int64(st, 2, c->rid);
	sqlite3_bind_text(st, 3, part, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, value, -1, SQLITE_TRANSIENT);
	return store_exec_stmt(c->s, st);
}

/* One generated response i. */
static int respond(struct store *s, const struct survey *sv, int i)
{
	static const char *const langs[] = { "de", "ar", "uk", "en" };
	static const unsigned lang_w[] = { 55, 20, 15, 10 };
	const char *lang = langs[pick(lang_w, 4)];
	/* 91 days from 2026-09-01 */
	static const int mdays[] = { 30, 31, 30 };
	int day = (int)rnd(91), month = 9;
	while (month < 12 && day >= mdays[month - 9]) {
		day -= mdays[month - 9];
		month++;
	}
	char started[48]; /* room for any unsigned, so the compiler sees no truncation */
	snprintf(started, sizeof(started), "2026-%02d-%02d %02u:%02u:00", month, day + 1, 8 + rnd(12), rnd(60));
	unsigned stop = rnd(100); /* < 6: stops after page 1, < 10: after page 3 */
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO survey_response (survey_id, lang, status, page, source, started_at, "
					 "updated_at, completed_at) VALUES (?1, ?2, ?3, ?4, 'demo', ?5, ?5, ?6)");
	if (!st)
		return ST_ERR;
	int complete = stop >= 10;
	sqlite3_bind_int64(st, 1, sv->id);
	sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, complete ? "complete" : "partial", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, complete ? 3 : stop < 6 ? 1 : 3);
	sqlite3_bind_text(st, 5, started, -1, SQLITE_TRANSIENT);
	if (complete)
		sqlite3_bind_text(st, 6, started, -1, SQLITE_TRANSIENT);
	if (store_exec_stmt(s, st) != ST_OK)
		return ST_ERR;
	struct ans_ctx c = { s, sqlite3_last_insert_rowid(store_db(s)), sv };
	char num[16];
	int age = 14 + (int)rnd(5) + (int)rnd(5) + (int)rnd(4);
	snprintf(num, sizeof(num), "%d", age);
	static const unsigned gender_w[] = { 45, 50, 2, 3 }, place_w[] = { 40, 30, 15, 10, 5 },
			      since_w[] = { 15, 35, 25, 25 };
	size_t since = pick(since_w, 4);
	int level = (int)since + (int)rnd(3) - 1 + (lang[0] == 'd');
	level = level < 0 ? 0 : level > 4 ? 4 : level;
	static const char *const levels[] = { "A1", "A2", "B1", "B2", "C1" };
	unsigned school_w[5] = { age < 17 ? 70u : 20u, 30, age < 17 ? 5u : 15u, age < 18 ? 2u : 20u, age < 18 ? 1u : 15u };
	int rc = put(&c, "alter", "", num);
	if (rc == ST_OK && rnd(100) < 95)
		rc = put(&c, "geschlecht", "", o_gender[pick(gender_w, 4)].code);
	if (rc == ST_OK)
		rc = put(&c, "wohnort", "", o_place[pick(place_w, 5)].code);
	if (rc == ST_OK)
		rc = put(&c, "seit", "", o_since[since].code);
	if (rc == ST_OK)
		rc = put(&c, "deutsch", "", levels[level]);
	if (rc == ST_OK)
		rc = put(&c, "schule", "", o_school[pick(school_w, 5)].code);
	if (rc != ST_OK || stop < 6)
		return rc;
	/* plans: better German, more often training; A1/A2 more often unsure */
	unsigned goal_w[5] = { 25u + 8u * (unsigned)level, 5u + 4u * (unsigned)level, 15, 15, level < 2 ? 30u : 10u };
	size_t goal = pick(goal_w, 5);
	rc = put(&c, "ziel", "", o_goal[goal].code);
	if (rc == ST_OK && (goal == 0 || goal == 2)) {
		static const unsigned field_w[] = { 30, 25, 15, 12, 10, 8 };
		size_t nf = 1 + rnd(3);
		int chosen[6] = { 0 };
		for (size_t k = 0; rc == ST_OK && k < nf; k++) {
			size_t f = pick(field_w, 6);
			if (!chosen[f])
				rc = put(&c, "branche", o_field[f].code, "Y");
			chosen[f] = 1;
		}
		if (rc == ST_OK && rnd(100) < 4)
			rc = put(&c, "branche", "other", rnd(2) ? "Friseurhandwerk" : "Kfz-Mechatronik");
	}
	/* support */
	static const unsigned help_p[] = { 0, 45, 35, 20, 25, 30 };
	for (size_t k = 0; rc == ST_OK && k < 6; k++) {
		unsigned p = k == 0 ? 75u - 15u * (unsigned)level : help_p[k];
		if (rnd(100) < p)
			rc = put(&c, "hilfe", o_help[k].code, "Y");
	}
	static const int bias[] = { 1, 0, 1, 1 };
	for (size_t k = 0; rc == ST_OK && k < 4; k++) {
		if (rnd(100) < 8)
			continue; /* no answer in this row */
		int v = 1 + (int)rnd(4) + (bias[k] && rnd(2));
		v = v > 5 ? 5 : v;
		snprintf(num, sizeof(num), "%d", v);
		rc = put(&c, "zufr", s_support[k].code, num);
	}
	if (rc == ST_OK && rnd(100) < 12)
		rc = put(&c, "wunsch", "", wishes[rnd(NELEM(wishes))]);
	if (rc != ST_OK || !complete)
		return rc;
	return put(&c, "kontakt", "", rnd(100) < 40 ? "Y" : "N");
}

/* The needs survey's taxonomy tags (question, option or NULL: the
 * question itself, dimension, term): what young people need (kinds of
 * offer), where they stand in the transition and who they are. */
static const struct {
	const char *q, *opt;
	enum survey_dim dim;
	const char *term;
} needs_tags[] = {
	{ "schule", "schule", SURVEY_DIM_STAGE, "schule" },
	{ "schule", "schule", SURVEY_DIM_GROUP, "schuelerinnen" },
	{ "schule", "abschluss", SURVEY_DIM_STAGE, "berufsorientierung" },
	{ "schule", "abschluss", SURVEY_DIM_GROUP, "ohne-ausbildungsplatz" },
	{ "schule", "ohne", SURVEY_DIM_STAGE, "ausbildungsvorbereitung" },
	{ "schule", "ohne", SURVEY_DIM_GROUP, "ohne-ausbildungsplatz" },
	{ "schule", "ausbildung", SURVEY_DIM_STAGE, "ausbildung" },
	{ "schule", "ausbildung", SURVEY_DIM_GROUP, "auszubildende" },
	{ "schule", "arbeit", SURVEY_DIM_STAGE, "beschaeftigung" },
	{ "schule", "arbeit", SURVEY_DIM_GROUP, "junge-erwachsene" },
	{ "hilfe", "sprache", SURVEY_DIM_NEED, "sprachfoerderung" },
	{ "hilfe", "bewerbung", SURVEY_DIM_NEED, "bewerbungstraining" },
	{ "hilfe", "praktikum", SURVEY_DIM_NEED, "berufsorientierung" },
	{ "hilfe", "beratung", SURVEY_DIM_NEED, "beratung" },
	{ "kontakt", NULL, SURVEY_DIM_NEED, "beratung" },
};

static int tag_needs(struct store *s, struct survey *sv)
{
	for (size_t i = 0; i < sv->nqs; i++) {
		struct survey_question *q = &sv->qs[i];
		int any = 0;
		for (size_t k = 0; k < NELEM(needs_tags); k++) {
			if (strcmp(needs_tags[k].q, q->code) != 0)
				continue;
			int o = needs_tags[k].opt ? survey_option_index(q, 0, needs_tags[k].opt) : -1;
			if (needs_tags[k].opt && o < 0)
				return ST_ERR;
			const char **tags = o < 0 ? q->tags : q->opts[o].tags;
			tags[needs_tags[k].dim] = needs_tags[k].term;
			any = 1;
		}
		if (any && survey_tags_save(s, q) != ST_OK)
			return ST_ERR;
	}
	return ST_OK;
}

#define DEMO_RESPONSES 3000

int survey_demo_load(struct store *s, char *err, size_t errlen)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK) {
		snprintf(err, errlen, "surveys demo: cannot begin");
		return rc;
	}
	int64_t id, oid;
	rc = build(s, "bedarf-2027", "needs", "de,en,ar,uk", &needs_title, page_titles, 4, needs, NELEM(needs), &id);
	if (rc == ST_OK)
		rc = set_l4(s, id, 's', 0, "welcome", &needs_welcome);
	for (size_t i = 0; rc == ST_OK && i < 4; i++) {
		static const char *const f[] = { "welcome", "privacy", "consent", "end" };
		const struct l4 *t[] = { &needs_welcome, &needs_privacy, &needs_consent, &needs_end };
		rc = survey_set_text(s, id, 's', 0, f[i], "de", t[i]->de);
		if (rc == ST_OK)
			rc = set_l4(s, id, 's', 0, f[i], t[i]);
	}
	arena *a = arena_new();
	struct survey sv;
	if (rc == ST_OK)
		rc = survey_load(s, a, id, &sv);
	if (rc == ST_OK) {
		sv.consent = 1;
		sv.opens_on = "2026-09-01";
		rc = survey_save_settings(s, &sv);
	}
	if (rc == ST_OK)
		rc = tag_needs(s, &sv);
	if (rc == ST_OK)
		rc = survey_activate(s, id);
	rng = 0x9E3779B97F4A7C15ull;
	for (int i = 0; rc == ST_OK && i < DEMO_RESPONSES; i++)
		rc = respond(s, &sv, i);
	/* the generated rows written, their closed answers go into the cells */
	if (rc == ST_OK)
		rc = survey_cells_sync(s, &sv);
	arena_free(a);
	static const struct l4 otitle = { "Bestandsaufnahme: Ihre Angebote für junge Migrantinnen und Migranten",
					  "Stocktaking: your offers for young migrants", 0, 0 };
	if (rc == ST_OK)
		rc = build(s, "angebote-2027", "offers", "de,en", &otitle, offer_pages, 2, offers, NELEM(offers), &oid);
	/* the offer survey's questions fill these fields of a draft offer */
	static const char *const fields[][2] = {
		{ "anbieter", "provider" }, { "angebot", "name" },   { "beschreibung", "description" },
		{ "alter_von", "age_min" },  { "alter_bis", "age_max" }, { "sprachen", "languages" },
		{ "kosten", "costs" },       { "zeiten", "schedule" },
	};
	arena *oa = arena_new();
	struct survey osv;
	if (rc == ST_OK)
		rc = survey_load(s, oa, oid, &osv);
	for (size_t i = 0; rc == ST_OK && i < NELEM(fields); i++) {
		const struct survey_question *q = survey_question_by_code(&osv, fields[i][0]);
		rc = q ? survey_offer_field_set(s, q->id, fields[i][1]) : ST_ERR;
	}
	arena_free(oa);
	if (rc == ST_OK)
		rc = survey_activate(s, oid);
	rc = store_tx_end(s, &tx, rc);
	if (rc != ST_OK)
		snprintf(err, errlen, "cannot load the demo surveys");
	return rc;
}
