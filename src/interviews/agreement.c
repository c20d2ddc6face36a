/* agreement.c — how far two coders agree: per code and overall, on
 * paragraphs as units (did each code the paragraph with the code?) and
 * on characters, as percentage agreement and Cohen's kappa; and the
 * paragraphs where they disagree. Only documents both have coded count. */
#include "interviews/interviews.h"
#include "core/core.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void iv_agree_compute(struct iv_agree *g)
{
	double n = g->both + g->first + g->second + g->neither;
	if (n <= 0) {
		g->percent = -1;
		g->kappa = NAN;
		return;
	}
	double po = (g->both + g->neither) / n;
	double p1 = (g->both + g->first) / n, p2 = (g->both + g->second) / n;
	double pe = p1 * p2 + (1 - p1) * (1 - p2);
	g->percent = 100.0 * po;
	g->kappa = pe >= 1.0 - 1e-12 ? NAN : (po - pe) / (1 - pe);
}

struct cd {
	int64_t doc, code, coder;
	long start, end;
};

struct pa {
	int64_t doc;
	long n, start, end;
	const char *text;
};

/* The length of the union of the sorted intervals v[0..n). */
static long union_len(const struct cd *v, size_t n)
{
	long total = 0, cs = -1, ce = -1;
	for (size_t i = 0; i < n; i++) {
		if (v[i].start > ce) {
			total += ce - cs;
			cs = v[i].start;
			ce = v[i].end;
		} else if (v[i].end > ce) {
			ce = v[i].end;
		}
	}
	return total + (ce - cs);
}

/* The length of the intersection of the unions of a[0..na) and b[0..nb)
 * (each sorted by start): walk both merged. */
static long inter_len(const struct cd *a, size_t na, const struct cd *b, size_t nb)
{
	long total = 0;
	size_t i = 0, j = 0;
	long as = 0, ae = -1, bs = 0, be = -1;
	while (1) {
		if (ae < 0) {
			if (i >= na)
				break;
			as = a[i].start;
			ae = a[i++].end;
			while (i < na && a[i].start <= ae) {
				if (a[i].end > ae)
					ae = a[i].end;
				i++;
			}
		}
		if (be < 0) {
			if (j >= nb)
				break;
			bs = b[j].start;
			be = b[j++].end;
			while (j < nb && b[j].start <= be) {
				if (b[j].end > be)
					be = b[j].end;
				j++;
			}
		}
		long lo = as > bs ? as : bs, hi = ae < be ? ae : be;
		if (hi > lo)
			total += hi - lo;
		if (ae < be)
			ae = -1;
		else
			be = -1;
	}
	return total;
}

