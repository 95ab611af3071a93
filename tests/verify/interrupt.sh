#!/usr/bin/env bash
# verify_interrupt: SIGINT or SIGTERM sent to `refsim verify` while its probe runs removes the
# private $TMPDIR/refsim-verify-XXXXXX, ends the probe's child and ends refsim by that signal.
# Usage: interrupt.sh REFSIM WORK_DIR. The interpreter: $REFSIM_VERIFY_PYTHON, else Debian's
# /usr/bin/python3.11; exit 77 (skipped, saying why) when it or its headers are missing.
set -u
refsim=$1 work=$2
test=verify_interrupt
source "$(dirname "$0")/one_interpreter.sh"
rm -rf "$work"
mkdir -p "$work/tmp"
# 2^34 legacy increfs: half a minute of probe, ended by the signal long before.
cat >"$work/long.json" <<EOF
{"format": "refsim-scenario/1", "name": "long", "runtime": {"version": "$version", "width": $bits, "debug": $debug},
 "objects": [{"id": "obj", "kind": "heap", "refs": 1}],
 "ops": [{"op": "incref", "obj": "obj", "by": "ext-3.11", "count": 17179869184}]}
EOF

failed=0
for signal in INT TERM; do
  # --default-signal: a background job of a script starts with SIGINT ignored, which verify keeps.
  TMPDIR=$work/tmp env --default-signal=INT "$refsim" verify --python "$python" "$work/long.json" \
    >"$work/out.txt" 2>"$work/err.txt" &
  pid=$!
  for _ in $(seq 1 600); do  # the program file is written just before the probe's child starts
    compgen -G "$work/tmp/refsim-verify-*/program-0.txt" >/dev/null && break
    sleep 0.1
  done
  dir=$(compgen -G "$work/tmp/refsim-verify-*")
  if [[ -z $dir ]]; then
    echo "verify_interrupt: FAILED: SIG$signal: no temporary directory appeared: $(cat "$work/err.txt")"
    kill "$pid"; wait "$pid"; failed=1; continue
  fi
  sleep 1
  kill -s "$signal" "$pid"
  wait "$pid"
  status=$?
  want=$((128 + $(kill -l "$signal")))
  child=  # a process whose command line names the directory: the probe's child (no procps needed)
  for _ in $(seq 1 50); do  # it gets SIGTERM from its parent's death; give it up to 5 s to end
    child=
    for cmdline in /proc/[0-9]*/cmdline; do
      tr '\0' ' ' 2>/dev/null <"$cmdline" | grep -qF -- "$dir/" && child="${cmdline//[^0-9]/} $(tr '\0' ' ' 2>/dev/null <"$cmdline")"
    done
    [[ -z $child ]] && break
    sleep 0.1
  done
  if [[ $status != "$want" ]]; then
    echo "verify_interrupt: FAILED: SIG$signal: exit status $status, not $want: $(cat "$work/err.txt")"; failed=1
  elif [[ -e $dir ]]; then
    echo "verify_interrupt: FAILED: SIG$signal: $dir is left: $(ls -A "$dir" | tr '\n' ' ')"; failed=1
  elif [[ -n $child ]]; then
    echo "verify_interrupt: FAILED: SIG$signal: the probe's child still runs: $child"; failed=1
    kill "${child%% *}"
  else
    echo "verify_interrupt: SIG$signal: exit $status, $dir removed, the probe's child ended"
  fi
  rm -rf "$work/tmp"/*
done
exit $failed
