/* policy_internal.h — what the files of src/policy/ share: the column
 * lists of the tables in the order of the row readers, and the readers. */
#ifndef LOTSE_POLICY_INTERNAL_H
#define LOTSE_POLICY_INTERNAL_H

#include "policy/policy.h"

#define POL_BODY_COLS \
	"b.id, b.name, b.short_name, b.kind, b.description, b.website, b.created_at, b.modified_at, b.deleted"
#define POL_MEETING_COLS                                                                                      \
	"m.id, m.body_id, m.name, m.start_at, COALESCE(m.end_at, ''), m.place, m.state, m.created_at, " \
	"m.modified_at, m.deleted, COALESCE(b.name, '')"
#define POL_ITEM_COLS \
	"i.id, i.meeting_id, i.number, i.position, i.name, i.public, i.result, i.resolution, i.created_at, " \
	"i.modified_at, i.deleted"
#define POL_PAPER_COLS                                                                                   \
	"p.id, p.reference, p.name, COALESCE(p.date, ''), p.kind, p.originator, p.body_id, p.summary, " \
	"p.public, p.created_at, p.modified_at, p.deleted"
#define POL_CONSULTATION_COLS                                                                           \
	"c.id, c.paper_id, c.meeting_id, c.item_id, c.body_id, c.purpose, c.result, c.created_at, "    \
	"c.modified_at, c.deleted, p.name, p.reference, COALESCE(mt.name, ''), COALESCE(mt.start_at, ''), " \
	"COALESCE(b.name, ''), CASE WHEN i.public = 1 AND i.deleted = 0 THEN i.name ELSE '' END"
#define POL_CONSULTATION_FROM                                                                  \
	"pol_consultation c JOIN pol_paper p ON p.id = c.paper_id LEFT JOIN pol_meeting mt ON " \
	"mt.id = c.meeting_id LEFT JOIN pol_body b ON b.id = c.body_id LEFT JOIN pol_item i ON i.id = c.item_id"
#define POL_FILE_COLS                                                                                       \
	"f.id, f.name, f.file_name, f.mime_type, f.role, f.meeting_id, f.item_id, f.paper_id, f.public, f.size, " \
	"f.sha256, f.sha512, COALESCE(f.date, ''), f.created_at, f.modified_at, f.deleted"
#define POL_FILE_FROM \
	"pol_file f LEFT JOIN pol_item fi ON fi.id = f.item_id LEFT JOIN pol_paper fp ON fp.id = f.paper_id"
/* A file the public may see: it, its item and its paper are public. */
#define POL_FILE_PUBLIC \
	"(f.public = 1 AND (fi.id IS NULL OR (fi.public = 1 AND fi.deleted = 0)) AND " \
	"(fp.id IS NULL OR (fp.public = 1 AND fp.deleted = 0)))"
#define POL_PERSON_COLS "id, name, given_name, family_name, organisation, created_at, modified_at, deleted"
#define POL_MEMBERSHIP_COLS                                                                          \
	"m.id, m.person_id, m.body_id, m.role, m.voting_right, COALESCE(m.start_date, ''), "        \
	"COALESCE(m.end_date, ''), m.created_at, m.modified_at, m.deleted, p.name, b.name"

void pol_read_body(arena *a, sqlite3_stmt *st, struct pol_body *b);
void pol_read_meeting(arena *a, sqlite3_stmt *st, struct pol_meeting *m);
void pol_read_item(arena *a, sqlite3_stmt *st, struct pol_item *it);
void pol_read_paper(arena *a, sqlite3_stmt *st, struct pol_paper *p);
void pol_read_consultation(arena *a, sqlite3_stmt *st, struct pol_consultation *c);
void pol_read_file(arena *a, sqlite3_stmt *st, struct pol_file *f);
void pol_read_person(arena *a, sqlite3_stmt *st, struct pol_person *p);
void pol_read_membership(arena *a, sqlite3_stmt *st, struct pol_membership *m);
void pol_read_term(arena *a, sqlite3_stmt *st, struct pol_term *t);
#define POL_TERM_COLS \
	"t.id, t.name, COALESCE(t.start_date, ''), COALESCE(t.end_date, ''), t.created_at, t.modified_at, t.deleted"

/* Step st to its end, each row read by read into an array in a (*out, *n);
 * st is reset. ST_OK or ST_ERR. */
int pol_collect(arena *a, sqlite3_stmt *st, size_t size, void (*read)(arena *, sqlite3_stmt *, void *),
		void **out, size_t *n);
/* The first row of st into row: ST_OK, ST_NOTFOUND or ST_ERR; st is reset. */
int pol_one(arena *a, sqlite3_stmt *st, void (*read)(arena *, sqlite3_stmt *, void *), void *row);

