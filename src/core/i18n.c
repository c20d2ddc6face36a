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

const char *const i18n_langs[] = { "de", "en", "tr", "ar", "uk", "ru", "fa", NULL };

/* Per language, in the order of i18n_langs: its own name, its direction,
 * its plural rule (PLURAL_*) and how many forms the rule has. */
enum plural_rule { PLURAL_NOT_ONE, PLURAL_OVER_ONE, PLURAL_SLAVIC, PLURAL_ARABIC };
static const struct {
	const char *name;
	int rtl;
	enum plural_rule rule;
	int nplurals;
} langs[] = {
	{ "Deutsch", 0, PLURAL_NOT_ONE, 2 },
	{ "English", 0, PLURAL_NOT_ONE, 2 },
	{ "Türkçe", 0, PLURAL_NOT_ONE, 2 },
	{ "العربية", 1, PLURAL_ARABIC, 6 },
	{ "Українська", 0, PLURAL_SLAVIC, 3 },
	{ "Русский", 0, PLURAL_SLAVIC, 3 },
	{ "فارسی", 1, PLURAL_OVER_ONE, 2 },
};

struct catalog {
	struct po_entry *e; /* sorted by id */
	size_t n;
	int review_note;    /* the file's header does not say "X-Reviewed: yes" */
};

static struct catalog catalogs[NELEM(langs)];
static int review_note_off; /* LOTSE_REVIEW_NOTE=off */

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
		free(e[i].id_plural);
		for (size_t k = 0; k < NELEM(e[i].plural); k++)
			free(e[i].plural[k]);
	}
	free(e);
}

/* The parts of the entry being read: msgctxt, msgid, msgid_plural, and
 * msgstr or msgstr[0..nforms). */
struct po_cur {
	buf ctx, id, pid;
	buf str[I18N_PLURALS_MAX];
	int have_ctx, have_id, have_pid, fuzzy;
	size_t nforms; /* msgstr lines read: 1 for a singular entry */
};

static void cur_reset(struct po_cur *c)
{
	buf_reset(&c->ctx);
	buf_reset(&c->id);
	buf_reset(&c->pid);
	for (size_t k = 0; k < NELEM(c->str); k++)
		buf_reset(&c->str[k]);
	c->have_ctx = c->have_id = c->have_pid = c->fuzzy = 0;
	c->nforms = 0;
}

static int cur_too_long(const struct po_cur *c)
{
	int err = c->ctx.err || c->id.err || c->pid.err;
	for (size_t k = 0; k < NELEM(c->str); k++)
		err |= c->str[k].err;
	return err;
}

/* Keep the entry read (translated, not fuzzy, not the header) in v. */
static void cur_keep(struct po_cur *c, struct po_entry **v, size_t *n, size_t *cap)
{
	if (c->id.len == 0 || c->fuzzy)
		return;
	for (size_t k = 0; k < c->nforms; k++)
		if (c->str[k].len == 0)
			return;
	*v = xgrow(*v, *n, cap, sizeof(**v), 64);
	struct po_entry *e = &(*v)[*n];
	memset(e, 0, sizeof(*e));
	e->id = xstrdup(buf_str(&c->id));
	e->str = xstrdup(buf_str(&c->str[0]));
	if (c->have_pid) {
		e->id_plural = xstrdup(buf_str(&c->pid));
		for (size_t k = 1; k < c->nforms; k++)
			e->plural[k - 1] = xstrdup(buf_str(&c->str[k]));
	}
	(*n)++;
}

