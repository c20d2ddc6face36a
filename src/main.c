/* main.c — the lotse command line: subcommands and their options. */
#include "auth/auth.h"
#include "counselling/counselling.h"
#include "search/search.h"
#include "core/core.h"
#include "directory/import/import.h"
#include "policy/policy.h"
#include "directory/hsds/hsds.h"
#include "directory/search/search.h"
#include "core/i18n.h"
#include "core/log.h"
#include "directory/directory.h"
#include "directory/public/public.h"
#include "events/events.h"
#include "analysis/analysis.h"
#include "html/layout.h"
#include "http/server.h"
#include "http/static.h"
#include "routes.h"
#include "site/site.h"
#include "store/store.h"
#include "surveys/surveys.h" /* surveys (#18) */
/* interviews and expert talks (#15) */
#include "interviews/interviews.h"
#include <libxml/parser.h>

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define DEFAULT_DB "var/lotse.db"
#define DEFAULT_LISTEN "127.0.0.1:8080"

static const char usage[] =
	"usage: lotse COMMAND [OPTIONS]\n"
	"\n"
	"lotse is the information system of a regional vocational-qualification\n"
	"network for migrants: its public website, and (as it grows) the directory of\n"
	"training-support offers, surveys, counselling and committee documentation.\n"
	"\n"
	"commands:\n"
	"  init [--db PATH] [--demo]      create a new database (refuses an existing file)\n"
	"                                 with the site's start page, contact text, Impressum\n"
	"                                 and Datenschutz as placeholders to fill in;\n"
	"                                 --demo fills it with the demo website content, the\n"
	"                                 fictional demo directory of providers and offers,\n"
	"                                 demo events with registrations, the four demo\n"
	"                                 committees with meetings, papers and a decision\n"
	"                                 process, the demo surveys (a needs survey with\n"
	"                                 3,000 generated responses, an offer survey), and\n"
	"                                 one demo account per role (passwords printed once)\n"
	"  serve [--db PATH] [--listen ADDR:PORT] [--threads N] [--base-url URL]\n"
	"                                 serve HTTP until SIGTERM or SIGINT; applies\n"
	"                                 pending migrations first\n"
	"  migrate [--db PATH]            apply pending migrations and exit\n"
	"  backup [--db PATH] FILE        write a consistent copy of the database to FILE\n"
	"                                 (safe while the server runs): copied from one\n"
	"                                 snapshot to FILE.partial-XXXXXX, checked, then\n"
	"                                 renamed to FILE; refuses an existing FILE; the\n"
	"                                 copy's audit head goes to FILE.audit-head\n"
	"  restore [--db PATH] FILE       replace the database with the backup FILE: refuses\n"
	"                                 a copy that is damaged, not lotse's or of a newer\n"
	"                                 lotse, and a database a running server uses (stop\n"
	"                                 it first); migrates the copy; keeps the replaced\n"
	"                                 database as PATH.before-restore-TIME\n"
	"  org list [--db PATH] [SEARCH]\n"
	"                                 the providers, one a line: id, name, town; SEARCH\n"
	"                                 keeps those whose name or town contains it\n"
	"  user add --email E --role R [--role R2] [--org ID] [--name NAME] --password-stdin\n"
	"  user passwd --email E --password-stdin\n"
	"  user list | user disable --email E | user enable --email E\n"
	"                                 staff accounts; roles: admin editor researcher\n"
	"                                 counsellor partner (a partner needs --org, the id\n"
	"                                 of a provider: see `lotse org list`)\n"
	"  audit verify [--db PATH] [--head FILE ...]\n"
	"                                 check the audit log's keyed hash chain (needs the\n"
	"                                 key file); --head: also against the heads kept in\n"
	"                                 FILE (a backup's FILE.audit-head, the server's\n"
	"                                 log), which finds rows cut off the end; exits 1 if\n"
	"                                 anything is broken or cannot be read\n"
	"  import offers [--db PATH] FILE.csv\n"
	"                                 import offers from a flat CSV file, one row per\n"
	"                                 offer (columns: docs/import-offers.md); UTF-8 or\n"
	"                                 Windows-1252, ';' or ','; bad rows are reported\n"
	"                                 with their line and left out; exits 1 if any\n"
	"  import hsds [--db PATH] DIR    import Open Referral HSDS 3.0 CSV files from DIR\n"
	"                                 (docs/hsds.md), matched by id; all or nothing:\n"
	"                                 every bad row is reported as file:line and then\n"
	"                                 nothing is written (exit 1)\n"
	"  import oparl [--db PATH] DIR   import OParl 1.1 (and 1.0) JSON files *.json from\n"
	"                                 DIR: organizations as bodies, meetings, papers\n"
	"                                 (docs/oparl.md), matched by their OParl id; bad\n"
	"                                 objects are reported and left out, the rest is\n"
	"                                 stored in one transaction\n"
	"  reindex [--db PATH] [all|facts]\n"
	"                                 bring the offer finder's search index up to date\n"
	"                                 now (after a big import; else the first searches\n"
	"                                 do it bit by bit); all: rebuild it completely, and\n"
	"                                 the analysis' fact table too; facts: rebuild only\n"
	"                                 the fact table (short transactions: a running\n"
	"                                 server is not held up)\n"
	"  maintenance [--db PATH]        run daily: delete what the privacy notice says is\n"
	"                                 kept no longer (contact messages 12 months after\n"
	"                                 they arrived, the names and addresses of an\n"
	"                                 event's registrants LOTSE_EVENTS_KEEP_MONTHS after\n"
	"                                 it, counselling cases LOTSE_COUNSEL_KEEP_MONTHS\n"
	"                                 after closing) and sessions that are over; prints\n"
	"                                 the numbers and writes them to the audit log;\n"
	"                                 keeps this month's snapshot of the offers for\n"
	"                                 the analysis' comparison between dates\n"
	"  analyse coverage|gaps|outcomes|funding [--db PATH] [--json] [--from DATE] [--to DATE]\n"
	"          [--district CODE] [--stage CODE] [--group CODE] [--language CODE]\n"
	"                                 the evidence loop's tables (docs/analysis.md):\n"
	"                                 offers by stage, target group, district and\n"
	"                                 language; gaps between needs and offers; outcomes\n"
	"                                 of referrals by offer and group; offers\n"
	"                                 and places by funder and the funding cliff;\n"
	"                                 filtered as the pages are\n"
	"  export hsds [--db PATH] DIR    write the directory as HSDS 3.0 CSV files with a\n"
	"                                 datapackage.json to DIR (a backup: it holds\n"
	"                                 archived records and confidential locations)\n"
	"  survey list [--db PATH]        the surveys (surveys, #18): code, version, status,\n"
	"                                 responses, title\n"
	"  survey show [--db PATH] CODE --json\n"
	"                                 a survey's structure: pages, questions with code,\n"
	"                                 type, texts per language, options, subquestions,\n"
	"                                 conditions\n"
	"  survey activate [--db PATH] CODE\n"
	"                                 activate a survey's draft; refuses one whose\n"
	"                                 conditions are broken or untranslated\n"
	"  survey import [--db PATH] FILE.lss|FILE.xlsx|FOLDER\n"
	"                                 a LimeSurvey structure file (\"ls<id>\") or an XLSForm\n"
	"                                 (.xlsx, or a folder of its sheets as CSV) as a new\n"
	"                                 draft survey (#18); one line per warning\n"
	"  survey export [--db PATH] CODE --format xlsform FILE.xlsx\n"
	"                                 a survey's structure as an XLSForm\n"
	"  analyse [--db PATH] CODE --freq Q [--where EXPR] [--weight W] [--complete] [--from DAY] [--to DAY] [--json]\n"
	"  analyse [--db PATH] CODE --crosstab Q1 Q2 [--where EXPR] [--weight W] [--complete] [--from DAY] [--to DAY]\n"
	"          [--json]\n"
	"                                 a frequency table, or a crosstab with chi-square\n"
	"                                 and Cramer's V, of a survey's responses (filter:\n"
	"                                 docs/survey-expressions.md; W a number question;\n"
	"                                 --json: the JSON of docs/surveys.md)\n"
	"  responses export [--db PATH] CODE --format csv|csv-labels|xlsx|sav|r FILE\n"
	"                                 a survey's responses as CSV, one row each, one\n"
	"                                 column per variable (codes, or German labels);\n"
	"                                 sav: an SPSS file with variable and value labels;\n"
	"                                 r: an R script and the CSV beside it it reads\n"
	"  responses import [--db PATH] CODE FILE.csv\n"
	"                                 add responses collected elsewhere (columns as the\n"
	"                                 export writes them, or LimeSurvey's or Kobo's CSV\n"
	"                                 export; codes or labels); bad rows are reported\n"
	"                                 with their line and left out (exit 1)\n"
	"  privacy export [--db PATH] PSEUDONYM\n"
	"                                 everything held on a counselling case (K-XXXX) as\n"
	"                                 JSON, with its audit entries (Art. 15/20 DSGVO)\n"
	"  privacy erase [--db PATH] PSEUDONYM\n"
	"                                 erase a counselling case: its key destroyed, its\n"
	"                                 rows deleted with secure_delete, then a checkpoint\n"
	"  privacy record                 the record of processing activities of counselling\n"
	"                                 (Art. 30 DSGVO)\n"
	"  qda list [--db PATH]           the interview projects, one a line: id, name,\n"
	"                                 documents, codes, codings\n"
	"  qda export [--db PATH] [--codebook] ID FILE\n"
	"                                 write interview project ID as REFI-QDA 1.0: a\n"
	"                                 .qdpx (project.qde and Sources/*.txt), or with\n"
	"                                 --codebook its codebook as .qdc (docs/interviews.md)\n"
	"  qda import [--db PATH] FILE    read a .qdpx or .qdc (MAXQDA, ATLAS.ti, NVivo,\n"
	"                                 QualCoder, Taguette) into a new project; what it\n"
	"                                 cannot take is listed; a malformed file stores\n"
	"                                 nothing (exit 1); then add its members:\n"
	"  qda member [--db PATH] ID EMAIL\n"
	"                                 make the researcher EMAIL a member of project ID\n"
	"\n"
	"options:\n"
	"  --help, -h       show this help\n"
	"  --version        show the version\n"
	"\n"
	"environment:\n"
	"  LOTSE_DB         database path (default " DEFAULT_DB ")\n"
	"  LOTSE_KEY_FILE   the key file (default lotse.key beside the database; made\n"
	"                   by init or the first start, 0600): keys the audit log;\n"
	"                   keep a copy apart from the backups\n"
	"  LOTSE_LISTEN     listen address (default " DEFAULT_LISTEN ")\n"
	"  LOTSE_BASE_URL   public base URL for canonical links and the sitemap\n"
	"  LOTSE_TLS=1      lotse is reached over HTTPS: cookies get Secure and __Host-,\n"
	"                   answers Strict-Transport-Security\n"
	"  LOTSE_TRUSTED_PROXY\n"
	"                   address(es) of a reverse proxy, separated by commas (e.g.\n"
	"                   127.0.0.1): from it, X-Forwarded-For names the client (its\n"
	"                   right-most address that is not a trusted proxy) and\n"
	"                   X-Forwarded-Proto: https means HTTPS; it is exempt from\n"
	"                   the per-address connection limit\n"
	"  LOTSE_CONNECTIONS_PER_ADDRESS\n"
	"                   connections one client address may hold open (default 50)\n"
	"  LOTSE_HEAD_TIMEOUT\n"
	"                   seconds a connection has for a request's head, from its\n"
	"                   opening or its previous answer (default 10)\n"
	"  LOTSE_MAP_TILES  a tile server's URL template for the maps, e.g.\n"
	"                   https://tiles.example.org/{z}/{x}/{y}.png: visitors' browsers\n"
	"                   then load tiles from it (unset: maps are drawn without\n"
	"                   tiles and nothing is requested from another host)\n"
	"  LOTSE_MAP_ATTRIBUTION\n"
	"                   the text shown under maps with tiles (their licence)\n"
	"  LOTSE_CONTACT_RATE\n"
	"                   contact-form messages allowed per client address in\n"
	"                   10 minutes (default 5; raise it only for tests)\n"
	"  LOTSE_SEARCH_WAIT_MS\n"
	"                   how long a search after a change of the offers waits for\n"
	"                   the background indexer before the last index answers\n"
	"                   (default 500; the tests raise it)\n"
	"  LOTSE_EVENTS_RATE\n"
	"                   event registrations allowed per client address in\n"
	"                   10 minutes (default 10; raise it only for tests)\n"
	"  LOTSE_EVENTS_KEEP_MONTHS\n"
	"                   months after an event until `lotse maintenance` erases\n"
	"                   its registrants' personal data (default 6, 0 to 120)\n"
	"  LOTSE_COUNSEL_KEEP_MONTHS\n"
	"                   months after closing until `lotse maintenance` erases a\n"
	"                   counselling case (default 24, 1 to 120)\n"
	"  LOTSE_COUNSEL_RESIDENCE\n"
	"                   1: counsellors may record a case's residence-status\n"
	"                   category (sealed, in no list or statistics); else off\n"
	"  LOTSE_ASSURER_EMAIL\n"
	"                   role address the HSDS API and export give as an offer's\n"
	"                   assurer_email once it is checked (default: none; never\n"
	"                   a staff member's login)\n";

