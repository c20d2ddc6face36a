/* oparl.c — the OParl 1.1 API at /oparl/v1 (read-only, any origin): the
 * System, the network as its one Body, and the object lists of the body
 * (organization, person, meeting, paper, membership, agendaItem,
 * consultation, file, legislativeTerm) with pagination and the filters
 * created_since/created_until/modified_since/modified_until; each object
 * at /oparl/v1/KIND/ID. Only what is public; a deleted object, and one
 * made non-public after it was public (a paper, an agenda item, a file,
 * a consultation through its paper or item), is shown as {"id", "type",
 * "created", "modified", "deleted": true}, in its list and at its address. */
#include "policy/policy.h"
#include "policy/policy_internal.h"
#include "policy/oparl_internal.h"
#include "core/i18n.h"
#include "http/form.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PER_PAGE_DEFAULT 20
#define PER_PAGE_MAX 100
#define SCHEMA "https://schema.oparl.org/1.1/"

/* ---- answers ---- */

static void send_json(struct req *r, struct resp *w, int status, json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	w->status = status;
	w->content_type = status < 400 ? "application/json; charset=utf-8" : "application/problem+json";
	buf_reset(&w->body);
	if (s)
		buf_puts(&w->body, s);
	buf_putc(&w->body, '\n');
	free(s);
	resp_header(r, w, "Access-Control-Allow-Origin", "*");
}

static void problem(struct req *r, struct resp *w, int status, const char *detail)
{
	const char *title = status == 400 ? "Bad Request" : status == 404 ? "Not Found" : "Internal Server Error";
	send_json(r, w, status,
		  json_pack("{s:s, s:s, s:i, s:s}", "type", "about:blank", "title", title, "status", status, "detail", detail));
}

static void not_found(struct req *r, struct resp *w)
{
	problem(r, w, 404, T(r, "Diesen Eintrag gibt es nicht oder nicht öffentlich."));
}

static void failed(struct req *r, struct resp *w, int rc)
{
	if (rc == ST_NOTFOUND) {
		not_found(r, w);
		return;
	}
	problem(r, w, resp_store_failed(r, w),
		T(r, "Die Anfrage konnte nicht beantwortet werden. Bitte versuchen Sie es später noch einmal."));
}

/* ---- ids and values ---- */

const char *pol_oparl_url(struct req *r, const char *kind, int64_t id)
{
	if (id <= 0)
		return arena_printf(r->a, "%s/oparl/v1/%s", r->base_url, kind);
	return arena_printf(r->a, "%s/oparl/v1/%s/%" PRId64, r->base_url, kind, id);
}

static void set_str(json_t *j, const char *key, const char *v)
{
	if (v && *v)
		json_object_set_new(j, key, json_string(v));
}

static void set_url(json_t *j, struct req *r, const char *key, const char *kind, int64_t id)
{
	if (id > 0)
		json_object_set_new(j, key, json_string(pol_oparl_url(r, kind, id)));
}

/* An object's frame: id, type, and created/modified; a deleted one is
 * only that with "deleted": true (*done set). */
static json_t *frame(struct req *r, const char *kind, const char *type, int64_t id, const char *created,
		     const char *modified, int deleted, int *done)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_string(pol_oparl_url(r, kind, id)));
	json_object_set_new(j, "type", json_string(arena_printf(r->a, SCHEMA "%s", type)));
	set_str(j, "created", created);
	set_str(j, "modified", modified);
	*done = deleted;
	if (deleted)
		json_object_set_new(j, "deleted", json_true());
	return j;
}

static const char *body_url(struct req *r)
{
	return pol_oparl_url(r, "body", 1);
}

static const char *web(struct req *r, const char *path, int64_t id)
{
	return arena_printf(r->a, "%s%s/%" PRId64, r->base_url, path, id);
}

/* ---- objects ---- */

