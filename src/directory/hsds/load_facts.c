/* load_facts.c — the evidence loop's fact table (service_fact) after an
 * HSDS import: the rows of the offers it wrote, once all their lists are
 * written. */
#include "directory/directory.h"
#include "directory/hsds/load_internal.h"
#include "core/core.h"

#include <string.h>


/* The evidence loop's fact table (dir_fact_refresh): a row for each offer
 * of the files, once all their lists are written, and for each stored
 * offer not in the files that a kept row of a list names. The new offers
 * are those stored after the import began (a file read record by record
 * keeps no rows of them). */
int dir_hsds_load_facts(struct dir_hsds_loader *c)
{
	if (dir_fact_refresh_since(c->s, c->services_before) != ST_OK)
		return ST_ERR;
	struct dir_hsds_itab *t = &c->tab[HT_SERVICE];
	for (size_t r = 0; r < t->nrows; r++)
		if (!dir_hsds_load_is_new(c, HT_SERVICE, dir_hsds_cell(t, r, 0)) &&
		    dir_fact_refresh(c->s, dir_hsds_cell(t, r, 0)) != ST_OK)
			return ST_ERR;
	static const int lists[] = { HT_ATTRIBUTE, HT_LANGUAGE, HT_FUNDING, HT_COST, HT_SCHEDULE };
	for (size_t i = 0; i < NELEM(lists); i++) {
		const struct dir_hsds_itab *l = &c->tab[lists[i]];
		const char *last = "";
		for (size_t r = 0; r < l->nrows; r++) {
			int attr = lists[i] == HT_ATTRIBUTE;
			const char *id = dir_hsds_cell_named(l, r, attr ? "link_id" : "service_id");
			if (!*id || strcmp(id, last) == 0 || (attr && strcmp(dir_hsds_cell_named(l, r, "link_entity"), "service") != 0) ||
			    dir_hsds_find(t, id) >= 0)
				continue;
			last = id;
			if (dir_fact_refresh(c->s, id) != ST_OK)
				return ST_ERR;
		}
	}
	return ST_OK;
}
