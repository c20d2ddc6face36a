/* reader.c — the plain text of an uploaded document: Word (.docx) and
 * OpenDocument (.odt) files through libzip and libxml2, else text in
 * UTF-8 or Windows-1252. Paragraphs become lines; tabs and line breaks
 * inside a paragraph are kept. */
#include "interviews/interviews.h"
#include "core/buf.h"
#include "core/core.h"
#include "core/cp1252.h"
#include "core/i18n.h"
#include "core/zipread.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>
#include <zip.h>

static int is_ns(const xmlNode *n, const char *local)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

/* Word: w:p paragraphs, w:t text, w:tab, w:br/w:cr; deleted text (w:del,
 * w:delText) and field instructions (w:instrText) left out. */
static void docx_walk(const xmlNode *n, buf *b, int *para_open)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_ns(n, "t")) {
			xmlChar *t = xmlNodeGetContent(n);
			if (t)
				buf_puts(b, (const char *)t);
			xmlFree(t);
		} else if (is_ns(n, "tab")) {
			buf_putc(b, '\t');
		} else if (is_ns(n, "br") || is_ns(n, "cr")) {
			buf_putc(b, '\n');
		} else if (is_ns(n, "del") || is_ns(n, "instrText") || is_ns(n, "delText")) {
			continue;
		} else if (is_ns(n, "p")) {
			if (*para_open)
				buf_putc(b, '\n');
			docx_walk(n->children, b, para_open);
			*para_open = 1;
		} else {
			docx_walk(n->children, b, para_open);
		}
	}
}

/* OpenDocument: text:p and text:h paragraphs, text:span, text:s (c
 * spaces), text:tab, text:line-break; notes' citations and bodies kept
 * out of the running text. */
static void odt_walk(const xmlNode *n, buf *b, int *para_open)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content)
				buf_puts(b, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_ns(n, "s")) {
			long c = 1;
			xmlChar *v = xmlGetProp(n, (const xmlChar *)"c");
			if (v) {
				c = strtol((const char *)v, NULL, 10);
				xmlFree(v);
			}
			for (long i = 0; i < c && i < 1000; i++)
				buf_putc(b, ' ');
		} else if (is_ns(n, "tab")) {
			buf_putc(b, '\t');
		} else if (is_ns(n, "line-break")) {
			buf_putc(b, '\n');
		} else if (is_ns(n, "note") || is_ns(n, "annotation") || is_ns(n, "tracked-changes")) {
			continue;
		} else if (is_ns(n, "p") || is_ns(n, "h")) {
			if (*para_open)
				buf_putc(b, '\n');
			odt_walk(n->children, b, para_open);
			*para_open = 1;
		} else if (n->ns && strcmp((const char *)n->ns->href, "urn:oasis:names:tc:opendocument:xmlns:text:1.0") == 0) {
			odt_walk(n->children, b, para_open);
		} else if (is_ns(n, "document-content") || is_ns(n, "body") || is_ns(n, "text") ||
			   (n->ns && strcmp((const char *)n->ns->href,
					    "urn:oasis:names:tc:opendocument:xmlns:table:1.0") == 0)) {
			odt_walk(n->children, b, para_open);
		}
	}
}

/* The text of an office document in the zip at data. */
static int read_office(arena *a, const char *data, size_t len, char **text, size_t *tlen, const char **problem)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	zip_error_fini(&ze);
	if (!z) {
		if (src)
			zip_source_free(src);
		*problem = N_("Die Datei ist beschädigt: das Archiv lässt sich nicht lesen.");
		return ST_ERR;
	}
	int rc = ST_ERR, toobig = 0, odt = 0;
	size_t xl = 0;
	char *xml = zipread_member(z, "word/document.xml", (size_t)IV_MAX_TEXT * 4, &xl, &toobig);
	if (!xml && !toobig) {
		xml = zipread_member(z, "content.xml", (size_t)IV_MAX_TEXT * 4, &xl, &toobig);
		odt = 1;
	}
	if (!xml) {
		*problem = toobig ? N_("Die Datei ist zu groß.")
				  : N_("Das ist weder ein Word-Dokument (.docx) noch ein OpenDocument-Text (.odt).");
		goto out;
	}
	xmlDoc *doc = xmlReadMemory(xml, (int)xl, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	free(xml);
	if (!doc) {
		*problem = N_("Die Datei ist beschädigt: ihr Text ist kein wohlgeformtes XML.");
		goto out;
	}
	buf b;
	buf_init(&b, IV_MAX_TEXT);
	int open = 0;
	if (odt)
		odt_walk(xmlDocGetRootElement(doc), &b, &open);
	else
		docx_walk(xmlDocGetRootElement(doc), &b, &open);
	xmlFreeDoc(doc);
	if (b.err) {
		*problem = N_("Der Text ist zu lang.");
	} else if (b.len == 0 || utf8_count(b.data, b.len) < 0) {
		*problem = N_("Das Dokument enthält keinen Text.");
	} else {
		*text = arena_strndup(a, b.data, b.len);
		*tlen = b.len;
		rc = ST_OK;
	}
	buf_free(&b);
out:
	zip_discard(z);
	return rc;
}

int iv_read_document(arena *a, const char *data, size_t len, char **text, size_t *tlen, const char **problem)
{
	*text = NULL;
	*tlen = 0;
	*problem = NULL;
	if (len == 0) {
		*problem = N_("Die Datei ist leer.");
		return ST_ERR;
	}
	if (len > IV_MAX_FILE) {
		*problem = N_("Die Datei ist zu groß.");
		return ST_ERR;
	}
	if (len >= 4 && memcmp(data, "PK\003\004", 4) == 0)
		return read_office(a, data, len, text, tlen, problem);
	if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
			 ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF))) {
		*problem = N_("Die Datei ist in UTF-16 gespeichert. Bitte als UTF-8 speichern.");
		return ST_ERR;
	}
	if (len >= 5 && (memcmp(data, "%PDF-", 5) == 0 || memcmp(data, "\320\317\021\340", 4) == 0)) {
		*problem = N_("Dieses Dateiformat wird nicht gelesen: bitte .txt, .docx oder .odt.");
		return ST_ERR;
	}
	if (memchr(data, '\0', len)) {
		*problem = N_("Das ist keine Textdatei.");
		return ST_ERR;
	}
	if (len > IV_MAX_TEXT) {
		*problem = N_("Der Text ist zu lang.");
		return ST_ERR;
	}
	if (len >= 3 && memcmp(data, "\357\273\277", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (utf8_count(data, len) >= 0) {
		*text = arena_strndup(a, data, len);
		*tlen = len;
	} else {
		*text = cp1252_to_utf8(a, data, len, tlen);
	}
	return ST_OK;
}
