# Makefile — the front door. `make run` and `make check` work on a fresh
# Debian 12 machine as root; everything else is Meson + Ninja underneath.

BUILD ?= build

.PHONY: all deps run check unit http asan browser fuzz fuzz-long bench clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

$(BUILD)/build.ninja:
	scripts/deps.sh
	meson setup $(BUILD)

deps:
	scripts/deps.sh --test

# Build, create var/lotse.db with demo content (once), serve on 127.0.0.1:8080.
run: all
	scripts/run.sh

# Build and run every test: unit, HTTP, the same under ASan+UBSan,
# browser and accessibility, fuzzing (briefly). Ends with "N passed, N failed".
check:
	scripts/deps.sh --test
	tests/run-all.sh

# Single suites (see README).
unit: all
	meson test -C $(BUILD) --suite unit
http: all
	meson test -C $(BUILD) --suite http
asan:
	tests/run-all.sh asan
browser: all
	tests/run-all.sh browser
fuzz:
	tests/run-all.sh fuzz
# 30 minutes per target, two at a time; FUZZ_TARGETS="finder hsds_api" picks some.
fuzz-long:
	FUZZ_SECONDS=1800 tests/run-all.sh fuzz

clean:
	rm -rf $(BUILD) build-san build-asan build-fuzz
