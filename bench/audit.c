/* audit.c — bench_audit DB N [VIEWS]: fill the audit log of DB up to N rows
 * (one transaction, keyed rows as the server writes them) and time what
 * /intern/protokoll does to the store per view: the chain check as it was
 * (every row, audit_verify_rows) and as it is (only rows added since the
 * last view, audit_verify_new: the first view after a start checks all),
 * and the rest of the page (the filters' distinct values, the newest 51
 * rows). Medians over VIEWS views (default 10), with 10 new rows between
 * views as a busy day adds them. */
#include "auth/auth.h"
#include "core/core.h"
#include "core/log.h"
#include "search/search.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp);
	return v[n / 2];
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: bench_audit DB N [VIEWS]\n");
		return 2;
	}
	search_init();
	log_set_quiet(1);
	long n = atol(argv[2]);
	int views = argc > 3 ? atoi(argv[3]) : 10;
	if (views < 1 || views > 1000)
		views = 10;
	struct store *s;
	char err[600];
	if (store_open(argv[1], STORE_EXISTING, &s, err, sizeof(err)) != ST_OK ||
	    store_migrate(s, err, sizeof(err)) != ST_OK || audit_key_open(s, 1, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "bench_audit: %s\n", err);
		return 1;
	}
	int64_t have = 0;
	char hash[65];
	audit_head(s, &have, hash);
	if (have < n) {
		int64_t t0 = core_mono_us();
		struct store_tx tx;
		int rc = store_tx_begin(s, &tx);
		static const char *const actions[] = { "login", "dir_save", "contact_read", "page_save", "logout" };
		for (int64_t i = have; rc == ST_OK && i < n; i++) {
			char oid[24];
			snprintf(oid, sizeof(oid), "%lld", (long long)(i % 997));
			struct audit_entry e = { .user_id = 1 + i % 7, .action = actions[i % 5], .object_type = "user",
						 .object_id = oid, .outcome = "ok", .client = "192.0.2.0/24" };
			rc = audit_write(s, &e);
		}
		if (store_tx_end(s, &tx, rc) != ST_OK) {
			fprintf(stderr, "bench_audit: cannot fill the log\n");
			return 1;
		}
		printf("filled %lld rows in %.1f s\n", (long long)(n - have), (double)(core_mono_us() - t0) / 1e6);
	}
	double *full = calloc((size_t)views, sizeof(double)), *incr = calloc((size_t)views, sizeof(double)),
	       *rest = calloc((size_t)views, sizeof(double));
	double first = 0;
	int64_t rows = 0;
	arena *a = arena_new();
	for (int v = 0; v <= views; v++) {
		int64_t t0 = core_mono_us();
		if (audit_verify_new(s, &rows, err, sizeof(err)) != 0) {
			fprintf(stderr, "bench_audit: %s\n", err);
			return 1;
		}
		double t = (double)(core_mono_us() - t0) / 1e3;
		if (v == 0) {
			first = t;
		} else {
			incr[v - 1] = t;
			t0 = core_mono_us();
			if (audit_verify_rows(s, &rows, err, sizeof(err)) != 0) {
				fprintf(stderr, "bench_audit: %s\n", err);
				return 1;
			}
			full[v - 1] = (double)(core_mono_us() - t0) / 1e3;
			t0 = core_mono_us();
			const char **x, **y;
			struct audit_row *list;
			size_t k;
			struct audit_filter f = { .limit = 51 };
			if (audit_actions(s, a, &x) != ST_OK || audit_object_types(s, a, &y) != ST_OK ||
			    audit_list(s, a, &f, &list, &k) != ST_OK) {
				fprintf(stderr, "bench_audit: the page's queries failed\n");
				return 1;
			}
			rest[v - 1] = (double)(core_mono_us() - t0) / 1e3;
		}
		for (int i = 0; i < 10; i++)
			audit_add(s, 1, "login", "user", "1", "ok");
	}
	printf("%lld rows; per view of /intern/protokoll (median of %d views):\n", (long long)rows, views);
	printf("  chain check before (every row each view):        %9.1f ms\n", median(full, views));
	printf("  chain check now (rows since the last view):     %9.2f ms (first view after a start: %.1f ms)\n",
	       median(incr, views), first);
	printf("  the rest of the page's queries (filters, rows): %9.1f ms\n", median(rest, views));
	arena_free(a);
	store_close(s);
	return 0;
}
