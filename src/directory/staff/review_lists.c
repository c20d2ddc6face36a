/* review_lists.c — one's own value of a list field in the review (phone
 * numbers, contacts, costs, funding, languages, categories, places,
 * times, areas): the lines an editor types, one item a line, back into
 * the list. A line as the page shows an item of the proposal or of the
 * offer takes that item with all its details; another line is a new item
 * (a phone number, a name or an e-mail address, a language, category or
 * place by its name, a text). */
#include "directory/staff/staff_internal.h"
#include "directory/languages.h"
#include "core/core.h"
#include "core/i18n.h"

#include <string.h>

/* The items of list l of s and the size of one. */
static const void *items_of(const struct dir_service *s, enum dir_staff_item_list l, size_t *size)
{
	switch (l) {
	case DI_PHONES: *size = sizeof(*s->phones); return s->phones;
	case DI_CONTACTS: *size = sizeof(*s->contacts); return s->contacts;
	case DI_COSTS: *size = sizeof(*s->costs); return s->costs;
	case DI_FUNDING: *size = sizeof(*s->funding); return s->funding;
	case DI_LANGUAGES: *size = sizeof(*s->languages); return s->languages;
	case DI_TERMS: *size = sizeof(*s->terms); return s->terms;
	case DI_LOCATIONS: *size = sizeof(*s->locations); return s->locations;
	case DI_SCHEDULES: *size = sizeof(*s->schedules); return s->schedules;
	case DI_AREAS: *size = sizeof(*s->areas); return s->areas;
	default: *size = 1; return NULL;
	}
}

/* The code of a language named by line: "Arabisch (ar)" as the page
 * shows it, a name, or a code; NULL when unknown. */
static const char *language(struct req *r, const char *line)
{
	size_t n = strlen(line);
	const char *open = strrchr(line, '(');
	if (open && n > 2 && line[n - 1] == ')') {
		const char *code = dir_language_code(open + 1, (size_t)(line + n - 1 - (open + 1)), r->lang);
		if (code)
			return code;
	}
	return dir_language_code(line, n, r->lang);
}

/* A new item of list l from line into out (zeroed, room for one);
 * NULL, or a msgid when line names nothing the list can hold. */
static const char *new_item(struct req *r, const struct dir_staff_review_page *v, enum dir_staff_item_list l,
			    const char *line, void *out)
{
	switch (l) {
	case DI_PHONES: {
		const char *err = dir_staff_lists[DL_PHONE].cols[0].check(line);
		*(struct dir_phone *)out = (struct dir_phone){ .number = line, .type = "voice" };
		return err;
	}
	case DI_CONTACTS:
		if (strchr(line, '@') && !strchr(line, ' '))
			*(struct dir_contact *)out = (struct dir_contact){ .email = line };
		else
			*(struct dir_contact *)out = (struct dir_contact){ .name = line };
		return NULL;
	case DI_COSTS: *(struct dir_cost *)out = (struct dir_cost){ .option = line, .currency = "EUR" }; return NULL;
	case DI_FUNDING: *(const char **)out = line; return NULL;
	case DI_LANGUAGES: {
		const char *code = language(r, line), *name = code ? dir_language_name(code, "de") : NULL;
		if (!code)
			return N_("Eine Zeile nennt keine Sprache, die lotse kennt. Bitte schreiben Sie den Namen der "
				  "Sprache, z. B. „Albanisch“.");
		*(struct dir_language *)out = (struct dir_language){ NULL, code, name ? name : "", "" };
		return NULL;
	}
	case DI_TERMS:
		for (size_t x = 0; x < v->n_tax; x++)
			for (size_t k = 0; k < v->tax[x].n_terms; k++) {
				const struct dir_term *t = &v->tax[x].terms[k];
				if (strcmp(t->name, line) == 0 ||
				    strcmp(i18n_fill(r->a, T(r, "{1}: {2}"), v->tax[x].name, t->name, NULL), line) == 0) {
					*(struct dir_term *)out = *t;
					return NULL;
				}
			}
		return N_("Eine Zeile nennt keine Kategorie, die es gibt. Bitte schreiben Sie die Kategorie, wie "
			  "die Liste sie nennt, z. B. „Angebotsart: Beratung“.");
	case DI_LOCATIONS:
		for (size_t k = 0; k < v->n_locs; k++)
			if (strcmp(v->locs[k].name ? v->locs[k].name : "", line) == 0 ||
			    (v->locs[k].address.address_1 && strcmp(v->locs[k].address.address_1, line) == 0)) {
				*(struct dir_location *)out = v->locs[k];
				return NULL;
			}
		return N_("Eine Zeile nennt keinen Standort des Trägers. Bitte schreiben Sie den Namen eines seiner "
			  "Standorte.");
	case DI_SCHEDULES:
		*(struct dir_schedule *)out = (struct dir_schedule){ .description = line, .interval = -1 };
		return NULL;
	case DI_AREAS: *(struct dir_area *)out = (struct dir_area){ .name = line }; return NULL;
	default: return N_("Bitte prüfen Sie die Werte, die Sie selbst eingetragen haben.");
	}
}

