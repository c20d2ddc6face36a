/* responses.c — the responses of a survey and their answers: starting one
 * with its resume code (only the code's hash is stored), finding it again
 * by the code, reading and replacing a page's answers (the closed ones in
 * their cells, columns.h; the others in survey_answer), counting, and the
 * invitation codes. */
#include "surveys/surveys.h"
#include "surveys/columns.h"
#include "core/core.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* The alphabet of codes: no 0/O, 1/I/L, so that they can be read aloud
 * and typed from paper. 32 letters: 5 bits each. */
static const char code_alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/* count random characters of the alphabet in groups of four. */
static void random_code(char *out, size_t count)
{
	unsigned char rnd[32];
	core_random(rnd, count);
	size_t k = 0;
	for (size_t i = 0; i < count; i++) {
		if (i && i % 4 == 0)
			out[k++] = '-';
		out[k++] = code_alphabet[rnd[i] % (sizeof(code_alphabet) - 1)];
	}
	out[k] = '\0';
}

/* The hash of a code as typed: letters upper-cased, everything but the
 * alphabet's characters left out. NULL when it holds no characters. */
static int code_hash(const char *code, char hex[65])
{
	char norm[64];
	size_t n = 0;
	for (const char *p = code; *p && n < sizeof(norm) - 1; p++) {
		char c = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
		if (strchr(code_alphabet, c) && c)
			norm[n++] = c;
	}
	norm[n] = '\0';
	if (n < 8)
		return -1;
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)norm, n, NULL, 0);
	sodium_bin2hex(hex, 65, h, sizeof(h));
	return 0;
}

int survey_response_start(struct store *s, const struct survey *sv, const char *lang, const char *invite,
			  char code[SURVEY_RESUME_LEN + 1], int64_t *id)
{
	char hex[65];
	random_code(code, 16);
	if (code_hash(code, hex) != 0)
		return ST_ERR;
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	rc = survey_cells_sync(s, sv);
	if (rc != ST_OK)
		goto out;
	int64_t invite_id = 0;
	if (invite) {
		sqlite3_stmt *st = store_stmt(s, "UPDATE survey_invite SET used_at = CURRENT_TIMESTAMP "
						 "WHERE survey_id = ?1 AND code = ?2 AND used_at IS NULL RETURNING id");
		if (!st) {
			rc = ST_ERR;
			goto out;
		}
		sqlite3_bind_int64(st, 1, sv->id);
		sqlite3_bind_text(st, 2, invite, -1, SQLITE_STATIC);
		int k = store_step(st);
		if (k > 0)
			invite_id = sqlite3_column_int64(st, 0);
		while (k > 0)
			k = store_step(st);
		sqlite3_reset(st);
		if (k < 0) {
			rc = ST_ERR;
			goto out;
		}
		if (!invite_id) {
			rc = ST_CONFLICT;
			goto out;
		}
	}
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO survey_response (survey_id, token_hash, lang, invite_id) "
					 "VALUES (?1, ?2, ?3, ?4)");
	if (!st) {
		rc = ST_ERR;
		goto out;
	}
	sqlite3_bind_int64(st, 1, sv->id);
	sqlite3_bind_text(st, 2, hex, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, lang, -1, SQLITE_STATIC);
	if (invite_id && !sv->anonymous)
		sqlite3_bind_int64(st, 4, invite_id);
	rc = store_exec_stmt(s, st);
	if (rc == ST_OK) {
		*id = sqlite3_last_insert_rowid(store_db(s));
		rc = survey_cells_append(s, sv->id, *id);
	}
out:
	return store_tx_end(s, &tx, rc);
}

