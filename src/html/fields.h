/* fields.h — the recurring shapes of forms and their messages, one writer
 * each: the error summary at the top of a form, the confirmation after a
 * change, the CSRF field. */
#ifndef LOTSE_HTML_FIELDS_H
#define LOTSE_HTML_FIELDS_H

#include "html/html.h"
#include "http/http.h"

/* The hidden CSRF field of a form that changes something: r->csrf, which
 * auth_authorize sets for a signed-in user (and auth_csrf_token for a
 * form before signing in). */
void fields_csrf(html *h, const struct req *r);

/* The error summary at the top of a form: text (translated) in a box
 * that screen readers announce and that takes the focus. NULL: nothing. */
void fields_alert(html *h, const char *text);

/* A confirmation that something was done (translated), announced
 * politely. NULL: nothing. */
void fields_notice(html *h, const char *text);

#endif
