/* test_parse.c — unit tests for the request parsers: urlencoded text, cookies, Accept-Language, %-decoding,
 * client addresses and X-Forwarded-For. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "http/http.h"

static int setup(void **state)
{
	*state = arena_new();
	return 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static int parse(arena *a, const char *s, struct kvlist *l, size_t max)
{
	memset(l, 0, sizeof(*l));
	return http_parse_urlencoded(a, s, strlen(s), l, max);
}

/* A macro, so that a failure names the caller's line. */
#define assert_kv(l, i, k_, v_)                                   \
	do {                                                      \
		assert_true((i) < (l)->n);                        \
		assert_string_equal((l)->items[i].key, (k_));     \
		assert_string_equal((l)->items[i].val, (v_));     \
		assert_int_equal((l)->items[i].len, strlen(v_));  \
	} while (0)

static void test_urlencoded_basic(void **state)
{
	arena *a = *state;
	struct kvlist l;
	assert_int_equal(parse(a, "a=1&b=two&c=", &l, 100), 0);
	assert_int_equal(l.n, 3);
	assert_kv(&l, 0, "a", "1");
	assert_kv(&l, 1, "b", "two");
	assert_kv(&l, 2, "c", "");

	/* '+' is a space, %XX decoded in keys and values */
	assert_int_equal(parse(a, "q=hello+world&n%61me=J%C3%BCrgen%20M.&x%2By=1%2B1%3D2", &l, 100), 0);
	assert_int_equal(l.n, 3);
	assert_kv(&l, 0, "q", "hello world");
	assert_kv(&l, 1, "name", "Jürgen M.");
	assert_kv(&l, 2, "x+y", "1+1=2");

	/* lower-case hex, and an encoded '&' and '=' do not split */
	assert_int_equal(parse(a, "k=%3d%26%3b&z=%e2%82%ac", &l, 100), 0);
	assert_int_equal(l.n, 2);
	assert_kv(&l, 0, "k", "=&;");
	assert_kv(&l, 1, "z", "€");

	/* the empty string, and only separators */
	assert_int_equal(parse(a, "", &l, 100), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(parse(a, "&&;;&", &l, 100), 0);
	assert_int_equal(l.n, 0);
}

/* A key with escapes is shorter once decoded; its value must not take
 * bytes from the next pair. */
static void test_urlencoded_encoded_key_value_length(void **state)
{
	arena *a = *state;
	struct kvlist l;
	assert_int_equal(parse(a, "%41=b&c=d", &l, 100), 0);
	assert_int_equal(l.n, 2);
	assert_kv(&l, 0, "A", "b");
	assert_kv(&l, 1, "c", "d");

	assert_int_equal(parse(a, "%C3%BC%C3%9F=%C3%A4&next=1", &l, 100), 0);
	assert_int_equal(l.n, 2);
	assert_kv(&l, 0, "üß", "ä");
	assert_kv(&l, 1, "next", "1");

	/* at the very end of the input (no following pair to borrow from) */
	const char src[] = "x=1&%61%62%63=v";
	char *copy = arena_strndup(a, src, sizeof(src) - 1);
	memset(&l, 0, sizeof(l));
	assert_int_equal(http_parse_urlencoded(a, copy, sizeof(src) - 1, &l, 100), 0);
	assert_int_equal(l.n, 2);
	assert_kv(&l, 1, "abc", "v");
}

static void test_urlencoded_invalid_escapes(void **state)
{
	arena *a = *state;
	struct kvlist l;
	assert_int_equal(parse(a, "a=%ZZ&b=%4&c=%&d=100%&e=%G1&f=%1", &l, 100), 0);
	assert_int_equal(l.n, 6);
	assert_kv(&l, 0, "a", "%ZZ");
	assert_kv(&l, 1, "b", "%4");
	assert_kv(&l, 2, "c", "%");
	assert_kv(&l, 3, "d", "100%");
	assert_kv(&l, 4, "e", "%G1");
	assert_kv(&l, 5, "f", "%1");
	/* "%%41" keeps the first % and decodes the rest */
	assert_int_equal(parse(a, "p=%%41", &l, 100), 0);
	assert_kv(&l, 0, "p", "%A");
}

static void test_urlencoded_shapes(void **state)
{
	arena *a = *state;
	struct kvlist l;
	/* pairs without '=' get "", empty keys are skipped, ';' separates */
	assert_int_equal(parse(a, "flag&=novalue&x=1;y=2&&=&z", &l, 100), 0);
	assert_int_equal(l.n, 4);
	assert_kv(&l, 0, "flag", "");
	assert_kv(&l, 1, "x", "1");
	assert_kv(&l, 2, "y", "2");
	assert_kv(&l, 3, "z", "");
	assert_null(kv_get(&l, ""));

	/* '=' inside a value is kept */
	assert_int_equal(parse(a, "a==b=c", &l, 100), 0);
	assert_int_equal(l.n, 1);
	assert_kv(&l, 0, "a", "=b=c");

	/* repeated keys are kept in order */
	assert_int_equal(parse(a, "t=1&u=x&t=2&t=3", &l, 100), 0);
	assert_int_equal(l.n, 4);
	assert_kv(&l, 0, "t", "1");
	assert_kv(&l, 2, "t", "2");
	assert_kv(&l, 3, "t", "3");
	assert_string_equal(kv_get(&l, "t"), "1");
	assert_int_equal(kv_count(&l, "t"), 3);
	assert_int_equal(kv_count(&l, "u"), 1);
	assert_int_equal(kv_count(&l, "v"), 0);
	assert_null(kv_get(&l, "v"));
	assert_null(kv_get(&l, "T")); /* keys are case-sensitive */

	/* only len bytes are read */
	memset(&l, 0, sizeof(l));
	assert_int_equal(http_parse_urlencoded(a, "a=1&b=2", 3, &l, 100), 0);
	assert_int_equal(l.n, 1);
	assert_kv(&l, 0, "a", "1");
}

static void test_urlencoded_max_pairs(void **state)
{
	arena *a = *state;
	struct kvlist l;
	assert_int_equal(parse(a, "a=1&b=2&c=3", &l, 3), 0);
	assert_int_equal(l.n, 3);
	assert_int_equal(parse(a, "a=1&b=2&c=3&d=4", &l, 3), -1);
	assert_int_equal(l.n, 3); /* the rest are ignored */
	assert_null(kv_get(&l, "d"));
	assert_int_equal(parse(a, "a=1", &l, 0), -1);
	assert_int_equal(l.n, 0);

	/* many pairs: the list grows */
	char big[8000];
	size_t o = 0;
	for (int i = 0; i < 500; i++)
		o += (size_t)snprintf(big + o, sizeof(big) - o, "k%d=%d&", i, i);
	assert_int_equal(parse(a, big, &l, 1000), 0);
	assert_int_equal(l.n, 500);
	assert_kv(&l, 0, "k0", "0");
	assert_kv(&l, 499, "k499", "499");
	assert_int_equal(parse(a, big, &l, 499), -1);
	assert_int_equal(l.n, 499);
}

static void test_urlencoded_nul(void **state)
{
	arena *a = *state;
	struct kvlist l;
	/* a key with %00 is not a name anyone declares: the pair is dropped */
	assert_int_equal(parse(a, "a%00b=1&ok=2&%00=3", &l, 100), 0);
	assert_int_equal(l.n, 1);
	assert_kv(&l, 0, "ok", "2");
	assert_null(kv_get(&l, "a"));

	/* a value with %00 keeps its full length in len */
	assert_int_equal(parse(a, "v=x%00y&w=%00", &l, 100), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.items[0].key, "v");
	assert_int_equal(l.items[0].len, 3);
	assert_memory_equal(l.items[0].val, "x\0y", 4);
	assert_int_equal(l.items[1].len, 1);
	assert_memory_equal(l.items[1].val, "\0", 2);

	/* a raw NUL byte inside the input */
	const char raw[] = "r=a\0b&s=1";
	memset(&l, 0, sizeof(l));
	assert_int_equal(http_parse_urlencoded(a, raw, sizeof(raw) - 1, &l, 100), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.items[0].len, 3);
	assert_memory_equal(l.items[0].val, "a\0b", 4);
	assert_kv(&l, 1, "s", "1");
}

static int cookies(arena *a, const char *h, struct kvlist *l, size_t max)
{
	memset(l, 0, sizeof(*l));
	return http_parse_cookies(a, h, l, max);
}

static void test_cookies(void **state)
{
	arena *a = *state;
	struct kvlist l;
	assert_int_equal(cookies(a, "a=1; b=2", &l, 10), 0);
	assert_int_equal(l.n, 2);
	assert_kv(&l, 0, "a", "1");
	assert_kv(&l, 1, "b", "2");

	/* spaces and tabs around names and values; no decoding */
	assert_int_equal(cookies(a, "  sid = abc%20def ;\tlang=en\t;x=a+b", &l, 10), 0);
	assert_int_equal(l.n, 3);
	assert_kv(&l, 0, "sid", "abc%20def");
	assert_kv(&l, 1, "lang", "en");
	assert_kv(&l, 2, "x", "a+b");

	/* surrounding quotes are removed, lone quotes are kept */
	assert_int_equal(cookies(a, "q=\"quoted value\"; r=\"; s=\"\"; t=a\"b\"", &l, 10), 0);
	assert_int_equal(l.n, 4);
	assert_kv(&l, 0, "q", "quoted value");
	assert_kv(&l, 1, "r", "\"");
	assert_kv(&l, 2, "s", "");
	assert_kv(&l, 3, "t", "a\"b\"");

	/* empty values, missing '=', empty names, empty items */
	assert_int_equal(cookies(a, "e=; novalue; =x; ;;  ; f=1=2", &l, 10), 0);
	assert_int_equal(l.n, 2);
	assert_kv(&l, 0, "e", "");
	assert_kv(&l, 1, "f", "1=2");

	assert_int_equal(cookies(a, "", &l, 10), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(cookies(a, NULL, &l, 10), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(cookies(a, ";", &l, 10), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(cookies(a, "   ", &l, 10), 0);
	assert_int_equal(l.n, 0);

	/* repeated names kept in order; kv_get gives the first */
	assert_int_equal(cookies(a, "sid=one; sid=two", &l, 10), 0);
	assert_int_equal(kv_count(&l, "sid"), 2);
	assert_string_equal(kv_get(&l, "sid"), "one");
}

static void test_cookies_max_pairs(void **state)
{
	arena *a = *state;
	struct kvlist l;
	assert_int_equal(cookies(a, "a=1; b=2", &l, 2), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(cookies(a, "a=1; b=2; c=3", &l, 2), -1);
	assert_int_equal(l.n, 2);
	assert_null(kv_get(&l, "c"));
	/* items without '=' do not count */
	assert_int_equal(cookies(a, "x; y; a=1; z; b=2", &l, 2), 0);
	assert_int_equal(l.n, 2);
}

static const char *const langs[] = { "de", "en", NULL };

static void test_pick_language(void **state)
{
	(void)state;
	assert_string_equal(http_pick_language("en", langs), "en");
	assert_string_equal(http_pick_language("de", langs), "de");
	/* the first with the highest q wins */
	assert_string_equal(http_pick_language("en, de", langs), "en");
	assert_string_equal(http_pick_language("de,en", langs), "de");
	assert_string_equal(http_pick_language("en;q=0.5, de;q=0.9", langs), "de");
	assert_string_equal(http_pick_language("de;q=0.3,en;q=0.7", langs), "en");
	assert_string_equal(http_pick_language("en; q=0.8 , de ; q=0.2", langs), "en");
	/* region subtags and case */
	assert_string_equal(http_pick_language("de-DE,de;q=0.9,en;q=0.8", langs), "de");
	assert_string_equal(http_pick_language("EN-gb", langs), "en");
	assert_string_equal(http_pick_language("fr-FR, fr;q=0.9, en-US;q=0.8, de;q=0.7", langs), "en");
	/* unsupported ones are passed over */
	assert_string_equal(http_pick_language("tr, ar;q=0.9, de;q=0.1", langs), "de");
	/* q=0 means "not acceptable" */
	assert_null(http_pick_language("en;q=0", langs));
	assert_string_equal(http_pick_language("en;q=0, de;q=0.1", langs), "de");
	/* the result is the canonical static string from the list */
	assert_ptr_equal(http_pick_language("DE", langs), langs[0]);
}

static void test_pick_language_none(void **state)
{
	(void)state;
	assert_null(http_pick_language("fr, tr;q=0.9, ar-SY", langs));
	assert_null(http_pick_language("", langs));
	assert_null(http_pick_language(NULL, langs));
	assert_null(http_pick_language("*", langs));
	/* prefixes and longer tags are not the same language */
	assert_null(http_pick_language("d, e, deu, eng, den", langs));
	assert_null(http_pick_language("-de, _en", langs));
	/* garbage does not crash and finds nothing */
	assert_null(http_pick_language(",,,;;;===", langs));
	assert_null(http_pick_language(";q=1, ;, q=, ,", langs));
	assert_null(http_pick_language("\x01\xff\xfe", langs));
	assert_string_equal(http_pick_language("xx;q=abc, en;q=0.1", langs), "en");
	assert_string_equal(http_pick_language("en;q=0.123456789012345", langs), "en");
	assert_string_equal(http_pick_language("en;", langs), "en");
	assert_string_equal(http_pick_language("en;q", langs), "en");
	static const char *const none[] = { NULL };
	assert_null(http_pick_language("de, en", none));
}

static size_t decode(char *dst, const char *src, int plus)
{
	strcpy(dst, src);
	return http_url_decode(dst, strlen(src), plus);
}

static void test_url_decode(void **state)
{
	(void)state;
	char s[64];
	assert_int_equal(decode(s, "a%20b+c", 1), 5);
	assert_string_equal(s, "a b c");
	assert_int_equal(decode(s, "a%20b+c", 0), 5);
	assert_string_equal(s, "a b+c");
	assert_int_equal(decode(s, "%41%42%43", 0), 3);
	assert_string_equal(s, "ABC");
	assert_int_equal(decode(s, "%c3%bc", 0), 2);
	assert_string_equal(s, "ü");
	/* invalid escapes are kept as they are */
	assert_int_equal(decode(s, "%zz%4%", 0), 6);
	assert_string_equal(s, "%zz%4%");
	assert_int_equal(decode(s, "100%", 0), 4);
	assert_string_equal(s, "100%");
	/* a decoded % does not start another escape */
	assert_int_equal(decode(s, "%2541", 0), 3);
	assert_string_equal(s, "%41");
	assert_int_equal(decode(s, "", 1), 0);
	assert_string_equal(s, "");
	/* %00 decodes to a NUL byte and the length says so */
	assert_int_equal(decode(s, "a%00b", 0), 3);
	assert_memory_equal(s, "a\0b", 3);
	/* only len bytes are looked at */
	strcpy(s, "%41%42");
	assert_int_equal(http_url_decode(s, 3, 0), 1);
	assert_int_equal(s[0], 'A');
	strcpy(s, "%41");
	assert_int_equal(http_url_decode(s, 2, 0), 2);
	assert_memory_equal(s, "%4", 2);
}

static void test_kv_add_get(void **state)
{
	arena *a = *state;
	struct kvlist l = { 0 };
	assert_null(kv_get(&l, "x"));
	assert_int_equal(kv_count(&l, "x"), 0);
	char key[8] = "k", val[8] = "v";
	kv_add(a, &l, key, val, 1);
	/* copies: changing the source does not change the list */
	key[0] = 'z';
	val[0] = 'z';
	assert_string_equal(kv_get(&l, "k"), "v");
	for (int i = 0; i < 100; i++)
		kv_add(a, &l, i % 2 ? "odd" : "even", "x", 1);
	assert_int_equal(l.n, 101);
	assert_int_equal(kv_count(&l, "odd"), 50);
	assert_int_equal(kv_count(&l, "even"), 50);
	assert_string_equal(kv_get(&l, "k"), "v");
	kv_add(a, &l, "bin", "a\0b", 3);
	assert_int_equal(l.items[101].len, 3);
	assert_memory_equal(kv_get(&l, "bin"), "a\0b", 4);
}


/* The text of an address parsed from s, or "-" when it is none. */
static const char *addr_of(const char *s)
{
	static char out[HTTP_ADDR_TEXT];
	struct http_addr a;
	if (http_addr_parse(s, strlen(s), &a) != 0)
		return "-";
	http_addr_text(&a, out);
	return out;
}

static void test_addr_parse(void **state)
{
	(void)state;
	assert_string_equal(addr_of("203.0.113.7"), "203.0.113.7");
	assert_string_equal(addr_of("203.0.113.7:4711"), "203.0.113.7");
	assert_string_equal(addr_of("2001:DB8:0::7"), "2001:db8::7");
	assert_string_equal(addr_of("[2001:db8::7]"), "2001:db8::7");
	assert_string_equal(addr_of("[2001:db8::7]:443"), "2001:db8::7");
	assert_string_equal(addr_of("::1"), "::1");
	/* an IPv4-mapped address is the IPv4 address */
	assert_string_equal(addr_of("::ffff:198.51.100.1"), "198.51.100.1");
	struct http_addr a, b;
	assert_int_equal(http_addr_parse("::ffff:10.0.0.1", 15, &a), 0);
	assert_int_equal(a.family, AF_INET);
	assert_int_equal(http_addr_parse("10.0.0.1", 8, &b), 0);
	assert_true(http_addr_equal(&a, &b));
	assert_int_equal(http_addr_parse("10.0.0.2", 8, &b), 0);
	assert_false(http_addr_equal(&a, &b));
	/* not addresses */
	static const char *const bad[] = {
		"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4:", "1.2.3.4:x", "1.2.3.4:123456",
		" 1.2.3.4", "1.2.3.4 ", "[::1", "[::1]x", "[::1]:", "[]", "[1.2.3.4]x", "unknown",
		"localhost", "1.2.3.4:80:80", "::1]", "[::1]:80:80",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (strcmp(addr_of(bad[i]), "-") != 0)
			fail_msg("'%s' taken as %s", bad[i], addr_of(bad[i]));
	/* only len bytes count, and a NUL inside is refused */
	assert_int_equal(http_addr_parse("10.0.0.1xyz", 8, &a), 0);
	assert_int_equal(http_addr_parse("10.0\0.0.1", 10, &a), -1);
}

static void test_addr_list(void **state)
{
	(void)state;
	struct http_addr l[3];
	assert_int_equal(http_addr_list_parse("", l, 3), 0);
	assert_int_equal(http_addr_list_parse("127.0.0.1", l, 3), 1);
	assert_int_equal(http_addr_list_parse(" 127.0.0.1, ::1 ,10.0.0.1", l, 3), 3);
	char t[HTTP_ADDR_TEXT];
	http_addr_text(&l[1], t);
	assert_string_equal(t, "::1");
	assert_true(http_addr_in(&l[2], l, 3));
	assert_false(http_addr_in(&l[2], l, 2));
	assert_int_equal(http_addr_list_parse("127.0.0.1 localhost", l, 3), -1);
	assert_int_equal(http_addr_list_parse("1.1.1.1,2.2.2.2,3.3.3.3,4.4.4.4", l, 3), -1);
}

/* The client behind proxies 127.0.0.1 and ::1, or "-". */
static const char *client_of(const char *xff)
{
	static char out[HTTP_ADDR_TEXT];
	struct http_addr trusted[2], c;
	assert_int_equal(http_addr_list_parse("127.0.0.1,::1", trusted, 2), 2);
	if (http_forwarded_client(xff, trusted, 2, &c) != 0)
		return "-";
	http_addr_text(&c, out);
	return out;
}

static void test_forwarded_client(void **state)
{
	(void)state;
	assert_string_equal(client_of("198.51.100.1"), "198.51.100.1");
	/* the right-most hop counts: what is left of it the client wrote */
	assert_string_equal(client_of("203.0.113.9, 198.51.100.1"), "198.51.100.1");
	assert_string_equal(client_of("not an address, 198.51.100.1"), "198.51.100.1");
	/* trusted proxies on the right are skipped */
	assert_string_equal(client_of("203.0.113.9, 198.51.100.1, 127.0.0.1,::1"), "198.51.100.1");
	assert_string_equal(client_of("198.51.100.1,127.0.0.1, ::ffff:127.0.0.1"), "198.51.100.1");
	/* empty items and spaces */
	assert_string_equal(client_of(" 198.51.100.1 ,, \t,"), "198.51.100.1");
	assert_string_equal(client_of("[2001:db8::1]:4711, 127.0.0.1"), "2001:db8::1");
	/* no client: nothing, only proxies, or the right-most hop is no address */
	assert_string_equal(client_of(NULL), "-");
	assert_string_equal(client_of(""), "-");
	assert_string_equal(client_of(" , ,"), "-");
	assert_string_equal(client_of("127.0.0.1, ::1"), "-");
	assert_string_equal(client_of("198.51.100.1, unknown"), "-");
	assert_string_equal(client_of("198.51.100.1, 127.0.0.1, _hidden"), "-");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_urlencoded_basic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_encoded_key_value_length, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_invalid_escapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_shapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_max_pairs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_urlencoded_nul, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cookies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cookies_max_pairs, setup, teardown),
		cmocka_unit_test(test_pick_language),
		cmocka_unit_test(test_pick_language_none),
		cmocka_unit_test(test_url_decode),
		cmocka_unit_test_setup_teardown(test_kv_add_get, setup, teardown),
		cmocka_unit_test(test_addr_parse),
		cmocka_unit_test(test_addr_list),
		cmocka_unit_test(test_forwarded_client),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
