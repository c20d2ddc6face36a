/* routes.c — every URL lotse answers, with its permission and CSRF need.
 *
 * To add a page: write the handler in its module, add one line here.
 * Order matters only where patterns overlap: the first match wins, so
 * literal paths come before "{}" catch-alls. */
#include "routes.h"
#include "auth/auth.h"
#include "http/static.h"
#include "site/site.h"
#include "staff/staff.h"

#define GET HTTP_GET
#define POST HTTP_POST

const struct route app_routes[] = {
	/* public website */
	{ GET, "/", site_home, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/kontakt", site_contact_form, PERM_PUBLIC, CSRF_EXEMPT },
	/* A public form without a session: nothing to ride on, so no token;
	 * abuse is met by the honeypot and the rate limit. */
	{ POST, "/kontakt", site_contact_send, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/kontakt/danke", site_contact_thanks, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/healthz", site_healthz, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/robots.txt", site_robots, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/sitemap.xml", site_sitemap, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/favicon.ico", site_favicon, PERM_PUBLIC, CSRF_EXEMPT },
	{ GET, "/static/{}", static_handle, PERM_PUBLIC, CSRF_EXEMPT },
	/* accounts; the login form carries the anonymous pre-session token */
	{ GET, "/login", auth_login_form, PERM_PUBLIC, CSRF_EXEMPT },
	{ POST, "/login", auth_login, PERM_PUBLIC, CSRF_CHECK },
	{ POST, "/logout", auth_logout, PERM_STAFF, CSRF_CHECK },
	/* staff area */
	{ GET, "/intern", staff_dashboard, PERM_STAFF, CSRF_EXEMPT },
	/* content pages by slug: last, it matches any one-segment path */
	{ GET, "/{}", site_page, PERM_PUBLIC, CSRF_EXEMPT },
};

const size_t app_routes_count = sizeof(app_routes) / sizeof(app_routes[0]);

int app_authorize(struct req *r, const struct route *route, struct resp *w)
{
	return auth_authorize(r, route, w);
}
