#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build script for refsim. Follows the conventions: the compilers and
# flags come from $CC $CXX $CFLAGS $CXXFLAGS (which carry the sanitizer and coverage flags), the
# engine from $LIB_FUZZING_ENGINE, and everything goes to $OUT: one binary per target,
# <target>_seed_corpus.zip (seeds and regression inputs), <target>.dict and <target>.options; and
# the claims target (docs/CLAIMS.md) with claims.known, the signatures of the counterexamples
# recorded in corpus/claims: the built-in catalog's known violations are not crashes there, new ones are.
# The refsim checkout is $SRC_DIR, else the working folder when it holds this script (OSS-Fuzz and
# ClusterFuzzLite run $SRC/build.sh from WORKDIR $SRC/refsim), else two levels up from this script;
# $WORK a scratch folder for the build (default: $OUT/../work).
if [ -n "${SRC_DIR:-}" ]; then src=$SRC_DIR
elif [ -f "$PWD/fuzz/oss-fuzz/build.sh" ]; then src=$PWD
else src=$(cd "$(dirname "$0")/../.." && pwd); fi
work=${WORK:-$OUT/../work}/refsim-build
targets="engine_equivalence immortal_safety mortal_accounting scenario_json"

# The libraries, with the given flags and only those (no tests, no libFuzzer targets: those link the
# engine below). Build type None adds no flags of its own: $CFLAGS' optimization level holds (a
# Release build would append -O3 after OSS-Fuzz's -O1), and assert()s stay live. A unity build, as
# the presets' (each library's sources compiled in batches of 16): the JSON and standard headers are
# parsed once per batch, not once per file, which more than halves this build's time.
cmake -S "$src" -B "$work" -G Ninja -DCMAKE_BUILD_TYPE=None -DCMAKE_C_COMPILER="$CC" \
  -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=16 -DREFSIM_BUILD_TESTS=OFF -DREFSIM_BUILD_FUZZERS=OFF >/dev/null
cmake --build "$work" --target refsim_fuzz refsim_campaign -j"$(nproc)"

libs="$work/fuzz/librefsim_fuzz.a $work/librefsim_io.a $work/librefsim_freethreaded.a $work/librefsim_model.a"

# The five programs compile and link one per core at a time (each a few seconds, one file), while
# the seed archives are written; `wait` makes any failure the script's (bash -e).
jobs_running=()
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT   # a failed job stops the others
in_background() {
  if ((${#jobs_running[@]} >= $(nproc))); then
    wait "${jobs_running[0]}"
    jobs_running=("${jobs_running[@]:1}")
  fi
  "$@" &
  jobs_running+=($!)
}

in_background $CXX $CXXFLAGS -std=c++20 -I"$src" "$src/fuzz/claims_target.cc" "$work/librefsim_campaign.a" \
  $libs $LIB_FUZZING_ENGINE -o "$OUT/claims"
# Each recorded counterexample is a scenario named by its signature (one interpreter for all).
python3 - "$src/corpus/claims" > "$OUT/claims.known" <<'PY'
import json, os, sys
paths = sorted(os.path.join(folder, name) for folder, _, names in os.walk(sys.argv[1])
               for name in names if name.endswith(".json"))
for path in paths:
    with open(path) as f:
        print(json.load(f)["name"])
PY
cp "$src/fuzz/dict/claims.dict" "$OUT/claims.dict"
printf '[libfuzzer]\ndict = claims.dict\nmax_len = 256\ntimeout = 10\n' > "$OUT/claims.options"
for t in $targets; do
  in_background $CXX $CXXFLAGS -std=c++20 -I"$src" -DREFSIM_FUZZ_TARGET_NAME="\"$t\"" -DREFSIM_FUZZ_CUSTOM=1 \
    "$src/fuzz/libfuzzer_target.cc" $libs $LIB_FUZZING_ENGINE -o "$OUT/$t"
  rm -f "$OUT/${t}_seed_corpus.zip"
  (cd "$src/corpus/$t" && find seeds regression -type f ! -name '*.expected' 2>/dev/null | sort |
     zip -q -j -@ "$OUT/${t}_seed_corpus.zip")
  cp "$src/fuzz/dict/$t.dict" "$OUT/$t.dict"
  printf '[libfuzzer]\ndict = %s.dict\nmax_len = 1024\ntimeout = 10\n' "$t" > "$OUT/$t.options"
done
for job in "${jobs_running[@]}"; do
  wait "$job"
done
