/* fields.h — the recurring shapes of forms and their messages, one writer
 * each: the labelled control with its hint and error, the error summary
 * at the top of a form, the confirmation after a change, the CSRF field.
 *
 * A control named NAME has the id f-NAME (unless given another), its hint
 * the id f-NAME-hint and its error f-NAME-err; the control is described by
 * the error first, then the hint (aria-describedby), and marked
 * aria-invalid while it has an error. The error summary links to the
 * controls by these ids. */
#ifndef LOTSE_HTML_FIELDS_H
#define LOTSE_HTML_FIELDS_H

#include "html/html.h"
#include "http/form.h"
#include "http/http.h"

/* The hidden CSRF field of a form that changes something: r->csrf, which
 * auth_authorize sets for a signed-in user (and auth_csrf_token for a
 * form before signing in). */
void fields_csrf(html *h, const struct req *r);
/* The button that ticks an action item off or opens it again: a form of
 * its own posting done=1 (done=0 when done already) and, when back is not
 * NULL, zurueck=back to action, with the CSRF field. */
void fields_done_button(html *h, struct req *r, const char *action, int done, const char *back);

/* The error summary with one sentence: text (translated) in a box that
 * screen readers announce and that takes the focus. NULL: nothing. */
void fields_alert(html *h, const char *text);

/* The same with a heading (translated) above the sentence. */
void fields_alert_heading(html *h, const char *heading, const char *text);

/* A confirmation that something was done (translated), announced
 * politely. NULL: nothing. */
void fields_notice(html *h, const char *text);

/* A save refused because someone else saved the record after this form
 * was opened (409): what the other person saved beside what this person
 * typed, field by field, above the form that still holds this person's
 * input. All texts translated; who and at (a formatted time) may be NULL. */
struct fields_conflict {
	const char *heading;                 /* e.g. "Jemand anderes hat dieses Angebot geändert" */
	const char *who, *at;                /* the other person's save */
	const char *const *label;            /* the fields that differ ... */
	const char *const *theirs, *const *yours; /* ... and their two values (lines) */
	size_t n;
	const char *reload;                  /* URL of the form of the stored version */
	const char *again;                   /* the form's button, named in the advice */
};
void fields_conflict(html *h, struct req *r, const struct fields_conflict *c);

/* ---- the labelled control ---- */

struct fields_in {
	const char *name;         /* the name the form sends */
	const char *id;           /* NULL: "f-" name */
	const char *label;        /* translated */
	const char *hint;         /* translated, or NULL */
	const char *value;        /* shown again as entered or stored; NULL: empty */
	const char *err;          /* msgid of the problem (or a text already translated), or NULL */
	const char *type;         /* input: NULL "text"; "number" is a text input with the
				   * numeric keyboard (what was entered is shown again as it was) */
	const char *autocomplete; /* NULL: none */
	const char *accept;       /* type "file": the types it takes */
	const char *cls;          /* more classes of the wrapper ("field"; checkbox "field-check") */
	const char *ctl_cls;      /* classes of the control itself */
	const char *ctl_lang;     /* input, textarea: the language of what is typed there (a translation of
				   * an offer), marked with its direction; NULL: the page's */
	const char *link, *link_href; /* checkbox: a link after the label's text (translated) */
	size_t maxlen;            /* in characters; 0: 200 (input but a file, textarea) */
	int required;             /* required, and "(Pflichtfeld)" in the label */
	int unmarked;             /* required without the mark: a confirmation box, the sign-in */
	int rows;                 /* textarea; 0: 4 */
};

/* The name, length and need of a declared field, with its value and its
 * error (a msgid or NULL); the caller adds label, hint and the rest. */
struct fields_in fields_of(const struct field *d, const char *value, const char *err);

/* A labelled <input>, its hint and its error. */
void fields_input(html *h, struct req *r, const struct fields_in *in);
/* A labelled <textarea> (in->rows), its hint and its error. */
void fields_textarea(html *h, struct req *r, const struct fields_in *in);
/* A labelled <select>: values[i] shown as labels[i] (translated), the one
 * equal to in->value selected; first an option with the value "" and the
 * text empty (translated) unless empty is NULL. */
void fields_select(html *h, struct req *r, const struct fields_in *in, const char *empty,
		   const char *const *values, const char *const *labels, size_t n);
/* The picker of a record by its name: a <select> of ids shown as
 * "name (place)" ("name" when place is "" or places NULL), which works
 * without JavaScript and is the phone's own list picker; the value sent
 * is the id. For the providers of a partner account, an event's
 * organisers and partners, its place among the directory's locations. */
void fields_pick(html *h, struct req *r, const struct fields_in *in, const char *empty, const char *const *ids,
		 const char *const *names, const char *const *places, size_t n);
/* A checkbox (value "1") with its label after it, its hint and its error. */
void fields_checkbox(html *h, struct req *r, const struct fields_in *in, int checked);

/* ---- the error summary with the fields in error ---- */

/* The summary of a declared form f: a heading and a link to each field
 * of defs with an error and a label (labels[i] translated; NULL: not
 * listed). Nothing when f is NULL or has no error. */
void fields_summary(html *h, struct req *r, const struct field *defs, const struct form *f,
		    const char *const *labels);

/* The same in parts, for errors outside one declared form: begin writes
 * the box, the heading (translated; NULL: "Bitte prüfen Sie Ihre
 * Eingaben"), text (translated, or NULL) and opens the list; item links
 * "label: error" to the control named name (nothing when err is NULL);
 * link links text to the element with the id anchor; end closes it all. */
void fields_summary_begin(html *h, struct req *r, const char *heading, const char *text);
void fields_summary_item(html *h, struct req *r, const char *name, const char *label, const char *err);
void fields_summary_link(html *h, struct req *r, const char *anchor, const char *text);
void fields_summary_end(html *h);

#endif
