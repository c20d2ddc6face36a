/* xlsform_read.c — an XLSForm's sheets as text: the .xlsx workbook read
 * with libzip and libxml2 (the workbook, its relationships, shared strings
 * and the sheets survey, choices and settings; inline strings, numbers and
 * booleans as their text), or a sheet from a CSV file of a folder
 * (xlsform_internal.h). import_xlsform.c makes the survey of them. */
#include "surveys/xlsform_internal.h"
#include "core/core.h"
#include "core/csvio.h"
#include "core/zipread.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zip.h>

#define XF_MAX_ROWS 20000
#define XF_MAX_COLS 256
#define XF_MAX_PART (64u << 20) /* bytes of one part of the workbook, unpacked */


const char *survey_xf_cell(const struct survey_xf_sheet *t, size_t r, size_t c)
{
	return r < t->nrows && c < t->ncols && t->cell[r * t->ncols + c] ? t->cell[r * t->ncols + c] : "";
}

/* The column of header name (case-insensitive), or -1. */
int survey_xf_column(const struct survey_xf_sheet *t, const char *name)
{
	for (size_t c = 0; c < t->ncols; c++)
		if (strcasecmp(survey_xf_cell(t, 0, c), name) == 0)
			return (int)c;
	return -1;
}

/* ---- the workbook ---- */

static int is_el(const xmlNode *n, const char *local)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

static const char *attr(arena *a, const xmlNode *n, const char *name)
{
	for (const xmlAttr *p = n->properties; p; p = p->next)
		if (strcmp((const char *)p->name, name) == 0 && p->children && p->children->content)
			return arena_strdup(a, (const char *)p->children->content);
	return NULL;
}

/* The text of the <t> elements under n (a shared string, an inline one). */
static void t_text(const xmlNode *n, buf *b)
{
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (is_el(k, "t")) {
			xmlChar *s = xmlNodeGetContent(k);
			if (s)
				buf_puts(b, (const char *)s);
			xmlFree(s);
		} else if (is_el(k, "r")) {
			t_text(k, b);
		}
	}
}

static char *node_text(arena *a, const xmlNode *n)
{
	buf b;
	buf_init(&b, 0);
	t_text(n, &b);
	char *s = arena_strndup(a, buf_str(&b), b.len);
	buf_free(&b);
	return s;
}

