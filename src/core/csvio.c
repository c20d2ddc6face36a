/* csvio.c — CSV writing with minimal quoting, and reading with libcsv
 * that remembers where each record starts: into a table, or record by
 * record from bytes or a file (bounded memory). */
#include "core/csvio.h"
#include "core/core.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- writing ---- */

/* Would a spreadsheet read s as a formula? A cell starting with = + - @,
 * a tab or a CR, unless it is a plain number ("-8.27", "+49"). */
static int formula_like(const char *s)
{
	if (s[0] == '\0' || !strchr("=+-@\t\r", s[0]))
		return 0;
	if (s[0] == '-' || s[0] == '+') {
		char *end;
		strtod(s, &end);
		return end == s + 1 || *end != '\0'; /* not a whole number */
	}
	return 1;
}

/* Does the writer put a ' before s? A formula, or a ' before one (so that
 * the reader, which takes one ' off, gives back what was written). */
static int guarded(const char *s)
{
	return formula_like(s) || (s[0] == '\'' && formula_like(s + 1));
}

/* Does s, after the guard ' when guard is set, need quotes? */
static int needs_quotes(const char *s, int guard)
{
	size_t n = strlen(s);
	if (n == 0)
		return 0;
	if ((!guard && (s[0] == ' ' || s[0] == '\t')) || s[n - 1] == ' ' || s[n - 1] == '\t')
		return 1;
	return strpbrk(s, ",\"\r\n") != NULL;
}

