/* qda_read.c — reading REFI-QDA 1.0: a .qdpx (zip with project.qde and
 * the sources' text), a bare .qde, or a .qdc codebook, into a new
 * project. Tolerant of what real tools write (an empty <Sets/>, sources
 * under internal:// or relative paths, braces around GUIDs, upper-case
 * GUIDs, a missing namespace); what it cannot take (a PDF or picture
 * source, a selection outside its text, a reference to an unknown code)
 * is left out and reported. A file that is not well formed, has another
 * root, or lacks what the format needs (a code's name, a selection's
 * positions) is refused whole, and nothing is stored. */
#include "interviews/interviews.h"
#include "interviews/iv_internal.h"
#include "core/buf.h"
#include "core/core.h"
#include "core/cp1252.h"

#include <ctype.h>
#include <inttypes.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define QDA_MAX_TOTAL (256u << 20) /* all text of a project, uncompressed */

struct q_code {
	const char *guid, *name, *color, *desc;
	const char *note; /* the GUID of its first NoteRef: its memo; or NULL */
	long parent; /* index, -1 at the top */
};
struct q_sel {
	const char *guid, *user;
	long start, end;
	const char **codes; /* the codes' GUIDs */
	size_t ncodes;
};
struct q_var {
	const char *guid, *value;
};
struct q_src {
	const char *guid, *name, *desc, *text;
	long nchars;
	struct q_sel *sel;
	size_t nsel;
	struct q_var *vars;
	size_t nvars;
};
struct q_named {
	const char *guid, *name;
};
/* A set of codes: a directory term (named IV_TERM_SET...), else a code set. */
struct q_set {
	const char *name, *desc;
	const char **codes; /* the members' GUIDs */
	size_t ncodes;
};
/* A case: its variables and its sources' GUIDs. */
struct q_case {
	const char *guid, *name, *desc;
	struct q_var *vars;
	size_t nvars;
	const char **srcs;
	size_t nsrcs;
};
struct q_model {
	int codebook;
	const char *name, *desc;
	struct q_named *users, *vars;
	size_t nusers, nvars;
	struct q_code *codes;
	size_t ncodes;
	struct q_src *srcs;
	size_t nsrcs;
	struct q_named *notes; /* guid (or NULL) and text */
	size_t nnotes;
	struct q_set *sets;
	size_t nsets;
	struct q_case *cases;
	size_t ncases;
	buf *report;
	long skipped;
	size_t total;
	zip_t *zip;
	arena *a;
	char *err;
	size_t errlen;
};

/* One thing left out: "what: msg" as a line of the report. */
static void note(struct q_model *m, const char *msg, const char *what)
{
	m->skipped++;
	if (m->report && m->skipped <= 200)
		buf_printf(m->report, "%s%s%s\n", what ? what : "", what ? ": " : "", msg);
}

static int named(const xmlNode *n, const char *local)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

static const char *prop(struct q_model *m, const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	const char *s = arena_strdup(m->a, (const char *)v);
	xmlFree(v);
	return s;
}

static const char *content(struct q_model *m, const xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	const char *s = arena_strdup(m->a, v ? (const char *)v : "");
	xmlFree(v);
	return s;
}

static const xmlNode *child(const xmlNode *n, const char *local)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (named(c, local))
			return c;
	return NULL;
}

/* A GUID without braces, in lower case; NULL when it is none. */
static const char *guid_norm(struct q_model *m, const char *g)
{
	if (!g)
		return NULL;
	size_t n = strlen(g);
	if (n == 38 && g[0] == '{' && g[37] == '}') {
		g++;
		n = 36;
	}
	if (n != 36)
		return NULL;
	char *o = arena_strndup(m->a, g, 36);
	for (size_t i = 0; i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? o[i] != '-' : !isxdigit((unsigned char)o[i]))
			return NULL;
		o[i] = (char)tolower((unsigned char)o[i]);
	}
	return o;
}

/* A non-negative integer attribute; -1 when it is none. */
static long position(const char *s)
{
	if (!s || !*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 10)
		return -1;
	return strtol(s, NULL, 10);
}

/* The file is refused: msg, and what it is about (or NULL). */
static int fail(struct q_model *m, const char *msg, const char *what)
{
	snprintf(m->err, m->errlen, "%s%s%s%s", msg, what ? " (" : "", what ? what : "", what ? ")" : "");
	return ST_ERR;
}

