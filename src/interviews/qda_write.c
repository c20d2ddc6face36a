/* qda_write.c — a project as REFI-QDA 1.0: the .qdpx (a zip of
 * project.qde and Sources/GUID.txt, the documents' plain text as stored,
 * so that every position means the same characters) and the codebook as
 * .qdc. The XML is written with libxml2's writer, which escapes. */
#include "interviews/interviews.h"
#include "interviews/iv_internal.h"
#include "core/core.h"

#include <fcntl.h>
#include <inttypes.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#define NS_PROJECT "urn:QDA-XML:project:1.0"
#define NS_CODEBOOK "urn:QDA-XML:codebook:1.0"

/* Sticky writer: the first failure is kept in *bad. */
struct xw {
	xmlTextWriterPtr w;
	int bad;
};

static void start(struct xw *x, const char *name)
{
	if (!x->bad && xmlTextWriterStartElement(x->w, (const xmlChar *)name) < 0)
		x->bad = 1;
}

static void end(struct xw *x)
{
	if (!x->bad && xmlTextWriterEndElement(x->w) < 0)
		x->bad = 1;
}

static void attr(struct xw *x, const char *name, const char *value)
{
	if (!x->bad && value && xmlTextWriterWriteAttribute(x->w, (const xmlChar *)name, (const xmlChar *)value) < 0)
		x->bad = 1;
}

static void elem(struct xw *x, const char *name, const char *text)
{
	if (!x->bad && xmlTextWriterWriteElement(x->w, (const xmlChar *)name, (const xmlChar *)text) < 0)
		x->bad = 1;
}

/* The codes under parent, nested, from codes[0..n) in tree order; a
 * code's memo referred to as the Note notes[i] (NULL: none; notes NULL
 * in a codebook, which has no notes). */
static void write_codes(struct xw *x, const struct iv_code *c, size_t n, const char *const *notes, size_t *i,
			int depth)
{
	while (*i < n && c[*i].depth == depth) {
		const char *note = notes ? notes[*i] : NULL;
		const struct iv_code *k = &c[(*i)++];
		start(x, "Code");
		attr(x, "guid", k->guid);
		attr(x, "name", k->name);
		attr(x, "isCodable", "true");
		if (iv_color_valid(k->color))
			attr(x, "color", k->color);
		if (*k->description)
			elem(x, "Description", k->description);
		if (note) {
			start(x, "NoteRef");
			attr(x, "targetGUID", note);
			end(x);
		}
		if (*i < n && c[*i].depth > depth)
			write_codes(x, c, n, notes, i, depth + 1);
		end(x);
	}
}

/* The Sets: the code sets, and one per directory term the codes stand for, named
 * "lotse:term:TAXONOMY/TERM" with the codes as members (REFI-QDA has no
 * place for a code's term; a set is read by every tool, and lotse reads
 * the name back). Nothing when no code has a term. A codebook names a
 * member by "guid", a project by "targetGUID". */
static void member(struct xw *x, int codebook, const struct iv_code *codes, size_t nc, int64_t code_id)
{
	for (size_t k = 0; k < nc; k++)
		if (codes[k].id == code_id) {
			start(x, "MemberCode");
			attr(x, codebook ? "guid" : "targetGUID", codes[k].guid);
			end(x);
		}
}

/* What the sets of the variables' values need (a project's only): the
 * values' terms, and the documents with their variables. */
struct value_sets {
	const struct iv_var_term *t;
	size_t nt;
	const struct iv_doc *docs;
	size_t ndocs;
	struct iv_var **vars;           /* of docs[i]: vars[i][0..nvars[i]) */
	size_t *nvars;
};

/* A set per value of a variable mapped to a term of the evidence loop's
 * dimensions: named IV_VALUE_SET "DIM/TERM", its Description the
 * variable's name and the value on two lines (neither holds a line end),
 * the documents with that value as its MemberSources (docs/interviews.md). */
static void write_value_sets(struct xw *x, arena *a, const struct value_sets *vs)
{
	for (size_t i = 0; vs && i < vs->nt; i++) {
		const struct iv_var_term *v = &vs->t[i];
		char g[37];
		iv_guid(g);
		start(x, "Set");
		attr(x, "guid", g);
		attr(x, "name", arena_printf(a, IV_VALUE_SET "%s/%s", v->dim, v->term));
		elem(x, "Description", arena_printf(a, "%s\n%s", v->name, v->value));
		for (size_t d = 0; d < vs->ndocs; d++)
			for (size_t k = 0; k < vs->nvars[d]; k++) {
				if (strcmp(vs->vars[d][k].name, v->name) != 0 || strcmp(vs->vars[d][k].value, v->value) != 0)
					continue;
				start(x, "MemberSource");
				attr(x, "targetGUID", vs->docs[d].guid);
				end(x);
			}
		end(x);
	}
}