static void field(buf *b, int *first, const char *s, int may_guard)
{
	if (!*first)
		buf_putc(b, ',');
	*first = 0;
	if (!s)
		return;
	int guard = may_guard && guarded(s); /* shown as text, not run */
	int quote = needs_quotes(s, guard);
	if (quote)
		buf_putc(b, '"');
	if (guard)
		buf_putc(b, '\'');
	for (const char *p = s; *p; p++) {
		if (quote && *p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	if (quote)
		buf_putc(b, '"');
}

void csvio_field(buf *b, int *first, const char *s)
{
	field(b, first, s, 1);
}

void csvio_field_plain(buf *b, int *first, const char *s)
{
	field(b, first, s, 0);
}

void csvio_end(buf *b, int *first)
{
	buf_puts(b, "\r\n");
	*first = 1;
}

/* ---- reading ---- */


struct rd {
	arena *a;
	struct csvio_table *t;
	long line;      /* the physical line being fed */
	long row_start; /* where the record in progress started; 0 = none */
	const char **cells; /* the record in progress (heap) */
	size_t n, cap;
	struct csvio_row *rows; /* the records so far (heap; into the arena at the end) */
	size_t rows_cap;
	char *pool;          /* where the next cell's text goes */
	size_t pool_left;
	const char *err; /* first problem, static text */
	long err_line;
	/* record by record (csvio_each): the record's text and its cells'
	 * offsets in it, and the caller's function */
	csvio_row_fn each;
	void *ctx;
	buf text;
	size_t *offs;
	int stopped;
};

static void fail(struct rd *c, const char *msg)
{
	if (!c->err) {
		c->err = msg;
		c->err_line = c->row_start ? c->row_start : c->line;
	}
}

#define POOL_BLOCK 65536

/* A copy of a cell's text in the arena, packed one after the other in
 * blocks (arena_strndup would align each: a big file has millions of
 * small cells). */
static const char *keep(struct rd *c, const char *s, size_t len)
{
	char *p;
	if (len + 1 > POOL_BLOCK / 4) {
		p = arena_alloc(c->a, len + 1); /* a block of its own */
	} else {
		if (len + 1 > c->pool_left) {
			c->pool = arena_alloc(c->a, POOL_BLOCK);
			c->pool_left = POOL_BLOCK;
		}
		p = c->pool;
		c->pool += len + 1;
		c->pool_left -= len + 1;
	}
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static void on_field(void *s, size_t len, void *data)
{
	struct rd *c = data;
	if (c->err)
		return;
	if (c->row_start == 0)
		c->row_start = c->line;
	if (c->n >= CSVIO_MAX_COLS) {
		fail(c, "too many columns");
		return;
	}
	if (len > CSVIO_MAX_CELL) {
		fail(c, "a cell is too long");
		return;
	}
	const char *cell = s ? (const char *)s : "";
	if (c->each) {
		size_t off = c->text.len;
		buf_append(&c->text, cell, len);
		buf_putc(&c->text, '\0');
		if (len > 1 && cell[0] == '\'' && guarded(c->text.data + off + 1))
			off++; /* what the writer guarded */
		c->offs = xgrow(c->offs, c->n, &c->cap, sizeof(*c->offs), 32);
		c->offs[c->n++] = off;
		return;
	}
	if (len > 1 && cell[0] == '\'' && guarded(arena_strndup(c->a, cell + 1, len - 1))) {
		cell++; /* what the writer guarded */
		len--;
	}
	c->cells = xgrow(c->cells, c->n, &c->cap, sizeof(*c->cells), 32);
	c->cells[c->n++] = keep(c, cell, len);
}

static void on_row(int term, void *data)
{
	(void)term;
	struct rd *c = data;
	long start = c->row_start ? c->row_start : c->line;
	size_t n = c->n;
	c->n = 0;
	c->row_start = 0;
	if (c->err || c->stopped)
		return;
	if (c->each) {
		char *cells[CSVIO_MAX_COLS];
		int empty = 1;
		for (size_t i = 0; i < n; i++) {
			cells[i] = c->text.data + c->offs[i];
			empty = empty && cells[i][0] == '\0';
		}
		if (!empty && c->each(c->ctx, start, cells, n) != 0)
			c->stopped = 1;
		buf_reset(&c->text);
		return;
	}
	int empty = 1;
	for (size_t i = 0; i < n && empty; i++)
		empty = c->cells[i][0] == '\0';
	if (empty)
		return;
	const char **cells = arena_alloc(c->a, n * sizeof(*cells));
	memcpy(cells, c->cells, n * sizeof(*cells));
	struct csvio_table *t = c->t;
	if (!t->header) {
		t->header = cells;
		t->ncols = n;
		t->header_line = start;
		return;
	}
	c->rows = xgrow(c->rows, t->nrows, &c->rows_cap, sizeof(*c->rows), 64);
	c->rows[t->nrows++] = (struct csvio_row){ .line = start, .n = n, .cells = cells };
}

static int blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/* Feed the complete lines of data[0..len) (all of it when last) to p;
 * *used gets the bytes taken. 0, or -1 with the reason in err. */
static int feed(struct rd *c, struct csv_parser *p, const char *data, size_t len, int last, size_t *used,
		char *err, size_t errlen, long *err_line)
{
	size_t pos = 0;
	while (pos < len && !c->err && !c->stopped) {
		const char *chunk = data + pos;
		const char *nl = memchr(chunk, '\n', len - pos);
		if (!nl && !last)
			break; /* the rest of the line comes with the next block */
		size_t clen = nl ? (size_t)(nl - chunk) + 1 : len - pos;
		if (memchr(chunk, '\0', clen)) {
			snprintf(err, errlen, "the file holds a NUL byte");
			*err_line = c->line;
			return -1;
		}
		if (utf8_count(chunk, clen) < 0) {
			snprintf(err, errlen, "not valid UTF-8 (save the file as UTF-8)");
			*err_line = c->line;
			return -1;
		}
		if (c->row_start == 0 && !blank(chunk, clen))
			c->row_start = c->line;
		if (csv_parse(p, chunk, clen, on_field, on_row, c) != clen) {
			snprintf(err, errlen, "%s (a quote inside an unquoted field?)", csv_strerror(csv_error(p)));
			*err_line = c->line;
			return -1;
		}
		pos += clen;
		c->line++;
	}
	*used = pos;
	return 0;
}

/* The end of the input: the last record, and the first problem. */
static int finish(struct rd *c, struct csv_parser *p, char *err, size_t errlen, long *err_line)
{
	if (!c->err && !c->stopped && csv_fini(p, on_field, on_row, c) != 0) {
		snprintf(err, errlen, "a quoted field is not closed");
		*err_line = c->row_start ? c->row_start : c->line;
		return -1;
	}
	if (c->err) {
		snprintf(err, errlen, "%s", c->err);
		*err_line = c->err_line;
		return -1;
	}
	return c->stopped ? 1 : 0;
}

static size_t skip_bom(const char *data, size_t len)
{
	return len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

int csvio_parse(arena *a, const char *data, size_t len, struct csvio_table *out, char *err, size_t errlen,
		long *err_line)
{
	memset(out, 0, sizeof(*out));
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		core_oom();
	struct rd c = { .a = a, .t = out, .line = 1 };
	size_t pos = skip_bom(data, len), used;
	int rc = feed(&c, &p, data + pos, len - pos, 1, &used, err, errlen, err_line);
	if (rc == 0)
		rc = finish(&c, &p, err, errlen, err_line);
	csv_free(&p);
	free(c.cells);
	if (rc == 0 && out->nrows) {
		/* one copy of the final size: growing in the arena would leave
		 * every smaller one behind */
		out->rows = arena_alloc(a, out->nrows * sizeof(*out->rows));
		memcpy(out->rows, c.rows, out->nrows * sizeof(*out->rows));
	} else {
		out->nrows = 0;
	}
	free(c.rows);
	return rc;
}

#define BLOCK (256 * 1024)

int csvio_each(const char *data, size_t len, FILE *f, csvio_row_fn row, void *ctx, char *err, size_t errlen,
	       long *err_line)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		core_oom();
	struct rd c = { .line = 1, .each = row, .ctx = ctx };
	buf_init(&c.text, 0);
	int rc = 0;
	size_t used;
	if (!f) {
		size_t pos = skip_bom(data, len);
		rc = feed(&c, &p, data + pos, len - pos, 1, &used, err, errlen, err_line);
	} else {
		/* block by block; a line's start waits for its end */
		size_t cap = BLOCK, have = 0;
		char *b = xmalloc(cap);
		int eof = 0, first = 1;
		while (rc == 0 && !eof && !c.err && !c.stopped) {
			if (have == cap)
				b = xrealloc(b, cap *= 2); /* one line longer than the block */
			size_t n = fread(b + have, 1, cap - have, f);
			eof = n < cap - have;
			if (eof && ferror(f)) {
				snprintf(err, errlen, "the file could not be read");
				*err_line = c.line;
				rc = -1;
				break;
			}
			have += n;
			if (first && (have >= 3 || eof)) {
				size_t skip = skip_bom(b, have);
				memmove(b, b + skip, have - skip);
				have -= skip;
				first = 0;
			}
			rc = feed(&c, &p, b, have, eof, &used, err, errlen, err_line);
			memmove(b, b + used, have - used);
			have -= used;
		}
		free(b);
	}
	if (rc == 0)
		rc = finish(&c, &p, err, errlen, err_line);
	csv_free(&p);
	free(c.offs);
	buf_free(&c.text);
	return rc;
}
