/* text.c — the bytes of an uploaded CSV file as UTF-8 text: refusing
 * what is no text (Excel files, UTF-16, NUL bytes), the encoding (UTF-8
 * with or without BOM, else Windows-1252) and the separator. */
#include "directory/import/import_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "http/form.h"

#include <string.h>

/* Windows-1252 0x80..0x9F; other bytes are Latin-1. Undefined ones map
 * to their C1 control, which the row checks refuse. */
static const unsigned short cp1252[32] = {
	0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
	0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
};

static char *from_cp1252(const char *s, size_t len, size_t *out_len)
{
	char *out = xmalloc(3 * len + 1), *o = out;
	for (size_t i = 0; i < len; i++) {
		unsigned c = (unsigned char)s[i];
		if (c >= 0x80 && c < 0xA0)
			c = cp1252[c - 0x80];
		if (c < 0x80) {
			*o++ = (char)c;
		} else if (c < 0x800) {
			*o++ = (char)(0xC0 | c >> 6);
			*o++ = (char)(0x80 | (c & 0x3F));
		} else {
			*o++ = (char)(0xE0 | c >> 12);
			*o++ = (char)(0x80 | ((c >> 6) & 0x3F));
			*o++ = (char)(0x80 | (c & 0x3F));
		}
	}
	*o = '\0';
	*out_len = (size_t)(o - out);
	return out;
}

/* Whichever of ';' ',' and tab occurs most often outside quotes in the
 * first line (';' on a tie, as German spreadsheets write). */
static char detect_separator(const char *s, size_t len)
{
	size_t semi = 0, comma = 0, tab = 0;
	int quoted = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '"')
			quoted = !quoted;
		else if (!quoted && (c == '\n' || c == '\r'))
			break;
		else if (!quoted && c == ';')
			semi++;
		else if (!quoted && c == ',')
			comma++;
		else if (!quoted && c == '\t')
			tab++;
	}
	if (tab > semi && tab > comma)
		return '\t';
	return comma > semi ? ',' : ';';
}

const char *dir_import_decode(const char *data, size_t len, size_t *out_len, char **owned, const char **encoding,
			      char *separator, const char **problem)
{
	*owned = NULL;
	*problem = NULL;
	const unsigned char *u = (const unsigned char *)data;
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		*problem = N_("Die Datei ist in UTF-16 gespeichert. Bitte als „CSV UTF-8“ oder „CSV "
			      "(Trennzeichen-getrennt)“ speichern.");
		return NULL;
	}
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
		*problem = N_("Das ist eine Excel- oder ZIP-Datei, keine CSV-Datei. Bitte in der "
			      "Tabellenkalkulation als CSV speichern.");
		return NULL;
	}
	if (memchr(data, '\0', len)) {
		*problem = N_("Die Datei enthält Nullbytes und ist daher keine CSV-Datei.");
		return NULL;
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		data += 3, len -= 3;
	const char *text = data;
	*out_len = len;
	*encoding = "UTF-8";
	if (utf8_count(data, len) < 0) {
		*encoding = "Windows-1252";
		text = *owned = from_cp1252(data, len, out_len);
	}
	*separator = detect_separator(text, *out_len);
	return text;
}