struct opts {
	const char *db;
	const char *listen;
	const char *base_url;
	unsigned threads;
	int demo;
	int codebook; /* qda export --codebook (#15) */
};

static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	return v && *v ? v : fallback;
}

/* A whole number from 1 to max in the environment variable name into
 * *out (left alone when it is not set). 0, or 1 said on stderr. */
static int env_count(const char *name, unsigned long max, unsigned *out)
{
	const char *v = getenv(name);
	if (!v || !*v)
		return 0;
	char *end;
	errno = 0;
	unsigned long n = strtoul(v, &end, 10);
	if (*end || errno || n < 1 || n > max || v[0] == '-') {
		fprintf(stderr, "lotse: %s must be a whole number from 1 to %lu\n", name, max);
		return 1;
	}
	*out = (unsigned)n;
	return 0;
}

/* Parse the options after the subcommand; returns the index of the first
 * positional argument, or -1 after printing an error. */
static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "base-url", required_argument, NULL, 'b' },
		{ "demo", no_argument, NULL, 'D' },
		{ "codebook", no_argument, NULL, 'C' }, /* qda export (#15) */
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	o->db = env_or("LOTSE_DB", DEFAULT_DB);
	o->listen = env_or("LOTSE_LISTEN", DEFAULT_LISTEN);
	o->base_url = getenv("LOTSE_BASE_URL");
	o->threads = 4;
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': o->db = optarg; break;
		case 'l': o->listen = optarg; break;
		case 'b': o->base_url = optarg; break;
		case 'D': o->demo = 1; break;
		case 'C': o->codebook = 1; break;
		case 't': {
			char *end;
			unsigned long n = strtoul(optarg, &end, 10);
			if (*end || n < 1 || n > 256) {
				fprintf(stderr, "lotse: --threads needs a number from 1 to 256\n");
				return -1;
			}
			o->threads = (unsigned)n;
			break;
		}
		case 'h':
			fputs(usage, stdout);
			exit(0);
		default:
			fputs("lotse: see `lotse --help`\n", stderr);
			return -1;
		}
	}
	return optind;
}

