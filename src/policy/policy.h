/* policy.h — committees and decision processes: bodies (Gremien), their
 * members over time, meetings with agenda items, papers and their
 * consultations, files, decision processes on one timeline; the public
 * pages, the editors at /intern/gremien, the OParl 1.1 API at /oparl/v1
 * and `lotse import oparl`.
 *
 * Visibility, the one rule: an agenda item, paper, file or process with
 * public = 0, and a row with deleted = 1, is never shown on a public page;
 * the OParl API leaves out what is not public and shows a deleted object
 * as {"id", "type", "deleted": true}. A file is public only when it and
 * what it belongs to (item, paper) are public. */
#ifndef LOTSE_POLICY_H
#define LOTSE_POLICY_H

#include "http/http.h"
#include "store/store.h"

#include <stdint.h>

struct search_index;

/* Rows as the model reads them; strings owned by the arena they were read
 * into; a date "" or an id 0 when not set. */
struct pol_body {
	int64_t id;
	const char *name, *short_name, *kind, *description, *website, *created, *modified;
	int deleted;
};

struct pol_term {
	int64_t id;
	const char *name, *start_date, *end_date, *created, *modified;
	int deleted;
};

struct pol_person {
	int64_t id;
	const char *name, *given_name, *family_name, *organisation, *created, *modified;
	int deleted;
};

struct pol_membership {
	int64_t id, person_id, body_id;
	const char *role, *start_date, *end_date, *created, *modified;
	const char *person_name, *body_name;
	int voting_right, deleted;
};

struct pol_meeting {
	int64_t id, body_id;
	const char *name, *start_at, *end_at, *place, *state, *created, *modified;
	const char *body_name;
	int deleted;
};

struct pol_item {
	int64_t id, meeting_id;
	const char *number, *name, *result, *resolution, *created, *modified;
	int position, public, deleted;
};

struct pol_paper {
	int64_t id, body_id;
	const char *reference, *name, *date, *kind, *originator, *summary, *created, *modified;
	int public, deleted;
};

struct pol_consultation {
	int64_t id, paper_id, meeting_id, item_id, body_id;
	const char *purpose, *result, *created, *modified;
	/* what it links, for the pages; item_name "" when the item is not public */
	const char *paper_name, *paper_reference, *meeting_name, *meeting_start, *body_name, *item_name;
	int deleted;
};

struct pol_file {
	int64_t id, meeting_id, item_id, paper_id;
	const char *name, *file_name, *mime_type, *role, *sha256, *sha512, *date, *created, *modified;
	long long size;
	int public, deleted;
	const void *data; /* only from pol_file_get with data */
};

struct pol_process {
	int64_t id;
	const char *title, *summary, *created, *modified;
	int public, deleted;
};

struct pol_step {
	int64_t id, process_id, paper_id, meeting_id;
	const char *date, *kind, *text;
	const char *paper_name, *paper_reference, *meeting_name; /* "" when none or not public */
};

/* The accepted values of the enumerated columns (NULL-terminated). */
extern const char *const pol_meeting_states[];  /* planned invited held cancelled */
extern const char *const pol_paper_kinds[];     /* Vorlage Antrag Anfrage Stellungnahme */
extern const char *const pol_purposes[];        /* preliminary decision information */
extern const char *const pol_file_roles[];      /* invitation minutes attachment */
extern const char *const pol_step_kinds[];      /* proposal consultation decision contribution implementation */

/* ---- model.c: reads. Lists are arrays in a, *n their count. "pub" 1:
 * only what the public may see (not deleted, public); 0: everything but
 * the deleted (the staff area). ST_OK, ST_NOTFOUND (get) or ST_ERR. ---- */
/* An action item of a meeting: who does what by when ("YYYY-MM-DD"). */
struct pol_action {
	int64_t id, meeting_id;
	const char *text, *who, *due;
	int done;
	const char *meeting_name, *meeting_start; /* the meeting's name and start (UTC) */
};

