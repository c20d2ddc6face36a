/* strmap.h — a map from strings to pointers (open addressing, linear
 * probing, at most half full). The map owns copies of its keys; the values
 * are the caller's. */
#ifndef LOTSE_STRMAP_H
#define LOTSE_STRMAP_H

#include <stddef.h>

struct strmap {
	char **keys;
	void **vals;
	size_t cap, n;
};

/* The value of key (len bytes), or NULL when it is not in m. */
void *strmap_get(const struct strmap *m, const char *key, size_t len);
/* The value slot of key (len bytes), added with a NULL value when new. */
void **strmap_slot(struct strmap *m, const char *key, size_t len);
/* Walk the entries: start with *i = 0; 0 at the end. */
int strmap_next(const struct strmap *m, size_t *i, const char **key, void **val);
/* Free the keys and (with free_val, unless NULL) the values; m is empty again. */
void strmap_free(struct strmap *m, void (*free_val)(void *));

#endif
