/* offers.c — the offer survey: its questions mapped to the fields of a
 * directory offer, and each complete response as a draft offer of the
 * provider it names in the directory's review (directory/staff/staff.h).
 * This is how the Bestandsaufnahme is collected by questionnaire. */
#include "surveys/surveys.h"
#include "core/core.h"
#include "core/i18n.h"
#include "directory/staff/staff.h"

#include <stdlib.h>
#include <string.h>

const char *const survey_offer_fields[] = {
	"", "provider", "name", "description", "age_min", "age_max", "languages", "costs", "schedule", "terms", NULL,
};
const char *const survey_offer_field_labels[] = {
	N_("(kein Feld)"), N_("Träger (Name)"), N_("Name des Angebots"), N_("Beschreibung"), N_("Alter von"),
	N_("Alter bis"), N_("Sprachen"), N_("Kosten"), N_("Zeiten"), N_("Kategorien (Schlagworte der Antworten)"),
};

int survey_offer_field_set(struct store *s, int64_t qid, const char *field)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE survey_question SET offer_field = ?2 WHERE id = ?1");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, qid);
	sqlite3_bind_text(st, 2, field ? field : "", -1, SQLITE_STATIC);
	return store_exec_changed(s, st);
}

/* The German label of q's option code, or code. */
static const char *label_of(const struct survey_question *q, const char *code)
{
	int k = survey_option_index(q, 0, code);
	return k < 0 ? code : survey_tx(&q->opts[k].tx, "label", "de");
}

static int age(const char *v)
{
	char *end;
	long x = v ? strtol(v, &end, 10) : -1;
	return v && !*end && x >= 0 && x <= 120 ? (int)x : -1;
}

int survey_offer_draft(struct store *s, arena *a, const struct survey *sv, int64_t rid, int64_t *draft_id)
{
	struct survey_answers as;
	int rc = survey_response_answers(s, a, sv, rid, &as);
	if (rc != ST_OK)
		return rc;
	struct dir_staff_proposal p = { .minimum_age = -1, .maximum_age = -1 };
	const char **langs = arena_alloc(a, (as.n + 1) * sizeof(char *));
	const char **tax = arena_alloc(a, (as.n * SURVEY_DIMS + 1) * sizeof(char *));
	const char **codes = arena_alloc(a, (as.n * SURVEY_DIMS + 1) * sizeof(char *));
	for (size_t i = 0; i < as.n; i++) {
		const struct survey_answer *x = &as.v[i];
		const struct survey_question *q = &sv->qs[x->q];
		const char *f = q->offer_field;
		int k = survey_option_index(q, 0, q->type == SQ_MULTIPLE ? x->part : x->value);
		if (strcmp(f, "terms") == 0 && k >= 0 && (q->type != SQ_MULTIPLE || strcmp(x->value, "Y") == 0)) {
			for (int d = 0; d < SURVEY_DIMS; d++)
				if (q->opts[k].tags[d] && survey_dim_taxonomies[d]) {
					tax[p.n_terms] = survey_dim_taxonomies[d];
					codes[p.n_terms++] = q->opts[k].tags[d];
				}
		} else if (strcmp(f, "languages") == 0 && q->type == SQ_MULTIPLE && k >= 0 && strcmp(x->value, "Y") == 0) {
			langs[p.n_languages++] = q->opts[k].code; /* the options' codes are ISO 639-1 codes */
		} else if (*x->part) {
			continue; /* "other" texts and the like */
		} else if (strcmp(f, "provider") == 0) {
			p.provider = x->value;
		} else if (strcmp(f, "name") == 0) {
			p.name = x->value;
		} else if (strcmp(f, "description") == 0) {
			p.description = x->value;
		} else if (strcmp(f, "age_min") == 0) {
			p.minimum_age = age(x->value);
		} else if (strcmp(f, "age_max") == 0) {
			p.maximum_age = age(x->value);
		} else if (strcmp(f, "costs") == 0) {
			p.fees = survey_qtype_has_options(q->type) ? label_of(q, x->value) : x->value;
			p.free_of_charge = strcmp(x->value, "frei") == 0;
		} else if (strcmp(f, "schedule") == 0) {
			p.schedule = x->value;
		}
	}
	p.languages = langs;
	p.term_taxonomies = tax;
	p.term_codes = codes;
	struct store_tx tx;
	rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	rc = dir_staff_propose_offer(s, a, &p, draft_id);
	if (rc == ST_OK) {
		sqlite3_stmt *st = store_stmt(s, "UPDATE survey_response SET draft_id = ?2 WHERE id = ?1");
		if (!st)
			rc = ST_ERR;
		else {
			sqlite3_bind_int64(st, 1, rid);
			sqlite3_bind_int64(st, 2, *draft_id);
			rc = store_exec_changed(s, st);
		}
	}
	return store_tx_end(s, &tx, rc);
}
