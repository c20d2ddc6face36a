/* editor_internal.h — what the editor's handlers (editor.c) and views
 * (editor_views.c) share: the declared forms and the pages. */
#ifndef LOTSE_POLICY_EDITOR_INTERNAL_H
#define LOTSE_POLICY_EDITOR_INTERNAL_H

#include "policy/policy.h"
#include "http/form.h"
#include "html/html.h"

enum { BF_NAME, BF_SHORT, BF_KIND, BF_DESCRIPTION, BF__MAX };
enum { MF_NAME, MF_DATE, MF_TIME, MF_PLACE, MF_STATE, MF__MAX };
enum { IF_NUMBER, IF_NAME, IF_PUBLIC, IF_RESULT, IF__MAX };
enum { PF_REFERENCE, PF_NAME, PF_DATE, PF_KIND, PF_ORIGINATOR, PF_SUMMARY, PF_PUBLIC, PF__MAX };
enum { CF_PAPER, CF_ITEM, CF_PURPOSE, CF_RESULT, CF__MAX };
enum { FF_NAME, FF_ROLE, FF_PUBLIC, FF__MAX };
enum { MBF_PERSON, MBF_GIVEN, MBF_FAMILY, MBF_ORGANISATION, MBF_ROLE, MBF_START, MBF_END, MBF_VOTING, MBF__MAX };
enum { PSF_GIVEN, PSF_FAMILY, PSF_ORGANISATION, PSF__MAX };
enum { TF_NAME, TF_START, TF_END, TF__MAX };
enum { AF_TEXT, AF_WHO, AF_DUE, AF__MAX };

extern const struct field pol_body_fields[BF__MAX];
extern const struct field pol_meeting_fields[MF__MAX];
extern const struct field pol_item_fields[IF__MAX];
extern const struct field pol_paper_fields[PF__MAX];
extern const struct field pol_cons_fields[CF__MAX];
extern const struct field pol_file_fields[FF__MAX];
extern const struct field pol_member_fields[MBF__MAX];
extern const struct field pol_person_fields[PSF__MAX];
extern const struct field pol_term_fields[TF__MAX];
extern const struct field pol_action_fields[AF__MAX];
/* The message (a msgid) for a date that is not YYYY-MM-DD of a real day. */
extern const char *const pol_date_problem;

/* The overview: bodies, papers, processes; a refused new body (bf) or
 * paper (pf) is shown again with its errors. */
struct pol_editor_home {
	struct pol_body *bodies;
	size_t nbodies;
	struct pol_paper *papers;
	size_t npapers;
	const struct form *bf, *pf;
	const char *notice;
};
void pol_editor_view_home(struct req *r, struct resp *w, const struct pol_editor_home *p);

/* A body's page: its meetings, members (with the persons to pick a new
 * member from), its data; a refused form of the body (bf), a new meeting
 * (mf) or a new member (msf) is shown again with its errors. */
struct pol_body_forms {
	const struct form *bf, *mf, *msf;
};
struct pol_editor_body {
	struct pol_body body;
	struct pol_meeting *meetings;
	size_t nmeetings;
	struct pol_membership *members;
	size_t nmembers;
	struct pol_person *persons;
	size_t npersons;
	struct pol_body_forms forms;
	const char *notice;
};
void pol_editor_body_page(struct req *r, struct resp *w, int64_t id, const struct pol_body_forms *forms,
			  const char *notice);
void pol_editor_view_body(struct req *r, struct resp *w, const struct pol_editor_body *p);

/* members_views.c: the members' section of a body's page; a membership's
 * form; the persons (with the form for a new one); a person with its
 * memberships; the legislative terms (with the form for a new one); a
 * term's form. f: a refused form with its errors, or NULL. */
void pol_editor_members_section(html *h, struct req *r, const struct pol_editor_body *p);
void pol_editor_view_membership(struct req *r, struct resp *w, const struct pol_membership *m, const struct form *f);
void pol_editor_view_persons(struct req *r, struct resp *w, const struct pol_person *p, size_t n, const struct form *f,
			     const char *notice);
