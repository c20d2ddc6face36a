/* text.c — the bytes of an uploaded CSV file as UTF-8 text: refusing
 * what is no text (Excel files, UTF-16, NUL bytes), the encoding (UTF-8
 * with or without BOM, else Windows-1252 through core/cp1252.h, whose
 * undefined bytes become C1 controls that the row checks refuse) and the
 * separator. */
#include "directory/import/import_internal.h"
#include "core/core.h"
#include "core/cp1252.h"
#include "core/i18n.h"
#include "http/form.h"

#include <string.h>

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

const char *dir_import_decode(const char *data, size_t len, size_t *out_len, arena *a, const char **encoding,
			      char *separator, const char **problem)
{
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
		text = cp1252_to_utf8(a, data, len, out_len);
	}
	*separator = detect_separator(text, *out_len);
	return text;
}
