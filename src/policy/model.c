/* model.c — the reads of committees and decision processes: bodies,
 * members, meetings, agenda items, papers, consultations, files and
 * processes, for the public pages and the staff area. */
#include "policy/policy.h"
#include "policy/policy_internal.h"

#include <string.h>

const char *const pol_meeting_states[] = { "planned", "invited", "held", "cancelled", NULL };
const char *const pol_paper_kinds[] = { "Vorlage", "Antrag", "Anfrage", "Stellungnahme", NULL };
const char *const pol_purposes[] = { "preliminary", "decision", "information", NULL };
const char *const pol_file_roles[] = { "invitation", "minutes", "attachment", NULL };
const char *const pol_step_kinds[] = { "proposal", "consultation", "decision", "contribution", "implementation", NULL };

/* ---- row readers: the column lists below are in this order ---- */

void pol_read_body(arena *a, sqlite3_stmt *st, struct pol_body *b)
{
	b->id = sqlite3_column_int64(st, 0);
	b->name = store_col_str(a, st, 1);
	b->short_name = store_col_str(a, st, 2);
	b->kind = store_col_str(a, st, 3);
	b->description = store_col_str(a, st, 4);
	b->website = store_col_str(a, st, 5);
	b->created = store_col_str(a, st, 6);
	b->modified = store_col_str(a, st, 7);
	b->deleted = sqlite3_column_int(st, 8);
}

void pol_read_meeting(arena *a, sqlite3_stmt *st, struct pol_meeting *m)
{
	m->id = sqlite3_column_int64(st, 0);
	m->body_id = sqlite3_column_int64(st, 1);
	m->name = store_col_str(a, st, 2);
	m->start_at = store_col_str(a, st, 3);
	m->end_at = store_col_str(a, st, 4);
	m->place = store_col_str(a, st, 5);
	m->state = store_col_str(a, st, 6);
	m->created = store_col_str(a, st, 7);
	m->modified = store_col_str(a, st, 8);
	m->deleted = sqlite3_column_int(st, 9);
	m->body_name = store_col_str(a, st, 10);
}

void pol_read_item(arena *a, sqlite3_stmt *st, struct pol_item *it)
{
	it->id = sqlite3_column_int64(st, 0);
	it->meeting_id = sqlite3_column_int64(st, 1);
	it->number = store_col_str(a, st, 2);
	it->position = sqlite3_column_int(st, 3);
	it->name = store_col_str(a, st, 4);
	it->public = sqlite3_column_int(st, 5);
	it->result = store_col_str(a, st, 6);
	it->resolution = store_col_str(a, st, 7);
	it->created = store_col_str(a, st, 8);
	it->modified = store_col_str(a, st, 9);
	it->deleted = sqlite3_column_int(st, 10);
}

void pol_read_paper(arena *a, sqlite3_stmt *st, struct pol_paper *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->reference = store_col_str(a, st, 1);
	p->name = store_col_str(a, st, 2);
	p->date = store_col_str(a, st, 3);
	p->kind = store_col_str(a, st, 4);
	p->originator = store_col_str(a, st, 5);
	p->body_id = sqlite3_column_int64(st, 6);
	p->summary = store_col_str(a, st, 7);
	p->public = sqlite3_column_int(st, 8);
	p->created = store_col_str(a, st, 9);
	p->modified = store_col_str(a, st, 10);
	p->deleted = sqlite3_column_int(st, 11);
}

void pol_read_consultation(arena *a, sqlite3_stmt *st, struct pol_consultation *c)
{
	c->id = sqlite3_column_int64(st, 0);
	c->paper_id = sqlite3_column_int64(st, 1);
	c->meeting_id = sqlite3_column_int64(st, 2);
	c->item_id = sqlite3_column_int64(st, 3);
	c->body_id = sqlite3_column_int64(st, 4);
	c->purpose = store_col_str(a, st, 5);
	c->result = store_col_str(a, st, 6);
	c->created = store_col_str(a, st, 7);
	c->modified = store_col_str(a, st, 8);
	c->deleted = sqlite3_column_int(st, 9);
	c->paper_name = store_col_str(a, st, 10);
	c->paper_reference = store_col_str(a, st, 11);
	c->meeting_name = store_col_str(a, st, 12);
	c->meeting_start = store_col_str(a, st, 13);
	c->body_name = store_col_str(a, st, 14);
	c->item_name = store_col_str(a, st, 15);
}

