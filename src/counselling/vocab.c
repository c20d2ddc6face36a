/* vocab.c — the counselling model's fixed vocabularies (as stored, with
 * their German labels) and its pure rules: age bands, the referral flow,
 * days. No I/O. */
#include "counselling/counselling_internal.h"
#include "core/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *const counsel_purposes[CP__COUNT + 1] = { "counselling", "referral", "contact", "statistics", NULL };
const char *const counsel_purpose_labels[] = { N_("Beratung"), N_("Vermittlung an den Träger"),
					       N_("Kontakt durch den Träger"), N_("Anonyme Statistik"), NULL };

const char *const counsel_age_bands[] = { "14-15", "16-17", "18-20", "21-24", "25-27", NULL };
const char *const counsel_age_band_labels[] = { N_("14–15 Jahre"), N_("16–17 Jahre"), N_("18–20 Jahre"),
						N_("21–24 Jahre"), N_("25–27 Jahre"), NULL };
const char *const counsel_levels[] = { "A1", "A2", "B1", "B2", "C1", "C2", NULL };

const char *const counsel_forms[] = { "person", "phone", "video", "messenger", NULL };
const char *const counsel_form_labels[] = { N_("persönlich"), N_("Telefon"), N_("Video"), N_("Messenger"), NULL };

/* The counselling model's structure. */
const char *const counsel_phases[] = { "first", "competence", "orientation", "application", "start", "support", NULL };
const char *const counsel_phase_labels[] = { N_("Erstgespräch"), N_("Kompetenzfeststellung"),
					     N_("Berufsorientierung"), N_("Bewerbung"), N_("Einstieg"),
					     N_("Begleitung in der Ausbildung"), NULL };

const char *const counsel_whos[] = { "young", "counsellor", "guardian", "provider", NULL };
const char *const counsel_who_labels[] = { N_("der junge Mensch"), N_("Beratung"), N_("Erziehungsberechtigte"),
					   N_("Träger"), NULL };

const char *const counsel_statuses[] = { "proposed", "sent", "accepted", "started", "completed", "declined",
					 "dropped", NULL };
const char *const counsel_status_labels[] = { N_("vorgeschlagen"), N_("gesendet"), N_("angenommen"),
					      N_("begonnen"), N_("abgeschlossen"), N_("abgelehnt"),
					      N_("abgebrochen"), NULL };

const char *const counsel_results[] = { "apprenticeship", "eq", "school", "job", "studies", "none", "unknown", NULL };
const char *const counsel_result_labels[] = { N_("Ausbildung begonnen"),
					      N_("Einstiegsqualifizierung oder andere Vorbereitung"), N_("Schule"),
					      N_("Arbeit"), N_("Studium"), N_("noch nichts"), N_("unbekannt"), NULL };

const char *const counsel_givers[] = { "self", "guardian", NULL };
const char *const counsel_giver_labels[] = { N_("der junge Mensch selbst"), N_("Erziehungsberechtigte"), NULL };

const char *const counsel_channels[] = { "phone", "email", "messenger", "counsellor", NULL };
const char *const counsel_channel_labels[] = { N_("Telefon"), N_("E-Mail"), N_("Messenger"),
					       N_("über die Beratung"), NULL };

const char *counsel_label(const char *const *values, const char *const *labels, const char *v)
{
	for (size_t i = 0; v && values[i]; i++)
		if (strcmp(values[i], v) == 0)
			return labels[i];
	return v ? v : "";
}

int counsel_age_range(const char *band, int *lo, int *hi)
{
	*lo = *hi = 0;
	return band && sscanf(band, "%d-%d", lo, hi) == 2 && *lo > 0 && *hi >= *lo;
}

int counsel_move_allowed(const char *from, const char *to, int provider)
{
	static const struct {
		const char *from, *to;
		int provider; /* who may: 0 the counsellor, 1 the provider */
	} moves[] = {
		{ "proposed", "sent", 0 },     { "proposed", "dropped", 0 }, { "sent", "dropped", 0 },
		{ "sent", "accepted", 1 },     { "sent", "declined", 1 },    { "accepted", "started", 1 },
		{ "accepted", "dropped", 1 },  { "started", "completed", 1 }, { "started", "dropped", 1 },
		{ "accepted", "dropped", 0 },  { "started", "dropped", 0 },
	};
	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++)
		if (strcmp(moves[i].from, from) == 0 && strcmp(moves[i].to, to) == 0 && moves[i].provider == provider)
			return 1;
	return 0;
}

void counsel_today(int64_t now, char out[11])
{
	time_t t = (time_t)now;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void counsel_day_add(const char *day, int days, char out[11])
{
	struct tm tm = { 0 };
	if (sscanf(day, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3) {
		snprintf(out, 11, "%s", day);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += days;
	tm.tm_hour = 12;
	time_t t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int counsel_day_valid(const char *s)
{
	int y, m, d;
	char tail;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || strspn(s, "0123456789") != 4 ||
	    strspn(s + 5, "0123456789") != 2 || strspn(s + 8, "0123456789") != 2 ||
	    sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return 0;
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
		return 0;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] && !(m == 2 && d == 29 && !leap);
}

int counsel_case_due(const struct counsel_case *c, const char *today)
{
	return strcmp(c->status, "open") == 0 && c->next_follow_up && strcmp(c->next_follow_up, today) <= 0;
}

int counsel_case_quiet(const struct counsel_case *c, const char *today)
{
	char limit[11];
	counsel_day_add(today, -COUNSEL_QUIET_DAYS, limit);
	return strcmp(c->status, "open") == 0 && (!c->last_contact || strcmp(c->last_contact, limit) < 0);
}

long counsel_days_between(const char *from, const char *to)
{
	struct tm a = { 0 }, b = { 0 };
	if (sscanf(from, "%d-%d-%d", &a.tm_year, &a.tm_mon, &a.tm_mday) != 3 ||
	    sscanf(to, "%d-%d-%d", &b.tm_year, &b.tm_mon, &b.tm_mday) != 3)
		return -1;
	a.tm_year -= 1900, b.tm_year -= 1900, a.tm_mon--, b.tm_mon--;
	return (long)((timegm(&b) - timegm(&a)) / 86400);
}

const char *const counsel_residences[] = { "citizen", "eu", "settled", "permit", "asylum", "tolerated", "unclear",
					   NULL };
const char *const counsel_residence_labels[] = { N_("deutsche Staatsangehörigkeit"), N_("EU-Freizügigkeit"),
						 N_("Niederlassungserlaubnis oder Daueraufenthalt"),
						 N_("Aufenthaltserlaubnis"),
						 N_("Aufenthaltsgestattung (Asylverfahren)"), N_("Duldung"),
						 N_("ungeklärt"), NULL };

int counsel_residence_on(void)
{
	const char *v = getenv("LOTSE_COUNSEL_RESIDENCE");
	return v && strcmp(v, "1") == 0;
}