static void write_sets(struct xw *x, arena *a, int codebook, const struct iv_code *codes, size_t nc,
		       const struct iv_code_term *t, size_t nt, const struct iv_codeset *sets, size_t nsets,
		       const struct value_sets *vs)
{
	if (nt == 0 && nsets == 0 && (!vs || vs->nt == 0))
		return;
	start(x, "Sets");
	for (size_t i = 0; i < nsets; i++) {
		start(x, "Set");
		attr(x, "guid", sets[i].guid);
		attr(x, "name", sets[i].name);
		if (*sets[i].description)
			elem(x, "Description", sets[i].description);
		for (size_t j = 0; j < sets[i].ncodes; j++)
			member(x, codebook, codes, nc, sets[i].codes[j]);
		end(x);
	}
	for (size_t i = 0; i < nt; i++) {
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(t[j].taxonomy, t[i].taxonomy) == 0 && strcmp(t[j].term, t[i].term) == 0;
		if (seen)
			continue;
		char g[37];
		iv_guid(g);
		start(x, "Set");
		attr(x, "guid", g);
		attr(x, "name", arena_printf(a, IV_TERM_SET "%s/%s", t[i].taxonomy, t[i].term));
		elem(x, "Description", "lotse: the codes that stand for this term of the directory's taxonomies");
		for (size_t j = i; j < nt; j++) {
			if (strcmp(t[j].taxonomy, t[i].taxonomy) != 0 || strcmp(t[j].term, t[i].term) != 0)
				continue;
			member(x, codebook, codes, nc, t[j].code_id);
		}
		end(x);
	}
	write_value_sets(x, a, vs);
	end(x);
}

static const char *now_iso(arena *a)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	char s[32];
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return arena_strdup(a, s);
}

static const char *var_guid(const char *const *names, const char *const *guids, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return guids[i];
	return NULL;
}

/* The variables of the cases whose names the documents' (*names, *n)
 * lack, added to them: REFI-QDA has one list of variables for both. */
static void case_var_names(arena *a, const struct iv_case *cases, size_t nk, const char ***names, size_t *n)
{
	size_t total = *n;
	for (size_t i = 0; i < nk; i++)
		total += cases[i].nvars;
	const char **all = arena_alloc(a, (total + 1) * sizeof(*all));
	if (*n)
		memcpy(all, *names, *n * sizeof(*all));
	size_t k = *n;
	for (size_t i = 0; i < nk; i++)
		for (size_t j = 0; j < cases[i].nvars; j++) {
			int seen = 0;
			for (size_t m = 0; m < k && !seen; m++)
				seen = strcmp(all[m], cases[i].vars[j].name) == 0;
			if (!seen)
				all[k++] = cases[i].vars[j].name;
		}
	*names = all;
	*n = k;
}

/* A VariableValue: the variable's reference and its text. */
static void var_value(struct xw *x, const char *var_guid, const char *value)
{
	start(x, "VariableValue");
	start(x, "VariableRef");
	attr(x, "targetGUID", var_guid);
	end(x);
	elem(x, "TextValue", value);
	end(x);
}

/* The Cases: each with its variables and its documents (SourceRef). */
static void write_cases(struct xw *x, const struct iv_case *cases, size_t nk, const struct iv_doc *docs, size_t nd,
			const char *const *vnames, const char *const *vguids, size_t nv)
{
	if (nk == 0)
		return;
	start(x, "Cases");
	for (size_t i = 0; i < nk; i++) {
		const struct iv_case *c = &cases[i];
		start(x, "Case");
		attr(x, "guid", c->guid);
		attr(x, "name", c->name);
		if (*c->description)
			elem(x, "Description", c->description);
		for (size_t j = 0; j < c->nvars; j++)
			var_value(x, var_guid(vnames, vguids, nv, c->vars[j].name), c->vars[j].value);
		for (size_t j = 0; j < c->ndocs; j++)
			for (size_t d = 0; d < nd; d++)
				if (docs[d].id == c->docs[j]) {
					start(x, "SourceRef");
					attr(x, "targetGUID", docs[d].guid);
					end(x);
				}
		end(x);
	}
	end(x);
}

