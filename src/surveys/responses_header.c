/* responses_header.c — what the columns of a response CSV mean, told from
 * its header: lotse's own export (id, status, lang, started_at,
 * completed_at, then "Q", "Q_SQ001", "Q_other", "Q_1"), LimeSurvey's CSV
 * export with question codes as headers ("Q", "Q[SQ001]" or "QSQ001",
 * "Q[other]", ranks "Q[1]"; its meta columns: submitdate makes a response
 * complete, startlanguage is its language, startdate its start, the others
 * are ignored; "-oth-" is "other") and KoboToolbox's export (";" or ","
 * separated; a select_multiple as one column of space-separated names or
 * split into "q/option" columns of 0 and 1, group paths "g/q" before a
 * name; _submission_time is the start, _uuid, _index and the other meta
 * columns are ignored). Each data row is then rewritten into the export's
 * layout, which the import stores. */
#include "surveys/surveys.h"
#include "surveys/surveys_internal.h"
#include "core/core.h"
#include "core/strmap.h"

#include <stdio.h>
#include <string.h>

#define NMETA 5

/* What a file column is. */
enum hkind {
	HK_IGNORE,  /* unknown (reported) or meta not taken */
	HK_VAR,     /* the export column col */
	HK_FLAG,    /* Kobo's split select_multiple: col gets "Y" for 1, nothing for 0 */
	HK_SPACED,  /* a select_multiple's names, space-separated: question q */
	HK_META,    /* the export's meta column meta (1 status, 2 lang, 3 started_at) */
	HK_SUBMIT,  /* LimeSurvey's submitdate: complete when set, else partial */
};

struct hcol {
	enum hkind kind;
	size_t col, q, meta;
};

struct survey_rheader {
	enum survey_csv_kind kind;
	const struct survey *sv;
	struct survey_xcol *cols;
	size_t ncols, nfile;
	struct hcol *h;
};

/* An alias of a header: the kind and what it points at. */
struct alias {
	enum hkind kind;
	size_t col, q;
};

static void add(arena *a, struct strmap *m, const char *name, enum hkind kind, size_t col, size_t q)
{
	void **slot = strmap_slot(m, name, strlen(name));
	if (*slot)
		return; /* the first one named so keeps it */
	struct alias *x = arena_alloc(a, sizeof(*x));
	*x = (struct alias){ kind, col, q };
	*slot = x;
}

/* Every name a column may have in the three exports. */
static void aliases(arena *a, struct strmap *m, const struct survey *sv, const struct survey_xcol *cols, size_t n)
{
	for (size_t c = 0; c < n; c++)
		add(a, m, cols[c].name, HK_VAR, c, cols[c].q);
	for (size_t c = 0; c < n; c++) {
		const struct survey_question *q = &sv->qs[cols[c].q];
		const char *p = cols[c].part;
		if (!*p) {
			add(a, m, q->code, HK_VAR, c, cols[c].q);
			continue;
		}
		add(a, m, arena_printf(a, "%s[%s]", q->code, p), HK_VAR, c, cols[c].q);
		/* Kobo: a select_multiple's "q/option" holds 0 or 1 ("q/other"
		 * too: its text is in "q_other") */
		if (q->type == SQ_MULTIPLE)
			add(a, m, arena_printf(a, "%s/%s", q->code, p), strcmp(p, "other") ? HK_FLAG : HK_IGNORE, c,
			    cols[c].q);
		else
			add(a, m, arena_printf(a, "%s/%s", q->code, p), HK_VAR, c, cols[c].q);
		add(a, m, arena_printf(a, "%s%s", q->code, p), HK_VAR, c, cols[c].q);
	}
	for (size_t i = 0; i < sv->nqs; i++)
		if (sv->qs[i].type == SQ_MULTIPLE)
			add(a, m, sv->qs[i].code, HK_SPACED, 0, i);
}

static const char *const limesurvey_meta[] = { "submitdate", "lastpage", "startlanguage", "seed", "startdate",
						"datestamp", "ipaddr", "refurl", "token", NULL };
