/* arena.h — a region allocator: many small allocations, one free.
 *
 * Every request gets one arena; everything a handler allocates for the
 * request lives in it and is released when the request completes.
 * Allocation never fails (out of memory aborts via core_oom). */
#ifndef LOTSE_ARENA_H
#define LOTSE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena arena;

/* A new, empty arena. Free it with arena_free. */
arena *arena_new(void);

/* Release the arena and everything allocated in it. NULL is allowed. */
void arena_free(arena *a);

/* n zeroed bytes, aligned for any type, owned by the arena. */
void *arena_alloc(arena *a, size_t n);

/* Copies of s (or of its first n bytes), NUL-terminated, owned by the arena. */
char *arena_strdup(arena *a, const char *s);
/* xgrow (core.h) for an array in a: when n == *cap a twice as large,
 * zeroed array is allocated in a and the n elements copied. Returns v or
 * its new place (store it). */
void *arena_grow(arena *a, void *v, size_t n, size_t *cap, size_t size, size_t first);
char *arena_strndup(arena *a, const char *s, size_t n);

/* Have arena_free call fn(p) before it releases the memory (the last
 * one asked for first): the arena holds a reference to shared data whose
 * pieces it hands out (e.g. a search snapshot's taxonomies). */
void arena_defer(arena *a, void (*fn)(void *), void *p);

/* printf into a new string owned by the arena. */
char *arena_printf(arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

#endif