void pol_editor_view_person(struct req *r, struct resp *w, const struct pol_person *p, const struct pol_membership *ms,
			    size_t nms, const struct form *f, const char *notice);
void pol_editor_view_terms(struct req *r, struct resp *w, const struct pol_term *t, size_t n, const struct form *f,
			   const char *notice);
void pol_editor_view_term(struct req *r, struct resp *w, const struct pol_term *t, const struct form *f);

/* A meeting's page: its data, agenda, consultations, files and action
 * items; a refused form of the meeting (mf), a new item (itf),
 * consultation (cf), file (ff, with file_problem, a msgid) or action item
 * (af) is shown again with its errors. */
struct pol_meeting_forms {
	const struct form *mf, *itf, *cf, *ff, *af;
	const char *file_problem;
};
struct pol_editor_meeting {
	struct pol_meeting meeting;
	struct pol_item *items;
	size_t nitems;
	struct pol_consultation *cons;
	size_t ncons;
	struct pol_file *files;
	size_t nfiles;
	struct pol_paper *papers;
	size_t npapers;
	struct pol_action *actions;
	size_t nactions;
	struct pol_meeting_forms forms;
	const char *notice;
};
void pol_editor_meeting_page(struct req *r, struct resp *w, int64_t id, const struct pol_meeting_forms *mfs,
			     const char *notice);
void pol_editor_view_meeting(struct req *r, struct resp *w, const struct pol_editor_meeting *p);

/* changes.c: the address of the deletion page of record id of kind (an
 * enum pol_del of policy_internal.h), in r's arena; editor_views.c: that
 * page, naming the record and warning that there is no undo, with the
 * form to delete (action) and the way back. */
const char *pol_delete_path(struct req *r, int kind, int64_t id);
void pol_editor_view_delete(struct req *r, struct resp *w, const char *action, const char *name, const char *back);

/* Form helpers of the editors' views: one control of defs[i] (a select
 * for a choice, labelled by pol_label; a checkbox; a textarea for
 * multiline text; else an input) with f's value and error, or val; a
 * form's start (with the CSRF field) and its submit button and end. */
void pol_editor_field(html *h, struct req *r, const struct field *defs, const struct form *f, int i, const char *val,
		      const char *label, const char *hint);
void pol_editor_form_begin(html *h, struct req *r, const char *action, const char *heading_id, int multipart);
void pol_editor_form_end(html *h, const char *button);
/* The link "Löschen" to the deletion page of record id of kind (named
 * name, for the link's accessible name). */
/* The form that changes agenda item it (f: with errors, or NULL), posted
 * to action; back: the meeting's page. */
void pol_editor_view_item(struct req *r, struct resp *w, const struct pol_item *it, const struct form *f,
			  const char *action, const char *back);
/* The form that changes paper p (f: with errors, or NULL), posted to
 * action; below it the paper's files, each with its links to change and
 * delete it, and the upload of a new one (ff, file_problem: a refused
 * upload, or NULL). */
struct pol_paper_files {
	const struct pol_file *files;
	size_t nfiles;
	const struct form *ff;
	const char *file_problem;
};
void pol_editor_view_paper(struct req *r, struct resp *w, const struct pol_paper *p, const struct form *f,
			   const char *action, const struct pol_paper_files *pf);
/* The files' list of an editor's page: each with kind, size, checksum,
 * "nicht öffentlich" when not, and the links to change and delete it. */
void pol_editor_files_list(html *h, struct req *r, const struct pol_file *files, size_t n);
/* The upload form of a new file, posted to action (ff, problem: a
 * refused one, or NULL). */
void pol_editor_upload_form(html *h, struct req *r, const char *action, const struct form *ff, const char *problem);
/* changes.c: the paper's page of the editors with its files (f, ff and
 * file_problem: refused forms, or NULL). */
void pol_editor_paper_page(struct req *r, struct resp *w, const struct pol_paper *p, const struct form *f,
			   const struct form *ff, const char *file_problem);
