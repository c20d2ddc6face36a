/* interviews.c — benchmark of the interviews' retrieval on a big project:
 * DOCS transcripts of about WORDS words each (speaker turns, a timestamp
 * every few turns, non-ASCII text), 40 codes (5 groups of 7 sub-codes),
 * CODINGS codings by two coders, three document variables. Prints the
 * time to build it, then the median and fastest of REPEAT runs of: the
 * segments of one code, of a code with its 7 sub-codes, the code x
 * variable matrix, the co-occurrence, the agreement of the two coders,
 * and the full REFI-QDA export (.qdpx) once.
 *
 *   bench_interviews DB [DOCS] [WORDS] [CODINGS] [REPEAT]
 *   defaults: 200 10000 20000 15; DB must not exist (it is kept). */
#include "bench.h"
#include "core/core.h"
#include "interviews/interviews.h"
#include "search/search.h"
#include "store/store.h"

#include <inttypes.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The CPU time of this process in microseconds: on a machine shared
 * with other work the wall time says more about the others. */
static int64_t cpu_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static double cpu_ms[1024];

/* ms[0..rep): wall times; cpu_ms[0..rep): the CPU times of the same runs. */
static void report(const char *what, double *ms, int rep, const char *extra)
{
	qsort(ms, (size_t)rep, sizeof *ms, cmp_d);
	qsort(cpu_ms, (size_t)rep, sizeof *cpu_ms, cmp_d);
	printf("%-30s wall: median %8.2f ms, fastest %8.2f ms; CPU: median %8.2f ms   %s\n", what, ms[rep / 2], ms[0],
	       cpu_ms[rep / 2], extra);
}

