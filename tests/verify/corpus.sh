#!/usr/bin/env bash
# verify_corpus: `refsim verify` on corpus/verify/<version>/ with every interpreter found, and the
# extension origin of another version's headers where two pyenv versions allow it.
# Usage: corpus.sh REFSIM SOURCE_DIR WORK_DIR. Exit 0 all agree, 1 a disagreement, or verify failing
# (exit 2) on an interpreter whose headers are installed (Debian's python3.11 and python3.11d in CI,
# ci/deps; every pyenv version), 77 (skipped) when no interpreter could be used. A debug build runs corpus/verify/<version>-debug.
set -u
source "$(dirname "$0")/check_reports.sh"
refsim=$1 source=$2 work=$3
mkdir -p "$work"
rm -f "$work"/report-*.json

candidates=(/usr/bin/python3.11 /usr/bin/python3.11d)
for minor in 11 12 13 14 15; do
  found=$(command -v "python3.$minor" 2>/dev/null) && candidates+=("$found")
done
for python in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/*/bin/python3; do candidates+=("$python"); done
list=${REFSIM_VERIFY_PYTHONS:-}
for python in ${list//:/ }; do candidates+=("$python"); done

declare -A seen include_of last_of_version
used=0 failed=0
for python in "${candidates[@]}"; do
  if [[ ! -x $python ]]; then echo "verify_corpus: skipped $python: not an executable"; continue; fi
  if ! answer=$("$python" -I -c 'import os, sys, sysconfig; print("%d.%d" % sys.version_info[:2], os.path.realpath(sys.executable),
                 "t" if sysconfig.get_config_var("Py_GIL_DISABLED") else "-", "-debug" if hasattr(sys, "gettotalrefcount") else "")' 2>&1); then
    echo "verify_corpus: skipped $python: it does not run (${answer%%$'\n'*})"; continue
  fi
  read -r version real threaded build <<<"$answer"
  if [[ $threaded == t ]]; then echo "verify_corpus: skipped $python: free-threaded (verify_ft_corpus runs it)"; continue; fi
  version+=$build  # a debug build runs corpus/verify/<version>-debug
  [[ -n ${seen[$real]:-} ]] && continue  # the same interpreter by another name (a pyenv shim)
  seen[$real]=1
  if [[ ! -d $source/corpus/verify/$version ]]; then
    echo "verify_corpus: skipped $python: Python $version has no corpus/verify/$version"; continue
  fi
  report="$work/report-${version}-$used.json"
  start=$SECONDS
  "$refsim" verify --python "$python" --report "$report" "$source/corpus/verify/$version" >"$work/out.txt" 2>"$work/err.txt"
  status=$?
  case $status in
    0) echo "verify_corpus: $python ($version): $(tail -n 1 "$work/out.txt") [$((SECONDS - start)) s]"
       used=$((used + 1))
       include_of[$version]=$("$python" -I -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
       last_of_version[${version/./}]=$python
       [[ $python == /usr/bin/python3.11 ]] && debian_ok=1 ;;
    1) echo "verify_corpus: FAILED $python ($version): disagreements:"; grep -v ': step ' "$work/err.txt"
       failed=1 ;;
    *) # An interpreter with its headers installed can be verified: exit 2 is then a failure (a
       # probe that does not build, a scenario of its own corpus refused); without them, a skip.
       include=$("$python" -I -c 'import sysconfig; print(sysconfig.get_paths()["include"])' 2>/dev/null)
       if [[ -n $include && -f $include/Python.h ]]; then
         echo "verify_corpus: FAILED $python ($version): $(grep -v ': step ' "$work/err.txt" | head -n 3)"; failed=1
       else
         echo "verify_corpus: skipped $python: no Python.h at ${include:-its include path}: $(grep -v ': step ' "$work/err.txt" | head -n 1)"
       fi ;;
  esac
done

# Another version's inline code: ext-3.12 compiled with 3.12's headers, run on 3.13 (and back).
for pair in "3.13 3.12" "3.12 3.13"; do
  read -r runtime ext <<<"$pair"
  python=${last_of_version[${runtime/./}]:-}
  headers=${include_of[$ext]:-}
  if [[ -z $python || -z $headers ]]; then
    echo "verify_corpus: skipped ext-$ext on $runtime: needs a $runtime interpreter and $ext headers that verified"; continue
  fi
  if "$refsim" verify --python "$python" --headers "$ext=$headers" "$source/tests/verify/data/ext-$ext-on-$runtime-64.json" \
      >"$work/out.txt" 2>"$work/err.txt"; then
    echo "verify_corpus: ext-$ext on $python: $(tail -n 1 "$work/out.txt")"
  else
    echo "verify_corpus: FAILED ext-$ext on $python:"; cat "$work/err.txt"; failed=1
  fi
done

# Headers of another version given for ext-3.12: refused before anything runs (exit 2), naming both.
if [[ -n ${include_of[3.13]:-} && -n ${last_of_version[313]:-} ]]; then
  "$refsim" verify --python "${last_of_version[313]}" --headers "3.12=${include_of[3.13]}" \
    "$source/tests/verify/data/ext-3.12-on-3.13-64.json" >"$work/out.txt" 2>"$work/err.txt"
  status=$?
  if [[ $status != 2 ]] || ! grep -q "version mismatch: ext-3.12 needs 3.12 headers" "$work/err.txt"; then
    echo "verify_corpus: FAILED: 3.13 headers as 3.12's gave exit $status: $(cat "$work/err.txt")"; failed=1
  fi
else
  echo "verify_corpus: skipped the --headers version check: needs a 3.13 interpreter that verified"
fi

# The command's verdicts on Debian's 3.11: a runtime mismatch is exit 2 naming it; an expect block
# that the model contradicts is exit 1 and printed.
python=/usr/bin/python3.11
if [[ -n ${seen[$(readlink -f $python 2>/dev/null)]:-} && -n ${debian_ok:-} ]]; then
  "$refsim" verify --python "$python" "$source/corpus/verify/3.12/none-traffic-3.12-64.json" >"$work/out.txt" 2>"$work/err.txt"
  status=$?
  if [[ $status != 2 ]] || ! grep -q "version mismatch: the scenario's runtime is 3.12" "$work/err.txt"; then
    echo "verify_corpus: FAILED: a 3.12 scenario on $python gave exit $status: $(cat "$work/err.txt")"; failed=1
  fi
  "$refsim" verify --python "$python" "$source/tests/verify/data/wrong-expect-3.11-64.json" >"$work/out.txt" 2>"$work/err.txt"
  status=$?
  if [[ $status != 1 ]] || ! grep -q "expect failed: outcome" "$work/out.txt"; then
    echo "verify_corpus: FAILED: a wrong expect on $python gave exit $status: $(cat "$work/out.txt")"; failed=1
  fi
else
  echo "verify_corpus: skipped the exit-status checks: $python did not verify"
fi

# Every report against docs/schemas/refsim-verify-3.schema.json.
check_reports verify_corpus "$source/docs/schemas/refsim-verify-3.schema.json" "$work"

[[ $failed == 1 ]] && exit 1
[[ $used == 0 ]] && { echo "verify_corpus: no interpreter could be used"; exit 77; }
exit 0