/* A created_at "YYYY-MM-DD HH:MM:SS" as xsd:dateTime, or NULL. */
static const char *iso_time(arena *a, const char *t)
{
	if (!t || strlen(t) != 19 || t[10] != ' ')
		return NULL;
	char *s = arena_strdup(a, t);
	s[10] = 'T';
	return arena_printf(a, "%sZ", s);
}

/* The XML of project id into *xml (malloc'd), and its documents (with
 * their bodies) for the zip. */
static int project_xml(struct store *s, arena *a, int64_t id, int codebook, char **xml, size_t *xlen,
		       struct iv_doc **docs, size_t *ndocs, char *err, size_t errlen)
{
	struct iv_project p;
	struct iv_code *codes;
	size_t nc;
	int rc = iv_project_get(s, a, id, 0, &p);
	if (rc != ST_OK) {
		snprintf(err, errlen, rc == ST_NOTFOUND ? "no project %" PRId64 : "the project could not be read", id);
		return ST_ERR;
	}
	struct iv_code_term *terms;
	size_t nterms;
	struct iv_codeset *sets;
	size_t nsets;
	if (iv_codes(s, a, id, &codes, &nc) != ST_OK || iv_code_terms(s, a, id, &terms, &nterms) != ST_OK ||
	    iv_codesets(s, a, id, &sets, &nsets) != ST_OK) {
		snprintf(err, errlen, "the codebook could not be read");
		return ST_ERR;
	}
	if (codebook && nc == 0) {
		snprintf(err, errlen, "the project's codebook is empty (a .qdc needs at least one code)");
		return ST_ERR;
	}
	xmlBufferPtr xb = xmlBufferCreate();
	struct xw x = { xmlNewTextWriterMemory(xb, 0), 0 };
	if (!x.w) {
		xmlBufferFree(xb);
		snprintf(err, errlen, "out of memory");
		return ST_ERR;
	}
	xmlTextWriterSetIndent(x.w, 1);
	if (xmlTextWriterStartDocument(x.w, "1.0", "utf-8", NULL) < 0)
		x.bad = 1;
	const char *origin = "lotse " LOTSE_VERSION;
	if (codebook) {
		start(&x, "CodeBook");
		attr(&x, "xmlns", NS_CODEBOOK);
		attr(&x, "origin", origin);
		start(&x, "Codes");
		size_t i = 0;
		write_codes(&x, codes, nc, NULL, &i, 0);
		end(&x);
		write_sets(&x, a, 1, codes, nc, terms, nterms, sets, nsets, NULL);
		end(&x);
		*docs = NULL;
		*ndocs = 0;
	} else {
		struct iv_coder *coders;
		size_t nk;
		struct iv_memo *memos;
		size_t nm;
		const char **vnames;
		size_t nv;
		struct iv_case *cases;
		size_t ncases;
		struct iv_var_term *vterms;
		struct value_sets vs = { 0 };
		if (iv_coders(s, a, id, &coders, &nk) != ST_OK || iv_docs(s, a, id, docs, ndocs) != ST_OK ||
		    iv_memos(s, a, id, &memos, &nm) != ST_OK || iv_var_names(s, a, id, &vnames, &nv) != ST_OK ||
		    iv_cases(s, a, id, &cases, &ncases) != ST_OK || iv_var_terms(s, a, id, &vterms, &vs.nt) != ST_OK) {
			xmlFreeTextWriter(x.w);
			xmlBufferFree(xb);
			snprintf(err, errlen, "the project could not be read");
			return ST_ERR;
		}
		start(&x, "Project");
		attr(&x, "xmlns", NS_PROJECT);
		attr(&x, "name", p.name);
		attr(&x, "origin", origin);
		attr(&x, "creationDateTime", now_iso(a));
		if (nk) {
			start(&x, "Users");
			for (size_t i = 0; i < nk; i++) {
				start(&x, "User");
				attr(&x, "guid", coders[i].guid);
				attr(&x, "name", coders[i].name);
				end(&x);
			}
			end(&x);
		}
		/* the codes' memos: a Note each, referred to by the code's NoteRef */
		const char **notes = arena_alloc(a, (nc + 1) * sizeof(*notes));
		size_t ncn = 0;
		for (size_t i = 0; i < nc; i++) {
			if (!*codes[i].memo)
				continue;
			char g[37];
			iv_guid(g);
			notes[i] = arena_strdup(a, g);
			ncn++;
		}
		if (nc) {
			start(&x, "CodeBook");
			start(&x, "Codes");
			size_t i = 0;
			write_codes(&x, codes, nc, notes, &i, 0);
			end(&x);
			end(&x);
		}
		case_var_names(a, cases, ncases, &vnames, &nv);
		vs.t = vterms;
		vs.docs = *docs;
		vs.ndocs = *ndocs;
		vs.vars = arena_alloc(a, (*ndocs + 1) * sizeof(*vs.vars));
		vs.nvars = arena_alloc(a, (*ndocs + 1) * sizeof(*vs.nvars));
		const char **vguids = arena_alloc(a, (nv + 1) * sizeof(*vguids));
		if (nv) {
			start(&x, "Variables");
			for (size_t i = 0; i < nv; i++) {
				char g[37];
				iv_guid(g);
				vguids[i] = arena_strdup(a, g);
				start(&x, "Variable");
				attr(&x, "guid", vguids[i]);
				attr(&x, "name", vnames[i]);
				attr(&x, "typeOfVariable", "Text");
				end(&x);
			}
			end(&x);
		}
		write_cases(&x, cases, ncases, *docs, *ndocs, vnames, vguids, nv);
		if (*ndocs)
			start(&x, "Sources");
		for (size_t d = 0; d < *ndocs && !x.bad; d++) {
			struct iv_doc *doc = &(*docs)[d];
			struct iv_doc full;
			struct iv_coding *cg;
			size_t ncg;
			struct iv_var *vars;
			size_t nvars;
			if (iv_doc_get(s, a, id, doc->id, 1, &full) != ST_OK ||
			    iv_codings_doc(s, a, doc->id, &cg, &ncg) != ST_OK ||
			    iv_doc_vars(s, a, doc->id, &vars, &nvars) != ST_OK) {
				x.bad = 2;
				break;
			}
			doc->body = full.body;
			vs.vars[d] = vars;
			vs.nvars[d] = nvars;
			start(&x, "TextSource");
			attr(&x, "guid", doc->guid);
			attr(&x, "name", doc->name);
			attr(&x, "plainTextPath", arena_printf(a, "internal://%s.txt", doc->guid));
			attr(&x, "creationDateTime", iso_time(a, doc->created_at));
			if (*doc->topic || *doc->participants)
				elem(&x, "Description",
				     arena_printf(a, "%s%s%s", doc->topic, *doc->topic && *doc->participants ? "\n" : "",
						  doc->participants));
			for (size_t i = 0; i < ncg; i++) {
				const char *user = NULL;
				for (size_t k = 0; k < nk; k++)
					if (coders[k].id == cg[i].coder_id)
						user = coders[k].guid;
				const char *code = NULL;
				for (size_t k = 0; k < nc; k++)
					if (codes[k].id == cg[i].code_id)
						code = codes[k].guid;
				start(&x, "PlainTextSelection");
				attr(&x, "guid", cg[i].guid);
				attr(&x, "startPosition", arena_printf(a, "%ld", cg[i].start));
				attr(&x, "endPosition", arena_printf(a, "%ld", cg[i].end));
				attr(&x, "creatingUser", user);
				start(&x, "Coding");
				char g[37];
				iv_guid(g);
				attr(&x, "guid", g);
				attr(&x, "creatingUser", user);
				start(&x, "CodeRef");
				attr(&x, "targetGUID", code);
				end(&x);
				end(&x);
				end(&x);
			}
			for (size_t i = 0; i < nvars; i++)
				var_value(&x, var_guid(vnames, vguids, nv, vars[i].name), vars[i].value);
			end(&x);
		}
		if (*ndocs)
			end(&x);
		if (nm || ncn) {
			start(&x, "Notes");
			for (size_t i = 0; i < nc; i++) {
				if (!notes[i])
					continue;
				start(&x, "Note");
				attr(&x, "guid", notes[i]);
				attr(&x, "name", arena_printf(a, "Memo: %s", codes[i].name));
				elem(&x, "PlainTextContent", codes[i].memo);
				end(&x);
			}
			for (size_t i = 0; i < nm; i++) {
				char g[37];
				iv_guid(g);
				start(&x, "Note");
				attr(&x, "guid", g);
				attr(&x, "name", "Memo");
				elem(&x, "PlainTextContent", memos[i].text);
				end(&x);
			}
			end(&x);
		}
		write_sets(&x, a, 0, codes, nc, terms, nterms, sets, nsets, &vs);
		if (*p.description)
			elem(&x, "Description", p.description);
		end(&x);
	}
	if (!x.bad && xmlTextWriterEndDocument(x.w) < 0)
		x.bad = 1;
	xmlFreeTextWriter(x.w);
	if (x.bad) {
		xmlBufferFree(xb);
		snprintf(err, errlen, x.bad == 2 ? "a document could not be read" : "the XML could not be written");
		return ST_ERR;
	}
	*xlen = (size_t)xmlBufferLength(xb);
	*xml = xmalloc(*xlen + 1);
	memcpy(*xml, xmlBufferContent(xb), *xlen);
	(*xml)[*xlen] = '\0';
	xmlBufferFree(xb);
	return ST_OK;
}

