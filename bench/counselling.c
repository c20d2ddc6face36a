/* counselling.c — adds N fictional counselling cases to a demo database
 * for bench/counselling.sh, each through the model as the pages write it
 * (a sealed identity, consent, two sessions with sealed notes), owned by
 * the demo account beratung1, and prints how fast that went.
 *
 *   bench_counselling DB N */
#include "auth/auth.h"
#include "core/core.h"
#include "counselling/counselling_internal.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: bench_counselling DB N\n");
		return 2;
	}
	long n = strtol(argv[2], NULL, 10);
	struct store *s;
	char err[600];
	if (store_open(argv[1], STORE_EXISTING, &s, err, sizeof(err)) != ST_OK ||
	    counsel_key_open(s, 0, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "bench_counselling: %s\n", err);
		return 1;
	}
	arena *a = arena_new();
	struct user_row u;
	struct counsel_who who;
	if (auth_user_by_email(s, a, "beratung1@demo.lotse.invalid", &u) != ST_OK ||
	    counsel_who_load(s, u.id, &who) != ST_OK) {
		fprintf(stderr, "bench_counselling: no demo account beratung1 (lotse init --demo)\n");
		return 1;
	}
	char today[11];
	counsel_today(core_now(), today);
	int64_t t0 = core_mono_us();
	struct store_tx tx;
	int rc = store_tx_begin(s, &tx);
	for (long i = 0; rc == ST_OK && i < n; i++) {
		char day[11], pseudonym[COUNSEL_PSEUDONYM_LEN + 1];
		counsel_day_add(today, -(int)(i % 400), day);
		struct counsel_case in = { .age_band = counsel_age_bands[i % 5], .languages = "ar,fr", .german_level = "A2",
					   .school_cert = "", .school_country = "", .recognition = "", .stage = "ausbildung",
					   .target_group = "neuzugewanderte", .district = "mainz-neustadt",
					   .needs = "bewerbungstraining", .residence = "", .interests = "Handwerk" };
		struct counsel_identity id = { "Nachname", "Vorname", "0151 000000", "2008-01-01", "" };
		rc = counsel_case_create(s, a, &who, &in, &id, day, pseudonym);
		struct counsel_case c;
		if (rc == ST_OK)
			rc = counsel_case_by_pseudonym(s, a, pseudonym, &c);
		if (rc == ST_OK)
			rc = counsel_consent_give(s, &c, "statistics", "", "self", day, u.id);
		for (int k = 0; rc == ST_OK && k < 2; k++) {
			struct counsel_session v = { .held_on = day, .minutes = 45, .form = "person", .topics = "Bewerbung",
						     .notes = "Gesprächsnotiz mit einigen Sätzen über den Stand der Bewerbungen.",
						     .next_steps = "Unterlagen mitbringen", .follow_up = NULL };
			rc = counsel_session_put(s, a, &c, &v, u.id);
		}
		if (i % 1000 == 999) {
			arena_free(a);
			a = arena_new();
		}
	}
	rc = store_tx_end(s, &tx, rc);
	double secs = (double)(core_mono_us() - t0) / 1e6;
	arena_free(a);
	store_close(s);
	if (rc != ST_OK) {
		fprintf(stderr, "bench_counselling: the cases could not be stored\n");
		return 1;
	}
	printf("added %ld cases (sealed identity, consent, 2 sessions each) in %.2f s: %.0f cases/s\n", n, secs,
	       secs > 0 ? (double)n / secs : 0.0);
	return 0;
}
