#!/usr/bin/env bash
# Copies seed inputs into the fuzz corpus directories (corpus/<target>/, ignored by git): the repository's
# fixtures plus the small files of ../shared/robustness and ../shared/corpus. Run from anywhere.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
shared="$repo/../shared"
# Seeds larger than this slow every mutation down; libFuzzer learns more from many small files.
max_kb=256

seed() { # target, then files
  local target="$1"; shift
  mkdir -p "$here/corpus/$target"
  local f
  for f in "$@"; do
    [ -f "$f" ] || continue
    [ "$(du -k "$f" | cut -f1)" -le "$max_kb" ] || continue
    cp -f "$f" "$here/corpus/$target/$(basename "$f")"
  done
}

shopt -s nullglob
seed pdf "$repo"/fixtures/*/*.pdf "$shared"/corpus/files/*.pdf "$shared"/robustness/pdfjs/*.pdf
seed docx "$repo"/fixtures/*/*.docx "$shared"/corpus/files/*.docx "$shared"/robustness/docx/*.docx
seed odt "$repo"/fixtures/*/*.odt "$shared"/robustness/odt/*.odt "$shared"/robustness/odt/*.fodt
seed text "$repo"/fixtures/*/*.md "$shared"/corpus/files/*.md
# Inputs that once crashed a reader are seeds too (tests/data/fuzz-regressions/<target>-*).
for f in "$repo"/tests/data/fuzz-regressions/*; do
  name="$(basename "$f")"
  seed "${name%%-*}" "$f"
done
for t in pdf docx odt text; do
  echo "$t: $(ls "$here/corpus/$t" | wc -l) seeds"
done