json_t *pol_oparl_file(struct req *r, const struct pol_file *f)
{
	int done;
	json_t *j = frame(r, "file", "File", f->id, f->created, f->modified, f->deleted, &done);
	/* required by the schema, also of a deleted file (the address answers 404) */
	json_object_set_new(j, "accessUrl", json_string(web(r, "/dateien", f->id)));
	if (done)
		return j;
	set_str(j, "name", f->name);
	set_str(j, "fileName", f->file_name);
	set_str(j, "mimeType", f->mime_type);
	set_str(j, "date", f->date);
	json_object_set_new(j, "size", json_integer(f->size));
	set_str(j, "sha512Checksum", f->sha512);
	json_object_set_new(j, "downloadUrl", json_string(web(r, "/dateien", f->id)));
	if (f->meeting_id)
		json_object_set_new(j, "meeting", json_pack("[s]", pol_oparl_url(r, "meeting", f->meeting_id)));
	if (f->item_id)
		json_object_set_new(j, "agendaItem", json_pack("[s]", pol_oparl_url(r, "agendaItem", f->item_id)));
	if (f->paper_id)
		json_object_set_new(j, "paper", json_pack("[s]", pol_oparl_url(r, "paper", f->paper_id)));
	return j;
}

static json_t *organization(struct req *r, const struct pol_body *b, int embed)
{
	int done;
	json_t *j = frame(r, "organization", "Organization", b->id, b->created, b->modified, b->deleted, &done);
	if (done)
		return j;
	json_object_set_new(j, "body", json_string(body_url(r)));
	set_str(j, "name", b->name);
	set_str(j, "shortName", b->short_name);
	set_str(j, "organizationType", b->kind);
	set_str(j, "classification", b->kind);
	set_str(j, "website", b->website);
	json_object_set_new(j, "web", json_string(web(r, "/gremien", b->id)));
	json_object_set_new(j, "meeting", json_string(arena_printf(r->a, "%s?organization=%" PRId64,
								     pol_oparl_url(r, "body/1/meeting", 0), b->id)));
	struct pol_membership *m;
	size_t n;
	if (embed && pol_body_members(r->db, r->a, b->id, &m, &n) == ST_OK) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, json_string(pol_oparl_url(r, "membership", m[i].id)));
		json_object_set_new(j, "membership", a);
	}
	return j;
}

static json_t *membership(struct req *r, const struct pol_membership *m, int in_person)
{
	int done;
	json_t *j = frame(r, "membership", "Membership", m->id, m->created, m->modified, m->deleted, &done);
	if (done)
		return j;
	if (!in_person)
		set_url(j, r, "person", "person", m->person_id);
	set_url(j, r, "organization", "organization", m->body_id);
	set_str(j, "role", m->role);
	json_object_set_new(j, "votingRight", json_boolean(m->voting_right));
	set_str(j, "startDate", m->start_date);
	set_str(j, "endDate", m->end_date);
	return j;
}

static json_t *person(struct req *r, const struct pol_person *p, int embed)
{
	int done;
	json_t *j = frame(r, "person", "Person", p->id, p->created, p->modified, p->deleted, &done);
	if (done)
		return j;
	json_object_set_new(j, "body", json_string(body_url(r)));
	set_str(j, "name", p->name);
	set_str(j, "givenName", p->given_name);
	set_str(j, "familyName", p->family_name);
	struct pol_membership *m;
	size_t n;
	if (embed && pol_oparl_person_memberships(r->db, r->a, p->id, &m, &n) == ST_OK) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, membership(r, &m[i], 1));
		json_object_set_new(j, "membership", a);
	}
	return j;
}

static json_t *agenda_item(struct req *r, const struct pol_item *it, int in_meeting)
{
	int done;
	json_t *j = frame(r, "agendaItem", "AgendaItem", it->id, it->created, it->modified, it->deleted, &done);
	json_object_set_new(j, "order", json_integer(it->position));
	if (done)
		return j;
	if (!in_meeting)
		set_url(j, r, "meeting", "meeting", it->meeting_id);
	set_str(j, "number", it->number);
	set_str(j, "name", it->name);
	json_object_set_new(j, "public", json_true());
	set_str(j, "result", it->result);
	set_str(j, "resolutionText", it->resolution);
	json_object_set_new(j, "web", json_string(arena_printf(r->a, "%s/sitzungen/%" PRId64 "#top-%" PRId64, r->base_url,
								     it->meeting_id, it->id)));
	return j;
}

