/* cache.c — the rule the word cache (wordcache.c) and the circle cache
 * (nearcache.c) keep: an entry answers only on the snapshot it was made
 * on, a newer snapshot of an index drops the older one's entries, and a
 * full table gives up its least recently used entry. */
#include "search/search_internal.h"

int search_cache_sweep(struct cache_entry **tab, size_t n, const struct snap *sn, void (*drop)(struct cache_entry *))
{
	int current = 1;
	for (size_t i = 0; i < n; i++) {
		struct cache_entry *e = tab[i];
		if (!e || e->ix != sn->ix || e->serial == sn->serial)
			continue;
		if (e->serial > sn->serial) {
			current = 0;
		} else {
			drop(e);
			tab[i] = NULL;
		}
	}
	return current;
}

size_t search_cache_slot(struct cache_entry *const *tab, size_t slots)
{
	size_t lru = 0;
	for (size_t i = 0; i < slots; i++) {
		if (!tab[i])
			return i;
		if (tab[i]->used < tab[lru]->used)
			lru = i;
	}
	return lru;
}