void pol_read_file(arena *a, sqlite3_stmt *st, struct pol_file *f)
{
	f->id = sqlite3_column_int64(st, 0);
	f->name = store_col_str(a, st, 1);
	f->file_name = store_col_str(a, st, 2);
	f->mime_type = store_col_str(a, st, 3);
	f->role = store_col_str(a, st, 4);
	f->meeting_id = sqlite3_column_int64(st, 5);
	f->item_id = sqlite3_column_int64(st, 6);
	f->paper_id = sqlite3_column_int64(st, 7);
	f->public = sqlite3_column_int(st, 8);
	f->size = sqlite3_column_int64(st, 9);
	f->sha256 = store_col_str(a, st, 10);
	f->sha512 = store_col_str(a, st, 11);
	f->date = store_col_str(a, st, 12);
	f->created = store_col_str(a, st, 13);
	f->modified = store_col_str(a, st, 14);
	f->deleted = sqlite3_column_int(st, 15);
	f->data = NULL;
}

/* Step st to its end, reading each row of size bytes with read into a
 * growing array in a. */
int pol_collect(arena *a, sqlite3_stmt *st, size_t size, void (*read)(arena *, sqlite3_stmt *, void *),
		void **out, size_t *n)
{
	size_t cap = 8, k = 0;
	char *v = arena_alloc(a, cap * size);
	int rc;
	while ((rc = store_step(st)) > 0) {
		if (k == cap) {
			char *w = arena_alloc(a, 2 * cap * size);
			memcpy(w, v, cap * size);
			v = w;
			cap *= 2;
		}
		memset(v + k * size, 0, size);
		read(a, st, v + k * size);
		k++;
	}
	sqlite3_reset(st);
	*out = v;
	*n = k;
	return rc < 0 ? ST_ERR : ST_OK;
}

/* The first row of st into row, or ST_NOTFOUND. */
int pol_one(arena *a, sqlite3_stmt *st, void (*read)(arena *, sqlite3_stmt *, void *), void *row)
{
	int rc = store_step(st);
	if (rc > 0)
		read(a, st, row);
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : rc == 0 ? ST_NOTFOUND : ST_ERR;
}

#define READER(fn) ((void (*)(arena *, sqlite3_stmt *, void *))(fn))

/* ---- bodies and members ---- */

int pol_body_list(struct store *s, arena *a, struct pol_body **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " POL_BODY_COLS " FROM pol_body b WHERE deleted = 0 ORDER BY name");
	if (!st)
		return ST_ERR;
	return pol_collect(a, st, sizeof(**out), READER(pol_read_body), (void **)out, n);
}

int pol_body_get(struct store *s, arena *a, int64_t id, struct pol_body *out)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " POL_BODY_COLS " FROM pol_body b WHERE id = ? AND deleted = 0");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	return pol_one(a, st, READER(pol_read_body), out);
}

static void read_member(arena *a, sqlite3_stmt *st, struct pol_membership *m)
{
	m->id = sqlite3_column_int64(st, 0);
	m->person_id = sqlite3_column_int64(st, 1);
	m->body_id = sqlite3_column_int64(st, 2);
	m->role = store_col_str(a, st, 3);
	m->voting_right = sqlite3_column_int(st, 4);
	m->start_date = store_col_str(a, st, 5);
	m->end_date = store_col_str(a, st, 6);
	m->created = store_col_str(a, st, 7);
	m->modified = store_col_str(a, st, 8);
	m->deleted = sqlite3_column_int(st, 9);
	m->person_name = store_col_str(a, st, 10);
	m->body_name = store_col_str(a, st, 11);
}

void pol_read_membership(arena *a, sqlite3_stmt *st, struct pol_membership *m)
{
	read_member(a, st, m);
}

int pol_body_members(struct store *s, arena *a, int64_t body_id, struct pol_membership **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(
		s, "SELECT " POL_MEMBERSHIP_COLS " FROM pol_membership m JOIN pol_person p ON p.id = m.person_id "
		   "JOIN pol_body b ON b.id = m.body_id WHERE m.body_id = ? AND m.deleted = 0 AND p.deleted = 0 "
		   "ORDER BY (m.end_date IS NOT NULL), m.end_date DESC, p.family_name, p.name");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, body_id);
	return pol_collect(a, st, sizeof(**out), READER(read_member), (void **)out, n);
}

