/* zipread.c — one member of a zip archive into memory (zipread.h). */
#include "core/zipread.h"
#include "core/core.h"

#include <stdlib.h>

char *zipread_member(zip_t *z, const char *name, size_t max, size_t *len, int *toobig)
{
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat(z, name, ZIP_FL_NOCASE, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
		return NULL;
	if (st.size > max) {
		*toobig = 1;
		return NULL;
	}
	zip_file_t *f = zip_fopen(z, name, ZIP_FL_NOCASE);
	if (!f)
		return NULL;
	char *data = xmalloc((size_t)st.size + 1);
	size_t got = 0;
	while (got < (size_t)st.size) {
		zip_int64_t k = zip_fread(f, data + got, (size_t)st.size - got);
		if (k < 0) {
			free(data);
			zip_fclose(f);
			return NULL;
		}
		if (k == 0)
			break;
		got += (size_t)k;
	}
	char extra;
	if (zip_fread(f, &extra, 1) > 0) { /* the archive lied about the size */
		free(data);
		zip_fclose(f);
		*toobig = 1;
		return NULL;
	}
	zip_fclose(f);
	data[got] = '\0';
	*len = got;
	return data;
}