/* Is the item at p already among the n items of out (the same language,
 * category or place twice)? */
static int twice(enum dir_staff_item_list l, const char *out, size_t n, size_t size, const void *p)
{
	for (size_t i = 0; i < n; i++) {
		const void *q = out + i * size;
		if ((l == DI_LANGUAGES && strcmp(((const struct dir_language *)q)->code,
						 ((const struct dir_language *)p)->code) == 0) ||
		    (l == DI_TERMS && strcmp(((const struct dir_term *)q)->id, ((const struct dir_term *)p)->id) == 0) ||
		    (l == DI_LOCATIONS &&
		     strcmp(((const struct dir_location *)q)->id, ((const struct dir_location *)p)->id) == 0))
			return 1;
	}
	return 0;
}

const char *dir_staff_review_own_list(struct req *r, const struct dir_staff_review_page *v, enum dir_staff_item_list l,
				  const char *text, void **items, size_t *n)
{
	size_t size;
	items_of(v->proposed, l, &size);
	/* at most one item a line; a line ends at \r or \n, as in the loop below */
	size_t lines = 1;
	for (const char *p = text; *p; p++)
		lines += *p == '\n' || *p == '\r';
	char *out = arena_alloc(r->a, (lines + 1) * size);
	const struct dir_service *from[] = { v->proposed, v->current };
	const char *err = NULL;
	*n = 0;
	for (const char *p = text; *p;) {
		size_t k = strcspn(p, "\r\n");
		size_t lead = strspn(p, " \t");
		lead = lead < k ? lead : k;
		while (k > lead && (p[k - 1] == ' ' || p[k - 1] == '\t'))
			k--;
		const char *line = arena_strndup(r->a, p + lead, k - lead);
		p += strcspn(p, "\r\n");
		p += strspn(p, "\r\n");
		if (!*line)
			continue;
		void *slot = out + *n * size;
		int found = 0;
		for (size_t s = 0; s < NELEM(from) && !found; s++) {
			if (!from[s])
				continue;
			size_t ssize;
			const char *src = items_of(from[s], l, &ssize);
			for (size_t i = 0; i < dir_staff_offer_items(from[s], l) && !found; i++) {
				const char *shown = dir_staff_offer_item(r, from[s], l, i, v->tax, v->n_tax, v->locs,
									 v->n_locs);
				if (strcmp(shown, line) == 0) {
					memcpy(slot, src + i * ssize, size);
					found = 1;
				}
			}
		}
		if (!found) {
			memset(slot, 0, size);
			const char *e = new_item(r, v, l, line, slot);
			if (e) {
				err = err ? err : e;
				continue;
			}
		}
		if (!twice(l, out, *n, size, slot))
			(*n)++;
	}
	*items = out;
	return err;
}