int pol_body_meetings(struct store *s, arena *a, int64_t body_id, struct pol_meeting **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " POL_MEETING_COLS " FROM pol_meeting m LEFT JOIN pol_body b ON "
					 "b.id = m.body_id WHERE m.body_id = ? AND m.deleted = 0 ORDER BY m.start_at DESC");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, body_id);
	return pol_collect(a, st, sizeof(**out), READER(pol_read_meeting), (void **)out, n);
}

/* ---- meetings and their agenda ---- */

int pol_meeting_get(struct store *s, arena *a, int64_t id, struct pol_meeting *out)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " POL_MEETING_COLS " FROM pol_meeting m LEFT JOIN pol_body b ON "
					 "b.id = m.body_id WHERE m.id = ? AND m.deleted = 0");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	return pol_one(a, st, READER(pol_read_meeting), out);
}

int pol_meeting_items(struct store *s, arena *a, int64_t meeting_id, int pub, struct pol_item **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " POL_ITEM_COLS " FROM pol_item i WHERE meeting_id = ?1 AND "
					 "deleted = 0 AND (?2 = 0 OR public = 1) ORDER BY position, id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, meeting_id);
	sqlite3_bind_int(st, 2, pub);
	return pol_collect(a, st, sizeof(**out), READER(pol_read_item), (void **)out, n);
}

int pol_meeting_consultations(struct store *s, arena *a, int64_t meeting_id, int pub,
			      struct pol_consultation **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " POL_CONSULTATION_COLS " FROM " POL_CONSULTATION_FROM
					 " WHERE c.meeting_id = ?1 AND c.deleted = 0 AND p.deleted = 0 AND "
					 "(?2 = 0 OR (p.public = 1 AND (c.item_id IS NULL OR (i.public = 1 AND i.deleted = 0)))) "
					 "ORDER BY i.position, c.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, meeting_id);
	sqlite3_bind_int(st, 2, pub);
	return pol_collect(a, st, sizeof(**out), READER(pol_read_consultation), (void **)out, n);
}

/* ---- papers ---- */

int pol_paper_list(struct store *s, arena *a, int pub, struct pol_paper **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " POL_PAPER_COLS " FROM pol_paper p WHERE deleted = 0 AND "
					 "(?1 = 0 OR public = 1) ORDER BY date DESC, id DESC");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int(st, 1, pub);
	return pol_collect(a, st, sizeof(**out), READER(pol_read_paper), (void **)out, n);
}

int pol_paper_get(struct store *s, arena *a, int64_t id, int pub, struct pol_paper *out)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " POL_PAPER_COLS " FROM pol_paper p WHERE id = ?1 AND deleted = 0 "
					 "AND (?2 = 0 OR public = 1)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, pub);
	return pol_one(a, st, READER(pol_read_paper), out);
}

int pol_paper_consultations(struct store *s, arena *a, int64_t paper_id, int pub, struct pol_consultation **out,
			    size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " POL_CONSULTATION_COLS " FROM " POL_CONSULTATION_FROM
					 " WHERE c.paper_id = ?1 AND c.deleted = 0 AND (?2 = 0 OR ((c.item_id IS NULL OR "
					 "(i.public = 1 AND i.deleted = 0)) AND (c.meeting_id IS NULL OR mt.deleted = 0))) "
					 "ORDER BY mt.start_at, c.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, paper_id);
	sqlite3_bind_int(st, 2, pub);
	return pol_collect(a, st, sizeof(**out), READER(pol_read_consultation), (void **)out, n);
}

/* ---- files ---- */

int pol_files_of(struct store *s, arena *a, int64_t meeting_id, int64_t item_id, int64_t paper_id, int pub,
		 struct pol_file **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " POL_FILE_COLS " FROM " POL_FILE_FROM
					 " WHERE f.deleted = 0 AND (f.meeting_id = ?1 OR f.item_id = ?2 OR "
					 "f.paper_id = ?3) AND (?4 = 0 OR " POL_FILE_PUBLIC ") ORDER BY f.role, f.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, meeting_id ? meeting_id : -1);
	sqlite3_bind_int64(st, 2, item_id ? item_id : -1);
	sqlite3_bind_int64(st, 3, paper_id ? paper_id : -1);
	sqlite3_bind_int(st, 4, pub);
	return pol_collect(a, st, sizeof(**out), READER(pol_read_file), (void **)out, n);
}

