/* form.h — declared inputs and their validation.
 *
 * Each form (or query) is a static table of fields indexed by an enum.
 * form_validate() reads only declared names, checks each value, and
 * gives the handler either the cleaned value or a message at the field.
 * Messages are German msgids; the view translates them. */
#ifndef LOTSE_FORM_H
#define LOTSE_FORM_H

#include "core/core.h"
#include "http/http.h"

enum field_kind {
	FIELD_TEXT = 1,  /* one line: no control characters */
	FIELD_MULTILINE, /* text with line breaks and tabs */
	FIELD_EMAIL,     /* local@domain.tld, one line */
	FIELD_CHECKBOX,  /* present = "1", absent = NULL */
	FIELD_HONEYPOT,  /* must be absent or empty */
	FIELD_INT,       /* decimal integer in [min, max] */
	FIELD_CHOICE,    /* one of choices[] */
};

enum {
	FIELD_REQUIRED = 1 << 0,
};

struct field {
	const char *name;
	enum field_kind kind;
	unsigned flags;
	size_t maxlen;              /* in characters (code points); 0 = 200 */
	long long min, max;         /* FIELD_INT */
	const char *const *choices; /* FIELD_CHOICE: NULL-terminated */
};

#define FORM_MAX_FIELDS 32

struct form {
	size_t n;
	const char *val[FORM_MAX_FIELDS]; /* cleaned value or NULL when absent/empty */
	long long num[FORM_MAX_FIELDS];   /* FIELD_INT value */
	const char *err[FORM_MAX_FIELDS]; /* msgid of the problem, or NULL */
	int nerr;
	int honeypot;                     /* a honeypot field was filled */
};

/* Validate the declared fields against src (r->form or r->query). Values
 * are trimmed; empty counts as absent. Returns the number of fields with
 * errors (0 = all valid). Entered text is kept in val even when it has an
 * error, so the form can be shown again with it. */
int form_validate(struct req *r, const struct kvlist *src, const struct field *fields,
		  size_t n, struct form *out);

/* Trim a value of blank and invisible characters at both ends (spaces,
 * tabs, line ends, no-break and zero-width spaces, direction marks, the
 * word joiner, byte-order marks): *s moves past those at the start; the
 * length without those at the end is returned. form_validate does this to
 * every value; a password read elsewhere (the command line) gets the same. */
size_t form_trim(const char **s, size_t len);

#endif
