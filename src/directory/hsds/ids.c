/* ids.c — the ids of an HSDS file read record by record, in a compact
 * table: each UUID as 16 bytes (not its 36 characters), with the line it
 * is on and whether its record is new to the database. Open addressing,
 * grown at three quarters; memory grows with the ids only, never with the
 * records' other columns. */
#include "directory/hsds/hsds_internal.h"
#include "core/core.h"
#include "directory/directory.h"

#include <stdlib.h>
#include <string.h>

static int hexval(char ch)
{
	return ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10;
}

/* The 16 bytes of a checked UUID (either case). */
static void key_of(const char *id, uint64_t k[2])
{
	int d = 0;
	k[0] = k[1] = 0;
	for (const char *p = id; *p && d < 32; p++)
		if (*p != '-') {
			k[d / 16] = k[d / 16] << 4 | (uint64_t)hexval(*p);
			d++;
		}
}

static size_t slot(const struct dir_hsds_ids *x, const uint64_t k[2])
{
	size_t i = (size_t)((k[0] ^ k[1]) * 0x9E3779B97F4A7C15ull >> 17) & (x->cap - 1);
	while (x->lines[i] && (x->keys[i][0] != k[0] || x->keys[i][1] != k[1]))
		i = (i + 1) & (x->cap - 1);
	return i;
}

static void grow(struct dir_hsds_ids *x)
{
	struct dir_hsds_ids old = *x;
	x->cap = old.cap ? 2 * old.cap : 1024;
	x->keys = xmalloc(x->cap * sizeof(*x->keys));
	x->lines = xcalloc(x->cap, sizeof(*x->lines));
	x->fresh = xcalloc(x->cap, 1);
	for (size_t i = 0; i < old.cap; i++)
		if (old.lines[i]) {
			size_t j = slot(x, old.keys[i]);
			memcpy(x->keys[j], old.keys[i], sizeof(old.keys[i]));
			x->lines[j] = old.lines[i];
			x->fresh[j] = old.fresh[i];
		}
	free(old.keys);
	free(old.lines);
	free(old.fresh);
}

long dir_hsds_ids_add(struct dir_hsds_ids *x, const char *id, long line, int fresh)
{
	if (4 * (x->n + 1) > 3 * x->cap)
		grow(x);
	uint64_t k[2];
	key_of(id, k);
	size_t i = slot(x, k);
	if (x->lines[i])
		return x->lines[i];
	memcpy(x->keys[i], k, sizeof(k));
	x->lines[i] = line;
	x->fresh[i] = (unsigned char)(fresh != 0);
	x->n++;
	return 0;
}

int dir_hsds_ids_state(const struct dir_hsds_ids *x, const char *id)
{
	if (!x || !x->cap || !dir_is_uuid(id))
		return -1;
	uint64_t k[2];
	key_of(id, k);
	size_t i = slot(x, k);
	return x->lines[i] ? x->fresh[i] : -1;
}

void dir_hsds_ids_free(struct dir_hsds_ids *x)
{
	free(x->keys);
	free(x->lines);
	free(x->fresh);
	memset(x, 0, sizeof(*x));
}