int pol_body_list(struct store *s, arena *a, struct pol_body **out, size_t *n);
int pol_body_get(struct store *s, arena *a, int64_t id, struct pol_body *out);
int pol_body_members(struct store *s, arena *a, int64_t body_id, struct pol_membership **out, size_t *n);
int pol_body_meetings(struct store *s, arena *a, int64_t body_id, struct pol_meeting **out, size_t *n);
int pol_meeting_get(struct store *s, arena *a, int64_t id, struct pol_meeting *out);
int pol_meeting_items(struct store *s, arena *a, int64_t meeting_id, int pub, struct pol_item **out, size_t *n);
int pol_meeting_consultations(struct store *s, arena *a, int64_t meeting_id, int pub,
			      struct pol_consultation **out, size_t *n);
int pol_paper_list(struct store *s, arena *a, int pub, struct pol_paper **out, size_t *n);
int pol_paper_get(struct store *s, arena *a, int64_t id, int pub, struct pol_paper *out);
/* The consultations of a paper; pub: only those the public may see (not
 * in an agenda item that is not public or deleted, nor in a deleted
 * meeting). */
int pol_paper_consultations(struct store *s, arena *a, int64_t paper_id, int pub, struct pol_consultation **out,
			    size_t *n);
/* Files of a meeting, an agenda item or a paper (the other ids 0), without data. */
int pol_files_of(struct store *s, arena *a, int64_t meeting_id, int64_t item_id, int64_t paper_id, int pub,
		 struct pol_file **out, size_t *n);
/* One file; with_data: its bytes too (out->data, out->size). pub: only a
 * public one (ST_NOTFOUND otherwise). */
int pol_file_get(struct store *s, arena *a, int64_t id, int pub, int with_data, struct pol_file *out);
int pol_process_list(struct store *s, arena *a, int pub, struct pol_process **out, size_t *n);
int pol_process_get(struct store *s, arena *a, int64_t id, int pub, struct pol_process *out);
/* The steps of a process by date; links to papers the public may not see are left out when pub. */
int pol_process_steps(struct store *s, arena *a, int64_t process_id, int pub, struct pol_step **out, size_t *n);
int pol_person_list(struct store *s, arena *a, struct pol_person **out, size_t *n);
int pol_person_get(struct store *s, arena *a, int64_t id, struct pol_person *out);
/* A person's memberships (of bodies not deleted), current ones first. */
int pol_person_memberships(struct store *s, arena *a, int64_t person_id, struct pol_membership **out, size_t *n);
int pol_membership_get(struct store *s, arena *a, int64_t id, struct pol_membership *out);
int pol_term_list(struct store *s, arena *a, struct pol_term **out, size_t *n); /* newest first */
int pol_term_get(struct store *s, arena *a, int64_t id, struct pol_term *out);
/* Every meeting not deleted, newest first. */
int pol_meeting_list(struct store *s, arena *a, struct pol_meeting **out, size_t *n);
/* The action items of meeting id, in the order written. */
int pol_meeting_actions(struct store *s, arena *a, int64_t meeting_id, struct pol_action **out, size_t *n);
/* The action items of every meeting not deleted, open ones by due date
 * first (all 0: only the open ones), at most 2000. For the staff's task
 * list. */
int pol_actions(struct store *s, arena *a, int all, struct pol_action **out, size_t *n);

/* ---- save.c: writes, each one transaction (or a savepoint in the
 * caller's); *id gets the new row's id. ST_OK, ST_CONFLICT (a reference
 * that does not exist) or ST_ERR. ---- */
int pol_body_save(struct store *s, const struct pol_body *b, int64_t *id); /* b->id 0: new */
int pol_person_save(struct store *s, const struct pol_person *p, int64_t *id);         /* p->id 0: new */
int pol_membership_save(struct store *s, const struct pol_membership *m, int64_t *id); /* m->id 0: new; else
											 role, voting right and dates */
int pol_term_save(struct store *s, const struct pol_term *t, int64_t *id);             /* t->id 0: new */
int pol_meeting_save(struct store *s, const struct pol_meeting *m, int64_t *id); /* m->id 0: new */
int pol_item_add(struct store *s, const struct pol_item *it, int64_t *id);
int pol_action_add(struct store *s, const struct pol_action *x, int64_t *id);
/* Tick action item id of meeting meeting_id off (done 1) or open it again.
 * ST_OK, ST_NOTFOUND or ST_ERR. */