static int read_codes(struct q_model *m, const xmlNode *codes, long parent, int depth)
{
	if (depth > 50)
		return fail(m, "the codes are nested too deep", NULL);
	for (const xmlNode *c = codes ? codes->children : NULL; c; c = c->next) {
		if (!named(c, "Code"))
			continue;
		struct q_code k = { .guid = guid_norm(m, prop(m, c, "guid")), .name = prop(m, c, "name"),
				    .color = prop(m, c, "color"), .parent = parent };
		if (!k.name || !*k.name)
			return fail(m, "a Code has no name", NULL);
		if (!k.guid)
			return fail(m, "a Code has no valid guid", k.name);
		if (k.color && strlen(k.color) == 4 && k.color[0] == '#')
			k.color = arena_printf(m->a, "#%c%c%c%c%c%c", k.color[1], k.color[1], k.color[2], k.color[2],
					       k.color[3], k.color[3]);
		if (k.color && !iv_color_valid(k.color))
			k.color = NULL;
		const xmlNode *d = child(c, "Description");
		k.desc = d ? content(m, d) : "";
		const xmlNode *nr = child(c, "NoteRef");
		k.note = nr ? guid_norm(m, prop(m, nr, "targetGUID")) : NULL;
		for (size_t i = 0; i < m->ncodes; i++)
			if (strcmp(m->codes[i].guid, k.guid) == 0)
				return fail(m, "two codes have the same guid", k.guid);
		size_t cap = m->ncodes; /* grow by one: codes are few */
		struct q_code *v = arena_alloc(m->a, (cap + 1) * sizeof(*v));
		if (m->ncodes)
			memcpy(v, m->codes, m->ncodes * sizeof(*v));
		v[m->ncodes] = k;
		m->codes = v;
		long me = (long)m->ncodes++;
		if (read_codes(m, c, me, depth + 1) != ST_OK)
			return ST_ERR;
	}
	return ST_OK;
}

/* The bytes of the zip's member at path (internal://X, a relative path,
 * or just its file name anywhere in the zip), as UTF-8 text. */