static json_t *meeting(struct req *r, const struct pol_meeting *m, int embed)
{
	int done;
	json_t *j = frame(r, "meeting", "Meeting", m->id, m->created, m->modified, m->deleted, &done);
	if (done)
		return j;
	set_str(j, "name", m->name);
	set_str(j, "meetingState", m->state);
	json_object_set_new(j, "cancelled", json_boolean(strcmp(m->state, "cancelled") == 0));
	set_str(j, "start", m->start_at);
	set_str(j, "end", m->end_at);
	if (*m->place)
		json_object_set_new(j, "location", json_pack("{s:s, s:s, s:s}", "id",
							  arena_printf(r->a, "%s/oparl/v1/location/meeting-%" PRId64,
								       r->base_url, m->id),
							  "type", SCHEMA "Location", "description", m->place));
	if (m->body_id)
		json_object_set_new(j, "organization", json_pack("[s]", pol_oparl_url(r, "organization", m->body_id)));
	json_object_set_new(j, "web", json_string(web(r, "/sitzungen", m->id)));
	if (!embed)
		return j;
	struct pol_item *it;
	size_t n;
	if (pol_meeting_items(r->db, r->a, m->id, 1, &it, &n) == ST_OK) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, agenda_item(r, &it[i], 1));
		json_object_set_new(j, "agendaItem", a);
	}
	json_t *inv = NULL, *minutes = NULL, *aux = json_array();
	struct pol_file *f;
	size_t nf;
	if (pol_files_of(r->db, r->a, m->id, 0, 0, 1, &f, &nf) == ST_OK)
		for (size_t k = 0; k < nf; k++) {
			if (strcmp(f[k].role, "invitation") == 0 && !inv)
				inv = pol_oparl_file(r, &f[k]);
			else if (strcmp(f[k].role, "minutes") == 0 && !minutes)
				minutes = pol_oparl_file(r, &f[k]);
			else
				json_array_append_new(aux, pol_oparl_file(r, &f[k]));
		}
	if (inv)
		json_object_set_new(j, "invitation", inv);
	if (minutes)
		json_object_set_new(j, "resultsProtocol", minutes);
	if (json_array_size(aux))
		json_object_set_new(j, "auxiliaryFile", aux);
	else
		json_decref(aux);
	return j;
}

static const char *role_of(const char *purpose)
{
	return strcmp(purpose, "preliminary") == 0 ? "Vorberatung"
	       : strcmp(purpose, "decision") == 0  ? "Entscheidung"
						   : "Kenntnisnahme";
}

static json_t *consultation(struct req *r, const struct pol_consultation *c, int in_paper)
{
	int done;
	json_t *j = frame(r, "consultation", "Consultation", c->id, c->created, c->modified, c->deleted, &done);
	if (done)
		return j;
	if (!in_paper)
		set_url(j, r, "paper", "paper", c->paper_id);
	if (c->item_name[0])
		set_url(j, r, "agendaItem", "agendaItem", c->item_id);
	set_url(j, r, "meeting", "meeting", c->meeting_id);
	if (c->body_id)
		json_object_set_new(j, "organization", json_pack("[s]", pol_oparl_url(r, "organization", c->body_id)));
	json_object_set_new(j, "authoritative", json_boolean(strcmp(c->purpose, "decision") == 0));
	json_object_set_new(j, "role", json_string(role_of(c->purpose)));
	return j;
}

static json_t *paper(struct req *r, const struct pol_paper *p, int embed)
{
	int done;
	json_t *j = frame(r, "paper", "Paper", p->id, p->created, p->modified, p->deleted, &done);
	if (done)
		return j;
	json_object_set_new(j, "body", json_string(body_url(r)));
	set_str(j, "name", p->name);
	set_str(j, "reference", p->reference);
	set_str(j, "date", p->date);
	set_str(j, "paperType", p->kind);
	if (p->body_id)
		json_object_set_new(j, "originatorOrganization",
				    json_pack("[s]", pol_oparl_url(r, "organization", p->body_id)));
	json_object_set_new(j, "web", json_string(web(r, "/vorlagen", p->id)));
	if (!embed)
		return j;
	struct pol_consultation *c;
	size_t n;
	if (pol_paper_consultations(r->db, r->a, p->id, 0, &c, &n) == ST_OK) {
		json_t *a = json_array();
		for (size_t i = 0; i < n; i++)
			if (!c[i].item_id || c[i].item_name[0]) /* not in a non-public item */
				json_array_append_new(a, consultation(r, &c[i], 1));
		json_object_set_new(j, "consultation", a);
	}
	json_t *aux = json_array();
	struct pol_file *f;
	size_t nf;
	if (pol_files_of(r->db, r->a, 0, 0, p->id, 1, &f, &nf) == ST_OK)
		for (size_t k = 0; k < nf; k++)
			json_array_append_new(aux, pol_oparl_file(r, &f[k]));
	if (json_array_size(aux)) {
		json_object_set_new(j, "mainFile", json_incref(json_array_get(aux, 0)));
		json_array_remove(aux, 0);
	}
	if (json_array_size(aux))
		json_object_set_new(j, "auxiliaryFile", aux);
	else
		json_decref(aux);
	return j;
}

