# The two commands of the README: `make demo` and `make test`. Both install
# what is missing (scripts/setup), then build with CMake. `make bench` runs
# the benchmark (bench/run.py, docs/performance.md); it is not part of
# `make test`, which holds no timing assertion.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all setup build test demo bench clean

all: build

setup:
	@scripts/setup

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: setup $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

demo: build
	@scripts/demo $(BUILD)/meso

# The npm package `ics` the benchmark compares against, at the version of
# bench/node/package-lock.json; Debian's nodejs and npm when node is missing.
bench/node/node_modules/.package-lock.json: bench/node/package-lock.json
	@command -v node >/dev/null && command -v npm >/dev/null || scripts/setup --bench
	cd bench/node && npm ci --no-audit --no-fund --loglevel=error

bench: build bench/node/node_modules/.package-lock.json
	/usr/bin/python3 bench/run.py $(BUILD)

clean:
	rm -rf $(BUILD)
