/* transcript.c — a transcript's paragraphs: its lines with their speaker
 * labels ("I:", "B2:", "Frau K.:") and timestamps ("[00:12:31]",
 * "(12:31)", f4's "#00:12:31-5#"), positions in code points. Pure. */
#include "interviews/interviews.h"
#include "core/core.h"

#include <string.h>

long iv_cp_count(const char *s, size_t len)
{
	long n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

size_t iv_cp_offset(const char *s, size_t len, long cp)
{
	size_t i = 0;
	long n = 0;
	for (; i < len; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (n == cp)
				return i;
			n++;
		}
	}
	return len;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A time "m:ss", "mm:ss" or "h:mm:ss"/"hh:mm:ss" with an optional
 * fraction (".5", "-5") at s[0..len); its length, 0 when none; the time as
 * "hh:mm:ss" into out. */
static size_t read_time(const char *s, size_t len, char out[9])
{
	int part[3], np = 0;
	size_t i = 0;
	while (np < 3) {
		size_t d = 0;
		int v = 0;
		while (i + d < len && d < 2 && is_digit(s[i + d]))
			v = v * 10 + (s[i + d++] - '0');
		if (d == 0 || (np > 0 && (d != 2 || v > 59)))
			break;
		part[np++] = v;
		i += d;
		if (np < 3 && i + 1 < len && s[i] == ':' && is_digit(s[i + 1]))
			i++;
		else
			break;
	}
	if (np < 2)
		return 0;
	if (i + 1 < len && (s[i] == '.' || s[i] == '-' || s[i] == ',') && is_digit(s[i + 1])) {
		i++;
		while (i < len && is_digit(s[i]))
			i++;
	}
	int h = np == 3 ? part[0] : 0, m = np == 3 ? part[1] : part[0], sec = np == 3 ? part[2] : part[1];
	if (m > 59)
		return 0;
	out[0] = (char)('0' + h / 10 % 10);
	out[1] = (char)('0' + h % 10);
	out[2] = ':';
	out[3] = (char)('0' + m / 10);
	out[4] = (char)('0' + m % 10);
	out[5] = ':';
	out[6] = (char)('0' + sec / 10);
	out[7] = (char)('0' + sec % 10);
	out[8] = '\0';
	return i;
}

/* A bracketed timestamp at s[0..len): "[t]", "(t)", "#t#"; its length
 * with the brackets, 0 when none. */
static size_t read_stamp(const char *s, size_t len, char out[9])
{
	if (len < 3)
		return 0;
	char close = s[0] == '[' ? ']' : s[0] == '(' ? ')' : s[0] == '#' ? '#' : 0;
	if (!close)
		return 0;
	size_t t = read_time(s + 1, len - 1, out);
	if (t == 0 || 1 + t >= len || s[1 + t] != close)
		return 0;
	return t + 2;
}

static int is_upper_start(const char *s)
{
	unsigned char c = (unsigned char)*s;
	return (c >= 'A' && c <= 'Z') || is_digit((char)c) || c >= 0xC3; /* Ä Ö Ü and other scripts */
}

/* A speaker label "NAME:" at s[0..len) followed by a blank or the end:
 * one to three words of at most 30 bytes, each starting with a capital or
 * a digit (so that "Das Problem ist: ..." is no label), or a placeholder
 * of the pseudonymisation helper ("[Name 1]:"). Its length without the
 * colon, 0 when none. */
static size_t read_label(const char *s, size_t len)
{
	size_t b = len > 0 && s[0] == '[';
	if (len < 2 + b || !is_upper_start(s + b) || is_digit(s[b]))
		return 0;
	int words = 1;
	for (size_t i = 1 + b; i < len && i <= 30; i++) {
		char c = s[i];
		if (c == ']' && b && i + 1 < len && s[i + 1] == ':')
			continue;
		if (c == ':') {
			if (i + 1 < len && s[i + 1] != ' ' && s[i + 1] != '\t')
				return 0;
			return s[i - 1] == ' ' ? 0 : i;
		}
		if (c == ' ') {
			if (++words > 3 || i + 1 >= len || !is_upper_start(s + i + 1))
				return 0;
		} else if (c == '\t' || (unsigned char)c < 0x20 || c == '"' || c == '?' || c == '!' || c == ',' ||
			   c == ';') {
			return 0;
		}
	}
	return 0;
}

static int blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\f' && s[i] != '\v')
			return 0;
	return 1;
}

int iv_transcript_parse(arena *a, const char *text, size_t len, struct iv_para **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (len && utf8_count(text, len) < 0)
		return -1;
	size_t cap = 0;
	struct iv_para *v = NULL;
	const char *speaker = "";
	long cp = 0;
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && text[j] != '\n' && text[j] != '\r')
			j++;
		const char *line = text + i;
		size_t ll = j - i;
		long lcp = iv_cp_count(line, ll);
		if (!blank(line, ll)) {
			v = arena_grow(a, v, *n, &cap, sizeof(*v), 64);
			struct iv_para *p = &v[*n];
			memset(p, 0, sizeof(*p));
			p->n = (long)*n + 1;
			p->start = cp;
			p->end = cp + lcp;
			p->text = arena_strndup(a, line, ll);
			p->stamp = "";
			/* leading blanks, then a timestamp, then a label */
			size_t k = 0;
			while (k < ll && (line[k] == ' ' || line[k] == '\t'))
				k++;
			char t[9];
			size_t sl = read_stamp(line + k, ll - k, t);
			if (sl == 0 && (sl = read_time(line + k, ll - k, t)) > 0 && !(k + sl < ll && line[k + sl] == ' '))
				sl = 0;
			if (sl) {
				p->stamp = arena_strdup(a, t);
				k += sl;
				while (k < ll && (line[k] == ' ' || line[k] == '\t'))
					k++;
			}
			size_t lab = read_label(line + k, ll - k);
			if (lab) {
				speaker = arena_strndup(a, line + k, lab);
				p->turn = 1;
			}
			p->speaker = speaker;
			/* a timestamp at the end: "... #00:12:31-5#" or "... [00:12:31]" */
			if (!*p->stamp) {
				size_t e = ll;
				while (e > k && (line[e - 1] == ' ' || line[e - 1] == '\t'))
					e--;
				for (size_t b = e > 16 ? e - 16 : k; b + 3 <= e; b++) {
					if (read_stamp(line + b, e - b, t) == e - b) {
						p->stamp = arena_strdup(a, t);
						break;
					}
				}
			}
			(*n)++;
		}
		cp += lcp;
		if (j < len) {
			/* the line end: \r\n counts two code points, as the text has them */
			if (text[j] == '\r' && j + 1 < len && text[j + 1] == '\n') {
				cp += 2;
				j += 2;
			} else {
				cp += 1;
				j += 1;
			}
		}
		i = j;
	}
	*out = v;
	return 0;
}
