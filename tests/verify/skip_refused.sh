#!/usr/bin/env bash
# verify_skip_refused: `refsim verify --skip-refused` runs what the interpreter can run faithfully
# and names every scenario it leaves out with its reason; without the flag the first refusal stops
# the run (exit 2, one line); when nothing is left, exit 2 says so.
# Usage: skip_refused.sh REFSIM WORK_DIR. The interpreter: $REFSIM_VERIFY_PYTHON, else Debian's
# /usr/bin/python3.11; exit 77 (skipped, saying why) when it or its headers are missing.
set -u
refsim=$1 work=$2
[[ -n $work && $work != / ]] || { echo "verify_skip_refused: no work folder given"; exit 2; }
test=verify_skip_refused
source "$(dirname "$0")/one_interpreter.sh"
other=3.14
[[ $version == 3.14 ]] && other=3.13
rm -rf "$work"
mkdir -p "$work/in"
runtime="\"version\": \"$version\", \"width\": $bits, \"debug\": $debug"
# In the order verify reads a folder: a-runs (runnable), b-gc (a collection: refused), c-other
# (another version: refused).
printf '%s\n' "{\"format\": \"refsim-scenario/1\", \"name\": \"a-runs\", \"runtime\": {$runtime},
 \"objects\": [{\"id\": \"obj\", \"kind\": \"heap\", \"refs\": 1}],
 \"ops\": [{\"op\": \"incref\", \"obj\": \"obj\", \"by\": \"ext-3.11\", \"count\": 2},
         {\"op\": \"decref\", \"obj\": \"obj\", \"by\": \"ext-3.11\", \"count\": 3}]}" >"$work/in/a-runs.json"
printf '%s\n' "{\"format\": \"refsim-scenario/1\", \"name\": \"b-gc\", \"runtime\": {$runtime},
 \"objects\": [{\"id\": \"obj\", \"kind\": \"heap\", \"refs\": 1}],
 \"ops\": [{\"op\": \"gc\"}, {\"op\": \"decref\", \"obj\": \"obj\", \"by\": \"core\"}]}" >"$work/in/b-gc.json"
sed "s/\"version\": \"$version\"/\"version\": \"$other\"/; s/a-runs/c-other/" "$work/in/a-runs.json" >"$work/in/c-other.json"

failed=0
fail() { echo "verify_skip_refused: FAILED: $*"; failed=1; }

# Without the flag: the first refusal stops everything, in one line.
"$refsim" verify --python "$python" "$work/in" >"$work/out1.txt" 2>"$work/err1.txt"
status=$?
[[ $status == 2 ]] || fail "without --skip-refused: exit $status, expected 2"
if [[ $(wc -l <"$work/err1.txt") != 1 ]] || ! grep -q "^refsim: .*b-gc.json: cannot verify on " "$work/err1.txt"; then
  fail "without --skip-refused: expected one line naming b-gc.json: $(cat "$work/err1.txt")"
fi
[[ ! -s $work/out1.txt ]] || fail "without --skip-refused: a report was printed"

# With it: a-runs is verified (and agrees), the other two are named with their reasons.
"$refsim" verify --python "$python" --skip-refused --report "$work/report-skip.json" "$work/in" \
  >"$work/out2.txt" 2>"$work/err2.txt"
status=$?
[[ $status == 0 ]] || fail "with --skip-refused: exit $status, expected 0: $(cat "$work/err2.txt")"
grep -q "1 of 1 scenario agrees" "$work/out2.txt" || fail "with --skip-refused: a-runs was not verified: $(tail -3 "$work/out2.txt")"
grep -q "^refused   2 scenarios left out" "$work/out2.txt" || fail "with --skip-refused: no summary of the two refused"
grep -q "^refsim: .*b-gc.json: refused: .*gc" "$work/err2.txt" || fail "b-gc.json's refusal is not named: $(cat "$work/err2.txt")"
grep -q "^refsim: .*c-other.json: refused: version mismatch: the scenario's runtime is $other" "$work/err2.txt" ||
  fail "c-other.json's refusal is not named: $(cat "$work/err2.txt")"
[[ $(grep -c "refused:" "$work/err2.txt") == 2 ]] || fail "expected exactly two refusals: $(cat "$work/err2.txt")"
python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); sys.exit(len(r["scenarios"]) != 1)' "$work/report-skip.json" ||
  fail "the JSON report does not hold exactly the one verified scenario"
# The JSON report (refsim-verify/3) names the two left out, in input order, with their reasons.
python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
refused = r["refused"]
assert r["format"] == "refsim-verify/3", r["format"]
assert r["summary"]["refused"] == 2, r["summary"]
assert [e["file"].rsplit("/", 1)[-1] for e in refused] == ["b-gc.json", "c-other.json"], refused
assert "gc" in refused[0]["reason"], refused[0]
assert refused[1]["reason"].startswith("version mismatch: the scenario\x27s runtime is " + sys.argv[2]), refused[1]
' "$work/report-skip.json" "$other" || fail "the JSON report's refused list: $(cat "$work/report-skip.json")"
# ... and follows its schema (skipped, saying so, without python3's jsonschema).
source "$(dirname "$0")/check_reports.sh"
check_reports "$test" "$(dirname "$0")/../../docs/schemas/refsim-verify-3.schema.json" "$work"

# Nothing left: exit 2, saying so.
"$refsim" verify --python "$python" --skip-refused "$work/in/b-gc.json" "$work/in/c-other.json" \
  >"$work/out3.txt" 2>"$work/err3.txt"
status=$?
[[ $status == 2 ]] || fail "all refused: exit $status, expected 2"
grep -q "^refsim: nothing to verify on .*every scenario was refused (2); the first, .*b-gc.json: " "$work/err3.txt" ||
  fail "all refused: $(cat "$work/err3.txt")"

[[ $failed == 0 ]] && echo "verify_skip_refused: passed ($python, $version, $bits-bit)"
exit $failed
