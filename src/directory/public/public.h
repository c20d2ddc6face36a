/* public.h — the public pages of src/directory/public/: one offer
 * (/angebote/ID) and one provider (/traeger/ID) (routes.c, views in
 * views.c), and the offer finder /angebote (finder.c, its view in
 * finder_views.c). Handlers named in src/routes.c. */
#ifndef LOTSE_DIRECTORY_PUBLIC_H
#define LOTSE_DIRECTORY_PUBLIC_H

#include "http/http.h"

/* GET /angebote/{}: the offer page; ?druck=1 gives the print view.
 * Unknown, archived, merged or malformed ids (and offers of an archived
 * provider) are 404. */
void dir_public_offer(struct req *r, struct resp *w);
/* GET /traeger/{}: the provider page with its public offers. */
void dir_public_org(struct req *r, struct resp *w);

/* GET /merkliste?ids=ID,ID,...: the offers a visitor keeps, without an
 * account: the list is the link (shareable, printable); static/merkliste.js
 * keeps it in the browser too. Ids that are not offer ids are reported and
 * left out, offers no longer public are counted; at most
 * DIR_PUBLIC_KEEP_MAX. */
void dir_public_keep(struct req *r, struct resp *w);

/* GET /angebote?q=&phase=&art=&gruppe=&ort=&sprache=&alter=&kostenlos=1&plz=&umkreis=&seite=
 * Every parameter narrows the result (AND). Bad values get a message at
 * their field (422) and are left out of the search; never a 500. */
void dir_public_finder(struct req *r, struct resp *w);

/* GET /angebote/karte?...: the finder's query (the same parameters, the
 * same validation) with the current page's offers on a map drawn by lotse
 * (map.c, map_page.c), numbered as in the list, and their places as a
 * list beside it. */
void dir_public_finder_map(struct req *r, struct resp *w);

/* The origin ("https://host[:port]") of the map tile server the operator
 * set in LOTSE_MAP_TILES, for the images the CSP allows; NULL when it is
 * not set or not a usable template (then maps have no tiles). Owned by a. */
const char *dir_public_map_tile_origin(arena *a);

#endif
