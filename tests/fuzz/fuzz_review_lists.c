/* fuzz_review_lists.c — dir_staff_review_own_list, one's own value of a
 * list field in the review (lines back into items), on any text.
 *
 * The first byte picks the list, the rest is the text. The page has a
 * proposal and a current offer with two items in every list, a taxonomy
 * with terms and the provider's places.
 *
 * Properties: never more items than non-empty lines; a language has a
 * code the table knows, a category is one of the taxonomy's, a place one
 * of the provider's (or the offer's), a phone a number, and none of the
 * three twice; the proposal's own lines, as the page shows them, give
 * back exactly its items, without an error. */
#include "fuzz.h"
#include "core/arena.h"
#include "directory/languages.h"
#include "directory/staff/staff_internal.h"

static struct dir_term terms[] = {
	{ "11111111-0000-4000-8000-000000000001", "beratung", "Beratung", "t1", "angebotsart" },
	{ "11111111-0000-4000-8000-000000000002", "kurs", "Kurs", "t1", "angebotsart" },
	{ "11111111-0000-4000-8000-000000000003", "schule", "Schule", "t2", "phase" },
};
static struct dir_taxonomy tax[] = {
	{ .id = "t1", .code = "angebotsart", .name = "Angebotsart", .terms = terms, .n_terms = 2 },
	{ .id = "t2", .code = "phase", .name = "Phase", .terms = terms + 2, .n_terms = 1 },
};
static struct dir_location locs[] = {
	{ .id = "22222222-0000-4000-8000-000000000001", .name = "Haus am Markt" },
	{ .id = "22222222-0000-4000-8000-000000000002", .name = "", .address = { .address_1 = "Rathausplatz 5" } },
	{ .id = "22222222-0000-4000-8000-000000000003", .name = "Jugendhaus" },
};
static struct dir_phone phones[] = { { "p1", "06131 123456", "12", "voice", "Zentrale" },
				     { "p2", "0171 555", NULL, "cell", NULL } };
static struct dir_contact contacts[] = { { "c1", "Frau Adler", "Leitung", NULL, "adler@example.org" },
					 { "c2", NULL, NULL, NULL, "info@example.org" } };
static struct dir_cost costs[] = { { .id = "k1", .option = "Kurs", .currency = "EUR", .amount = 12.5, .has_amount = 1 },
				   { .id = "k2", .option = "Material" } };
static const char *funding[] = { "ESF Plus", "Land" };
static struct dir_language langs[] = { { "l1", "ar", "Arabisch", "" }, { "l2", "uk", "Ukrainisch", "" } };
static struct dir_schedule times[] = { { .id = "s1", .description = "Montags", .byday = "MO", .opens_at = "09:00",
					 .closes_at = "12:00", .interval = -1 },
				       { .id = "s2", .description = "nach\nAbsprache", .interval = -1 } };
static struct dir_area areas[] = { { .id = "a1", .name = "Stadt Mainz" }, { .id = "a2", .name = "Kreis" } };

static void fill(struct dir_service *s, size_t from)
{
	memset(s, 0, sizeof(*s));
	s->phones = phones, s->n_phones = 2;
	s->contacts = contacts, s->n_contacts = 2;
	s->costs = costs, s->n_costs = 2;
	s->funding = funding, s->n_funding = 2;
	s->languages = langs, s->n_languages = 2;
	s->terms = terms + from, s->n_terms = 2;
	s->locations = locs + from, s->n_locations = 2;
	s->schedules = times, s->n_schedules = 2;
	s->areas = areas, s->n_areas = 2;
}

static int known_location(const struct dir_location *l)
{
	for (size_t i = 0; i < NELEM(locs); i++)
		if (strcmp(locs[i].id, l->id) == 0)
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	arena *a = arena_new();
	struct req r = { .a = a, .lang = "de" };
	struct dir_service proposed, current;
	fill(&proposed, 0);
	fill(&current, 1);
	struct dir_staff_review_page v = { .proposed = &proposed, .current = &current, .tax = tax, .n_tax = 2,
					   .locs = locs, .n_locs = 3 };
	enum dir_staff_item_list l = size ? (enum dir_staff_item_list)(data[0] % DI__N) : DI_PHONES;
	char *text = fuzz_cstr(size ? data + 1 : data, size ? size - 1 : 0);
	void *items;
	size_t n;
	dir_staff_review_own_list(&r, &v, l, text, &items, &n);
	size_t lines = 0;
	for (const char *p = text; *p;) {
		size_t k = strcspn(p, "\r\n");
		size_t blank = strspn(p, " \t");
		lines += blank < k;
		p += k;
		p += strspn(p, "\r\n");
	}
	FUZZ_CHECK(n <= lines);
	for (size_t i = 0; i < n; i++) {
		if (l == DI_LANGUAGES) {
			const struct dir_language *x = (const struct dir_language *)items + i;
			FUZZ_CHECK(x->code && dir_language_name(x->code, "de"));
			for (size_t k = 0; k < i; k++)
				FUZZ_CHECK(strcmp(((const struct dir_language *)items)[k].code, x->code) != 0);
		} else if (l == DI_TERMS) {
			const struct dir_term *x = (const struct dir_term *)items + i;
			FUZZ_CHECK(x >= (const struct dir_term *)items && x->id && strncmp(x->id, "11111111", 8) == 0);
			for (size_t k = 0; k < i; k++)
				FUZZ_CHECK(strcmp(((const struct dir_term *)items)[k].id, x->id) != 0);
		} else if (l == DI_LOCATIONS) {
			const struct dir_location *x = (const struct dir_location *)items + i;
			FUZZ_CHECK(known_location(x));
			for (size_t k = 0; k < i; k++)
				FUZZ_CHECK(strcmp(((const struct dir_location *)items)[k].id, x->id) != 0);
		} else if (l == DI_PHONES) {
			FUZZ_CHECK(((const struct dir_phone *)items)[i].number != NULL);
		}
	}
	/* the proposal's lines give back its items */
	const char *shown = "";
	for (size_t k = 0; k < dir_staff_offer_items(&proposed, l); k++)
		shown = arena_printf(a, "%s%s%s", shown, k ? "\n" : "",
				     dir_staff_offer_item(&r, &proposed, l, k, tax, 2, locs, 3));
	FUZZ_CHECK(dir_staff_review_own_list(&r, &v, l, shown, &items, &n) == NULL);
	FUZZ_CHECK(n == dir_staff_offer_items(&proposed, l));
	free(text);
	arena_free(a);
	return 0;
}