/* A meeting's place as an OParl Location, at /oparl/v1/location/meeting-ID
 * (the id its embedded location gives). */
static json_t *location_of(struct req *r, const struct pol_meeting *m)
{
	json_t *j = json_pack("{s:s, s:s}", "id",
			      arena_printf(r->a, "%s/oparl/v1/location/meeting-%" PRId64, r->base_url, m->id), "type",
			      SCHEMA "Location");
	set_str(j, "created", m->created);
	set_str(j, "modified", m->modified);
	if (m->deleted) {
		json_object_set_new(j, "deleted", json_true());
		return j;
	}
	set_str(j, "description", m->place);
	json_object_set_new(j, "bodies", json_pack("[s]", body_url(r)));
	json_object_set_new(j, "meetings", json_pack("[s]", pol_oparl_url(r, "meeting", m->id)));
	return j;
}

static json_t *term(struct req *r, const struct pol_term *t)
{
	int done;
	json_t *j = frame(r, "legislativeTerm", "LegislativeTerm", t->id, t->created, t->modified, t->deleted, &done);
	if (done)
		return j;
	json_object_set_new(j, "body", json_string(body_url(r)));
	set_str(j, "name", t->name);
	set_str(j, "startDate", t->start_date);
	set_str(j, "endDate", t->end_date);
	return j;
}

json_t *pol_oparl_row(struct req *r, enum pol_kind kind, const void *row, int embed)
{
	switch (kind) {
	case PK_ORGANIZATION: return organization(r, row, embed);
	case PK_PERSON: return person(r, row, embed);
	case PK_MEMBERSHIP: return membership(r, row, 0);
	case PK_MEETING: return meeting(r, row, embed);
	case PK_AGENDAITEM: return agenda_item(r, row, 0);
	case PK_PAPER: return paper(r, row, embed);
	case PK_CONSULTATION: return consultation(r, row, 0);
	case PK_FILE: return pol_oparl_file(r, row);
	case PK_TERM: return term(r, row);
	case PK_LOCATION: return location_of(r, row);
	default: return json_object();
	}
}

static json_t *the_body(struct req *r)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
			      body_url(r), "type", SCHEMA "Body", "system", arena_printf(r->a, "%s/oparl/v1", r->base_url),
			      "name", "BQN Mainz – Netzwerk Berufliche Qualifizierung", "shortName", "BQN Mainz",
			      "organization", pol_oparl_url(r, "body/1/organization", 0), "person",
			      pol_oparl_url(r, "body/1/person", 0), "meeting", pol_oparl_url(r, "body/1/meeting", 0),
			      "paper", pol_oparl_url(r, "body/1/paper", 0), "agendaItem",
			      pol_oparl_url(r, "body/1/agendaItem", 0), "consultation",
			      pol_oparl_url(r, "body/1/consultation", 0), "file", pol_oparl_url(r, "body/1/file", 0),
			      "membership", pol_oparl_url(r, "body/1/membership", 0), "legislativeTermList",
			      pol_oparl_url(r, "body/1/legislativeTerm", 0));
	json_object_set_new(j, "locationList", json_string(pol_oparl_url(r, "body/1/location", 0)));
	json_object_set_new(j, "web", json_string(arena_printf(r->a, "%s/gremien", r->base_url)));
	json_object_set_new(j, "classification", json_string("Netzwerk"));
	struct pol_oparl_page pg;
	json_t *terms = json_array();
	if (pol_oparl_query(r->db, r->a, PK_TERM, &(struct pol_oparl_filter){ .limit = PER_PAGE_MAX }, &pg) == ST_OK)
		for (size_t i = 0; i < pg.n; i++) {
			const struct pol_term *t = pg.rows[i];
			if (!t->deleted)
				json_array_append_new(terms, term(r, t));
		}
	json_object_set_new(j, "legislativeTerm", terms);
	return j;
}

