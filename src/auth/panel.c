/* panel.c — the accounts' part of the staff dashboard: users and the
 * audit log (for those whose role opens them). */
#include "auth/auth.h"
#include "core/i18n.h"
#include "html/layout.h"

int auth_staff_panel(struct req *r, struct layout_card *out)
{
	int n = 0;
	out[n++] = (struct layout_card){ T(r, "Benutzer"), T(r, "Konten anlegen, Rollen vergeben, Konten sperren."),
					"/intern/benutzer", T(r, "Benutzer verwalten") };
	out[n++] = (struct layout_card){ T(r, "Protokoll"), T(r, "Anmeldungen und Zugriffe auf personenbezogene Daten."),
					"/intern/protokoll", T(r, "Protokoll ansehen") };
	return n;
}
