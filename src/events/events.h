/* events.h — the network's events (seminars, expert talks, network
 * meetings, information evenings, trainings), registration without an
 * account with a waiting list, the staff's lists, and iCalendar feeds.
 *
 * Times of an event are local wall time in Europe/Berlin,
 * "YYYY-MM-DDTHH:MM" (16 characters); they sort as text. */
#ifndef LOTSE_EVENTS_H
#define LOTSE_EVENTS_H

#include "core/buf.h"
#include "http/http.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

/* The kinds of event, as stored; EVENTS_TYPES of them. */
#define EVENTS_TYPES 5
extern const char *const events_types[EVENTS_TYPES + 1]; /* NULL-terminated */
/* The German label (a msgid) of a stored type, or the type itself. */
const char *events_type_label(const char *type);

struct event {
	int64_t id;
	const char *uid, *type, *title, *description_md, *starts_at, *ends_at;
	const char *location_id;  /* NULL: none */
	const char *place, *online_url /* NULL: not online */, *accessibility, *languages, *target_groups;
	int capacity;             /* -1: no limit */
	const char *reg_opens_at, *reg_closes_at; /* NULL: not set */
	const char *series;
	int cancelled;
	const char *updated_at;   /* UTC, "YYYY-MM-DD HH:MM:SS" */
	const char *minutes_md;   /* the minutes (Markdown; staff only), "" when none */
	long confirmed, waiting;  /* registrations by status (lists and event_get) */
	/* The directory's place as one line, "name, street, postcode town"
	 * (not stored: set by events_resolve_places; NULL when none or no
	 * longer public). */
	const char *location_line;
};

/* An organiser or partner of an event: a provider of the directory. */
struct event_org {
	const char *org_id, *role; /* role "organiser" or "partner" */
};

struct event_reg {
	int64_t id, event_id;
	const char *name, *email, *organisation; /* NULL once erased */
	const char *lang, *status, *created_at, *cancelled_at;
	int attended;
	long position;            /* place on the waiting list (1 = next), else 0 */
};

/* Set location_line of ev[0..n) from the directory (one lookup per
 * event with a place). ST_OK or ST_ERR. */
int events_resolve_places(struct store *s, arena *a, struct event *ev, size_t n);
/* Where an event takes place, as one line for a list or a calendar: the
 * directory's place, then the free text ("" when neither). */
const char *events_where(arena *a, const struct event *e);

/* ---- time ---- */

/* now (seconds since the epoch) as local time in Mainz (CET/CEST) in the
 * events' format, into out. */
void events_local_now(int64_t now, char out[17]);
/* Is s an events time "YYYY-MM-DDTHH:MM" of a real day and minute? */
int events_time_valid(const char *s);

/* ---- the model (model.c); lists are arrays in a ---- */

/* Filters of a list: upcoming (ends_at >= now) or past, a type (NULL: any),
 * a month "YYYY-MM" (NULL: any); only public ones: all but cancelled ones
 * in the past. */
struct events_filter {
	int past;
	const char *now;   /* local now, as events_local_now */
	const char *type;  /* NULL: all */
	const char *month; /* NULL: all */
};
/* Events of the filter, upcoming soonest first, past newest first;
 * limit rows from offset; *total gets the number of all that match. */
int events_list(struct store *s, arena *a, const struct events_filter *f, size_t offset, size_t limit,
		struct event **out, size_t *n, long *total);
/* Every event, newest first (the staff list, the feed: all == 1). */
int events_all(struct store *s, arena *a, struct event **out, size_t *n);
int events_get(struct store *s, arena *a, int64_t id, struct event *out);
/* Its organisers and partners. */
int events_orgs(struct store *s, arena *a, int64_t id, struct event_org **out, size_t *n);
/* Insert (e->id 0: *new_id gets the id) or update e, with its organisers
 * (orgs[0..norgs)), in one transaction. ST_NOTFOUND: no such event. */
int events_save(struct store *s, const struct event *e, const struct event_org *orgs, size_t norgs,
		int64_t *new_id);
int events_set_cancelled(struct store *s, int64_t id, int cancelled);

/* Register for event id: confirmed while there is room, else on the
 * waiting list. token receives the personal link's token (43 characters,
 * 256 random bits); only its hash is stored. ST_OK, ST_CONFLICT (the
 * address is registered already), ST_NOTFOUND, ST_ERR. */
int events_register(struct store *s, int64_t id, const char *name, const char *email, const char *org,
		    const char *lang, char token[44], const char **status);
/* The registration of token, with its waiting-list position. */
int events_reg_by_token(struct store *s, arena *a, const char *token, struct event_reg *out);
/* Cancel the registration of token; when it held a place, the first on
 * the waiting list moves up. ST_OK, ST_NOTFOUND (none, or cancelled). */
int events_reg_cancel(struct store *s, const char *token);
/* The registrations of an event in order (confirmed and waiting first). */
int events_regs(struct store *s, arena *a, int64_t id, struct event_reg **out, size_t *n);

/* Mark registration reg of event id present (1) or not present (0) on
 * the day; a cancelled one cannot be. ST_OK, ST_NOTFOUND (no such
 * registration of the event, or cancelled), ST_ERR. */
int events_reg_attend(struct store *s, int64_t id, int64_t reg, int present);

