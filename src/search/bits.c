/* bits.c — counting the documents of bitmaps over a snapshot's
 * documents: the result count, and the facets' popcounts of a & b (a
 * seventh of a finder request's CPU with the plain loop). Where the CPU
 * has them (asked at run time), vector instructions count several words
 * a step: AVX-512 VPOPCNTDQ eight, AVX2 four. */
#include "search/bits.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

POPCNT size_t search_bits_count(const uint64_t *b, size_t words)
{
	size_t n = 0;
	for (size_t i = 0; i < words; i++)
		n += (size_t)__builtin_popcountll(b[i]);
	return n;
}

POPCNT static size_t count_and_plain(const uint64_t *a, const uint64_t *b, size_t words)
{
	size_t n = 0;
	for (size_t i = 0; i < words; i++)
		n += (size_t)__builtin_popcountll(a[i] & b[i]);
	return n;
}

POPCNT size_t search_bits_count_and_at(const uint64_t *a, const uint64_t *b, const uint32_t *at, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += (size_t)__builtin_popcountll(a[at[i]] & b[at[i]]);
	return k;
}

#if defined(__x86_64__) && defined(__GNUC__)
/* Eight words a step: the CPU counts the bits of each 64-bit lane. */
__attribute__((target("avx512f,avx512vpopcntdq"))) static size_t count_and_512(const uint64_t *a, const uint64_t *b,
									      size_t words)
{
	__m512i sum = _mm512_setzero_si512();
	size_t i = 0;
	for (; i + 8 <= words; i += 8)
		sum = _mm512_add_epi64(sum, _mm512_popcnt_epi64(_mm512_and_si512(_mm512_loadu_si512(a + i),
										  _mm512_loadu_si512(b + i))));
	return (size_t)_mm512_reduce_add_epi64(sum) + count_and_plain(a + i, b + i, words - i);
}

/* Four words a step: each byte's bits counted by two lookups of a
 * nibble's count in a table (vpshufb), the bytes of each word added up
 * (vpsadbw). */
__attribute__((target("avx2"))) static size_t count_and_256(const uint64_t *a, const uint64_t *b, size_t words)
{
	const __m256i nibble = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1, 2, 2, 3,
						1, 2, 2, 3, 2, 3, 3, 4);
	const __m256i low = _mm256_set1_epi8(0x0f), zero = _mm256_setzero_si256();
	__m256i sum = zero;
	size_t i = 0;
	for (; i + 4 <= words; i += 4) {
		__m256i v = _mm256_and_si256(_mm256_loadu_si256((const __m256i *)(const void *)(a + i)),
					     _mm256_loadu_si256((const __m256i *)(const void *)(b + i)));
		__m256i lo = _mm256_shuffle_epi8(nibble, _mm256_and_si256(v, low));
		__m256i hi = _mm256_shuffle_epi8(nibble, _mm256_and_si256(_mm256_srli_epi16(v, 4), low));
		sum = _mm256_add_epi64(sum, _mm256_sad_epu8(_mm256_add_epi8(lo, hi), zero));
	}
	uint64_t part[4];
	_mm256_storeu_si256((__m256i *)(void *)part, sum);
	return (size_t)(part[0] + part[1] + part[2] + part[3]) + count_and_plain(a + i, b + i, words - i);
}

enum search_vector search_vector(void)
{
	if (__builtin_cpu_supports("avx512vpopcntdq") && __builtin_cpu_supports("avx512f"))
		return SEARCH_V_512;
	return __builtin_cpu_supports("avx2") ? SEARCH_V_256 : SEARCH_V_NONE;
}
#else
enum search_vector search_vector(void)
{
	return SEARCH_V_NONE;
}
#endif

size_t search_bits_count_and_as(enum search_vector v, const uint64_t *a, const uint64_t *b, size_t words)
{
#if defined(__x86_64__) && defined(__GNUC__)
	if (v == SEARCH_V_512)
		return count_and_512(a, b, words);
	if (v == SEARCH_V_256)
		return count_and_256(a, b, words);
#endif
	(void)v;
	return count_and_plain(a, b, words);
}

size_t search_bits_count_and(const uint64_t *a, const uint64_t *b, size_t words)
{
	return search_bits_count_and_as(search_vector(), a, b, words);
}
