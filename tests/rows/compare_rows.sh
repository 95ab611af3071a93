#!/usr/bin/env bash
# refsim compare covers the fictional version and origin: their rows are in the default (every
# version, every threat) JSON report, with exact counts, and each can be asked for by name.
# Usage: compare_rows.sh REFSIM
set -euo pipefail
refsim=$1
default=$("$refsim" compare --width 8 --format json)
rows=$(jq '[.rows[] | select(.version == "3.16")] | length' <<<"$default")
echo "3.16 rows in the default compare: $rows"
[ "$rows" -gt 0 ]
# The ext-3.16 origin's threats come from its origin row (analysis/origin_threats.h).
threats=$(jq -c '[.rows[] | .threat | select(startswith("ext316-"))] | unique' <<<"$default")
echo "ext-3.16 threats in the default compare: $threats"
[ "$threats" = '["ext316-decref","ext316-incref"]' ]
# None at 0x28 (8 bits, bit 0x20): nine unpaired ext-3.11 decrefs make it mortal.
mortal=$("$refsim" compare --runtime 3.16 --width 8 --strategy as-shipped --threat ext311-decref --format json |
  jq -r '[.rows[] | select(.version == "3.16")][0].mortal.n')
echo "3.16, 8 bits, ext311-decref on None: mortal after $mortal"
[ "$mortal" = "9" ]
# ext-3.16 code on a PEP 683 round 2 runtime at 8 bits (tests/rows/v316.h: its code skips a word
# with bit 0x20 set, else full-word ++ / --). None starts at 0x18 (round 2's bit 0x10 plus half).
# Decrefs: never skipped on the way down; 0x0F, after 9, has bit 0x10 clear (mortal); 0 after 24
# is tp_dealloc. Increfs: 0x20, after 8, has bit 0x10 clear (mortal) and bit 0x20 set, so every
# later one is skipped: the word stays at 0x20, never immortal again and never overflowing (ext-3.11's
# increfs on the same row go on: immortal again at 0x30 after 24, overflow after 104).
ext316=$("$refsim" compare --runtime pep683-r2 --width 8 --strategy as-shipped --threat ext316-decref,ext316-incref \
  --format json | jq -c '[.rows[] | {threat, mortal: .mortal.n, dealloc: .dealloc.n, immortal: .immortal.n,
                                     overflow: .overflow.n, immortal_at_end}]')
echo "pep683-r2, 8 bits, None: $ext316"
[ "$ext316" = '[{"threat":"ext316-decref","mortal":"9","dealloc":"24","immortal":null,"overflow":null,"immortal_at_end":false},{"threat":"ext316-incref","mortal":"8","dealloc":null,"immortal":null,"overflow":null,"immortal_at_end":false}]' ]
