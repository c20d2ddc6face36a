/* totp.c — the second factor: time-based codes (RFC 6238, by liboath),
 * one-time recovery codes, and the account's security notices in the
 * store. */
#include "auth/second.h"
#include "core/core.h"

#include <liboath/oath.h>
#include <pthread.h>
#include <qrencode.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

static pthread_once_t oath_once = PTHREAD_ONCE_INIT;
static int oath_ready;

static void oath_start(void)
{
	oath_ready = oath_init() == OATH_OK;
}

/* n bytes as base32 without padding (n a multiple of 5) into out. */
static void base32(const unsigned char *in, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i + 5 <= n; i += 5) {
		uint64_t v = 0;
		for (int k = 0; k < 5; k++)
			v = v << 8 | in[i + (size_t)k];
		for (int k = 7; k >= 0; k--)
			out[o++] = b32[(v >> (5 * k)) & 31];
	}
	out[o] = '\0';
}

/* The secret's bytes (malloc'd into *raw) or -1. */
static int decode(const char *secret, char **raw, size_t *len)
{
	pthread_once(&oath_once, oath_start);
	if (!oath_ready || !secret || !*secret)
		return -1;
	return oath_base32_decode(secret, strlen(secret), raw, len) == OATH_OK ? 0 : -1;
}

int totp_code(const char *secret, int64_t t, char out[TOTP_DIGITS + 1])
{
	char *raw = NULL;
	size_t len = 0;
	if (decode(secret, &raw, &len) != 0)
		return -1;
	int rc = oath_totp_generate(raw, len, (time_t)t, TOTP_STEP, OATH_TOTP_DEFAULT_START_TIME, TOTP_DIGITS, out);
	sodium_memzero(raw, len);
	free(raw);
	return rc == OATH_OK ? 0 : -1;
}

int64_t totp_match(const char *secret, int64_t now, const char *code)
{
	char digits[TOTP_DIGITS + 1];
	size_t n = 0;
	for (const char *p = code ? code : ""; *p; p++) {
		if (*p == ' ')
			continue;
		if (*p < '0' || *p > '9' || n == TOTP_DIGITS)
			return 0;
		digits[n++] = *p;
	}
	if (n != TOTP_DIGITS)
		return 0;
	digits[n] = '\0';
	char *raw = NULL;
	size_t len = 0;
	if (decode(secret, &raw, &len) != 0)
		return 0;
	int pos = 0;
	uint64_t counter = 0;
	int rc = oath_totp_validate3(raw, len, (time_t)now, TOTP_STEP, OATH_TOTP_DEFAULT_START_TIME, TOTP_WINDOW,
				     &pos, &counter, digits);
	sodium_memzero(raw, len);
	free(raw);
	return rc >= 0 && counter > 0 && counter < INT64_MAX ? (int64_t)counter : 0;
}

void totp_new_secret(char out[TOTP_SECRET_LEN + 1])
{
	unsigned char raw[TOTP_SECRET_LEN * 5 / 8];
	randombytes_buf(raw, sizeof(raw));
	base32(raw, sizeof(raw), out);
	sodium_memzero(raw, sizeof(raw));
}

void totp_new_recovery(char codes[RECOVERY_CODES][RECOVERY_LEN + 1])
{
	for (int i = 0; i < RECOVERY_CODES; i++) {
		unsigned char raw[10];
		char plain[17];
		randombytes_buf(raw, sizeof(raw));
		base32(raw, sizeof(raw), plain);
		/* lower case, in groups of four: easier to read from paper */
		size_t o = 0;
		for (int k = 0; k < 16; k++) {
			if (k && k % 4 == 0)
				codes[i][o++] = '-';
			char c = plain[k];
			codes[i][o++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		}
		codes[i][o] = '\0';
		sodium_memzero(plain, sizeof(plain));
	}
}

const char *totp_uri(arena *a, const char *email, const char *secret)
{
	/* the label "lotse:EMAIL", percent-encoded */
	buf b = { 0 };
	buf_puts(&b, "otpauth://totp/lotse:");
	for (const unsigned char *p = (const unsigned char *)email; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '.' || *p == '-' || *p == '_')
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	buf_printf(&b, "?secret=%s&issuer=lotse&algorithm=SHA1&digits=%d&period=%d", secret, TOTP_DIGITS,
		   TOTP_STEP);
	const char *out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

const char *totp_qr_path(arena *a, const char *text, int *size)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return NULL;
	int n = q->width;
	buf d = { 0 };
	/* a run of dark modules in a row is one rectangle; four modules of quiet zone */
	for (int y = 0; y < n; y++) {
		for (int x = 0; x < n;) {
			int run = 0;
			while (x + run < n && (q->data[y * n + x + run] & 1))
				run++;
			if (run)
				buf_printf(&d, "M%d %dh%dv1h-%dz", x + 4, y + 4, run, run);
			x += run ? run : 1;
		}
	}
	QRcode_free(q);
	*size = n + 8;
	const char *out = d.err ? NULL : arena_strdup(a, buf_str(&d));
	buf_free(&d);
	return out;
}

/* ---- the store ---- */

int totp_get(struct store *s, arena *a, int64_t user_id, struct totp_row *t)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT secret, enabled, last_step FROM user_totp WHERE user_id = ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, user_id);
	int k = store_step(st);
	if (k > 0) {
		t->secret = store_col_str(a, st, 0);
		t->enabled = sqlite3_column_int(st, 1);
		t->last_step = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return k > 0 ? ST_OK : k == 0 ? ST_NOTFOUND : ST_ERR;
}

