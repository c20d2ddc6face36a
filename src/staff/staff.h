/* staff.h — the staff area under /intern: the dashboard that shows each
 * role what is waiting for it. */
#ifndef LOTSE_STAFF_H
#define LOTSE_STAFF_H

#include "http/http.h"

void staff_dashboard(struct req *r, struct resp *w); /* GET /intern */

#endif
