/* static.c — embedded static files with ETag, Cache-Control, MIME types. */
#include "http/static.h"
#include "core/core.h"
#include "core/embed.h"

#include <stdio.h>
#include <string.h>

static char etags[256][20];

void static_init(void)
{
	for (size_t i = 0; i < embed_static_count && i < NELEM(etags); i++) {
		uint64_t h = core_hash(embed_static[i].data, embed_static[i].len);
		snprintf(etags[i], sizeof(etags[i]), "\"%016llx\"", (unsigned long long)h);
	}
}

static const char *mime_type(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
		{ ".woff2", "font/woff2" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < NELEM(types); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

void static_serve(struct req *r, struct resp *w, const char *name)
{
	const struct embed_file *f = embed_find(embed_static, embed_static_count, name);
	size_t idx = f ? (size_t)(f - embed_static) : 0;
	if (!f || idx >= NELEM(etags)) {
		w->status = 404;
		w->content_type = "text/plain; charset=utf-8";
		buf_puts(&w->body, "not found\n");
		return;
	}
	resp_header(r, w, "ETag", etags[idx]);
	resp_header(r, w, "Cache-Control", "public, max-age=3600");
	const char *inm = req_header(r, "If-None-Match");
	if (inm && strcmp(inm, etags[idx]) == 0) {
		w->status = 304;
		return;
	}
	w->content_type = mime_type(name);
	buf_append(&w->body, f->data, f->len);
}

void static_handle(struct req *r, struct resp *w)
{
	static_serve(r, w, r->params[0]);
}