static xmlDoc *part(zip_t *z, const char *name, int need, char *err, size_t errlen, const char *file)
{
	size_t len = 0;
	int toobig = 0;
	char *data = zipread_member(z, name, XF_MAX_PART, &len, &toobig);
	if (!data) {
		if (need || toobig)
			snprintf(err, errlen, "%s: %s %s", file, name, toobig ? "is too big" : "is missing");
		return NULL;
	}
	xmlDoc *d = xmlReadMemory(data, len > INT_MAX ? INT_MAX : (int)len, name, NULL,
				  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
	free(data);
	if (!d || !xmlDocGetRootElement(d))
		snprintf(err, errlen, "%s: %s is not well-formed XML", file, name);
	return d;
}

/* The column index of a cell reference "AB12" (0-based), or -1. */
static long ref_col(const char *ref)
{
	long c = 0;
	size_t i = 0;
	for (; ref[i] >= 'A' && ref[i] <= 'Z' && i < 4; i++)
		c = c * 26 + (ref[i] - 'A' + 1);
	return i == 0 ? -1 : c - 1;
}

struct xcell {
	size_t r, c;
	const char *v;
};

/* One worksheet into t. 0, or -1 with err said. */
static int read_sheet(arena *a, zip_t *z, const char *path, const char *name, const char *const *shared,
		      size_t nshared, struct survey_xf_sheet *t, char *err, size_t errlen, const char *file)
{
	xmlDoc *d = part(z, path, 1, err, errlen, file);
	if (!d || !xmlDocGetRootElement(d)) {
		xmlFreeDoc(d);
		return -1;
	}
	struct xcell *v = NULL;
	size_t n = 0, cap = 0, maxr = 0, maxc = 0, row = 0;
	int rc = 0;
	for (const xmlNode *sd = xmlDocGetRootElement(d)->children; sd && rc == 0; sd = sd->next) {
		if (!is_el(sd, "sheetData"))
			continue;
		for (const xmlNode *rw = sd->children; rw && rc == 0; rw = rw->next) {
			if (!is_el(rw, "row"))
				continue;
			const char *rr = attr(a, rw, "r");
			row = rr ? strtoul(rr, NULL, 10) : row + 1;
			size_t col = 0;
			for (const xmlNode *c = rw->children; c && rc == 0; c = c->next) {
				if (!is_el(c, "c"))
					continue;
				const char *ref = attr(a, c, "r"), *type = attr(a, c, "t");
				long rc_col = ref ? ref_col(ref) : -1;
				col = rc_col >= 0 ? (size_t)rc_col + 1 : col + 1;
				if (row < 1 || row > XF_MAX_ROWS || col > XF_MAX_COLS) {
					snprintf(err, errlen, "%s: sheet %s: cell %s is beyond %d rows or %d columns", file, name,
						 ref ? ref : "?", XF_MAX_ROWS, XF_MAX_COLS);
					rc = -1;
					break;
				}
				const char *val = NULL;
				for (const xmlNode *k = c->children; k; k = k->next) {
					if (is_el(k, "v")) {
						xmlChar *s = xmlNodeGetContent(k);
						val = arena_strdup(a, s ? (const char *)s : "");
						xmlFree(s);
					} else if (is_el(k, "is")) {
						val = node_text(a, k);
					}
				}
				if (val && type && strcmp(type, "s") == 0) {
					char *end;
					errno = 0;
					unsigned long i = strtoul(val, &end, 10);
					if (*end || errno || !*val || i >= nshared) {
						snprintf(err, errlen, "%s: sheet %s: cell %s names shared string %s, which is not there",
							 file, name, ref ? ref : "?", val);
						rc = -1;
						break;
					}
					val = shared[i];
				} else if (val && type && strcmp(type, "b") == 0) {
					val = strcmp(val, "1") == 0 ? "TRUE" : "FALSE";
				}
				if (!val || !*val)
					continue;
				v = arena_grow(a, v, n, &cap, sizeof(*v), 64);
				v[n++] = (struct xcell){ row - 1, col - 1, val };
				maxr = row > maxr ? row : maxr;
				maxc = col > maxc ? col : maxc;
			}
		}
	}
	xmlFreeDoc(d);
	if (rc)
		return rc;
	/* leading empty rows are skipped: the header is the first row with text */
	size_t top = maxr;
	for (size_t i = 0; i < n; i++)
		top = v[i].r < top ? v[i].r : top;
	t->nrows = maxr > top ? maxr - top : 0;
	t->ncols = maxc;
	t->first_line = (long)top + 1;
	t->cell = arena_alloc(a, (t->nrows * t->ncols + 1) * sizeof(char *));
	memset(t->cell, 0, (t->nrows * t->ncols + 1) * sizeof(char *));
	for (size_t i = 0; i < n; i++)
		t->cell[(v[i].r - top) * t->ncols + v[i].c] = v[i].v;
	return 0;
}

/* The sheets survey, choices, settings of the workbook in data. */
int survey_xf_read_xlsx(arena *a, const char *data, size_t len, struct survey_xf_sheet sh[3], char *err, size_t errlen,
		     const char *file)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	zip_error_fini(&ze);
	if (!z) {
		if (src)
			zip_source_free(src);
		snprintf(err, errlen, "%s: not an .xlsx file (no zip archive)", file);
		return -1;
	}
	int rc = -1;
	xmlDoc *wb = part(z, "xl/workbook.xml", 1, err, errlen, file);
	xmlDoc *rels = wb ? part(z, "xl/_rels/workbook.xml.rels", 1, err, errlen, file) : NULL;
	xmlDoc *ss = rels && xmlDocGetRootElement(rels) ? part(z, "xl/sharedStrings.xml", 0, err, errlen, file) : NULL;
	if (!wb || !rels || !xmlDocGetRootElement(wb) || !xmlDocGetRootElement(rels) || *err)
		goto out;
	const char **shared = NULL;
	size_t nshared = 0, cap = 0;
	for (const xmlNode *k = ss ? xmlDocGetRootElement(ss)->children : NULL; k; k = k->next)
		if (is_el(k, "si")) {
			shared = arena_grow(a, shared, nshared, &cap, sizeof(*shared), 64);
			shared[nshared++] = node_text(a, k);
		}
	static const char *const want[3] = { "survey", "choices", "settings" };
	rc = 0;
	for (const xmlNode *sheets = xmlDocGetRootElement(wb)->children; sheets && rc == 0; sheets = sheets->next) {
		if (!is_el(sheets, "sheets"))
			continue;
		for (const xmlNode *s = sheets->children; s && rc == 0; s = s->next) {
			const char *name = is_el(s, "sheet") ? attr(a, s, "name") : NULL, *rid = name ? attr(a, s, "id") : NULL;
			int w = 0;
			while (name && w < 3 && strcasecmp(name, want[w]) != 0)
				w++;
			if (!name || w == 3 || sh[w].cell)
				continue;
			const char *target = NULL;
			for (const xmlNode *r = xmlDocGetRootElement(rels)->children; r && rid && !target; r = r->next) {
				const char *id = is_el(r, "Relationship") ? attr(a, r, "Id") : NULL;
				if (id && strcmp(id, rid) == 0)
					target = attr(a, r, "Target");
			}
			if (!target) {
				snprintf(err, errlen, "%s: xl/workbook.xml: sheet %s has no part", file, name);
				rc = -1;
				break;
			}
			const char *path = target[0] == '/' ? target + 1 : arena_printf(a, "xl/%s", target);
			rc = read_sheet(a, z, path, name, shared, nshared, &sh[w], err, errlen, file);
		}
	}
	if (rc == 0 && !sh[0].cell) {
		snprintf(err, errlen, "%s: the workbook has no sheet \"survey\"", file);
		rc = -1;
	}
out:
	xmlFreeDoc(wb);
	xmlFreeDoc(rels);
	xmlFreeDoc(ss);
	zip_close(z);
	return rc;
}