/* Create the folder that will hold path, one level, if missing. */
static void make_parent(const char *path)
{
	char *copy = xstrdup(path);
	char *dir = dirname(copy);
	if (strcmp(dir, ".") != 0 && mkdir(dir, 0750) != 0 && errno != EEXIST)
		fprintf(stderr, "lotse: cannot create %s: %s\n", dir, strerror(errno));
	free(copy);
}

static int open_migrated(const char *path, enum store_mode mode, struct store **s)
{
	char err[400];
	if (store_open(path, mode, s, err, sizeof(err)) != ST_OK ||
	    store_migrate(*s, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "lotse: %s\n", err);
		store_close(*s);
		*s = NULL;
		return 1;
	}
	return 0;
}

/* The audit log's key (made when missing and the log has no keyed row):
 * a server or command that writes audit rows finds a problem at its
 * start. 0, or 1 said on stderr. */
static int audit_key(struct store *s)
{
	char err[600];
	if (audit_key_open(s, 1, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "lotse: %s\n", err);
		return 1;
	}
	return 0;
}

static int cmd_init(const struct opts *o)
{
	struct store *s;
	make_parent(o->db);
	if (open_migrated(o->db, STORE_CREATE, &s) != 0)
		return 1;
	int rc = audit_key(s);
	char err[400];
	if (rc == 0 && !o->demo) {
		if (site_init_load(s, err, sizeof(err)) != ST_OK) {
			fprintf(stderr, "lotse: %s\n", err);
			rc = 1;
		}
	} else if (rc == 0) {
		char partner_org[37];
		if (site_demo_load(s, err, sizeof(err)) != ST_OK || dir_demo_load(s, err, sizeof(err)) != ST_OK ||
		    events_demo_load(s, err, sizeof(err)) != ST_OK ||
		    pol_demo_load(s, err, sizeof(err)) != ST_OK ||
		    survey_demo_load(s, err, sizeof(err)) != ST_OK /* surveys (#18) */) {
			fprintf(stderr, "lotse: %s\n", err);
			rc = 1;
		} else if (dir_demo_partner_org(s, partner_org) != ST_OK) {
			fprintf(stderr, "lotse: the demo data names no provider for the demo partner account\n");
			rc = 1;
		} else if (auth_demo_users(s, stdout, partner_org) != ST_OK) {
			fprintf(stderr, "lotse: cannot create the demo accounts\n");
			rc = 1;
		} else if (counsel_demo_load(s, stdout, partner_org, err, sizeof(err)) != ST_OK) {
			/* counselling (#14): its team and cases */
			fprintf(stderr, "lotse: %s\n", err);
			rc = 1;
		}
		/* interviews and expert talks (#15): after the accounts, so that
		 * the demo researcher is a member of the demo project */
		if (rc == 0 && iv_demo_load(s, err, sizeof(err)) != ST_OK) {
			fprintf(stderr, "lotse: %s\n", err);
			rc = 1;
		}
	}
	store_close(s);
	if (rc == 0)
		printf("created %s (schema %d)%s\n", o->db, store_schema_latest(),
		       o->demo ? " with demo content"
			       : "; its start page, contact text, Impressum and Datenschutz hold\n"
				 "placeholder text to fill in before the site goes online (/intern/seiten)");
	return rc;
}

