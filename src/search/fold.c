/* fold.c — the search form of one token after unicode61 (lower case,
 * Latin diacritics removed), for the scripts of the people who search:
 * German (ß -> ss, "ae/oe/ue" -> "a/o/u"), Arabic and Farsi (the forms
 * of alef, ya, kaf and heh made one, tatweel and harakat dropped,
 * Arabic-Indic and Persian digits as ASCII), Cyrillic (ё -> е; the
 * Ukrainian і, ї, є, ґ stay letters of their own) and Turkish (ı -> i);
 * which script a folded token is in, and the light Arabic stemmer. The
 * contract: search.h and search_internal.h. */
#include "search/search_internal.h"

#include <string.h>

/* Bytes in the UTF-8 sequence that starts with c (1 for stray bytes). */
static size_t seq_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* The search form of a character of two bytes (U+0080..U+07FF): another
 * code point, 0 to drop it, or cp itself. */
static unsigned fold_cp(unsigned cp)
{
	switch (cp) {
	case 0x0131: return 'i';                 /* Turkish dotless ı: people type i */
	case 0x0451: return 0x0435;              /* ё -> е */
	case 0x0622: case 0x0623: case 0x0625:   /* آ أ إ */
	case 0x0671: case 0x0672: case 0x0673:   /* ٱ and the wavy hamzas */
		return 0x0627;                   /* -> ا */
	case 0x0649: case 0x06CC: case 0x06D2:   /* ى, Farsi ی, ے */
		return 0x064A;                   /* -> ي */
	case 0x06A9: return 0x0643;              /* Farsi ک -> ك */
	case 0x0629: case 0x06C0: case 0x06C1:   /* ة ۀ ہ */
		return 0x0647;                   /* -> ه (as search engines do) */
	case 0x0640: return 0;                   /* tatweel */
	case 0x0670: return 0;                   /* superscript alef */
	}
	if ((cp >= 0x064B && cp <= 0x065F) || (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x06D6 && cp <= 0x06ED))
		return 0;                        /* harakat and Quranic marks */
	if (cp >= 0x0660 && cp <= 0x0669)
		return '0' + (cp - 0x0660);      /* Arabic-Indic digits */
	if (cp >= 0x06F0 && cp <= 0x06F9)
		return '0' + (cp - 0x06F0);      /* Persian digits */
	return cp;
}

size_t search_fold(const char *tok, size_t n, char *out, size_t outcap)
{
	size_t o = 0;
	if (outcap == 0)
		return 0;
	for (size_t i = 0; i < n;) {
		const unsigned char *u = (const unsigned char *)tok + i;
		const char *rep = tok + i;
		char two[2];
		size_t in = seq_len(u[0]), rl;
		if (in > n - i)
			in = n - i;
		rl = in;
		if (in == 2 && u[0] == 0xC3 && u[1] == 0x9F) { /* ß */
			rep = "ss";
		} else if (in == 3 && u[0] == 0xE1 && u[1] == 0xBA && u[2] == 0x9E) { /* ẞ */
			rep = "ss";
			rl = 2;
		} else if (u[0] == 'e' && o > 0 && (out[o - 1] == 'a' || out[o - 1] == 'o' || out[o - 1] == 'u')) {
			i++; /* ae = ä = a, oe = ö = o, ue = ü = u */
			continue;
		} else if (in == 2 && (u[1] & 0xC0) == 0x80) {
			unsigned cp = ((unsigned)(u[0] & 0x1F) << 6) | (u[1] & 0x3F), f = fold_cp(cp);
			if (f != cp) {
				rl = f == 0 ? 0 : f < 0x80 ? 1 : 2;
				two[0] = (char)(f < 0x80 ? f : 0xC0 | (f >> 6));
				two[1] = (char)(0x80 | (f & 0x3F));
				rep = two;
			}
		}
		if (o + rl > outcap - 1)
			break; /* cut before a whole character */
		memcpy(out + o, rep, rl);
		o += rl;
		i += in;
	}
	out[o] = '\0';
	return o;
}

enum search_script search_script_of(const char *w, size_t n)
{
	enum search_script sc = SCRIPT_OTHER;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)w[i];
		enum search_script this;
		if (c >= 'a' && c <= 'z') {
			this = SCRIPT_LATIN;
			i++;
		} else if (c >= 0xD0 && c <= 0xD3 && i + 1 < n) { /* U+0400..U+04FF */
			this = SCRIPT_CYRILLIC;
			i += 2;
		} else if (c >= 0xD8 && c <= 0xDB && i + 1 < n) { /* U+0600..U+06FF */
			this = SCRIPT_ARABIC;
			i += 2;
		} else {
			return SCRIPT_OTHER; /* digits, other scripts, a mix */
		}
		if (sc != SCRIPT_OTHER && sc != this)
			return SCRIPT_OTHER;
		sc = this;
	}
	return sc;
}

/* ---- the light Arabic stemmer (for Farsi too): the article and the
 * prepositions written with it in front, and the common endings of
 * plurals, the feminine and pronouns at the end, so that "الألمانية",
 * "ألمانية" and "آلمانی" meet. Letters are two bytes each. ---- */

static const char *const ar_prefixes[] = { "وال", "بال", "كال", "فال", "لل", "ال" };
static const char *const ar_suffixes[] = { "ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي" };

size_t search_arabic_stem(char *w, size_t n)
{
	/* twice: "الألمانية" is the article before "ألمانية", whose alef
	 * and lam fold to one as well */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < sizeof(ar_prefixes) / sizeof(*ar_prefixes); i++) {
			size_t k = strlen(ar_prefixes[i]);
			if (n >= k + 4 && memcmp(w, ar_prefixes[i], k) == 0) { /* two letters stay */
				memmove(w, w + k, n - k);
				n -= k;
				break;
			}
		}
	}
	for (size_t i = 0; i < sizeof(ar_suffixes) / sizeof(*ar_suffixes); i++) {
		size_t k = strlen(ar_suffixes[i]);
		if (n >= k + 4 && memcmp(w + n - k, ar_suffixes[i], k) == 0)
			n -= k;
	}
	w[n] = '\0';
	return n;
}