/* save.c: the editors' soft deletion of an agenda item, a consultation,
 * a file, a paper, a process step, a membership, a person (only one
 * without memberships: ST_NOTFOUND else) or a legislative term: it leaves
 * the public pages and the search; OParl shows it as "deleted": true
 * (steps are not in OParl). */
enum pol_del {
	POL_DEL_ITEM,
	POL_DEL_CONSULTATION,
	POL_DEL_FILE,
	POL_DEL_PAPER,
	POL_DEL_STEP,
	POL_DEL_MEMBERSHIP,
	POL_DEL_PERSON,
	POL_DEL_TERM,
	POL_DEL__COUNT
};
/* The name of record id of kind (in a) and the id of the meeting (item,
 * consultation, file; 0 when none) or process (step) it is listed on.
 * ST_OK, ST_NOTFOUND (none, or deleted already) or ST_ERR. */
int pol_del_read(struct store *s, arena *a, enum pol_del kind, int64_t id, const char **name, int64_t *parent);
/* Mark it deleted (and modified now), in a transaction of its own (a
 * savepoint in the caller's). ST_OK, ST_NOTFOUND or ST_ERR. */
int pol_del(struct store *s, enum pol_del kind, int64_t id);

/* save.c: change the number, title, public flag and result of agenda
 * item it->id of meeting it->meeting_id. ST_OK, ST_NOTFOUND or ST_ERR. */
int pol_item_update(struct store *s, const struct pol_item *it);
/* save.c: the editors' changes, each a transaction of its own (a
 * savepoint in the caller's); ST_OK, ST_NOTFOUND (no such row not
 * deleted, or not of the meeting / process named) or ST_ERR. */
/* The agenda item (0: none), purpose and result of consultation c->id of
 * meeting c->meeting_id. */
int pol_consultation_update(struct store *s, const struct pol_consultation *c);
/* The name, role and public flag of file f->id; with data (not NULL) its
 * bytes too, as f->file_name of date f->date, with new checksums and
 * size. */
int pol_file_update(struct store *s, const struct pol_file *f, const void *data, size_t len);
/* The text, who and due date of action item x->id of meeting
 * x->meeting_id; the deletion of action item id of meeting meeting_id. */
int pol_action_update(struct store *s, const struct pol_action *x);
int pol_action_delete(struct store *s, int64_t meeting_id, int64_t id);
/* The title, summary and public flag of process p->id. */
int pol_process_update(struct store *s, const struct pol_process *p);
/* The date, kind, text and links of step x->id of process x->process_id;
 * moved to another day it comes last of that day. */
int pol_step_update(struct store *s, const struct pol_step *x);
/* Swap step id of process process_id with the one before it (up 1) or
 * after it (up 0) on the same day; the timeline is by date, then by this
 * order. ST_CONFLICT: it is the first (last) of its day already. */
int pol_step_move(struct store *s, int64_t process_id, int64_t id, int up);
/* Swap agenda item id of meeting meeting_id with the one before it (up 1)
 * or after it; the agenda is numbered anew from 1 (position, OParl's
 * order). ST_CONFLICT: it is the first (last) already. */
int pol_item_move(struct store *s, int64_t meeting_id, int64_t id, int up);

/* routes.c: a path segment as a positive id, or 0 when it is none. */
int64_t pol_param_id(const char *s);

/* views.c: the public pages. */
struct pol_body_page {
	struct pol_body body;
	struct pol_membership *members;
	size_t nmembers;
	struct pol_meeting *meetings;
	size_t nmeetings;
};
struct pol_meeting_page {
	struct pol_meeting meeting;
	struct pol_item *items;
	size_t nitems;
	struct pol_consultation *cons;
	size_t ncons;
	struct pol_file *files;
	size_t nfiles;
};
struct pol_paper_page {
	struct pol_paper paper;
	struct pol_consultation *cons;
	size_t ncons;
	struct pol_file *files;
	size_t nfiles;
};
void pol_view_bodies(struct req *r, struct resp *w, const struct pol_body *b, size_t n,
		     const struct pol_process *procs, size_t nprocs);
void pol_view_body(struct req *r, struct resp *w, const struct pol_body_page *p);
void pol_view_meeting(struct req *r, struct resp *w, const struct pol_meeting_page *p);
void pol_view_papers(struct req *r, struct resp *w, const struct pol_paper *p, size_t n);
void pol_view_paper(struct req *r, struct resp *w, const struct pol_paper_page *p);
void pol_view_process(struct req *r, struct resp *w, const struct pol_process *p, const struct pol_step *steps,
		      size_t n);
/* The translated label of a meeting state, paper kind, purpose or step kind. */
const char *pol_label(struct req *r, const char *value);

#endif