static int cmd_migrate(const struct opts *o)
{
	struct store *s;
	if (open_migrated(o->db, STORE_EXISTING, &s) != 0 || audit_key(s) != 0) {
		store_close(s);
		return 1;
	}
	printf("%s is at schema %d\n", o->db, store_schema_version(s));
	store_close(s);
	return 0;
}

/* An audit row for a backup or a restore (object: the file's base name),
 * in the database at db; a failure is reported, not fatal. */
static void audit_file(const char *db, const char *action, const char *file, const char *outcome)
{
	struct store *s;
	char err[400];
	char *copy = xstrdup(file);
	if (store_open(db, STORE_EXISTING, &s, err, sizeof(err)) != ST_OK ||
	    audit_add(s, 0, action, "file", basename(copy), outcome) != ST_OK)
		fprintf(stderr, "lotse: the audit log of %s could not record the %s\n", db, action);
	store_close(s);
	free(copy);
}

static int cmd_backup(const struct opts *o, const char *file)
{
	struct store *s;
	char err[400];
	if (store_open(o->db, STORE_EXISTING, &s, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "lotse: %s\n", err);
		return 1;
	}
	int64_t t0 = core_mono_us();
	int rc = store_backup(s, file, err, sizeof(err));
	store_close(s);
	/* the copy's audit head beside it, where the database is not (lotse audit verify --head) */
	if (rc == ST_OK)
		rc = audit_head_sidecar(file, err, sizeof(err));
	audit_file(o->db, "backup", file, rc == ST_OK ? "ok" : "failed");
	if (rc != ST_OK) {
		fprintf(stderr, "lotse: %s\n", err);
		return 1;
	}
	printf("wrote %s (checked; %.1f s)\n", file, (double)(core_mono_us() - t0) / 1e6);
	return 0;
}

