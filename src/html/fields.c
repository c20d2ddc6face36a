/* fields.c — the recurring shapes of forms and their messages (fields.h). */
#include "html/fields.h"

void fields_alert(html *h, const char *text)
{
	if (!text)
		return;
	html_open(h, "div", "class", "error-summary", "role", "alert", "tabindex", "-1", NULL);
	html_elem(h, "p", text, NULL);
	html_close(h, "div");
}

void fields_notice(html *h, const char *text)
{
	if (!text)
		return;
	html_open(h, "div", "class", "success", "role", "status", NULL);
	html_elem(h, "p", text, NULL);
	html_close(h, "div");
}

void fields_csrf(html *h, const struct req *r)
{
	html_void(h, "input", "type", "hidden", "name", "csrf", "value", r->csrf, NULL);
}