/* The file at path in memory (NUL-terminated; the caller frees it), or
 * NULL when it cannot be read or is bigger than max. */
char *survey_xf_read_file(const char *path, size_t max, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	buf b;
	buf_init(&b, 0);
	char chunk[65536];
	size_t k;
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0 && b.len <= max)
		buf_append(&b, chunk, k);
	int bad = ferror(f) || b.len > max || b.err;
	fclose(f);
	if (bad) {
		buf_free(&b);
		return NULL;
	}
	*len = b.len;
	char *data = xmalloc(b.len + 1);
	memcpy(data, buf_str(&b), b.len);
	data[b.len] = '\0';
	buf_free(&b);
	return data;
}

int survey_xf_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A sheet from the CSV file path (missing: an empty sheet unless need). */
int survey_xf_read_csv(arena *a, const char *path, int need, struct survey_xf_sheet *t, char *err, size_t errlen)
{
	size_t len;
	char *data = survey_xf_read_file(path, SURVEY_XF_MAX_FILE, &len);
	if (!data) {
		if (need)
			snprintf(err, errlen, "%s: cannot read it", path);
		return need ? -1 : 0;
	}
	struct csvio_table ct;
	char why[200];
	long line = 0;
	int rc = csvio_parse(a, data, len, &ct, why, sizeof(why), &line);
	free(data);
	if (rc != 0) {
		snprintf(err, errlen, "%s: line %ld: %s", path, line, why);
		return -1;
	}
	t->nrows = ct.nrows + 1;
	t->ncols = ct.ncols;
	t->first_line = ct.header_line;
	t->cell = arena_alloc(a, (t->nrows * t->ncols + 1) * sizeof(char *));
	memset(t->cell, 0, (t->nrows * t->ncols + 1) * sizeof(char *));
	for (size_t c = 0; c < ct.ncols; c++)
		t->cell[c] = ct.header[c];
	for (size_t r = 0; r < ct.nrows; r++)
		for (size_t c = 0; c < ct.rows[r].n && c < ct.ncols; c++)
			t->cell[(r + 1) * t->ncols + c] = ct.rows[r].cells[c];
	return 0;
}