static int cmd_restore(const struct opts *o, const char *file)
{
	char err[600], aside[4200];
	struct stat sb;
	int had = stat(o->db, &sb) == 0;
	if (store_restore(o->db, file, aside, sizeof(aside), err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "lotse: %s\n", err);
		if (had)
			audit_file(o->db, "restore", file, "refused");
		return 1;
	}
	audit_file(o->db, "restore", file, "ok");
	printf("restored %s from %s (schema %d)\n", o->db, file, store_schema_latest());
	if (aside[0])
		printf("the database it replaced is kept as %s; remove it when it is no longer needed\n", aside);
	return 0;
}

/* `lotse import hsds DIR` and `lotse export hsds DIR` (verb "import" or
 * "export"); 2 when the arguments do not fit. */
static int cmd_hsds(const char *verb, const struct opts *o, int npos, char **pos)
{
	if (npos != 2 || strcmp(pos[0], "hsds") != 0) {
		fprintf(stderr, "lotse: usage: lotse %s hsds [--db PATH] DIR\n", verb);
		return 2;
	}
	return dir_hsds_cli(verb, o->db, pos[1]);
}

/* `lotse import KIND ...`: the importers, by kind. */
static int cmd_import(const struct opts *o, int npos, char **pos)
{
	if (npos == 2 && strcmp(pos[0], "offers") == 0)
		return dir_import_offers_cli(o->db, pos[1]);
	if (npos >= 1 && strcmp(pos[0], "hsds") == 0)
		return cmd_hsds("import", o, npos, pos);
	if (npos == 2 && strcmp(pos[0], "oparl") == 0)
		return pol_import_cli(o->db, pos[1]);
	fprintf(stderr, "lotse: usage: lotse import offers [--db PATH] FILE.csv\n"
			"       lotse import hsds [--db PATH] DIR\n"
			"       lotse import oparl [--db PATH] DIR\n");
	return 2;
}

