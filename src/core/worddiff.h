/* worddiff.h — what changed between two texts, word by word: the longest
 * common run of words kept, the rest marked as taken out or put in. For
 * the change log, where a long text changed in a few words. */
#ifndef LOTSE_CORE_WORDDIFF_H
#define LOTSE_CORE_WORDDIFF_H

#include "core/arena.h"

#include <stddef.h>

enum worddiff_kind { WD_SAME, WD_DEL, WD_INS };

/* A piece of one of the texts: s[0..len) points into before (WD_SAME,
 * WD_DEL) or after (WD_INS). Words keep the white space after them. */
struct worddiff_part {
	enum worddiff_kind kind;
	const char *s;
	size_t len;
	const char *s2; /* WD_SAME: the same words in after (their white space may differ) */
	size_t len2;
};

/* The parts of before and after in reading order (neighbours of one kind
 * joined) into *out (in a), their number in *n. Texts of more than
 * WORDDIFF_MAX_WORDS words each are not compared: then all of before is
 * one WD_DEL and all of after one WD_INS. Returns 0, or -1 when the two
 * are the same (no parts). */
#define WORDDIFF_MAX_WORDS 2000
int worddiff(arena *a, const char *before, const char *after, struct worddiff_part **out, size_t *n);

#endif
