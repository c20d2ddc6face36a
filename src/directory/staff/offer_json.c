/* offer_json.c — a partner's draft of an offer as JSON (the data column of
 * service_draft) and back: every field of struct dir_service except the
 * ones the partner cannot change (archive flag, merge, verification). */
#include "directory/staff/staff_internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *str(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *num(int v)
{
	return v < 0 ? json_null() : json_integer(v);
}

char *dir_staff_offer_to_json(arena *a, const struct dir_service *sv)
{
	json_t *j = json_object();
	json_object_set_new(j, "organization_id", str(sv->organization_id));
	json_object_set_new(j, "name", str(sv->name));
	json_object_set_new(j, "alternate_name", str(sv->alternate_name));
	json_object_set_new(j, "description", str(sv->description));
	json_object_set_new(j, "url", str(sv->url));
	json_object_set_new(j, "email", str(sv->email));
	json_object_set_new(j, "status", str(sv->status));
	json_object_set_new(j, "interpretation_services", str(sv->interpretation_services));
	json_object_set_new(j, "application_process", str(sv->application_process));
	json_object_set_new(j, "fees_description", str(sv->fees_description));
	json_object_set_new(j, "free_of_charge", json_boolean(sv->free_of_charge));
	json_object_set_new(j, "eligibility_description", str(sv->eligibility_description));
	json_object_set_new(j, "minimum_age", num(sv->minimum_age));
	json_object_set_new(j, "maximum_age", num(sv->maximum_age));
	json_object_set_new(j, "capacity", num(sv->capacity));
	json_object_set_new(j, "delivery", str(sv->delivery));
	json_object_set_new(j, "alert", str(sv->alert));

	json_t *l = json_array();
	for (size_t i = 0; i < sv->n_locations; i++)
		json_array_append_new(l, json_string(sv->locations[i].id));
	json_object_set_new(j, "locations", l);
	l = json_array();
	for (size_t i = 0; i < sv->n_terms; i++)
		json_array_append_new(l, json_string(sv->terms[i].id));
	json_object_set_new(j, "terms", l);
	l = json_array();
	for (size_t i = 0; i < sv->n_funding; i++)
		json_array_append_new(l, str(sv->funding[i]));
	json_object_set_new(j, "funding", l);

	l = json_array();
	for (size_t i = 0; i < sv->n_phones; i++) {
		const struct dir_phone *x = &sv->phones[i];
		json_array_append_new(l, json_pack("{s:o, s:o, s:o, s:o, s:o}", "id", str(x->id), "number",
						   str(x->number), "extension", str(x->extension), "type", str(x->type),
						   "description", str(x->description)));
	}
	json_object_set_new(j, "phones", l);
	l = json_array();
	for (size_t i = 0; i < sv->n_contacts; i++) {
		const struct dir_contact *x = &sv->contacts[i];
		json_array_append_new(l, json_pack("{s:o, s:o, s:o, s:o, s:o}", "id", str(x->id), "name", str(x->name),
						   "title", str(x->title), "department", str(x->department), "email",
						   str(x->email)));
	}
	json_object_set_new(j, "contacts", l);
	l = json_array();
	for (size_t i = 0; i < sv->n_schedules; i++) {
		const struct dir_schedule *x = &sv->schedules[i];
		json_t *o = json_object();
		json_object_set_new(o, "id", str(x->id));
		json_object_set_new(o, "valid_from", str(x->valid_from));
		json_object_set_new(o, "valid_to", str(x->valid_to));
		json_object_set_new(o, "dtstart", str(x->dtstart));
		json_object_set_new(o, "until", str(x->until));
		json_object_set_new(o, "freq", str(x->freq));
		json_object_set_new(o, "interval", num(x->interval));
		json_object_set_new(o, "byday", str(x->byday));
		json_object_set_new(o, "opens_at", str(x->opens_at));
		json_object_set_new(o, "closes_at", str(x->closes_at));
		json_object_set_new(o, "description", str(x->description));
		json_object_set_new(o, "attending_type", str(x->attending_type));
		json_object_set_new(o, "notes", str(x->notes));
		json_array_append_new(l, o);
	}
	json_object_set_new(j, "schedules", l);
	l = json_array();
	for (size_t i = 0; i < sv->n_languages; i++) {
		const struct dir_language *x = &sv->languages[i];
		json_array_append_new(l, json_pack("{s:o, s:o, s:o, s:o}", "id", str(x->id), "code", str(x->code),
						   "name", str(x->name), "note", str(x->note)));
	}
	json_object_set_new(j, "languages", l);
	l = json_array();
	for (size_t i = 0; i < sv->n_costs; i++) {
		const struct dir_cost *x = &sv->costs[i];
		json_array_append_new(l, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", str(x->id),
						   "valid_from", str(x->valid_from), "valid_to", str(x->valid_to),
						   "option", str(x->option), "currency", str(x->currency),
						   "amount_description", str(x->amount_description), "amount",
						   x->has_amount ? json_real(x->amount) : json_null()));
	}
	json_object_set_new(j, "cost_options", l);
	l = json_array();
	for (size_t i = 0; i < sv->n_areas; i++) {
		const struct dir_area *x = &sv->areas[i];
		json_array_append_new(l, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "id", str(x->id), "name",
						   str(x->name), "description", str(x->description), "extent",
						   str(x->extent), "extent_type", str(x->extent_type), "uri", str(x->uri)));
	}
	json_object_set_new(j, "service_areas", l);

	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	if (!s)
		return NULL;
	char *out = arena_strdup(a, s);
	free(s);
	return out;
}

