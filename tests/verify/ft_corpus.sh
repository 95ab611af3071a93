#!/usr/bin/env bash
# verify_ft_corpus: `refsim verify` on corpus/verify/<version>t/ (a 32-bit build, sys.maxsize 2^31 - 1:
# <version>t-32/; a debug build: <version>t-debug/, <version>t-32-debug/) with every free-threaded
# interpreter found: python3.13t, python3.14t, python3.15t on PATH and the paths listed (space or
# colon separated) in REFSIM_VERIFY_PYTHONS (e.g. a source tree's ./python built with --disable-gil;
# a wrapper script that runs a 32-bit one under qemu-i386-static). Each report is checked against
# docs/schemas/refsim-verify-4.schema.json where python3 has jsonschema.
# Usage: ft_corpus.sh REFSIM SOURCE_DIR WORK_DIR. Exit 0 all agree, 1 a disagreement or a failure,
# 77 (skipped) when no free-threaded interpreter could be used (Debian 12 packages none).
set -u
source "$(dirname "$0")/check_reports.sh"
refsim=$1 source=$2 work=$3
mkdir -p "$work"
rm -f "$work"/report-*.json

candidates=()
for minor in 13 14 15; do
  found=$(command -v "python3.${minor}t" 2>/dev/null) && candidates+=("$found")
done
list=${REFSIM_VERIFY_PYTHONS:-}
for python in ${list//:/ }; do candidates+=("$python"); done

declare -A seen
used=0 failed=0
for python in "${candidates[@]}"; do
  if [[ ! -x $python ]]; then echo "verify_ft_corpus: skipped $python: not an executable"; continue; fi
  if ! answer=$("$python" -I -c 'import os, sys, sysconfig; print("%d.%d" % sys.version_info[:2], os.path.realpath(sys.executable),
                 1 if sysconfig.get_config_var("Py_GIL_DISABLED") else 0, 1 if sysconfig.get_config_var("Py_DEBUG") else 0,
                 64 if sys.maxsize > 2**32 else 32)' 2>&1); then
    first=${answer%%$'\n'*}  # qemu-i386-static that cannot open the interpreter prints nothing
    echo "verify_ft_corpus: skipped $python: it does not run (${first:-no output})"; continue
  fi
  read -r version real threaded debug bits <<<"$answer"
  [[ -n ${seen[$real]:-} ]] && continue
  seen[$real]=1
  if [[ $threaded != 1 ]]; then echo "verify_ft_corpus: skipped $python: not a free-threaded build"; continue; fi
  # A 32-bit build (sys.maxsize 2^31 - 1) runs the 32-bit corpus, a debug build the debug corpus.
  corpus=${version}t$([[ $bits == 32 ]] && echo -32)$([[ $debug == 1 ]] && echo -debug)
  if [[ ! -d $source/corpus/verify/$corpus ]]; then
    echo "verify_ft_corpus: skipped $python: Python $corpus has no corpus/verify/$corpus"; continue
  fi
  report="$work/report-$corpus-$used.json"
  start=$SECONDS
  "$refsim" verify --python "$python" --report "$report" "$source/corpus/verify/$corpus" >"$work/out.txt" 2>"$work/err.txt"
  case $? in
    0) echo "verify_ft_corpus: $python ($corpus): $(tail -n 1 "$work/out.txt") [$((SECONDS - start)) s]"
       used=$((used + 1)) ;;
    1) echo "verify_ft_corpus: FAILED $python ($corpus): disagreements:"; grep -v ': step ' "$work/err.txt"
       grep 'expect failed' "$work/out.txt"; failed=1 ;;
    *) echo "verify_ft_corpus: FAILED $python: $(grep -v ': step ' "$work/err.txt" | head -n 3)"; failed=1 ;;
  esac
  # A default build's scenario on a free-threaded interpreter is a mismatch (exit 2) that says so.
  "$refsim" verify --python "$python" "$source/corpus/verify/3.13/none-traffic-3.13-64.json" >"$work/out.txt" 2>"$work/err.txt"
  status=$?
  if [[ $status != 2 ]] || ! grep -q "free-threading mismatch" "$work/err.txt"; then
    echo "verify_ft_corpus: FAILED: a default-build scenario on $python gave exit $status: $(cat "$work/err.txt")"; failed=1
  fi
done

# Every report against docs/schemas/refsim-verify-4.schema.json.
check_reports verify_ft_corpus "$source/docs/schemas/refsim-verify-4.schema.json" "$work"

[[ $failed == 1 ]] && exit 1
[[ $used == 0 ]] && { echo "verify_ft_corpus: no free-threaded interpreter found (python3.13t/3.14t/3.15t on PATH or REFSIM_VERIFY_PYTHONS): skipped"; exit 77; }
exit 0
