/* parse.c — query strings, urlencoded bodies, cookies, Accept-Language,
 * client addresses and X-Forwarded-For. */
#include "http/http.h"
#include "core/core.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void kv_add(arena *a, struct kvlist *l, const char *key, const char *val, size_t len)
{
	l->items = arena_grow(a, l->items, l->n, &l->cap, sizeof(*l->items), 8);
	struct kv *kv = &l->items[l->n++];
	kv->key = arena_strdup(a, key);
	kv->val = arena_strndup(a, val, len);
	kv->len = len;
	kv->filename = NULL;
}

const char *kv_get(const struct kvlist *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].key, key) == 0)
			return l->items[i].val;
	return NULL;
}

size_t kv_count(const struct kvlist *l, const char *key)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i].key, key) == 0)
			n++;
	return n;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t http_url_decode(char *s, size_t len, int plus_is_space)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '+' && plus_is_space) {
			c = ' ';
		} else if (c == '%' && i + 2 < len) {
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi >= 0 && lo >= 0) {
				c = (char)(hi << 4 | lo);
				i += 2;
			}
		}
		s[o++] = c;
	}
	if (o < len)
		s[o] = '\0';
	return o;
}

int http_parse_urlencoded(arena *a, const char *s, size_t len, struct kvlist *l, size_t max_pairs)
{
	size_t i = 0, pairs = 0;
	while (i < len) {
		size_t start = i;
		while (i < len && s[i] != '&' && s[i] != ';')
			i++;
		size_t end = i;
		i++; /* skip the separator */
		if (end == start)
			continue;
		if (pairs == max_pairs)
			return -1;
		const char *eq = memchr(s + start, '=', end - start);
		size_t rawklen = eq ? (size_t)(eq - (s + start)) : end - start;
		char *key = arena_strndup(a, s + start, rawklen);
		size_t klen = http_url_decode(key, rawklen, 1);
		key[klen] = '\0';
		if (klen == 0 || strlen(key) != klen)
			continue; /* empty key, or a key with NUL: not a name we declare */
		/* the value's raw length, from the undecoded key's length */
		size_t vlen = eq ? end - start - rawklen - 1 : 0;
		char *val = arena_strndup(a, eq ? eq + 1 : "", vlen);
		vlen = http_url_decode(val, vlen, 1);
		val[vlen] = '\0';
		kv_add(a, l, key, val, vlen);
		pairs++;
	}
	return 0;
}

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

int http_parse_cookies(arena *a, const char *h, struct kvlist *l, size_t max_pairs)
{
	size_t pairs = 0;
	const char *p = h;
	while (p && *p) {
		p = skip_ws(p);
		const char *end = strchr(p, ';');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		const char *eq = memchr(p, '=', n);
		if (eq && eq > p) {
			if (pairs == max_pairs)
				return -1;
			size_t klen = (size_t)(eq - p);
			while (klen > 0 && (p[klen - 1] == ' ' || p[klen - 1] == '\t'))
				klen--;
			const char *v = skip_ws(eq + 1);
			size_t vlen = n - (size_t)(v - p);
			while (vlen > 0 && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
				vlen--;
			if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
				v++;
				vlen -= 2;
			}
			if (klen > 0) {
				char *key = arena_strndup(a, p, klen);
				kv_add(a, l, key, v, vlen);
				pairs++;
			}
		}
		p = end ? end + 1 : NULL;
	}
	return 0;
}

const char *http_pick_language(const char *h, const char *const *supported)
{
	const char *best = NULL;
	double bestq = 0.0;
	const char *p = h;
	while (p && *p) {
		p = skip_ws(p);
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		/* the tag runs to ';' or the end of the item */
		size_t tlen = 0;
		while (tlen < n && p[tlen] != ';' && p[tlen] != ' ')
			tlen++;
		double q = 1.0;
		const char *semi = memchr(p, ';', n);
		if (semi) {
			const char *qs = skip_ws(semi + 1);
			if ((size_t)(qs - p) + 2 <= n && qs[0] == 'q' && qs[1] == '=') {
				char tmp[8] = { 0 };
				size_t ql = n - (size_t)(qs + 2 - p);
				if (ql > sizeof(tmp) - 1)
					ql = sizeof(tmp) - 1;
				memcpy(tmp, qs + 2, ql);
				q = strtod(tmp, NULL);
			}
		}
		/* primary subtag: "de-DE" counts as "de" */
		size_t plen = 0;
		while (plen < tlen && p[plen] != '-')
			plen++;
		for (const char *const *s = supported; *s; s++) {
			if (strlen(*s) == plen && strncasecmp(*s, p, plen) == 0 && q > bestq) {
				best = *s;
				bestq = q;
			}
		}
		p = end ? end + 1 : NULL;
	}
	return best;
}