int survey_response_by_code(struct store *s, arena *a, int64_t survey_id, const char *code,
			    struct survey_response *out)
{
	char hex[65];
	if (!code || code_hash(code, hex) != 0)
		return ST_NOTFOUND;
	sqlite3_stmt *st = store_stmt(s, "SELECT id, survey_id, lang, status, page, started_at, updated_at, "
					 "completed_at FROM survey_response WHERE token_hash = ?1 AND survey_id = ?2");
	if (!st)
		return ST_ERR;
	sqlite3_bind_text(st, 1, hex, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, survey_id);
	int k = store_step(st);
	if (k > 0) {
		out->id = sqlite3_column_int64(st, 0);
		out->survey_id = sqlite3_column_int64(st, 1);
		out->lang = store_col_str(a, st, 2);
		out->status = store_col_str(a, st, 3);
		out->page = sqlite3_column_int(st, 4);
		out->started_at = store_col_str(a, st, 5);
		out->updated_at = store_col_str(a, st, 6);
		out->completed_at = store_col_opt(a, st, 7);
	}
	sqlite3_reset(st);
	return k > 0 ? ST_OK : k == 0 ? ST_NOTFOUND : ST_ERR;
}

static int q_index(const struct survey *sv, int64_t qid, size_t hint)
{
	if (hint < sv->nqs && sv->qs[hint].id == qid)
		return (int)hint;
	for (size_t i = 0; i < sv->nqs; i++)
		if (sv->qs[i].id == qid)
			return (int)i;
	return -1;
}

int survey_response_answers(struct store *s, arena *a, const struct survey *sv, int64_t rid,
			    struct survey_answers *out)
{
	memset(out, 0, sizeof(*out));
	int rc = survey_cells_sync(s, sv);
	struct store_tx tx;
	if (rc == ST_OK)
		rc = store_tx_read(s, &tx);
	if (rc != ST_OK)
		return rc;
	sqlite3_stmt *st = store_stmt(s, "SELECT question_id, part, value FROM survey_answer WHERE response_id = ?1");
	if (!st)
		return store_tx_end(s, &tx, ST_ERR);
	sqlite3_bind_int64(st, 1, rid);
	int k;
	size_t last = 0;
	while ((k = store_step(st)) > 0) {
		int qi = q_index(sv, sqlite3_column_int64(st, 0), last);
		if (qi < 0)
			continue;
		last = (size_t)qi;
		survey_answer_set(a, out, (size_t)qi, store_col_str(a, st, 1), store_col_str(a, st, 2));
	}
	sqlite3_reset(st);
	rc = k == 0 ? ST_OK : ST_ERR;
	/* the closed answers: the response's cells */
	size_t slot;
	int got = rc == ST_OK ? survey_cells_slot(s, sv->id, rid, &slot) : ST_ERR;
	if (got == ST_OK)
		rc = survey_cells_get(s, a, sv, slot, out);
	else if (got != ST_NOTFOUND)
		rc = ST_ERR;
	return store_tx_end(s, &tx, rc);
}

/* Does (q, part) with value live in the cells? */
static int in_cells(const struct survey_question *q, const char *part, const char *value)
{
	if (!survey_col_kind(q, part))
		return 0;
	arena *a = arena_new();
	size_t k;
	const char **codes;
	survey_col_codes(a, q, part, &k, &codes);
	int in = survey_cat_index(codes, k, value) >= 0;
	arena_free(a);
	return in;
}

