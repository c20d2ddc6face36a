/* languages.c — a small table of ISO 639 language codes with their German
 * names (the languages offers are given in), translated through po/. */
#include "directory/languages.h"
#include "core/i18n.h"

#include <stddef.h>
#include <strings.h>

static const struct {
	const char *code, *name; /* name: German, the msgid of its translations */
} names[] = {
	{ "de", N_("Deutsch") },
	{ "en", N_("Englisch") },
	{ "ar", N_("Arabisch") },
	{ "tr", N_("Türkisch") },
	{ "fa", N_("Persisch (Farsi)") },
	{ "prs", N_("Dari") },
	{ "ps", N_("Paschtu") },
	{ "ku", N_("Kurdisch") },
	{ "ckb", N_("Kurdisch (Sorani)") },
	{ "kmr", N_("Kurdisch (Kurmandschi)") },
	{ "ti", N_("Tigrinya") },
	{ "am", N_("Amharisch") },
	{ "so", N_("Somali") },
	{ "ru", N_("Russisch") },
	{ "uk", N_("Ukrainisch") },
	{ "pl", N_("Polnisch") },
	{ "ro", N_("Rumänisch") },
	{ "bg", N_("Bulgarisch") },
	{ "hu", N_("Ungarisch") },
	{ "sq", N_("Albanisch") },
	{ "sr", N_("Serbisch") },
	{ "hr", N_("Kroatisch") },
	{ "bs", N_("Bosnisch") },
	{ "el", N_("Griechisch") },
	{ "fr", N_("Französisch") },
	{ "it", N_("Italienisch") },
	{ "es", N_("Spanisch") },
	{ "pt", N_("Portugiesisch") },
	{ "ur", N_("Urdu") },
	{ "hi", N_("Hindi") },
	{ "vi", N_("Vietnamesisch") },
	{ "zh", N_("Chinesisch") },
	{ "gsg", N_("Deutsche Gebärdensprache") },
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