int totp_enabled(struct store *s, int64_t user_id)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT enabled FROM user_totp WHERE user_id = ?");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user_id);
	int k = store_step(st);
	int on = k > 0 ? sqlite3_column_int(st, 0) == 1 : 0;
	sqlite3_reset(st);
	return k < 0 ? -1 : on;
}

int totp_begin(struct store *s, int64_t user_id, const char *secret, int64_t now)
{
	sqlite3_stmt *st = store_stmt(s,
		"INSERT INTO user_totp(user_id, secret, enabled, last_step, created_at) VALUES (?, ?, 0, 0, ?) "
		"ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at "
		"WHERE user_totp.enabled = 0");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_text(st, 2, secret, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, now);
	return store_exec_stmt(s, st);
}

static int add_notice(struct store *s, int64_t user_id, const char *kind, int64_t now)
{
	sqlite3_stmt *st = store_stmt(s, "INSERT INTO account_notice(user_id, kind, at) VALUES (?, ?, ?)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now);
	return store_exec_stmt(s, st);
}

static void recovery_hash(const unsigned char salt[16], const char *code, unsigned char out[32])
{
	crypto_generichash(out, 32, (const unsigned char *)code, strlen(code), salt, 16);
}

static int exec_id(struct store *s, const char *sql, int64_t user_id)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, user_id);
	return store_exec_stmt(s, st);
}

int totp_enable(struct store *s, int64_t user_id, int64_t step, char codes[RECOVERY_CODES][RECOVERY_LEN + 1],
		int64_t now)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	sqlite3_stmt *st = NULL;
	if (rc == ST_OK) {
		st = store_stmt(s, "UPDATE user_totp SET enabled = 1, last_step = ? WHERE user_id = ? AND enabled = 0");
		rc = st ? ST_OK : ST_ERR;
	}
	if (rc == ST_OK) {
		sqlite3_bind_int64(st, 1, step);
		sqlite3_bind_int64(st, 2, user_id);
		rc = store_exec_stmt(s, st);
		if (rc == ST_OK && sqlite3_changes(store_db(s)) != 1)
			rc = ST_CONFLICT; /* turned on meanwhile, or no enrolment */
	}
	if (rc == ST_OK)
		rc = exec_id(s, "DELETE FROM recovery_code WHERE user_id = ?", user_id);
	totp_new_recovery(codes);
	for (int i = 0; rc == ST_OK && i < RECOVERY_CODES; i++) {
		unsigned char salt[16], h[32];
		randombytes_buf(salt, sizeof(salt));
		recovery_hash(salt, codes[i], h);
		st = store_stmt(s, "INSERT INTO recovery_code(user_id, salt, code_hash) VALUES (?, ?, ?)");
		if (!st) {
			rc = ST_ERR;
			break;
		}
		sqlite3_bind_int64(st, 1, user_id);
		sqlite3_bind_blob(st, 2, salt, sizeof(salt), SQLITE_TRANSIENT);
		sqlite3_bind_blob(st, 3, h, sizeof(h), SQLITE_TRANSIENT);
		rc = store_exec_stmt(s, st);
	}
	if (rc == ST_OK)
		rc = add_notice(s, user_id, "totp_on", now);
	return store_tx_end(s, &tx, rc);
}

int totp_disable(struct store *s, int64_t user_id, int64_t now)
{
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	if (rc == ST_OK)
		rc = exec_id(s, "DELETE FROM user_totp WHERE user_id = ?", user_id);
	if (rc == ST_OK)
		rc = exec_id(s, "DELETE FROM recovery_code WHERE user_id = ?", user_id);
	if (rc == ST_OK)
		rc = add_notice(s, user_id, "totp_off", now);
	return store_tx_end(s, &tx, rc);
}

