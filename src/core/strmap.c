/* strmap.c — see strmap.h. */
#include "core/strmap.h"
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

/* The slot of key in keys (cap a power of two): where it is, or the empty
 * one where it belongs. */
static size_t find(char *const *keys, size_t cap, const char *key, size_t len)
{
	size_t i = core_hash(key, len) & (cap - 1);
	while (keys[i] && !(strncmp(keys[i], key, len) == 0 && keys[i][len] == '\0'))
		i = (i + 1) & (cap - 1);
	return i;
}

void *strmap_get(const struct strmap *m, const char *key, size_t len)
{
	if (!m->cap)
		return NULL;
	size_t i = find(m->keys, m->cap, key, len);
	return m->keys[i] ? m->vals[i] : NULL;
}

static void grow(struct strmap *m)
{
	size_t cap = m->cap ? 2 * m->cap : 64;
	char **keys = xcalloc(cap, sizeof(*keys));
	void **vals = xcalloc(cap, sizeof(*vals));
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i]) {
			size_t j = find(keys, cap, m->keys[i], strlen(m->keys[i]));
			keys[j] = m->keys[i];
			vals[j] = m->vals[i];
		}
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = cap;
}

void **strmap_slot(struct strmap *m, const char *key, size_t len)
{
	if (2 * (m->n + 1) > m->cap)
		grow(m);
	size_t i = find(m->keys, m->cap, key, len);
	if (!m->keys[i]) {
		char *k = xmalloc(len + 1);
		memcpy(k, key, len);
		k[len] = '\0';
		m->keys[i] = k;
		m->n++;
	}
	return &m->vals[i];
}

int strmap_next(const struct strmap *m, size_t *i, const char **key, void **val)
{
	for (; *i < m->cap; (*i)++)
		if (m->keys[*i]) {
			*key = m->keys[*i];
			*val = m->vals[*i];
			(*i)++;
			return 1;
		}
	return 0;
}

void strmap_free(struct strmap *m, void (*free_val)(void *))
{
	for (size_t i = 0; i < m->cap; i++) {
		if (m->keys[i] && free_val)
			free_val(m->vals[i]);
		free(m->keys[i]);
	}
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}
