/* languages.c — a small table of ISO 639 language codes with their German
 * names (the languages offers are given in), translated through po/, and
 * the way back from a name a person types to its code. */
#include "directory/languages.h"
#include "core/i18n.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *code, *name; /* name: German, the msgid of its translations */
	const char *en, *alias;  /* English name; another common name or NULL */
} names[] = {
	{ "de", N_("Deutsch"), "German", NULL },
	{ "en", N_("Englisch"), "English", NULL },
	{ "ar", N_("Arabisch"), "Arabic", NULL },
	{ "tr", N_("Türkisch"), "Turkish", NULL },
	{ "fa", N_("Persisch (Farsi)"), "Persian", "Farsi" },
	{ "prs", N_("Dari"), "Dari", NULL },
	{ "ps", N_("Paschtu"), "Pashto", "Paschto" },
	{ "ku", N_("Kurdisch"), "Kurdish", NULL },
	{ "ckb", N_("Kurdisch (Sorani)"), "Sorani", "Sorani" },
	{ "kmr", N_("Kurdisch (Kurmandschi)"), "Kurmanji", "Kurmandschi" },
	{ "ti", N_("Tigrinya"), "Tigrinya", "Tigrinisch" },
	{ "am", N_("Amharisch"), "Amharic", NULL },
	{ "so", N_("Somali"), "Somali", NULL },
	{ "ru", N_("Russisch"), "Russian", NULL },
	{ "uk", N_("Ukrainisch"), "Ukrainian", NULL },
	{ "pl", N_("Polnisch"), "Polish", NULL },
	{ "ro", N_("Rumänisch"), "Romanian", NULL },
	{ "bg", N_("Bulgarisch"), "Bulgarian", NULL },
	{ "hu", N_("Ungarisch"), "Hungarian", NULL },
	{ "sq", N_("Albanisch"), "Albanian", NULL },
	{ "sr", N_("Serbisch"), "Serbian", NULL },
	{ "hr", N_("Kroatisch"), "Croatian", NULL },
	{ "bs", N_("Bosnisch"), "Bosnian", NULL },
	{ "el", N_("Griechisch"), "Greek", NULL },
	{ "fr", N_("Französisch"), "French", NULL },
	{ "it", N_("Italienisch"), "Italian", NULL },
	{ "es", N_("Spanisch"), "Spanish", NULL },
	{ "pt", N_("Portugiesisch"), "Portuguese", NULL },
	{ "ur", N_("Urdu"), "Urdu", NULL },
	{ "hi", N_("Hindi"), "Hindi", NULL },
	{ "vi", N_("Vietnamesisch"), "Vietnamese", NULL },
	{ "zh", N_("Chinesisch"), "Chinese", NULL },
	{ "gsg", N_("Deutsche Gebärdensprache"), "German Sign Language", "DGS" },
	{ "mk", N_("Mazedonisch"), "Macedonian", NULL },
	{ "cs", N_("Tschechisch"), "Czech", NULL },
	{ "sk", N_("Slowakisch"), "Slovak", NULL },
	{ "nl", N_("Niederländisch"), "Dutch", NULL },
	{ "bn", N_("Bengalisch"), "Bengali", NULL },
	{ "ka", N_("Georgisch"), "Georgian", NULL },
	{ "hy", N_("Armenisch"), "Armenian", NULL },
	{ "az", N_("Aserbaidschanisch"), "Azerbaijani", NULL },
	{ "rom", N_("Romanes"), "Romani", NULL },
	{ "sw", N_("Suaheli"), "Swahili", "Swahili" },
};

const char *dir_language_name(const char *code, const char *ui_lang)
{
	if (!code)
		return NULL;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(names[i].code, code) == 0)
			return i18n_get(ui_lang, names[i].name);
	return NULL;
}

/* One character of s, lower case (ASCII, and the capitals Ä, Ö, Ü, two
 * bytes in UTF-8) into out[0..*nout); returns the bytes of s it took. */
static size_t fold_char(const char *s, char out[2], size_t *nout)
{
	unsigned char c = (unsigned char)s[0];
	out[0] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : s[0];
	*nout = 1;
	if (c == 0xC3 && (s[1] == '\x84' || s[1] == '\x96' || s[1] == '\x9C')) {
		out[1] = (char)(s[1] + 0x20);
		*nout = 2;
	} else if (c >= 0xC0 && s[1]) {
		out[1] = s[1];
		*nout = 2;
	}
	return *nout;
}

/* Whether the n bytes at s are name, case ignored. */
static int same_name(const char *s, size_t n, const char *name)
{
	size_t i = 0, k = 0, nk = name ? strlen(name) : 0;
	if (!name)
		return 0;
	while (i < n && k < nk) {
		char a[2], b[2];
		size_t na, nb;
		i += fold_char(s + i, a, &na);
		k += fold_char(name + k, b, &nb);
		if (na != nb || memcmp(a, b, na) != 0)
			return 0;
	}
	return i == n && k == nk;
}

const char *dir_language_code(const char *s, size_t n, const char *ui_lang)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (same_name(s, n, names[i].code) || same_name(s, n, names[i].name) ||
		    same_name(s, n, i18n_get(ui_lang, names[i].name)) || same_name(s, n, names[i].en) ||
		    same_name(s, n, names[i].alias))
			return names[i].code;
	return NULL;
}
