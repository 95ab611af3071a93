#!/usr/bin/env bash
# The issue's check: `refsim compare --format json | jq -r ...` reads pep683-r2 64-bit's ext311-decref
# mortal threshold as 576460752303423489 exactly, with Debian 12's jq 1.6 (which rounds JSON numbers
# above 2^53 to doubles: as a number it read 576460752303423500). Skips (exit 77) without jq.
set -euo pipefail
refsim="$1"
if ! command -v jq >/dev/null; then echo "jq is not installed: skipped"; exit 77; fi
echo "$(jq --version)"
got=$("$refsim" compare --format json --runtime pep683-r2 --width 64 --strategy as-shipped --threat ext311-decref |
  jq -r '.rows[] | select(.version == "pep683-r2" and .width == 64 and .strategy == "as-shipped"
                          and .threat == "ext311-decref") | .mortal.n')
echo "pep683-r2 64-bit ext311-decref mortal.n = $got"
[[ "$got" == 576460752303423489 ]] || { echo "expected 576460752303423489"; exit 1; }
# And on the default selection, every count jq reads back is the decimal text refsim wrote.
"$refsim" compare --format json |
  jq -e '[.rows[] | (.mortal, .dealloc, .crash, .overflow, .immortal) | select(. != null) | .n, .steps] | all(type == "string" and test("^(0|[1-9][0-9]*)$"))' >/dev/null ||
  { echo "a count is not a decimal string"; exit 1; }
echo ok