int po_parse(const char *text, size_t len, struct po_entry **out, size_t *nout, char *err, size_t errlen)
{
	struct po_parser ps = { text, text + len, 0, err, errlen };
	struct po_entry *v = NULL;
	size_t n = 0, cap = 0;
	struct po_cur c;
	buf_init(&c.ctx, 1 << 10);
	buf_init(&c.id, 1 << 20);
	buf_init(&c.pid, 1 << 20);
	for (size_t k = 0; k < NELEM(c.str); k++)
		buf_init(&c.str[k], 1 << 20);
	cur_reset(&c);
	buf *cont = NULL; /* the string continuation lines append to */
	int rc = -1;

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
		if (blank_or_new && c.nforms) {
			if (cur_too_long(&c)) {
				snprintf(err, errlen, "line %zu: entry too long", ps.line);
				goto out;
			}
			cur_keep(&c, &v, &n, &cap);
			cur_reset(&c);
			cont = NULL;
		}
		if (at_end)
			break;
		if (p == eol) {
			cont = NULL;
		} else if (starts(p, eol, "#,")) {
			if (memmem(p, (size_t)(eol - p), "fuzzy", 5))
				c.fuzzy = 1;
		} else if (*p == '#') {
			/* comment */
		} else if (starts(p, eol, "msgctxt ")) {
			/* a context: the key is context EOT msgid, as gettext's */
			if (c.have_id || c.have_ctx) {
				snprintf(err, errlen, "line %zu: msgctxt out of place", ps.line);
				goto out;
			}
			p += 8;
			if (po_string(&ps, &p, eol, &c.ctx) != 0)
				goto out;
			c.have_ctx = 1;
			cont = &c.ctx;
		} else if (starts(p, eol, "msgid_plural ")) {
			if (!c.have_id || c.have_pid || c.nforms) {
				snprintf(err, errlen, "line %zu: msgid_plural out of place", ps.line);
				goto out;
			}
			p += 13;
			if (po_string(&ps, &p, eol, &c.pid) != 0)
				goto out;
			c.have_pid = 1;
			cont = &c.pid;
		} else if (starts(p, eol, "msgstr[")) {
			/* msgstr[0], msgstr[1] ... of a plural entry, in order */
			if (!c.have_pid) {
				snprintf(err, errlen, "line %zu: msgstr[] without msgid_plural", ps.line);
				goto out;
			}
			p += 7;
			if (p + 2 >= eol || *p < '0' || *p > '9' || p[1] != ']' || p[2] != ' ' ||
			    (size_t)(*p - '0') != c.nforms) {
				snprintf(err, errlen, "line %zu: expected msgstr[%zu]", ps.line, c.nforms);
				goto out;
			}
			if (c.nforms == I18N_PLURALS_MAX) {
				snprintf(err, errlen, "line %zu: more than %d plural forms", ps.line,
					 I18N_PLURALS_MAX);
				goto out;
			}
			p += 3;
			if (po_string(&ps, &p, eol, &c.str[c.nforms]) != 0)
				goto out;
			cont = &c.str[c.nforms++];
		} else if (starts(p, eol, "msgid ")) {
			if (c.have_id) {
				snprintf(err, errlen, "line %zu: msgid without msgstr before it", ps.line);
				goto out;
			}
			p += 6;
			if (c.have_ctx) {
				buf_append(&c.id, buf_str(&c.ctx), c.ctx.len);
				buf_putc(&c.id, I18N_CTX_SEP);
			}
			if (po_string(&ps, &p, eol, &c.id) != 0)
				goto out;
			c.have_id = 1;
			cont = &c.id;
		} else if (starts(p, eol, "msgstr ")) {
			if (!c.have_id || c.nforms) {
				snprintf(err, errlen, "line %zu: msgstr without msgid", ps.line);
				goto out;
			}
			if (c.have_pid) {
				snprintf(err, errlen, "line %zu: a plural entry needs msgstr[0], msgstr[1] ...",
					 ps.line);
				goto out;
			}
			p += 7;
			if (po_string(&ps, &p, eol, &c.str[0]) != 0)
				goto out;
			c.nforms = 1;
			cont = &c.str[0];
		} else if (*p == '"') {
			if (!cont) {
				snprintf(err, errlen, "line %zu: string outside an entry", ps.line);
				goto out;
			}
			if (po_string(&ps, &p, eol, cont) != 0)
				goto out;
		} else {
			snprintf(err, errlen, "line %zu: unexpected text", ps.line);
			goto out;
		}
		ps.p = eol < ps.end ? eol + 1 : ps.end;
	}
	if ((c.have_id || c.have_ctx) && !c.nforms) {
		snprintf(err, errlen, "line %zu: msgid without msgstr at the end", ps.line);
		goto out;
	}
	rc = 0;
out:
	buf_free(&c.ctx);
	buf_free(&c.id);
	buf_free(&c.pid);
	for (size_t k = 0; k < NELEM(c.str); k++)
		buf_free(&c.str[k]);
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

/* The value of the header field name ("X-Reviewed") in the PO text's
 * header entry (the msgstr of msgid "", before the first other msgid),
 * copied into out; "" when it is not there. */
