/* embed.c — lookup in the embedded file sets. */
#include "core/embed.h"

#include <string.h>

const struct embed_file *embed_find(const struct embed_file *set, size_t n, const char *name)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(set[mid].name, name);
		if (c == 0)
			return &set[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