/* `lotse org list [SEARCH]`: the providers, so that an operator finds the
 * id a partner account is bound to (lotse user add --org ID). */
static int cmd_org(const struct opts *o, int npos, char **pos)
{
	if (npos < 1 || npos > 2 || strcmp(pos[0], "list") != 0) {
		fprintf(stderr, "lotse: usage: lotse org list [--db PATH] [SEARCH]\n");
		return 2;
	}
	struct store *s;
	if (open_migrated(o->db, STORE_EXISTING, &s) != 0)
		return 1;
	arena *a = arena_new();
	struct dir_org_brief *v;
	size_t n;
	int rc = dir_org_briefs(s, a, npos == 2 ? pos[1] : NULL, &v, &n);
	if (rc == ST_OK) {
		for (size_t i = 0; i < n; i++)
			printf("%s\t%s\t%s\n", v[i].id, v[i].name, v[i].city);
	} else {
		fprintf(stderr, "lotse: the providers could not be read\n");
	}
	arena_free(a);
	store_close(s);
	return rc == ST_OK ? 0 : 1;
}

/* The providers for auth (partner accounts), which does not include the
 * directory: the same list in auth's terms. */
static int orgs_for_auth(struct store *s, arena *a, const char *search, struct auth_org **out, size_t *n)
{
	struct dir_org_brief *v;
	int rc = dir_org_briefs(s, a, search, &v, n);
	*out = NULL;
	if (rc != ST_OK || *n == 0)
		return rc;
	*out = arena_alloc(a, *n * sizeof(**out));
	for (size_t i = 0; i < *n; i++)
		(*out)[i] = (struct auth_org){ v[i].id, v[i].name, v[i].city };
	return ST_OK;
}

/* `lotse maintenance`: delete what is not to be kept any longer, each
 * kind with its audit row in one transaction. */
static int cmd_maintenance(const struct opts *o)
{
	struct store *s;
	if (open_migrated(o->db, STORE_EXISTING, &s) != 0)
		return 1;
	int64_t now = core_now();
	long messages = 0, sessions = 0;
	char cutoff[21] = "";
	if (store_stage_recover(s) != ST_OK)
		fprintf(stderr, "lotse: the rows of an unfinished import could not be taken out\n");
	int rc = site_contact_cutoff(now, cutoff) == 0 ? site_contact_expire(s, now, &messages) : ST_ERR;
	if (rc == ST_OK)
		printf("deleted %ld contact message%s that arrived before %s (kept %d months)\n", messages,
		       messages == 1 ? "" : "s", cutoff, SITE_CONTACT_KEEP_MONTHS);
	else
		fprintf(stderr, "lotse: the contact messages could not be deleted\n");
	struct store_tx tx;
	char n[24];
	int rs = store_tx_begin(s, &tx);
	if (rs == ST_OK)
		rs = auth_session_expire(s, now, &sessions);
	snprintf(n, sizeof(n), "%ld", sessions);
	if (rs == ST_OK)
		rs = audit_add(s, 0, "session_expire", "session", n, "ok");
	rs = store_tx_end(s, &tx, rs);
	if (rs == ST_OK)
		printf("deleted %ld session%s that %s over\n", sessions, sessions == 1 ? "" : "s",
		       sessions == 1 ? "was" : "were");
	else
		fprintf(stderr, "lotse: the sessions that are over could not be deleted\n");
	long erased = 0;
	int months = events_keep_months();
	int re = events_expire(s, now, months, &erased);
	if (re == ST_OK)
		printf("deleted the personal data of %ld event registration%s (kept %d months after the event)\n",
		       erased, erased == 1 ? "" : "s", months);
	else
		fprintf(stderr, "lotse: the personal data of event registrations could not be deleted\n");
	/* counselling (#14): cases closed longer than the retention period */
	long cases = 0;
	int cm = counsel_keep_months();
	int rk = counsel_expire(s, now, cm, &cases);
	if (rk == ST_OK)
		printf("erased %ld counselling case%s closed more than %d months ago\n", cases, cases == 1 ? "" : "s", cm);
	else
		fprintf(stderr, "lotse: the counselling cases past their retention could not be erased\n");
	/* the evidence loop: this month's snapshot of the offers (replaced each run) */
	char month[24];
	time_t tnow = (time_t)now;
	struct tm tm;
	gmtime_r(&tnow, &tm);
	snprintf(month, sizeof(month), "%04d-%02d", tm.tm_year + 1900, tm.tm_mon + 1);
	long cells = 0;
	int ra = an_snapshot_take(s, month, &cells);
	if (ra == ST_OK)
		printf("kept the snapshot of the offers for %s (%ld cells)\n", month, cells);
	else
		fprintf(stderr, "lotse: the monthly snapshot of the offers could not be kept\n");
	store_close(s);
	return rc == ST_OK && rs == ST_OK && re == ST_OK && rk == ST_OK && ra == ST_OK ? 0 : 1;
}