void pol_editor_delete_link(html *h, struct req *r, int kind, int64_t id, const char *name);
/* The button "Nach oben" (up 1) or "Nach unten" that posts richtung=hoch
 * or runter to action (its accessible name with name). */
void pol_editor_move_button(html *h, struct req *r, const char *action, int up, const char *name);

enum { RF_TITLE, RF_SUMMARY, RF_PUBLIC, RF__MAX };
enum { SF_DATE, SF_KIND, SF_TEXT, SF_PAPER, SF_MEETING, SF__MAX };
extern const struct field pol_process_fields[RF__MAX];
extern const struct field pol_step_fields[SF__MAX];

struct pol_editor_processes {
	struct pol_process *procs;
	size_t n;
	const struct form *rf;
	const char *notice;
};
void pol_editor_view_processes(struct req *r, struct resp *w, const struct pol_editor_processes *p);

struct pol_editor_process {
	struct pol_process proc;
	struct pol_step *steps;
	size_t nsteps;
	struct pol_paper *papers;
	size_t npapers;
	struct pol_meeting *meetings;
	size_t nmeetings;
	const struct form *sf, *rf; /* a refused new step, or change of the process */
	const char *notice;
};
void pol_editor_view_process(struct req *r, struct resp *w, const struct pol_editor_process *p);

/* editor.c: the PDF sent in a form's field "datei" (multipart), or NULL:
 * with *problem a msgid when it is no PDF, more than one, or none though
 * required; NULL and no problem when none was sent and it is optional.
 * *fname: the name to serve it under (the browser's, without a folder). */
struct kv;
const struct kv *pol_editor_upload(struct req *r, int required, const char **problem, const char **fname);

/* edits.c / edits_views.c: changing a consultation (its agenda item,
 * purpose, result), a file (name, kind, public flag, and its bytes
 * replaced by a new PDF), a process (title, summary, public flag) and a
 * process step (its fields; moved up or down among the steps of its
 * day). f: a refused form with its errors, or NULL. */
enum { CEF_ITEM, CEF_PURPOSE, CEF_RESULT, CEF__MAX };
extern const struct field pol_cons_edit_fields[CEF__MAX];
/* Where file f is listed for the editors: its meeting's page, else its
 * paper's (with the anchor #dateien), else the overview; in r's arena. */
const char *pol_editor_file_back(struct req *r, const struct pol_file *f);
/* The form that changes action item x (f: with errors, or NULL), posted
 * to action, with the button that deletes it; back: the meeting's page. */
void pol_editor_view_action(struct req *r, struct resp *w, const struct pol_action *x, const struct form *f,
			    const char *action, const char *back);
void pol_editor_view_consultation(struct req *r, struct resp *w, const struct pol_consultation *c,
				  const struct pol_item *items, size_t nitems, const struct form *f, const char *action,
				  const char *back);
void pol_editor_view_file(struct req *r, struct resp *w, const struct pol_file *file, const struct form *f,
			  const char *problem, const char *action, const char *back);
struct pol_editor_step {
	const struct pol_step *step;
	const struct pol_paper *papers;
	size_t npapers;
	const struct pol_meeting *meetings;
	size_t nmeetings;
	const struct form *f;
	const char *action, *back;
};
void pol_editor_view_step(struct req *r, struct resp *w, const struct pol_editor_step *p);
/* The pickers of a step's paper and meeting (process_views.c), with f's
 * value and error, or the stored ids (0: none). */
void pol_editor_step_links(html *h, struct req *r, const struct form *f, const struct pol_paper *papers,
			   size_t npapers, const struct pol_meeting *meetings, size_t nmeetings, int64_t paper_id,
			   int64_t meeting_id, const char *const *labels);

/* A meeting's start at a local date and time (Europe/Berlin) as UTC
 * ISO 8601 into out; -1 when they are not a date and a time. */
int pol_local_to_utc(const char *date, const char *time, char out[21]);
/* The local date (YYYY-MM-DD) and time (HH:MM) of a UTC time. */
void pol_utc_to_local(const char *iso, char date[11], char time[6]);

#endif