/* ---- handlers ---- */

void pol_oparl_system(struct req *r, struct resp *w)
{
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id", arena_printf(r->a, "%s/oparl/v1", r->base_url),
			      "type", SCHEMA "System", "oparlVersion", SCHEMA, "body", pol_oparl_url(r, "body", 0), "name",
			      "lotse – BQN Mainz", "website", arena_printf(r->a, "%s/", r->base_url));
	json_object_set_new(j, "product", json_string("https://github.com/lotse/lotse"));
	json_object_set_new(j, "web", json_string(arena_printf(r->a, "%s/gremien", r->base_url)));
	send_json(r, w, 200, j);
}

void pol_oparl_body(struct req *r, struct resp *w)
{
	if (r->nparams && strcmp(r->params[0], "1") != 0) {
		not_found(r, w);
		return;
	}
	if (r->nparams) {
		send_json(r, w, 200, the_body(r));
		return;
	}
	/* the list of bodies: the network */
	json_t *self = json_string(pol_oparl_url(r, "body", 0));
	json_t *j = json_pack("{s:[o], s:{s:i, s:i, s:i, s:i}, s:{s:o, s:s, s:s}}", "data", the_body(r), "pagination",
			      "totalElements", 1, "elementsPerPage", PER_PAGE_DEFAULT, "currentPage", 1, "totalPages", 1,
			      "links", "self", self, "first", pol_oparl_url(r, "body", 0), "last",
			      pol_oparl_url(r, "body", 0));
	send_json(r, w, 200, j);
}

static const struct {
	const char *name;
	enum pol_kind kind;
} kinds[] = {
	{ "organization", PK_ORGANIZATION }, { "person", PK_PERSON },	      { "membership", PK_MEMBERSHIP },
	{ "meeting", PK_MEETING },	     { "agendaItem", PK_AGENDAITEM }, { "paper", PK_PAPER },
	{ "consultation", PK_CONSULTATION }, { "file", PK_FILE },	      { "legislativeTerm", PK_TERM },
	{ "location", PK_LOCATION },
};

static int kind_of(const char *name, enum pol_kind *out)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(name, kinds[i].name) == 0) {
			*out = kinds[i].kind;
			return 1;
		}
	return 0;
}

enum { Q_CS, Q_CU, Q_MS, Q_MU, Q_PAGE, Q_LIMIT, Q_ORG, Q__MAX };
static const struct field query_fields[Q__MAX] = {
	[Q_CS] = { "created_since", FIELD_TEXT, 0, 40, 0, 0, NULL },
	[Q_CU] = { "created_until", FIELD_TEXT, 0, 40, 0, 0, NULL },
	[Q_MS] = { "modified_since", FIELD_TEXT, 0, 40, 0, 0, NULL },
	[Q_MU] = { "modified_until", FIELD_TEXT, 0, 40, 0, 0, NULL },
	[Q_PAGE] = { "page", FIELD_INT, 0, 10, 1, 1000000, NULL },
	[Q_LIMIT] = { "limit", FIELD_INT, 0, 10, 1, PER_PAGE_MAX, NULL },
	[Q_ORG] = { "organization", FIELD_INT, 0, 15, 1, 999999999999999LL, NULL },
};

/* The link to page of the list at base with the request's filters. */
static const char *page_link(struct req *r, const char *base, const struct form *f, long page)
{
	buf b = { 0 };
	buf_puts(&b, base);
	char sep = '?';
	for (int i = 0; i < Q__MAX; i++) {
		if (i == Q_PAGE || !f->val[i])
			continue;
		buf_printf(&b, "%c%s=", sep, query_fields[i].name);
		for (const unsigned char *c = (const unsigned char *)f->val[i]; *c; c++) {
			if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
			    *c == '-' || *c == '.' || *c == '_' || *c == ':')
				buf_putc(&b, (char)*c);
			else
				buf_printf(&b, "%%%02X", *c);
		}
		sep = '&';
	}
	if (page > 1)
		buf_printf(&b, "%cpage=%ld", sep, page);
	const char *s = arena_strdup(r->a, buf_str(&b));
	buf_free(&b);
	return s;
}