int pol_action_done(struct store *s, int64_t meeting_id, int64_t id, int done);
int pol_paper_save(struct store *s, const struct pol_paper *p, int64_t *id); /* p->id 0: new */
int pol_consultation_add(struct store *s, const struct pol_consultation *c, int64_t *id);
/* Store len bytes of data as a file of f's meeting/item/paper, with its
 * SHA-256 and SHA-512 and size. */
int pol_file_add(struct store *s, const struct pol_file *f, const void *data, size_t len, int64_t *id);
int pol_process_add(struct store *s, const struct pol_process *p, int64_t *id);
int pol_step_add(struct store *s, const struct pol_step *st, int64_t *id);
/* Soft-delete a paper (deleted = 1, modified now). ST_NOTFOUND when none. */
int pol_paper_delete(struct store *s, int64_t id);
/* The time now as ISO 8601 UTC ("2026-12-06T01:00:00Z"). */
void pol_now(char out[21]);
/* Is v a date "YYYY-MM-DD" / a time "YYYY-MM-DDTHH:MM[:SS][Z]" that exists? */
int pol_is_date(const char *v);
int pol_is_datetime(const char *v);

/* demo.c: the four bodies of the seed page with members, meetings, agenda
 * items, papers and a decision process over a year. ST_OK or ST_ERR (err). */
int pol_demo_load(struct store *s, char *err, size_t errlen);

/* import.c: read OParl 1.1 / 1.0 JSON objects from the len bytes of text
 * (one object, or an object list {"data": [...]}, or an array) into the
 * store inside the caller's transaction; *imported counts the objects
 * stored; every object that is refused gets a line in report (name is the
 * file's name for the message). ST_OK (even with refused objects) or
 * ST_ERR (a store failure: the caller rolls back). */
struct buf;
int pol_import_text(struct store *s, const char *name, const char *text, size_t len, long *imported,
		    struct buf *report);
/* `lotse import oparl [--db PATH] DIR`: every *.json in DIR, in one
 * transaction. Exit status 0, or 1 (nothing stored). */
int pol_import_cli(const char *db, const char *dir);

/* panel.c: the staff dashboard's card. */
struct layout_card;
int pol_staff_panel(struct req *r, struct layout_card *out);

/* routes.c: the public pages. */
void pol_public_bodies(struct req *r, struct resp *w);
void pol_public_body(struct req *r, struct resp *w);
void pol_public_meeting(struct req *r, struct resp *w);
void pol_public_papers(struct req *r, struct resp *w);
void pol_public_paper(struct req *r, struct resp *w);
void pol_public_process(struct req *r, struct resp *w);
void pol_public_file(struct req *r, struct resp *w);

/* search.c: papers and agenda items in the text engine (index
 * "polsearch"); the public search at /gremien/suche. Index what changed
 * (search_run also does it bit by bit). */
int pol_search_refresh(struct store *s, size_t *done);
/* The papers' and agenda items' index, for the server's background
 * indexer (search_indexer_start). */
const struct search_index *pol_search_index(void);
void pol_public_search(struct req *r, struct resp *w);

/* editor.c: the staff area /intern/gremien (editors). */
void pol_editor_home(struct req *r, struct resp *w);
void pol_editor_body_create(struct req *r, struct resp *w);
void pol_editor_body(struct req *r, struct resp *w);
void pol_editor_meeting_create(struct req *r, struct resp *w);
void pol_editor_meeting(struct req *r, struct resp *w);
void pol_editor_item_create(struct req *r, struct resp *w);
void pol_editor_file_upload(struct req *r, struct resp *w);
void pol_editor_paper_create(struct req *r, struct resp *w);
void pol_editor_consultation_create(struct req *r, struct resp *w);
/* process_editor.c: decision processes and their steps (editors). */
void pol_editor_processes(struct req *r, struct resp *w);
void pol_editor_process_create(struct req *r, struct resp *w);
void pol_editor_process(struct req *r, struct resp *w);
void pol_editor_step_create(struct req *r, struct resp *w);
/* POST (CSRF) the change of a process's title, summary and public flag:
 * /intern/prozesse/{id}; GET the form, POST the change of a step:
 * /intern/prozesse/{id}/schritte/{step}; POST richtung=hoch|runter: move
 * a step among the steps of its day: .../schritte/{step}/verschieben */
