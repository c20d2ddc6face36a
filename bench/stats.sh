#!/bin/sh
# stats.sh — the survey statistics on 1,000,000 responses against R: a
# frequency table and a crosstab with Pearson's chi-square of two closed
# questions with 30 answer codes (3 % no answer), unweighted and weighted.
#
#   bench/stats.sh [BENCH_BIN] [ROWS] [LEVELS]   defaults: build/bench_stats, 1000000, 30
#
# Runs bench_stats (the median of 15 runs of lotse's counting and test on
# the arrays), which also writes the data as CSV; then, when Rscript is
# there (Debian: r-base-core), loads the CSV in R and times table() and
# table() + chisq.test(correct = FALSE) on the same data already loaded
# (median of 15 runs; weighted: xtabs(w ~ a + b)), and prints R's
# chi-square, which must equal lotse's. The issue's budget: freq <= 0.2 s,
# crosstab with chi-square <= 0.5 s, and not slower than R.
set -eu
cd "$(dirname "$0")/.."
BIN=${1:-build/bench_stats}
ROWS=${2:-1000000}
LEVELS=${3:-30}
[ -x "$BIN" ] || { echo "stats.sh: $BIN is not built (ninja -C build)" >&2; exit 2; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/lotse-bench-stats.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM

echo "== lotse"
"$BIN" "$ROWS" "$LEVELS" 15 --csv "$TMP/data.csv"

if ! command -v Rscript >/dev/null; then
	echo "== R: Rscript is missing (apt-get install r-base-core); no comparison"
	exit 0
fi
echo "== R ($(Rscript -e 'cat(R.version.string)'))"
Rscript - "$TMP/data.csv" <<'R'
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = c("integer", "integer", "numeric"))
rep <- 15
med <- function(f) {
	ms <- sapply(seq_len(rep), function(i) system.time(f())[["elapsed"]] * 1000)
	sprintf("median %8.2f ms   fastest %8.2f ms", median(ms), min(ms))
}
cat(sprintf("%-22s %s\n", "freq", med(function() prop.table(table(d$a)))))
ct <- NULL
cat(sprintf("%-22s %s\n", "crosstab+chi2", med(function() ct <<- suppressWarnings(chisq.test(table(d$a, d$b), correct = FALSE)))))
cat(sprintf("  n %d chi2 %.17g df %d p %.6g\n", sum(ct$observed), ct$statistic, ct$parameter, ct$p.value))
cat(sprintf("%-22s %s\n", "freq (weighted)", med(function() prop.table(xtabs(w ~ a, d)))))
cat(sprintf("%-22s %s\n", "crosstab+chi2 (weighted)", med(function() ct <<- suppressWarnings(chisq.test(xtabs(w ~ a + b, d), correct = FALSE)))))
cat(sprintf("  n %.17g chi2 %.17g df %d p %.6g\n", sum(ct$observed), ct$statistic, ct$parameter, ct$p.value))
R
