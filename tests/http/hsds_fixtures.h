/* hsds_fixtures.h — the fixtures and helpers the HSDS tests share
 * (hsds_fixtures.c): fixed ids of the records imported, a server with
 * them and an editor's agent, and reading the API's JSON answers. */
#ifndef LOTSE_TEST_HSDS_FIXTURES_H
#define LOTSE_TEST_HSDS_FIXTURES_H

#include "harness.h"

#include <jansson.h>

extern struct server srv;
extern struct agent editor;

/* the role address the server publishes as assurer_email */
#define ROLE_ADDRESS "pruefstelle@netzwerk.example"

/* fixtures: fixed ids */
#define ORG_A "aaaaaaaa-0000-4000-8000-000000000001"
#define ORG_B "aaaaaaaa-0000-4000-8000-000000000002" /* archived */
#define LOC_1 "bbbbbbbb-0000-4000-8000-000000000001" /* Mainz, public */
#define LOC_2 "bbbbbbbb-0000-4000-8000-000000000002" /* Mainz, confidential */
#define LOC_3 "bbbbbbbb-0000-4000-8000-000000000003" /* Ludwigshafen, public */
#define SVC_1 "cccccccc-0000-4000-8000-000000000001" /* A; L1 + L2; Schule; 2020 */
#define SVC_2 "cccccccc-0000-4000-8000-000000000002" /* A; L3; Ausbildung; 2025 */
#define SVC_3 "cccccccc-0000-4000-8000-000000000003" /* B (archived provider) */
#define SVC_4 "cccccccc-0000-4000-8000-000000000004" /* A, archived */
#define SAL_1 "dddddddd-0000-4000-8000-000000000001"
#define SAL_2 "dddddddd-0000-4000-8000-000000000002" /* to the confidential location */
#define SAL_3 "dddddddd-0000-4000-8000-000000000003"
#define TERM_SCHULE "fdf2f342-19da-52f6-86b9-0cc17b637fc1"
#define TERM_AUSBILDUNG "ef62042d-028a-5b91-a197-67b889b29103"
#define TAX_PHASE "bbac6c3f-4bad-51f6-9125-38894617a128"
#define SECRET_STREET "Geheimweg 13"
#define SECRET_PHONE "0000 4711 GEHEIM"

/* The folder name under the server's directory, made when missing. */
const char *subdir(const char *name);
/* A postcode's centroid from the server's database. */
void centroid(const char *code, double *lat, double *lon);
/* The server with the fixtures imported (LOTSE_ASSURER_EMAIL set), and
 * the editor logged in; its end. cmocka group setup and teardown. */
int hsds_group_setup(void **state);
int hsds_group_teardown(void **state);

/* GET path, expecting want_status, CORS and JSON: the body parsed. */
json_t *get_json(const char *path, long want_status, struct reply *r);
/* GET path, expect 200 and a page; returns it (caller decrefs). */
json_t *page(const char *path);
long total(json_t *p);
/* Does the page's contents hold an item with this id? */
int has_id(json_t *p, const char *id);
/* path answers status with an RFC 7807 problem. */
void assert_problem(const char *path, long status);
/* path shows nothing of the confidential location. */
void assert_no_secret(const char *path);

#endif
