#!/usr/bin/env bash
# verify_silence: a child of `refsim verify` that prints nothing for --silence-limit seconds is
# stopped, and refsim ends with one `refsim: ` line naming it and exit 2, leaving no child and no
# temporary directory. Stand-ins, so that it always runs and takes seconds: an interpreter that
# hangs when asked for its facts; one that answers (a 3.11 64-bit release build whose headers are an
# empty Python.h here) with a compiler that hangs; the same with a compiler that only writes its
# output file, and the interpreter hanging in the probe's run (the only one started with -S).
# Usage: silence.sh REFSIM WORK_DIR
set -u
refsim=$1 work=$2
rm -rf "$work"
mkdir -p "$work/tmp" "$work/include"
: >"$work/include/Python.h"
failed=0

# The stand-ins hang in `sleep $hang`, a length of this run's own (another run of this test at the
# same time sleeps another); survivor is true while one runs (no procps needed).
hang=61.$$
survivor() {
  local cmdline
  for cmdline in /proc/[0-9]*/cmdline; do
    tr '\0' ' ' 2>/dev/null <"$cmdline" | grep -qF -- "sleep $hang" && return 0
  done
  return 1
}

# expect_stopped NAME WHO: runs refsim verify (the rest of the arguments) with a silence limit of
# 1 s and checks the exit status, the one line on stderr, the time taken and what is left behind.
expect_stopped() {
  local name=$1 who=$2 start=$SECONDS status
  shift 2
  TMPDIR=$work/tmp "$refsim" verify --silence-limit 1 "$@" >"$work/out.txt" 2>"$work/err.txt"
  status=$?
  local took=$((SECONDS - start)) lines
  lines=$(grep -c '' "$work/err.txt")
  if [[ $status != 2 ]]; then
    echo "verify_silence: FAILED: $name: exit status $status, not 2: $(cat "$work/err.txt")"; failed=1
  elif [[ $lines != 1 ]] || ! grep -q "^refsim: .*$who printed nothing for 1 s and was stopped" "$work/err.txt"; then
    echo "verify_silence: FAILED: $name: stderr is not one line naming $who as stopped:"; cat "$work/err.txt"; failed=1
  elif ((took > 30)); then  # the stand-ins sleep a minute: stopped after the limit, not waited for
    echo "verify_silence: FAILED: $name: took $took s"; failed=1
  elif compgen -G "$work/tmp/refsim-verify-*" >/dev/null; then
    echo "verify_silence: FAILED: $name: a temporary directory is left: $(ls "$work/tmp")"; failed=1
  elif survivor; then
    echo "verify_silence: FAILED: $name: a stopped child still runs"; failed=1
  else
    echo "verify_silence: $name: stopped after 1 s of silence, in $took s: $(cat "$work/err.txt")"
  fi
}

cat >"$work/scenario.json" <<'JSON'
{"format": "refsim-scenario/1", "name": "one-incref", "runtime": {"version": "3.11", "width": 64, "debug": false},
 "objects": [{"id": "obj", "kind": "heap", "refs": 1}],
 "ops": [{"op": "incref", "obj": "obj", "by": "core"}]}
JSON
printf '#!/bin/sh\nexec sleep %s\n' "$hang" >"$work/hanging-python"
# Answers verify's query (python -I -c QUERY) as a 3.11 would; hangs in the probe's run (-I -S ...).
cat >"$work/answering-python" <<SH
#!/bin/sh
if [ "\$2" = -S ]; then exec sleep $hang; fi
printf '%s\n' full_version=3.11.2 version=3.11 width=64 debug=0 free_threaded=0 include=$work/include \\
  platinclude=$work/include cflags= cc= ext_suffix=.so
SH
printf '#!/bin/sh\nexec sleep %s\n' "$hang" >"$work/hanging-cc"
# Writes the file named after -o, as a compiler that succeeds would.
printf '#!/bin/sh\nwhile [ $# -gt 0 ]; do if [ "$1" = -o ]; then : >"$2"; fi; shift; done\n' >"$work/quick-cc"
chmod +x "$work/hanging-python" "$work/answering-python" "$work/hanging-cc" "$work/quick-cc"

expect_stopped "an interpreter that hangs when queried" "it" --python "$work/hanging-python" "$work/scenario.json"
CC=$work/hanging-cc expect_stopped "a compiler that hangs" "hanging-cc" --python "$work/answering-python" \
  "$work/scenario.json"
CC=$work/quick-cc expect_stopped "a probe that hangs" "it" --python "$work/answering-python" "$work/scenario.json"
exit "$failed"
