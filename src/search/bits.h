/* bits.h — bitmaps over a snapshot's documents (bit i: document i, 64 to
 * a word): one bit, and counting them with the CPU's vector instructions
 * where it has them (bits.c). */
#ifndef LOTSE_SEARCH_BITS_H
#define LOTSE_SEARCH_BITS_H

#include <stddef.h>
#include <stdint.h>

/* popcount: the CPU's instruction where there is one (x86-64 since 2008) */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define POPCNT __attribute__((target_clones("popcnt", "default")))
#else
#define POPCNT
#endif

/* The bits set in b (words 64-bit words). */
size_t search_bits_count(const uint64_t *b, size_t words);
/* The bits set in both a and b. */
size_t search_bits_count_and(const uint64_t *a, const uint64_t *b, size_t words);
/* The same over only the words at (n of them). */
size_t search_bits_count_and_at(const uint64_t *a, const uint64_t *b, const uint32_t *at, size_t n);
/* The vector instructions this CPU counts with, and the count with those
 * of v (v at most search_vector(); for the tests of each). */
enum search_vector { SEARCH_V_NONE, SEARCH_V_256, SEARCH_V_512 };
enum search_vector search_vector(void);
size_t search_bits_count_and_as(enum search_vector v, const uint64_t *a, const uint64_t *b, size_t words);

static inline int search_bit(const uint64_t *b, uint32_t i)
{
	return (b[i >> 6] >> (i & 63)) & 1;
}

#endif
