/* translations.h — an offer's texts in the languages of the public pages
 * (sql/0017_service_translation.sql): its name, short description and how
 * to apply, per language, beside the German record. Editors and the
 * offer's partner write them (src/directory/staff/translations.c); the
 * offer page and the finder show them (src/directory/public/), the search
 * finds their words, the HSDS export carries them as lotse's extension.
 *
 * Strings are owned by the arena they were read into. */
#ifndef LOTSE_DIR_TRANSLATIONS_H
#define LOTSE_DIR_TRANSLATIONS_H

#include "core/arena.h"
#include "store/store.h"

#include <stddef.h>

/* The most characters (code points) of each text. */
#define DIR_TR_NAME_MAX 200
#define DIR_TR_DESCRIPTION_MAX 1000
#define DIR_TR_APPLY_MAX 2000

/* The languages an offer is translated into, in this order, NULL-
 * terminated: the public pages' languages but German, the record's own. */
extern const char *const dir_tr_langs[];
#define DIR_TR_NLANGS 6

/* lang as one of dir_tr_langs (the static string), or NULL. */
const char *dir_tr_lang(const char *lang);

struct dir_translation {
	const char *service_id, *lang, *name, *description, *application_process;
	const char *updated_by, *updated_at; /* as read; a save sets them itself */
};

/* Which text of a translation a problem is at. */
enum dir_tr_field { DIR_TR_LANG, DIR_TR_NAME, DIR_TR_DESCRIPTION, DIR_TR_APPLY, DIR_TR__N };

/* Check t before a save: a language of dir_tr_langs, a name, every text
 * valid UTF-8 without control characters (line breaks are allowed but in
 * the name) and within its length. NULL when t is fine; else the msgid of
 * the first problem (German) with its field in *field (may be NULL). */
const char *dir_tr_check(const struct dir_translation *t, enum dir_tr_field *field);

/* The translations of offer service_id, in dir_tr_langs' order, into *out
 * (none: *n 0). ST_OK or ST_ERR. */
int dir_tr_list(struct store *s, arena *a, const char *service_id, struct dir_translation **out, size_t *n);

/* The translation of service_id into lang: ST_OK, ST_NOTFOUND or ST_ERR. */
int dir_tr_get(struct store *s, arena *a, const char *service_id, const char *lang, struct dir_translation *out);

/* Insert or replace the translation t (checked with dir_tr_check: a
 * failing one is ST_CONFLICT and nothing is written), by who. Each text
 * that changed goes into the change log of the offer (field
 * "translation_LANG_name", ...). One transaction unless the caller has one
 * open. ST_OK, ST_NOTFOUND (no such offer), ST_CONFLICT or ST_ERR. */
int dir_tr_save(struct store *s, const struct dir_translation *t, const char *who);

/* Delete the translation of service_id into lang, logged. ST_OK (also
 * when there was none), ST_ERR. */
int dir_tr_delete(struct store *s, const char *service_id, const char *lang, const char *who);

/* A merge of offer from into into: into keeps its own translations and
 * gets from's in the languages it has none of (logged). Joins the
 * caller's transaction. ST_OK or ST_ERR. */
int dir_tr_merge(struct store *s, const char *from, const char *into, const char *who);

#endif