static const char *zip_text(struct q_model *m, const char *path)
{
	if (!m->zip || !path)
		return NULL;
	const char *name = path;
	if (strncmp(name, "internal://", 11) == 0)
		name += 11;
	const char *slash = strrchr(name, '/');
	const char *base = slash ? slash + 1 : name;
	zip_int64_t idx = zip_name_locate(m->zip, arena_printf(m->a, "Sources/%s", base), ZIP_FL_NOCASE);
	if (idx < 0)
		idx = zip_name_locate(m->zip, name, ZIP_FL_NOCASE);
	if (idx < 0)
		idx = zip_name_locate(m->zip, base, ZIP_FL_NOCASE | ZIP_FL_NODIR);
	zip_stat_t st;
	if (idx < 0 || zip_stat_index(m->zip, (zip_uint64_t)idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
	    st.size > IV_MAX_TEXT || m->total + st.size > QDA_MAX_TOTAL)
		return NULL;
	zip_file_t *f = zip_fopen_index(m->zip, (zip_uint64_t)idx, 0);
	if (!f)
		return NULL;
	char *data = arena_alloc(m->a, (size_t)st.size + 1);
	zip_int64_t got = zip_fread(f, data, st.size);
	zip_fclose(f);
	if (got < 0 || (zip_uint64_t)got != st.size)
		return NULL;
	m->total += (size_t)got;
	size_t len = (size_t)got;
	if (len >= 3 && memcmp(data, "\357\273\277", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (memchr(data, '\0', len))
		return NULL;
	if (utf8_count(data, len) >= 0)
		return data;
	size_t ol;
	return cp1252_to_utf8(m->a, data, len, &ol);
}

/* A VariableValue (its variable's GUID and the text of its value, of
 * whatever type) added to *vars; one without either is skipped. */
static void read_var(struct q_model *m, const xmlNode *c, struct q_var **vars, size_t *n, size_t *cap)
{
	const xmlNode *ref = child(c, "VariableRef");
	const char *target = ref ? guid_norm(m, prop(m, ref, "targetGUID")) : NULL;
	const xmlNode *val = NULL;
	for (const xmlNode *g = c->children; g && !val; g = g->next)
		if (g->type == XML_ELEMENT_NODE && strstr((const char *)g->name, "Value"))
			val = g;
	if (!target || !val)
		return;
	*vars = arena_grow(m->a, *vars, *n, cap, sizeof(**vars), 4);
	(*vars)[(*n)++] = (struct q_var){ target, content(m, val) };
}

/* The Case elements of list into m: name, description, variables and
 * the GUIDs of their sources (a case without a guid is left out). */
static void read_cases(struct q_model *m, const xmlNode *list)
{
	size_t cap = 0;
	for (const xmlNode *c = list ? list->children : NULL; c; c = c->next) {
		if (!named(c, "Case"))
			continue;
		struct q_case k = { .guid = guid_norm(m, prop(m, c, "guid")), .name = prop(m, c, "name") };
		if (!k.name || !*k.name)
			k.name = arena_printf(m->a, "Fall %zu", m->ncases + 1);
		int twice = 0;
		for (size_t i = 0; k.guid && i < m->ncases; i++)
			twice |= strcmp(m->cases[i].guid, k.guid) == 0;
		if (!k.guid || twice) {
			note(m, twice ? "a second case with the same guid; left out" : "a case without a valid guid; left out",
			     k.name);
			continue;
		}
		const xmlNode *d = child(c, "Description");
		k.desc = d ? content(m, d) : "";
		size_t vcap = 0, scap = 0;
		for (const xmlNode *g = c->children; g; g = g->next) {
			if (named(g, "VariableValue")) {
				read_var(m, g, &k.vars, &k.nvars, &vcap);
			} else if (named(g, "SourceRef")) {
				const char *t = guid_norm(m, prop(m, g, "targetGUID"));
				if (!t)
					continue;
				k.srcs = arena_grow(m->a, k.srcs, k.nsrcs, &scap, sizeof(*k.srcs), 4);
				k.srcs[k.nsrcs++] = t;
			}
		}
		m->cases = arena_grow(m->a, m->cases, m->ncases, &cap, sizeof(*m->cases), 8);
		m->cases[m->ncases++] = k;
	}
}

static int read_source(struct q_model *m, const xmlNode *s)
{
	struct q_src src = { .guid = guid_norm(m, prop(m, s, "guid")), .name = prop(m, s, "name") };
	if (!src.name || !*src.name)
		src.name = arena_printf(m->a, "Dokument %zu", m->nsrcs + 1);
	if (!src.guid)
		return fail(m, "a source has no valid guid", src.name);
	for (size_t i = 0; i < m->nsrcs; i++)
		if (strcmp(m->srcs[i].guid, src.guid) == 0)
			return fail(m, "two sources have the same guid", src.guid);
	const xmlNode *ptc = child(s, "PlainTextContent");
	src.text = ptc ? content(m, ptc) : zip_text(m, prop(m, s, "plainTextPath"));
	if (!src.text) {
		note(m, "its text is not in the file; left out", src.name);
		return ST_OK;
	}
	src.nchars = iv_cp_count(src.text, strlen(src.text));
	const xmlNode *d = child(s, "Description");
	src.desc = d ? content(m, d) : "";
	size_t cap = 0, vcap = 0;
	for (const xmlNode *c = s->children; c; c = c->next) {
		if (named(c, "PlainTextSelection")) {
			struct q_sel sel = { .guid = guid_norm(m, prop(m, c, "guid")),
					     .user = guid_norm(m, prop(m, c, "creatingUser")),
					     .start = position(prop(m, c, "startPosition")),
					     .end = position(prop(m, c, "endPosition")) };
			if (sel.start < 0 || sel.end < 0)
				return fail(m, "a selection has no valid startPosition and endPosition", src.name);
			if (sel.end <= sel.start || sel.end > src.nchars) {
				note(m, "a selection outside its text; left out", src.name);
				continue;
			}
			size_t ccap = 0;
			for (const xmlNode *g = c->children; g; g = g->next) {
				if (!named(g, "Coding"))
					continue;
				const xmlNode *ref = child(g, "CodeRef");
				const char *target = ref ? guid_norm(m, prop(m, ref, "targetGUID")) : NULL;
				if (!target) {
					note(m, "a coding without a code; left out", src.name);
					continue;
				}
				const char *u = guid_norm(m, prop(m, g, "creatingUser"));
				if (u && !sel.user)
					sel.user = u;
				sel.codes = arena_grow(m->a, sel.codes, sel.ncodes, &ccap, sizeof(*sel.codes), 4);
				sel.codes[sel.ncodes++] = target;
			}
			if (!sel.ncodes)
				continue;
			src.sel = arena_grow(m->a, src.sel, src.nsel, &cap, sizeof(*src.sel), 16);
			src.sel[src.nsel++] = sel;
		} else if (named(c, "Coding")) {
			note(m, "a coding of the whole source; left out", src.name);
		} else if (named(c, "VariableValue")) {
			read_var(m, c, &src.vars, &src.nvars, &vcap);
		}
	}
	size_t scap = m->nsrcs;
	struct q_src *v = arena_alloc(m->a, (scap + 1) * sizeof(*v));
	if (m->nsrcs)
		memcpy(v, m->srcs, m->nsrcs * sizeof(*v));
	v[m->nsrcs++] = src;
	m->srcs = v;
	return ST_OK;
}

static void read_named(struct q_model *m, const xmlNode *list, const char *elem, struct q_named **out, size_t *n)
{
	size_t cap = 0;
	for (const xmlNode *c = list ? list->children : NULL; c; c = c->next) {
		if (!named(c, elem))
			continue;
		const char *g = guid_norm(m, prop(m, c, "guid"));
		if (!g)
			continue;
		const char *name = prop(m, c, "name");
		*out = arena_grow(m->a, *out, *n, &cap, sizeof(**out), 8);
		(*out)[(*n)++] = (struct q_named){ g, name && *name ? name : "?" };
	}
}

/* The Set elements of list (a project's or codebook's Sets) into m. */
static void read_sets(struct q_model *m, const xmlNode *list)
{
	size_t cap = 0;
	for (const xmlNode *c = list ? list->children : NULL; c; c = c->next) {
		const char *name = named(c, "Set") ? prop(m, c, "name") : NULL;
		if (!name || !*name)
			continue;
		const xmlNode *d = child(c, "Description");
		struct q_set set = { .name = name, .desc = d ? content(m, d) : "" };
		size_t mcap = 0;
		for (const xmlNode *k = c->children; k; k = k->next) {
			/* a project's sets name a member by targetGUID, a codebook's by guid */
			const char *t = named(k, "MemberCode") ? prop(m, k, "targetGUID") : NULL;
			const char *g = named(k, "MemberCode") ? guid_norm(m, t ? t : prop(m, k, "guid")) : NULL;
			if (!g)
				continue;
			set.codes = arena_grow(m->a, set.codes, set.ncodes, &mcap, sizeof(*set.codes), 8);
			set.codes[set.ncodes++] = g;
		}
		m->sets = arena_grow(m->a, m->sets, m->nsets, &cap, sizeof(*m->sets), 8);
		m->sets[m->nsets++] = set;
	}
}

/* Read the XML root into m. */
static int read_xml(struct q_model *m, const char *xml, size_t len)
{
	if (len > INT32_MAX)
		return fail(m, "the file is too big", NULL);
	xmlDoc *doc = xmlReadMemory(xml, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return fail(m, "the file is not well-formed XML", NULL);
	const xmlNode *root = xmlDocGetRootElement(doc);
	int rc = ST_OK;
	if (named(root, "CodeBook")) {
		m->codebook = 1;
		m->name = "Codebuch";
		rc = read_codes(m, child(root, "Codes"), -1, 0);
		read_sets(m, child(root, "Sets"));
	} else if (named(root, "Project")) {
		m->name = prop(m, root, "name");
		if (!m->name || !*m->name)
			m->name = "Projekt";
		const xmlNode *d = child(root, "Description");
		m->desc = d ? content(m, d) : "";
		read_named(m, child(root, "Users"), "User", &m->users, &m->nusers);
		read_named(m, child(root, "Variables"), "Variable", &m->vars, &m->nvars);
		read_cases(m, child(root, "Cases"));
		rc = read_codes(m, child(child(root, "CodeBook"), "Codes"), -1, 0);
		const xmlNode *srcs = child(root, "Sources");
		for (const xmlNode *c = srcs ? srcs->children : NULL; rc == ST_OK && c; c = c->next) {
			if (named(c, "TextSource"))
				rc = read_source(m, c);
			else if (c->type == XML_ELEMENT_NODE)
				note(m, "only text sources are taken; left out", prop(m, c, "name"));
		}
		size_t ncap = 0;
		const xmlNode *notes = child(root, "Notes");
		for (const xmlNode *c = notes ? notes->children : NULL; rc == ST_OK && c; c = c->next) {
			const xmlNode *t = named(c, "Note") ? child(c, "PlainTextContent") : NULL;
			if (!t)
				continue;
			m->notes = arena_grow(m->a, m->notes, m->nnotes, &ncap, sizeof(*m->notes), 8);
			m->notes[m->nnotes++] = (struct q_named){ guid_norm(m, prop(m, c, "guid")), content(m, t) };
		}
		read_sets(m, child(root, "Sets"));
	} else {
		rc = fail(m, "the file is no REFI-QDA project or codebook (its root is not Project or CodeBook)", NULL);
	}
	xmlFreeDoc(doc);
	return rc;
}

/* Read data (a zip or XML) into m; m->zip stays open for the sources. */
static int read_file(struct q_model *m, const char *data, size_t len)
{
	if (len == 0)
		return fail(m, "the file is empty", NULL);
	if (len > IV_MAX_FILE)
		return fail(m, "the file is too big", NULL);
	if (len < 4 || memcmp(data, "PK\003\004", 4) != 0)
		return read_xml(m, data, len);
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	m->zip = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	zip_error_fini(&ze);
	if (!m->zip) {
		zip_source_free(src);
		return fail(m, "the file is a damaged zip archive", NULL);
	}
	zip_int64_t idx = zip_name_locate(m->zip, "project.qde", ZIP_FL_NOCASE | ZIP_FL_NODIR);
	zip_int64_t n = zip_get_num_entries(m->zip, 0);
	for (zip_int64_t i = 0; idx < 0 && i < n; i++) {
		const char *name = zip_get_name(m->zip, (zip_uint64_t)i, 0);
		size_t nl = name ? strlen(name) : 0;
		if (nl > 4 && strcasecmp(name + nl - 4, ".qde") == 0)
			idx = i;
	}
	zip_stat_t st;
	if (idx < 0 || zip_stat_index(m->zip, (zip_uint64_t)idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
		return fail(m, "the archive holds no project.qde", NULL);
	if (st.size > (zip_uint64_t)IV_MAX_FILE * 4)
		return fail(m, "the project.qde is too big", NULL);
	zip_file_t *f = zip_fopen_index(m->zip, (zip_uint64_t)idx, 0);
	if (!f)
		return fail(m, "the project.qde cannot be read", NULL);
	char *xml = xmalloc((size_t)st.size + 1);
	zip_int64_t got = zip_fread(f, xml, st.size);
	zip_fclose(f);
	int rc = got >= 0 && (zip_uint64_t)got == st.size ? read_xml(m, xml, (size_t)got)
							  : fail(m, "the project.qde cannot be read", NULL);
	free(xml);
	return rc;
}

static void close_model(struct q_model *m)
{
	if (m->zip)
		zip_discard(m->zip);
	m->zip = NULL;
}

int iv_qda_check(const char *data, size_t len, char *err, size_t errlen)
{
	struct q_model m = { .a = arena_new(), .err = err, .errlen = errlen };
	int rc = read_file(&m, data, len);
	close_model(&m);
	arena_free(m.a);
	return rc;
}

static const char *find_name(const struct q_named *v, size_t n, const char *guid)
{
	for (size_t i = 0; guid && i < n; i++)
		if (strcmp(v[i].guid, guid) == 0)
			return v[i].name;
	return NULL;
}

/* The index of the code with guid in m, or -1. */
static long code_index(const struct q_model *m, const char *guid)
{
	for (size_t i = 0; i < m->ncodes; i++)
		if (strcmp(m->codes[i].guid, guid) == 0)
			return (long)i;
	return -1;
}

/* A value's term (IV_VALUE_SET "dim/term", the Description "name\nvalue"):
 * the mapping of that value; one that is not well formed is reported. */
static int store_value_set(struct store *s, struct q_model *m, int64_t pid, const struct q_set *set)
{
	const char *dt = set->name + strlen(IV_VALUE_SET), *slash = strchr(dt, '/');
	const char *nl = set->desc ? strchr(set->desc, '\n') : NULL;
	int rc = slash && slash > dt && slash[1] && nl && nl > set->desc && nl[1]
			 ? iv_var_term_set(s, pid, arena_strndup(m->a, set->desc, (size_t)(nl - set->desc)), nl + 1,
					   arena_strndup(m->a, dt, (size_t)(slash - dt)), slash + 1)
			 : ST_CONFLICT;
	if (rc == ST_CONFLICT) {
		note(m, "not a variable's value and a term of stage, group, district or language; left out", set->name);
		rc = ST_OK;
	}
	return rc;
}

/* A set: the codes of a directory term (IV_TERM_SET "taxonomy/term"),
 * a value's term (IV_VALUE_SET), else a code set (its members that are
 * codes of the file). */
static int store_set(struct store *s, struct q_model *m, int64_t pid, const struct q_set *set, const int64_t *code_ids)
{
	if (strncmp(set->name, IV_VALUE_SET, strlen(IV_VALUE_SET)) == 0)
		return store_value_set(s, m, pid, set);
	size_t pl = strlen(IV_TERM_SET);
	const char *slash = strncmp(set->name, IV_TERM_SET, pl) == 0 ? strchr(set->name + pl, '/') : NULL;
	int term = slash && slash > set->name + pl && slash[1];
	const char *taxonomy = term ? arena_strndup(m->a, set->name + pl, (size_t)(slash - set->name - pl)) : NULL;
	int64_t *ids = arena_alloc(m->a, (set->ncodes + 1) * sizeof(*ids));
	size_t n = 0;
	int rc = ST_OK;
	for (size_t i = 0; rc == ST_OK && i < set->ncodes; i++) {
		long k = code_index(m, set->codes[i]);
		int seen = 0;
		for (size_t j = 0; k >= 0 && j < n; j++)
			seen |= ids[j] == code_ids[k];
		if (k < 0 || seen)
			continue;
		ids[n++] = code_ids[k];
		if (term)
			rc = iv_code_term_set(s, pid, code_ids[k], taxonomy, slash + 1);
	}
	int64_t id;
	return rc != ST_OK || term ? rc : iv_codeset_add(s, pid, set->name, set->desc, NULL, ids, n, &id);
}

/* A case with its variables and those of its sources that were taken. */
static int store_case(struct store *s, struct q_model *m, int64_t pid, const struct q_case *k, const int64_t *doc_ids)
{
	struct iv_case c = { .guid = k->guid, .name = k->name, .description = k->desc };
	int64_t id;
	int rc = iv_case_save(s, pid, &c, &id);
	int64_t *docs = arena_alloc(m->a, (k->nsrcs + 1) * sizeof(*docs));
	size_t n = 0;
	for (size_t i = 0; i < k->nsrcs; i++) {
		size_t d = 0;
		while (d < m->nsrcs && strcmp(m->srcs[d].guid, k->srcs[i]) != 0)
			d++;
		if (d < m->nsrcs)
			docs[n++] = doc_ids[d];
		else
			note(m, "a case refers to a source that was not taken; that reference left out", k->name);
	}
	if (rc == ST_OK)
		rc = iv_case_docs_set(s, pid, id, docs, n);
	for (size_t i = 0; rc == ST_OK && i < k->nvars; i++) {
		const char *name = find_name(m->vars, m->nvars, k->vars[i].guid);
		if (name)
			rc = iv_case_var_set(s, id, name, k->vars[i].value);
	}
	return rc;
}

/* Store m as a new project. */
static int store_model(struct store *s, struct q_model *m, int64_t user_id, int64_t *pid, struct iv_qda_counts *c)
{
	int rc = iv_project_create(s, m->name, m->desc ? m->desc : "", NULL, user_id, pid);
	int64_t *code_ids = arena_alloc(m->a, (m->ncodes + 1) * sizeof(*code_ids));
	for (size_t i = 0; rc == ST_OK && i < m->ncodes; i++) {
		const struct q_code *k = &m->codes[i];
		const char *memo = k->note ? find_name(m->notes, m->nnotes, k->note) : NULL;
		struct iv_code code = { .parent_id = k->parent >= 0 ? code_ids[k->parent] : 0, .guid = k->guid,
					.name = k->name, .color = k->color, .description = k->desc,
					.memo = memo ? memo : "" };
		rc = iv_code_save(s, *pid, &code, &code_ids[i]);
		c->codes++;
	}
	int64_t *doc_ids = arena_alloc(m->a, (m->nsrcs + 1) * sizeof(*doc_ids));
	/* the coders: the file's users, made when a coding names them */
	int64_t *coder_ids = arena_alloc(m->a, (m->nusers + 1) * sizeof(*coder_ids));
	int64_t unknown = 0;
	for (size_t d = 0; rc == ST_OK && d < m->nsrcs; d++) {
		const struct q_src *src = &m->srcs[d];
		struct iv_doc doc = { .project_id = *pid, .guid = src->guid, .name = src->name, .kind = "interview",
				      .body = src->text, .topic = src->desc };
		int64_t doc_id;
		rc = iv_doc_add(s, &doc, &doc_id);
		if (rc != ST_OK)
			break;
		doc_ids[d] = doc_id;
		c->docs++;
		for (size_t i = 0; rc == ST_OK && i < src->nvars; i++) {
			const char *name = find_name(m->vars, m->nvars, src->vars[i].guid);
			if (name)
				rc = iv_doc_var_set(s, doc_id, name, src->vars[i].value);
		}
		for (size_t i = 0; rc == ST_OK && i < src->nsel; i++) {
			const struct q_sel *sel = &src->sel[i];
			/* the coder */
			int64_t coder = 0;
			for (size_t u = 0; sel->user && u < m->nusers; u++) {
				if (strcmp(m->users[u].guid, sel->user) != 0)
					continue;
				if (!coder_ids[u]) {
					sqlite3_stmt *st = store_stmt(s, "INSERT INTO iv_coder(project_id, guid, name) VALUES (?, ?, ?)");
					if (!st)
						return ST_ERR;
					sqlite3_bind_int64(st, 1, *pid);
					store_bind_str(st, 2, m->users[u].guid);
					store_bind_str(st, 3, m->users[u].name);
					rc = store_exec_stmt(s, st);
					coder_ids[u] = sqlite3_last_insert_rowid(store_db(s));
				}
				coder = coder_ids[u];
			}
			if (rc == ST_OK && !coder) {
				if (!unknown) {
					char g[37];
					iv_guid(g);
					sqlite3_stmt *st = store_stmt(s, "INSERT INTO iv_coder(project_id, guid, name) VALUES (?, ?, ?)");
					if (!st)
						return ST_ERR;
					sqlite3_bind_int64(st, 1, *pid);
					store_bind_str(st, 2, g);
					store_bind_str(st, 3, "unbekannt");
					rc = store_exec_stmt(s, st);
					unknown = sqlite3_last_insert_rowid(store_db(s));
				}
				coder = unknown;
			}
			for (size_t k = 0; rc == ST_OK && k < sel->ncodes; k++) {
				long ci = code_index(m, sel->codes[k]);
				if (ci < 0) {
					note(m, "a coding with an unknown code; left out", src->name);
					continue;
				}
				/* the selection's guid for its first code, so that a round trip keeps it */
				int64_t cid = 0;
				rc = iv_coding_add(s, *pid, doc_id, code_ids[ci], coder, sel->start, sel->end,
						   k == 0 && sel->guid ? sel->guid : NULL, &cid);
				if (rc == ST_OK && cid)
					c->codings++;
			}
		}
	}
	for (size_t i = 0; rc == ST_OK && i < m->nnotes; i++) {
		/* a code's memo (its NoteRef names the note) is that code's, not the project's */
		int of_code = 0;
		for (size_t k = 0; m->notes[i].guid && k < m->ncodes && !of_code; k++)
			of_code = m->codes[k].note && strcmp(m->codes[k].note, m->notes[i].guid) == 0;
		if (of_code)
			continue;
		struct iv_memo memo = { .text = m->notes[i].name };
		rc = iv_memo_add(s, *pid, &memo, 0);
	}
	for (size_t i = 0; rc == ST_OK && i < m->nsets; i++)
		rc = store_set(s, m, *pid, &m->sets[i], code_ids);
	for (size_t i = 0; rc == ST_OK && i < m->ncases; i++)
		rc = store_case(s, m, *pid, &m->cases[i], doc_ids);
	return rc;
}

int iv_qda_import(struct store *s, const char *data, size_t len, int64_t user_id, int64_t *id,
		  struct iv_qda_counts *counts, buf *report, char *err, size_t errlen)
{
	memset(counts, 0, sizeof(*counts));
	struct q_model m = { .a = arena_new(), .err = err, .errlen = errlen, .report = report };
	int rc = read_file(&m, data, len);
	if (rc == ST_OK) {
		struct store_tx tx;
		rc = store_tx_begin(s, &tx);
		if (rc == ST_OK)
			rc = store_model(s, &m, user_id, id, counts);
		rc = store_tx_end(s, &tx, rc);
		if (rc != ST_OK)
			snprintf(err, errlen, "the project could not be stored");
	}
	counts->skipped = m.skipped;
	close_model(&m);
	arena_free(m.a);
	return rc;
}