void pol_oparl_list(struct req *r, struct resp *w)
{
	enum pol_kind kind;
	if (strcmp(r->params[0], "1") != 0 || !kind_of(r->params[1], &kind)) {
		not_found(r, w);
		return;
	}
	struct form f;
	form_validate(r, &r->query, query_fields, Q__MAX, &f);
	struct pol_oparl_filter flt = { 0 };
	const char **bounds[] = { &flt.created_since, &flt.created_until, &flt.modified_since, &flt.modified_until };
	for (int i = Q_CS; i <= Q_MU && !f.nerr; i++)
		if (f.val[i] && !(*bounds[i] = pol_utc(r->a, f.val[i])))
			f.nerr++;
	if (f.nerr) {
		problem(r, w, 400,
			T(r, "Ein Parameter ist ungültig: Zeitangaben wie 2026-01-31T12:00:00+01:00, page und limit als Zahl (limit bis 100)."));
		return;
	}
	long page = f.val[Q_PAGE] ? (long)f.num[Q_PAGE] : 1;
	flt.limit = f.val[Q_LIMIT] ? (long)f.num[Q_LIMIT] : PER_PAGE_DEFAULT;
	flt.offset = (page - 1) * flt.limit;
	flt.organization = f.val[Q_ORG] ? (int64_t)f.num[Q_ORG] : 0;
	struct pol_oparl_page pg;
	int rc = pol_oparl_query(r->db, r->a, kind, &flt, &pg);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	json_t *data = json_array();
	for (size_t i = 0; i < pg.n; i++)
		json_array_append_new(data, pol_oparl_row(r, kind, pg.rows[i], 1));
	long pages = pg.total > 0 ? (pg.total + flt.limit - 1) / flt.limit : 1;
	const char *base = pol_oparl_url(r, arena_printf(r->a, "body/1/%s", r->params[1]), 0);
	json_t *links = json_pack("{s:s, s:s, s:s}", "self", page_link(r, base, &f, page), "first",
				  page_link(r, base, &f, 1), "last", page_link(r, base, &f, pages));
	if (page > 1)
		json_object_set_new(links, "prev", json_string(page_link(r, base, &f, page > pages ? pages : page - 1)));
	if (page < pages)
		json_object_set_new(links, "next", json_string(page_link(r, base, &f, page + 1)));
	json_t *j = json_pack("{s:o, s:{s:I, s:I, s:I, s:I}, s:o}", "data", data, "pagination", "totalElements",
			      (json_int_t)pg.total, "elementsPerPage", (json_int_t)flt.limit, "currentPage",
			      (json_int_t)page, "totalPages", (json_int_t)pages, "links", links);
	send_json(r, w, 200, j);
}

/* /oparl/v1/location/meeting-ID */
static void location(struct req *r, struct resp *w)
{
	const char *p = r->params[1];
	int64_t id = strncmp(p, "meeting-", 8) == 0 ? pol_param_id(p + 8) : 0;
	struct pol_meeting m;
	int rc = id ? pol_meeting_get(r->db, r->a, id, &m) : ST_NOTFOUND;
	if (rc == ST_OK && !*m.place)
		rc = ST_NOTFOUND;
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	send_json(r, w, 200, location_of(r, &m));
}

void pol_oparl_object(struct req *r, struct resp *w)
{
	enum pol_kind kind;
	if (strcmp(r->params[0], "location") == 0) {
		location(r, w);
		return;
	}
	int64_t id = pol_param_id(r->params[1]);
	if (!kind_of(r->params[0], &kind) || !id) {
		not_found(r, w);
		return;
	}
	const void *row;
	int rc = pol_oparl_get(r->db, r->a, kind, id, &row);
	if (rc != ST_OK) {
		failed(r, w, rc);
		return;
	}
	send_json(r, w, 200, pol_oparl_row(r, kind, row, 1));
}
