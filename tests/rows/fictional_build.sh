#!/usr/bin/env bash
# The fictional-rows build (CMake option REFSIM_FICTIONAL_ROWS) in its own directory: configure it
# (with the libFuzzer targets when the compiler can link them), build all of it, run its whole ctest
# suite but the tests named below (each with the reason it cannot run there), then run each libFuzzer
# target for a short box from the committed seeds and from seeds on the fictional rows
# (tests/rows/fictional_seeds.cc). Prints each phase's wall time.
# Usage: fictional_build.sh SOURCE_DIR BUILD_DIR C_COMPILER CXX_COMPILER
set -euo pipefail
src=$1 dir=$2 cc=$3 cxx=$4
mkdir -p "$dir"

phase_start=$SECONDS
phase_end() { echo "fictional_build: $1: $((SECONDS - phase_start)) s wall"; phase_start=$SECONDS; }

# libFuzzer: clang links a one-line target with -fsanitize=fuzzer, or the fuzz runs are skipped.
fuzzers=OFF
probe="$dir/libfuzzer-probe"
if printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' |
   "$cxx" -x c++ -fsanitize=fuzzer -o "$probe" - 2>/dev/null; then
  fuzzers=ON
else
  echo "fictional_build: no libFuzzer target is built or run: $cxx cannot link -fsanitize=fuzzer"
fi
rm -f "$probe"

# Optimized as RelWithDebInfo but without debug information: nobody debugs this build; a unity build
# as the dev preset's. The code around the model and its formats (compare, campaigns, verify, the
# command) at -O0, as in the asan preset (REFSIM_TOOL_CODE_OPTIMIZATION): no test waits on its
# speed. libFuzzer's coverage is in the targets' own sources only: in the libraries it would slow
# this build's whole suite about 3x for fuzz runs of 2,000 inputs (docs/CI-TIME.md).
cmake -S "$src" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=16 -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -DNDEBUG" \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -DNDEBUG" -DREFSIM_TOOL_CODE_OPTIMIZATION=-O0 \
  -DREFSIM_FICTIONAL_ROWS=ON -DREFSIM_BUILD_FUZZERS=$fuzzers -DREFSIM_FUZZ_COVERAGE_IN_LIBRARIES=OFF >/dev/null
phase_end configure
cmake --build "$dir" -j "$(nproc)"
phase_end build

# The tests that cannot run in this build, and why. Everything else of its ctest runs: the engine,
# semantics, io, replay, campaign, compare, free-threaded, verify (without an interpreter) and
# property suites, the rows' own tests, every committed fuzz input's replay and the script tests.
excluded=(
  'verify_corpus|run CPython interpreters (refsim verify); no interpreter has the fictional rows'
  'verify_ft_corpus|run free-threaded CPython interpreters; none has the fictional rows'
  'verify_interrupt|runs refsim verify on a real CPython 3.11 and stops it mid-run; no interpreter has the fictional rows'
  'verify_skip_refused|runs refsim verify on a real CPython 3.11 with scenarios it refuses; no interpreter has the fictional rows'
  'verify_silence|refsim verify with stand-in interpreters and compilers of real versions, timing its children; no row of names.def is involved'
  'conformance\..*|the model against the real inline code of the CPython header sets found at configure; none has the fictional rows (the conformance code is compiled here, with them)'
  'fuzz_oss_build|a second build of the libraries (the OSS-Fuzz build script)'
  'fuzz_cfl_build|a second build of the libraries (the ClusterFuzzLite build script)'
  'fuzz_run_.*|replaced by the runs below, which also start from seeds on the fictional rows'
  "refsim_compare_schema|checks refsim compare's JSON against docs/schemas/, which list the real rows' names only (docs/ADDING-A-VERSION.md, What is not yet a row)"
  "docs_links|reads the source tree's documents, not a build: the same files the build running this test checks"
  "fictional_rows_files|reads the source tree's files, not a build: the same files the build running this test checks"
)
regex=
for entry in "${excluded[@]}"; do
  echo "fictional_build: not run here: ${entry%%|*}: ${entry#*|}"
  regex+="${regex:+|}^${entry%%|*}\$"  # no groups: CMake's regular expressions take at most 9
done
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" -E "$regex"
phase_end ctest

# Every fuzz gtest ran above (ctest discovers them), FormatStability among them: the appended rows
# change no committed input's meaning. Now each libFuzzer target, from a fresh scratch corpus.
if [[ $fuzzers == ON ]]; then
  seeds="$dir/fictional-seeds"
  rm -rf "$seeds"
  "$dir/tests/refsim_rows_seeds" "$seeds"
  # fuzz_run BINARY REPORT_ONLY SEED_DIR...: -seed=1, 2000 runs or 5 s; findings about CPython
  # (REPORT_ONLY=1: immortal_safety, mortal_accounting, the claims) are printed, any other fails.
  # One run per core at a time (ctest runs nothing beside this test), each into its own log, printed
  # in order when its batch ends.
  batch_pids=() batch_names=() failed=()
  end_batch() {
    local i
    for i in "${!batch_pids[@]}"; do
      local name=${batch_names[$i]} status=0
      wait "${batch_pids[$i]}" || status=$?
      cat "$dir/fictional-fuzz/$name.log"
      if ((status != 0)); then
        echo "fictional_build: fuzzing $name FAILED (exit $status)"
        failed+=("$name")
      fi
    done
    batch_pids=() batch_names=()
  }
  fuzz_run() {
    local binary=$1 report_only=$2 name scratch
    name=$(basename "$1")
    scratch="$dir/fictional-fuzz/$name"
    shift 2
    rm -rf "$scratch"
    mkdir -p "$scratch"
    ( echo "fictional_build: fuzzing $name from $*"
      REFSIM_FUZZ_REPORT_ONLY=$report_only exec "$binary" -seed=1 -runs=2000 -max_total_time=5 -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix="$scratch/" "$scratch" "$@" ) >"$scratch.log" 2>&1 &
    batch_pids+=($!) batch_names+=("$name")
    if ((${#batch_pids[@]} >= $(nproc))); then end_batch; fi
  }
  fuzz_run "$dir/fuzz/engine_equivalence" 0 "$src/corpus/engine_equivalence/seeds" "$seeds/engine_equivalence"
  fuzz_run "$dir/fuzz/immortal_safety" 1 "$src/corpus/immortal_safety/seeds" "$seeds/immortal_safety"
  fuzz_run "$dir/fuzz/mortal_accounting" 1 "$src/corpus/mortal_accounting/seeds" "$seeds/mortal_accounting"
  fuzz_run "$dir/fuzz/scenario_json" 0 "$src/corpus/scenario_json/seeds" "$seeds/scenario_json"
  fuzz_run "$dir/fuzz/claims" 1
  fuzz_run "$dir/fuzz/ft_engine" 0 "$src/corpus/ft_engine/seeds"
  # header_conformance is built here (with the rows) but not run: it fuzzes the model against the real
  # header sets' code, none of which has the fictional rows, as the conformance tests above.
  end_batch
  if ((${#failed[@]} > 0)); then
    echo "fictional_build: fuzz runs that failed: ${failed[*]}"
    exit 1
  fi
  phase_end fuzz
fi
