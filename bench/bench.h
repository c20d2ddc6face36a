/* bench.h — what the C benchmarks share: a fixed pseudo-random sequence
 * (xorshift64: the same data on every run, so runs compare) and the order
 * of measured times for their median, and a thread's CPU time. Each benchmark is one program, so
 * these are static inline. */
#ifndef LOTSE_BENCH_H
#define LOTSE_BENCH_H

#include <stdint.h>
#include <time.h>

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

/* The next number of the sequence. */
static inline uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 11);
}

/* qsort's comparison of two doubles, ascending. */
static inline int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* qsort's comparison of two long longs, ascending. */
static inline int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

/* CPU time of the calling thread in µs: the work itself, whatever else
 * the machine runs. */
static inline long long thread_cpu_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

#endif
