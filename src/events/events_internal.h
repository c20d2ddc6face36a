/* events_internal.h — what the files of src/events/ share: the declared
 * forms and the views. Not for other folders. */
#ifndef LOTSE_EVENTS_INTERNAL_H
#define LOTSE_EVENTS_INTERNAL_H

#include "events/events.h"
#include "directory/directory.h"
#include "html/html.h"
#include "http/form.h"

/* The registration form. */
enum { RF_NAME, RF_EMAIL, RF_ORG, RF_CONSENT, RF_WEBSITE, RF__MAX };
extern const struct field events_reg_fields[RF__MAX];

/* The list's query. */
enum { LQ_TYPE, LQ_MONTH, LQ_PAGE, LQ__MAX };
extern const struct field events_list_fields[LQ__MAX];

#define EVENTS_PER_PAGE 20

/* May one register for e at local time now? NULL, or the msgid of why not. */
const char *events_reg_closed(const struct event *e, const char *now);

/* views.c: the public pages. */
struct events_list_view {
	int past;
	const struct form *q;           /* the validated query */
	const struct event *events;
	size_t n;
	long total, page;
};
void events_view_list(struct req *r, struct resp *w, const struct events_list_view *v);
/* The event page; orgs are provider names with their ids; f and problem
 * the registration form's state (NULL: empty). */
struct events_page_view {
	const struct event *e;
	const char *const *org_names, *const *org_ids, *const *org_roles;
	size_t norgs;
	const struct dir_location_brief *place; /* the directory's place, or NULL */
	const char *closed;             /* why registration is closed, or NULL */
	const struct form *f;
	const char *problem;
};
void events_view_page(struct req *r, struct resp *w, const struct events_page_view *v);
/* The registrant's own page (token: the personal link's token). */
void events_view_reg(struct req *r, struct resp *w, const struct event *e, const struct event_reg *g,
		     const char *token, const char *notice);

/* A type's label, translated. */
const char *events_type_text(struct req *r, const char *type);
/* "Mo., 12.05.2027, 18:00–20:00 Uhr" style span of e in r's language. */
const char *events_when(struct req *r, const struct event *e);

/* The event's form: its fields, the place among the directory's
 * locations, and EVENTS_ORG_SLOTS pickers each of organisers
 * ("organiser_1" ...) and partners ("partner_1" ...), providers chosen by
 * name; the value sent is a provider's id. */
#define EVENTS_ORG_SLOTS 6
enum { EF_TYPE, EF_TITLE, EF_DESC, EF_START, EF_END, EF_LOCATION, EF_PLACE, EF_ONLINE, EF_ACCESS, EF_LANGS,
       EF_GROUPS, EF_CAPACITY, EF_OPENS, EF_CLOSES, EF_SERIES, EF_ORG1,
       EF_PART1 = EF_ORG1 + EVENTS_ORG_SLOTS, EF__MAX = EF_PART1 + EVENTS_ORG_SLOTS };
extern const struct field events_event_fields[EF__MAX];

/* staff_views.c: the staff's list of events, an event's form with its
 * registrations and minutes, the attendance list (confirmed ones). */
struct events_staff_view {
	const struct event *e;          /* NULL: a new event */
	const struct form *f;           /* the form with errors, or NULL */
	const char *slots[2 * EVENTS_ORG_SLOTS]; /* the stored organisers, then partners (ids), or NULL */
	const struct dir_org_brief *orgs; /* the current providers, for the pickers */
	size_t norgs;
	const struct dir_location_brief *places; /* the public places, for the place picker */
	size_t nplaces;
	const char *notice;
	const struct form *item_form;   /* the minutes' item form with errors, or NULL */
	const struct event_reg *regs;
	size_t nregs;
	int regs_ok;                    /* 0: they could not be read */
	const struct event_item *items;
	size_t nitems;
	int items_ok;
};
void events_view_staff_list(struct req *r, struct resp *w, const struct event *ev, size_t n);
void events_view_staff_form(struct req *r, struct resp *w, const struct events_staff_view *v);
void events_view_attendance(struct req *r, struct resp *w, const struct event *e, const struct event_reg *g,
			    size_t n);

/* attendance_views.c: ticking off on the day; g[0..n) the confirmed and
 * waiting registrations in the order to show. */
void events_view_checkin(struct req *r, struct resp *w, const struct event *e, const struct event_reg *g, size_t n);

/* staff.c: the event of params[0] for the staff area (0), or -1 after
 * answering with the not-found or failure page; the event's edit page
 * with a notice (or NULL) and the item form's state (or NULL). */
int events_staff_load(struct req *r, struct resp *w, struct event *e);
void events_staff_page(struct req *r, struct resp *w, const struct event *e, const char *notice,
		       const struct form *item_form);

/* minutes_views.c: the staff's minutes of an event (on its edit page):
 * the Markdown text, the decisions and action items, and the forms to
 * add one (f: the item form with errors, or NULL); and the list of
 * action items across events and committee meetings. */
enum { IF_KIND, IF_TEXT, IF_WHO, IF_DUE, IF__MAX };
extern const struct field events_item_fields[IF__MAX];
void events_view_minutes(html *h, struct req *r, const struct event *e, const struct event_item *items, size_t n,
			 const struct form *f);
/* The form that changes item it of event e (f: with errors, or NULL),
 * with the button that deletes it. */
void events_view_item(struct req *r, struct resp *w, const struct event *e, const struct event_item *it,
		      const struct form *f);
/* One row of the staff's task list: an action item of an event's minutes
 * or of a committee meeting (read through policy.h). */
struct events_task {
	const char *due, *text, *who;
	const char *source, *source_href; /* the event's or meeting's name, and its staff page */
	const char *done_action;          /* where its tick-off button posts */
	int done;
};
void events_view_actions(struct req *r, struct resp *w, const struct events_task *t, size_t n, int all,
			 const char *today);

#endif