int survey_response_save(struct store *s, const struct survey *sv, int64_t rid, const struct survey_answers *as,
			 size_t first, size_t n, int page, const char *lang, int complete)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc != ST_OK)
		return rc;
	rc = survey_cells_sync(s, sv);
	size_t slot = 0;
	int got = rc == ST_OK ? survey_cells_slot(s, sv->id, rid, &slot) : ST_ERR;
	if (got == ST_ERR)
		rc = ST_ERR;
	for (size_t qi = first; rc == ST_OK && qi < first + n && qi < sv->nqs; qi++) {
		sqlite3_stmt *st = store_stmt(s, "DELETE FROM survey_answer WHERE question_id = ?1 AND response_id = ?2");
		if (!st) {
			rc = ST_ERR;
			break;
		}
		sqlite3_bind_int64(st, 1, sv->qs[qi].id);
		sqlite3_bind_int64(st, 2, rid);
		rc = store_exec_stmt(s, st);
		int odd = 0;
		if (rc == ST_OK && got == ST_OK)
			rc = survey_cells_put(s, sv, slot, qi, as, &odd);
	}
	for (size_t i = 0; rc == ST_OK && i < as->n; i++) {
		if (as->v[i].q < first || as->v[i].q >= first + n || !*as->v[i].value)
			continue;
		/* a closed answer is in the cells (unless the response has none:
		 * not of this survey) */
		if (got == ST_OK && in_cells(&sv->qs[as->v[i].q], as->v[i].part, as->v[i].value))
			continue;
		sqlite3_stmt *st = store_stmt(s, "INSERT INTO survey_answer (question_id, response_id, part, value) "
						 "VALUES (?1, ?2, ?3, ?4)");
		if (!st) {
			rc = ST_ERR;
			break;
		}
		sqlite3_bind_int64(st, 1, sv->qs[as->v[i].q].id);
		sqlite3_bind_int64(st, 2, rid);
		sqlite3_bind_text(st, 3, as->v[i].part, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, as->v[i].value, -1, SQLITE_STATIC);
		rc = store_exec_stmt(s, st);
	}
	if (rc == ST_OK) {
		sqlite3_stmt *st = store_stmt(s,
			"UPDATE survey_response SET page = ?2, lang = ?3, updated_at = CURRENT_TIMESTAMP, "
			"status = CASE WHEN ?4 = 1 THEN 'complete' ELSE status END, "
			"completed_at = CASE WHEN ?4 = 1 AND completed_at IS NULL THEN CURRENT_TIMESTAMP ELSE completed_at END "
			"WHERE id = ?1");
		if (!st)
			rc = ST_ERR;
		else {
			sqlite3_bind_int64(st, 1, rid);
			sqlite3_bind_int(st, 2, page);
			sqlite3_bind_text(st, 3, lang, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 4, complete);
			rc = store_exec_changed(s, st);
		}
	}
	return store_tx_end(s, &tx, rc);
}

int survey_response_counts(struct store *s, int64_t survey_id, long *all, long *complete)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'complete' THEN 1 ELSE 0 END), 0) "
					 "FROM survey_response WHERE survey_id = ?1");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, survey_id);
	int k = store_step(st);
	if (k > 0) {
		*all = (long)sqlite3_column_int64(st, 0);
		*complete = (long)sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return k > 0 ? ST_OK : ST_ERR;
}

int survey_invites_make(struct store *s, int64_t survey_id, int n)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	for (int i = 0; rc == ST_OK && i < n; i++) {
		char code[16];
		random_code(code, 8);
		sqlite3_stmt *st = store_stmt(s, "INSERT INTO survey_invite (survey_id, code) VALUES (?1, ?2) "
						 "ON CONFLICT (survey_id, code) DO NOTHING");
		if (!st) {
			rc = ST_ERR;
			break;
		}
		sqlite3_bind_int64(st, 1, survey_id);
		sqlite3_bind_text(st, 2, code, -1, SQLITE_TRANSIENT);
		rc = store_exec_stmt(s, st);
	}
	return store_tx_end(s, &tx, rc);
}

int survey_invites(struct store *s, arena *a, int64_t survey_id, const char ***codes, int **used, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT code, used_at IS NOT NULL FROM survey_invite WHERE survey_id = ?1 ORDER BY id");
	*codes = NULL;
	*used = NULL;
	*n = 0;
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, survey_id);
	size_t cap = 0, ucap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		*codes = arena_grow(a, *codes, *n, &cap, sizeof(**codes), 32);
		*used = arena_grow(a, *used, *n, &ucap, sizeof(**used), 32);
		(*codes)[*n] = store_col_str(a, st, 0);
		(*used)[(*n)++] = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return k == 0 ? ST_OK : ST_ERR;
}

int survey_invite_check(struct store *s, int64_t survey_id, const char *invite)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT used_at IS NOT NULL FROM survey_invite WHERE survey_id = ?1 AND code = ?2");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, survey_id);
	sqlite3_bind_text(st, 2, invite, -1, SQLITE_STATIC);
	int k = store_step(st);
	int rc = k < 0 ? ST_ERR : k == 0 ? ST_NOTFOUND : sqlite3_column_int(st, 0) ? ST_CONFLICT : ST_OK;
	sqlite3_reset(st);
	return rc;
}