void pol_editor_process_save(struct req *r, struct resp *w);
void pol_editor_step_edit(struct req *r, struct resp *w);
void pol_editor_step_move(struct req *r, struct resp *w);
/* edits.c: GET the form, POST (CSRF) the change of a consultation
 * (/intern/sitzungen/{meeting}/beratungen/{cons}) and of a file, its
 * bytes replaced by a new PDF when one is sent (/intern/dateien/{id},
 * multipart); POST a paper's new file (/intern/vorlagen/{id}/dateien). */
void pol_editor_consultation_edit(struct req *r, struct resp *w);
void pol_editor_file_edit(struct req *r, struct resp *w);
void pol_editor_paper_file_upload(struct req *r, struct resp *w);
/* changes.c: GET the warning page, POST (CSRF) the soft deletion of an
 * agenda item, consultation, file, paper, process step, membership,
 * person or legislative term: /intern/gremien/loeschen/{punkt|beratung|
 * datei|vorlage|schritt|mitgliedschaft|person|wahlperiode}/{id} */
void pol_editor_delete(struct req *r, struct resp *w);
/* actions.c: a meeting's new action item (POST /intern/sitzungen/ID/aufgaben)
 * and ticking one off or opening it again (POST
 * /intern/sitzungen/ID/aufgaben/ITEM/erledigt; back to /intern/aufgaben
 * when the form says zurueck=aufgaben). */
void pol_editor_action_create(struct req *r, struct resp *w);
void pol_editor_action_done(struct req *r, struct resp *w);
/* GET the form, POST (CSRF) the change of a meeting's action item
 * (/intern/sitzungen/ID/aufgaben/ITEM); POST its deletion
 * (.../aufgaben/ITEM/loeschen). */
void pol_editor_action_edit(struct req *r, struct resp *w);
void pol_editor_action_delete(struct req *r, struct resp *w);
/* members.c: a body's new member (POST /intern/gremien/ID/mitglieder), a
 * membership (GET/POST /intern/mitgliedschaften/ID), the persons (GET
 * /intern/personen, POST /intern/personen/neu, GET/POST
 * /intern/personen/ID), the legislative terms (GET /intern/wahlperioden,
 * POST /intern/wahlperioden/neu, GET/POST /intern/wahlperioden/ID). */
void pol_editor_member_create(struct req *r, struct resp *w);
void pol_editor_membership(struct req *r, struct resp *w);
void pol_editor_persons(struct req *r, struct resp *w);
void pol_editor_person_create(struct req *r, struct resp *w);
void pol_editor_person(struct req *r, struct resp *w);
void pol_editor_terms(struct req *r, struct resp *w);
void pol_editor_term_create(struct req *r, struct resp *w);
void pol_editor_term(struct req *r, struct resp *w);
/* GET the form, POST (CSRF) the change of an agenda item:
 * /intern/sitzungen/{meeting}/punkte/{item} */
void pol_editor_item_edit(struct req *r, struct resp *w);
/* POST (CSRF) richtung=hoch|runter: move an agenda item up or down the
 * agenda: /intern/sitzungen/{meeting}/punkte/{item}/verschieben */
void pol_editor_item_move(struct req *r, struct resp *w);
/* GET the form, POST (CSRF) the change of a paper: /intern/vorlagen/{id} */
void pol_editor_paper_edit(struct req *r, struct resp *w);

/* oparl.c: the OParl 1.1 API (read-only, any origin). */
void pol_oparl_system(struct req *r, struct resp *w);
void pol_oparl_body(struct req *r, struct resp *w);
void pol_oparl_list(struct req *r, struct resp *w);   /* /oparl/v1/{kind} */
void pol_oparl_object(struct req *r, struct resp *w); /* /oparl/v1/{kind}/{id} */

#endif
