# sanitize.sh — the one ASan+UBSan build, shared by the asan and the fuzz
# suite (sourced by tests/run-all.sh and tests/fuzz/run.sh).
#
# clang, -Dfuzz=true: the library and the tests are built with
# -fsanitize=fuzzer-no-link, so the same objects serve the unit and HTTP
# tests under ASan+UBSan (the asan suite) and the libFuzzer targets (the
# fuzz suite); the tree is compiled under the sanitizers once, not twice.
# -O1 -g, as OSS-Fuzz builds its fuzz targets: the code runs nearly as fast
# as at -O2, compiles faster, and its reports have file and line.
# No -Werror here: the build suite compiles the tree with -Werror (gcc);
# clang's own extra warnings are shown in build-san/ninja.log.
SAN_BUILD=build-san
SAN_OPTIONS="-Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false
 -Dbuildtype=debug -Doptimization=1 -Dc_args=-fsanitize=fuzzer-no-link"