/* ---- reading ---- */

/* A string member as an arena copy, or NULL (missing, null, not a string). */
static const char *get_s(arena *a, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? arena_strdup(a, json_string_value(v)) : NULL;
}

static int get_i(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) < 100000000
		       ? (int)json_integer_value(v) : -1;
}

/* An array member and its length (0 when it is no array). */
static json_t *get_a(json_t *o, const char *key, size_t *n)
{
	json_t *v = json_object_get(o, key);
	*n = json_is_array(v) ? json_array_size(v) : 0;
	return v;
}

#define ALLOC(a, ptr, n) ((ptr) = arena_alloc((a), ((n) + 1) * sizeof(*(ptr))), memset((ptr), 0, ((n) + 1) * sizeof(*(ptr))))

int dir_staff_offer_from_json(arena *a, const char *text, struct dir_service *sv)
{
	memset(sv, 0, sizeof(*sv));
	json_error_t jerr;
	json_t *j = json_loads(text ? text : "", 0, &jerr);
	if (!json_is_object(j)) {
		json_decref(j);
		return ST_ERR;
	}
	sv->organization_id = get_s(a, j, "organization_id");
	sv->name = get_s(a, j, "name");
	sv->alternate_name = get_s(a, j, "alternate_name");
	sv->description = get_s(a, j, "description");
	sv->url = get_s(a, j, "url");
	sv->email = get_s(a, j, "email");
	sv->status = get_s(a, j, "status");
	sv->interpretation_services = get_s(a, j, "interpretation_services");
	sv->application_process = get_s(a, j, "application_process");
	sv->fees_description = get_s(a, j, "fees_description");
	sv->free_of_charge = json_is_true(json_object_get(j, "free_of_charge"));
	sv->eligibility_description = get_s(a, j, "eligibility_description");
	sv->minimum_age = get_i(j, "minimum_age");
	sv->maximum_age = get_i(j, "maximum_age");
	sv->capacity = get_i(j, "capacity");
	sv->delivery = get_s(a, j, "delivery");
	sv->alert = get_s(a, j, "alert");

	size_t n, i;
	json_t *arr, *x;
	arr = get_a(j, "locations", &n);
	ALLOC(a, sv->locations, n);
	json_array_foreach(arr, i, x) if (json_is_string(x)) sv->locations[sv->n_locations++].id =
		arena_strdup(a, json_string_value(x));
	arr = get_a(j, "terms", &n);
	ALLOC(a, sv->terms, n);
	json_array_foreach(arr, i, x) if (json_is_string(x)) sv->terms[sv->n_terms++].id =
		arena_strdup(a, json_string_value(x));
	arr = get_a(j, "funding", &n);
	ALLOC(a, sv->funding, n);
	json_array_foreach(arr, i, x) if (json_is_string(x)) sv->funding[sv->n_funding++] =
		arena_strdup(a, json_string_value(x));

	arr = get_a(j, "phones", &n);
	ALLOC(a, sv->phones, n);
	json_array_foreach(arr, i, x) {
		if (!json_is_object(x))
			continue;
		sv->phones[sv->n_phones++] = (struct dir_phone){ get_s(a, x, "id"), get_s(a, x, "number"),
			get_s(a, x, "extension"), get_s(a, x, "type"), get_s(a, x, "description") };
	}
	arr = get_a(j, "contacts", &n);
	ALLOC(a, sv->contacts, n);
	json_array_foreach(arr, i, x) {
		if (!json_is_object(x))
			continue;
		sv->contacts[sv->n_contacts++] = (struct dir_contact){ get_s(a, x, "id"), get_s(a, x, "name"),
			get_s(a, x, "title"), get_s(a, x, "department"), get_s(a, x, "email") };
	}
	arr = get_a(j, "schedules", &n);
	ALLOC(a, sv->schedules, n);
	json_array_foreach(arr, i, x) {
		if (!json_is_object(x))
			continue;
		sv->schedules[sv->n_schedules++] = (struct dir_schedule){
			.id = get_s(a, x, "id"), .valid_from = get_s(a, x, "valid_from"),
			.valid_to = get_s(a, x, "valid_to"), .dtstart = get_s(a, x, "dtstart"),
			.until = get_s(a, x, "until"), .freq = get_s(a, x, "freq"), .byday = get_s(a, x, "byday"),
			.opens_at = get_s(a, x, "opens_at"), .closes_at = get_s(a, x, "closes_at"),
			.description = get_s(a, x, "description"), .attending_type = get_s(a, x, "attending_type"),
			.notes = get_s(a, x, "notes"), .interval = get_i(x, "interval") };
	}
	arr = get_a(j, "languages", &n);
	ALLOC(a, sv->languages, n);
	json_array_foreach(arr, i, x) {
		const char *code = json_is_object(x) ? get_s(a, x, "code") : NULL;
		if (!code)
			continue;
		sv->languages[sv->n_languages++] = (struct dir_language){ get_s(a, x, "id"), code,
			get_s(a, x, "name"), get_s(a, x, "note") };
	}
	arr = get_a(j, "cost_options", &n);
	ALLOC(a, sv->costs, n);
	json_array_foreach(arr, i, x) {
		if (!json_is_object(x))
			continue;
		json_t *amount = json_object_get(x, "amount");
		sv->costs[sv->n_costs++] = (struct dir_cost){ .id = get_s(a, x, "id"),
			.valid_from = get_s(a, x, "valid_from"), .valid_to = get_s(a, x, "valid_to"),
			.option = get_s(a, x, "option"), .currency = get_s(a, x, "currency"),
			.amount_description = get_s(a, x, "amount_description"), .has_amount = json_is_number(amount),
			.amount = json_is_number(amount) ? json_number_value(amount) : 0 };
	}
	arr = get_a(j, "service_areas", &n);
	ALLOC(a, sv->areas, n);
	json_array_foreach(arr, i, x) {
		if (!json_is_object(x))
			continue;
		sv->areas[sv->n_areas++] = (struct dir_area){ get_s(a, x, "id"), get_s(a, x, "name"),
			get_s(a, x, "description"), get_s(a, x, "extent"), get_s(a, x, "extent_type"),
			get_s(a, x, "uri") };
	}
	json_decref(j);
	return sv->name && *sv->name ? ST_OK : ST_ERR;
}