int iv_qda_export(struct store *s, int64_t id, int codebook, const char *path, char *err, size_t errlen)
{
	arena *a = arena_new();
	char *xml = NULL;
	size_t xlen = 0, ndocs = 0;
	struct iv_doc *docs = NULL;
	struct store_tx tx = { 0 };
	int rc = store_tx_read(s, &tx);
	if (rc == ST_OK)
		rc = project_xml(s, a, id, codebook, &xml, &xlen, &docs, &ndocs, err, errlen);
	else
		snprintf(err, errlen, "the database could not be read");
	store_tx_end(s, &tx, ST_OK);
	if (rc != ST_OK)
		goto out;
	if (codebook) {
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
		if (!f || fwrite(xml, 1, xlen, f) != xlen || fclose(f) != 0) {
			snprintf(err, errlen, "cannot write %s", path);
			if (f == NULL && fd >= 0)
				close(fd);
			unlink(path);
			rc = ST_ERR;
		}
		goto out;
	}
	int zerr;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_EXCL, &zerr);
	if (!z) {
		snprintf(err, errlen, "cannot create %s (does it exist already?)", path);
		rc = ST_ERR;
		goto out;
	}
	zip_source_t *src = zip_source_buffer(z, xml, xlen, 0);
	if (!src || zip_file_add(z, "project.qde", src, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(src);
		rc = ST_ERR;
	}
	for (size_t i = 0; rc == ST_OK && i < ndocs; i++) {
		const char *body = docs[i].body ? docs[i].body : "";
		src = zip_source_buffer(z, body, strlen(body), 0);
		if (!src || zip_file_add(z, arena_printf(a, "Sources/%s.txt", docs[i].guid), src, ZIP_FL_ENC_UTF_8) < 0) {
			zip_source_free(src);
			rc = ST_ERR;
		}
	}
	if (rc != ST_OK) {
		zip_discard(z);
		snprintf(err, errlen, "cannot write %s", path);
		unlink(path);
	} else if (zip_close(z) != 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, zip_strerror(z));
		zip_discard(z);
		unlink(path);
		rc = ST_ERR;
	}
	chmod(path, 0600);
out:
	free(xml);
	arena_free(a);
	return rc;
}

int iv_qda_export_mem(struct store *s, int64_t id, int codebook, char **out, size_t *len, char *err, size_t errlen)
{
	*out = NULL;
	*len = 0;
	char dir[] = "/tmp/lotse-qda-XXXXXX";
	if (!mkdtemp(dir)) {
		snprintf(err, errlen, "cannot make a temporary folder");
		return ST_ERR;
	}
	char path[64];
	snprintf(path, sizeof(path), "%s/export", dir);
	int rc = iv_qda_export(s, id, codebook, path, err, errlen);
	if (rc == ST_OK) {
		FILE *f = fopen(path, "rb");
		struct stat sb;
		if (!f || fstat(fileno(f), &sb) != 0) {
			rc = ST_ERR;
		} else {
			*len = (size_t)sb.st_size;
			*out = xmalloc(*len + 1);
			if (fread(*out, 1, *len, f) != *len) {
				free(*out);
				*out = NULL;
				rc = ST_ERR;
			}
		}
		if (f)
			fclose(f);
		if (rc != ST_OK)
			snprintf(err, errlen, "cannot read the export back");
	}
	unlink(path);
	rmdir(dir);
	return rc;
}
