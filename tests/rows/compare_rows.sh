#!/usr/bin/env bash
# refsim compare covers the fictional version: its rows are in the default (every version) JSON
# report with exact counts, and it can be asked for by name. Usage: compare_rows.sh REFSIM
set -euo pipefail
refsim=$1
rows=$("$refsim" compare --width 8 --format json | jq '[.rows[] | select(.version == "3.16")] | length')
echo "3.16 rows in the default compare: $rows"
[ "$rows" -gt 0 ]
# None at 0x28 (8 bits, bit 0x20): nine unpaired ext-3.11 decrefs make it mortal.
mortal=$("$refsim" compare --runtime 3.16 --width 8 --strategy as-shipped --threat ext311-decref --format json |
  jq -r '[.rows[] | select(.version == "3.16")][0].mortal.n')
echo "3.16, 8 bits, ext311-decref on None: mortal after $mortal"
[ "$mortal" = "9" ]
