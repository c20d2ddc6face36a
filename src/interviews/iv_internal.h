/* iv_internal.h — what the files of src/interviews/ share: the GUIDs,
 * the project of a request, the declared forms and the views. Not for
 * other folders. */
#ifndef LOTSE_IV_INTERNAL_H
#define LOTSE_IV_INTERNAL_H

#include "interviews/interviews.h"

/* A new random GUID (UUID version 4, lower case). */
void iv_guid(char out[37]);

#endif
