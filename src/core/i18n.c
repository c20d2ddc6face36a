/* i18n.c — PO parsing and message lookup. */
#include "core/i18n.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/core.h"
#include "core/embed.h"
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const i18n_langs[] = { "de", "en", NULL };
static const char *const lang_names[] = { "Deutsch", "English" };

struct catalog {
	struct po_entry *e; /* sorted by id */
	size_t n;
};

static struct catalog catalogs[NELEM(lang_names)];

/* Parser state: one line at a time. */
struct po_parser {
	const char *p, *end;
	size_t line;
	char *err;
	size_t errlen;
};

/* Read a C-style quoted string at *s into b; advance *s past it. */
static int po_string(struct po_parser *ps, const char **s, const char *eol, buf *b)
{
	const char *p = *s;
	while (p < eol && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= eol || *p != '"') {
		snprintf(ps->err, ps->errlen, "line %zu: expected a quoted string", ps->line);
		return -1;
	}
	p++;
	while (p < eol && *p != '"') {
		char c = *p++;
		if (c == '\0') {
			/* it would cut the msgid or msgstr short when used as a C string */
			snprintf(ps->err, ps->errlen, "line %zu: NUL byte in a string", ps->line);
			return -1;
		}
		if (c == '\\') {
			if (p >= eol)
				break;
			char e = *p++;
			switch (e) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case '"': c = '"'; break;
			case '\\': c = '\\'; break;
			default:
				snprintf(ps->err, ps->errlen, "line %zu: unknown escape \\%c", ps->line, e);
				return -1;
			}
		}
		buf_putc(b, c);
	}
	if (p >= eol) {
		snprintf(ps->err, ps->errlen, "line %zu: unterminated string", ps->line);
		return -1;
	}
	p++;
	while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	if (p != eol) {
		snprintf(ps->err, ps->errlen, "line %zu: text after the string", ps->line);
		return -1;
	}
	*s = p;
	return 0;
}

static int starts(const char *p, const char *eol, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(eol - p) >= n && memcmp(p, word, n) == 0;
}

void po_free(struct po_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(e[i].id);
		free(e[i].str);
	}
	free(e);
}

int po_parse(const char *text, size_t len, struct po_entry **out, size_t *nout, char *err, size_t errlen)
{
	struct po_parser ps = { text, text + len, 0, err, errlen };
	struct po_entry *v = NULL;
	size_t n = 0, cap = 0;
	buf id, str, ctx;
	buf_init(&id, 1 << 20);
	buf_init(&str, 1 << 20);
	buf_init(&ctx, 1 << 10);
	buf *cur = NULL;      /* the string continuation lines append to */
	int have_id = 0, have_str = 0, have_ctx = 0, fuzzy = 0, rc = -1;

	for (;;) {
		int at_end = ps.p >= ps.end;
		const char *eol = at_end ? ps.end : memchr(ps.p, '\n', (size_t)(ps.end - ps.p));
		if (!eol)
			eol = ps.end;
		const char *p = ps.p;
		ps.line++;
		while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		int blank_or_new = at_end || p == eol || starts(p, eol, "#") || starts(p, eol, "msgid ") ||
				   starts(p, eol, "msgctxt");
		/* An entry ends at a blank line, a comment, or the next msgid. */
		if (blank_or_new && have_str) {
			if (id.err || str.err) {
				snprintf(err, errlen, "line %zu: entry too long", ps.line);
				goto out;
			}
			if (id.len > 0 && str.len > 0 && !fuzzy) {
				v = xgrow(v, n, &cap, sizeof(*v), 64);
				v[n].id = xstrdup(buf_str(&id));
				v[n].str = xstrdup(buf_str(&str));
				n++;
			}
			buf_reset(&id);
			buf_reset(&str);
			buf_reset(&ctx);
			have_id = have_str = fuzzy = have_ctx = 0;
			cur = NULL;
		}
		if (at_end)
			break;
		if (p == eol) {
			cur = NULL;
		} else if (starts(p, eol, "#,")) {
			if (memmem(p, (size_t)(eol - p), "fuzzy", 5))
				fuzzy = 1;
		} else if (*p == '#') {
			/* comment */
		} else if (starts(p, eol, "msgctxt ")) {
			/* a context: the key is context EOT msgid, as gettext's */
			if (have_id || have_ctx) {
				snprintf(err, errlen, "line %zu: msgctxt out of place", ps.line);
				goto out;
			}
			p += 8;
			if (po_string(&ps, &p, eol, &ctx) != 0)
				goto out;
			have_ctx = 1;
			cur = &ctx;
		} else if (starts(p, eol, "msgid_plural") || starts(p, eol, "msgstr[")) {
			snprintf(err, errlen, "line %zu: plural forms are not supported", ps.line);
			goto out;
		} else if (starts(p, eol, "msgid ")) {
			if (have_id) {
				snprintf(err, errlen, "line %zu: msgid without msgstr before it", ps.line);
				goto out;
			}
			p += 6;
			if (have_ctx) {
				buf_append(&id, buf_str(&ctx), ctx.len);
				buf_putc(&id, I18N_CTX_SEP);
			}
			if (po_string(&ps, &p, eol, &id) != 0)
				goto out;
			have_id = 1;
			cur = &id;
		} else if (starts(p, eol, "msgstr ")) {
			if (!have_id || have_str) {
				snprintf(err, errlen, "line %zu: msgstr without msgid", ps.line);
				goto out;
			}
			p += 7;
			if (po_string(&ps, &p, eol, &str) != 0)
				goto out;
			have_str = 1;
			cur = &str;
		} else if (*p == '"') {
			if (!cur) {
				snprintf(err, errlen, "line %zu: string outside an entry", ps.line);
				goto out;
			}
			if (po_string(&ps, &p, eol, cur) != 0)
				goto out;
		} else {
			snprintf(err, errlen, "line %zu: unexpected text", ps.line);
			goto out;
		}
		ps.p = eol < ps.end ? eol + 1 : ps.end;
	}
	if ((have_id || have_ctx) && !have_str) {
		snprintf(err, errlen, "line %zu: msgid without msgstr at the end", ps.line);
		goto out;
	}
	rc = 0;
out:
	buf_free(&id);
	buf_free(&str);
	buf_free(&ctx);
	if (rc != 0) {
		po_free(v, n);
		v = NULL;
		n = 0;
	}
	*out = v;
	*nout = n;
	return rc;
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct po_entry *)a)->id, ((const struct po_entry *)b)->id);
}

