/* cache.c — rendered pages kept by key and version, in a fixed table. */
#include "http/cache.h"
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

static size_t slot_of(const char *key)
{
	return (size_t)(core_hash(key, strlen(key)) % PAGE_CACHE_SLOTS);
}

static void slot_free(struct page_cache_slot *s)
{
	free(s->key);
	free(s->body);
	memset(s, 0, sizeof(*s));
}

int page_cache_get(struct page_cache *c, const char *key, int64_t version, int64_t now, buf *out)
{
	int hit = 0;
	pthread_mutex_lock(&c->lock);
	struct page_cache_slot *s = &c->slots[slot_of(key)];
	if (s->key && strcmp(s->key, key) == 0) {
		if (s->version == version && now - s->stored_at < c->ttl) {
			buf_append(out, s->body, s->len);
			hit = 1;
		} else {
			slot_free(s);
		}
	}
	pthread_mutex_unlock(&c->lock);
	return hit;
}

void page_cache_put(struct page_cache *c, const char *key, int64_t version, int64_t now,
		    const char *body, size_t len)
{
	if (len > PAGE_CACHE_MAX_BODY)
		return;
	char *k = xstrdup(key);
	char *b = xmalloc(len);
	memcpy(b, body, len);
	pthread_mutex_lock(&c->lock);
	struct page_cache_slot *s = &c->slots[slot_of(key)];
	slot_free(s);
	s->key = k;
	s->body = b;
	s->len = len;
	s->version = version;
	s->stored_at = now;
	pthread_mutex_unlock(&c->lock);
}

void page_cache_clear(struct page_cache *c)
{
	pthread_mutex_lock(&c->lock);
	for (size_t i = 0; i < PAGE_CACHE_SLOTS; i++)
		slot_free(&c->slots[i]);
	pthread_mutex_unlock(&c->lock);
}