int iv_agreement(struct store *s, arena *a, int64_t project_id, int64_t coder1, int64_t coder2,
		 struct iv_agree_row **rows, size_t *nrows, struct iv_disagreement **dis, size_t *ndis)
{
	*rows = NULL;
	*nrows = 0;
	*dis = NULL;
	*ndis = 0;
	struct iv_code *codes;
	size_t nc;
	if (iv_codes(s, a, project_id, &codes, &nc) != ST_OK)
		return ST_ERR;
	struct iv_doc *docs;
	size_t nd;
	if (iv_docs(s, a, project_id, &docs, &nd) != ST_OK)
		return ST_ERR;
	sqlite3_stmt *st = store_stmt(s, "SELECT g.doc_id, g.code_id, g.coder_id, g.start, g.\"end\" FROM iv_coding g "
					 "JOIN iv_document d ON d.id = g.doc_id WHERE d.project_id = ? AND g.coder_id IN (?, ?) "
					 "ORDER BY g.doc_id, g.code_id, g.coder_id, g.start");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	sqlite3_bind_int64(st, 2, coder1);
	sqlite3_bind_int64(st, 3, coder2);
	struct cd *v = NULL;
	size_t nv = 0, cap = 0;
	int k;
	while ((k = store_step(st)) > 0) {
		v = arena_grow(a, v, nv, &cap, sizeof(*v), 256);
		v[nv++] = (struct cd){ sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
				       (long)sqlite3_column_int64(st, 3), (long)sqlite3_column_int64(st, 4) };
	}
	sqlite3_reset(st);
	if (k != 0)
		return ST_ERR;
	st = store_stmt(s, "SELECT p.doc_id, p.n, p.start, p.\"end\", p.text FROM iv_para p JOIN iv_document d ON "
			   "d.id = p.doc_id WHERE d.project_id = ? ORDER BY p.doc_id, p.n");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, project_id);
	struct pa *pv = NULL;
	size_t np = 0;
	cap = 0;
	while ((k = store_step(st)) > 0) {
		pv = arena_grow(a, pv, np, &cap, sizeof(*pv), 256);
		pv[np++] = (struct pa){ sqlite3_column_int64(st, 0), (long)sqlite3_column_int64(st, 1),
					(long)sqlite3_column_int64(st, 2), (long)sqlite3_column_int64(st, 3),
					store_col_str(a, st, 4) };
	}
	sqlite3_reset(st);
	if (k != 0)
		return ST_ERR;

	*rows = arena_alloc(a, (nc + 1) * sizeof(**rows));
	*nrows = nc + 1;
	(*rows)[0].code_name = "";
	for (size_t c = 0; c < nc; c++) {
		(*rows)[c + 1].code_id = codes[c].id;
		(*rows)[c + 1].code_name = codes[c].name;
	}
	size_t dcap = 0;
	unsigned char *mark = NULL;
	size_t markcap = 0;
	for (size_t di = 0; di < nd; di++) {
		int64_t doc = docs[di].id;
		/* this document's codings and paragraphs */
		size_t v0 = 0;
		while (v0 < nv && v[v0].doc != doc)
			v0++;
		size_t v1 = v0;
		int has1 = 0, has2 = 0;
		while (v1 < nv && v[v1].doc == doc) {
			has1 |= v[v1].coder == coder1;
			has2 |= v[v1].coder == coder2;
			v1++;
		}
		if (!has1 || !has2)
			continue;
		size_t p0 = 0;
		while (p0 < np && pv[p0].doc != doc)
			p0++;
		size_t p1 = p0;
		while (p1 < np && pv[p1].doc == doc)
			p1++;
		size_t npd = p1 - p0;
		if (npd * 2 > markcap) {
			markcap = npd * 2;
			mark = arena_alloc(a, markcap);
		}
		for (size_t c = 0; c < nc; c++) {
			struct iv_agree_row *row = &(*rows)[c + 1];
			size_t c0 = v0;
			while (c0 < v1 && v[c0].code != codes[c].id)
				c0++;
			size_t cm = c0;
			while (cm < v1 && v[cm].code == codes[c].id && v[cm].coder == (coder1 < coder2 ? coder1 : coder2))
				cm++;
			size_t c1 = cm;
			while (c1 < v1 && v[c1].code == codes[c].id)
				c1++;
			/* [c0, cm): the coder with the smaller id; [cm, c1): the other */
			const struct cd *x = v + c0, *y = v + cm;
			size_t nx = cm - c0, ny = c1 - cm;
			if (coder1 > coder2) {
				const struct cd *t = x;
				x = y;
				y = t;
				size_t tn = nx;
				nx = ny;
				ny = tn;
			}
			/* characters */
			long both = inter_len(x, nx, y, ny);
			long ux = nx ? union_len(x, nx) : 0, uy = ny ? union_len(y, ny) : 0;
			row->chars.both += (double)both;
			row->chars.first += (double)(ux - both);
			row->chars.second += (double)(uy - both);
			row->chars.neither += (double)(docs[di].nchars - ux - uy + both);
			/* paragraphs */
			memset(mark, 0, npd * 2);
			for (int who = 0; who < 2; who++) {
				const struct cd *z = who ? y : x;
				size_t nz = who ? ny : nx;
				for (size_t i = 0; i < nz; i++)
					for (size_t p = 0; p < npd; p++)
						if (pv[p0 + p].start < z[i].end && z[i].start < pv[p0 + p].end)
							mark[p * 2 + (size_t)who] = 1;
			}
			for (size_t p = 0; p < npd; p++) {
				int m1 = mark[p * 2], m2 = mark[p * 2 + 1];
				if (m1 && m2)
					row->paras.both++;
				else if (m1)
					row->paras.first++;
				else if (m2)
					row->paras.second++;
				else
					row->paras.neither++;
				if (m1 != m2 && *ndis < 1000) {
					*dis = arena_grow(a, *dis, *ndis, &dcap, sizeof(**dis), 32);
					(*dis)[(*ndis)++] = (struct iv_disagreement){ doc, docs[di].name, codes[c].name,
										      pv[p0 + p].text, pv[p0 + p].n,
										      m1 ? 1 : 2 };
				}
			}
		}
	}
	struct iv_agree_row *all = &(*rows)[0];
	for (size_t c = 1; c <= nc; c++) {
		struct iv_agree_row *row = &(*rows)[c];
		all->paras.both += row->paras.both;
		all->paras.first += row->paras.first;
		all->paras.second += row->paras.second;
		all->paras.neither += row->paras.neither;
		all->chars.both += row->chars.both;
		all->chars.first += row->chars.first;
		all->chars.second += row->chars.second;
		all->chars.neither += row->chars.neither;
		iv_agree_compute(&row->paras);
		iv_agree_compute(&row->chars);
	}
	iv_agree_compute(&all->paras);
	iv_agree_compute(&all->chars);
	return ST_OK;
}