static const char *const kobo_meta[] = { "_uuid", "_submission_time", "_index", "_id", "_validation_status",
					 "_notes", "_status", "_submitted_by", "__version__", "_tags", "_xform_id_string",
					 "_attachments", "_geolocation", "start", "end", "today", "deviceid",
					 "username", "phonenumber", "simserial", "subscriberid", "audit",
					 "meta/instanceID", "meta/rootUuid", "meta/deprecatedID", "formhub/uuid", NULL };
static const char *const own_meta[] = { "id", "status", "lang", "started_at", "completed_at", NULL };

static int among(const char *h, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (strcmp(h, list[i]) == 0)
			return (int)i;
	return -1;
}

enum survey_csv_kind survey_csv_kind_of(const char *const *cells, size_t n)
{
	int lime = 0, kobo = 0;
	for (size_t i = 0; i < n; i++) {
		if (among(cells[i], limesurvey_meta) >= 0)
			lime++;
		if (among(cells[i], kobo_meta) >= 0 && cells[i][0] == '_')
			kobo++;
	}
	return kobo ? SURVEY_CSV_KOBO : lime ? SURVEY_CSV_LIMESURVEY : SURVEY_CSV_LOTSE;
}

char survey_csv_delimiter(const char *head, size_t len)
{
	size_t commas = 0, semis = 0;
	int quoted = 0;
	for (size_t i = 0; i < len && (quoted || (head[i] != '\n' && head[i] != '\r')); i++) {
		if (head[i] == '"')
			quoted = !quoted;
		else if (!quoted && head[i] == ',')
			commas++;
		else if (!quoted && head[i] == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

/* The meaning of a meta header of kind k (HK_IGNORE when it is none). */
static int meta_of(enum survey_csv_kind k, const char *h, struct hcol *out)
{
	*out = (struct hcol){ HK_IGNORE, 0, 0, 0 };
	if (k == SURVEY_CSV_LOTSE) {
		int m = among(h, own_meta);
		if (m < 0)
			return 0;
		out->kind = m >= 1 && m <= 3 ? HK_META : HK_IGNORE;
		out->meta = (size_t)m;
		return 1;
	}
	if (k == SURVEY_CSV_LIMESURVEY) {
		if (strcmp(h, "id") == 0 || among(h, limesurvey_meta) >= 0) {
			if (strcmp(h, "submitdate") == 0)
				out->kind = HK_SUBMIT;
			else if (strcmp(h, "startlanguage") == 0)
				*out = (struct hcol){ HK_META, 0, 0, 2 };
			else if (strcmp(h, "startdate") == 0)
				*out = (struct hcol){ HK_META, 0, 0, 3 };
			return 1;
		}
		return 0;
	}
	if (strcmp(h, "_submission_time") == 0) {
		*out = (struct hcol){ HK_META, 0, 0, 3 };
		return 1;
	}
	return among(h, kobo_meta) >= 0 || h[0] == '_';
}

int survey_rheader_read(arena *a, const struct survey *sv, const char *const *cells, size_t n, FILE *report,
			long line, struct survey_rheader **out)
{
	struct survey_rheader *r = arena_alloc(a, sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->sv = sv;
	r->ncols = survey_export_columns(a, sv, &r->cols);
	r->nfile = n;
	r->h = arena_alloc(a, (n + 1) * sizeof(*r->h));
	const char **names = arena_alloc(a, (n + 1) * sizeof(*names));
	for (size_t i = 0; i < n; i++) {
		const char *h = cells[i];
		if (i == 0 && (unsigned char)h[0] == 0xEF && (unsigned char)h[1] == 0xBB && (unsigned char)h[2] == 0xBF)
			h += 3;
		names[i] = h;
	}
	r->kind = survey_csv_kind_of(names, n);
	if (r->kind == SURVEY_CSV_LIMESURVEY)
		fprintf(report, "line %ld: LimeSurvey's CSV export\n", line);
	else if (r->kind == SURVEY_CSV_KOBO)
		fprintf(report, "line %ld: KoboToolbox's CSV export\n", line);
	struct strmap m = { 0 };
	aliases(a, &m, sv, r->cols, r->ncols);
	for (size_t i = 0; i < n; i++) {
		const char *h = names[i];
		struct alias *x = strmap_get(&m, h, strlen(h));
		/* a Kobo group path before the name: "g/q", "g/q/option" */
		for (const char *p = h; !x && r->kind == SURVEY_CSV_KOBO && (p = strchr(p, '/')) != NULL;)
			x = strmap_get(&m, p + 1, strlen(p + 1)), p++;
		if (x) {
			r->h[i] = (struct hcol){ x->kind, x->col, x->q, 0 };
		} else if (!meta_of(r->kind, h, &r->h[i])) {
			fprintf(report, "line %ld: unknown column %s (ignored)\n", line, h);
			continue;
		}
		/* the same variable twice: the second is ignored (but a Kobo
		 * select_multiple's column beside its split columns) */
		for (size_t j = 0; j < i && r->h[i].kind != HK_IGNORE; j++)
			if (r->h[j].kind == r->h[i].kind && r->h[j].col == r->h[i].col && r->h[j].q == r->h[i].q &&
			    r->h[j].meta == r->h[i].meta) {
				fprintf(report, "line %ld: column %s twice (the second is ignored)\n", line, h);
				r->h[i].kind = HK_IGNORE;
			}
	}
	strmap_free(&m, NULL);
	*out = r;
	return ST_OK;
}

size_t survey_rheader_width(const struct survey_rheader *r)
{
	return NMETA + r->ncols;
}

/* The export column of question q's part, or -1. */
static long col_of(const struct survey_rheader *r, size_t q, const char *part)
{
	for (size_t c = 0; c < r->ncols; c++)
		if (r->cols[c].q == q && strcmp(r->cols[c].part, part) == 0)
			return (long)c;
	return -1;
}

const char *survey_rheader_row(const struct survey_rheader *r, arena *a, const char *const *cells, size_t n,
			       const char **out, const char **bad)
{
	size_t w = NMETA + r->ncols;
	*bad = NULL;
	for (size_t i = 0; i < w; i++)
		out[i] = "";
	if (n != r->nfile)
		return arena_printf(a, "%zu cells, the header has %zu", n, r->nfile);
	for (size_t i = 0; i < n; i++) {
		const char *v = cells[i];
		const struct hcol *h = &r->h[i];
		switch (h->kind) {
		case HK_IGNORE:
			break;
		case HK_META:
			if (*v && !*out[h->meta]) {
				/* Kobo's times: 2026-03-05T10:00:00.000+01:00 */
				if (h->meta == 3 && strlen(v) >= 19 && v[10] == 'T') {
					char *t = arena_strndup(a, v, 19);
					t[10] = ' ';
					v = t;
				}
				out[h->meta] = v;
			}
			break;
		case HK_SUBMIT:
			out[1] = *v ? "complete" : "partial";
			break;
		case HK_VAR: {
			if (!*v || *out[NMETA + h->col])
				break;
			const struct survey_question *q = &r->sv->qs[h->q];
			if (r->kind == SURVEY_CSV_LIMESURVEY && strcmp(v, "-oth-") == 0)
				v = "other";
			/* LimeSurvey's dates carry a time: 2026-03-01 00:00:00 */
			if (q->type == SQ_DATE && strlen(v) == 19 && v[10] == ' ')
				v = arena_strndup(a, v, 10);
			out[NMETA + h->col] = v;
			break;
		}
		case HK_FLAG:
			if (strcmp(v, "1") == 0)
				out[NMETA + h->col] = "Y";
			else if (*v && strcmp(v, "0") != 0) {
				*bad = r->cols[h->col].name;
				return arena_printf(a, "0 or 1 expected: %s", v);
			}
			break;
		case HK_SPACED:
			for (const char *p = v; *p;) {
				while (*p == ' ')
					p++;
				size_t len = strcspn(p, " ");
				if (!len)
					break;
				const char *code = arena_strndup(a, p, len);
				p += len;
				if (strcmp(code, "other") == 0 && r->sv->qs[h->q].other)
					continue; /* its text is in its own column */
				long c = col_of(r, h->q, code);
				if (c < 0) {
					*bad = r->sv->qs[h->q].code;
					return arena_printf(a, "keine der Antwortoptionen: %s", code);
				}
				out[NMETA + (size_t)c] = "Y";
			}
			break;
		}
	}
	return NULL;
}