/* `lotse reindex [all|facts]`: the search index, now; all: the search
 * index and the fact table of the evidence loop from scratch; facts: the
 * fact table alone (in transactions of ~0.1 s: a server may run). */
static int cmd_reindex(const struct opts *o, int npos, char **pos)
{
	int all = npos == 1 && strcmp(pos[0], "all") == 0, facts = npos == 1 && strcmp(pos[0], "facts") == 0;
	if (npos > 1 || (npos == 1 && !all && !facts)) {
		fprintf(stderr, "lotse: usage: lotse reindex [--db PATH] [all|facts]\n");
		return 2;
	}
	struct store *s;
	if (open_migrated(o->db, STORE_EXISTING, &s) != 0)
		return 1;
	int64_t t0 = core_mono_us();
	int rc = ST_OK;
	if (!facts) {
		size_t n = 0;
		rc = all ? dir_search_rebuild(s, &n) : dir_search_refresh(s, 0, &n);
		if (rc == ST_OK)
			printf("search index up to date: %zu offers (re-)indexed in %.1f s\n", n,
			       (double)(core_mono_us() - t0) / 1e6);
		else
			fprintf(stderr, "lotse: re-indexing failed\n");
	}
	if (rc == ST_OK && (all || facts)) {
		long n = 0;
		t0 = core_mono_us();
		rc = dir_fact_rebuild(s, &n);
		if (rc == ST_OK)
			printf("fact table rebuilt: %ld current offers in %.1f s\n", n,
			       (double)(core_mono_us() - t0) / 1e6);
		else
			fprintf(stderr, "lotse: rebuilding the fact table failed\n");
	}
	store_close(s);
	return rc == ST_OK ? 0 : 1;
}

static int cmd_serve(const struct opts *o)
{
	struct store *s;
	char err[400];
	/* held while serving, so that `lotse restore` refuses (never closed:
	 * that would drop SQLite's locks of this process on the file) */
	struct stat sb;
	if (stat(o->db, &sb) == 0 && store_claim(o->db, 0, err, sizeof(err)) < 0) {
		fprintf(stderr, "lotse: %s\n", err);
		return 1;
	}
	if (open_migrated(o->db, STORE_EXISTING, &s) != 0)
		return 1;
	/* the head of the audit log in the server's log, where the database is
	 * not; the rows of an import that died while it published them out */
	if (audit_key(s) != 0 || audit_head_log(s) != ST_OK || store_stage_recover(s) != ST_OK) {
		store_close(s);
		return 1;
	}
	store_close(s);
	static_init();
	layout_set_page_check(site_page_linked);
	layout_set_staff_notice(app_staff_notice); /* what waits, on every staff page (#12) */
	struct server_config cfg = {
		.db_path = o->db,
		.listen = o->listen,
		.base_url = o->base_url,
		.threads = o->threads,
		.max_body = SERVER_MAX_BODY,
		.timeout_s = 30,
		.routes = app_routes,
		.nroutes = app_routes_count,
		.error_page = layout_error_page,
		.authorize = app_authorize,
		.may = auth_may,
		.tls = getenv("LOTSE_TLS") && strcmp(getenv("LOTSE_TLS"), "1") == 0,
		.trusted_proxy = getenv("LOTSE_TRUSTED_PROXY"),
	};
	/* maps (#12): tiles only from the server the network configures */
	arena *ma = arena_new();
	const char *tiles = getenv("LOTSE_MAP_TILES");
	cfg.img_origin = dir_public_map_tile_origin(ma);
	if (tiles && *tiles && !cfg.img_origin) {
		log_error("LOTSE_MAP_TILES must be a URL template like https://tiles.example.org/{z}/{x}/{y}.png");
		arena_free(ma);
		return 1;
	}
	if (env_count("LOTSE_CONNECTIONS_PER_ADDRESS", 100000, &cfg.conns_per_address) != 0 ||
	    env_count("LOTSE_HEAD_TIMEOUT", 3600, &cfg.head_timeout_s) != 0) {
		arena_free(ma);
		return 1;
	}
	/* search speed (#12): the finder's and the committee papers' indexes
	 * kept current off the request threads, by one thread */
	const struct search_index *kept[] = { dir_search_index(), pol_search_index() };
	struct search_indexer *indexer = search_indexer_start(o->db, kept, NELEM(kept));
	int rc = server_run(&cfg);
	search_indexer_stop(indexer);
	arena_free(ma);
	return rc;
}