int i18n_init(void)
{
	for (size_t i = 1; i18n_langs[i]; i++) {
		char name[16], err[200];
		snprintf(name, sizeof(name), "%s.po", i18n_langs[i]);
		const struct embed_file *f = embed_find(embed_po, embed_po_count, name);
		if (!f)
			continue;
		struct catalog *c = &catalogs[i];
		if (po_parse(f->data, f->len, &c->e, &c->n, err, sizeof(err)) != 0) {
			log_error("po/%s: %s", name, err);
			return -1;
		}
		qsort(c->e, c->n, sizeof(*c->e), entry_cmp);
	}
	return 0;
}

void i18n_free(void)
{
	for (size_t i = 0; i < NELEM(catalogs); i++) {
		po_free(catalogs[i].e, catalogs[i].n);
		catalogs[i].e = NULL;
		catalogs[i].n = 0;
	}
}

static size_t lang_index(const char *lang)
{
	for (size_t i = 0; lang && i18n_langs[i]; i++)
		if (strcmp(lang, i18n_langs[i]) == 0)
			return i;
	return 0;
}

const char *i18n_get(const char *lang, const char *msgid)
{
	const struct catalog *c = &catalogs[lang_index(lang)];
	struct po_entry key = { (char *)msgid, NULL };
	const struct po_entry *e = c->n ? bsearch(&key, c->e, c->n, sizeof(*c->e), entry_cmp) : NULL;
	if (e)
		return e->str;
	const char *sep = strchr(msgid, I18N_CTX_SEP); /* the source text without its context */
	return sep ? sep + 1 : msgid;
}

const char *i18n_lang(const char *lang)
{
	for (size_t i = 0; lang && i18n_langs[i]; i++)
		if (strcmp(lang, i18n_langs[i]) == 0)
			return i18n_langs[i];
	return NULL;
}

const char *i18n_lang_name(const char *lang)
{
	return lang_names[lang_index(lang)];
}

char *i18n_fill(struct arena *a, const char *tmpl, ...)
{
	const char *args[9];
	size_t n = 0;
	va_list ap;
	va_start(ap, tmpl);
	const char *x;
	while ((x = va_arg(ap, const char *)) != NULL && n < NELEM(args))
		args[n++] = x;
	va_end(ap);
	buf b;
	buf_init(&b, 0);
	for (const char *p = tmpl; *p; p++) {
		if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}' && (size_t)(p[1] - '1') < n) {
			buf_puts(&b, args[p[1] - '1']);
			p += 2;
		} else {
			buf_putc(&b, *p);
		}
	}
	char *out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}
