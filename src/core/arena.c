/* arena.c — region allocator built from a chain of blocks. */
#include "core/arena.h"
#include "core/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 8192
#define ARENA_ALIGN 16

struct block {
	struct block *next;
	size_t used, size;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

struct defer {
	struct defer *next;
	void (*fn)(void *);
	void *p;
};

struct arena {
	struct block *head;
	struct defer *defers; /* run by arena_free, the last first */
};

static struct block *block_new(size_t size, struct block *next)
{
	struct block *b = xmalloc(sizeof(*b) + size);
	b->next = next;
	b->used = 0;
	b->size = size;
	return b;
}

arena *arena_new(void)
{
	arena *a = xmalloc(sizeof(*a));
	a->head = block_new(ARENA_BLOCK, NULL);
	a->defers = NULL;
	return a;
}

void arena_free(arena *a)
{
	if (!a)
		return;
	for (struct defer *d = a->defers; d; d = d->next)
		d->fn(d->p);
	struct block *b = a->head;
	while (b) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

void *arena_alloc(arena *a, size_t n)
{
	size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (need < n)
		core_oom();
	struct block *b = a->head;
	if (b->size - b->used < need) {
		if (need > ARENA_BLOCK / 4) {
			/* A big allocation gets its own block behind the current one,
			 * so the current block's free space stays usable. */
			struct block *big = block_new(need, b->next);
			b->next = big;
			big->used = need;
			memset(big->data, 0, need);
			return big->data;
		}
		b = a->head = block_new(ARENA_BLOCK, b);
	}
	void *p = b->data + b->used;
	b->used += need;
	memset(p, 0, need);
	return p;
}

void arena_defer(arena *a, void (*fn)(void *), void *p)
{
	struct defer *d = arena_alloc(a, sizeof(*d));
	*d = (struct defer){ a->defers, fn, p };
	a->defers = d;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void *arena_grow(arena *a, void *v, size_t n, size_t *cap, size_t size, size_t first)
{
	if (n < *cap)
		return v;
	*cap = core_grow_cap(*cap, size, first);
	void *w = arena_alloc(a, *cap * size);
	if (n)
		memcpy(w, v, n * size);
	return w;
}
