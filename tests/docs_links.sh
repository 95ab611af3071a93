#!/usr/bin/env bash
# docs_links: the repository's documentation stays inside the repository. Fails when a tracked file
# points at the reference notes outside it, when README.md is longer than 250 lines, or when a
# relative Markdown link in README.md or docs/*.md names a file (or a heading) that does not exist.
# Usage: tests/docs_links.sh SOURCE_DIR. Reads only; writes nothing.
set -euo pipefail

root="$(cd "${1:?usage: docs_links.sh SOURCE_DIR}" && pwd -P)"
cd "$root"
failures=0
fail() { echo "docs_links: $*" >&2; failures=$((failures + 1)); }

# The files to scan: the tracked ones, or (outside a git checkout) every file but build output.
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git -C "$root" ls-files)
else
  mapfile -t files < <(find . -path ./build -prune -o -path ./.git -prune -o -type f -print | sed 's|^\./||')
fi

# 1. No file points outside the repository at the notes folder (spelt in two pieces so that this
#    script does not match itself).
notes="shared"
hits=$(printf '%s\0' "${files[@]}" | xargs -0 grep -I -n -H -F -e "../$notes/" -e "/work/$notes" -- 2>/dev/null || true)
if [ -n "$hits" ]; then
  while IFS= read -r hit; do fail "$hit: points outside the repository"; done <<< "$hits"
fi

# 2. README.md is what a newcomer reads first: at most 250 lines.
lines=$(wc -l < README.md)
[ "$lines" -le 250 ] || fail "README.md has $lines lines (at most 250)"

# GitHub's anchor for each heading of a Markdown file (outside fenced code blocks).
anchors() {
  awk '/^```/ { fence = !fence; next }
       !fence && /^#+ / {
         h = $0; sub(/^#+ +/, "", h); h = tolower(h)
         gsub(/[^a-z0-9 _-]/, "", h); gsub(/ /, "-", h); print h }' "$1"
}

# 3. Every relative link of README.md and docs/*.md names an existing file inside the repository,
#    and its #anchor, if any, a heading of that file. Links in fenced code and `code spans` are text.
links() {
  awk '/^```/ { fence = !fence; next }
       !fence {
         line = $0; gsub(/`[^`]*`/, "", line)
         while (match(line, /\]\([^)]*\)/)) {
           print substr(line, RSTART + 2, RLENGTH - 3)
           line = substr(line, RSTART + RLENGTH)
         } }' "$1"
}

for doc in README.md docs/*.md; do
  dir=$(dirname "$doc")
  while IFS= read -r target; do
    case "$target" in
      http://* | https://* | mailto:*) continue ;;
      /*) fail "$doc: link to an absolute path: $target"; continue ;;
    esac
    path="${target%%#*}"
    anchor=""
    [[ "$target" == *"#"* ]] && anchor="${target#*#}"
    if [ -z "$path" ]; then
      file="$doc"
    else
      file="$dir/$path"
      if [ ! -e "$file" ]; then
        fail "$doc: link to a file that does not exist: $target"
        continue
      fi
      resolved="$(cd "$(dirname "$file")" && pwd -P)"
      case "$resolved/" in
        "$root"/*) ;;
        *) fail "$doc: link outside the repository: $target"; continue ;;
      esac
    fi
    if [ -n "$anchor" ] && [[ "$file" == *.md ]] && ! anchors "$file" | grep -qxF -- "$anchor"; then
      fail "$doc: link to a heading that does not exist: $target"
    fi
  done < <(links "$doc")
done

if [ "$failures" -ne 0 ]; then
  echo "docs_links: $failures problem(s)" >&2
  exit 1
fi
echo "docs_links: README.md has $lines lines; ${#files[@]} files scanned; every link resolves"
