/* core.h — the process-wide basics: out-of-memory policy, checked
 * allocation, and small helpers every module may use.
 *
 * Out of memory aborts in exactly one place (core_oom), so callers of
 * xmalloc and friends never check for NULL. */
#ifndef LOTSE_CORE_H
#define LOTSE_CORE_H

#include <stddef.h>
#include <stdint.h>

#define LOTSE_VERSION "0.1.0"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Print a message and abort. Never returns. */
_Noreturn void core_oom(void);

/* malloc/calloc/realloc/strdup that never return NULL (abort instead).
 * The caller owns the result and frees it with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* The one array growth: room for one more element in the heap array v of
 * n elements of size bytes, *cap of them allocated. When n == *cap the
 * capacity doubles (first when 0) and v is reallocated. Returns v or its
 * new place (store it); aborts on overflow or out of memory. Usage:
 *   v = xgrow(v, n, &cap, sizeof(*v), 64);
 *   v[n++] = x; */
void *xgrow(void *v, size_t n, size_t *cap, size_t size, size_t first);
/* The next capacity after cap (first when 0); aborts when cap * 2
 * elements of size bytes would overflow. For arena_grow. */
size_t core_grow_cap(size_t cap, size_t size, size_t first);

/* FNV-1a hash of n bytes at p (for hash tables, cache keys and ETags;
 * not for anything an attacker must not predict). */
uint64_t core_hash(const void *p, size_t n);

/* Is s[0..len) valid UTF-8 without overlong forms or surrogates? Returns
 * the number of code points, or -1. */
long utf8_count(const char *s, size_t len);
/* The length in bytes (1-4) of the valid UTF-8 character at s[0..len),
 * or 0 when there is none. */
size_t utf8_char(const char *s, size_t len);

/* Current wall-clock time in seconds since the epoch, and a monotonic
 * clock in microseconds for durations. */
int64_t core_now(void);
int64_t core_mono_us(void);

/* Fill buf with n random bytes from the operating system. */
void core_random(void *buf, size_t n);

/* Format t (seconds since the epoch, UTC) as "YYYY-MM-DD HH:MM:SS" into
 * out, which must hold at least 20 bytes. */
void core_fmt_time(int64_t t, char out[20]);
/* Is s a day of the calendar "YYYY-MM-DD" (len 10) or a month "YYYY-MM"
 * (len 7), from the year 1900 on? */
int core_valid_date(const char *s, size_t len);

#endif