int totp_use_step(struct store *s, int64_t user_id, int64_t step)
{
	/* one statement: two requests with the same code cannot both pass */
	sqlite3_stmt *st = store_stmt(s, "UPDATE user_totp SET last_step = ? WHERE user_id = ? AND last_step < ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, step);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 3, step);
	int rc = store_exec_stmt(s, st);
	if (rc == ST_OK && sqlite3_changes(store_db(s)) != 1)
		rc = ST_CONFLICT;
	return rc;
}

int totp_verify(struct store *s, arena *a, int64_t user_id, const char *code, int64_t now)
{
	struct totp_row t;
	int rc = totp_get(s, a, user_id, &t);
	if (rc != ST_OK)
		return rc;
	int64_t step = t.enabled ? totp_match(t.secret, now, code) : 0;
	if (step <= t.last_step)
		return ST_NOTFOUND;
	rc = totp_use_step(s, user_id, step);
	return rc == ST_CONFLICT ? ST_NOTFOUND : rc;
}

/* A recovery code as typed: lower case, groups joined by '-', or NULL. */
static int normal_recovery(const char *in, char out[RECOVERY_LEN + 1])
{
	size_t n = 0;
	for (const char *p = in; *p; p++) {
		char c = *p;
		if (c == ' ' || c == '-')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7')) || n == 16)
			return -1;
		if (n && n % 4 == 0)
			out[n / 4 * 5 - 1] = '-';
		out[n / 4 * 5 + n % 4] = c;
		n++;
	}
	if (n != 16)
		return -1;
	out[RECOVERY_LEN] = '\0';
	return 0;
}

int totp_use_recovery(struct store *s, int64_t user_id, const char *code, int64_t now)
{
	char norm[RECOVERY_LEN + 1];
	if (!code || normal_recovery(code, norm) != 0)
		return ST_NOTFOUND;
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	int64_t found = 0;
	sqlite3_stmt *st = NULL;
	if (rc == ST_OK) {
		st = store_stmt(s, "SELECT id, salt, code_hash FROM recovery_code WHERE user_id = ? AND used_at IS NULL");
		rc = st ? ST_OK : ST_ERR;
	}
	if (rc == ST_OK) {
		sqlite3_bind_int64(st, 1, user_id);
		int k;
		while ((k = store_step(st)) > 0) {
			unsigned char h[32];
			if (sqlite3_column_bytes(st, 1) != 16 || sqlite3_column_bytes(st, 2) != 32)
				continue;
			recovery_hash(sqlite3_column_blob(st, 1), norm, h);
			if (sodium_memcmp(h, sqlite3_column_blob(st, 2), 32) == 0)
				found = sqlite3_column_int64(st, 0);
		}
		sqlite3_reset(st);
		rc = k < 0 ? ST_ERR : found ? ST_OK : ST_NOTFOUND;
	}
	if (rc == ST_OK) {
		st = store_stmt(s, "UPDATE recovery_code SET used_at = ? WHERE id = ? AND used_at IS NULL");
		rc = st ? ST_OK : ST_ERR;
		if (st) {
			sqlite3_bind_int64(st, 1, now);
			sqlite3_bind_int64(st, 2, found);
			rc = store_exec_changed(s, st);
		}
	}
	if (rc == ST_OK)
		rc = add_notice(s, user_id, "recovery", now);
	sodium_memzero(norm, sizeof(norm));
	return store_tx_end(s, &tx, rc);
}

int totp_recovery_left(struct store *s, int64_t user_id)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT count(*) FROM recovery_code WHERE user_id = ? AND used_at IS NULL");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user_id);
	int k = store_step(st);
	int n = k > 0 ? sqlite3_column_int(st, 0) : -1;
	sqlite3_reset(st);
	return n;
}

int totp_notices(struct store *s, arena *a, int64_t user_id, int64_t since, struct auth_notice *out,
		 size_t max, size_t *n)
{
	*n = 0;
	sqlite3_stmt *st = store_stmt(s,
		"SELECT kind, at FROM account_notice WHERE user_id = ? AND at >= ? ORDER BY at DESC, id DESC LIMIT ?");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, since);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)max);
	int k;
	while ((k = store_step(st)) > 0 && *n < max) {
		out[*n].kind = store_col_str(a, st, 0);
		out[*n].at = sqlite3_column_int64(st, 1);
		(*n)++;
	}
	sqlite3_reset(st);
	if (k < 0) {
		*n = 0;
		return ST_ERR;
	}
	return ST_OK;
}