int main(int argc, char **argv)
{
	/* the database, its WAL, backups and exports: the owner's alone */
	umask(077);
	search_init(); /* the schema needs its tokenizer */
	/* interviews (#15): libxml2 2.9 sets itself up lazily, which is not
	 * safe once the server's threads run: once here, before any */
	xmlInitParser();
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
		printf("lotse %s (SQLite %s)\n", LOTSE_VERSION, sqlite3_libversion());
		return 0;
	}
	if (i18n_init() != 0)
		return 1;
	auth_set_orgs(orgs_for_auth);
	/* the evidence loop (#17): the need sources of counselling */
	an_needs_defaults();
	/* the evidence loop's tables: `lotse analyse coverage|gaps|outcomes|funding ...` */
	if ((strcmp(cmd, "analyse") == 0 || strcmp(cmd, "analyze") == 0) && argc > 2 && an_cli_word(argv[2])) {
		int rc = an_cli(argc - 1, argv + 1, env_or("LOTSE_DB", DEFAULT_DB));
		i18n_free();
		return rc;
	}
	if (strcmp(cmd, "analyse") == 0 || strcmp(cmd, "survey") == 0 || strcmp(cmd, "responses") == 0) { /* surveys (#18) */
		int rc = strcmp(cmd, "analyse") == 0  ? survey_cli_analyse(argc - 1, argv + 1)
			 : strcmp(cmd, "survey") == 0 ? survey_cli_survey(argc - 1, argv + 1)
						      : survey_cli_responses(argc - 1, argv + 1);
		i18n_free();
		return rc;
	}
	if (strcmp(cmd, "user") == 0 || strcmp(cmd, "audit") == 0) {
		int rc = strcmp(cmd, "user") == 0 ? auth_cli_user(argc - 1, argv + 1)
						  : auth_cli_audit(argc - 1, argv + 1);
		i18n_free();
		return rc;
	}
	struct opts o = { 0 };
	int first = parse_opts(argc - 1, argv + 1, &o);
	if (first < 0)
		return 2;
	int npos = argc - 1 - first;
	char **pos = argv + 1 + first;
	int rc;
	if (strcmp(cmd, "init") == 0 && npos == 0) {
		rc = cmd_init(&o);
	} else if (strcmp(cmd, "serve") == 0 && npos == 0) {
		rc = cmd_serve(&o);
	} else if (strcmp(cmd, "migrate") == 0 && npos == 0) {
		rc = cmd_migrate(&o);
	} else if (strcmp(cmd, "backup") == 0 && npos == 1) {
		rc = cmd_backup(&o, pos[0]);
	} else if (strcmp(cmd, "restore") == 0 && npos == 1) {
		rc = cmd_restore(&o, pos[0]);
	} else if (strcmp(cmd, "import") == 0) {
		rc = cmd_import(&o, npos, pos);
	} else if (strcmp(cmd, "org") == 0) {
		rc = cmd_org(&o, npos, pos);
	} else if (strcmp(cmd, "reindex") == 0) {
		rc = cmd_reindex(&o, npos, pos);
	} else if (strcmp(cmd, "maintenance") == 0 && npos == 0) {
		rc = cmd_maintenance(&o);
	} else if (strcmp(cmd, "export") == 0) {
		rc = cmd_hsds("export", &o, npos, pos);
	} else if (strcmp(cmd, "privacy") == 0) {
		/* counselling (#14): the data-subject rights */
		rc = counsel_privacy_cli(o.db, npos, pos);
	} else if (strcmp(cmd, "qda") == 0) { /* interviews and expert talks (#15) */
		rc = iv_qda_cli(o.db, o.codebook, npos, pos);
	} else {
		fprintf(stderr, "lotse: unknown command or wrong arguments: %s\n(see `lotse --help`)\n", cmd);
		rc = 2;
	}
	i18n_free();
	return rc;
}