static void header_field(const struct embed_file *f, const char *name, char *out, size_t outlen)
{
	out[0] = '\0';
	const char *end = f->data + f->len;
	const char *first = strstr(f->data, "msgid \"\"");
	if (!first)
		return;
	const char *next = strstr(first + 8, "\nmsgid ");
	if (next)
		end = next;
	size_t nl = strlen(name);
	for (const char *p = first; p && p < end; p = memchr(p, '\n', (size_t)(end - p))) {
		if (*p == '\n')
			p++;
		if (p + nl + 2 < end && p[0] == '"' && strncmp(p + 1, name, nl) == 0 && p[nl + 1] == ':') {
			const char *v = p + nl + 2;
			while (*v == ' ')
				v++;
			size_t k = 0;
			while (v < end && *v != '\\' && *v != '"' && k + 1 < outlen)
				out[k++] = *v++;
			out[k] = '\0';
			return;
		}
	}
}

/* Load po/<lang>.po into c, checking its plural forms against the rule of
 * language i. */
static int load_catalog(size_t i, struct catalog *c)
{
	char name[16], err[200], field[64];
	snprintf(name, sizeof(name), "%s.po", i18n_langs[i]);
	const struct embed_file *f = embed_find(embed_po, embed_po_count, name);
	c->review_note = i > 0;
	if (!f)
		return 0;
	if (po_parse(f->data, f->len, &c->e, &c->n, err, sizeof(err)) != 0) {
		log_error("po/%s: %s", name, err);
		return -1;
	}
	qsort(c->e, c->n, sizeof(*c->e), entry_cmp);
	header_field(f, "X-Reviewed", field, sizeof(field));
	c->review_note = i > 0 && strcmp(field, "yes") != 0;
	header_field(f, "Plural-Forms", field, sizeof(field));
	int want = langs[i].nplurals, have = 0;
	if (sscanf(field, "nplurals=%d;", &have) != 1 || have != want) {
		log_error("po/%s: the header needs Plural-Forms: nplurals=%d; (the language's rule)", name, want);
		return -1;
	}
	for (size_t k = 0; k < c->n; k++) {
		const struct po_entry *e = &c->e[k];
		int forms = 1;
		while (e->id_plural && forms < I18N_PLURALS_MAX && e->plural[forms - 1])
			forms++;
		if (e->id_plural && forms != want) {
			log_error("po/%s: \"%s\" has %d plural forms, the language has %d", name, e->id, forms,
				  want);
			return -1;
		}
	}
	return 0;
}

int i18n_init(void)
{
	const char *note = getenv("LOTSE_REVIEW_NOTE");
	review_note_off = note && strcmp(note, "off") == 0;
	for (size_t i = 0; i18n_langs[i]; i++)
		if (load_catalog(i, &catalogs[i]) != 0) {
			i18n_free();
			return -1;
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
	struct po_entry key = { .id = (char *)msgid };
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
	return langs[lang_index(lang)].name;
}

int i18n_rtl(const char *lang)
{
	return langs[lang_index(lang)].rtl;
}

const char *i18n_staff_lang(const char *lang)
{
	size_t i = lang_index(lang);
	return i18n_langs[i < I18N_STAFF_LANGS ? i : 0];
}

int i18n_review_note(const char *lang)
{
	return !review_note_off && catalogs[lang_index(lang)].review_note;
}

int i18n_nplurals(const char *lang)
{
	return langs[lang_index(lang)].nplurals;
}

int i18n_plural(const char *lang, unsigned long n)
{
	unsigned long n10 = n % 10, n100 = n % 100;
	switch (langs[lang_index(lang)].rule) {
	case PLURAL_NOT_ONE:
		return n != 1;
	case PLURAL_OVER_ONE:
		return n > 1;
	case PLURAL_SLAVIC:
		return n10 == 1 && n100 != 11 ? 0 : n10 >= 2 && n10 <= 4 && (n100 < 10 || n100 >= 20) ? 1 : 2;
	case PLURAL_ARABIC:
		return n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : n100 >= 3 && n100 <= 10 ? 3 : n100 >= 11 ? 4 : 5;
	}
	return 0;
}

const char *i18n_nget(const char *lang, const char *msgid, const char *msgid_plural, unsigned long n)
{
	const struct catalog *c = &catalogs[lang_index(lang)];
	struct po_entry key = { .id = (char *)msgid };
	const struct po_entry *e = c->n ? bsearch(&key, c->e, c->n, sizeof(*c->e), entry_cmp) : NULL;
	int k = i18n_plural(lang, n);
	if (e && e->id_plural)
		return k == 0 ? e->str : e->plural[k - 1];
	return n == 1 ? msgid : msgid_plural;
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