/* A decision or an action item of an event's minutes. */
struct event_item {
	int64_t id, event_id;
	const char *kind;         /* "decision" or "action" */
	const char *text, *who;   /* who: "" for a decision */
	const char *due;          /* "YYYY-MM-DD" (action items), else NULL */
	int done;
	const char *event_title, *event_starts_at; /* from events_actions */
};
/* Save the minutes of event id. ST_NOTFOUND: no such event. */
int events_minutes_save(struct store *s, int64_t id, const char *md);
/* The decisions and action items of event id, in the order written. */
int events_items(struct store *s, arena *a, int64_t id, struct event_item **out, size_t *n);
/* Add one (due NULL for a decision). ST_NOTFOUND: no such event. */
int events_item_add(struct store *s, int64_t id, const char *kind, const char *text, const char *who,
		    const char *due);
/* Change decision or action item item of event id (due NULL for a
 * decision; a decision is never done). ST_NOTFOUND: not one of the event. */
int events_item_update(struct store *s, int64_t id, int64_t item, const char *kind, const char *text,
		       const char *who, const char *due);
/* Delete item of event id. ST_NOTFOUND: not one of the event. */
int events_item_delete(struct store *s, int64_t id, int64_t item);
/* Tick an action item of event id off (done 1) or on again. ST_NOTFOUND. */
int events_item_done(struct store *s, int64_t id, int64_t item, int done);
/* The action items of every event, open ones by due date first (all 0:
 * only the open ones), with their event's title and start. */
int events_actions(struct store *s, arena *a, int all, struct event_item **out, size_t *n);

/* How many months after an event its registrants' personal data are
 * kept: LOTSE_EVENTS_KEEP_MONTHS, else EVENTS_KEEP_MONTHS. */
#define EVENTS_KEEP_MONTHS 6
int events_keep_months(void);
/* Erase name, e-mail and organisation of the registrations of events that
 * ended more than months before now, with an audit row (their number),
 * in one transaction; *erased gets the number. ST_OK or ST_ERR. */
int events_expire(struct store *s, int64_t now, int months, long *erased);

/* ---- iCalendar (ical.c; RFC 5545) ---- */

/* Append text escaped as an iCalendar TEXT value (\\ \; \, \n). */
void events_ical_escape(buf *b, const char *s);
/* Append one content line: name, ':', value (already escaped), folded so
 * that no line passes 75 octets (never inside a UTF-8 character), CRLF. */
void events_ical_line(buf *b, const char *name, const char *value);
/* A VCALENDAR of events[0..n) with the VTIMEZONE of Europe/Berlin; base
 * is the site's address for URL; dtstamp "YYYYMMDDTHHMMSSZ". */
void events_ical(buf *b, arena *a, const char *base, const struct event *events, size_t n, const char *dtstamp);

/* ---- panel.c: the events' cards of the staff dashboard (see
 * staff/staff.h): upcoming events, open tasks. The number written, or -1
 * when a read failed. ---- */
struct layout_card;
int events_staff_panel(struct req *r, struct layout_card *out);

/* ---- demo.c ---- */
int events_demo_load(struct store *s, char *err, size_t errlen);

/* ---- handlers (routes.c: public; staff.c: staff area) ---- */
void events_public_list(struct req *r, struct resp *w);    /* GET /veranstaltungen */
void events_public_archive(struct req *r, struct resp *w); /* GET /veranstaltungen/archiv */
void events_public_page(struct req *r, struct resp *w);    /* GET /veranstaltungen/{id} (or {id}.ics) */
void events_public_feed(struct req *r, struct resp *w);    /* GET /veranstaltungen.ics */
void events_public_register(struct req *r, struct resp *w);   /* POST /veranstaltungen/{id}/anmeldung */
void events_public_reg(struct req *r, struct resp *w);        /* GET /veranstaltungen/anmeldung/{token} */
void events_public_reg_cancel(struct req *r, struct resp *w); /* POST .../anmeldung/{token}/abmelden */

void events_staff_list(struct req *r, struct resp *w);     /* GET /intern/veranstaltungen */
void events_staff_new(struct req *r, struct resp *w);      /* GET /intern/veranstaltungen/neu */
void events_staff_create(struct req *r, struct resp *w);   /* POST /intern/veranstaltungen/neu */
void events_staff_edit(struct req *r, struct resp *w);     /* GET /intern/veranstaltungen/{id} */
void events_staff_save(struct req *r, struct resp *w);     /* POST /intern/veranstaltungen/{id} */
void events_staff_cancel(struct req *r, struct resp *w);   /* POST .../{id}/absagen */
void events_staff_attendance(struct req *r, struct resp *w); /* GET .../{id}/anwesenheit */
void events_staff_csv(struct req *r, struct resp *w);      /* GET .../{id}/anmeldungen.csv */
/* attendance.c: ticking registrants off on the day, one button a person. */
void events_staff_checkin(struct req *r, struct resp *w);     /* GET .../{id}/einlass */
void events_staff_checkin_set(struct req *r, struct resp *w); /* POST .../{id}/einlass/{reg} (da=1|0) */
/* minutes.c: the minutes, their decisions and action items, and the list
 * of action items across events. */
void events_minutes_save_form(struct req *r, struct resp *w); /* POST .../{id}/protokoll */
void events_item_add_form(struct req *r, struct resp *w);     /* POST .../{id}/punkte */
void events_item_done_form(struct req *r, struct resp *w);    /* POST .../{id}/punkte/{item}/erledigt */
void events_item_edit_form(struct req *r, struct resp *w);    /* GET, POST .../{id}/punkte/{item} */
void events_item_delete_form(struct req *r, struct resp *w);  /* POST .../{id}/punkte/{item}/loeschen */
void events_actions_list(struct req *r, struct resp *w);      /* GET /intern/aufgaben */

#endif
