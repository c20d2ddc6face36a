/* public.h — the public pages of one offer (/angebote/ID) and one
 * provider (/traeger/ID): handlers named in src/routes.c, and their views
 * (public_views.c, internal to src/directory). */
#ifndef LOTSE_DIR_PUBLIC_H
#define LOTSE_DIR_PUBLIC_H

#include "directory/directory.h"
#include "http/http.h"

/* GET /angebote/{}: the offer page; ?druck=1 gives the print view.
 * Unknown, archived, merged or malformed ids (and offers of an archived
 * provider) are 404. */
void dir_public_offer(struct req *r, struct resp *w);
/* GET /traeger/{}: the provider page with its public offers. */
void dir_public_org(struct req *r, struct resp *w);

/* Views. sv and o were read with DIR_PUBLIC, so they hold no
 * confidential location; print selects the print-friendly frame. */
void dir_view_offer(struct req *r, struct resp *w, const struct dir_service *sv, int print);
void dir_view_org(struct req *r, struct resp *w, const struct dir_org *o, const struct dir_service *offers,
		  size_t n_offers);

#endif
