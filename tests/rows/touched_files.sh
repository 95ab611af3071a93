#!/usr/bin/env bash
# The files a new family and origin touch, as the fictional-rows build touches them, and as
# README.md's "How to add a CPython version" and docs/ADDING-A-VERSION.md name them: each of the
# build's stand-ins (CMakeLists.txt's REFSIM_EXTRA_*) is included by exactly the real file it stands
# for and by no other source file, both pages name every such file, and README's section names no
# other file of model/ or props/.
# Usage: touched_files.sh SOURCE_DIR
set -euo pipefail
src=$1
status=0
problem() { echo "touched_files: $*"; status=1; }

# stand-in define -> the file whose one #include (or table end) it stands for
declare -A stands_for=(
  [REFSIM_EXTRA_ROWS]=model/names.def
  [REFSIM_EXTRA_SEMANTICS]=model/semantics/rows.h
  [REFSIM_EXTRA_PROPS_FACTS]=props/facts/rows.h
)
defined=$(grep -o 'REFSIM_EXTRA_[A-Z_]*="tests/rows/[^"]*"' "$src/CMakeLists.txt" | sort)
[[ $(wc -l <<<"$defined") -eq ${#stands_for[@]} ]] ||
  problem "CMakeLists.txt defines other stand-ins than ${!stands_for[*]}: $defined"

readme=$(sed -n '/^## How to add a CPython version/,/^## /p' "$src/README.md")
guide=$(cat "$src/docs/ADDING-A-VERSION.md")
for define in "${!stands_for[@]}"; do
  file=${stands_for[$define]}
  grep -q "^$define=\"tests/rows/" <<<"$defined" || problem "CMakeLists.txt does not define $define"
  includers=$(cd "$src" && grep -rl --include='*.h' --include='*.cc' --include='*.def' "^#include $define\$" \
                model io analysis campaign fuzz props tools verify tests bench 2>/dev/null | sort || true)
  [[ "$includers" == "$file" ]] || problem "$define is included by '${includers//$'\n'/ }', not by $file alone"
  grep -qF "\`$file\`" <<<"$readme" || problem "README.md's section does not name $file"
  grep -qF "\`$file\`" <<<"$guide" || problem "docs/ADDING-A-VERSION.md does not name $file"
  echo "touched_files: $file (stand-in $define)"
done
# The new files: a semantics header and a facts row, in the folders both pages name.
for file in 'model/semantics/<family>.h' 'props/facts/<family>.h'; do
  grep -qF "\`$file\`" <<<"$readme" || problem "README.md's section does not name $file"
  grep -qF "\`$file\`" <<<"$guide" || problem "docs/ADDING-A-VERSION.md does not name $file"
done
# README's section names no other file of model/ or props/ (folders, ending in /, are no files).
allowed=" ${stands_for[*]} model/semantics/<family>.h props/facts/<family>.h "
while read -r path; do
  [[ -z "$path" || "$path" == */ || "$allowed" == *" $path "* ]] || problem "README.md's section names $path, which the fictional build does not touch"
done < <(grep -o '`\(model\|props\)/[^`]*`' <<<"$readme" | tr -d '`' | sort -u)
exit $status