static const char *const words[] = {
	"Ausbildung", "Schule",	 "Praktikum", "Sprache", "Betrieb",    "Eltern",     "Beratung",   "Anerkennung",
	"Zeugnis",    "Mainz",	 "schwierig", "wichtig", "Behörde",    "Übergang",   "Bewerbung",  "Lehrerin",
	"Berufsschule", "Förderung", "Deutschkurs", "Arbeit", "Familie", "Zukunft",  "Prüfung",    "Mentor",
	"und",	      "aber",	 "weil",      "dass",	 "ich",	       "wir",	     "die",	   "der",
	"das",	      "nicht",	 "sehr",      "auch",	 "möchte",     "gehört",     "erzählt",    "geholfen",
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_interviews DB [DOCS] [WORDS] [CODINGS] [REPEAT]\n");
		return 2;
	}
	const char *db = argv[1];
	int docs = argc > 2 ? atoi(argv[2]) : 200, nwords = argc > 3 ? atoi(argv[3]) : 10000;
	int ncodings = argc > 4 ? atoi(argv[4]) : 20000, rep = argc > 5 ? atoi(argv[5]) : 15;
	if (docs < 1 || nwords < 100 || ncodings < 0 || rep < 1 || rep > 1024) {
		fprintf(stderr, "bench_interviews: bad numbers\n");
		return 2;
	}
	search_init();
	xmlInitParser();
	struct store *s;
	char err[400];
	if (store_open(db, STORE_CREATE, &s, err, sizeof(err)) != ST_OK || store_migrate(s, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "bench_interviews: %s\n", err);
		return 1;
	}
	int64_t t0 = core_mono_us();
	int64_t pid, c1, c2;
	int rc = iv_project_create(s, "Benchmark", "", NULL, 0, &pid);
	rc = rc == ST_OK ? store_exec(s, "INSERT INTO iv_coder(project_id, guid, name) VALUES "
				      "(1, '00000000-0000-4000-8000-000000000001', 'Kodierer A'), "
				      "(1, '00000000-0000-4000-8000-000000000002', 'Kodierer B')")
			 : rc;
	c1 = 1;
	c2 = 2;
	int64_t codes[40];
	char name[64];
	for (int g = 0; rc == ST_OK && g < 5; g++) {
		snprintf(name, sizeof(name), "Gruppe %d", g + 1);
		struct iv_code c = { .name = name, .color = "#336699", .description = "", .memo = "" };
		rc = iv_code_save(s, pid, &c, &codes[g * 8]);
		for (int k = 1; rc == ST_OK && k < 8; k++) {
			snprintf(name, sizeof(name), "Code %d.%d", g + 1, k);
			struct iv_code sub = { .parent_id = codes[g * 8], .name = name, .color = "#99ccff", .description = "",
					       .memo = "" };
			rc = iv_code_save(s, pid, &sub, &codes[g * 8 + k]);
		}
	}
	static const char *const groups[] = { "Jugendliche", "Eltern", "Lehrkräfte", "Betriebe", "Expertinnen" };
	long total_words = 0;
	buf text;
	buf_init(&text, 0);
	arena *a = arena_new();
	struct store_tx tx;
	rc = rc == ST_OK ? store_tx_begin(s, &tx) : rc;
	int per_doc = ncodings / docs, extra = ncodings % docs;
	for (int d = 0; rc == ST_OK && d < docs; d++) {
		buf_reset(&text);
		int w = 0, turn = 0;
		while (w < nwords) {
			if (turn % 6 == 0)
				buf_printf(&text, "[%02d:%02d:%02d] ", turn / 60, turn % 60, (turn * 7) % 60);
			buf_puts(&text, turn % 2 ? "B: " : "I: ");
			int len = turn % 2 ? 40 + (int)(rnd() % 80) : 8 + (int)(rnd() % 12);
			for (int k = 0; k < len && w < nwords; k++, w++) {
				buf_puts(&text, words[rnd() % NELEM(words)]);
				buf_puts(&text, k + 1 < len ? " " : ".");
			}
			buf_puts(&text, "\r\n");
			turn++;
		}
		total_words += w;
		snprintf(name, sizeof(name), "Interview %03d", d + 1);
		struct iv_doc doc = { .project_id = pid, .name = name, .kind = "interview", .body = buf_str(&text) };
		int64_t id;
		rc = iv_doc_add(s, &doc, &id);
		if (rc == ST_OK)
			rc = iv_doc_var_set(s, id, "Gruppe", groups[d % 5]);
		if (rc == ST_OK)
			rc = iv_doc_var_set(s, id, "Stadtteil", d % 3 ? "Neustadt" : "Mombach");
		if (rc == ST_OK)
			rc = iv_doc_var_set(s, id, "Jahr", d % 2 ? "2026" : "2027");
		struct iv_para *p;
		size_t np;
		if (rc == ST_OK)
			rc = iv_paras(s, a, id, &p, &np);
		/* codings on sentences-ish spans inside paragraphs, by both coders */
		int want = per_doc + (d < extra);
		for (int k = 0; rc == ST_OK && k < want && np; k++) {
			const struct iv_para *q = &p[rnd() % np];
			long span = q->end - q->start;
			long st = q->start + (long)(rnd() % (unsigned)(span > 20 ? span - 20 : 1));
			long en = st + 20 + (long)(rnd() % 200);
			if (en > q->end)
				en = q->end;
			if (en <= st)
				continue;
			int64_t code = codes[(rnd() % 5) * 8 + 1 + rnd() % 7];
			rc = iv_coding_add(s, pid, id, code, k % 2 ? c2 : c1, st, en, NULL, NULL);
		}
	}
	rc = store_tx_end(s, &tx, rc);
	/* the paragraphs wait for the text engine: that is the first search's
	 * work, not retrieval's; left out here */
	if (rc == ST_OK)
		rc = store_exec(s, "DELETE FROM ivsearch_dirty");
	buf_free(&text);
	if (rc != ST_OK) {
		fprintf(stderr, "bench_interviews: building the project failed\n");
		return 1;
	}
	long ncod = 0;
	{
		struct iv_project *p;
		size_t np;
		if (iv_projects(s, a, 0, &p, &np) == ST_OK && np)
			ncod = p[0].ncodings;
	}
	printf("built %d transcripts, %ld words, %ld codings in %.1f s\n", docs, total_words, ncod,
	       (double)(core_mono_us() - t0) / 1e6);

	double *ms = calloc((size_t)rep, sizeof(double));
	char extra_s[80];
	size_t n = 0;
	struct iv_segment *seg;
	for (int i = 0; i < rep; i++) {
		arena *b = arena_new();
		struct iv_seg_filter f = { .code_id = codes[1 + 8 * (i % 5)] };
		int64_t t = core_mono_us(), c = cpu_us();
		if (iv_segments(s, b, pid, &f, &seg, &n) != ST_OK)
			return 1;
		ms[i] = (double)(core_mono_us() - t) / 1000.0;
		cpu_ms[i] = (double)(cpu_us() - c) / 1000.0;
		arena_free(b);
	}
	snprintf(extra_s, sizeof(extra_s), "(%zu segments)", n);
	report("segments of one code", ms, rep, extra_s);
	/* what the segments page asks for: how many, and the third page of a hundred */
	size_t total = 0;
	for (int i = 0; i < rep; i++) {
		arena *b = arena_new();
		struct iv_seg_filter f = { .code_id = codes[1 + 8 * (i % 5)], .offset = 200, .limit = 100 };
		int64_t t = core_mono_us(), c = cpu_us();
		if (iv_segments_count(s, pid, &f, &total) != ST_OK || iv_segments(s, b, pid, &f, &seg, &n) != ST_OK)
			return 1;
		ms[i] = (double)(core_mono_us() - t) / 1000.0;
		cpu_ms[i] = (double)(cpu_us() - c) / 1000.0;
		arena_free(b);
	}
	snprintf(extra_s, sizeof(extra_s), "(%zu of %zu segments)", n, total);
	report("one page (201-300) and count", ms, rep, extra_s);
	for (int i = 0; i < rep; i++) {
		arena *b = arena_new();
		struct iv_seg_filter f = { .code_id = codes[8 * (i % 5)], .subcodes = 1, .var = "Gruppe",
					   .value = groups[i % 5] };
		int64_t t = core_mono_us(), c = cpu_us();
		if (iv_segments(s, b, pid, &f, &seg, &n) != ST_OK)
			return 1;
		ms[i] = (double)(core_mono_us() - t) / 1000.0;
		cpu_ms[i] = (double)(cpu_us() - c) / 1000.0;
		arena_free(b);
	}
	snprintf(extra_s, sizeof(extra_s), "(%zu segments)", n);
	report("with 7 sub-codes, one group", ms, rep, extra_s);
	for (int i = 0; i < rep; i++) {
		arena *b = arena_new();
		struct iv_matrix m;
		int64_t t = core_mono_us(), c = cpu_us();
		if (iv_matrix_get(s, b, pid, "Gruppe", &m) != ST_OK)
			return 1;
		ms[i] = (double)(core_mono_us() - t) / 1000.0;
		cpu_ms[i] = (double)(cpu_us() - c) / 1000.0;
		snprintf(extra_s, sizeof(extra_s), "(%zu codes x %zu values)", m.ncodes, m.nvalues);
		arena_free(b);
	}
	report("code x variable matrix", ms, rep, extra_s);
	int few = rep < 5 ? rep : 5;
	for (int i = 0; i < few; i++) {
		arena *b = arena_new();
		struct iv_code *cc;
		size_t nc;
		long *cnt;
		int64_t t = core_mono_us(), c = cpu_us();
		if (iv_cooccurrence(s, b, pid, 0, &cc, &nc, &cnt) != ST_OK)
			return 1;
		ms[i] = (double)(core_mono_us() - t) / 1000.0;
		cpu_ms[i] = (double)(cpu_us() - c) / 1000.0;
		arena_free(b);
	}
	report("co-occurrence (overlaps)", ms, few, "");
	for (int i = 0; i < few; i++) {
		arena *b = arena_new();
		struct iv_agree_row *rows;
		size_t nr, nd;
		struct iv_disagreement *dis;
		int64_t t = core_mono_us(), c = cpu_us();
		if (iv_agreement(s, b, pid, c1, c2, &rows, &nr, &dis, &nd) != ST_OK)
			return 1;
		ms[i] = (double)(core_mono_us() - t) / 1000.0;
		cpu_ms[i] = (double)(cpu_us() - c) / 1000.0;
		arena_free(b);
	}
	report("agreement of two coders", ms, few, "");
	char path[512];
	snprintf(path, sizeof(path), "%s.qdpx", db);
	unlink(path);
	int64_t t = core_mono_us(), c = cpu_us();
	if (iv_qda_export(s, pid, 0, path, err, sizeof(err)) != ST_OK) {
		fprintf(stderr, "bench_interviews: %s\n", err);
		return 1;
	}
	printf("%-30s wall: %8.2f s; CPU: %8.2f s   (%s)\n", "full export (.qdpx)", (double)(core_mono_us() - t) / 1e6,
	       (double)(cpu_us() - c) / 1e6, path);
	free(ms);
	arena_free(a);
	store_close(s);
	return 0;
}
