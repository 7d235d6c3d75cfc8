#!/usr/bin/env bash
# fuzz_all_test.sh SOURCE_DIR: what scripts/fuzz-all does with a build
# without ASan (the throughput build of docs/reliability.md), with stand-ins
# for the libFuzzer binaries: the run starts from the ASan build's corpus,
# its corpus is replayed by the ASan build's binary after it, a failure
# there fails the run, and a missing ASan binary is said, not skipped.
set -uo pipefail
source_dir=$1
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A stand-in for a libFuzzer target: records its arguments, keeps one new
# input in its corpus (the first directory) and prints the final stats.
# Replaying (-runs=0), it fails on an input that holds BAD, as ASan would.
make_target() {
  mkdir -p "$(dirname "$1")"
  cat >"$1" <<'EOF'
#!/usr/bin/env bash
echo "$@" >>"$0.calls"
corpus=
for a in "$@"; do case $a in -*) ;; *) [ -z "$corpus" ] && corpus=$a ;; esac; done
if [[ " $* " == *" -runs=0 "* ]]; then
  ! grep -rl BAD "$corpus" >/dev/null
  exit $?
fi
echo "${FAKE_INPUT:-fine}" >"$corpus/new-input"
echo "#100 DONE cov: 42 ft: 50 corp: 2/1b"
printf 'stat::number_of_executed_units: 100\nstat::average_exec_per_sec: 10\nstat::new_units_added: 1\nstat::peak_rss_mb: 30\n'
EOF
  chmod +x "$1"
}

fast=$work/build-fuzz-ub asan=$work/build-fuzz
make_target "$fast/tests/fuzz/fuzz_emit"
make_target "$asan/tests/fuzz/fuzz_emit"
echo "MESO_FUZZ_SANITIZERS:STRING=undefined" >"$fast/CMakeCache.txt"
mkdir -p "$asan/corpus-emit" && echo learned >"$asan/corpus-emit/a"

out=$(FUZZ_ASAN_BUILD=$asan "$source_dir/scripts/fuzz-all" "$fast" 1 emit 2>&1)
status=$?
[ $status -eq 0 ] || fail "a clean run of the build without ASan exited $status: $out"
grep -- "$asan/corpus-emit" "$fast/tests/fuzz/fuzz_emit.calls" >/dev/null ||
  fail "the build without ASan did not start from the ASan build's corpus"
grep -- "-runs=0 .*$fast/corpus-emit" "$asan/tests/fuzz/fuzz_emit.calls" >/dev/null ||
  fail "the ASan build's binary did not replay the run's corpus"
grep -- "-runs=0 .*-entropic=0 .*$fast/corpus-emit" "$asan/tests/fuzz/fuzz_emit.calls" >/dev/null ||
  fail "the replay under ASan re-weights features (entropic), three quarters of its time"
grep -- "| emit | undefined | 100 |.*replayed under ASan: ok" <<<"$out" >/dev/null ||
  fail "the table does not say the sanitizers and the replay: $out"

rm -rf "$fast/corpus-emit"
out=$(FAKE_INPUT=BAD FUZZ_ASAN_BUILD=$asan "$source_dir/scripts/fuzz-all" "$fast" 1 emit 2>&1)
status=$?
[ $status -eq 1 ] || fail "an input that fails under ASan left the run's exit at $status"
grep -- "replayed under ASan: FAILED" <<<"$out" >/dev/null || fail "the table does not say the replay failed: $out"

out=$(FUZZ_ASAN_BUILD=$work/nowhere "$source_dir/scripts/fuzz-all" "$fast" 1 emit 2>&1)
status=$?
[ $status -eq 1 ] || fail "a run that could not be replayed under ASan exited $status"
grep -- "not replayed under ASan: $work/nowhere/tests/fuzz/fuzz_emit is not built" <<<"$out" >/dev/null ||
  fail "the table does not say why the corpus was not replayed: $out"

# The ASan build itself: no replay, no extra seeds.
: >"$asan/tests/fuzz/fuzz_emit.calls"
out=$("$source_dir/scripts/fuzz-all" "$asan" 1 emit 2>&1)
status=$?
[ $status -eq 0 ] || fail "a run of the ASan build exited $status: $out"
grep -- "| emit | address,undefined | 100 |.*| ok |" <<<"$out" >/dev/null || fail "the ASan build's row: $out"
[ "$(wc -l <"$asan/tests/fuzz/fuzz_emit.calls")" -eq 1 ] || fail "the ASan build's run was replayed again"

[ $failures -eq 0 ] && echo "scripts/fuzz-all: every check passed"
exit $((failures > 0))
