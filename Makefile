# The two commands of the README: `make demo` and `make test`. Both install
# what is missing (scripts/setup), then build with CMake. `make bench` runs
# the benchmark (bench/run.py, docs/performance.md); it is not part of
# `make test`, which holds no timing assertion. `make lint` runs the checks
# of CONTRIBUTING.md (layering, comments, file sizes, clang-tidy against its baseline).
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

SANITIZE_BUILD ?= build-sanitize
RELEASE_BUILD ?= build-release
FUZZ_BUILD ?= build-fuzz
# address,undefined; `undefined` alone for the throughput build of the slow
# targets (make fuzz-all FUZZ_BUILD=build-fuzz-ub FUZZ_SANITIZERS=undefined,
# docs/reliability.md), whose corpus scripts/fuzz-all replays under ASan.
FUZZ_SANITIZERS ?= address,undefined
FUZZ_SECONDS ?= 60

.PHONY: all setup build test demo bench clean test-sanitize fuzz fuzz-build fuzz-all release lint package vsix

all: build

setup:
	@scripts/setup

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMESO_WERROR=ON $(CMAKE_FLAGS)

build: setup $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

demo: build
	@scripts/demo $(BUILD)/meso

# Needs only a configured $(BUILD) (its compile_commands.json), not a
# build; configuring again (keeping the cache's options) picks up the .cpp
# files added since. Every check runs even when one fails. clang-tidy's
# results are cached per file in $(BUILD)/lint-cache/ (scripts/lint/tidy.py
# says by what); `make lint JOBS=1` leaves the other cores alone.
lint: setup $(BUILD)/CMakeCache.txt
	@cmake -S . -B $(BUILD) >/dev/null
	@status=0; \
	/usr/bin/python3 -m unittest discover -q -s scripts/lint -p 'test_*.py' || status=1; \
	/usr/bin/python3 scripts/lint/layering.py || status=1; \
	/usr/bin/python3 scripts/lint/references.py || status=1; \
	scripts/lint/format.sh || status=1; \
	/usr/bin/python3 scripts/lint/sizes.py || status=1; \
	/usr/bin/python3 scripts/lint/tidy.py --build $(BUILD) --jobs $(JOBS) || status=1; \
	exit $$status

# The npm package `ics` the benchmark compares against, at the version of
# bench/node/package-lock.json; Debian's nodejs and npm when node is missing.
bench/node/node_modules/.package-lock.json: bench/node/package-lock.json
	@command -v node >/dev/null && command -v npm >/dev/null || scripts/setup --bench
	cd bench/node && npm ci --no-audit --no-fund --loglevel=error

# The VS Code extension as a .vsix (docs/editors.md), with @vscode/vsce and
# vscode-languageclient at the versions of the committed lock files (vsce
# leaves the tests' devDependencies out). npm fetches them: not part of `make test`.
VSIX ?= $(BUILD)/meso.vsix
vsix: setup
	cd editors/vscode/tools && npm ci --engine-strict --no-audit --no-fund --loglevel=error
	cd editors/vscode && npm ci --engine-strict --no-audit --no-fund --loglevel=error
	mkdir -p $(dir $(VSIX))
	cd editors/vscode && tools/node_modules/.bin/vsce package --allow-missing-repository --skip-license -o $(abspath $(VSIX))

bench: build bench/node/node_modules/.package-lock.json
	@command -v valgrind >/dev/null || scripts/setup --bench
	/usr/bin/python3 bench/run.py $(BUILD) $(BENCH_FLAGS)
# The whole test suite again, every binary built with AddressSanitizer and
# UndefinedBehaviorSanitizer (leaks included); any report fails the run.
export ASAN_OPTIONS ?= detect_leaks=1:halt_on_error=1:abort_on_error=1:detect_stack_use_after_return=1:check_initialization_order=1
export UBSAN_OPTIONS ?= halt_on_error=1:abort_on_error=1:print_stacktrace=1

$(SANITIZE_BUILD)/CMakeCache.txt:
	cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMESO_SANITIZE=ON -DMESO_WERROR=ON $(CMAKE_FLAGS)

test-sanitize: setup $(SANITIZE_BUILD)/CMakeCache.txt
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	ctest --test-dir $(SANITIZE_BUILD) --output-on-failure -j $(JOBS)

# libFuzzer on the whole pipeline (tests/fuzz/), built with clang in its own
# directory. New inputs go to $(FUZZ_BUILD)/corpus, findings to
# $(FUZZ_BUILD)/crashes/; copy a finding to tests/fuzz/regressions/ once fixed.
$(FUZZ_BUILD)/CMakeCache.txt:
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMESO_FUZZ=ON -DMESO_FUZZ_SANITIZERS=$(FUZZ_SANITIZERS) -DMESO_WERROR=OFF $(CMAKE_FLAGS)

fuzz-build: setup $(FUZZ_BUILD)/CMakeCache.txt
	cmake --build $(FUZZ_BUILD) --target fuzz_pipeline -j $(JOBS)

# Every fuzz target, one after the other, FUZZ_SECONDS each, with a table
# of executions and coverage per target (scripts/fuzz-all, docs/reliability.md).
FUZZ_TARGETS ?= parse format rules emit lsp pipeline
fuzz-all: setup $(FUZZ_BUILD)/CMakeCache.txt
	cmake --build $(FUZZ_BUILD) --target $(addprefix fuzz_,$(FUZZ_TARGETS)) -j $(JOBS)
	scripts/fuzz-all $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz: fuzz-build
	mkdir -p $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/crashes
	$(FUZZ_BUILD)/tests/fuzz/fuzz_pipeline $(FUZZ_BUILD)/corpus tests/fuzz/corpus tests/fuzz/regressions examples stdlib \
	  -dict=tests/fuzz/meso.dict -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=10 \
	  -rss_limit_mb=2048 -malloc_limit_mb=200 -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/crashes/ $(FUZZ_FLAGS)

# The meso binary as a packager builds it: CMAKE_BUILD_TYPE=Release (-O3),
# no tests, with the hardening of Debian's dpkg-buildflags (fortified libc
# calls, stack protector, read-only relocations bound at start; lintian
# checks them in the .deb). CI runs it with -Werror, so a warning that only
# -O3 shows (GCC's inliner sees more) is found here rather than by a packager.
HARDENING_CXXFLAGS ?= -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fstack-clash-protection -Wformat -Werror=format-security
HARDENING_LDFLAGS ?= -Wl,-z,relro -Wl,-z,now
$(RELEASE_BUILD)/CMakeCache.txt:
	cmake -S . -B $(RELEASE_BUILD) -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DMESO_WERROR=ON \
	  -DCMAKE_CXX_FLAGS="$(HARDENING_CXXFLAGS)" -DCMAKE_EXE_LINKER_FLAGS="$(HARDENING_LDFLAGS)" $(CMAKE_FLAGS)

release: setup $(RELEASE_BUILD)/CMakeCache.txt
	cmake --build $(RELEASE_BUILD) --target meso -j $(JOBS)

# The .deb (packaging/cpack.cmake) of the release build, then its checks
# (scripts/check-package): lintian, the files it holds, meso --version run
# from the package unpacked. docs/install.md.
package: release
	cmake --build $(RELEASE_BUILD) --target meso_completions meso_man meso_changelog -j $(JOBS)
	cd $(RELEASE_BUILD) && cpack -G DEB
	scripts/check-package $(RELEASE_BUILD)/meso_$$(sed -n '1s/^meso (\(.*\)).*/\1/p' packaging/changelog)_$$(dpkg --print-architecture).deb

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) $(FUZZ_BUILD) $(RELEASE_BUILD)