int pol_file_get(struct store *s, arena *a, int64_t id, int pub, int with_data, struct pol_file *out)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " POL_FILE_COLS ", f.data FROM " POL_FILE_FROM
					 " WHERE f.id = ?1 AND f.deleted = 0 AND (?2 = 0 OR " POL_FILE_PUBLIC ")");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, pub);
	int rc = store_step(st);
	if (rc > 0) {
		memset(out, 0, sizeof(*out));
		pol_read_file(a, st, out);
		if (with_data) {
			int len = sqlite3_column_bytes(st, 16);
			void *d = arena_alloc(a, (size_t)len + 1);
			if (len > 0)
				memcpy(d, sqlite3_column_blob(st, 16), (size_t)len);
			out->data = d;
			out->size = len;
		}
	}
	sqlite3_reset(st);
	return rc > 0 ? ST_OK : rc == 0 ? ST_NOTFOUND : ST_ERR;
}

/* ---- decision processes ---- */

static void read_process(arena *a, sqlite3_stmt *st, struct pol_process *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->title = store_col_str(a, st, 1);
	p->summary = store_col_str(a, st, 2);
	p->public = sqlite3_column_int(st, 3);
	p->created = store_col_str(a, st, 4);
	p->modified = store_col_str(a, st, 5);
	p->deleted = sqlite3_column_int(st, 6);
}

int pol_process_list(struct store *s, arena *a, int pub, struct pol_process **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id, title, summary, public, created_at, modified_at, deleted FROM "
					 "pol_process WHERE deleted = 0 AND (?1 = 0 OR public = 1) ORDER BY title");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int(st, 1, pub);
	return pol_collect(a, st, sizeof(**out), READER(read_process), (void **)out, n);
}

int pol_process_get(struct store *s, arena *a, int64_t id, int pub, struct pol_process *out)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT id, title, summary, public, created_at, modified_at, deleted FROM "
					 "pol_process WHERE id = ?1 AND deleted = 0 AND (?2 = 0 OR public = 1)");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, pub);
	return pol_one(a, st, READER(read_process), out);
}

static void read_step(arena *a, sqlite3_stmt *st, struct pol_step *x)
{
	x->id = sqlite3_column_int64(st, 0);
	x->process_id = sqlite3_column_int64(st, 1);
	x->date = store_col_str(a, st, 2);
	x->kind = store_col_str(a, st, 3);
	x->text = store_col_str(a, st, 4);
	x->paper_id = sqlite3_column_int64(st, 5);
	x->meeting_id = sqlite3_column_int64(st, 6);
	x->paper_name = store_col_str(a, st, 7);
	x->paper_reference = store_col_str(a, st, 8);
	x->meeting_name = store_col_str(a, st, 9);
}

int pol_process_steps(struct store *s, arena *a, int64_t process_id, int pub, struct pol_step **out, size_t *n)
{
	/* a link to a paper or meeting the public may not see is left out */
	sqlite3_stmt *st = store_stmt(
		s, "SELECT x.id, x.process_id, x.date, x.kind, x.text, p.id, m.id, p.name, p.reference, m.name "
		   "FROM pol_step x LEFT JOIN pol_paper p ON p.id = x.paper_id AND p.deleted = 0 AND "
		   "(?2 = 0 OR p.public = 1) LEFT JOIN pol_meeting m ON m.id = x.meeting_id AND m.deleted = 0 "
		   "WHERE x.process_id = ?1 AND x.deleted = 0 ORDER BY x.date, x.position, x.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, process_id);
	sqlite3_bind_int(st, 2, pub);
	return pol_collect(a, st, sizeof(**out), READER(read_step), (void **)out, n);
}

static void read_person(arena *a, sqlite3_stmt *st, struct pol_person *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->name = store_col_str(a, st, 1);
	p->given_name = store_col_str(a, st, 2);
	p->family_name = store_col_str(a, st, 3);
	p->organisation = store_col_str(a, st, 4);
	p->created = store_col_str(a, st, 5);
	p->modified = store_col_str(a, st, 6);
	p->deleted = sqlite3_column_int(st, 7);
}

void pol_read_person(arena *a, sqlite3_stmt *st, struct pol_person *p)
{
	read_person(a, st, p);
}

int pol_person_list(struct store *s, arena *a, struct pol_person **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " POL_PERSON_COLS " FROM pol_person WHERE deleted = 0 "
					 "ORDER BY family_name, name");
	if (!st)
		return ST_ERR;
	return pol_collect(a, st, sizeof(**out), READER(read_person), (void **)out, n);
}

