#!/usr/bin/env bash
# The fictional-rows build (CMake option REFSIM_FICTIONAL_ROWS) in its own directory: configure it,
# build only the targets it runs, and run the engine's exhaustive tests, the rows' own test, compare
# over the rows, the property tests (with the fictional family's facts row, tests/rows/v316_facts.h),
# the fuzz tests and every committed fuzz input's replay.
# Usage: fictional_build.sh SOURCE_DIR BUILD_DIR C_COMPILER CXX_COMPILER
set -euo pipefail
src=$1 dir=$2 cc=$3 cxx=$4
cmake -S "$src" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_CXX_COMPILER="$cxx" -DREFSIM_FICTIONAL_ROWS=ON >/dev/null
# The targets of the tests run below: fuzz/all is every target of fuzz/ (Ninja's per-folder
# target), so that every ctest named fuzz_* and every gtest of refsim_fuzz_tests runs here.
cmake --build "$dir" --target refsim refsim_model_tests refsim_rows_tests refsim_props fuzz/all
# `props` runs the property suite at its fixed RC_PARAMS (seed, max_success: props/CMakeLists.txt).
ctest --test-dir "$dir" --output-on-failure -R '^(model|props|fictional_rows.*|fuzz_.*)$'
# Every fuzz gtest, FormatStability (what each committed binary input decodes to) included: the
# appended rows change no committed input's meaning.
"$dir/fuzz/refsim_fuzz_tests"