/* ---- client addresses ---- */

static const unsigned char v4_mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

static void addr_set(struct http_addr *out, int family, const void *bytes)
{
	memset(out, 0, sizeof(*out));
	if (family == AF_INET6 && memcmp(bytes, v4_mapped, sizeof(v4_mapped)) == 0) {
		out->family = AF_INET;
		memcpy(out->b, (const unsigned char *)bytes + 12, 4);
		return;
	}
	out->family = family;
	memcpy(out->b, bytes, family == AF_INET ? 4 : 16);
}

static int all_digits(const char *s, size_t n)
{
	if (n == 0 || n > 5)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int http_addr_parse(const char *s, size_t len, struct http_addr *out)
{
	char tmp[HTTP_ADDR_TEXT];
	const char *host = s;
	size_t hlen = len;
	if (len > 0 && s[0] == '[') {
		const char *close = memchr(s, ']', len);
		if (!close)
			return -1;
		size_t rest = len - (size_t)(close + 1 - s);
		if (rest && (close[1] != ':' || !all_digits(close + 2, rest - 1)))
			return -1;
		host = s + 1;
		hlen = (size_t)(close - host);
	} else {
		const char *colon = memchr(s, ':', len);
		/* "a.b.c.d:PORT": one colon after a dotted address */
		if (colon && !memchr(colon + 1, ':', len - (size_t)(colon + 1 - s)) &&
		    memchr(s, '.', (size_t)(colon - s))) {
			if (!all_digits(colon + 1, len - (size_t)(colon + 1 - s)))
				return -1;
			hlen = (size_t)(colon - s);
		}
	}
	if (hlen == 0 || hlen >= sizeof(tmp) || memchr(host, '\0', hlen))
		return -1;
	memcpy(tmp, host, hlen);
	tmp[hlen] = '\0';
	unsigned char b[16];
	if (inet_pton(AF_INET, tmp, b) == 1) {
		addr_set(out, AF_INET, b);
		return 0;
	}
	if (inet_pton(AF_INET6, tmp, b) == 1) {
		addr_set(out, AF_INET6, b);
		return 0;
	}
	return -1;
}

int http_addr_from_sockaddr(const struct sockaddr *sa, struct http_addr *out)
{
	if (!sa)
		return -1;
	if (sa->sa_family == AF_INET) {
		addr_set(out, AF_INET, &((const struct sockaddr_in *)sa)->sin_addr);
		return 0;
	}
	if (sa->sa_family == AF_INET6) {
		addr_set(out, AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr);
		return 0;
	}
	return -1;
}

void http_addr_text(const struct http_addr *a, char *out)
{
	if (!inet_ntop(a->family, a->b, out, HTTP_ADDR_TEXT))
		memcpy(out, "?", 2);
}

int http_addr_equal(const struct http_addr *a, const struct http_addr *b)
{
	return a->family == b->family && memcmp(a->b, b->b, a->family == AF_INET ? 4 : 16) == 0;
}

int http_addr_in(const struct http_addr *a, const struct http_addr *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (http_addr_equal(a, &list[i]))
			return 1;
	return 0;
}

int http_addr_list_parse(const char *s, struct http_addr *out, size_t max)
{
	size_t n = 0;
	const char *p = s;
	while (p && *p) {
		p += strspn(p, ", \t");
		size_t len = strcspn(p, ", \t");
		if (len == 0)
			break;
		if (n == max || http_addr_parse(p, len, &out[n]) != 0)
			return -1;
		n++;
		p += len;
	}
	return (int)n;
}

int http_forwarded_client(const char *xff, const struct http_addr *trusted, size_t ntrusted,
			  struct http_addr *out)
{
	if (!xff)
		return -1;
	size_t end = strlen(xff);
	while (end > 0) {
		/* the hop before end: from the comma before it */
		size_t start = end;
		while (start > 0 && xff[start - 1] != ',')
			start--;
		size_t a = start, b = end;
		while (a < b && (xff[a] == ' ' || xff[a] == '\t'))
			a++;
		while (b > a && (xff[b - 1] == ' ' || xff[b - 1] == '\t'))
			b--;
		if (a < b) { /* empty items ("a,,b") are skipped, as RFC 9110 lists allow */
			struct http_addr hop;
			if (http_addr_parse(xff + a, b - a, &hop) != 0)
				return -1;
			if (!http_addr_in(&hop, trusted, ntrusted)) {
				*out = hop;
				return 0;
			}
		}
		end = start > 0 ? start - 1 : 0;
	}
	return -1;
}