int pol_person_get(struct store *s, arena *a, int64_t id, struct pol_person *out)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " POL_PERSON_COLS " FROM pol_person WHERE id = ? AND deleted = 0");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	return pol_one(a, st, READER(read_person), out);
}

int pol_person_memberships(struct store *s, arena *a, int64_t person_id, struct pol_membership **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(
		s, "SELECT " POL_MEMBERSHIP_COLS " FROM pol_membership m JOIN pol_person p ON p.id = m.person_id "
		   "JOIN pol_body b ON b.id = m.body_id WHERE m.person_id = ? AND m.deleted = 0 AND b.deleted = 0 "
		   "ORDER BY (m.end_date IS NOT NULL), m.end_date DESC, b.name");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, person_id);
	return pol_collect(a, st, sizeof(**out), READER(read_member), (void **)out, n);
}

int pol_membership_get(struct store *s, arena *a, int64_t id, struct pol_membership *out)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " POL_MEMBERSHIP_COLS " FROM pol_membership m JOIN pol_person p ON "
					 "p.id = m.person_id JOIN pol_body b ON b.id = m.body_id WHERE m.id = ? AND "
					 "m.deleted = 0");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	return pol_one(a, st, READER(read_member), out);
}

void pol_read_term(arena *a, sqlite3_stmt *st, struct pol_term *t)
{
	t->id = sqlite3_column_int64(st, 0);
	t->name = store_col_str(a, st, 1);
	t->start_date = store_col_str(a, st, 2);
	t->end_date = store_col_str(a, st, 3);
	t->created = store_col_str(a, st, 4);
	t->modified = store_col_str(a, st, 5);
	t->deleted = sqlite3_column_int(st, 6);
}

int pol_term_list(struct store *s, arena *a, struct pol_term **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " POL_TERM_COLS " FROM pol_term t WHERE deleted = 0 "
					 "ORDER BY t.start_date DESC, t.name");
	if (!st)
		return ST_ERR;
	return pol_collect(a, st, sizeof(**out), READER(pol_read_term), (void **)out, n);
}

int pol_term_get(struct store *s, arena *a, int64_t id, struct pol_term *out)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " POL_TERM_COLS " FROM pol_term t WHERE id = ? AND deleted = 0");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, id);
	return pol_one(a, st, READER(pol_read_term), out);
}

int pol_meeting_list(struct store *s, arena *a, struct pol_meeting **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " POL_MEETING_COLS " FROM pol_meeting m LEFT JOIN pol_body b ON "
					 "b.id = m.body_id WHERE m.deleted = 0 ORDER BY m.start_at DESC");
	if (!st)
		return ST_ERR;
	return pol_collect(a, st, sizeof(**out), READER(pol_read_meeting), (void **)out, n);
}

/* ---- action items ---- */

static void read_action(arena *a, sqlite3_stmt *st, struct pol_action *x)
{
	x->id = sqlite3_column_int64(st, 0);
	x->meeting_id = sqlite3_column_int64(st, 1);
	x->text = store_col_str(a, st, 2);
	x->who = store_col_str(a, st, 3);
	x->due = store_col_str(a, st, 4);
	x->done = sqlite3_column_int(st, 5);
	x->meeting_name = store_col_str(a, st, 6);
	x->meeting_start = store_col_str(a, st, 7);
}

#define POL_ACTION_SELECT \
	"SELECT x.id, x.meeting_id, x.text, x.who, x.due, x.done, m.name, m.start_at FROM pol_action x " \
	"JOIN pol_meeting m ON m.id = x.meeting_id "

int pol_meeting_actions(struct store *s, arena *a, int64_t meeting_id, struct pol_action **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, POL_ACTION_SELECT "WHERE x.meeting_id = ? ORDER BY x.id");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int64(st, 1, meeting_id);
	return pol_collect(a, st, sizeof(**out), READER(read_action), (void **)out, n);
}

int pol_actions(struct store *s, arena *a, int all, struct pol_action **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, POL_ACTION_SELECT "WHERE m.deleted = 0 AND (?1 = 1 OR x.done = 0) "
					 "ORDER BY x.done, x.due, x.id LIMIT 2000");
	if (!st)
		return ST_ERR;
	sqlite3_bind_int(st, 1, all ? 1 : 0);
	return pol_collect(a, st, sizeof(**out), READER(read_action), (void **)out, n);
}
