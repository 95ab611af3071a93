#!/usr/bin/env bash
# verify_silence: a child of `refsim verify` that prints nothing for --silence-limit seconds is
# stopped, and refsim ends with one `refsim: ` line naming it and exit 2, leaving no child and no
# temporary directory: an interpreter that hangs when asked for its facts (always run: a stand-in
# script), a compiler that hangs and a probe that hangs (these two with a real interpreter and its
# headers: $REFSIM_VERIFY_PYTHON, else Debian's /usr/bin/python3.11; skipped, saying why, without).
# Usage: silence.sh REFSIM WORK_DIR
set -u
refsim=$1 work=$2
rm -rf "$work"
mkdir -p "$work/tmp"
failed=0

# The stand-ins hang in `sleep $hang`, a length no other process here sleeps; survivor is true while one
# runs (no procps needed).
hang=61.25
survivor() {
  local cmdline
  for cmdline in /proc/[0-9]*/cmdline; do
    tr '\0' ' ' 2>/dev/null <"$cmdline" | grep -qF -- "sleep $hang" && return 0
  done
  return 1
}

# expect_stopped NAME WHO LIMIT: runs refsim verify (the rest of the arguments) with a silence limit
# of LIMIT seconds and checks the exit status, the one line on stderr, the time taken and what is
# left behind.
expect_stopped() {
  local name=$1 who=$2 limit=$3 start=$SECONDS status
  shift 3
  TMPDIR=$work/tmp "$refsim" verify --silence-limit "$limit" "$@" >"$work/out.txt" 2>"$work/err.txt"
  status=$?
  local took=$((SECONDS - start)) lines
  lines=$(grep -c '' "$work/err.txt")
  if [[ $status != 2 ]]; then
    echo "verify_silence: FAILED: $name: exit status $status, not 2: $(cat "$work/err.txt")"; failed=1
  elif [[ $lines != 1 ]] || ! grep -q "^refsim: .*$who printed nothing for $limit s and was stopped" "$work/err.txt"; then
    echo "verify_silence: FAILED: $name: stderr is not one line naming $who as stopped:"; cat "$work/err.txt"; failed=1
  elif ((took > limit + 30)); then  # the stand-ins sleep 61 s: stopped after the limit, not waited for
    echo "verify_silence: FAILED: $name: took $took s"; failed=1
  elif compgen -G "$work/tmp/refsim-verify-*" >/dev/null; then
    echo "verify_silence: FAILED: $name: a temporary directory is left: $(ls "$work/tmp")"; failed=1
  elif survivor; then
    echo "verify_silence: FAILED: $name: a stopped child still runs"; failed=1
  else
    echo "verify_silence: $name: stopped after $limit s of silence, in $took s: $(cat "$work/err.txt")"
  fi
}

cat >"$work/scenario.json" <<'JSON'
{"format": "refsim-scenario/1", "name": "one-incref", "runtime": {"version": "3.11", "width": 64, "debug": false},
 "objects": [{"id": "obj", "kind": "heap", "refs": 1}],
 "ops": [{"op": "incref", "obj": "obj", "by": "core"}]}
JSON
# A command that never answers.
printf '#!/bin/sh\nexec sleep %s\n' "$hang" >"$work/hanging-python"
chmod +x "$work/hanging-python"
expect_stopped "an interpreter that hangs when queried" "it" 1 --python "$work/hanging-python" "$work/scenario.json"

python=${REFSIM_VERIFY_PYTHON:-/usr/bin/python3.11}
if [[ ! -x $python ]] || ! "$python" -I -c 'import os, sys, sysconfig
sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' 2>/dev/null; then
  echo "verify_silence: the compiler's and the probe's cases skipped: $python or its headers (Python.h) not found"
  exit "$failed"
fi
read -r version bits debug <<<"$("$python" -I -c 'import struct, sys
print("%d.%d" % sys.version_info[:2], struct.calcsize("P") * 8, "true" if hasattr(sys, "gettotalrefcount") else "false")')"
cat >"$work/scenario.json" <<JSON
{"format": "refsim-scenario/1", "name": "one-incref", "runtime": {"version": "$version", "width": $bits, "debug": $debug},
 "objects": [{"id": "obj", "kind": "heap", "refs": 1}],
 "ops": [{"op": "incref", "obj": "obj", "by": "core"}]}
JSON
printf '#!/bin/sh\nexec sleep %s\n' "$hang" >"$work/hanging-cc"
chmod +x "$work/hanging-cc"
CC=$work/hanging-cc expect_stopped "a compiler that hangs" "hanging-cc" 1 --python "$python" "$work/scenario.json"
# The interpreter answers its query, then hangs in the probe's run (the only one started with -S).
# The limit leaves the real compiler, silent while it compiles the probe, its time.
printf '#!/bin/sh\nif [ "$2" = -S ]; then exec sleep %s; fi\nexec %s "$@"\n' "$hang" "$python" \
  >"$work/python-hanging-in-probe"
chmod +x "$work/python-hanging-in-probe"
expect_stopped "a probe that hangs" "it" 15 --python "$work/python-hanging-in-probe" "$work/scenario.json"
exit "$failed"
