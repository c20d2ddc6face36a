/* form.c — validation of declared form and query fields. */
#include "http/form.h"
#include "core/i18n.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
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
		/* trim */
		while (raw && rawlen && is_space(*raw)) {
			raw++;
			rawlen--;
		}
		while (raw && rawlen && is_space(raw[rawlen - 1]))
			rawlen--;
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
