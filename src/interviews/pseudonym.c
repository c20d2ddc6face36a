/* pseudonym.c — the pseudonymisation helper: a name or place in a
 * document replaced by a placeholder ("[Name 1]", "[Schule A]") wherever
 * it stands as a whole word, the codings moved with the text, the
 * paragraphs and the search index made again, and the pair kept in the
 * project's key list (iv_pseudonym), apart from the texts. The original's
 * bytes are overwritten in the database (secure_delete). */
#include "interviews/interviews.h"
#include "interviews/iv_internal.h"
#include "core/buf.h"
#include "core/core.h"

#include <string.h>

const char *const iv_pseudonym_kinds[] = { "Name", "Ort", "Schule", "Betrieb", "Organisation", NULL };

/* The placeholder of original in the project, made on first use (names
 * numbered, everything else lettered: "[Name 3]", "[Schule B]"). */
static int placeholder_of(struct store *s, arena *a, int64_t project_id, const char *original, const char *kind,
			  const char **out)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT placeholder FROM iv_pseudonym WHERE project_id = ? AND original = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	store_bind_str(st, 2, original);
	int rc = store_one_text(a, st, out);
	if (rc != ST_NOTFOUND)
		return rc;
	st = store_stmt(s, "SELECT count(*) FROM iv_pseudonym WHERE project_id = ? AND kind = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	store_bind_str(st, 2, kind);
	int k = store_step(st);
	long n = k > 0 ? (long)sqlite3_column_int64(st, 0) + 1 : 0;
	sqlite3_reset(st);
	if (k <= 0)
		return ST_ERR;
	*out = strcmp(kind, "Name") == 0 || n > 26 ? arena_printf(a, "[%s %ld]", kind, n)
						   : arena_printf(a, "[%s %c]", kind, (char)('A' + n - 1));
	st = store_stmt(s, "INSERT INTO iv_pseudonym (project_id, kind, placeholder, original) VALUES (?, ?, ?, ?)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	store_bind_str(st, 2, kind);
	store_bind_str(st, 3, *out);
	store_bind_str(st, 4, original);
	return store_exec_stmt(s, st);
}

/* Is the byte c part of a word (a letter or digit; any byte of a
 * non-ASCII character counts as a letter)? */
static int wordish(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* The next place at or after p where original (olen bytes) stands as a
 * whole word in body, or NULL. */
static const char *next_whole(const char *body, const char *p, const char *original, size_t olen)
{
	const char *at;
	for (; (at = strstr(p, original)) != NULL; p = at + olen)
		if ((at == body || !wordish((unsigned char)at[-1])) && !wordish((unsigned char)at[olen]))
			return at;
	return NULL;
}

/* One replacement: [start, end) of the old text in code points, and the
 * placeholder's length. */
struct repl {
	long start, end, len;
};

/* A position of the old text in the new one; an end inside a replaced
 * range goes to the placeholder's end, a start to its start. */
static long moved(const struct repl *r, size_t n, long pos, int is_end)
{
	long shift = 0;
	for (size_t i = 0; i < n; i++) {
		if (pos <= r[i].start)
			break;
		if (pos < r[i].end)
			return r[i].start + shift + (is_end ? r[i].len : 0);
		shift += r[i].len - (r[i].end - r[i].start);
	}
	return pos + shift;
}

/* Move the codings of doc_id with the text; a coding that now equals
 * another of its code and coder goes (it was the same words). */
static int move_codings(struct store *s, arena *a, int64_t doc_id, const struct repl *r, size_t n)
{
	struct iv_coding *c;
	size_t nc;
	int rc = iv_codings_doc(s, a, doc_id, &c, &nc);
	for (size_t i = 0; rc == ST_OK && i < nc; i++) {
		long start = moved(r, n, c[i].start, 0), end = moved(r, n, c[i].end, 1);
		if (start == c[i].start && end == c[i].end)
			continue;
		sqlite3_stmt *st = store_stmt(s, "UPDATE iv_coding SET start = ?, \"end\" = ? WHERE id = ?");
		if (!st)
			return ST_ERR;
		sqlite3_bind_int64(st, 1, start);
		sqlite3_bind_int64(st, 2, end);
		sqlite3_bind_int64(st, 3, c[i].id);
		rc = store_exec_stmt(s, st);
		if (rc == ST_CONFLICT)
			rc = iv_coding_delete(s, doc_id, c[i].id);
	}
	return rc;
}

/* text with original replaced by placeholder wherever it stands as a
 * whole word (in a; NULL when too long), and, when r is not NULL, the
 * replacements in code points; *n: how many. */
static const char *replace_whole(arena *a, const char *text, const char *original, const char *placeholder,
				 struct repl **r, size_t *n)
{
	size_t olen = strlen(original), cap = 0;
	long cp = 0, plen = iv_cp_count(placeholder, strlen(placeholder)), ocp = iv_cp_count(original, olen);
	buf nb;
	buf_init(&nb, 2 * (size_t)IV_MAX_TEXT);
	*n = 0;
	const char *p = text, *at;
	while ((at = next_whole(text, p, original, olen)) != NULL) {
		size_t skip = (size_t)(at - p);
		buf_append(&nb, p, skip);
		buf_puts(&nb, placeholder);
		if (r) {
			cp += iv_cp_count(p, skip);
			*r = arena_grow(a, *r, *n, &cap, sizeof(**r), 8);
			(*r)[*n] = (struct repl){ cp, cp + ocp, plen };
			cp += ocp;
		}
		(*n)++;
		p = at + olen;
	}
	buf_puts(&nb, p);
	const char *out = nb.err ? NULL : arena_strdup(a, buf_str(&nb));
	buf_free(&nb);
	return out;
}

int iv_pseudonymise(struct store *s, arena *a, int64_t project_id, int64_t doc_id, const char *original,
		    const char *kind, const char **placeholder, long *replaced)
{
	*replaced = 0;
	*placeholder = NULL;
	size_t olen = original ? strlen(original) : 0;
	if (olen == 0 || olen > IV_MAX_NAME || strpbrk(original, "[]\r\n"))
		return ST_CONFLICT;
	size_t ki = 0;
	while (iv_pseudonym_kinds[ki] && strcmp(iv_pseudonym_kinds[ki], kind ? kind : "") != 0)
		ki++;
	if (!iv_pseudonym_kinds[ki])
		return ST_CONFLICT;
	struct iv_doc d;
	int rc = iv_doc_get(s, a, project_id, doc_id, 1, &d);
	if (rc != ST_OK || (!next_whole(d.body, d.body, original, olen) &&
			    !next_whole(d.participants, d.participants, original, olen) &&
			    !next_whole(d.topic, d.topic, original, olen)))
		return rc; /* not in the document: no placeholder is made */
	struct store_tx tx = { 0 };
	rc = store_secure_delete(s, 1);
	if (rc == ST_OK)
		rc = store_tx_begin(s, &tx);
	if (rc == ST_OK)
		rc = placeholder_of(s, a, project_id, original, kind, placeholder);
	struct repl *r = NULL;
	size_t nr = 0, nx = 0;
	const char *body = rc == ST_OK ? replace_whole(a, d.body, original, *placeholder, &r, &nr) : NULL;
	const char *parts = rc == ST_OK ? replace_whole(a, d.participants, original, *placeholder, NULL, &nx) : NULL;
	const char *topic = rc == ST_OK ? replace_whole(a, d.topic, original, *placeholder, NULL, &nx) : NULL;
	if (rc == ST_OK && (!body || !parts || !topic))
		rc = ST_ERR;
	if (rc == ST_OK)
		rc = move_codings(s, a, doc_id, r, nr);
	if (rc == ST_OK)
		rc = iv_doc_text_set(s, doc_id, body);
	sqlite3_stmt *st = rc == ST_OK ? store_stmt(s, "UPDATE iv_document SET participants = ?, topic = ? WHERE id = ?")
				       : NULL;
	if (rc == ST_OK && !st)
		rc = ST_ERR;
	if (rc == ST_OK) {
		store_bind_str(st, 1, parts);
		store_bind_str(st, 2, topic);
		sqlite3_bind_int64(st, 3, doc_id);
		rc = store_exec_stmt(s, st);
	}
	if (rc == ST_OK)
		rc = iv_search_refresh(s);
	rc = store_tx_end(s, &tx, rc);
	store_secure_delete(s, 0);
	*replaced = rc == ST_OK ? (long)nr : 0;
	return rc;
}

static void read_pseudonym(arena *a, sqlite3_stmt *st, void *elem)
{
	*(struct iv_pseudonym *)elem = (struct iv_pseudonym){ .kind = store_col_str(a, st, 0),
							      .placeholder = store_col_str(a, st, 1),
							      .original = store_col_str(a, st, 2),
							      .created_at = store_col_str(a, st, 3) };
}

int iv_pseudonyms(struct store *s, arena *a, int64_t project_id, struct iv_pseudonym **out, size_t *n)
{
	return iv_read_rows(s, a,
			    "SELECT kind, placeholder, original, created_at FROM iv_pseudonym WHERE project_id = ? "
			    "ORDER BY kind, id",
			    project_id, sizeof(**out), read_pseudonym, (void **)out, n);
}
