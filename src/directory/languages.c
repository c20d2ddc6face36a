/* languages.c — a small table of ISO 639 language codes with their German
 * and English names (the languages offers are given in). */
#include "directory/languages.h"

#include <stddef.h>
#include <strings.h>

static const struct {
	const char *code, *de, *en;
} names[] = {
	{ "de", "Deutsch", "German" },
	{ "en", "Englisch", "English" },
	{ "ar", "Arabisch", "Arabic" },
	{ "tr", "Türkisch", "Turkish" },
	{ "fa", "Persisch (Farsi)", "Persian (Farsi)" },
	{ "prs", "Dari", "Dari" },
	{ "ps", "Paschtu", "Pashto" },
	{ "ku", "Kurdisch", "Kurdish" },
	{ "ckb", "Kurdisch (Sorani)", "Kurdish (Sorani)" },
	{ "kmr", "Kurdisch (Kurmandschi)", "Kurdish (Kurmanji)" },
	{ "ti", "Tigrinya", "Tigrinya" },
	{ "am", "Amharisch", "Amharic" },
	{ "so", "Somali", "Somali" },
	{ "ru", "Russisch", "Russian" },
	{ "uk", "Ukrainisch", "Ukrainian" },
	{ "pl", "Polnisch", "Polish" },
	{ "ro", "Rumänisch", "Romanian" },
	{ "bg", "Bulgarisch", "Bulgarian" },
	{ "hu", "Ungarisch", "Hungarian" },
	{ "sq", "Albanisch", "Albanian" },
	{ "sr", "Serbisch", "Serbian" },
	{ "hr", "Kroatisch", "Croatian" },
	{ "bs", "Bosnisch", "Bosnian" },
	{ "el", "Griechisch", "Greek" },
	{ "fr", "Französisch", "French" },
	{ "it", "Italienisch", "Italian" },
	{ "es", "Spanisch", "Spanish" },
	{ "pt", "Portugiesisch", "Portuguese" },
	{ "ur", "Urdu", "Urdu" },
	{ "hi", "Hindi", "Hindi" },
	{ "vi", "Vietnamesisch", "Vietnamese" },
	{ "zh", "Chinesisch", "Chinese" },
	{ "gsg", "Deutsche Gebärdensprache", "German Sign Language" },
};

const char *dir_language_name(const char *code, const char *ui_lang)
{
	if (!code)
		return NULL;
	int en = ui_lang && ui_lang[0] == 'e' && ui_lang[1] == 'n' && !ui_lang[2];
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(names[i].code, code) == 0)
			return en ? names[i].en : names[i].de;
	return NULL;
}
