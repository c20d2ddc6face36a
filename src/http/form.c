/* form.c — validation of declared form and query fields. */
#include "http/form.h"
#include "core/i18n.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The length of the blank or invisible character at s[0..n) — a space,
 * tab, CR, LF, no-break space (U+00A0, U+202F), zero-width space, joiner
 * or direction mark (U+200B-U+200F), word joiner (U+2060) or byte-order
 * mark (U+FEFF) — or 0. A value is trimmed of them at both ends, so that
 * a name made only of them is empty. */
static size_t blank_len(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n'))
		return 1;
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (n >= 3 && ((s[0] == 0xE2 && s[1] == 0x80 && ((s[2] >= 0x8B && s[2] <= 0x8F) || s[2] == 0xAF)) ||
		       (s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0xA0) || (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)))
		return 3;
	return 0;
}

/* The length of a blank character that ends s[0..n), or 0. */
static size_t blank_end(const char *s, size_t n)
{
	for (size_t k = 1; k <= 3 && k <= n; k++)
		if (blank_len(s + n - k, k) == k)
			return k;
	return 0;
}

size_t form_trim(const char **s, size_t len)
{
	for (size_t k; (k = blank_len(*s, len)) > 0;) {
		*s += k;
		len -= k;
	}
	for (size_t k; (k = blank_end(*s, len)) > 0;)
		len -= k;
	return len;
}

/* Does s hold a bidi embedding, override or isolate (U+202A-U+202E,
 * U+2066-U+2069), which can make text read other than it is stored, or a
 * byte-order mark inside? */
static int has_bidi_controls(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0; i + 2 < len; i++) {
		if (s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] >= 0xAA && s[i + 2] <= 0xAE)
			return 1;
		if (s[i] == 0xE2 && s[i + 1] == 0x81 && s[i + 2] >= 0xA6 && s[i + 2] <= 0xA9)
			return 1;
		if (s[i] == 0xEF && s[i + 1] == 0xBB && s[i + 2] == 0xBF)
			return 1;
	}
	return 0;
}

/* Control characters other than those allowed are refused. */
static int has_bad_controls(const char *s, size_t len, int multiline)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0x7F)
			return 1;
		if (c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t')))
			return 1;
	}
	return 0;
}

static int email_ok(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@'))
		return 0;
	const char *dot = strrchr(at + 1, '.');
	if (!dot || dot == at + 1 || dot[1] == '\0')
		return 0;
	/* nothing that could end the address in a mailto: link or a header
	 * ("?bcc=", "&body=", "%0A"), nor spaces, quotes or brackets */
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || strchr("<>,;\"?&%/\\:()[]", *p))
			return 0;
	return 1;
}

static const char *check(const struct field *f, const char *v, size_t len, long long *num)
{
	size_t maxlen = f->maxlen ? f->maxlen : 200;
	long chars = utf8_count(v, len);
	if (chars < 0 || strlen(v) != len)
		return N_("Der Text enthält ungültige Zeichen.");
	if ((size_t)chars > maxlen)
		return N_("Der Text ist zu lang.");
	if (has_bidi_controls(v, len))
		return N_("Der Text enthält ungültige Zeichen.");
	switch (f->kind) {
	case FIELD_TEXT:
	case FIELD_EMAIL:
	case FIELD_INT:
	case FIELD_CHOICE:
		if (has_bad_controls(v, len, 0))
			return N_("Der Text enthält ungültige Zeichen.");
		break;
	case FIELD_MULTILINE:
		if (has_bad_controls(v, len, 1))
			return N_("Der Text enthält ungültige Zeichen.");
		break;
	case FIELD_CHECKBOX:
	case FIELD_HONEYPOT:
		break;
	}
	if (f->kind == FIELD_EMAIL && !email_ok(v))
		return N_("Bitte geben Sie eine gültige E-Mail-Adresse ein.");
	if (f->kind == FIELD_INT) {
		char *end;
		errno = 0;
		long long x = strtoll(v, &end, 10);
		if (errno || *end || end == v)
			return N_("Bitte geben Sie eine ganze Zahl ein.");
		if (x < f->min || x > f->max)
			return N_("Die Zahl liegt außerhalb des erlaubten Bereichs.");
		*num = x;
	}
	if (f->kind == FIELD_CHOICE) {
		for (const char *const *c = f->choices; c && *c; c++)
			if (strcmp(*c, v) == 0)
				return NULL;
		return N_("Bitte wählen Sie einen der angebotenen Werte.");
	}
	return NULL;
}

int form_validate(struct req *r, const struct kvlist *src, const struct field *fields,
		  size_t n, struct form *out)
{
	memset(out, 0, sizeof(*out));
	if (n > FORM_MAX_FIELDS)
		n = FORM_MAX_FIELDS;
	out->n = n;
	for (size_t i = 0; i < n; i++) {
		const struct field *f = &fields[i];
		const char *raw = NULL;
		size_t rawlen = 0;
		for (size_t k = 0; k < src->n; k++) {
			if (strcmp(src->items[k].key, f->name) == 0) {
				raw = src->items[k].val;
				rawlen = src->items[k].len;
				break;
			}
		}
		if (raw)
			rawlen = form_trim(&raw, rawlen);
		const char *v = raw && rawlen ? arena_strndup(r->a, raw, rawlen) : NULL;

		if (f->kind == FIELD_HONEYPOT) {
			if (v)
				out->honeypot = 1;
			continue;
		}
		if (f->kind == FIELD_CHECKBOX) {
			out->val[i] = v ? "1" : NULL;
			if (!v && (f->flags & FIELD_REQUIRED))
				out->err[i] = N_("Bitte bestätigen Sie dieses Feld.");
		} else if (!v) {
			if (f->flags & FIELD_REQUIRED)
				out->err[i] = N_("Bitte füllen Sie dieses Feld aus.");
		} else {
			out->val[i] = v;
			out->err[i] = check(f, v, rawlen, &out->num[i]);
		}
		if (out->err[i])
			out->nerr++;
	}
	return out->nerr;
}
